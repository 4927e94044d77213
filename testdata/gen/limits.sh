#!/usr/bin/env bash
# Generates the rule cases about lists cut at the decoder's limit (docs/limits.md, CD_MAX_LIST =
# 4096 subjectAltName entries kept): certificates with 5000 SAN entries (openssl req and ca;
# the root by certtool as in rules.sh), as a CA portal hands them out (certnew.cer in DER,
# RootCA.cer).
#   testdata/rules/{ingest.limit-reached,cert.cn-not-in-san,chain.hostname-mismatch}/*san-limit*/
#   testdata/rules/limits-README.md
# rules.sh and chains.sh wipe the cert.*, ingest.* and chain.* case folders and run this script
# again at their end; it can also run alone (it replaces only its own cases). Keys are random,
# so ids change on every run; with --at 2026-06-01T00:00:00Z the results are exact.
set -euo pipefail
export TZ=UTC LC_ALL=C

for t in openssl certtool sha256sum python3 gzip; do
  command -v "$t" >/dev/null || { echo "limits.sh: missing tool: $t" >&2; exit 2; }
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/rules
AT=2026-06-01T00:00:00Z
N=5000 # SAN entries: past the 4096 kept

W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-limits.XXXXXX")
trap 'rm -rf "$W"' EXIT

run() { "$@" >"$W/.log" 2>&1 || { echo "limits.sh: failed: $*" >&2; cat "$W/.log" >&2; exit 1; }; }
certid() { openssl x509 -in "$1" -outform der | sha256sum | cut -c1-16 | sed 's/^/cert-/'; }

declare -A SEV=([ingest.limit-reached]=warning [cert.cn-not-in-san]=warning
  [chain.hostname-mismatch]=error [chain.eku-mismatch]=error [cucm.csr-san-mismatch]=error)
README_ROWS=()
newcase() {
  RULE=$1; CASE=$2; C="$OUT/$1/$2"; local desc=$3; shift 3
  rm -rf "$C"; mkdir -p "$C/input"
  printf '%s\n' --at "$AT" "$@" >"$C/args"
  : >"$C/expected"
  README_ROWS+=("$RULE|$CASE|$desc")
}
put() { mkdir -p "$(dirname "$C/input/$2")"; cp "$1" "$C/input/$2"; }
expect() {
  printf '%s\t%s\t%s\t%s\n' "$RULE" "${SEV[$RULE]}" "$1" "$2" >>"$C/expected"
  sort -o "$C/expected" "$C/expected"
}

# ---------------------------------------------------------------- material
# root CA (certtool, as rules.sh), and leaves whose SAN lists hold host1..host5000.example.com
run openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$W/root.key"
printf '%s\n' 'organization = "Example Corp"' 'cn = "Example Root CA"' ca cert_signing_key \
  crl_signing_key 'serial = 1' 'activation_date = "2024-01-01 00:00:00"' \
  'expiration_date = "2036-01-01 00:00:00"' >"$W/root.tmpl"
run certtool --generate-self-signed --load-privkey "$W/root.key" --template "$W/root.tmpl" \
  --hash SHA256 --outfile "$W/root.pem"
run openssl x509 -in "$W/root.pem" -outform der -out "$W/RootCA.cer"

# sans FILE: an openssl config whose [ext] holds subjectAltName DNS:host1..host$N.example.com
# (certtool templates stop at 128 names)
{ echo "[req]"; echo "distinguished_name = dn"; echo "[dn]"
  echo "[ca]"; echo "default_ca = ca0"; echo "[ca0]"; echo "database = $W/index.txt"
  echo "new_certs_dir = $W"; echo "serial = $W/serial"; echo "default_md = sha256"
  echo "policy = any"; echo "unique_subject = no"; echo "[any]"; echo "commonName = supplied"
  echo "organizationName = optional"
  echo "[ext]"; echo "basicConstraints = CA:FALSE"; echo "keyUsage = critical,digitalSignature"
  echo "extendedKeyUsage = serverAuth,clientAuth"; echo "subjectAltName = @alt"; echo "[alt]"
  for i in $(seq 1 "$N"); do echo "DNS.$i = host$i.example.com"; done; } >"$W/san.cnf"
: >"$W/index.txt"

