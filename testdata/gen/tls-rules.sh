#!/usr/bin/env bash
# Generates the rule cases of the tls.* rules: testdata/rules/tls.*/<case>/{args,expected,input/}
# from the captures in testdata/captures/ (made by captures.sh). Expected object ids come from
# what tshark extracts (never from certdiag): conventions in docs/dev/conventions.md.
# Tools: tshark, xxd, sha256sum. Idempotent; runnable from any directory.
set -euo pipefail
export LC_ALL=C TZ=UTC
for t in tshark xxd sha256sum; do
  command -v "$t" >/dev/null || { echo "tls-rules.sh: missing tool: $t" >&2; exit 2; }
done
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CAP=$(cd "$HERE/.." && pwd)/captures
OUT=$(cd "$HERE/.." && pwd)/rules
AT=2026-06-01T00:00:00Z
find "$OUT" -mindepth 1 -maxdepth 1 -type d -name 'tls.*' -exec rm -rf {} +

declare -A PORT
while IFS=$'\t' read -r f p _; do [[ $f == \#* ]] || PORT[$f]=$p; done <"$CAP/facts.tsv"

# ids CAPTURE server|client : the certificate ids one side sent, in wire order (tshark)
ids() {
  local f=$1 side=$2 port=${PORT[$1]} field=tcp.srcport
  [ "$side" = client ] && field=tcp.dstport
  tshark -r "$CAP/$f" -d "tcp.port==$port,tls" -Y "tls.handshake.certificate && $field==$port" \
    -T fields -e tls.handshake.certificate 2>/dev/null | head -1 | tr ',' '\n' | grep . |
    while read -r h; do echo "cert-$(echo "$h" | xxd -r -p | sha256sum | cut -c1-16)"; done
}
pick() { sed -n "${1}p"; }            # pick N: the Nth id
joined() { sort | paste -sd, -; }     # ids comma-joined, sorted

# case RULE SEV NAME CAPTURE|- [IDS|-]   (IDS "" or absent: no expected line)
case_() {
  local rule=$1 sev=$2 name=$3 input=$4 objs=${5-}
  local d="$OUT/$rule/$name"
  mkdir -p "$d"
  printf -- '--at\n%s\n' "$AT" >"$d/args"
  : >"$d/expected"
  if [ "$input" != - ]; then
    mkdir -p "$d/input"
    cp "$CAP/$input" "$d/input/"
  fi
  if [[ $name == fires-* ]]; then
    printf '%s\t%s\t%s\t%s\n' "$rule" "$sev" "${objs:--}" "$input" >"$d/expected"
  fi
}
na_pem() { case_ "$1" "$2" na-no-capture test-root.pem; }

r=tls.server-chain-incomplete; s=error
case_ $r $s fires-leaf-only tls12-unknown-ca-alert.pcap "$(ids tls12-unknown-ca-alert.pcap server | pick 1)"
case_ $r $s passes-leaf-and-intermediate tls12.pcap
na_pem $r $s

r=tls.server-sent-root; s=info
case_ $r $s fires-root-in-chain tls12-misordered-with-root.pcap "$(ids tls12-misordered-with-root.pcap server | pick 2)"
case_ $r $s passes-no-root tls12.pcap
na_pem $r $s

r=tls.chain-misordered; s=warning
case_ $r $s fires-root-before-intermediate tls12-misordered-with-root.pcap "$(ids tls12-misordered-with-root.pcap server | joined)"
case_ $r $s passes-in-order tls12.pcap
case_ $r $s na-single-certificate tls12-unknown-ca-alert.pcap

r=tls.alert-unknown-ca; s=error
case_ $r $s fires-client-lacks-intermediate tls12-unknown-ca-alert.pcap "$(ids tls12-unknown-ca-alert.pcap server | joined)"
case_ $r $s passes-no-alert tls12.pcap
na_pem $r $s

r=tls.alert-bad-certificate; s=error
case_ $r $s fires-host-name-mismatch tls12-bad-certificate-alert.pcap "$(ids tls12-bad-certificate-alert.pcap server | joined)"
case_ $r $s passes-no-alert tls12.pcap
na_pem $r $s

r=tls.alert-certificate-expired; s=error
case_ $r $s fires-expired-leaf tls12-certificate-expired-alert.pcap "$(ids tls12-certificate-expired-alert.pcap server | joined)"
case_ $r $s passes-no-alert tls12.pcap
na_pem $r $s

r=tls.alert-other; s=warning
case_ $r $s fires-unsupported-certificate mtls-client-no-client-eku.pcap "$(ids mtls-client-no-client-eku.pcap client | joined)"
case_ $r $s passes-no-alert tls12.pcap
na_pem $r $s

r=tls.client-cert-missing-client-eku; s=error
case_ $r $s fires-server-only-eku mtls-client-no-client-eku.pcap "$(ids mtls-client-no-client-eku.pcap client | pick 1)"
case_ $r $s passes-client-eku mtls-7001.pcapng
case_ $r $s na-no-client-certificate tls12.pcap

r=tls.server-cert-missing-server-eku; s=error
case_ $r $s fires-client-only-eku tls12-server-no-server-eku.pcap "$(ids tls12-server-no-server-eku.pcap server | pick 1)"
case_ $r $s passes-server-eku tls12.pcap
case_ $r $s na-tls13-encrypted tls13.pcap

r=tls.sni-not-in-san; s=error
case_ $r $s fires-other-name tls12-bad-certificate-alert.pcap "$(ids tls12-bad-certificate-alert.pcap server | pick 1)"
case_ $r $s passes-name-in-san tls12.pcap
case_ $r $s na-no-client-hello tls12-mid-handshake.pcap

r=tls.client-cert-issuer-not-requested; s=warning
case_ $r $s fires-other-ca-requested mtls-issuer-not-requested.pcap "$(ids mtls-issuer-not-requested.pcap client | joined)"
case_ $r $s passes-requested-root mtls-7001.pcapng
case_ $r $s na-no-certificate-request tls12.pcap

r=tls.certificates-encrypted; s=info
case_ $r $s fires-tls13 tls13.pcap -
case_ $r $s passes-tls12 tls12.pcap
na_pem $r $s

r=tls.capture-truncated; s=warning
case_ $r $s fires-snaplen-200 tls12-snaplen-200.pcap -
case_ $r $s passes-full-frames tls12.pcap
na_pem $r $s

r=tls.capture-gap; s=warning
case_ $r $s fires-segment-missing tls12-gap.pcap -
case_ $r $s passes-complete tls12.pcap
na_pem $r $s
echo "tls-rules.sh: $(find "$OUT" -mindepth 2 -maxdepth 2 -path '*/tls.*' -type d | wc -l) cases"
