#!/usr/bin/env bash
# report-json.sh - every command's --format json follows docs/report.schema.json: scan (a
# bundle, captures, logs), precheck (accept, accept-with-errors, reject), compare, verify (valid
# and invalid), show; validated with python3-jsonschema (tests/validate-json.py).
set -euo pipefail
B=${CD_BINARY:?} S=${CD_SOURCE_DIR:?}
T=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-json.XXXXXX")
trap 'rm -rf "$T"' EXIT
AT=--at=2026-06-01T00:00:00Z
P=$S/testdata/precheck/files
V=$S/testdata/rules/chain.incomplete/passes-full-chain/input
run() { # run NAME ARG...: exit 0 or 1 expected
  local name=$1 rc=0; shift
  "$B" "$@" --format json >"$T/$name.json" 2>"$T/$name.err" || rc=$?
  if [ "$rc" -gt 1 ]; then echo "$name: exit $rc"; cat "$T/$name.err"; exit 1; fi
}
run scan-demo scan $AT "$S/testdata/demo"
run scan-captures scan $AT "$S/testdata/captures"
run scan-logs scan $AT "$S/testdata/logs"
run precheck-accept precheck $AT --product cucm --purpose tomcat --cert "$P/cucm-pub/tomcat.pem" \
  --csr "$P/cucm-pub/tomcat.csr" --trust "$P/cucm-pub/tomcat-trust"
run precheck-reject precheck $AT --product cucm --purpose tomcat --cert "$P/cucm-pub/tomcat.pem" \
  --trust "$P/cucm-pub/tomcat-trust"
run precheck-errors precheck $AT --product expressway --purpose server --edge --domain example.org \
  --cert "$P/expressway/server.pem" --trust "$P/expressway/trusted-ca-list.pem"
run compare compare $AT "$P/expressway/server.pem" "$P/expressway/renewed-other-ca.pem"
run verify-valid verify $AT --trust "$V/root-ca.pem" --untrusted "$V/intermediate.pem" "$V/server.pem"
run verify-invalid verify $AT --trust "$V/root-ca.pem" "$V/server.pem"
run show show $AT "$S/testdata/demo"
for f in "$T"/*.json; do
  want=$(basename "$f" .json); want=${want%%-*}
  got=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["command"])' "$f")
  [ "$got" = "$want" ] || { echo "$f: command $got, want $want"; exit 1; }
done
/usr/bin/python3 "$S/tests/validate-json.py" "$S/docs/report.schema.json" "$T"/*.json
