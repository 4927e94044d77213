#!/usr/bin/env bash
# Generates the log fixtures (PRODUCT-FACTS §4 lines, §4/§5 layouts):
#   testdata/logs/cucm-collection/   a CUCM log collection: two nodes, platform/log/certMgmt*,
#                                    tomcat/logs/catalina.out + security log4j, SDL traces, syslog
#   testdata/logs/expressway/        an Expressway diagnostic log (tvcs events, traffic_server)
#   testdata/logs/clients/           Jabber, curl, openssl s_client, Java, IOS-XE, gnutls-cli
#   testdata/logs/notes.txt          a text file that is not a log (stays ingest.unsupported)
#   testdata/rules/log.*/            the rule cases of the log rules (docs/dev/conventions.md)
# Plain files (no archives); deterministic. Runnable from any directory.
set -euo pipefail
export LC_ALL=C TZ=UTC
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TD=$(cd "$HERE/.." && pwd)
OUT=$TD/logs
AT=2026-06-01T00:00:00Z

rm -rf "$OUT"
mkdir -p "$OUT"
find "$TD/rules" -mindepth 1 -maxdepth 1 -type d -name 'log.*' -exec rm -rf {} +

# ------------------------------------------------------------------ CUCM collection
C=$OUT/cucm-collection
mkdir -p "$C/cucm-pub/platform/log" "$C/cucm-pub/tomcat/logs/security/log4j" \
  "$C/cucm-pub/cm/trace/ccm/sdl" "$C/cucm-pub/var/log/active/syslog" \
  "$C/cucm-sub1/platform/log" "$C/cucm-sub1/cm/trace/ccm/sdl" "$C/cucm-sub1/cm/trace/ccm/sdi"

# certMgmt: three successful trust imports (benign) and one refused upload
cat >"$C/cucm-pub/platform/log/certMgmt00001.log" <<'EOF'
2026-05-04 10:14:58,002 INFO  [CertMgmtImport] importing tomcat-trust certificate Example_Corp_Root_CA.pem
2026-05-04 10:15:02,114 INFO  [CertMgmtImport] cert not available in trust store ::CN=Example Corp Root CA,O=Example Corp,C=US
2026-05-04 10:15:02,220 INFO  [CertMgmtImport] Success: Certificate Uploaded
2026-05-04 10:16:40,001 INFO  [CertMgmtImport] importing tomcat-trust certificate Example_Corp_Issuing_CA_1.pem
2026-05-04 10:16:40,114 INFO  [CertMgmtImport] cert not available in trust store ::CN=Example Corp Issuing CA 1,O=Example Corp,C=US
2026-05-04 10:16:40,230 INFO  [CertMgmtImport] Success: Certificate Uploaded
2026-05-04 10:20:44,902 ERROR [CertUpload] CA Certificate is Not Available in the Trust-Store (unit=CallManager)
2026-05-04 10:21:30,500 INFO  [CertMgmtImport] cert not available in trust store ::CN=Partner Root CA,O=Partner Networks Inc,C=US
EOF

# Tomcat: Java errors with stack traces (the Caused by lines take the stamp above them)
cat >"$C/cucm-pub/tomcat/logs/catalina.out" <<'EOF'
04-May-2026 11:02:10.115 INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [20144] milliseconds
04-May-2026 11:05:31.870 SEVERE [http-nio-8443-exec-4] com.cisco.ils.ILSClient.connect ILS connection to cucm-b-pub.example.com failed
javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target
	at sun.security.ssl.Alert.createSSLException(Alert.java:131)
	at sun.security.ssl.TransportContext.fatal(TransportContext.java:324)
Caused by: sun.security.validator.ValidatorException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target
	at sun.security.validator.PKIXValidator.doBuild(PKIXValidator.java:439)
04-May-2026 11:35:31.870 SEVERE [http-nio-8443-exec-7] com.cisco.ils.ILSClient.connect ILS connection to cucm-b-pub.example.com failed
javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target
04-May-2026 12:00:00.001 WARNING [UDS-3] com.cisco.uds.Client.fetch UDS fetch from imp-pub.example.com failed
Caused by: java.security.cert.CertificateExpiredException: NotAfter: Tue Jun 30 00:00:00 UTC 2026
EOF

cat >"$C/cucm-pub/tomcat/logs/security/log4j/security00003.log" <<'EOF'
2026-05-04 11:05:31,871 ERROR [http-nio-8443-exec-4] TLS handshake with 10.20.0.5 failed: unsuitable certificate purpose
2026-05-04 11:06:00,002 INFO  [http-nio-8443-exec-5] authentication succeeded for admin
EOF

