#!/usr/bin/env python3
"""Write realistic CUCM / Expressway / client log files for bench/logs.sh.

gen-logs.py OUTDIR TOTAL_MB [FILE_MB]
Files rotate at FILE_MB (default 25, like CUCM trace files) under the documented layout
(cm/trace/ccm/sdl, tomcat/logs, platform/log, Expressway snapshots). About one line in 2000
is a known certificate error (the §4 lines), one in 5000 the benign certMgmt line; the rest
are ordinary trace lines. Deterministic (fixed seed).
"""
import os, random, sys

out, total_mb = sys.argv[1], int(sys.argv[2])
file_mb = int(sys.argv[3]) if len(sys.argv) > 3 else 25
rnd = random.Random(1)

ERR = [
    "|AppInfo  |HandleSSLError - Certificate verification failed:(Verification error: 20 )- unable to get local issuer certificate for 10.10.20.{h}:5061",
    "|AppInfo  |SdlSSLTCPListener::verify_cb pre-verified=0,cert verification errno= 20 ,depth=0",
    "|AppInfo  |HandleSSLError - Certificate verification failed:(Verification error: 10 )- certificate has expired for 10.10.21.{h}:5061",
]
SDL = [
    "|AppInfo  |SIPTcp - wait_SdlSPISignal: Outgoing SIP TCP message to 10.10.20.{h} on port 5060 index {n}",
    "|AppInfo  |SIPStationD(1,100,76,{n}) - ConnectionManager:wait_SdlDataInd - Incoming SIP TCP message from 10.10.22.{h} on port 51234",
    "|AppInfo  |//SIP/SIPHandler/ccbId=0/scbId=0/sip_ccb_msg_send_rtpinfo: Sending rtp info [{n}]",
    "|AppInfo  |DbCleanup::recordDbCacheHit devices={n} cache=hit",
    "|AppInfo  |StationD:    (0000{h}) OpenReceiveChannelAck Status=0, IpAddr=10.10.30.{h}, Port={n}, PartyID=16777{h}",
    "|AppInfo  |Digit Analysis: match(pi=\"2\", fqcn=\"1000{h}\", cn=\"1000{h}\",plv=\"5\", pss=\"PT_Internal:PT_Local\", TodFilteredPss=\"\", dd=\"{n}\",dac=\"0\")",
]
EXPE = [
    'expc tvcs: UTCTime="{d} {t},{ms}" Module="network.sip" Level="INFO" Action="Received" Src-ip="10.10.10.{h}" Src-port="5061" Detail="Receive Request Method=OPTIONS, Request-URI=sip:10.10.20.31:5061 Call-ID={n}"',
    'expc tvcs: Event="Search Completed" Service="SIP" Src-alias-type="SIP" Src-alias="sip:{n}@example.com" Dst-alias-type="SIP" Dst-alias="sip:100{h}@example.com" Call-serial-number="{n}" Level="1"',
]
EXPE_ERR = [
    'expc tvcs: Event="Outbound TLS Negotiation Error" Service="SIP" Src-ip="10.10.20.31" Src-port="27314" Dst-ip="10.10.10.{h}" Dst-port="5061" Detail="Peer\'s TLS certificate identity was unacceptable" Protocol="TLS" Common-name="cucm-{h}.example.com" Level="1"',
    'expe traffic_server[2231]: [ET_NET 1] WARNING: Core server certificate verification failed for (cucm-{h}.example.com). Action=Terminate Error=unable to get local issuer certificate server=cucm-{h}.example.com(10.10.10.{h}) depth=1',
]
BENIGN = "cert not available in trust store ::CN=Example Corp Root CA {h},O=Example Corp,C=US"

def sdl_file(path, size):
    seq, sec = rnd.randrange(1, 10**7), rnd.randrange(0, 80000)
    w = 0
    with open(path, "w") as f:
        buf = []
        while w < size:
            seq += 1
            sec = (sec + (seq % 3 == 0)) % 86400
            ts = "%08d.%03d |%02d:%02d:%02d.%03d " % (seq, seq % 1000, sec // 3600, sec // 60 % 60, sec % 60, seq % 1000)
            r = rnd.random()
            if r < 0.0005:
                body = rnd.choice(ERR).format(h=rnd.randrange(1, 12), n=seq)
            else:
                body = SDL[seq % len(SDL)].format(h=seq % 250, n=seq)
            line = ts + body + "\n"
            buf.append(line)
            w += len(line)
            if len(buf) >= 4096:
                f.write("".join(buf)); buf = []
        f.write("".join(buf))

def exp_file(path, size):
    n, sec = 0, 0
    w = 0
    with open(path, "w") as f:
        buf = []
        while w < size:
            n += 1
            sec = (sec + (n % 4 == 0)) % 86400
            t = "%02d:%02d:%02d" % (sec // 3600, sec // 60 % 60, sec % 60)
            r = rnd.random()
            if r < 0.0005:
                body = rnd.choice(EXPE_ERR).format(h=rnd.randrange(1, 12), n=n)
            else:
                body = EXPE[n % 2].format(d="2026-05-04", t=t, ms=n % 1000, h=n % 250, n=n)
            line = "2026-05-04T%s.%03d+00:00 %s\n" % (t, n % 1000, body)
            buf.append(line)
            w += len(line)
            if len(buf) >= 4096:
                f.write("".join(buf)); buf = []
        f.write("".join(buf))

def certmgmt_file(path, size):
    n, w = 0, 0
    with open(path, "w") as f:
        buf = []
        while w < size:
            n += 1
            sec = n % 86400
            ts = "2026-05-04 %02d:%02d:%02d,%03d" % (sec // 3600, sec // 60 % 60, sec % 60, n % 1000)
            r = rnd.random()
            if r < 0.0002:
                body = "INFO  [CertMgmtImport] " + BENIGN.format(h=n % 7)
            elif r < 0.0004:
                body = "ERROR [CertUpload] CA Certificate is Not Available in the Trust-Store (unit=tomcat)"
            else:
                body = "INFO  [CertMgmt] checking certificate tomcat-trust/cert%d.pem valid until 2030-01-01 serial %x" % (n % 500, n)
            line = ts + " " + body + "\n"
            buf.append(line); w += len(line)
            if len(buf) >= 4096:
                f.write("".join(buf)); buf = []
        f.write("".join(buf))

total = total_mb * 1024 * 1024
fsize = file_mb * 1024 * 1024
i = 0
while i * fsize < total:
    node = "cucm-pub" if i % 2 == 0 else "cucm-sub1"
    kind = i % 5
    if kind in (0, 1, 2):
        d = os.path.join(out, node, "cm/trace/ccm/sdl"); name = "SDL%03d_100_%06d.txt" % (i % 2 + 1, i)
        fn = sdl_file
    elif kind == 3:
        d = os.path.join(out, "expressway"); name = "loggingsnapshot_expc_%06d.txt" % i
        fn = exp_file
    else:
        d = os.path.join(out, node, "platform/log"); name = "certMgmt%05d.log" % i
        fn = certmgmt_file
    os.makedirs(d, exist_ok=True)
    fn(os.path.join(d, name), min(fsize, total - i * fsize))
    i += 1
