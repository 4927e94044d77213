#!/usr/bin/env bash
# Generates the rule cases of the Expressway renewal, peer and name rules:
#   testdata/rules/{expressway.renewal-san-changed, expressway.renewal-ca-changed,
#     expressway.mra-domain-san, expressway.profile-name-san, expressway.private-ca-for-edge,
#     expressway.ip-not-in-san, expressway.shared-private-key}/<case>/{args,expected,input/}
#   testdata/rules/expressway-peer-README.md
# Inputs look like what a customer sends: one folder per Expressway node holding
# tandberg/persistent/certs/server.pem (role expressway-server) and trusted-ca-list.pem (the
# trusted CA list); renewals as <node>/renewal/server.pem; CUCM nodes as <node>/tomcat.pem.
# Layout, object ids and the `expected` format: docs/dev/conventions.md.
#
# Tools: openssl 3, GnuTLS certtool, python3 (the capture is written byte by byte: no
# network, no tcpdump). Keys are random on every run (ids change); validity dates are fixed,
# so with --at 2026-06-01T00:00:00Z results are exact. Idempotent: deletes and regenerates
# only the dirs above. Runnable from any directory.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v python3 >/dev/null || die "required tool 'python3' not found"
mk_work
W=$WORK
OUT=$TESTDATA_DIR/rules
AT=2026-06-01T00:00:00Z

declare -A SEV=(
  [expressway.renewal-san-changed]=warning [expressway.renewal-ca-changed]=warning
  [expressway.mra-domain-san]=error [expressway.profile-name-san]=error
  [expressway.private-ca-for-edge]=warning [expressway.ip-not-in-san]=error
  [expressway.shared-private-key]=warning
)
for r in "${!SEV[@]}"; do reset_dir "$OUT/$r"; done
README=$OUT/expressway-peer-README.md

# ---------------------------------------------------------------- certificates

# ca NAME "CN" [ISSUER]   RSA 2048 CA, 2024-01-01 .. 2036-01-01, self-signed or by ISSUER
ca() {
  local n=$1 cn=$2 iss=${3:-}
  key_rsa "$W/$n.key"
  tmpl "$W/$n.tmpl" "cn = \"$cn\"" 'organization = "Example Corp"' ca cert_signing_key crl_signing_key \
    'activation_date = "2024-01-01 00:00:00"' 'expiration_date = "2036-01-01 00:00:00"'
  if [ -z "$iss" ]; then
    ct_self "$W/$n.key" "$W/$n.tmpl" "$W/$n.pem"
  else
    ct_sign "$W/$n.key" "$W/$n.tmpl" "$W/$iss.pem" "$W/$iss.key" "$W/$n.pem"
  fi
}

# srv NAME KEY ISSUER FROM TO "CN" SAN...   an Expressway-style server certificate: TLS Web
# Server and Client authentication, SANs "dns:NAME" or "ip:ADDR"; KEY is a key name (made
# when missing), so certificates can share a key
srv() {
  local n=$1 k=$2 iss=$3 from=$4 to=$5 cn=$6 s
  shift 6
  [ -f "$W/$k.key" ] || key_rsa "$W/$k.key"
  local lines=("cn = \"$cn\"" 'organization = "Example Corp"' signing_key encryption_key
    tls_www_server tls_www_client
    "activation_date = \"$from 00:00:00\"" "expiration_date = \"$to 00:00:00\"")
  for s in "$@"; do
    case $s in
      dns:*) lines+=("dns_name = \"${s#dns:}\"") ;;
      ip:*) lines+=("ip_address = \"${s#ip:}\"") ;;
      *) die "srv: bad SAN $s" ;;
    esac
  done
  tmpl "$W/$n.tmpl" "${lines[@]}"
  ct_sign "$W/$k.key" "$W/$n.tmpl" "$W/$iss.pem" "$W/$iss.key" "$W/$n.pem"
}
cid() { cert_id "$W/$1.pem"; }

# ---------------------------------------------------------------- cases

