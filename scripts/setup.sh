#!/usr/bin/env bash
# setup.sh - install what is missing (Debian), build, then run one job:
#   demo (default)  build and scan the bundled sample customer bundle (testdata/demo)
#   test            build under AddressSanitizer + UndefinedBehaviorSanitizer, run every test
#   fuzz [SECONDS]  build the libFuzzer targets with clang and run each briefly (default 60 s)
#   build           just build (build/certdiag)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-demo}

pkgs=(meson ninja-build gcc pkg-config python3 libgnutls28-dev libjansson-dev libyaml-dev
      libcriterion-dev libarchive-dev libpcre2-dev libpcap-dev openssl gnutls-bin ca-certificates
      tshark tcpdump python3-jsonschema)
[ "$mode" = fuzz ] && pkgs+=(clang libclang-rt-dev)
# the HTML report test renders in a real browser; only the test job needs it (it is large)
[ "$mode" = test ] && pkgs+=(chromium)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build() { # build DIR [meson options...]; quiet unless something fails
  local dir=$1 log; shift
  log=$(mktemp)
  if [ ! -f "$dir/build.ninja" ] && ! meson setup "$dir" "$@" >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; echo "setup: meson setup $dir failed" >&2; return 1
  fi
  if ! ninja -C "$dir" >"$log" 2>&1; then
    grep -E "error|FAILED" "$log" >&2 || cat "$log" >&2
    rm -f "$log"; echo "setup: build in $dir failed" >&2; return 1
  fi
  rm -f "$log"
}

case "$mode" in
  build)
    build build
    echo "setup: built build/certdiag"
    ;;
  demo)
    build build -Dtests=false
    set +e
    build/certdiag scan testdata/demo
    rc=$?
    # the same report as one self-contained HTML file, for a customer or a browser
    build/certdiag scan --format html --output build/demo-report.html --force testdata/demo
    set -e
    echo "setup: the HTML report of the demo is $(pwd)/build/demo-report.html"
    # exit 1 means "findings at or above --fail-on": the demo bundle is meant to have them
    if [ "$rc" -le 1 ]; then
      echo "(certdiag exit code $rc: 0 clean, 1 findings at or above --fail-on, 2 usage or input error)"
      exit 0
    fi
    exit "$rc"
    ;;
  test)
    build build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
    set +e
    meson test -C build-asan --print-errorlogs --num-processes 2
    rc=$?
    set -e
    # one closing line that any CI reads: "N passed, N failed"
    python3 - build-asan/meson-logs/testlog.json <<'PY'
import json, re, sys
passed = failed = 0
for line in open(sys.argv[1]):
    t = json.loads(line)
    out = (t.get("stdout") or "") + (t.get("stderr") or "")
    m = re.findall(r"Synthesis: Tested: (\d+) \| Passing: (\d+) \| Failing: (\d+) \| Crashing: (\d+)", out)
    if m:
        _, p, f, c = map(int, m[-1])
        passed += p; failed += f + c
    elif t.get("result") == "OK":
        passed += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed")
PY
    exit "$rc"
    ;;
  fuzz)
    secs=${2:-60}
    CC=clang build build-fuzz -Dfuzz=true -Dtests=false -Db_lundef=false
    for f in build-fuzz/fuzz/fuzz_*; do
      [ -f "$f" ] && [ -x "$f" ] || continue
      name=$(basename "$f")
      corpus="fuzz/corpus/${name#fuzz_}"
      work=$(mktemp -d)
      echo "setup: fuzzing $name for ${secs}s (seeds: $corpus)"
      "$f" -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 "$work" "$corpus" \
        -print_final_stats=1 2>&1 | tail -n 12
      rm -rf "$work"
    done
    ;;
  *)
    echo "usage: scripts/setup.sh [demo|test|fuzz [SECONDS]|build]" >&2
    exit 2
    ;;
esac
