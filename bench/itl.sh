#!/usr/bin/env bash
# certdiag ITL/CTL benchmark: what reading trust lists costs (see bench/README.md). N distinct
# ITLFile.tlv files (5 records of RSA 2048 certificates each, signed by one of them with SHA-1,
# written by testdata/gen/tlvfile.py and cached in $CACHE/itl-n<N>/itl) against the peer: the
# same certificates as N PEM files of 5 blocks ($CACHE/itl-n<N>/pem). Both scans decode the
# same 5 certificates N times over and run every rule; the ITL scan parses each file and
# verifies each signature on top. Prints medians of wall and CPU time, peak RSS and the ratio.
#
# Environment (all optional): CACHE=/tmp/certdiag-bench, BUILD_DIR=build, CERTDIAG, RUNS=5,
# SIZES="200 1000". Needs python3 with the cryptography module, openssl and GNU time.
# shellcheck disable=SC2086
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${CACHE:-/tmp/certdiag-bench}
BUILD_DIR=${BUILD_DIR:-build}
CERTDIAG=${CERTDIAG:-$BUILD_DIR/certdiag}
RUNS=${RUNS:-5}
SIZES=${SIZES:-200 1000}
AT=2026-06-01T00:00:00Z
TIME=/usr/bin/time
TLV=(python3 "$HERE/../testdata/gen/tlvfile.py")
die() { echo "itl.sh: $*" >&2; exit 2; }
[[ -x $CERTDIAG ]] || die "no certdiag at $CERTDIAG"
[[ -x $TIME ]] || die "GNU time is needed at $TIME (apt-get install time)"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
python3 -c 'import cryptography' 2>/dev/null || die "python3 cryptography module missing"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure DIR: RUNS timed scans; prints "wall cpu rss_kib" medians
measure() {
	local w=() c=() r=()
	for _ in $(seq "$RUNS"); do
		$TIME -f '%e %U %S %M' -o "$TMP/t" "$CERTDIAG" scan --quiet --fail-on never --at "$AT" \
			"$1" >/dev/null || { echo "FAILED: certdiag scan $1" >&2; return 1; }
		read -r e u s m <"$TMP/t"
		w+=("$e"); c+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')"); r+=("$m")
	done
	echo "$(median "${w[@]}") $(median "${c[@]}") $(median "${r[@]}")"
}

# make N: the N ITL files and N PEM files (one signing key, five certificates)
make_input() {
	local n=$1 d=$CACHE/itl-n$1 c
	[[ -f $d/ok ]] && return 0
	rm -rf "$d"; mkdir -p "$d/itl" "$d/pem" "$d/keys"
	for c in itlrec cm tvs1 tvs2 capf; do
		openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/keys/$c.key" -out "$d/keys/$c.pem" \
			-days 3650 -subj "/O=Bench/CN=$c.example.com" 2>/dev/null || die "openssl failed"
	done
	cat "$d"/keys/{itlrec,cm,tvs1,tvs2,capf}.pem >"$d/all.pem"
	for i in $(seq "$n"); do
		# distinct files (the TIMESTAMP differs): each is parsed and verified
		"${TLV[@]}" build --out "$d/itl/ITLFile-$i.tlv" --filename ITLFile.tlv --digest sha1 \
			--sign-cert "$d/keys/itlrec.pem" --sign-key "$d/keys/itlrec.key" \
			--timestamp $((1767225600 + i)) --record "SAST:$d/keys/itlrec.pem" \
			--record "CCM+TFTP:$d/keys/cm.pem" --record "TVS:$d/keys/tvs1.pem" \
			--record "TVS:$d/keys/tvs2.pem" --record "CAPF:$d/keys/capf.pem" || die "tlvfile.py failed"
		cp "$d/all.pem" "$d/pem/certs-$i.pem"
	done
	touch "$d/ok"
}

printf '%6s | %-24s | %-24s | %s\n' files "peer PEM: wall s, cpu s, MiB" "ITL: wall s, cpu s, MiB" "ratio wall, cpu; ms per ITL file (cpu)"
for n in $SIZES; do
	make_input "$n"
	read -r pw pc pr <<<"$(measure "$CACHE/itl-n$n/pem")"
	read -r iw ic ir <<<"$(measure "$CACHE/itl-n$n/itl")"
	awk -v n="$n" -v pw="$pw" -v pc="$pc" -v pr="$pr" -v iw="$iw" -v ic="$ic" -v ir="$ir" 'BEGIN {
		printf "%6d | %6.2f %6.2f %8.1f | %6.2f %6.2f %8.1f | %.2f, %.2f; %.2f\n", n, pw, pc, pr / 1024,
			iw, ic, ir / 1024, iw / pw, ic / pc, 1000 * (ic - pc) / n }'
done
