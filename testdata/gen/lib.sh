# shellcheck shell=bash
# Shared helpers for testdata/gen/*.sh. Source it; do not run it.
# Requires: bash, openssl (3.x), certtool (GnuTLS), xxd, base64, sha256sum.

set -euo pipefail
export LC_ALL=C TZ=UTC

GEN_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TESTDATA_DIR=$(dirname "$GEN_DIR")

die() { echo "error: $*" >&2; exit 1; }
log() { echo "  $*" >&2; }

for _t in openssl certtool xxd base64 sha256sum; do
  command -v "$_t" >/dev/null 2>&1 || die "required tool '$_t' not found"
done
unset _t

# Create a fresh work dir ($WORK) removed on exit.
mk_work() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-gen.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
}

# Wipe and recreate an output directory, refusing anything outside testdata/.
reset_dir() {
  local d=$1
  case "$d" in "$TESTDATA_DIR"/?*) ;; *) die "refusing to wipe $d" ;; esac
  rm -rf -- "$d"
  mkdir -p -- "$d"
}

# ---------------------------------------------------------------- keys
# key_rsa OUT / key_ec OUT : unencrypted PKCS#8 PEM ("PRIVATE KEY").
key_rsa() { openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; }
key_ec()  { openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

# ---------------------------------------------------------------- certtool
# tmpl FILE LINE... : write a certtool template, one line per argument.
tmpl() { local f=$1; shift; printf '%s\n' "$@" >"$f"; }

# ct_self KEY TEMPLATE OUT [HASH]            self-signed certificate (PEM)
ct_self() {
  certtool --generate-self-signed --load-privkey "$1" --template "$2" \
    --outfile "$3" --hash "${4:-SHA256}" --no-text 2>/dev/null \
    || die "certtool self-sign failed for $3"
}
# ct_sign KEY TEMPLATE CA_CERT CA_KEY OUT [HASH]   CA-signed certificate from a key
ct_sign() {
  certtool --generate-certificate --load-privkey "$1" --template "$2" \
    --load-ca-certificate "$3" --load-ca-privkey "$4" \
    --outfile "$5" --hash "${6:-SHA256}" --no-text 2>/dev/null \
    || die "certtool sign failed for $5"
}
# ct_sign_req CSR TEMPLATE CA_CERT CA_KEY OUT [HASH]  CA-signed certificate from a CSR
# (subject and extensions come from the template, not the CSR)
ct_sign_req() {
  certtool --generate-certificate --load-request "$1" --template "$2" \
    --load-ca-certificate "$3" --load-ca-privkey "$4" \
    --outfile "$5" --hash "${6:-SHA256}" --no-text 2>/dev/null \
    || die "certtool sign (request) failed for $5"
}

# ---------------------------------------------------------------- encodings
pem2der()  { openssl x509 -in "$1" -outform DER -out "$2"; }
cert_sha256() { openssl x509 -in "$1" -outform DER | sha256sum | cut -d' ' -f1; }
# id as in docs/dev/conventions.md
cert_id() { echo "cert-$(cert_sha256 "$1" | cut -c1-16)"; }
csr_id()  { echo "csr-$(openssl req -in "$1" -outform DER | sha256sum | cut -c1-16)"; }
# file_id PREFIX FILE : id of a file that *is* the DER already (p12, DER key, ...)
file_id() { echo "$1-$(sha256sum <"$2" | cut -c1-16)"; }

# pem_id PREFIX FILE : id of the DER inside the (single) PEM block of FILE, as found
pem_id() { echo "$1-$(sed -n '/^-----BEGIN/,/^-----END/{/^-----/d;p}' "$2" | base64 -d | sha256sum | cut -c1-16)"; }

# Rewrite the armour label of every PEM block: relabel OLD NEW <in >out
relabel() {
  sed -e "s/^-----BEGIN $1-----\$/-----BEGIN $2-----/" \
      -e "s/^-----END $1-----\$/-----END $2-----/"
}

# Write BYTE (two hex digits) at OFFSET in FILE, in place.
poke() {
  printf '%b' "\\x$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
# peek FILE OFFSET -> two hex digits
peek() { xxd -p -s "$2" -l 1 "$1"; }

# Deterministic pseudo-random bytes: prng_bytes SEED COUNT >out
prng_bytes() {
  local k
  k=$(printf '%s' "$1" | sha256sum | cut -c1-32)
  head -c "$2" /dev/zero \
    | openssl enc -aes-128-ctr -K "$k" -iv 00000000000000000000000000000000 -nopad
}

# Java-style date as printed by CUCM `show cert own`: "Wed Jan 01 00:00:00 UTC 2025"
java_date() { date -u -d "$1" '+%a %b %d %H:%M:%S UTC %Y'; }

# cucm_dump CERT_PEM [UNIT] : `show cert own <unit>`-style Java dump (layout per
# PRODUCT-FACTS §5, "M" confidence there), followed by the PEM itself.
cucm_dump() {
  local c=$1 unit=${2:-tomcat} nb na sub iss ser sigalg sigoid keyhex v crit
  _blocks="" _n=0
  nb=$(openssl x509 -in "$c" -noout -startdate | cut -d= -f2)
  na=$(openssl x509 -in "$c" -noout -enddate | cut -d= -f2)
  sub=$(openssl x509 -in "$c" -noout -subject -nameopt RFC2253 | sed -e 's/^subject=//' -e 's/,/, /g')
  iss=$(openssl x509 -in "$c" -noout -issuer -nameopt RFC2253 | sed -e 's/^issuer=//' -e 's/,/, /g')
  ser=$(openssl x509 -in "$c" -noout -serial | cut -d= -f2 | tr 'A-F' 'a-f' | sed 's/^0*//')
  sigalg=$(openssl x509 -in "$c" -noout -text | awk '/Signature Algorithm:/{print $3; exit}')
  case "$sigalg" in
    sha256WithRSAEncryption) sigalg=SHA256withRSA;   sigoid=1.2.840.113549.1.1.11 ;;
    sha1WithRSAEncryption)   sigalg=SHA1withRSA;     sigoid=1.2.840.113549.1.1.5 ;;
    ecdsa-with-SHA256)       sigalg=SHA256withECDSA; sigoid=1.2.840.10045.4.3.2 ;;
    *) sigoid=unknown ;;
  esac
  keyhex=$(openssl x509 -in "$c" -noout -pubkey \
    | openssl rsa -pubin -RSAPublicKey_out -outform DER 2>/dev/null | xxd -p -c0)
  if v=$(_cucm_ext "$c" basicConstraints) && [ -n "$v" ]; then
    crit=${v%%|*}; v=${v#*|}
    _cucm_block BasicConstraints OID.2.5.29.19 "$crit" \
      "PathLen: $(case $v in *TRUE*) echo 2147483647 ;; *) echo undefined ;; esac)"
  fi
  if v=$(_cucm_ext "$c" keyUsage) && [ -n "$v" ]; then
    crit=${v%%|*}; v=${v#*|}
    v=$(echo "$v" | sed -e 's/Digital Signature/digitalSignature/' -e 's/Key Encipherment/keyEncipherment/' \
      -e 's/Data Encipherment/dataEncipherment/' -e 's/Key Agreement/keyAgreement/' \
      -e 's/Certificate Sign/keyCertSign/' -e 's/CRL Sign/cRLSign/')
    _cucm_block KeyUsage OID.2.5.29.15 "$crit" "Usages: $v, "
  fi
  if v=$(_cucm_ext "$c" extendedKeyUsage) && [ -n "$v" ]; then
    crit=${v%%|*}; v=${v#*|}
    v=$(echo "$v" | sed -e 's/TLS Web Server Authentication/1.3.6.1.5.5.7.3.1/' \
      -e 's/TLS Web Client Authentication/1.3.6.1.5.5.7.3.2/' -e 's/IPSec End System/1.3.6.1.5.5.7.3.5/')
    _cucm_block ExtKeyUsageSyntax OID.2.5.29.37 "$crit" "Usage oids: $v, "
  fi
  if v=$(_cucm_ext "$c" subjectAltName) && [ -n "$v" ]; then
    crit=${v%%|*}; v=${v#*|}
    _cucm_block SubjectAlternativeName OID.2.5.29.17 "$crit" "DNSNames: $(echo "$v" | sed 's/DNS://g')"
  fi
  if v=$(_cucm_ext "$c" subjectKeyIdentifier) && [ -n "$v" ]; then
    crit=${v%%|*}; v=${v#*|}
    _cucm_block SubjectKeyIdentifier OID.2.5.29.14 "$crit" "keyID: $(echo "$v" | tr -d ':' | tr 'A-F' 'a-f')"
  fi
  if v=$(_cucm_ext "$c" authorityKeyIdentifier) && [ -n "$v" ]; then
    crit=${v%%|*}; v=${v#*|}
    _cucm_block AuthorityKeyIdentifier OID.2.5.29.35 "$crit" "keyID: $(echo "${v#keyid:}" | tr -d ':' | tr 'A-F' 'a-f')"
  fi
  cat <<EOF
admin:show cert own $unit

[
  Version: V3
  Serial Number: $ser
  SignatureAlgorithm: $sigalg ($sigoid)
  Issuer Name: $iss
  Validity From: $(java_date "$nb")
           To:   $(java_date "$na")
  Subject Name: $sub
  Key: RSA (1.2.840.113549.1.1.1)
    Key value:
$keyhex
  Extensions: $_n present
$_blocks
]
EOF
  cat "$c"
}
# _cucm_ext CERT NAME -> "true|value" / "false|value" (value lines joined), empty if absent
_cucm_ext() {
  openssl x509 -in "$1" -noout -ext "$2" 2>/dev/null | awk '
    NR == 1 { crit = ($0 ~ /critical/) ? "true" : "false"; next }
    { sub(/^ +/, ""); v = v (v == "" ? "" : " ") $0 }
    END { if (NR > 0) print crit "|" v }'
}
_cucm_block() {
  _n=$((_n + 1))
  _blocks+="  [
     Extension: $1 ($2)
     Critical: $3
     $4
  ]
"
}

# ---- the product fixture generators' helpers (cucm-*.sh, expressway.sh, precheck*.sh); they
# need W, the script's scratch directory
# run CMD...: quiet unless it fails
run() {
  "$@" >"$W/.log" 2>&1 || { echo "$(basename "$0"): failed: $*" >&2; cat "$W/.log" >&2; exit 1; }
}

# key NAME rsaBITS|p256  ->  $W/NAME.key (PKCS#8 PEM)
key() {
  case $2 in
    rsa*) run openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${2#rsa}" -out "$W/$1.key" ;;
    p256) run openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
              -pkeyopt ec_param_enc:named_curve -out "$W/$1.key" ;;
    *) echo "key: bad type $2" >&2; exit 1 ;;
  esac
}

# cert NAME KEY ISSUER|self FROM TO [template line]...  ->  $W/NAME.pem (PEM only, SHA-256)
#   FROM/TO: YYYY-MM-DD, 00:00:00 UTC (export TZ=UTC: certtool reads local time)
cert() {
  local name=$1 k=$2 iss=$3 from=$4 to=$5; shift 5
  { printf '%s\n' "$@"
    printf 'activation_date = "%s 00:00:00"\nexpiration_date = "%s 00:00:00"\n' "$from" "$to"
  } >"$W/$name.tmpl"
  if [[ $iss == self ]]; then
    run certtool --generate-self-signed --load-privkey "$W/$k.key" --template "$W/$name.tmpl" \
      --hash SHA256 --no-text --outfile "$W/$name.pem"
  else
    run certtool --generate-certificate --load-privkey "$W/$k.key" \
      --load-ca-certificate "$W/$iss.pem" --load-ca-privkey "$W/$iss.key" \
      --template "$W/$name.tmpl" --hash SHA256 --no-text --outfile "$W/$name.pem"
  fi
}

certid() { openssl x509 -in "$1" -outform der | sha256sum | cut -c1-16 | sed 's/^/cert-/'; }
csrid()  { openssl req  -in "$1" -outform der | sha256sum | cut -c1-16 | sed 's/^/csr-/'; }
# joinids ID...: sorted, comma-joined
joinids() { printf '%s\n' "$@" | sort | paste -sd, -; }

# ---------------------------------------------------------------- packet captures (root)
# pcap_start FILE FILTER [tcpdump options...]: capture loopback to FILE until pcap_stop;
# wait_port PORT: until something listens on TCP PORT (5 s at most).
pcap_start() {
  local f=$1 filt=$2; shift 2
  command -v tcpdump >/dev/null || die "tcpdump is missing"
  tcpdump -i lo -U --immediate-mode -n -w "$f" "$@" "$filt" >/dev/null 2>"$f.log" &
  PCAP_PID=$!
  for _ in $(seq 1 100); do grep -q listening "$f.log" 2>/dev/null && break; sleep 0.1; done
  sleep 0.3
}
pcap_stop() { sleep 1; kill -INT "$PCAP_PID"; wait "$PCAP_PID" 2>/dev/null || true; rm -f "$1.log"; }
wait_port() { for _ in $(seq 1 50); do ss -ltn | grep -q ":$1 " && return 0; sleep 0.1; done; return 1; }

# ---- loopback capture helpers of captures-tls13.sh (tcpdump on lo; root). They use W (scratch
# directory) and keep the background processes in BG_PIDS for bg_cleanup; wait_port is above.
BG_PIDS=()
# bg_cleanup: end the background processes this script started (by their own ids)
bg_cleanup() { local p; for p in "${BG_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
# cap_start FILE FILTER [tcpdump options...]: capture on lo into $W/FILE; cap_stop ends it
cap_start() {
  local f=$1 filt=$2 _; shift 2
  rm -f "$W/tcpdump.log"
  tcpdump -i lo -U --immediate-mode -n -w "$W/$f" "$@" "$filt" >/dev/null 2>"$W/tcpdump.log" &
  CAP_PID=$!
  BG_PIDS+=("$CAP_PID")
  for _ in $(seq 1 100); do grep -q listening "$W/tcpdump.log" 2>/dev/null && break; sleep 0.1; done
  sleep 0.3
}
cap_stop() { sleep 1; kill -INT "$CAP_PID"; wait "$CAP_PID" 2>/dev/null || true; }
