#!/usr/bin/env bash
# Generates the CUCM ITL/CTL fixtures:
#   testdata/itl/                 ITLFile.tlv / CTLFile.tlv as a TFTP download holds them, the
#                                 damaged variants, a zip, EXPECTED.tsv and README.md
#   testdata/rules/{itl,ctl}.*/   the rule cases of the ITL and CTL rules
#   testdata/rules/{cert.duplicate,ingest.unparseable}/*-itl-*, *-ctl-*   their ITL cases
#   testdata/rules/itl-README.md  what every case holds
#   fuzz/corpus/itl/              seeds of the parser's fuzz target (and two in fuzz/corpus/ingest/)
# The files are written by testdata/gen/tlvfile.py from the documented format (docs/ingest.md)
# and signed with keys made by openssl; certificates are made by GnuTLS certtool (lib.sh).
#
# Tools: openssl 3.0, GnuTLS certtool 3.7, python3 with the cryptography module
# (apt-get install openssl gnutls-bin python3-cryptography).
# Keys (and so ids) are random on every run; the outputs are committed. Validity dates are fixed,
# so with `--at 2026-06-01T00:00:00Z` results are exact.
#   itl.sh          regenerate everything above (only those paths are deleted first)
#   itl.sh shared   only the cases of the shared rules (testdata/gen/rules.sh calls this after it
#                   wiped cert.* and ingest.*)
set -euo pipefail
export TZ=UTC LC_ALL=C # certtool reads activation_date/expiration_date as LOCAL time
mode=${1:-all}

for t in openssl certtool sha256sum python3; do
  command -v "$t" >/dev/null || { echo "itl.sh: missing tool: $t" >&2; exit 2; }
done
python3 -c 'import cryptography' 2>/dev/null \
  || { echo "itl.sh: python3 cryptography module missing (apt-get install python3-cryptography)" >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TD=$(cd "$HERE/.." && pwd)
OUT=$TD/rules
FIX=$TD/itl
FUZZ=$(cd "$TD/.." && pwd)/fuzz/corpus/itl
AT=2026-06-01T00:00:00Z
TLV=(python3 "$HERE/tlvfile.py")

declare -A SEV=(
  [itl.signature-invalid]=error [itl.signer-missing]=error [itl.stale-entry]=error
  [itl.expired-entry]=warning [itl.signer-key]=error
  [ctl.signature-invalid]=error [ctl.signer-missing]=error [ctl.stale-entry]=error
  [ctl.expired-entry]=warning [ctl.signer-key]=error
  [cert.duplicate]=info [ingest.unparseable]=error
)
# the cases this script owns in the shared rules' folders
SHARED_CASES=(
  cert.duplicate/passes-itl-and-ctl-hold-one-certificate
  ingest.unparseable/fires-itl-truncated ingest.unparseable/fires-itl-length-lying
  ingest.unparseable/fires-itl-header-length-lying ingest.unparseable/fires-ctl-record-length-lying
  ingest.unparseable/passes-itl-and-ctl
)

W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-itl.XXXXXX")
trap 'rm -rf "$W"' EXIT
. "$HERE/lib.sh"

for c in "${SHARED_CASES[@]}"; do rm -rf "${OUT:?}/$c"; done
if [[ $mode == all ]]; then
  for r in "${!SEV[@]}"; do
    case $r in itl.*|ctl.*) rm -rf "${OUT:?}/$r" ;; esac
  done
  rm -f "$OUT/itl-README.md"
  reset_dir "$FIX"
  rm -rf "$FUZZ"; mkdir -p "$FUZZ"
fi

