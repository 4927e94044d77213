#!/usr/bin/env bash
# report-html.sh - the HTML report in a real browser: every report is one self-contained file
# (no script, nothing fetched: no src/href/url() to another place); headless Chromium renders
# the demo report, and the rendered DOM holds every finding of the JSON report (rule and
# message), the inventory, every chain as an SVG with the anchor or the missing issuer, the
# connections of a capture and the example lines of log findings. A screenshot at 1280 px and a
# print (PDF) of the demo report are kept in the test output (meson-logs/).
# Skips (77) when chromium is not installed (scripts/setup.sh test installs it).
set -euo pipefail
B=${CD_BINARY:?} S=${CD_SOURCE_DIR:?}
OUT=${CD_BUILD_DIR:-.}/meson-logs
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || { echo "chromium not installed: skipped (apt-get install chromium)"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-html.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$OUT"
AT=--at=2026-06-01T00:00:00Z
P=$S/testdata/precheck/files
V=$S/testdata/rules/chain.incomplete/passes-full-chain/input
run() { # run NAME ARG...: html and json of one command
  local name=$1 rc=0; shift
  "$B" "$@" --format html -o "$T/$name.html" 2>"$T/$name.err" || rc=$?
  if [ "$rc" -gt 1 ]; then echo "$name: exit $rc"; cat "$T/$name.err"; exit 1; fi
  # --inventory: chains built as for html (which needs them), so both have the same chains
  "$B" "$@" --inventory --format json >"$T/$name.json" 2>/dev/null || true
}
run demo scan $AT "$S/testdata/demo"
run captures scan $AT "$S/testdata/captures"
run logs scan $AT "$S/testdata/logs"
run precheck precheck $AT --product cucm --purpose tomcat --cert "$P/cucm-pub/tomcat.pem" --trust "$P/cucm-pub/tomcat-trust"
run compare compare $AT "$P/expressway/server.pem" "$P/expressway/renewed-other-ca.pem"
run verify verify $AT --trust "$V/root-ca.pem" "$V/server.pem"
chrome() { # chrome ARG... FILE: a fresh profile each time, nothing from the network
  rm -rf "$T/profile"
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$T/profile" "$@" 2>/dev/null
}
for f in "$T"/*.html; do
  chrome --dump-dom "file://$f" >"${f%.html}.dom"
done
chrome --window-size=1280,2400 --screenshot="$OUT/demo-report.png" "file://$T/demo.html" >/dev/null
chrome --print-to-pdf="$OUT/demo-report.pdf" --no-pdf-header-footer "file://$T/demo.html" >/dev/null
/usr/bin/python3 - "$T" "$OUT" <<'PY'
import json, os, re, sys
from html.parser import HTMLParser
t, out = sys.argv[1], sys.argv[2]
bad = []

class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.findings = []  # (rule, text)
        self.stack = []
        self.ids = set()
        self.tags = {}
        self.text = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if a.get("id"):
            self.ids.add(a["id"])
        cls = (a.get("class") or "").split()
        self.stack.append((tag, "finding" in cls, a.get("data-rule")))
        if "finding" in cls:
            self.findings.append([a.get("data-rule"), ""])
    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
    def handle_data(self, data):
        self.text.append(data)
        if any(s[1] for s in self.stack) and self.findings:
            self.findings[-1][1] += data

def dom(name):
    d = Dom()
    d.feed(open(os.path.join(t, name + ".dom"), encoding="utf-8").read())
    return d

for name in ["demo", "captures", "logs", "precheck", "compare", "verify"]:
    raw = open(os.path.join(t, name + ".html"), encoding="utf-8").read()
    if re.search(r"<script|<link|<iframe|<img|@import|url\(", raw, re.I):
        bad.append(f"{name}: not self-contained (script, link, image or url())")
    for m in re.finditer(r'(?:src|href)\s*=\s*"([^"]*)"', raw, re.I):
        if not m.group(1).startswith("#"):
            bad.append(f"{name}: refers to {m.group(1)}")
    d = dom(name)
    if "summary" not in d.ids or "verdict" not in d.ids:
        bad.append(f"{name}: no summary and verdict")
    if name != "verify" and "inventory" not in d.ids:
        bad.append(f"{name}: no inventory")
    j = json.load(open(os.path.join(t, name + ".json")))
    want = j.get("findings", [])
    got = d.findings
    if len(got) != len(want):
        bad.append(f"{name}: {len(got)} findings rendered, the JSON report has {len(want)}")
    text = " ".join(" ".join(g[1].split()) for g in got)
    for f in want:
        msg = " ".join(f["message"].split())
        if not any(g[0] == f["rule"] and msg in " ".join(g[1].split()) for g in got):
            bad.append(f"{name}: finding {f['rule']}: {msg[:80]} not rendered")
    chains = j.get("chains", [])
    svgs = d.tags.get("svg", 0)
    if len(chains) != svgs:
        bad.append(f"{name}: {svgs} chain drawings, {len(chains)} chains")
    alltext = " ".join(d.text)
    if any(c["problems"] and any(p["problem"] == "incomplete" for p in c["problems"]) for c in chains) \
            and "missing issuer" not in alltext:
        bad.append(f"{name}: a missing issuer is not marked")
    if any(c["valid"] for c in chains) and "trust anchor" not in alltext:
        bad.append(f"{name}: no trust anchor marked")
    if j.get("connections") and "connections" not in d.ids:
        bad.append(f"{name}: no connections table")
    for c in j.get("connections", []):
        if c["client"] not in alltext:
            bad.append(f"{name}: connection {c['client']} missing")
            break
    for f in want:
        for e in f.get("evidence", {}).get("examples", []) if isinstance(f.get("evidence"), dict) else []:
            if " ".join(e["text"].split())[:60] not in " ".join(alltext.split()):
                bad.append(f"{name}: log line {e['file']}:{e['line']} not shown")
for f in ["demo-report.png", "demo-report.pdf"]:
    p = os.path.join(out, f)
    if not os.path.exists(p) or os.path.getsize(p) < 10000:
        bad.append(f"{f}: not written by chromium")
for b in bad[:40]:
    print(b)
sys.exit(1 if bad else 0)
PY
echo "html: ok; screenshot of the demo report: $OUT/demo-report.png, print: $OUT/demo-report.pdf"
