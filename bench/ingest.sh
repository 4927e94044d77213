#!/usr/bin/env bash
# certdiag ingest benchmark: see bench/README.md.
#
# Times, for 10k and 100k certificates, from one PEM file and from a
# directory of one-certificate PEM files:
#   floor     bench/floor-gnutls (gnutls_x509_crt_list_import2 per file)
#   storeutl  openssl storeutl -noout -certs [-r]
#   certdiag  certdiag scan --quiet --fail-on never --skip-rules "chain.*" --at 2026-01-01T00:00:00Z
# and prints medians of wall time, CPU time and peak RSS, with ratios to the
# floor.
#
# Environment (all optional):
#   CACHE=/tmp/certdiag-bench   generated data (reused if present)
#   BUILD_DIR=build             meson build dir
#   CERTDIAG=$BUILD_DIR/certdiag
#   GEN_CERTS, FLOOR_GNUTLS     helper binaries (default: $BUILD_DIR/bench/*,
#                               else compiled with $CC into $CACHE/bin)
#   RUNS=5                      timed runs per row
#   STOREUTL_RUNS=3             timed runs per storeutl row (it is slow and
#                               only a reference; keeps the total ~10 min)
#   SIZES="10000 100000"        leaf counts (each input also holds the CA)
#   OPENSSL=openssl             set OPENSSL= (empty) to skip storeutl rows
# Sample lists are deliberately word-split when passed to median/minmax.
# shellcheck disable=SC2086
set -euo pipefail

CACHE=${CACHE:-/tmp/certdiag-bench}
BUILD_DIR=${BUILD_DIR:-build}
CERTDIAG=${CERTDIAG:-$BUILD_DIR/certdiag}
RUNS=${RUNS:-5}
STOREUTL_RUNS=${STOREUTL_RUNS:-3}
SIZES=${SIZES:-"10000 100000"}
OPENSSL=${OPENSSL-openssl}
AT=2026-01-01T00:00:00Z
TIME=/usr/bin/time
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "ingest.sh: $*" >&2; exit 2; }
log() { echo "# $*" >&2; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
[[ $STOREUTL_RUNS =~ ^[0-9]+$ ]] || die "STOREUTL_RUNS must be a number"
for n in $SIZES; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "bad size '$n' in SIZES"; done

# --- tools -------------------------------------------------------------------
if [[ ! -x $TIME ]] || ! $TIME -f '%e' true >/dev/null 2>&1; then
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		log "installing GNU time (apt-get install time)"
		apt-get install -y -qq time >/dev/null || die "apt-get install time failed"
	else
		die "GNU time is needed at $TIME (apt-get install time)"
	fi
fi

mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)

# find_tool VAR NAME: $VAR if set, else $BUILD_DIR/bench/NAME, else build
# NAME.c from this directory into $CACHE/bin (rebuilt when the source changes).
find_tool() {
	local var=$1 name=$2 path
	path=${!var:-}
	if [[ -z $path && -x $BUILD_DIR/bench/$name ]]; then
		path=$BUILD_DIR/bench/$name
	fi
	if [[ -z $path ]]; then
		path=$CACHE/bin/$name
		if [[ ! -x $path || $HERE/$name.c -nt $path || $HERE/bench-util.h -nt $path ]]; then
			mkdir -p "$CACHE/bin"
			command -v pkg-config >/dev/null || die "pkg-config needed to build $name"
			log "building $name with ${CC:-cc}"
			# shellcheck disable=SC2046
			${CC:-cc} -O2 -Wall -Wextra -Werror -pthread -o "$path" \
				"$HERE/$name.c" $(pkg-config --cflags --libs gnutls) ||
				die "cannot build $name"
		fi
	fi
	[[ -x $path ]] || die "$name not found at $path"
	printf -v "$var" '%s' "$path"
}
find_tool GEN_CERTS gen-certs
find_tool FLOOR_GNUTLS floor-gnutls

HAVE_OPENSSL=0
if [[ -n $OPENSSL ]] && command -v "$OPENSSL" >/dev/null &&
	"$OPENSSL" storeutl -help >/dev/null 2>&1; then
	HAVE_OPENSSL=1
