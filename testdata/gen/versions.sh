#!/usr/bin/env bash
# Generates the rule cases about a certificate's version field (RFC 5280 §4.1.2.1: v1, v2 or
# v3; §4.1.2.9: extensions only in v3), as a CA portal hands them out (certnew.cer in DER,
# RootCA.cer):
#   testdata/rules/chain.malformed-certificate/{fires-leaf-undefined-version,fires-v1-leaf-with-extensions,
#     passes-v1-leaf-without-extensions}/
# The leaves are written by versions.py (python3 cryptography, the version field rewritten and
# the leaf signed again). chains.sh wipes the chain.* case folders and runs this script again at
# its end; it can also run alone (it replaces only its own cases). Keys are random, so ids change
# on every run; with --at 2026-06-01T00:00:00Z the results are exact.
set -euo pipefail
export TZ=UTC LC_ALL=C
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/rules
AT=2026-06-01T00:00:00Z
PY=/usr/bin/python3
"$PY" -c 'import cryptography' 2>/dev/null || PY=python3

certid() { openssl x509 -inform der -in "$1" -outform der | sha256sum | cut -c1-16 | sed 's/^/cert-/'; }

# mkcase NAME VERSION EXTENSIONS EXPECT(1|0)
mkcase() {
  local C=$OUT/chain.malformed-certificate/$1
  rm -rf "$C"; mkdir -p "$C/input"
  printf '%s\n' --at "$AT" >"$C/args"
  "$PY" "$HERE/versions.py" "$C/input" "$2" "$3"
  openssl x509 -in "$C/input/RootCA.pem" -outform der -out "$C/input/RootCA.cer"; rm "$C/input/RootCA.pem"
  if [[ $4 == 1 ]]; then
    printf 'chain.malformed-certificate\terror\t%s\tcertnew.cer\n' "$(certid "$C/input/certnew.cer")" >"$C/expected"
  else
    : >"$C/expected"
  fi
}

# version 8: no such X.509 version (Go, BoringSSL and Chromium refuse it; OpenSSL 3.0 does not)
mkcase fires-leaf-undefined-version 8 1 1
# version 1 with a subjectAltName: extensions only in v3
mkcase fires-v1-leaf-with-extensions 1 1 1
# version 1 without extensions: allowed by RFC 5280 (the web PKI profile alone wants v3)
mkcase passes-v1-leaf-without-extensions 1 0 0
echo "versions.sh: 3 cases written under $OUT/chain.malformed-certificate"