# ---------------------------------------------------------------- helpers
newcase_rows=()
# newcase RULE CASE "description" [extra args]...
newcase() {
  RULE=$1; CASE=$2; C="$OUT/$1/$2"; local desc=$3; shift 3
  [[ -n ${SEV[$RULE]:-} ]] || { echo "unknown rule $RULE" >&2; exit 1; }
  case $CASE in fires-*|passes-*|na-*) ;; *) echo "bad case name $CASE" >&2; exit 1 ;; esac
  mkdir -p "$C"
  printf '%s\n' --at "$AT" "$@" >"$C/args"
  : >"$C/expected"
  newcase_rows+=("$RULE|$CASE|$desc")
}
# put NAME DEST: copy $W/NAME.pem (or the file $W/NAME) into input/DEST
put() {
  local src="$W/$1.pem"; [[ -f $src ]] || src="$W/$1"
  mkdir -p "$(dirname "$C/input/$2")"; cp "$src" "$C/input/$2"
}
# expect OBJECTS FILE: one expected line for the current rule (kept sorted)
expect() {
  printf '%s\t%s\t%s\t%s\n' "$RULE" "${SEV[$RULE]}" "$1" "$2" >>"$C/expected"
  sort -o "$C/expected" "$C/expected"
}
# ids NAME...: sorted, comma-joined ids: certificates ($W/NAME.pem) and ITL/CTL files ($W/NAME)
ids() {
  local n
  for n in "$@"; do
    if [[ -f $W/$n.pem ]]; then certid "$W/$n.pem"
    else case $n in *ctl*|*CTL*) file_id ctl "$W/$n" ;; *) file_id itl "$W/$n" ;; esac
    fi
  done | sort | paste -sd, -
}

# A CUCM node's self-signed certificates, as the product makes them (5 years, RSA).
# node NODE: host name; selfsigned NAME KEY FROM TO CN [extra]...
host() { echo "$1.example.com"; }
DN=('unit = "Collab"' 'organization = "Example Corp"' 'locality = "Krakow"' 'state = "Malopolska"' 'country = PL')
SRV=(signing_key encryption_key data_encipherment tls_www_server tls_www_client)
selfsigned() {
  local n=$1 k=$2 f=$3 t=$4 cn=$5; shift 5
  cert "$n" "$k" self "$f" "$t" "cn = \"$cn\"" "${DN[@]}" "$@"
}