# CallManager SDL trace: the same peer fails three times, another four times (only three
# examples are kept), with the verify_cb line before each
sdl() { # SEQ TIME ADDR PORT ERRNO TEXT
  printf '%08d.001 |%s |AppInfo  |SdlSSLTCPListener::verify_cb pre-verified=0,cert verification errno= %s ,depth=0\n' "$1" "$2" "$5"
  printf '%08d.002 |%s |AppInfo  |HandleSSLError - Certificate verification failed:(Verification error: %s )- %s for %s:%s\n' "$1" "$2" "$5" "$6" "$3" "$4"
  printf '%08d.003 |%s |AppInfo  |SIPTcp - wait_SdlSPISignal: Outgoing SIP TCP message to 10.10.20.40 on port 5060\n' "$1" "$2"
}
{
  sdl 412345 10:15:02.123 10.10.20.31 5061 20 "unable to get local issuer certificate"
  sdl 412400 10:20:02.500 10.10.20.31 5061 20 "unable to get local issuer certificate"
  sdl 412500 10:25:03.000 10.10.20.31 5061 20 "unable to get local issuer certificate"
  sdl 412600 10:30:00.000 10.10.20.32 5061 10 "certificate has expired"
} >"$C/cucm-pub/cm/trace/ccm/sdl/SDL001_100_000123.txt"
{
  sdl 100 09:00:00.000 10.10.20.32 5061 10 "certificate has expired"
  sdl 200 09:10:00.000 10.10.20.32 5061 10 "certificate has expired"
  sdl 300 09:20:00.000 10.10.20.32 5061 10 "certificate has expired"
} >"$C/cucm-sub1/cm/trace/ccm/sdl/SDL002_100_000001.txt"

# CallManager SDI trace: the SIP trunk to a partner whose root is not trusted (verify error 19)
cat >"$C/cucm-sub1/cm/trace/ccm/sdi/ccm00000001.txt" <<'EOF'
00000101.000 |11:20:00.000 |AppInfo  |SIPTcp - SIPConnManager: connecting to 192.0.2.44 on port 5061
00000101.001 |11:20:00.050 |AppInfo  |HandleSSLError - Certificate verification failed:(Verification error: 19 )- self signed certificate in certificate chain for 192.0.2.44:5061
EOF

cat >"$C/cucm-pub/var/log/active/syslog/CiscoSyslog" <<'EOF'
May  4 09:00:00 cucm-pub local7 2 : 1200: cucm-pub.example.com: May 04 2026 09:00:00.120 UTC :  %UC_CERT-4-CertValidLessThanMonth: %[Message=Certificate expiration Notification][CertificateName=ipsec.pem][AppID=Cisco Certificate Expiry Monitor][ClusterID=][NodeID=cucm-pub]: Certificate expires in less than a month
May  4 10:00:00 cucm-pub local7 2 : 1204: cucm-pub.example.com: May 04 2026 10:00:00.120 UTC :  %UC_CERT-0-CertExpired: %[Message=Certificate expired][CertificateName=tomcat-ECDSA.pem][AppID=Cisco Certificate Expiry Monitor][ClusterID=][NodeID=cucm-pub]: Certificate has expired
May  4 10:31:00 cucm-pub local7 3 : 1207: cucm-pub.example.com: May 04 2026 10:31:00.500 UTC :  %UC_CALLMANAGER-3-ConnectionFailure: %[IPAddress=10.10.20.31][DeviceName=SIPTrunk-Expressway][Reason=TLS handshake failed][AppID=Cisco CallManager][ClusterID=][NodeID=cucm-pub]:
May  4 11:05:32 cucm-pub local7 3 : 1210: cucm-pub.example.com: May 04 2026 11:05:32.000 UTC :  %UC_ILS-3-ILSTLSAuthenticationFailed: %[RemoteCluster=cucm-b-pub.example.com][AppID=Cisco Intercluster Lookup Service][ClusterID=][NodeID=cucm-pub]:
May  4 11:40:00 cucm-pub local7 6 : 1213: cucm-pub.example.com: May 04 2026 11:40:00.000 UTC :  %UC_SERVICEMANAGER-6-ServiceStarted: %[ServiceName=Cisco Tomcat][AppID=Cisco Service Manager][NodeID=cucm-pub]:
EOF

cat >"$C/cucm-sub1/platform/log/certMgmt00002.log" <<'EOF'
2026-05-05 08:00:00,000 INFO  [CertMgmtImport] cert not available in trust store ::CN=Example Corp Root CA,O=Example Corp,C=US
2026-05-05 08:00:00,100 INFO  [CertMgmtImport] Success: Certificate Uploaded
EOF

