#!/usr/bin/env bash
# certdiag product-rule benchmark: what the cucm.* and expressway.* rules cost on large trust
# stores (see bench/README.md). For N certificates (gen-certs, cached in $CACHE/n<N>/dir):
#   cucm        the N certificates as a CUCM node's tomcat-trust (cucm-pub/tomcat-trust/)
#   expressway  the N certificates as an Expressway trusted CA list (exp-e1/trusted-ca-list/)
# each scanned with every rule but chain.* (certdiag), against the floor: the same scan with
# the product rules skipped too. Prints medians of wall and CPU time, peak RSS and the ratio.
#
# Environment (all optional): CACHE=/tmp/certdiag-bench, BUILD_DIR=build, CERTDIAG,
# GEN_CERTS (default $BUILD_DIR/bench/gen-certs), RUNS=5, SIZES="10000"
# shellcheck disable=SC2086
set -euo pipefail
CACHE=${CACHE:-/tmp/certdiag-bench}
BUILD_DIR=${BUILD_DIR:-build}
CERTDIAG=${CERTDIAG:-$BUILD_DIR/certdiag}
GEN_CERTS=${GEN_CERTS:-$BUILD_DIR/bench/gen-certs}
RUNS=${RUNS:-5}
SIZES=${SIZES:-10000}
AT=2026-01-01T00:00:00Z
TIME=/usr/bin/time
die() { echo "products.sh: $*" >&2; exit 2; }
[[ -x $CERTDIAG ]] || die "no certdiag at $CERTDIAG (meson setup build-bench -Dbench=true; BUILD_DIR=build-bench)"
[[ -x $TIME ]] || die "GNU time is needed at $TIME (apt-get install time)"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure ROOT SKIP: RUNS timed scans; prints "wall cpu rss_kib" medians
measure() {
	local w=() c=() r=()
	for _ in $(seq "$RUNS"); do
		# a run that fails (crash, exit 2) must not pass for a timing
		$TIME -f '%e %U %S %M' -o "$TMP/t" "$CERTDIAG" scan --quiet --fail-on never --at "$AT" \
			--skip-rules "$2" "$1" >/dev/null || { echo "FAILED: certdiag scan $1" >&2; return 1; }
		read -r e u s m <"$TMP/t"
		w+=("$e"); c+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')"); r+=("$m")
	done
	echo "$(median "${w[@]}") $(median "${c[@]}") $(median "${r[@]}")"
}

printf '%-11s %7s | %-24s | %-24s | %s\n' layout certs "floor: wall s, cpu s, MiB" "certdiag: wall s, cpu s, MiB" "ratio wall, cpu"
for n in $SIZES; do
	d=$CACHE/n$n
	if [[ ! -f $d/ok ]]; then
		[[ -x $GEN_CERTS ]] || die "no gen-certs at $GEN_CERTS and no cached $d (run bench/ingest.sh once)"
		rm -rf "$d"; mkdir -p "$d"
		"$GEN_CERTS" -n "$n" -o "$d/all.pem" -d "$d/dir" >/dev/null 2>&1 || die "gen-certs failed"
		echo "$((n + 1))" >"$d/ok"
	fi
	mkdir -p "$TMP/cucm/cucm-pub" "$TMP/expressway/exp-e1"
	ln -sfn "$d/dir" "$TMP/cucm/cucm-pub/tomcat-trust"
	ln -sfn "$d/dir" "$TMP/expressway/exp-e1/trusted-ca-list"
	for layout in cucm expressway; do
		fl=$(measure "$TMP/$layout" 'chain.*,cucm.*,expressway.*') || exit 1
		cdr=$(measure "$TMP/$layout" 'chain.*') || exit 1
		read -r fw fc fm <<<"$fl"
		read -r cw cc cm <<<"$cdr"
		printf '%-11s %7s | %7.2f %7.2f %7.1f  | %7.2f %7.2f %7.1f  | %.2fx %.2fx\n' "$layout" "$n" \
			"$fw" "$fc" "$(awk -v k="$fm" 'BEGIN { print k / 1024 }')" "$cw" "$cc" \
			"$(awk -v k="$cm" 'BEGIN { print k / 1024 }')" \
			"$(awk -v a="$cw" -v b="$fw" 'BEGIN { print a / b }')" "$(awk -v a="$cc" -v b="$fc" 'BEGIN { print a / b }')"
	done
done