fi
HAVE_CERTDIAG=0
[[ -x $CERTDIAG ]] && HAVE_CERTDIAG=1

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- data ----------------------------------------------------------------------
# $CACHE/n<N>/all.pem (CA + N leaves) and $CACHE/n<N>/dir/ (ca.pem + N files
# in subdirectories of 1000); n<N>/ok marks a complete set.
for n in $SIZES; do
	d=$CACHE/n$n
	[[ -f $d/ok ]] && continue
	rm -rf "$d" "$d.tmp"
	mkdir -p "$d.tmp"
	log "generating $n certificates into $d (once; reused afterwards)"
	start=$(date +%s.%N)
	"$GEN_CERTS" -n "$n" -o "$d.tmp/all.pem" -d "$d.tmp/dir" 2>"$d.tmp/gen.log" ||
		{ cat "$d.tmp/gen.log" >&2; die "gen-certs failed"; }
	end=$(date +%s.%N)
	awk -v s="$start" -v e="$end" 'BEGIN { printf "generation: %.1f s wall\n", e - s }' >>"$d.tmp/gen.log"
	tail -n 2 "$d.tmp/gen.log" | sed 's/^/# /' >&2
	echo "$((n + 1))" >"$d.tmp/ok"
	mv "$d.tmp" "$d"
done

# --- measurement -------------------------------------------------------------
declare -A WALL CPU RSS STATUS   # key: size/kind/tool -> space-separated samples
NFAILED=0

# run_once KEY CMD...: one timed run; appends wall s, CPU (user+sys) s and
# peak RSS KiB samples.  The command's stdout is left in $TMP/out.
run_once() {
	local key=$1 rc=0
	shift
	$TIME -f '%e %M %U %S' -o "$TMP/time" "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
	if ((rc != 0)); then
		STATUS[$key]="exit $rc: $(head -c 200 "$TMP/err" | tr '\n' ' ')"
		NFAILED=$((NFAILED + 1))
		return 1
	fi
	local wall rss user sys
	read -r wall rss user sys < <(tail -n 1 "$TMP/time")
	WALL[$key]+="$wall "
	RSS[$key]+="$rss "
	CPU[$key]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') "
}

# check_count KEY EXPECTED: on the first run of a row, check that the tool saw
# every certificate (floor prints "<n> certificates ...", storeutl one
# "<i>: Certificate" line per certificate).
check_count() {
	local key=$1 want=$2 got
	case $key in
	*/floor) got=$(awk 'NR == 1 { print $1 }' "$TMP/out") ;;
	*/storeutl) got=$(grep -c ': Certificate$' "$TMP/out" || true) ;;
	*) return 0 ;;
	esac
	if [[ $got != "$want" ]]; then
		STATUS[$key]="found $got certificates, expected $want"
		NFAILED=$((NFAILED + 1))
	fi
}

median() { # samples... -> median (mean of the middle two for even counts)
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
		END { if (NR == 0) exit 1
		      if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
minmax() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }

warm() { # read inputs once so every tool sees a warm page cache
	if [[ -d $1 ]]; then find "$1" -type f -exec cat {} + >/dev/null; else cat "$1" >/dev/null; fi
}

TOOLS=(floor storeutl certdiag)
tool_cmd() { # kind tool path -> command in CMD[]; returns 1 if the row is skipped
	local kind=$1 tool=$2 path=$3
	case $tool in
	floor) CMD=("$FLOOR_GNUTLS" "$path") ;;
	storeutl)
		((HAVE_OPENSSL)) || return 1
		if [[ $kind == dir ]]; then
			CMD=("$OPENSSL" storeutl -noout -certs -r "$path")
		else
			CMD=("$OPENSSL" storeutl -noout -certs "$path")
		fi ;;
	certdiag)
		((HAVE_CERTDIAG)) || return 1
		# ingest and every per-object rule; chain.* (signature verification per edge) is
		# measured by bench/chains.sh
		CMD=("$CERTDIAG" scan --quiet --fail-on never --skip-rules "chain.*" --at "$AT" "$path") ;;
	esac
}

load_start=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
bench_start=$(date +%s)
for n in $SIZES; do
	for kind in file dir; do
		if [[ $kind == file ]]; then path=$CACHE/n$n/all.pem; else path=$CACHE/n$n/dir; fi
		log "measuring $n certificates, $kind: $RUNS rounds"
		warm "$path"
		want=$(cat "$CACHE/n$n/ok")
		# Round-robin over the tools so that drift on a noisy machine hits
		# every row alike.
		for ((r = 0; r < RUNS; r++)); do
			for tool in "${TOOLS[@]}"; do
				key=$n/$kind/$tool
				[[ -n ${STATUS[$key]:-} ]] && continue
				[[ $tool == storeutl ]] && ((r >= STOREUTL_RUNS)) && continue
				tool_cmd "$kind" "$tool" "$path" || continue
				run_once "$key" "${CMD[@]}" || continue
				((r == 0)) && check_count "$key" "$want"
			done
		done
	done
done
bench_end=$(date +%s)
load_end=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')

# --- report ----------------------------------------------------------------------
label() { # tool -> row label
	case $1 in
	floor) echo "floor (gnutls list_import2)" ;;
	storeutl) echo "openssl storeutl" ;;
	certdiag) echo "certdiag scan" ;;
	esac
}
human() { awk -v n="$1" 'BEGIN { if (n % 1000 == 0) printf "%dk", n / 1000; else print n }'; }

