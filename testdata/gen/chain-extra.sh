#!/usr/bin/env bash
# chain-extra.sh - fixtures for tests/test_chains.c that the rule-case format cannot express
# (evidence details). Writes testdata/chains/renamed-ca/. Real tools: certtool (GnuTLS).
set -euo pipefail
export TZ=UTC
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/chains/renamed-ca"
rm -rf "$out"; mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
key() { certtool --generate-privkey --key-type ecdsa --curve secp256r1 --outfile "$1" 2>/dev/null; }
tpl() { # tpl FILE CN CA(yes/no)
  { echo "cn = \"$2\""; echo 'organization = "Example Corp"'; echo 'serial = '"$RANDOM";
    echo 'activation_date = "2025-01-01 00:00:00"'; echo 'expiration_date = "2030-01-01 00:00:00"';
    if [ "$3" = yes ]; then echo ca; echo cert_signing_key; else echo 'dns_name = "www.example.com"'; echo signing_key; echo tls_www_server; fi
  } > "$1"; }
key root.key; key ca.key; key leaf.key
tpl root.tpl "Example Root CA" yes
certtool --generate-self-signed --load-privkey root.key --template root.tpl --outfile root.pem 2>/dev/null
# the same CA key under two names: the old name signed the leaf, only the new name is sent
tpl old.tpl "Example Issuing CA" yes
certtool --generate-certificate --load-privkey ca.key --load-ca-certificate root.pem --load-ca-privkey root.key --template old.tpl --outfile old.pem 2>/dev/null
tpl new.tpl "Example Issuing CA 2026" yes
certtool --generate-certificate --load-privkey ca.key --load-ca-certificate root.pem --load-ca-privkey root.key --template new.tpl --outfile new.pem 2>/dev/null
tpl leaf.tpl "www.example.com" no
certtool --generate-certificate --load-privkey leaf.key --load-ca-certificate old.pem --load-ca-privkey ca.key --template leaf.tpl --outfile leaf.pem 2>/dev/null
strip() { sed -n '/-----BEGIN/,/-----END/p' "$1"; }
strip root.pem > "$out/root.pem"; strip new.pem > "$out/issuing-ca-renamed.pem"; strip leaf.pem > "$out/leaf.pem"
cat > "$out/README.md" <<'MD'
# renamed-ca
`leaf.pem` was issued by "Example Issuing CA"; the input holds only `issuing-ca-renamed.pem`,
the same CA key under the name "Example Issuing CA 2026". chain.incomplete must fire and name
the renamed certificate as holding the issuer's key (evidence `same_key_other_name`).
Made by testdata/gen/chain-extra.sh.
MD