# leaf CN SERIAL -> $W/leaf-SERIAL.{key,csr,pem,der}: openssl req, then openssl ca (fixed dates)
leaf() {
  local cn=$1 s=$2
  run openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/leaf-$s.key" \
    -out "$W/leaf-$s.csr" -subj "/O=Example Corp/CN=$cn" -config "$W/san.cnf" -reqexts ext
  printf '%x\n' "$s" | sed 's/^\(.\)$/0\1/; s/^\(...\)$/0\1/' >"$W/serial"
  run openssl ca -batch -config "$W/san.cnf" -cert "$W/root.pem" -keyfile "$W/root.key" \
    -in "$W/leaf-$s.csr" -out "$W/leaf-$s.pem" -startdate 20260101000000Z -enddate 20270101000000Z \
    -extfile "$W/san.cnf" -extensions ext -notext
  run openssl x509 -in "$W/leaf-$s.pem" -outform der -out "$W/leaf-$s.der"
}
leaf host4500.example.com 4500 # CN among the entries past the limit
leaf host10.example.com 10     # CN among the entries kept

# a tomcat CSR with the 5000 names, and the certificate a CA issued for it without entry 4500
# (the mismatch is past the entries read: certdiag cannot see it and must not say "same")
sed '/^DNS.4500 = /d' "$W/san.cnf" >"$W/san-dropped.cnf"
run openssl req -new -newkey rsa:2048 -nodes -keyout "$W/tomcat.key" -out "$W/tomcat.csr" \
  -subj "/O=Example Corp/CN=cucm-pub.example.com" -config "$W/san.cnf" -reqexts ext
printf '1388\n' >"$W/serial"
run openssl ca -batch -config "$W/san-dropped.cnf" -cert "$W/root.pem" -keyfile "$W/root.key" \
  -in "$W/tomcat.csr" -out "$W/tomcat.pem" -startdate 20260101000000Z -enddate 20270101000000Z \
  -extfile "$W/san-dropped.cnf" -extensions ext -notext

# a server certificate with 4100 extendedKeyUsage purposes, serverAuth the last (past 4096)
{ echo "[ext]"; echo "basicConstraints = CA:FALSE"; echo "keyUsage = critical,digitalSignature"
  printf 'extendedKeyUsage = '
  for i in $(seq 1 4099); do printf '1.3.6.1.4.1.55555.%d,' "$i"; done; echo serverAuth
  echo "subjectAltName = DNS:www.example.com"; } >"$W/eku.cnf"
run openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/eku.key" \
  -out "$W/eku.csr" -subj "/O=Example Corp/CN=www.example.com" -config "$W/san.cnf"
printf '1389\n' >"$W/serial"
run openssl ca -batch -config "$W/san.cnf" -cert "$W/root.pem" -keyfile "$W/root.key" \
  -in "$W/eku.csr" -out "$W/eku.pem" -startdate 20260101000000Z -enddate 20270101000000Z \
  -extfile "$W/eku.cnf" -extensions ext -notext

# ---------------------------------------------------------------- ingest.limit-reached
newcase ingest.limit-reached fires-san-list-over-4096 \
  "RootCA.cer + certnew.cer (DER) with $N subjectAltName entries: the list is cut at 4096, and said"
put "$W/RootCA.cer" RootCA.cer; put "$W/leaf-4500.der" certnew.cer
expect "$(certid "$W/leaf-4500.pem")" certnew.cer

# ---------------------------------------------------------------- cert.cn-not-in-san
newcase cert.cn-not-in-san na-cn-past-the-san-limit \
  "RootCA.cer + certnew.cer: CN host4500.example.com is SAN entry 4500 of $N, past the 4096 kept (cannot tell, not judged)"
put "$W/RootCA.cer" RootCA.cer; put "$W/leaf-4500.der" certnew.cer

newcase cert.cn-not-in-san passes-cn-before-the-san-limit \
  "RootCA.cer + certnew.cer: CN host10.example.com is SAN entry 10 of $N, among those kept"
put "$W/RootCA.cer" RootCA.cer; put "$W/leaf-10.der" certnew.cer

# ---------------------------------------------------------------- chain.hostname-mismatch
newcase chain.hostname-mismatch na-host-past-the-san-limit \
  "RootCA.cer + certnew.cer with $N SAN entries, --host host4500.example.com (entry 4500, past the 4096 kept)" \
  --host host4500.example.com
put "$W/RootCA.cer" RootCA.cer; put "$W/leaf-4500.der" certnew.cer

