#!/usr/bin/env bash
# Generates the rule cases of "one root cause, one finding" between a generic rule and the
# product rule that owns a fact (docs/chains.md; src/rules/cert/owner.h):
#   testdata/rules/cert.wildcard/{na-cucm-identity,fires-outside-cucm-identity}/
# A wildcard tomcat certificate of a CUCM node is cucm.wildcard-unsupported's (an error there),
# not also cert.wildcard's info; the same certificate outside a node layout is cert.wildcard's.
# rules.sh wipes the cert.* case folders and runs this script again at its end; it can also run
# alone (it replaces only its own cases). Tools: openssl 3.0, GnuTLS certtool 3.7. Keys are
# random, so ids change on every run; with --at 2026-06-01T00:00:00Z the results are exact.
set -euo pipefail
export TZ=UTC LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/rules
AT=2026-06-01T00:00:00Z
W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-owners.XXXXXX")
trap 'rm -rf "$W"' EXIT
. "$HERE/lib.sh"

CASES=(cert.wildcard/na-cucm-identity cert.wildcard/fires-outside-cucm-identity)
for c in "${CASES[@]}"; do rm -rf "${OUT:?}/$c"; done

newcase() { C=$OUT/$1/$2; mkdir -p "$C/input"; printf '%s\n' --at "$AT" >"$C/args"; : >"$C/expected"; }

# a private root -> a tomcat certificate for a CUCM publisher with a wildcard SAN
key root rsa2048
cert root root self 2024-01-01 2036-01-01 'cn = "Example Root CA"' 'serial = 1' ca cert_signing_key crl_signing_key
key tomcat rsa2048
cert tomcat tomcat root 2026-01-01 2028-01-01 'cn = "cucm-pub.example.com"' 'serial = 2' \
  'dns_name = "cucm-pub.example.com"' 'dns_name = "*.example.com"' tls_www_server tls_www_client \
  signing_key encryption_key
TOMCAT=$(certid "$W/tomcat.pem")

# the node's tomcat identity (cucm-pub/tomcat.pem) with its trust store: the product rule
# reports it, the generic info does not repeat it
newcase cert.wildcard na-cucm-identity
mkdir -p "$C/input/cucm-pub/tomcat-trust"
cp "$W/tomcat.pem" "$C/input/cucm-pub/tomcat.pem"
cp "$W/root.pem" "$C/input/cucm-pub/tomcat-trust/Example_Root_CA.pem"

# the same certificate as a customer mails it, no node and no product: cert.wildcard's
newcase cert.wildcard fires-outside-cucm-identity
openssl x509 -in "$W/tomcat.pem" -outform der -out "$C/input/certnew.cer"
openssl x509 -in "$W/root.pem" -outform der -out "$C/input/RootCA.cer"
printf 'cert.wildcard\tinfo\t%s\tcertnew.cer\n' "$TOMCAT" >"$C/expected"

echo "owners.sh: ${#CASES[@]} cases written under $OUT"