# tlv OUT FILENAME DIGEST SIGNER [options...] -- RECORD...: a signed ITL/CTL file $W/OUT
#   RECORD: FUNCTION:NAME[,dns=..][,ip=..][,nosig] (NAME: $W/NAME.pem); SIGNER: NAME (key $W/NAME's key)
declare -A KEYOF
tlv() {
  local out=$1 fname=$2 digest=$3 signer=$4; shift 4
  local opts=() recs=()
  while (($#)) && [[ $1 != -- ]]; do opts+=("$1"); shift; done
  (($#)) && shift
  local r fn rest name
  for r in "$@"; do
    fn=${r%%:*}; rest=${r#*:}; name=${rest%%,*}
    [[ $rest == *,* ]] && rest=",${rest#*,}" || rest=""
    recs+=(--record "$fn:$W/$name.pem$rest")
  done
  run "${TLV[@]}" build --out "$W/$out" --filename "$fname" --digest "$digest" \
    --sign-cert "$W/$signer.pem" --sign-key "$W/${KEYOF[$signer]}.key" "${opts[@]}" "${recs[@]}"
}
mutate() { run "${TLV[@]}" mutate --in "$W/$1" --out "$W/$2" --how "$3"; }
verifies() { "${TLV[@]}" verify "$W/$1" 2>/dev/null; }

# ---------------------------------------------------------------- material
# Cluster: publisher cucm-pub (10.0.0.10), subscriber cucm-sub1 (10.0.0.11). Certificates as
# CUCM names them: CallManager CN=<host>, TVS CN=<host>-TVS (a fixture choice), CAPF
# CN=CAPF-<8 hex> (a CA, pathlen 0), ITLRecovery CN=ITLRECOVERY_<host>.
mk() { key "$1" "$2"; KEYOF[$1]=$1; } # mk NAME TYPE: the key of certificate NAME
mk cm_pub rsa2048;       selfsigned cm_pub cm_pub 2024-01-01 2029-01-01 "$(host cucm-pub)" "${SRV[@]}"
mk cm_pub_new rsa2048;  selfsigned cm_pub_new cm_pub_new 2026-03-01 2031-03-01 "$(host cucm-pub)" "${SRV[@]}"
mk tvs_pub rsa2048;     selfsigned tvs_pub tvs_pub 2024-01-01 2029-01-01 "$(host cucm-pub)-TVS" "${SRV[@]}"
mk tvs_pub_new rsa2048; selfsigned tvs_pub_new tvs_pub_new 2026-03-01 2031-03-01 "$(host cucm-pub)-TVS" "${SRV[@]}"
mk cm_sub1 rsa2048;     selfsigned cm_sub1 cm_sub1 2024-01-01 2029-01-01 "$(host cucm-sub1)" "${SRV[@]}"
mk tvs_sub1 rsa2048;   selfsigned tvs_sub1 tvs_sub1 2024-01-01 2029-01-01 "$(host cucm-sub1)-TVS" "${SRV[@]}"
mk tvs_sub1_expired rsa2048
selfsigned tvs_sub1_expired tvs_sub1_expired 2019-01-01 2024-01-01 "$(host cucm-sub1)-TVS" "${SRV[@]}"
mk capf_pub rsa2048;       selfsigned capf_pub capf_pub 2024-01-01 2029-01-01 "CAPF-5e1f2a3b" ca 'path_len = 0' signing_key cert_signing_key tls_www_server
mk itl_pub rsa2048;         selfsigned itl_pub itl_pub 2024-01-01 2044-01-01 "ITLRECOVERY_$(host cucm-pub)" signing_key tls_www_server tls_www_client
mk itl_pub_1024 rsa1024; selfsigned itl_pub_1024 itl_pub_1024 2016-01-01 2036-01-01 "ITLRECOVERY_$(host cucm-pub)" signing_key tls_www_server tls_www_client
mk itl_other rsa2048; selfsigned itl_other itl_other 2024-01-01 2044-01-01 "ITLRECOVERY_$(host ucm-b-pub)" signing_key tls_www_server tls_www_client
# a hardware eToken's certificate (SAST): issued by a token maker's CA; one expired
mk mfg_ca rsa2048;  cert mfg_ca mfg_ca self 2010-01-01 2040-01-01 'cn = "Example Manufacturing CA"' 'organization = "Example Token Maker"' ca cert_signing_key
mk etoken rsa2048;  cert etoken etoken mfg_ca 2015-01-01 2035-01-01 'cn = "SAST-ADN0054f509"' 'unit = "IPCBU"' 'organization = "Example Token Maker"' signing_key
mk etoken_expired rsa2048; cert etoken_expired etoken_expired mfg_ca 2012-01-01 2022-01-01 'cn = "SAST-ADN008580ef"' 'unit = "IPCBU"' 'organization = "Example Token Maker"' signing_key

PUB="dns=cucm-pub,ip=10.0.0.10"; SUB1="dns=cucm-sub1,ip=10.0.0.11"
T26=1767225600 # 2026-01-01T00:00:00Z: the files were made before the 2026-03-01 regeneration
ITL_RECS=("SAST:itl_pub,$PUB" "CCM+TFTP:cm_pub,$PUB" "TVS:tvs_pub,$PUB" "TVS:tvs_sub1,$SUB1" "CAPF:capf_pub,$PUB")
CTL_RECS=("SAST:etoken,nosig" "SAST:itl_pub,$PUB" "CCM+TFTP:cm_pub,$PUB" "CCM+TFTP:cm_sub1,$SUB1" "CAPF:capf_pub,$PUB")

# the files: the 12.x ITL (signed by ITLRecovery, SHA-1) and the same with SHA-512, a tokenless
# CTL (signed by ITLRecovery, SHA-512, with an eToken record), and the variants
tlv itl_sha1 ITLFile.tlv sha1 itl_pub --timestamp $T26 -- "${ITL_RECS[@]}"
tlv itl_sha512 ITLFile.tlv sha512 itl_pub --timestamp $T26 --signer-version 1.1 -- "${ITL_RECS[@]}"
tlv ctl CTLFile.tlv sha512 itl_pub --timestamp $T26 -- "${CTL_RECS[@]}"
tlv ctl_sha1 CTLFile.tlv sha1 itl_pub --timestamp $T26 -- "${CTL_RECS[@]}"
# before 12.0: the ITL is signed by the CallManager certificate, which its SAST record carries
tlv itl_pre12 ITLFile.tlv sha1 cm_pub --timestamp $T26 -- "SAST:cm_pub,$PUB" "CCM+TFTP:cm_pub,$PUB" \
  "TVS:tvs_pub,$PUB" "TVS:tvs_sub1,$SUB1"
tlv itl_regen ITLFile.tlv sha1 itl_pub --timestamp 1775001600 -- "SAST:itl_pub,$PUB" \
  "CCM+TFTP:cm_pub_new,$PUB" "TVS:tvs_pub,$PUB" "TVS:tvs_sub1,$SUB1" "CAPF:capf_pub,$PUB"
tlv itl_expired ITLFile.tlv sha1 itl_pub --timestamp $T26 -- "SAST:itl_pub,$PUB" \
  "CCM+TFTP:cm_pub,$PUB" "TVS:tvs_pub,$PUB" "TVS:tvs_sub1_expired,$SUB1"
tlv ctl_expired CTLFile.tlv sha512 itl_pub --timestamp $T26 -- "SAST:etoken_expired,nosig" \
  "SAST:itl_pub,$PUB" "CCM+TFTP:cm_pub,$PUB"
tlv itl_1024 ITLFile.tlv sha1 itl_pub_1024 --timestamp $T26 -- "SAST:itl_pub_1024,$PUB" \
  "CCM+TFTP:cm_pub,$PUB" "TVS:tvs_pub,$PUB"
tlv ctl_1024 CTLFile.tlv sha512 itl_pub_1024 --timestamp $T26 -- "SAST:itl_pub_1024,$PUB" \
  "CCM+TFTP:cm_pub,$PUB" "CAPF:capf_pub,$PUB"
tlv ctl_etoken CTLFile.tlv sha1 etoken --timestamp $T26 -- "SAST:etoken,nosig" \
  "CCM+TFTP:cm_pub,$PUB" "CAPF:capf_pub,$PUB"
# signed by another cluster's ITLRecovery, which no record carries (copied from cluster B)
tlv itl_foreign ITLFile.tlv sha1 itl_other --timestamp $T26 -- "${ITL_RECS[@]}"
tlv ctl_foreign CTLFile.tlv sha512 itl_other --timestamp $T26 -- "${CTL_RECS[@]}"
mutate itl_sha1 itl_tampered tamper
mutate ctl ctl_tampered tamper
mutate itl_sha1 itl_truncated truncate
mutate itl_sha1 itl_lying lie-element
mutate itl_sha1 itl_header_lying lie-header
mutate ctl ctl_record_lying lie-record
for f in itl_sha1 itl_sha512 ctl ctl_sha1 itl_pre12 itl_regen itl_expired ctl_expired itl_1024 ctl_1024 ctl_etoken; do
  verifies "$f" || { echo "itl.sh: $f does not verify" >&2; exit 1; }
done
for f in itl_tampered ctl_tampered itl_truncated itl_lying itl_header_lying ctl_record_lying; do
  verifies "$f" && { echo "itl.sh: $f verifies, it should not" >&2; exit 1; }
done

# ---------------------------------------------------------------- testdata/itl
if [[ $mode == all ]]; then
  # EXPECTED.tsv: what tests/test_itl.c checks every file against
  exp_rows=()
  fix() { # fix NAME DEST kind records digest valid(1/0/-) problems note
    mkdir -p "$(dirname "$FIX/$2")"; cp "$W/$1" "$FIX/$2"
    exp_rows+=("$2	$3	$4	$5	$6	$7	$8")
  }
  fix itl_sha1 ITLFile.tlv itl 5 sha1 1 0 "12.x ITL signed by ITLRecovery (SAST), CCM+TFTP, 2 TVS, CAPF, IPv4"
  fix itl_sha512 sha512/ITLFile.tlv itl 5 sha512 1 0 "the same records, SHA-512, signer version 1.1"
  fix ctl CTLFile.tlv ctl 5 sha512 1 0 "tokenless CTL signed by ITLRecovery; an eToken SAST record without SIGNATURE"
  fix ctl_sha1 sha1/CTLFile.tlv ctl 5 sha1 1 0 "the same CTL with SHA-1"
  fix itl_pre12 pre-12.0/ITLFile.tlv itl 4 sha1 1 0 "before 12.0: signed by CallManager, whose SAST record it is"
  fix ctl_etoken etoken-signed/CTLFile.tlv ctl 3 sha1 1 0 "signed by the hardware eToken (its record has no SIGNATURE element)"
  fix itl_tampered tampered/ITLFile.tlv itl 5 sha1 0 0 "one byte of a DNSNAME changed after signing"
  fix ctl_tampered tampered/CTLFile.tlv ctl 5 sha512 0 0 "one byte of a DNSNAME changed after signing"
  fix itl_truncated truncated/ITLFile.tlv itl 5 sha1 0 2 "cut inside the last record's CERTIFICATE"
  fix itl_lying length-lying/ITLFile.tlv itl 5 sha1 0 1 "record 2's CERTIFICATE says 65520 bytes; the records after it are read"
  fix itl_header_lying header-length-lying/ITLFile.tlv itl 5 sha1 0 1 "HEADERLENGTH says 65520 bytes; records read from after TIMESTAMP (inferred)"
  fix ctl_record_lying record-length-lying/CTLFile.tlv ctl 5 sha512 0 1 "the last record says it is 4000 bytes longer than the file"
  fix itl_foreign signer-missing/ITLFile.tlv itl 5 sha1 - 0 "signed by another cluster's ITLRecovery, which no record carries"
  # a TFTP download as customers zip it: ITLFile.tlv and CTLFile.tlv side by side
  mkdir -p "$W/zip/tftp"; cp "$W/itl_sha1" "$W/zip/tftp/ITLFile.tlv"; cp "$W/ctl" "$W/zip/tftp/CTLFile.tlv"
  python3 - "$W/zip" "$FIX/tftp-download.zip" <<'PY'
import os, sys, zipfile
root, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for d, _, fs in sorted(os.walk(root)):
        for f in sorted(fs):
            p = os.path.join(d, f)
            zi = zipfile.ZipInfo(os.path.relpath(p, root), (2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, open(p, "rb").read())
PY
  {
    printf 'file\tkind\trecords\tdigest\tsignature_valid\tproblems\tnote\n'
    printf '%s\n' "${exp_rows[@]}"
  } >"$FIX/EXPECTED.tsv"
  cat >"$FIX/README.md" <<'EOF'
# ITL and CTL files

Generated by `testdata/gen/itl.sh` with `testdata/gen/tlvfile.py` (python3 cryptography) from
the documented format (docs/ingest.md) -- do not edit by hand. Certificates are made by GnuTLS
certtool, keys by openssl; every file is signed as CUCM signs it and checked by tlvfile.py's
own verifier before it is written (the damaged ones must fail it). `EXPECTED.tsv` says what
each file holds (kind, records, digest, whether the signature verifies: `-` when the signer is
not in the file, and how many `ingest.unparseable` problems it has); tests/test_itl.c checks
certdiag against it. Cluster: `cucm-pub` (10.0.0.10) and `cucm-sub1` (10.0.0.11), hosts
`<node>.example.com`. `tftp-download.zip` holds `tftp/ITLFile.tlv` and `tftp/CTLFile.tlv`.
Keys are random, so ids change on every regeneration.
EOF
  # fuzz seeds: every file above
  for f in itl_sha1 itl_sha512 ctl ctl_etoken itl_pre12 itl_truncated itl_lying itl_header_lying ctl_record_lying itl_foreign; do
    cp "$W/$f" "$FUZZ/$f.tlv"
  done
  # and two for the general ingest target, which reaches the ITL reader through the format table
  cp "$W/itl_sha1" "$FUZZ/../ingest/itl-ITLFile.tlv"; cp "$W/ctl" "$FUZZ/../ingest/itl-CTLFile.tlv"
fi

# ---------------------------------------------------------------- shared rules' cases
newcase cert.duplicate passes-itl-and-ctl-hold-one-certificate \
  "cucm-pub/ITLFile.tlv and cucm-pub/CTLFile.tlv both list the CallManager, ITLRecovery and CAPF certificates: by design, no duplicate"
put itl_sha1 cucm-pub/ITLFile.tlv
put ctl cucm-pub/CTLFile.tlv

newcase ingest.unparseable fires-itl-truncated "ITLFile.tlv cut inside its last record's CERTIFICATE: the record and the element are cut short"
put itl_truncated ITLFile.tlv
expect "$(ids itl_truncated)" ITLFile.tlv
expect "$(ids itl_truncated)" ITLFile.tlv
newcase ingest.unparseable fires-itl-length-lying "ITLFile.tlv whose record 2 CERTIFICATE says 65520 bytes inside a 1.7 kB record"
put itl_lying ITLFile.tlv
expect "$(ids itl_lying)" ITLFile.tlv
newcase ingest.unparseable fires-itl-header-length-lying "ITLFile.tlv whose HEADERLENGTH says 65520 bytes"
put itl_header_lying ITLFile.tlv
expect "$(ids itl_header_lying)" ITLFile.tlv
newcase ingest.unparseable fires-ctl-record-length-lying "tftp/CTLFile.tlv whose last record says it is 4000 bytes longer than the file"
put ctl_record_lying tftp/CTLFile.tlv
expect "$(ids ctl_record_lying)" tftp/CTLFile.tlv
newcase ingest.unparseable passes-itl-and-ctl "a well-formed ITLFile.tlv and CTLFile.tlv"
put itl_sha1 ITLFile.tlv
put ctl CTLFile.tlv

shared_rows=("${newcase_rows[@]}")
newcase_rows=()
[[ $mode == all ]] || { echo "itl.sh: wrote ${#shared_rows[@]} shared cases" >&2; exit 0; }

# ---------------------------------------------------------------- itl.signature-invalid
newcase itl.signature-invalid fires-tampered "cucm-pub/ITLFile.tlv (SHA-1) with one byte of a DNSNAME changed after signing"
put itl_tampered cucm-pub/ITLFile.tlv
expect "$(ids itl_tampered itl_pub)" cucm-pub/ITLFile.tlv
newcase itl.signature-invalid fires-truncated "ITLFile.tlv cut short inside its last record (the signature covers bytes that are missing)"
put itl_truncated ITLFile.tlv
expect "$(ids itl_truncated itl_pub)" ITLFile.tlv
newcase itl.signature-invalid passes-sha1 "ITLFile.tlv signed by ITLRecovery with SHA-1, as CUCM writes it"
put itl_sha1 ITLFile.tlv
newcase itl.signature-invalid passes-sha512 "ITLFile.tlv signed by ITLRecovery with SHA-512 (signer version 1.1)"
put itl_sha512 ITLFile.tlv
newcase itl.signature-invalid passes-pre-12 "ITLFile.tlv signed by the CallManager certificate (before CUCM 12.0)"
put itl_pre12 ITLFile.tlv
newcase itl.signature-invalid na-signer-missing "ITLFile.tlv signed by another cluster's ITLRecovery, which no record carries (itl.signer-missing)"
put itl_foreign ITLFile.tlv
newcase itl.signature-invalid na-ctl-only "only a CTLFile.tlv (ctl.signature-invalid judges it)"
put ctl_tampered CTLFile.tlv

# ---------------------------------------------------------------- ctl.signature-invalid
newcase ctl.signature-invalid fires-tampered "cucm-pub/CTLFile.tlv (SHA-512) with one byte of a DNSNAME changed after signing"
put ctl_tampered cucm-pub/CTLFile.tlv
expect "$(ids ctl_tampered itl_pub)" cucm-pub/CTLFile.tlv
newcase ctl.signature-invalid passes-tokenless "CTLFile.tlv signed by ITLRecovery (SHA-512) with an eToken record"
put ctl CTLFile.tlv
newcase ctl.signature-invalid passes-etoken-signed "CTLFile.tlv signed by a hardware eToken (SHA-1)"
put ctl_etoken CTLFile.tlv
newcase ctl.signature-invalid na-itl-only "only an ITLFile.tlv"
put itl_tampered ITLFile.tlv

# ---------------------------------------------------------------- signer-missing
newcase itl.signer-missing fires-other-cluster "cucm-pub/ITLFile.tlv signed by ITLRECOVERY_ucm-b-pub.example.com, which none of its SAST records carries"
put itl_foreign cucm-pub/ITLFile.tlv
expect "$(ids itl_foreign)" cucm-pub/ITLFile.tlv
newcase itl.signer-missing passes-signer-present "ITLFile.tlv whose SAST record 1 carries the signer"
put itl_sha1 ITLFile.tlv
newcase itl.signer-missing na-no-itl "CTLFile.tlv and certificates, no ITL"
put ctl_foreign CTLFile.tlv
put cm_pub cucm-pub/CallManager.pem

newcase ctl.signer-missing fires-other-cluster "CTLFile.tlv signed by ITLRECOVERY_ucm-b-pub.example.com, which none of its SAST records carries"
put ctl_foreign CTLFile.tlv
expect "$(ids ctl_foreign)" CTLFile.tlv
newcase ctl.signer-missing passes-signer-present "CTLFile.tlv whose second SAST record carries the signer (the eToken record is not it)"
put ctl CTLFile.tlv
newcase ctl.signer-missing na-no-ctl "ITLFile.tlv only"
put itl_foreign ITLFile.tlv

# ---------------------------------------------------------------- stale-entry
node_bundle() { # node_bundle CM TVS: cucm-pub's identity certificates
  put "$1" cucm-pub/CallManager.pem; put "$2" cucm-pub/TVS.pem; put itl_pub cucm-pub/ITLRecovery.pem
}
newcase itl.stale-entry fires-callmanager-regenerated \
  "cucm-pub: ITLFile.tlv made 2026-01-01; CallManager.pem regenerated 2026-03-01 (new key and serial); TVS.pem and ITLRecovery.pem unchanged"
node_bundle cm_pub_new tvs_pub
put itl_sha1 cucm-pub/ITLFile.tlv
expect "$(ids itl_sha1 cm_pub cm_pub_new)" cucm-pub/ITLFile.tlv
newcase itl.stale-entry fires-callmanager-and-tvs-regenerated \
  "cucm-pub: CallManager.pem and TVS.pem both regenerated after ITLFile.tlv was made: TVS cannot vouch"
node_bundle cm_pub_new tvs_pub_new
put itl_sha1 cucm-pub/ITLFile.tlv
expect "$(ids itl_sha1 cm_pub cm_pub_new)" cucm-pub/ITLFile.tlv
expect "$(ids itl_sha1 tvs_pub tvs_pub_new)" cucm-pub/ITLFile.tlv
newcase itl.stale-entry passes-current "cucm-pub: CallManager.pem, TVS.pem, ITLRecovery.pem and the ITLFile.tlv that lists them"
node_bundle cm_pub tvs_pub
put itl_sha1 cucm-pub/ITLFile.tlv
newcase itl.stale-entry passes-rebuilt-after-regeneration \
  "cucm-pub: CallManager.pem regenerated, and the ITLFile.tlv taken after the TFTP restart lists the new one"
node_bundle cm_pub_new tvs_pub
put itl_regen cucm-pub/ITLFile.tlv
newcase itl.stale-entry na-itl-alone "ITLFile.tlv with no node certificate to compare with"
put itl_sha1 ITLFile.tlv
newcase itl.stale-entry na-no-itl "cucm-pub's certificates, no ITL"
node_bundle cm_pub_new tvs_pub

newcase ctl.stale-entry fires-callmanager-regenerated \
  "cucm-pub: CTLFile.tlv made 2026-01-01; CallManager.pem regenerated 2026-03-01"
node_bundle cm_pub_new tvs_pub
put ctl cucm-pub/CTLFile.tlv
expect "$(ids ctl cm_pub cm_pub_new)" cucm-pub/CTLFile.tlv
newcase ctl.stale-entry passes-current "cucm-pub: CallManager.pem, ITLRecovery.pem and the CTLFile.tlv that lists them"
node_bundle cm_pub tvs_pub
put ctl cucm-pub/CTLFile.tlv
newcase ctl.stale-entry na-ctl-alone "CTLFile.tlv with no node certificate to compare with"
put ctl CTLFile.tlv

# ---------------------------------------------------------------- expired-entry
newcase itl.expired-entry fires-expired-tvs "ITLFile.tlv whose TVS record of cucm-sub1 expired 2024-01-01"
put itl_expired ITLFile.tlv
expect "$(ids itl_expired tvs_sub1_expired)" ITLFile.tlv
newcase itl.expired-entry passes-all-valid "ITLFile.tlv whose five certificates are valid on 2026-06-01"
put itl_sha1 ITLFile.tlv
newcase itl.expired-entry na-no-itl "an expired TVS certificate as a loose file, no ITL"
put tvs_sub1_expired cucm-sub1/TVS.pem

newcase ctl.expired-entry fires-expired-etoken "CTLFile.tlv whose eToken SAST record expired 2022-01-01"
put ctl_expired CTLFile.tlv
expect "$(ids ctl_expired etoken_expired)" CTLFile.tlv
newcase ctl.expired-entry passes-all-valid "CTLFile.tlv whose five certificates are valid on 2026-06-01"
put ctl CTLFile.tlv
newcase ctl.expired-entry na-no-ctl "ITLFile.tlv with an expired TVS record, no CTL"
put itl_expired ITLFile.tlv

# ---------------------------------------------------------------- signer-key
newcase itl.signer-key fires-itlrecovery-1024 \
  "cucm-pub/ITLFile.tlv signed by ITLRECOVERY_cucm-pub (RSA 1024); its CallManager and TVS records are RSA 2048"
put itl_1024 cucm-pub/ITLFile.tlv
expect "$(ids itl_1024 itl_pub_1024)" cucm-pub/ITLFile.tlv
newcase itl.signer-key fires-with-itlrecovery-pem \
  "the same ITLFile.tlv beside cucm-pub/ITLRecovery.pem (the 1024-bit certificate): cucm.itlrecovery-key-length judges the .pem"
put itl_1024 cucm-pub/ITLFile.tlv
put itl_pub_1024 cucm-pub/ITLRecovery.pem
put cm_pub cucm-pub/CallManager.pem
expect "$(ids itl_1024 itl_pub_1024)" cucm-pub/ITLFile.tlv
newcase itl.signer-key passes-itlrecovery-2048 "ITLFile.tlv signed by ITLRECOVERY_cucm-pub (RSA 2048)"
put itl_sha1 ITLFile.tlv
newcase itl.signer-key na-signed-by-callmanager "ITLFile.tlv before 12.0, signed by the CallManager certificate (not ITLRecovery)"
put itl_pre12 ITLFile.tlv

newcase ctl.signer-key fires-itlrecovery-1024 \
  "CTLFile.tlv signed by ITLRECOVERY_cucm-pub (RSA 1024); its CallManager and CAPF records are RSA 2048"
put ctl_1024 CTLFile.tlv
expect "$(ids ctl_1024 itl_pub_1024)" CTLFile.tlv
newcase ctl.signer-key passes-itlrecovery-2048 "CTLFile.tlv signed by ITLRECOVERY_cucm-pub (RSA 2048)"
put ctl CTLFile.tlv
newcase ctl.signer-key na-signed-by-etoken "CTLFile.tlv signed by a hardware eToken"
put ctl_etoken CTLFile.tlv

# ---------------------------------------------------------------- README
{
  cat <<'EOF'
# Rule cases (ITL and CTL files)

Generated by `testdata/gen/itl.sh` (files written by `testdata/gen/tlvfile.py` from the
documented format, signed with openssl-made keys; certificates by GnuTLS certtool) -- do not
edit by hand, edit the script and rerun it. Layout, object ids (ITL and CTL files: `itl-` and
`ctl-` and the first 16 hex digits of the file's SHA-256) and the `expected` format:
`docs/dev/conventions.md`. Every case is evaluated `--at 2026-06-01T00:00:00Z`. Cluster:
`cucm-pub` (10.0.0.10), `cucm-sub1` (10.0.0.11), hosts `<node>.example.com`; the node
certificates are valid 2024-01-01..2029-01-01, the files were made 2026-01-01 (TIMESTAMP), and
the regenerated CallManager and TVS certificates are valid from 2026-03-01. Keys are random, so
ids change on every regeneration.
EOF
  last=
  for row in "${newcase_rows[@]}" "${shared_rows[@]}"; do
    IFS='|' read -r r c d <<<"$row"
    if [[ $r != "$last" ]]; then
      printf '\n## %s (%s)\n\n| case | input |\n|---|---|\n' "$r" "${SEV[$r]}"
      last=$r
    fi
    # shellcheck disable=SC2016 # literal backticks in the README table
    printf '| `%s` | %s |\n' "$c" "$d"
  done
} >"$OUT/itl-README.md"

echo "itl.sh: wrote $((${#newcase_rows[@]} + ${#shared_rows[@]})) cases" >&2