newcase chain.hostname-mismatch passes-host-before-the-san-limit \
  "RootCA.cer + certnew.cer with $N SAN entries, --host host10.example.com (entry 10)" \
  --host host10.example.com
put "$W/RootCA.cer" RootCA.cer; put "$W/leaf-4500.der" certnew.cer

# ---------------------------------------------------------------- chain.eku-mismatch
newcase chain.eku-mismatch na-eku-past-the-limit \
  "RootCA.cer + server.pem with 4100 extendedKeyUsage purposes, serverAuth the 4100th (past the 4096 read), --purpose server" \
  --purpose server
put "$W/RootCA.cer" RootCA.cer; put "$W/eku.pem" server.pem

newcase ingest.limit-reached fires-eku-list-over-64 \
  "RootCA.cer + server.pem with 4100 extendedKeyUsage purposes (GnuTLS reads 64): said, not guessed"
put "$W/RootCA.cer" RootCA.cer; put "$W/eku.pem" server.pem
expect "$(certid "$W/eku.pem")" server.pem

# ---------------------------------------------------------------- cucm.csr-san-mismatch
newcase cucm.csr-san-mismatch na-san-lists-past-the-limit \
  "cucm-pub/tomcat.csr with $N SAN entries, tomcat.pem issued without entry 4500 (past the 4096 read: cannot be compared)"
put "$W/tomcat.csr" cucm-pub/tomcat.csr; put "$W/tomcat.pem" cucm-pub/tomcat.pem
put "$W/root.pem" cucm-pub/tomcat-trust/RootCA.pem

newcase ingest.limit-reached fires-csr-and-certificate-past-the-san-limit \
  "cucm-pub/tomcat.csr with $N SAN entries and tomcat.pem with $((N - 1)): both cut at 4096, both said"
put "$W/tomcat.csr" cucm-pub/tomcat.csr; put "$W/tomcat.pem" cucm-pub/tomcat.pem
put "$W/root.pem" cucm-pub/tomcat-trust/RootCA.pem
expect "$(certid "$W/tomcat.pem")" cucm-pub/tomcat.pem
expect "csr-$(openssl req -in "$W/tomcat.csr" -outform der | sha256sum | cut -c1-16)" cucm-pub/tomcat.csr

# ---------------------------------------------------------------- testdata/hostile
# a PKCS#7 bundle of 5000 certificates (the same leaf 5000 times, as a careless export makes),
# gzipped: certdiag reads it in one pass (GnuTLS's per-index reader took 97 s)
L="$(cd "$HERE/.." && pwd)/hostile"
rm -rf "$L"; mkdir -p "$L"
run openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/small.key" \
  -out "$W/small.csr" -subj "/O=Example Corp/CN=www.example.com" -config "$W/san.cnf"
printf '138a\n' >"$W/serial"
{ echo "[ext]"; echo "basicConstraints = CA:FALSE"; echo "subjectAltName = DNS:www.example.com"; } >"$W/small.cnf"
run openssl ca -batch -config "$W/san.cnf" -cert "$W/root.pem" -keyfile "$W/root.key" \
  -in "$W/small.csr" -out "$W/small.pem" -startdate 20260101000000Z -enddate 20270101000000Z \
  -extfile "$W/small.cnf" -extensions ext -notext
for i in $(seq 1 5000); do cat "$W/small.pem"; done >"$W/5000.pem"
run openssl crl2pkcs7 -nocrl -certfile "$W/5000.pem" -outform DER -out "$W/certs-5000.p7b"
gzip -9n <"$W/certs-5000.p7b" >"$L/certs-5000.p7b.gz"
# damaged DER, each one byte changed in an openssl certificate (python3): damage.tsv gives the
# offset certdiag must name (not the object's start)
run openssl x509 -in "$W/small.pem" -outform der -out "$W/small.der"
python3 - "$W/small.der" "$L" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
i = d.find(b"\x17\x0d")              # notBefore, a 13-byte UTCTime
assert i > 0
rows = []
bad = bytearray(d); bad[i + 1] = 0x40  # its length now runs past the validity SEQUENCE
open(sys.argv[2] + "/damaged-length.cer", "wb").write(bad)
rows.append(("damaged-length.cer", i + 1, "the length of notBefore runs past its SEQUENCE"))
def tlv(b, o):                        # (content start, end) of the DER TLV at o
    n = b[o + 1]
    if n < 0x80:
        return o + 2, o + 2 + n
    k = n & 0x7f
    return o + 2 + k, o + 2 + k + int.from_bytes(b[o + 2:o + 2 + k], "big")
