#!/usr/bin/env bash
# certdiag chain benchmark: see bench/README.md, "Chain benchmark".
#
# For a PKI of N certificates (10k and 100k; bench/gen-pki: 20 roots,
# 200 intermediate subjects with cross-signed and expired versions, the rest
# leaves; 1/4 of the issuers RSA-2048, the others EC P-256):
#   chains    certdiag scan --quiet --fail-on never --rules 'chain.*'
#             --trust roots.pem --at 2026-06-01T00:00:00Z pool.pem
#   ingest    the same with --skip-rules 'chain.*' (no chain is built)
#   openssl   openssl verify -attime 1780272000 -CAfile roots.pem
#             -untrusted intermediates.pem over a sample of leaf files,
#             BATCH files per invocation, extrapolated to every leaf
# chain cost = chains - ingest.  It is compared with the time the signature
# verifications the result needs would take at `openssl speed` rates
# (target: <= 1.5x), and with the same at GnuTLS's own rates (gen-pki -S).
# Prints medians of CPU time (user+sys) and wall time.
#
# Environment (all optional):
#   CACHE=/tmp/certdiag-bench-chains  generated data (reused if present)
#   BUILD_DIR=build                   meson build dir
#   CERTDIAG=$BUILD_DIR/certdiag
#   GEN_PKI                           default $BUILD_DIR/bench/gen-pki, else
#                                     compiled with $CC into $CACHE/bin
#   RUNS=3                            timed runs per row (median reported)
#   SIZES="10000 100000"              total certificates (roots included)
#   SAMPLE=2000                       leaf files for openssl verify
#   BATCH=500                         leaf files per openssl verify call
#   SPEED_SECONDS=3                   openssl speed -seconds / gen-pki -S
#   OPENSSL=openssl
# shellcheck disable=SC2086
set -euo pipefail

CACHE=${CACHE:-/tmp/certdiag-bench-chains}
BUILD_DIR=${BUILD_DIR:-build}
CERTDIAG=${CERTDIAG:-$BUILD_DIR/certdiag}
RUNS=${RUNS:-3}
SIZES=${SIZES:-"10000 100000"}
SAMPLE=${SAMPLE:-2000}
BATCH=${BATCH:-500}
SPEED_SECONDS=${SPEED_SECONDS:-3}
OPENSSL=${OPENSSL:-openssl}
AT=2026-06-01T00:00:00Z
AT_EPOCH=1780272000
TIME=/usr/bin/time
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "chains.sh: $*" >&2; exit 2; }
log() { echo "# $*" >&2; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
[[ $SAMPLE =~ ^[1-9][0-9]*$ ]] || die "SAMPLE must be a positive integer"
[[ $BATCH =~ ^[1-9][0-9]*$ ]] || die "BATCH must be a positive integer"
for n in $SIZES; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "bad size '$n' in SIZES"; done
if ! [[ -x $TIME ]] || ! $TIME -f '%e' true >/dev/null 2>&1; then
	die "GNU time is needed at $TIME (apt-get install time)"
fi
[[ -x $CERTDIAG ]] || die "certdiag not found at $CERTDIAG (set CERTDIAG or BUILD_DIR)"
command -v "$OPENSSL" >/dev/null || die "$OPENSSL not found"

mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)

if [[ -z ${GEN_PKI:-} && -x $BUILD_DIR/bench/gen-pki ]]; then
	GEN_PKI=$BUILD_DIR/bench/gen-pki