echo
echo "certdiag ingest benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "host: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo '?')"
echo "gnutls $(pkg-config --modversion gnutls 2>/dev/null || echo '?')," \
	"$( ((HAVE_OPENSSL)) && "$OPENSSL" version | awk '{ print $1, $2 }' || echo 'openssl: not found')," \
	"certdiag: $( ((HAVE_CERTDIAG)) && echo "$CERTDIAG" || echo "not built ($CERTDIAG)")"
echo "load average: $load_start at start, $load_end at end (anything else running makes wall times noisy)"
echo "median of n runs (storeutl: $STOREUTL_RUNS), warm page cache; inputs hold N leaves + 1 CA; data in $CACHE"
echo "ratio = median / floor median for the same input; target for certdiag: wall ratio <= 1.50"
echo
printf '%-5s %-4s %-28s %2s %7s %12s %5s %7s %5s %8s %5s\n' \
	certs in tool n wall_s range_s ratio cpu_s ratio rss_MiB ratio
printf '%s\n' "--------------------------------------------------------------------------------------------------"
for n in $SIZES; do
	for kind in file dir; do
		fk=$n/$kind/floor fw=0 fc=0 fr=0
		if [[ -z ${STATUS[$fk]:-} && -n ${WALL[$fk]:-} ]]; then
			fw=$(median ${WALL[$fk]}) fc=$(median ${CPU[$fk]}) fr=$(median ${RSS[$fk]})
		fi
		for tool in "${TOOLS[@]}"; do
			key=$n/$kind/$tool
			row=$(printf '%-5s %-4s %-28s' "$(human "$n")" "$kind" "$(label "$tool")")
			if [[ -n ${STATUS[$key]:-} ]]; then
				echo "$row FAILED ($tool ${STATUS[$key]})"
			elif [[ -z ${WALL[$key]:-} ]]; then
				case $tool in
				storeutl) echo "$row skipped: openssl storeutl unavailable or STOREUTL_RUNS=0" ;;
				certdiag) echo "$row certdiag: not built" ;;
				esac
			else
				read -r -a ws <<<"${WALL[$key]}"
				awk -v row="$row" -v k="${#ws[@]}" -v w="$(median ${WALL[$key]})" \
					-v c="$(median ${CPU[$key]})" -v m="$(median ${RSS[$key]})" \
					-v fw="$fw" -v fc="$fc" -v fr="$fr" -v rg="$(minmax ${WALL[$key]})" 'BEGIN {
					printf "%s %2d %7.2f %12s %5s %7.2f %5s %8.1f %5s\n", row, k,
						w, rg, ratio(w, fw), c, ratio(c, fc), m / 1024, ratio(m, fr) }
					function ratio(x, f) { return f > 0 ? sprintf("%.2f", x / f) : "-" }'
			fi
		done
	done
done

read -r -a sz <<<"$(printf '%s\n' $SIZES | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo, hi }')"
lo=${sz[0]} hi=${sz[1]}
if ((lo != hi)); then
	echo
	echo "memory per certificate (peak RSS / certs), $(human "$lo") vs $(human "$hi");" \
		"marginal = (RSS_$(human "$hi") - RSS_$(human "$lo")) / (certs_$(human "$hi") - certs_$(human "$lo"))"
	echo "linear in input: marginal ~ per-cert at $(human "$hi"), and per-cert does not grow with N"
	printf '%-4s %-28s %14s %14s %17s %6s\n' in tool "KiB/cert@$(human "$lo")" "KiB/cert@$(human "$hi")" "marginal KiB/cert" "hi/lo"
	for kind in file dir; do
		for tool in "${TOOLS[@]}"; do
			a=${RSS[$lo/$kind/$tool]:-} b=${RSS[$hi/$kind/$tool]:-}
			[[ -n $a && -n $b && -z ${STATUS[$lo/$kind/$tool]:-} && -z ${STATUS[$hi/$kind/$tool]:-} ]] || continue
			awk -v k="$kind" -v t="$(label "$tool")" -v a="$(median $a)" -v b="$(median $b)" \
				-v na="$((lo + 1))" -v nb="$((hi + 1))" 'BEGIN {
				pa = a / na; pb = b / nb
				printf "%-4s %-28s %14.2f %14.2f %17.2f %6.2f\n", k, t, pa, pb,
					(b - a) / (nb - na), (pa > 0 ? pb / pa : 0) }'
		done
	done
fi
echo
echo "benchmark time: $((bench_end - bench_start)) s (excluding data generation)"
((NFAILED == 0)) || exit 1