c0, _ = tlv(d, 0)                      # Certificate -> TBSCertificate
t0, _ = tlv(d, c0)
o, seen = t0, []
while o < i - 2:                       # version, serial, signature, issuer: the TLVs before Validity
    seen.append(o)
    o = tlv(d, o)[1]
issuer = seen[-1]
s0, s1 = tlv(d, issuer)
j = s0
while tlv(d, j)[1] < s1:               # the last RDN (SET) of the issuer
    j = tlv(d, j)[1]
assert d[j] == 0x31 and d[j + 1] < 0x60
bad = bytearray(d); bad[j + 1] += 0x20  # its length now runs past the issuer Name
open(sys.argv[2] + "/damaged-name.cer", "wb").write(bad)
rows.append(("damaged-name.cer", j + 1, "the length of an RDN of the issuer runs past the Name"))
with open(sys.argv[2] + "/damage.tsv", "w") as f:
    for r in rows:
        f.write("%s\t%d\t%s\n" % r)
PY
# archives: gzip inside gzip 30 times (past libarchive's filter limit), a gzip of 16 MiB of
# zeros (an empty tar: its end-of-archive marker comes first), a gzip of nothing
cp "$W/small.der" "$W/gz0"
for i in $(seq 1 30); do gzip -9n <"$W/gz$((i - 1))" >"$W/gz$i"; done
cp "$W/gz30" "$L/nested-30.cer.gz"
head -c 16777216 /dev/zero | gzip -9n >"$L/zeros.tar.gz"
gzip -9n </dev/null >"$L/nothing.gz"
# a capture of 10,005 half-open TLS connections (SYN, then 300 bytes of a ClientHello, no
# answer): 5 past CD_PCAP_MAX_LIVE_FLOWS; written by bench/gen-halfopen.py, gzipped
python3 "$HERE/../../bench/gen-halfopen.py" "$W/halfopen.pcap" 10005
gzip -9n <"$W/halfopen.pcap" >"$L/halfopen-10005.pcap.gz"
{ echo '# Hostile inputs'
  echo
  echo 'Generated by `testdata/gen/limits.sh` (openssl 3.0, gzip, python3) -- do not edit by hand.'
  echo 'Read by tests/test_hostile.c.'
  echo
  echo '- `certs-5000.p7b.gz`: a DER PKCS#7 (`openssl crl2pkcs7`) holding one leaf 5000 times,'
  echo '  gzipped; read under a time limit.'
  echo '- `damaged-length.cer`, `damaged-name.cer`: an openssl certificate with one length changed;'
  echo '  `damage.tsv` gives the offset of the damage the finding must name.'
  echo '- `nested-30.cer.gz`: a certificate gzipped 30 times (libarchive unwraps fewer layers).'
  echo '- `zeros.tar.gz`: 16 MiB of zeros, gzipped (reads as an empty tar archive).'
  echo '- `nothing.gz`: a gzip stream of no data.'
  echo '- `halfopen-10005.pcap.gz`: 10,005 TLS connections that send a SYN and part of a'
  echo '  ClientHello and are never answered (`bench/gen-halfopen.py`), gzipped.'
} >"$L/README.md"

# ---------------------------------------------------------------- README
{
  echo '# Rule cases: lists cut at the decoder limit'
  echo
  echo 'Generated by `testdata/gen/limits.sh` (openssl 3.0, GnuTLS certtool 3.7) -- do not edit by hand. A certificate'
  echo "with $N subjectAltName entries (host1..host$N.example.com) keeps the first 4096"
  echo '(`CD_MAX_LIST`, docs/limits.md); `ingest.limit-reached` says so, and no rule concludes that a'
  echo 'name is absent from the cut list. Evaluated `--at 2026-06-01T00:00:00Z`.'
  echo
  echo '| rule | case | input |'
  echo '|---|---|---|'
  for row in "${README_ROWS[@]}"; do
    IFS='|' read -r r c d <<<"$row"
    printf '| `%s` (%s) | `%s` | %s |\n' "$r" "${SEV[$r]}" "$c" "$d"
  done
} >"$OUT/limits-README.md"

echo "limits.sh: ${#README_ROWS[@]} cases written under $OUT"