fi
if [[ -z ${GEN_PKI:-} ]]; then
	GEN_PKI=$CACHE/bin/gen-pki
	if [[ ! -x $GEN_PKI || $HERE/gen-pki.c -nt $GEN_PKI || $HERE/bench-util.h -nt $GEN_PKI ]]; then
		mkdir -p "$CACHE/bin"
		log "building gen-pki with ${CC:-cc}"
		# shellcheck disable=SC2046
		${CC:-cc} -O2 -Wall -Wextra -Werror -pthread -o "$GEN_PKI" \
			"$HERE/gen-pki.c" $(pkg-config --cflags --libs gnutls) ||
			die "cannot build gen-pki"
	fi
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- data ----------------------------------------------------------------------
# $CACHE/n<N>/{roots,pool,intermediates}.pem, leaves/, stats.txt; "ok" marks a
# complete set.
for n in $SIZES; do
	d=$CACHE/n$n
	[[ -f $d/ok ]] && continue
	rm -rf "$d" "$d.tmp"
	log "generating a $n-certificate PKI into $d (once; reused afterwards)"
	"$GEN_PKI" -n "$n" -l "$SAMPLE" -o "$d.tmp" 2>"$TMP/gen.log" ||
		{ cat "$TMP/gen.log" >&2; die "gen-pki failed"; }
	tail -n 1 "$TMP/gen.log" | sed 's/^/# /' >&2
	cp "$TMP/gen.log" "$d.tmp/gen.log"
	touch "$d.tmp/ok"
	mv "$d.tmp" "$d"
done

stat_of() { sed -n "s/^$2=//p" "$CACHE/n$1/stats.txt"; }

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# --- raw verify rates ----------------------------------------------------------
log "openssl speed -seconds $SPEED_SECONDS -mr ecdsap256 rsa2048"
"$OPENSSL" speed -seconds "$SPEED_SECONDS" -mr ecdsap256 rsa2048 >"$TMP/speed" 2>/dev/null ||
	die "openssl speed failed"
