#!/usr/bin/env bash
# Generates the cert.* cases of a v1 CA (no extensions at all, so no basicConstraints: RFC 5280
# §6.1.1 (d) lets a v1 root be a trust anchor; test CAs made with `openssl x509 -req` without
# an extension file are v1, as requests' and Python's test roots are). Such a certificate is
# not an end-entity certificate when it issues one of the input's certificates, and the
# end-entity lints leave it alone:
#   testdata/rules/cert.cn-not-in-san/passes-v1-root-issues-the-leaf/
#   testdata/rules/cert.no-revocation-info/fires-leaf-under-v1-intermediate/
#   testdata/compare-v1/{old,new}.pem: chain files (leaf, then the v1 root) for `compare`
# Run by rules.sh (which wipes the cert.* folders first); keys are random on every run.
set -euo pipefail
export TZ=UTC LC_ALL=C
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/rules
AT=2027-01-01T00:00:00Z  # the certificates are made valid from the day the script runs (2026-12-07 last)
W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-v1.XXXXXX")
trap 'rm -rf "$W"' EXIT
run() { "$@" >"$W/.log" 2>&1 || { echo "v1-issuers.sh: failed: $*" >&2; cat "$W/.log" >&2; exit 1; }; }
certid() { openssl x509 -in "$1" -outform der | sha256sum | cut -c1-16 | sed 's/^/cert-/'; }
for k in root inter leaf; do run openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/$k.key"; done
# v1: openssl x509 -req without -extfile writes no extensions and version 1
run openssl req -new -key "$W/root.key" -subj "/O=Example Corp/CN=Example V1 Root CA" -out "$W/root.csr"
run openssl x509 -req -in "$W/root.csr" -signkey "$W/root.key" -days 3650 -set_serial 1 -out "$W/root.pem"
run openssl req -new -key "$W/inter.key" -subj "/O=Example Corp/CN=Example V1 Issuing CA" -out "$W/inter.csr"
run openssl x509 -req -in "$W/inter.csr" -CA "$W/root.pem" -CAkey "$W/root.key" -days 3650 -set_serial 2 \
  -out "$W/inter.pem"
for c in root inter; do
  [[ $(openssl x509 -in "$W/$c.pem" -noout -text | grep -c 'Version: 1 ') == 1 ]] || { echo "$c is not v1" >&2; exit 1; }
done
printf '%s\n' 'subjectAltName = DNS:www.example.com' 'extendedKeyUsage = serverAuth' \
  'basicConstraints = critical,CA:FALSE' >"$W/leaf.ext"
run openssl req -new -key "$W/leaf.key" -subj "/CN=www.example.com" -out "$W/leaf.csr"
run openssl x509 -req -in "$W/leaf.csr" -CA "$W/root.pem" -CAkey "$W/root.key" -days 365 -set_serial 3 \
  -extfile "$W/leaf.ext" -out "$W/leaf-root.pem"
run openssl x509 -req -in "$W/leaf.csr" -CA "$W/inter.pem" -CAkey "$W/inter.key" -days 365 -set_serial 4 \
  -extfile "$W/leaf.ext" -out "$W/leaf-inter.pem"
# newcase RULE CASE: args and an empty expected
newcase() { C=$OUT/$1/$2; rm -rf "$C"; mkdir -p "$C/input"; printf '%s\n' --at "$AT" >"$C/args"; : >"$C/expected"; }
der() { openssl x509 -in "$1" -outform der -out "$2"; }
newcase cert.cn-not-in-san passes-v1-root-issues-the-leaf
der "$W/root.pem" "$C/input/RootCA.cer"; der "$W/leaf-root.pem" "$C/input/certnew.cer"
newcase cert.no-revocation-info fires-leaf-under-v1-intermediate
der "$W/root.pem" "$C/input/RootCA.cer"; der "$W/inter.pem" "$C/input/SubCA.cer"
der "$W/leaf-inter.pem" "$C/input/certnew.cer"
printf 'cert.no-revocation-info\tinfo\t%s\tcertnew.cer\n' "$(certid "$W/leaf-inter.pem")" >"$C/expected"
# compare OLD NEW with chain files (the leaf, then the v1 root that issued it), as requests'
# test certificates are: the renewal adds a name
COMPARE=$(cd "$HERE/.." && pwd)/compare-v1
rm -rf "$COMPARE"; mkdir -p "$COMPARE"
printf '%s\n' 'subjectAltName = DNS:www.example.com, DNS:api.example.com' 'extendedKeyUsage = serverAuth' \
  'basicConstraints = critical,CA:FALSE' >"$W/new.ext"
run openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/new.key" -subj "/CN=www.example.com" \
  -out "$W/new.csr"
run openssl x509 -req -in "$W/new.csr" -CA "$W/root.pem" -CAkey "$W/root.key" -days 365 -set_serial 5 \
  -extfile "$W/new.ext" -out "$W/leaf-new.pem"
cat "$W/leaf-root.pem" "$W/root.pem" >"$COMPARE/old.pem"
cat "$W/leaf-new.pem" "$W/root.pem" >"$COMPARE/new.pem"
echo "v1-issuers.sh: 2 cases written under $OUT, old.pem and new.pem under $COMPARE"
