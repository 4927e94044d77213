#!/usr/bin/env bash
# Generates the rule cases of the tls.* rules: testdata/rules/tls.*/<case>/{args,expected,input/}
# from the captures in testdata/captures/ (made by captures.sh) and testdata/captures/tls13/
# (captures-tls13.sh: TLS 1.3 with key logs, given with --keylog from the case's keylog/
# folder, outside input/). Expected object ids come from what tshark extracts (never from
# certdiag), with the same key log for TLS 1.3: conventions in docs/dev/conventions.md.
# Tools: tshark, xxd, sha256sum. Idempotent; runnable from any directory.
set -euo pipefail
export LC_ALL=C TZ=UTC
for t in tshark xxd sha256sum; do
  command -v "$t" >/dev/null || { echo "tls-rules.sh: missing tool: $t" >&2; exit 2; }
done
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CAP=$(cd "$HERE/.." && pwd)/captures
C13=$CAP/tls13
OUT=$(cd "$HERE/.." && pwd)/rules
AT=2026-06-01T00:00:00Z
find "$OUT" -mindepth 1 -maxdepth 1 -type d -name 'tls.*' -exec rm -rf {} +

declare -A PORT PORT13
while IFS=$'\t' read -r f p _; do [[ $f == \#* ]] || PORT[$f]=$p; done <"$CAP/facts.tsv"
while IFS=$'\t' read -r f p _; do [[ $f == \#* ]] || PORT13[$f]=$p; done <"$C13/facts.tsv"

# ids CAPTURE server|client : the certificate ids one side sent, in wire order (tshark)
ids() {
  local f=$1 side=$2 port=${PORT[$1]} field=tcp.srcport
  [ "$side" = client ] && field=tcp.dstport
  tshark -r "$CAP/$f" -d "tcp.port==$port,tls" -Y "tls.handshake.certificate && $field==$port" \
    -T fields -e tls.handshake.certificate 2>/dev/null | head -1 | tr ',' '\n' | grep . |
    while read -r h; do echo "cert-$(echo "$h" | xxd -r -p | sha256sum | cut -c1-16)"; done
}
# ids13 CAPTURE KEYLOG server|client : the same for a TLS 1.3 capture of tls13/, decrypted by
# tshark with KEYLOG
ids13() {
  local f=$1 kl=$2 side=$3 port=${PORT13[$1]} field=tcp.srcport
  [ "$side" = client ] && field=tcp.dstport
  tshark -r "$C13/$f" -o "tls.keylog_file:$C13/$kl" -d "tcp.port==$port,tls" \
    -Y "tls.handshake.certificate && $field==$port" -T fields -e tls.handshake.certificate 2>/dev/null |
    head -1 | tr ',' '\n' | grep . |
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
# case13 RULE SEV NAME CAPTURE KEYLOG|- [IDS|-] [FILE]: a TLS 1.3 capture of tls13/ with its key
# log (a file of tls13/, or an absolute path) in keylog/ (--keylog); FILE: the expected file
# column (default the capture)
case13() {
  local rule=$1 sev=$2 name=$3 input=$4 kl=$5 objs=${6-} file=${7:-$4}
  local d="$OUT/$rule/$name" klsrc="$C13/$5"
  [[ $kl == /* ]] && { klsrc=$kl; kl=$(basename "$kl"); }
  mkdir -p "$d/input"
  cp "$C13/$input" "$d/input/"
  printf -- '--at\n%s\n' "$AT" >"$d/args"
  if [ "$kl" != - ]; then
    mkdir -p "$d/keylog"
    cp "$klsrc" "$d/keylog/"
    printf -- '--keylog\nkeylog/%s\n' "$kl" >>"$d/args"
  fi
  : >"$d/expected"
  if [[ $name == fires-* ]]; then
    printf '%s\t%s\t%s\t%s\n' "$rule" "$sev" "${objs:--}" "$file" >"$d/expected"
  fi
}

r=tls.server-chain-incomplete; s=error
case_ $r $s fires-leaf-only tls12-unknown-ca-alert.pcap "$(ids tls12-unknown-ca-alert.pcap server | pick 1)"
case13 $r $s fires-tls13-leaf-only tls13-unknown-ca-alert.pcap tls13-unknown-ca-alert.keys \
  "$(ids13 tls13-unknown-ca-alert.pcap tls13-unknown-ca-alert.keys server | pick 1)"
case13 $r $s passes-tls13-leaf-and-intermediate tls13-aes128gcm.pcap tls13-aes128gcm.keys
case_ $r $s passes-leaf-and-intermediate tls12.pcap
na_pem $r $s

r=tls.server-sent-root; s=info
case_ $r $s fires-root-in-chain tls12-misordered-with-root.pcap "$(ids tls12-misordered-with-root.pcap server | pick 2)"
case13 $r $s fires-tls13-root-in-chain tls13-misordered-with-root.pcap tls13-misordered-with-root.keys \
  "$(ids13 tls13-misordered-with-root.pcap tls13-misordered-with-root.keys server | pick 2)"
case_ $r $s passes-no-root tls12.pcap
na_pem $r $s

r=tls.chain-misordered; s=warning
case_ $r $s fires-root-before-intermediate tls12-misordered-with-root.pcap "$(ids tls12-misordered-with-root.pcap server | joined)"
case13 $r $s fires-tls13-root-before-intermediate tls13-misordered-with-root.pcap tls13-misordered-with-root.keys \
  "$(ids13 tls13-misordered-with-root.pcap tls13-misordered-with-root.keys server | joined)"
case_ $r $s passes-in-order tls12.pcap
case_ $r $s na-single-certificate tls12-unknown-ca-alert.pcap

r=tls.alert-unknown-ca; s=error
case_ $r $s fires-client-lacks-intermediate tls12-unknown-ca-alert.pcap "$(ids tls12-unknown-ca-alert.pcap server | joined)"
case13 $r $s fires-tls13-client-lacks-intermediate tls13-unknown-ca-alert.pcap tls13-unknown-ca-alert.keys \
  "$(ids13 tls13-unknown-ca-alert.pcap tls13-unknown-ca-alert.keys server | joined)"
case_ $r $s passes-no-alert tls12.pcap
na_pem $r $s

r=tls.alert-bad-certificate; s=error
case_ $r $s fires-host-name-mismatch tls12-bad-certificate-alert.pcap "$(ids tls12-bad-certificate-alert.pcap server | joined)"
case13 $r $s fires-tls13-host-name-mismatch tls13-bad-certificate-alert.pcap tls13-bad-certificate-alert.keys \
  "$(ids13 tls13-bad-certificate-alert.pcap tls13-bad-certificate-alert.keys server | joined)"
case_ $r $s passes-no-alert tls12.pcap
na_pem $r $s

r=tls.alert-certificate-expired; s=error
case_ $r $s fires-expired-leaf tls12-certificate-expired-alert.pcap "$(ids tls12-certificate-expired-alert.pcap server | joined)"
case13 $r $s fires-tls13-expired-leaf tls13-certificate-expired-alert.pcap tls13-certificate-expired-alert.keys \
  "$(ids13 tls13-certificate-expired-alert.pcap tls13-certificate-expired-alert.keys server | joined)"
case_ $r $s passes-no-alert tls12.pcap
na_pem $r $s

r=tls.alert-other; s=warning
case_ $r $s fires-unsupported-certificate mtls-client-no-client-eku.pcap "$(ids mtls-client-no-client-eku.pcap client | joined)"
case13 $r $s fires-tls13-unsupported-certificate tls13-mtls-client-no-client-eku.pcap \
  tls13-mtls-client-no-client-eku.keys \
  "$(ids13 tls13-mtls-client-no-client-eku.pcap tls13-mtls-client-no-client-eku.keys client | joined)"
case_ $r $s passes-no-alert tls12.pcap
na_pem $r $s

r=tls.client-cert-missing-client-eku; s=error
case_ $r $s fires-server-only-eku mtls-client-no-client-eku.pcap "$(ids mtls-client-no-client-eku.pcap client | pick 1)"
case13 $r $s fires-tls13-server-only-eku tls13-mtls-client-no-client-eku.pcap tls13-mtls-client-no-client-eku.keys \
  "$(ids13 tls13-mtls-client-no-client-eku.pcap tls13-mtls-client-no-client-eku.keys client | pick 1)"
case13 $r $s passes-tls13-client-eku tls13-chacha20.pcap tls13-chacha20.keys
case_ $r $s passes-client-eku mtls-7001.pcapng
case_ $r $s na-no-client-certificate tls12.pcap

r=tls.server-cert-missing-server-eku; s=error
case_ $r $s fires-client-only-eku tls12-server-no-server-eku.pcap "$(ids tls12-server-no-server-eku.pcap server | pick 1)"
case13 $r $s fires-tls13-client-only-eku tls13-server-no-server-eku.pcap tls13-server-no-server-eku.keys \
  "$(ids13 tls13-server-no-server-eku.pcap tls13-server-no-server-eku.keys server | pick 1)"
case_ $r $s passes-server-eku tls12.pcap
case_ $r $s na-tls13-encrypted tls13.pcap

r=tls.sni-not-in-san; s=error
case_ $r $s fires-other-name tls12-bad-certificate-alert.pcap "$(ids tls12-bad-certificate-alert.pcap server | pick 1)"
case13 $r $s fires-tls13-other-name tls13-sni-not-in-san.pcap tls13-sni-not-in-san.keys \
  "$(ids13 tls13-sni-not-in-san.pcap tls13-sni-not-in-san.keys server | pick 1)"
case13 $r $s passes-tls13-name-in-san tls13-aes128ccm.pcap tls13-aes128ccm.keys
case_ $r $s passes-name-in-san tls12.pcap
case_ $r $s na-no-client-hello tls12-mid-handshake.pcap

r=tls.client-cert-issuer-not-requested; s=warning
case_ $r $s fires-other-ca-requested mtls-issuer-not-requested.pcap "$(ids mtls-issuer-not-requested.pcap client | joined)"
case13 $r $s fires-tls13-other-ca-requested tls13-mtls-issuer-not-requested.pcap tls13-mtls-issuer-not-requested.keys \
  "$(ids13 tls13-mtls-issuer-not-requested.pcap tls13-mtls-issuer-not-requested.keys client | joined)"
case13 $r $s passes-tls13-requested-root tls13-aes128ccm.pcap tls13-aes128ccm.keys
case_ $r $s passes-requested-root mtls-7001.pcapng
case_ $r $s na-no-certificate-request tls12.pcap

r=tls.certificates-encrypted; s=info
case_ $r $s fires-tls13 tls13.pcap -
case13 $r $s fires-tls13-keylog-of-another-session tls13-aes128gcm.pcap tls13-aes256gcm.keys -
case13 $r $s fires-tls13-client-secrets-missing tls13-chacha20.pcap tls13-chacha20-server-only.keys -
case13 $r $s passes-tls13-decrypted tls13-aes128gcm.pcap tls13-aes128gcm.keys
case13 $r $s passes-tls13-secrets-in-capture tls13-secrets-embedded.pcapng -
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
r=tls.decryption-failed; s=warning
case13 $r $s fires-altered-secret tls13-aes128gcm.pcap tls13-aes128gcm-wrong.keys -
# both handshake secrets were altered: one finding per direction
e=$(cat "$OUT/$r/fires-altered-secret/expected"); printf '%s\n%s\n' "$e" "$e" >"$OUT/$r/fires-altered-secret/expected"
case13 $r $s passes-right-secret tls13-aes128gcm.pcap tls13-aes128gcm.keys
case13 $r $s passes-secrets-in-capture tls13-secrets-embedded.pcapng -
case13 $r $s na-no-keylog tls13-aes128gcm.pcap -
case13 $r $s na-keylog-of-another-session tls13-aes128gcm.pcap tls13-aes256gcm.keys

# tls.keylog-malformed: a real key log with one client random cut short (line 3), and a
# certificate given as the key log
r=tls.keylog-malformed; s=warning
W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-tlsrules.XXXXXX")
trap 'rm -rf "$W"' EXIT
awk 'NR == 3 { $2 = substr($2, 1, 63) } { print }' "$C13/tls13-aes128gcm.keys" >"$W/sslkeylog.txt"
case13 $r $s fires-random-cut-short tls13-aes128gcm.pcap "$W/sslkeylog.txt" - sslkeylog.txt
case13 $r $s fires-certificate-given-as-keylog tls13-aes128gcm.pcap RootCA.cer - RootCA.cer
case13 $r $s passes-real-keylog tls13-aes128gcm.pcap tls13-aes128gcm.keys
case13 $r $s passes-secrets-in-capture tls13-secrets-embedded.pcapng -
case13 $r $s na-no-keylog tls13-aes128gcm.pcap -
echo "tls-rules.sh: $(find "$OUT" -mindepth 2 -maxdepth 2 -path '*/tls.*' -type d | wc -l) cases"

# chain.misordered judges files (PEM, PKCS#7): a server chain out of order in a capture is
# tls.chain-misordered's, once (the capture is not a file of certificates in an order)
r=chain.misordered; s=warning
rm -rf "$OUT/$r/na-capture-server-chain" "$OUT/$r/na-tls13-capture-server-chain"
case_ $r $s na-capture-server-chain tls12-misordered-with-root.pcap
case13 $r $s na-tls13-capture-server-chain tls13-misordered-with-root.pcap tls13-misordered-with-root.keys
