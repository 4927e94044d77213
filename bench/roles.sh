#!/usr/bin/env bash
# certdiag roles benchmark: what deciding roles after ingest costs (docs/roles.md; see
# bench/README.md). For N leaves (bench/gen-roles.py, cached in $CACHE/roles-n<N>):
#   infer   N certnew-<i>.cer + node-<i>/tomcat.csr with the same keys: every leaf becomes an
#           identity by its CSR's key, every CSR gets its node    vs the floor: the same
#           files, the CSRs of other keys (every leaf looked up, none found)
#   role    the CA and N leaves in one folder with --role tomcat-trust=DIR (the trust role goes
#           to the CA only)   vs the floor: the same folder without --role
# each `certdiag scan --rules none` (ingest and roles, no checks). Prints medians of wall and
# CPU time and peak RSS, and the ratio.
#
# Environment (all optional): CACHE=/tmp/certdiag-bench, BUILD_DIR=build, CERTDIAG, RUNS=5,
# SIZES="1000 10000"
set -euo pipefail
CACHE=${CACHE:-/tmp/certdiag-bench}
BUILD_DIR=${BUILD_DIR:-build}
CERTDIAG=${CERTDIAG:-$BUILD_DIR/certdiag}
RUNS=${RUNS:-5}
SIZES=${SIZES:-1000 10000}
AT=2026-01-01T00:00:00Z
TIME=/usr/bin/time
HERE=$(cd "$(dirname "$0")" && pwd)
die() { echo "roles.sh: $*" >&2; exit 2; }
[[ -x $CERTDIAG ]] || die "no certdiag at $CERTDIAG"
[[ -x $TIME ]] || die "GNU time is needed at $TIME (apt-get install time)"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure ARGS...: RUNS timed scans; prints "wall cpu rss_kib" medians
measure() {
	local w=() c=() r=()
	for _ in $(seq "$RUNS"); do
		# a run that fails (crash, exit 2) must not pass for a timing
		$TIME -f '%e %U %S %M' -o "$TMP/t" "$CERTDIAG" scan --quiet --fail-on never --at "$AT" \
			--rules none "$@" >/dev/null || { echo "FAILED: certdiag scan $*" >&2; return 1; }
		read -r e u s m <"$TMP/t"
		w+=("$e"); c+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')"); r+=("$m")
	done
	echo "$(median "${w[@]}") $(median "${c[@]}") $(median "${r[@]}")"
}

row() { # row NAME N FLOOR MEASURED
	local fw fc fm cw cc cm
	read -r fw fc fm <<<"$3"
	read -r cw cc cm <<<"$4"
	printf '%-6s %7s | %7.2f %7.2f %7.1f  | %7.2f %7.2f %7.1f  | %.2fx %.2fx\n' "$1" "$2" \
		"$fw" "$fc" "$(awk -v k="$fm" 'BEGIN { print k / 1024 }')" "$cw" "$cc" \
		"$(awk -v k="$cm" 'BEGIN { print k / 1024 }')" \
		"$(awk -v a="$cw" -v b="$fw" 'BEGIN { print a / b }')" "$(awk -v a="$cc" -v b="$fc" 'BEGIN { print a / b }')"
}

printf '%-6s %7s | %-24s | %-24s | %s\n' case leaves "floor: wall s, cpu s, MiB" "certdiag: wall s, cpu s, MiB" "ratio wall, cpu"
for n in $SIZES; do
	d=$CACHE/roles-n$n
	if [[ ! -f $d/ok ]]; then
		rm -rf "$d"; mkdir -p "$d"
		python3 "$HERE/gen-roles.py" "$n" "$d" || die "gen-roles.py failed"
		echo "$n" >"$d/ok"
	fi
	# the inference really happens (and the floor really infers nothing)
	got=$("$CERTDIAG" scan --format json --fail-on never --at "$AT" --rules none "$d/match" |
		python3 -c 'import json,sys; print(sum(1 for o in json.load(sys.stdin)["objects"] if o["role_source"] == "inferred"))')
	[[ $got == "$n" ]] || die "match: $got objects with inferred roles, want $n"
	fl=$(measure "$d/nomatch") || exit 1
	me=$(measure "$d/match") || exit 1
	row infer "$n" "$fl" "$me"
	fl=$(measure "$d/bundle") || exit 1
	me=$(measure --role "tomcat-trust=$d/bundle" "$d/bundle") || exit 1
	row role "$n" "$fl" "$me"
done
