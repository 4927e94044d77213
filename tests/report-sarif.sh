#!/usr/bin/env bash
# report-sarif.sh - `--format sarif` of scan, precheck and verify is valid SARIF 2.1.0 (the OASIS
# schema, vendored in tests/sarif/, checked with python3-jsonschema); it has one result per
# finding of the JSON report, every catalogue rule in tool.driver, archive members as the
# archive's uri plus the member in properties, log lines as regions, and the same
# partialFingerprints on a second run.
set -euo pipefail
B=${CD_BINARY:?} S=${CD_SOURCE_DIR:?}
T=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-sarif.XXXXXX")
trap 'rm -rf "$T"' EXIT
AT=--at=2026-06-01T00:00:00Z
P=$S/testdata/precheck/files
V=$S/testdata/rules/chain.incomplete/passes-full-chain/input
run() { # run NAME FORMAT ARG...
  local name=$1 fmt=$2 rc=0; shift 2
  "$B" "$@" --format "$fmt" >"$T/$name.$fmt" 2>"$T/$name.err" || rc=$?
  if [ "$rc" -gt 1 ]; then echo "$name: exit $rc"; cat "$T/$name.err"; exit 1; fi
}
for fmt in sarif json; do
  run scan-demo $fmt scan $AT "$S/testdata/demo"
  run scan-archives $fmt scan $AT "$S/testdata/archives"
  run scan-logs $fmt scan $AT "$S/testdata/logs"
  run precheck $fmt precheck $AT --product cucm --purpose tomcat --cert "$P/cucm-pub/tomcat.pem" \
    --trust "$P/cucm-pub/tomcat-trust"
done
run verify sarif verify $AT --trust "$V/root-ca.pem" "$V/server.pem"
M=$S/testdata/rules/chain.malformed-certificate/fires-san-leading-dot/input
# a 1024-bit RSA leaf that is its own anchor: under the web PKI profile a weak key (BR §6.1.5)
openssl req -x509 -newkey rsa:1024 -nodes -keyout "$T/weak.key" -out "$T/weak.pem" -days 3650 \
  -subj /CN=www.example.com -addext subjectAltName=DNS:www.example.com 2>/dev/null
run verify-weak sarif verify --profile webpki --trust "$T/weak.pem" "$T/weak.pem"
run verify-malformed sarif verify $AT --host www.example.com --trust "$M/root-ca.pem" --untrusted "$M/intermediate.pem" \
  "$M/server.pem"
run again sarif scan $AT "$S/testdata/demo"
/usr/bin/python3 "$S/tests/validate-json.py" "$S/tests/sarif/sarif-schema-2.1.0.json" "$T"/*.sarif
/usr/bin/python3 - "$T" <<'PY'
import json, sys, os
t = sys.argv[1]
bad = []
def load(n): return json.load(open(os.path.join(t, n)))
rules = None
for name in ["scan-demo", "scan-archives", "scan-logs", "precheck"]:
    s, j = load(name + ".sarif"), load(name + ".json")
    run = s["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    if rules is None:
        rules = ids
    if len(ids) < 50 or len(set(ids)) != len(ids):
        bad.append(f"{name}: {len(ids)} driver rules")
    res = run["results"]
    if len(res) != len(j["findings"]):
        bad.append(f"{name}: {len(res)} results, {len(j['findings'])} findings")
    for r, f in zip(res, j["findings"]):
        if r["ruleId"] != f["rule"] or ids[r["ruleIndex"]] != r["ruleId"]:
            bad.append(f"{name}: result {r['ruleId']} for finding {f['rule']}")
        if not r.get("partialFingerprints", {}).get("certdiagFinding/v1"):
            bad.append(f"{name}: no fingerprint")
        for loc in r.get("locations", []):
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            if uri.startswith("/") or "!/" in uri:
                bad.append(f"{name}: uri {uri} is not relative to the root")
members = [l for r in load("scan-archives.sarif")["runs"][0]["results"] for l in r.get("locations", [])
           if "archiveMember" in l.get("properties", {})]
if not members:
    bad.append("scan-archives: no archive member location")
lines = [l for r in load("scan-logs.sarif")["runs"][0]["results"] for l in r.get("locations", [])
         if l["physicalLocation"].get("region", {}).get("startLine")]
if not lines:
    bad.append("scan-logs: no log line region")
v = load("verify.sarif")["runs"][0]
if not any(r["ruleId"] == "chain.incomplete" for r in v["results"]):
    bad.append("verify: the missing intermediate is not a chain.incomplete result")
# every problem of a verified path is a result of the catalogue rule scan reports it with
for n in ["verify", "verify-malformed", "verify-weak"]:
    v = load(n + ".sarif")["runs"][0]
    ids = [r["id"] for r in v["tool"]["driver"]["rules"]]
    for r in v["results"]:
        if r["ruleId"] not in ids:
            bad.append(f"{n}: result {r['ruleId']} is no rule of the driver")
if not any(r["ruleId"] == "chain.malformed-certificate" for r in load("verify-malformed.sarif")["runs"][0]["results"]):
    bad.append("verify-malformed: the leading-dot SAN is not a chain.malformed-certificate result")
if not any(r["ruleId"] == "chain.bad-signature" for r in load("verify-weak.sarif")["runs"][0]["results"]):
    bad.append("verify-weak: the 1024-bit key is not a chain.bad-signature result")
fp = lambda n: [r["partialFingerprints"]["certdiagFinding/v1"] for r in load(n)["runs"][0]["results"]]
if fp("scan-demo.sarif") != fp("again.sarif"):
    bad.append("fingerprints differ between two runs")
if len(set(fp("scan-demo.sarif"))) != len(fp("scan-demo.sarif")):
    bad.append("two results share a fingerprint")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
echo "sarif: ok"