# -mr: "+F2:<n>:<bits>:<sign/s>:<verify/s>" for RSA, "+F4:..." for ECDSA
OSSL_RSA=$(awk -F: '$1 == "+F2" && $3 == 2048 { print $5 }' "$TMP/speed")
OSSL_EC=$(awk -F: '$1 == "+F4" && $3 == 256 { print $5 }' "$TMP/speed")
[[ -n $OSSL_RSA && -n $OSSL_EC ]] || die "cannot parse openssl speed output"
log "gen-pki -S $SPEED_SECONDS (GnuTLS verify rate)"
read -r _ g1 g2 < <("$GEN_PKI" -S "$SPEED_SECONDS")
GNUTLS_RSA=${g1#rsa2048=}
GNUTLS_EC=${g2#ecdsap256=}

# --- measurement -------------------------------------------------------------
declare -A WALL CPU RSS
NFAILED=0

# run_once KEY CMD...: one timed run, appends wall s, CPU (user+sys) s and
# peak RSS KiB.  stdout is left in $TMP/out.
run_once() {
	local key=$1 rc=0
	shift
	$TIME -f '%e %M %U %S' -o "$TMP/time" "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
	if ((rc != 0)); then
		echo "chains.sh: $key: exit $rc: $(head -c 300 "$TMP/err")" >&2
		NFAILED=$((NFAILED + 1))
		return 1
	fi
	local wall rss user sys
	read -r wall rss user sys < <(tail -n 1 "$TMP/time")
	WALL[$key]+="$wall "
	RSS[$key]+="$rss "
	CPU[$key]+="$(calc '%.2f' "$user + $sys") "
}

# openssl verify over the sample, BATCH files per invocation (or only the
# first leaf file with "one": the fixed cost of one invocation)
ossl_verify() {
	local d=$1 max=${2:-}
	find "$d/leaves" -name 'leaf-*.pem' -print0 | sort -z | { if [[ -n $max ]]; then head -z -n "$max"; else cat; fi; } |
		xargs -0 -n "$BATCH" "$OPENSSL" verify -attime "$AT_EPOCH" \
			-CAfile "$d/roots.pem" -untrusted "$d/intermediates.pem"
}
export -f ossl_verify
export OPENSSL BATCH AT_EPOCH

declare -A SIGV CHAINS VALID OSSL_OK NSAMPLE
for n in $SIZES; do
	d=$CACHE/n$n
	scan=("$CERTDIAG" scan --fail-on never --trust "$d/roots.pem" --at "$AT")
	log "N=$n: certdiag --format json (counts)"
	"${scan[@]}" --format json --rules 'chain.*' "$d/pool.pem" |
		grep -E '^    "(chains|signature_verifications)": [0-9]+|"verdict": "valid"' \
			>"$TMP/json" || true
	CHAINS[$n]=$(sed -n 's/^    "chains": \([0-9]*\).*/\1/p' "$TMP/json")
	SIGV[$n]=$(sed -n 's/^    "signature_verifications": \([0-9]*\).*/\1/p' "$TMP/json")
	VALID[$n]=$(grep -c '"verdict": "valid"' "$TMP/json" || true)
	[[ -n ${CHAINS[$n]} && -n ${SIGV[$n]} ]] || die "no summary in certdiag's JSON for N=$n"
	OSSL_OK[$n]=$(ossl_verify "$d" 2>/dev/null | grep -c ': OK$' || true)
	NSAMPLE[$n]=$(find "$d/leaves" -name 'leaf-*.pem' | wc -l)
done
# Sizes interleaved within each round, so that drift in the machine's load hits
# both sizes alike (the linearity figure compares them).
for ((r = 1; r <= RUNS; r++)); do
	for n in $SIZES; do
		d=$CACHE/n$n
		scan=("$CERTDIAG" scan --fail-on never --trust "$d/roots.pem" --at "$AT")
		log "run $r/$RUNS: N=$n"
		run_once "$n/ingest" "${scan[@]}" --quiet --skip-rules 'chain.*' "$d/pool.pem" || true
		run_once "$n/chains" "${scan[@]}" --quiet --rules 'chain.*' "$d/pool.pem" || true
		# shellcheck disable=SC2016
		run_once "$n/openssl" bash -c 'ossl_verify "$1" >/dev/null 2>&1' _ "$d" || true
		# shellcheck disable=SC2016
		run_once "$n/openssl1" bash -c 'ossl_verify "$1" 1 >/dev/null 2>&1' _ "$d" || true
	done
done

# --- report ------------------------------------------------------------------
med() { local v=${2}[$1]; median ${!v:-nan}; }
echo
echo "certdiag chain benchmark  $(date -u +%Y-%m-%dT%H:%MZ)  $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "certdiag: $CERTDIAG   medians of $RUNS runs; cpu = user+sys s, wall = elapsed s"
echo "raw verify/s (1 core)   openssl speed: rsa2048 $(calc '%.0f' "$OSSL_RSA")  ecdsap256 $(calc '%.0f' "$OSSL_EC")   GnuTLS (gen-pki -S): rsa2048 $GNUTLS_RSA  ecdsap256 $GNUTLS_EC"
echo
printf '%-7s %7s %6s %6s %7s %-11s %-11s %-11s %-7s\n' N leaves chains valid sigver "ingest" "chains" "chaincost" "rss_MiB"
printf '%-7s %7s %6s %6s %7s %-11s %-11s %-11s %-7s\n' "" "" "" "" "" "cpu/wall" "cpu/wall" "cpu/wall" "chains"
declare -A COST
for n in $SIZES; do
	ic=$(med "$n/ingest" CPU); iw=$(med "$n/ingest" WALL)
	cc=$(med "$n/chains" CPU); cw=$(med "$n/chains" WALL)
	COST[$n]=$(calc '%.2f' "$cc - $ic")
	printf '%-7s %7s %6s %6s %7s %-11s %-11s %-11s %-7s\n' "$n" "$(stat_of $n leaves)" "${CHAINS[$n]}" \
		"${VALID[$n]}" "${SIGV[$n]}" "$ic/$iw" "$cc/$cw" "${COST[$n]}/$(calc '%.2f' "$cw - $iw")" \
		"$(calc '%.0f' "$(med "$n/chains" RSS) / 1024")"
done
echo
echo "signature verifications: need = one per (certificate, issuer key) on any leaf-to-root path"
echo "(every leaf once, every intermediate certificate once); pairs = one per (certificate, issuer"
echo "certificate), i.e. each leaf against every version of its issuer.  t_* = their time at the"
echo "openssl speed (t_ossl) or GnuTLS (t_gnutls) rates for the RSA/EC mix of gen-pki's stats.txt, in s."
echo
printf '%-7s %7s %7s %7s %7s %8s %8s %9s %9s %9s\n' N need pairs sigver sv/need t_ossl t_gnutls cost/ossl cost/gtls cost/gt_sv
for n in $SIZES; do
	nr=$(stat_of $n need_rsa); ne=$(stat_of $n need_ec)
	pr=$(stat_of $n pairs_rsa); pe=$(stat_of $n pairs_ec)
	to=$(calc '%.3f' "$nr / $OSSL_RSA + $ne / $OSSL_EC")
	tg=$(calc '%.3f' "$nr / $GNUTLS_RSA + $ne / $GNUTLS_EC")
	# what certdiag's own sigver verifications take at GnuTLS rates (RSA/EC mix of the pairs)
	tsv=$(calc '%.3f' "${SIGV[$n]} / ($pr + $pe) * ($pr / $GNUTLS_RSA + $pe / $GNUTLS_EC)")
	printf '%-7s %7s %7s %7s %7s %8s %8s %9s %9s %9s\n' "$n" "$((nr + ne))" "$((pr + pe))" "${SIGV[$n]}" \
		"$(calc '%.2f' "${SIGV[$n]} / ($nr + $ne)")" "$to" "$tg" \
		"$(calc '%.2f' "${COST[$n]} / $to")" "$(calc '%.2f' "${COST[$n]} / $tg")" \
		"$(calc '%.2f' "${COST[$n]} / $tsv")"
done
echo "target: cost/ossl <= 1.50 (cost = chain cost cpu s = cpu(chains) - cpu(ingest), medians)."
echo "cost/gtls: the same against GnuTLS's rates; cost/gt_sv: against certdiag's own sigver"
echo "verifications at GnuTLS's rates (RSA/EC mix of the pairs): its overhead beyond verifying."
echo
printf '%-7s %7s %6s %8s %9s %9s %9s %11s %11s\n' N sample ok "cpu_s" "call_s" "ms/leaf" "marg_ms" "all_leaves*" "certdiag_ms"
for n in $SIZES; do
	oc=$(med "$n/openssl" CPU); o1=$(med "$n/openssl1" CPU)
	ns=${NSAMPLE[$n]}; calls=$(((ns + BATCH - 1) / BATCH))
	# marginal cost of a leaf: the sample's cpu less the fixed cost of each call
	marg=$(calc '%.6f' "($oc - $calls * $o1) / ($ns - $calls)")
	[[ $marg == -* ]] && marg=0
	printf '%-7s %7s %6s %8s %9s %9s %9s %11s %11s\n' "$n" "$ns" "${OSSL_OK[$n]}" "$oc" "$o1" \
		"$(calc '%.3f' "1000 * $oc / $ns")" "$(calc '%.3f' "1000 * $marg")" \
		"$(calc '%.1f' "$o1 + $marg * $(stat_of $n leaves)")" \
		"$(calc '%.3f' "1000 * ${COST[$n]} / ${CHAINS[$n]}")"
done
echo "openssl verify -attime $AT_EPOCH -CAfile roots.pem -untrusted intermediates.pem over the sample"
echo "of leaf files, $BATCH per call (cpu_s); call_s = one call with one leaf (start-up, loading the"
echo "CA files); ms/leaf = cpu_s / sample; marg_ms = per leaf without the calls' fixed cost;"
echo "* all_leaves = call_s + marg_ms x leaves: EXTRAPOLATED from the sample, not measured."
echo "certdiag_ms = chain cost (cpu) per chain built, for comparison with marg_ms."
lo=${SIZES%% *}; hi=${SIZES##* }
if [[ $lo != "$hi" ]]; then
	echo
	lo_pc=$(calc '%.6f' "${COST[$lo]} / ${CHAINS[$lo]}")
	hi_pc=$(calc '%.6f' "${COST[$hi]} / ${CHAINS[$hi]}")
	echo "linearity: chain cost per chain $(calc '%.1f' "$lo_pc * 1e6") us at $lo, $(calc '%.1f' "$hi_pc * 1e6") us at $hi: hi/lo $(calc '%.2f' "$hi_pc / $lo_pc") (linear: ~1.00)"
	echo "           per needed verification: hi/lo $(calc '%.2f' "(${COST[$hi]} / ($(stat_of $hi need_rsa) + $(stat_of $hi need_ec))) / (${COST[$lo]} / ($(stat_of $lo need_rsa) + $(stat_of $lo need_ec)))")"
fi
((NFAILED == 0)) || { echo "$NFAILED measured command(s) failed" >&2; exit 1; }