# ------------------------------------------------------------------ Expressway
E=$OUT/expressway
mkdir -p "$E"
cat >"$E/loggingsnapshot_expc_20260504.txt" <<'EOF'
2026-05-04T10:30:00.001+00:00 expc tvcs: UTCTime="2026-05-04 10:30:00,001" Module="network.sip" Level="INFO" Action="Received" Src-ip="10.10.10.11" Src-port="5061" Detail="Receive Request Method=OPTIONS"
2026-05-04T10:31:07.412+00:00 expc tvcs: Event="Outbound TLS Negotiation Error" Service="SIP" Src-ip="10.10.20.31" Src-port="27314" Dst-ip="10.10.10.11" Dst-port="5061" Detail="Peer's TLS certificate identity was unacceptable" Protocol="TLS" Common-name="cucm-pub.example.com" Level="1" UTCTime="2026-05-04 10:31:07,412"
2026-05-04T10:33:40.100+00:00 expc tvcs: Event="Outbound TLS Negotiation Error" Service="SIP" Src-ip="10.10.20.31" Src-port="27320" Dst-ip="10.10.10.12" Dst-port="5061" Detail="self signed certificate in certificate chain" Protocol="TLS" Level="1" UTCTime="2026-05-04 10:33:40,100"
2026-05-04T10:43:00.001+00:00 expc tvcs: UTCTime="2026-05-04 10:43:00,001" Module="developer.ssl" Level="ERROR" CodeLocation="ttssl/ttssl_openssl.cpp(68)" Method="::TTSSL_continueHandshake" Thread="0x7f": TTSSL_continueHandshake: Failed to establish SSL connection iPAddr="10.10.10.11" port="5061"
2026-05-04T11:31:07.412+00:00 expc tvcs: Event="Outbound TLS Negotiation Error" Service="SIP" Src-ip="10.10.20.31" Src-port="27399" Dst-ip="10.10.10.11" Dst-port="5061" Detail="Peer's TLS certificate identity was unacceptable" Protocol="TLS" Common-name="cucm-pub.example.com" Level="1" UTCTime="2026-05-04 11:31:07,412"
EOF
cat >"$E/loggingsnapshot_expe_20260504.txt" <<'EOF'
2026-05-04T10:32:11.009+00:00 expe tvcs: Event="Inbound TLS Negotiation Error" Service="SIP" Src-ip="198.51.100.7" Src-port="40612" Dst-ip="203.0.113.5" Dst-port="5061" Detail="sslv3 alert certificate unknown" Protocol="TLS" Level="1" UTCTime="2026-05-04 10:32:11,009"
2026-05-04T10:40:00.001+00:00 expe traffic_server[2231]: [ET_NET 1] WARNING: Core server certificate verification failed for (cucm-pub.example.com). Action=Terminate Error=self signed certificate server=cucm-pub.example.com(10.10.10.11) depth=0
2026-05-04T10:41:00.001+00:00 expe traffic_server[2231]: [ET_NET 1] WARNING: Core server certificate verification failed for (cucm-sub1.example.com). Action=Terminate Error=unable to get local issuer certificate server=cucm-sub1.example.com(10.10.10.12) depth=1
2026-05-04T10:42:00.001+00:00 expe traffic_server[2231]: [ET_NET 1] WARNING: SNI ( cucm-pub ) not in certificate . Action=Terminate server=cucm-pub(10.10.10.11)
EOF