README_ROWS=()
# newcase RULE CASE "description" [args]...
newcase() {
  RULE=$1 CASE=$2 C="$OUT/$1/$2"
  local desc=$3
  shift 3
  [ -n "${SEV[$RULE]:-}" ] || die "unknown rule $RULE"
  case $CASE in fires-* | passes-* | na-*) ;; *) die "bad case name $CASE" ;; esac
  mkdir -p "$C"
  printf '%s\n' --at "$AT" "$@" >"$C/args"
  : >"$C/expected"
  README_ROWS+=("$RULE|$CASE|$desc")
}
# put NAME DEST...: copy $W/NAME.pem to each input/DEST of the current case
put() {
  local n=$1 d
  shift
  for d in "$@"; do
    mkdir -p "$(dirname "$C/input/$d")"
    cp "$W/$n.pem" "$C/input/$d"
  done
}
# node NODE SERVER [CA...]: an Expressway node folder: server.pem and its trusted CA list
node() {
  local nd=$1 s=$2 c
  shift 2
  put "$s" "$nd/tandberg/persistent/certs/server.pem"
  if [ $# -gt 0 ]; then
    for c in "$@"; do cat "$W/$c.pem"; done >"$C/input/$nd/trusted-ca-list.pem"
  fi
}
# expect "ID..." FILE: one expected line (ids sorted and comma-joined)
expect() {
  local ids
  ids=$(tr ' ' '\n' <<<"$1" | sort | paste -sd, -)
  printf '%s\t%s\t%s\t%s\n' "$RULE" "${SEV[$RULE]}" "$ids" "$2" >>"$C/expected"
  sort -o "$C/expected" "$C/expected"
}

# ---------------------------------------------------------------- shared material
log "expressway-peer: keys and certificates"
ca root "Example Private Root CA"
ca root2 "Example New Private Root CA"
ca pubroot "Example Public Root CA"
ca pubica "Example Public Issuing CA" pubroot
ca orphanica "Example Unseen Issuing CA" pubroot # never in an input: a missing issuer

D=example.com
# Expressway-C exp-c1: old (2025) and renewals (2026)
C1=("dns:exp-c1.$D" "dns:exp-c.$D")
srv c1old c1oldk root 2025-03-01 2026-09-01 "exp-c1.$D" "${C1[@]}"
srv c1new c1newk root 2026-03-01 2027-03-01 "exp-c1.$D" "${C1[@]}"
srv c1drop c1newk root 2026-03-01 2027-03-01 "exp-c1.$D" "dns:exp-c1.$D" "dns:expc-new.$D"
srv c1newca c1newk root2 2026-03-01 2027-03-01 "exp-c1.$D" "${C1[@]}"
srv c1prof c1newk root 2026-03-01 2027-03-01 "exp-c1.$D" "${C1[@]}" "dns:secure-8865.$D"
srv c1ip c1newk root 2026-03-01 2027-03-01 "exp-c1.$D" "${C1[@]}" ip:192.0.2.20
# Expressway-E exp-e1 / exp-e2
srv e1plain e1k root 2026-01-01 2027-01-01 "exp-e1.$D" "dns:exp-e1.$D"
srv e1edge e1k root 2026-01-01 2027-01-01 "exp-e1.$D" "dns:exp-e1.$D" "dns:collab-edge.$D"
srv e1base e1k root 2026-01-01 2027-01-01 "exp-e1.$D" "dns:exp-e1.$D" "dns:$D"
srv e1pub e1k pubica 2026-01-01 2027-01-01 "exp-e1.$D" "dns:exp-e1.$D" "dns:collab-edge.$D"
srv e1orphan e1k orphanica 2026-01-01 2027-01-01 "exp-e1.$D" "dns:exp-e1.$D" "dns:collab-edge.$D"
srv e2own e2k root 2026-01-01 2027-01-01 "exp-e2.$D" "dns:exp-e2.$D"
srv e2shared e1k root 2026-01-01 2027-01-01 "exp-e2.$D" "dns:exp-e2.$D" # e1's key
# CUCM nodes: tomcat (multi-server: one key on both nodes) and one that reuses exp-c1's key
MS=("dns:cucm-ms.$D" "dns:cucm-pub.$D" "dns:cucm-sub.$D")
srv cucmpub tomk root 2026-01-01 2027-01-01 "cucm-ms.$D" "${MS[@]}"
srv cucmsub tomk root 2026-01-01 2027-01-01 "cucm-ms.$D" "${MS[@]}"
srv cucmreuse c1newk root 2026-01-01 2027-01-01 "cucm-pub.$D" "dns:cucm-pub.$D"
srv cm ccmk root 2026-01-01 2027-01-01 "cucm-pub.$D" "dns:cucm-pub.$D"
srv cmip ccmk root 2026-01-01 2027-01-01 "cucm-pub.$D" "dns:cucm-pub.$D" ip:192.0.2.10

# ---------------------------------------------------------------- capture
# capture NAME OUT: a TLS 1.2 handshake, Expressway-C 192.0.2.20 -> CUCM 192.0.2.10:5061, no
# SNI (the peer is addressed by IP), the server sending certificate NAME (issued by the root)
capture() {
  openssl x509 -in "$W/$1.pem" -outform DER -out "$W/$1.der"
  python3 - "$W/$1.der" "$2" <<'PY'
import struct, sys
certs = [open(sys.argv[1], "rb").read()]
out = sys.argv[2]
C, S, CP, SP = bytes([192, 0, 2, 20]), bytes([192, 0, 2, 10]), 51000, 5061

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF

def packet(src, dst, sp, dp, seq, ack, flags, data=b""):
    tcp = struct.pack("!HHIIBBHHH", sp, dp, seq, ack, 5 << 4, flags, 64240, 0, 0) + data
    ph = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(ph + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00" + ip + tcp

def hs(t, body):
    return bytes([t]) + struct.pack("!I", len(body))[1:] + body

def record(msgs):
    return b"\x16\x03\x03" + struct.pack("!H", len(msgs)) + msgs

sigalgs = struct.pack("!HHH", 13, 4, 2) + b"\x04\x01"  # signature_algorithms: rsa_pkcs1_sha256
ch = hs(1, b"\x03\x03" + bytes(range(32)) + b"\x00" + b"\x00\x02\xc0\x2f" + b"\x01\x00"
        + struct.pack("!H", len(sigalgs)) + sigalgs)
sh = hs(2, b"\x03\x03" + bytes(range(32, 64)) + b"\x00" + b"\xc0\x2f" + b"\x00" + b"\x00\x00")
cl = b"".join(struct.pack("!I", len(c))[1:] + c for c in certs)
ce = hs(11, struct.pack("!I", len(cl))[1:] + cl)
done = hs(14, b"")
cflight, sflight = record(ch), record(sh + ce + done)

pkts = []
cs, ss = 1000, 5000
pkts.append(packet(C, S, CP, SP, cs, 0, 0x02))
pkts.append(packet(S, C, SP, CP, ss, cs + 1, 0x12))
pkts.append(packet(C, S, CP, SP, cs + 1, ss + 1, 0x10))
pkts.append(packet(C, S, CP, SP, cs + 1, ss + 1, 0x18, cflight))
off = 0
while off < len(sflight):  # segments of at most 1400 bytes
    seg = sflight[off:off + 1400]
    pkts.append(packet(S, C, SP, CP, ss + 1 + off, cs + 1 + len(cflight), 0x18, seg))
    off += len(seg)
pkts.append(packet(C, S, CP, SP, cs + 1 + len(cflight), ss + 1 + len(sflight), 0x11))
with open(out, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    t = 1777593600  # 2026-05-01T00:00:00Z
    for i, p in enumerate(pkts):
        f.write(struct.pack("<IIII", t, i * 1000, len(p), len(p)) + p)
PY
}

# ---------------------------------------------------------------- renewal-san-changed
log "expressway-peer: cases"
RENEW=(--role "expressway-c@exp-c1=input/exp-c1/renewal/server.pem")

newcase expressway.renewal-san-changed fires-renewal-drops-name \
  "exp-c1: server.pem (2025) + renewal/server.pem (2026, --role expressway-c@exp-c1) drops exp-c.$D, adds expc-new.$D" \
  "${RENEW[@]}"
node exp-c1 c1old root
put c1drop exp-c1/renewal/server.pem
expect "$(cid c1drop) $(cid c1old)" exp-c1/renewal/server.pem

newcase expressway.renewal-san-changed fires-compare-old-new \
  "the model of certdiag compare OLD NEW: old.pem and new.pem given one role (--role expressway-c), no node" \
  --role expressway-c=input/old.pem --role expressway-c=input/new.pem
put c1old old.pem
put c1drop new.pem
expect "$(cid c1drop) $(cid c1old)" new.pem

newcase expressway.renewal-san-changed passes-renewal-same-sans \
  "exp-c1: renewal with the same SANs from the same CA (clean for every rule of this group)" "${RENEW[@]}"
node exp-c1 c1old root
put c1new exp-c1/renewal/server.pem

newcase expressway.renewal-san-changed na-single-certificate "exp-c1: one server certificate, no renewal"
node exp-c1 c1new root

# ---------------------------------------------------------------- renewal-ca-changed
newcase expressway.renewal-ca-changed fires-new-ca \
  "exp-c1: renewal signed by another root (AKI differs); the new root is in the bundle, not yet in the trusted CA list" \
  "${RENEW[@]}"
node exp-c1 c1old root
put c1newca exp-c1/renewal/server.pem
put root2 new-ca/new-root.pem
expect "$(cid c1newca) $(cid c1old)" exp-c1/renewal/server.pem

newcase expressway.renewal-ca-changed passes-same-ca \
  "exp-c1: renewal from the same CA with the same SANs (clean for every rule of this group)" "${RENEW[@]}"
node exp-c1 c1old root
put c1new exp-c1/renewal/server.pem

newcase expressway.renewal-ca-changed na-single-certificate "exp-c1: one server certificate, no renewal"
node exp-c1 c1new root

# ---------------------------------------------------------------- mra-domain-san
newcase expressway.mra-domain-san fires-edge-lacks-domain \
  "exp-e1 (--role expressway-e) names only exp-e1.$D; --domain $D" \
  --role expressway-e=input/exp-e1/tandberg/persistent/certs/server.pem --domain "$D"
node exp-e1 e1plain root
expect "$(cid e1plain)" exp-e1/tandberg/persistent/certs/server.pem

newcase expressway.mra-domain-san fires-role-unknown \
  "exp-e1 expressway-server (no --edge/--core: checked as -E) names collab-edge.$D but not collab-edge.example.org; --domain $D --domain example.org" \
  --domain "$D" --domain example.org
node exp-e1 e1edge root
expect "$(cid e1edge)" exp-e1/tandberg/persistent/certs/server.pem

newcase expressway.mra-domain-san passes-collab-edge \
  "exp-e1 names collab-edge.$D; --domain $D --edge (clean for every rule of this group)" \
  --domain "$D" --edge
node exp-e1 e1edge root

newcase expressway.mra-domain-san passes-base-domain "exp-e1 names $D itself; --domain $D --edge" \
  --domain "$D" --edge
node exp-e1 e1base root

newcase expressway.mra-domain-san na-no-domain "exp-e1 names only exp-e1.$D; no --domain" --edge
node exp-e1 e1plain root
not_checked "the server certificate of exp-e1: the MRA domains (Unified CM registration domains) are not known" \
  "--domain NAME"

newcase expressway.mra-domain-san na-expressway-c \
  "exp-c1 known to be an Expressway-C (--role expressway-c); --domain $D" \
  --role expressway-c=input/exp-c1/tandberg/persistent/certs/server.pem --domain "$D"
node exp-c1 c1new root

# ---------------------------------------------------------------- profile-name-san
newcase expressway.profile-name-san fires-core-lacks-profile \
  "exp-c1 (--role expressway-c) lacks secure-8865.$D; --profile-name secure-8865.$D" \
  --role expressway-c=input/exp-c1/tandberg/persistent/certs/server.pem --profile-name "secure-8865.$D"
node exp-c1 c1new root
expect "$(cid c1new)" exp-c1/tandberg/persistent/certs/server.pem

newcase expressway.profile-name-san passes-core-has-profile \
  "exp-c1 names secure-8865.$D; --profile-name secure-8865.$D --core (clean for every rule of this group)" \
  --profile-name "secure-8865.$D" --core
node exp-c1 c1prof root

newcase expressway.profile-name-san na-no-profile-name "exp-c1 without the profile name; no --profile-name" \
  --core
node exp-c1 c1new root
not_checked "the server certificate of exp-c1: the secure phone profile names are not known" "--profile-name NAME"

newcase expressway.profile-name-san na-expressway-e \
  "exp-e1 known to be an Expressway-E (--edge); --profile-name secure-8865.$D" \
  --edge --profile-name "secure-8865.$D"
node exp-e1 e1edge root

# ---------------------------------------------------------------- private-ca-for-edge
PUB=(--role public-roots=input/public-roots)
newcase expressway.private-ca-for-edge fires-private-root \
  "exp-e1 (--edge) from the private root; public-roots/ holds Example Public Root CA" \
  --edge "${PUB[@]}"
node exp-e1 e1edge root
put pubroot public-roots/example-public-root.pem
expect "$(cid e1edge)" exp-e1/tandberg/persistent/certs/server.pem

newcase expressway.private-ca-for-edge passes-public-chain \
  "exp-e1 from Example Public Issuing CA (in its trusted CA list) under the public root (clean for every rule of this group)" \
  --edge "${PUB[@]}"
node exp-e1 e1pub pubica pubroot
put pubroot public-roots/example-public-root.pem

newcase expressway.private-ca-for-edge na-no-public-roots "exp-e1 from the private root; no --public-roots / --system-trust" \
  --edge
node exp-e1 e1edge root
not_checked "the server certificate of exp-e1: which roots are public is not known" "--public-roots PATH"

newcase expressway.private-ca-for-edge na-issuer-missing \
  "exp-e1 from an issuing CA the bundle lacks: cannot tell (chain.incomplete's job)" --edge "${PUB[@]}"
node exp-e1 e1orphan pubroot
put pubroot public-roots/example-public-root.pem

newcase expressway.private-ca-for-edge na-expressway-c "exp-c1 (--core) from the private root" \
  --core "${PUB[@]}"
node exp-c1 c1new root
put pubroot public-roots/example-public-root.pem

# ---------------------------------------------------------------- ip-not-in-san
newcase expressway.ip-not-in-san fires-host-ip "exp-c1 addressed as --host 192.0.2.20, no IP SAN" \
  --host 192.0.2.20
node exp-c1 c1new root
expect "$(cid c1new)" exp-c1/tandberg/persistent/certs/server.pem

newcase expressway.ip-not-in-san passes-host-ip-in-san \
  "exp-c1 addressed as --host 192.0.2.20, IP SAN 192.0.2.20 (clean for every rule of this group)" --host 192.0.2.20
node exp-c1 c1ip root

newcase expressway.ip-not-in-san na-host-fqdn "exp-c1 addressed as --host exp-c1.$D" --host "exp-c1.$D"
node exp-c1 c1new root

newcase expressway.ip-not-in-san fires-capture-no-sni \
  "--product expressway; capture: Expressway-C -> CUCM 192.0.2.10:5061 without SNI, CallManager certificate without IP SAN; exp-c1/trusted-ca-list.pem holds its root" \
  --product expressway
mkdir -p "$C/input"
capture cm "$C/input/expc-to-cucm-by-ip.pcap"
put root exp-c1/trusted-ca-list.pem
expect "$(cid cm)" expc-to-cucm-by-ip.pcap

newcase expressway.ip-not-in-san passes-capture-ip-san \
  "--product expressway; capture as above, the certificate has IP SAN 192.0.2.10" --product expressway
mkdir -p "$C/input"
capture cmip "$C/input/expc-to-cucm-by-ip.pcap"
put root exp-c1/trusted-ca-list.pem

newcase expressway.ip-not-in-san na-capture-other-product \
  "the capture without IP SAN, no --product expressway (left to the tls.* rules)"
mkdir -p "$C/input"
capture cm "$C/input/expc-to-cucm-by-ip.pcap"
put root exp-c1/trusted-ca-list.pem

# ---------------------------------------------------------------- shared-private-key
newcase expressway.shared-private-key fires-two-nodes-one-key \
  "exp-e1 and exp-e2: two certificates, one key (the key copied between cluster peers)"
node exp-e1 e1edge root
node exp-e2 e2shared root
expect "$(cid e1edge) $(cid e2shared)" exp-e1/tandberg/persistent/certs/server.pem

newcase expressway.shared-private-key fires-same-certificate-on-peers \
  "exp-e1 and exp-e2 hold the same server certificate (seed 003's cluster procedure)"
node exp-e1 e1edge root
node exp-e2 e1edge root
expect "$(cid e1edge)" exp-e1/tandberg/persistent/certs/server.pem

newcase expressway.shared-private-key fires-expressway-and-cucm \
  "exp-c1's key reused for cucm-pub's tomcat certificate"
node exp-c1 c1new root
put cucmreuse cucm-pub/tomcat.pem
expect "$(cid c1new) $(cid cucmreuse)" exp-c1/tandberg/persistent/certs/server.pem

newcase expressway.shared-private-key passes-own-keys \
  "exp-e1 and exp-e2 each with their own key (clean for every rule of this group)"
node exp-e1 e1edge root
node exp-e2 e2own root

newcase expressway.shared-private-key passes-cucm-multi-server \
  "cucm-pub and cucm-sub share a multi-server tomcat key (by design); exp-c1 has its own"
node exp-c1 c1new root
put cucmpub cucm-pub/tomcat.pem
put cucmsub cucm-sub/tomcat.pem

newcase expressway.shared-private-key na-no-expressway "only CUCM nodes"
put cucmpub cucm-pub/tomcat.pem
put cucmsub cucm-sub/tomcat.pem

# ---------------------------------------------------------------- README
{
  cat <<'MD'
# Rule cases: Expressway renewal, peer and name rules

Generated by `testdata/gen/expressway-peer.sh` (openssl 3, GnuTLS certtool, python3) -- do
not edit by hand, edit the script and rerun it. Layout, object ids and the `expected` format:
`docs/dev/conventions.md`. Every case is evaluated `--at 2026-06-01T00:00:00Z`. Certificates
are RSA 2048 / SHA-256; CAs valid 2024-01-01..2036-01-01, server certificates 2026 (old
exp-c1: 2025-03-01..2026-09-01). Expressway nodes are `<node>/tandberg/persistent/certs/server.pem`
(role expressway-server) with `<node>/trusted-ca-list.pem`; `args` add roles, --domain,
--profile-name, --edge, --host and `--role public-roots=input/public-roots` (what
`--public-roots input/public-roots` does on the command line). Keys are random, so ids change
on every regeneration. The capture is written byte by byte (Ethernet/IPv4/TCP, one TLS 1.2
handshake without SNI).

Every passes- case is silent for all seven rules:
`build/certdiag scan --at 2026-06-01T00:00:00Z --rules 'expressway.*' <case>/input` plus its args.
MD
  last=""
  for row in "${README_ROWS[@]}"; do
    IFS='|' read -r r c d <<<"$row"
    if [ "$r" != "$last" ]; then
      printf '\n## %s (%s)\n\n| case | input |\n|---|---|\n' "$r" "${SEV[$r]}"
      last=$r
    fi
    printf '| `%s` | %s |\n' "$c" "$d"
  done
} >"$README"
log "expressway-peer: done"