# ------------------------------------------------------------------ clients
K=$OUT/clients
mkdir -p "$K"
cat >"$K/jabber.log" <<'EOF'
2026-05-04 10:50:12,300 INFO  [0x00001a2c] [csf.cert] [verifyCertificate] - Verifying certificate for cucm-pub.example.com
2026-05-04 10:50:12,331 INFO  [0x00001a2c] [csf.cert] [verifyCertificate] - Verification result : FAILURE reason : [CN_NO_MATCH UNKNOWN] identifier: [cucm-pub.example.com]
EOF
cat >"$K/curl-output.txt" <<'EOF'
$ curl -v https://cucm-pub.example.com:8443/ccmadmin/
*   Trying 10.10.10.11:8443...
* Connected to cucm-pub.example.com (10.10.10.11) port 8443 (#0)
curl: (60) SSL certificate problem: unable to get local issuer certificate
More details here: https://curl.se/docs/sslcerts.html
EOF
cat >"$K/openssl-s_client.txt" <<'EOF'
CONNECTED(00000003)
depth=0 CN = cucm-pub.example.com
verify error:num=20:unable to get local issuer certificate
verify return:1
140245081231168:error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed:../ssl/statem/statem_clnt.c:1915:
EOF
cat >"$K/cube-router.log" <<'EOF'
May  4 10:55:01.123: %SIP-2-TLS_HANDSHAKE_FAILED: TLS handshake failure - remote_addr=10.10.10.11, remote_port=5061, Reason: certificate verify failed
May  4 10:55:05.000: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/0/1, changed state to up
EOF
cat >"$K/gnutls-cli.txt" <<'EOF'
Processed 140 CA certificate(s).
Connecting to '10.10.10.12:5061'...
- Status: The certificate is NOT trusted. The certificate issuer is unknown.
*** Handshake has failed (Error in the certificate verification.)
EOF

cat >"$OUT/notes.txt" <<'EOF'
Customer: Example Corp. Calls over the Expressway trunk fail since Monday.
Collected logs from both CUCM nodes and from Expressway-C and -E.
EOF

# ------------------------------------------------------------------ rule cases
# case RULE NAME : directory with args (--at pinned) and input/
case_dir() { local d=$TD/rules/$1/$2; mkdir -p "$d/input"; printf -- '--at\n%s\n' "$AT" >"$d/args"; : >"$d/expected"; echo "$d"; }
benign_input() { cp "$C/cucm-sub1/platform/log/certMgmt00002.log" "$1/input/certMgmt00002.log"; }
notlog_input() { cp "$OUT/notes.txt" "$1/input/notes.txt"; }
# fires: RULE SEVERITY NAME SRC... (SRC relative to testdata/logs; kept under input/ by basename)
fires() {
  local rule=$1 sev=$2 name=$3 d; shift 3
  d=$(case_dir "$rule" "fires-$name")
  for f in "$@"; do cp "$OUT/$f" "$d/input/"; done
}
expect() { printf '%s\t%s\t-\t%s\n' "$1" "$2" "$4" >>"$TD/rules/$1/fires-$3/expected"; }

fires log.untrusted-chain error sdl-handle-ssl-error-20 cucm-collection/cucm-pub/cm/trace/ccm/sdl/SDL001_100_000123.txt
expect log.untrusted-chain error sdl-handle-ssl-error-20 SDL001_100_000123.txt # HandleSSLError 10.10.20.31
expect log.untrusted-chain error sdl-handle-ssl-error-20 SDL001_100_000123.txt # verify_cb errno 20
fires log.untrusted-chain error expressway-e-traffic-server expressway/loggingsnapshot_expe_20260504.txt
for _ in 1 2 3; do expect log.untrusted-chain error expressway-e-traffic-server loggingsnapshot_expe_20260504.txt; done
fires log.expired error cucm-alarm-and-java cucm-collection/cucm-pub/var/log/active/syslog/CiscoSyslog cucm-collection/cucm-pub/tomcat/logs/catalina.out
expect log.expired error cucm-alarm-and-java CiscoSyslog
expect log.expired error cucm-alarm-and-java catalina.out
fires log.expiring warning cucm-alarm cucm-collection/cucm-pub/var/log/active/syslog/CiscoSyslog
expect log.expiring warning cucm-alarm CiscoSyslog
fires log.name-mismatch error jabber-cn-no-match clients/jabber.log
expect log.name-mismatch error jabber-cn-no-match jabber.log
fires log.name-mismatch error expressway-identity-unacceptable expressway/loggingsnapshot_expc_20260504.txt
expect log.name-mismatch error expressway-identity-unacceptable loggingsnapshot_expc_20260504.txt
fires log.tls-failure error iosxe-and-openssl clients/cube-router.log clients/openssl-s_client.txt
expect log.tls-failure error iosxe-and-openssl cube-router.log
expect log.tls-failure error iosxe-and-openssl openssl-s_client.txt

for rule in log.untrusted-chain log.expired log.expiring log.name-mismatch log.tls-failure; do
  benign_input "$(case_dir "$rule" passes-benign-certmgmt-import)"
  notlog_input "$(case_dir "$rule" na-text-that-is-not-a-log)"
done
# passes with real errors of other rules in the same input
cp "$K/jabber.log" "$(case_dir log.untrusted-chain passes-only-a-name-mismatch)/input/"
cp "$K/jabber.log" "$(case_dir log.expiring passes-only-a-name-mismatch)/input/"
echo "generated $OUT and testdata/rules/log.*" >&2
