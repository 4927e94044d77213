#!/usr/bin/env bash
# Regenerates testdata/archives/ (every archive format the ingest opens, nested archives and
# hostile ones), fuzz/corpus/archive/ (small seeds) and the rule cases of the archive.* rules
# (testdata/rules/archive.*/). The certificates are those of testdata/demo (not regenerated),
# so object ids are stable. Wipes and rewrites those directories; committed outputs.
#
# Tools: zip (Info-ZIP 3.0), GNU tar, gzip, bzip2, xz, zstd, 7zz (Debian package 7zip),
# GNU cpio, python3 (zipfile, tarfile: the hostile archives).
# Usage: bash testdata/gen/archives.sh        (from any directory)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for t in zip tar gzip bzip2 xz zstd 7zz cpio python3; do
  command -v "$t" >/dev/null 2>&1 || die "required tool '$t' not found (apt-get install zip 7zip cpio zstd ...)"
done

OUT=$TESTDATA_DIR/archives
SEEDS=$(dirname "$TESTDATA_DIR")/fuzz/corpus/archive
RULES=$TESTDATA_DIR/rules
DEMO=$TESTDATA_DIR/demo
AT=2026-06-01T00:00:00Z
mk_work
reset_dir "$OUT"
mkdir -p -- "$SEEDS"
W=$WORK
echo "generating $OUT" >&2

TAR=(tar --sort=name --mtime=@1767225600 --owner=0 --group=0 --numeric-owner --format=ustar)

# ------------------------------------------------------------------ two nodes' trust stores
# pub/ and sub1/ are node folders; inside them the product layouts of docs/roles.md.
S=$W/stores
mkdir -p "$S/pub/tomcat-trust" "$S/pub/tomcat/certs" "$S/sub1/CallManager-trust" "$S/sub1/CallManager/certs"
cp "$DEMO/tomcat-trust/Example_Corp_Root_CA.pem" "$S/pub/tomcat-trust/root.pem"
cp "$DEMO/tomcat-trust/Example_Corp_Issuing_CA_1.pem" "$S/pub/tomcat-trust/issuing.pem"
cp "$DEMO/cucm-pub/tomcat/certs/tomcat.pem" "$S/pub/tomcat/certs/tomcat.pem"
cp "$DEMO/tomcat-trust/Example_Corp_Root_CA.pem" "$S/sub1/CallManager-trust/root.pem"
cp "$DEMO/cucm-sub1/CallManager/certs/CallManager.pem" "$S/sub1/CallManager/certs/CallManager.pem"
# fixed times, so that regenerating changes nothing (but the random salts of the encrypted ones)
stamp() { find "$@" -exec touch -h -d @1767225600 {} +; }
stamp "$S"

(cd "$S" && zip -qrX "$OUT/trust-stores.zip" pub sub1)
(cd "$S" && "${TAR[@]}" -cf "$OUT/trust-stores.tar" pub sub1)
gzip -9n <"$OUT/trust-stores.tar" >"$OUT/trust-stores.tar.gz"
bzip2 -9 <"$OUT/trust-stores.tar" >"$OUT/trust-stores.tar.bz2"
xz -9 <"$OUT/trust-stores.tar" >"$OUT/trust-stores.tar.xz"
zstd -q -19 <"$OUT/trust-stores.tar" >"$OUT/trust-stores.tar.zst"
(cd "$S" && 7zz a -bd -bso0 -bsp0 "$OUT/trust-stores.7z" pub sub1)
(cd "$S" && find pub sub1 | LC_ALL=C sort | cpio --quiet -o -H newc --reproducible >"$OUT/trust-stores.cpio")
gzip -9n <"$OUT/trust-stores.cpio" >"$OUT/trust-stores.cpio.gz"
# one compressed certificate: gzip keeps the name (FNAME), xz has none (the file name tells)
cp "$S/pub/tomcat-trust/root.pem" "$W/root.pem"
stamp "$W/root.pem"
gzip -9 -c "$W/root.pem" >"$OUT/root.pem.gz"
xz -9 -c "$W/root.pem" >"$OUT/root.pem.xz"

# ------------------------------------------------------------------ nested: zip in tar.gz in zip
N=$W/nested
mkdir -p "$N/inner" "$N/middle" "$N/outer"
mkdir -p "$N/inner/pub/tomcat-trust"
cp "$S/pub/tomcat-trust/root.pem" "$N/inner/pub/tomcat-trust/root.pem"
stamp "$N/inner"
(cd "$N/inner" && zip -qrX "$N/middle/inner.zip" pub)
stamp "$N/middle"
(cd "$N/middle" && "${TAR[@]}" -cf - inner.zip | gzip -9n >"$N/outer/middle.tar.gz")
stamp "$N/outer"
(cd "$N/outer" && zip -qX "$OUT/nested.zip" middle.tar.gz)

# ------------------------------------------------------------------ hostile archives
python3 - "$OUT" "$S/pub/tomcat-trust/root.pem" "$S/pub/tomcat/certs/tomcat.pem" <<'PY'
import gzip, io, struct, sys, tarfile, zipfile
out, root_pem, tomcat_pem = sys.argv[1], open(sys.argv[2], 'rb').read(), open(sys.argv[3], 'rb').read()
T = (2026, 1, 1, 0, 0, 0)

def zbytes(members, method=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, 'w', method) as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, T)
            zi.compress_type = method
            z.writestr(zi, data)
    return b.getvalue()

# zip bomb: a certificate, then 60 MiB of zeros deflated to ~60 KiB (ratio ~1000)
open(f'{out}/bomb.zip', 'wb').write(zbytes([('tomcat-trust/root.pem', root_pem),
                                            ('zeros.bin', bytes(60 * 1024 * 1024))]))

# 1000 archives deep: level999.zip!/level998.zip!/.../level0.zip!/tomcat-trust/root.pem
data = zbytes([('tomcat-trust/root.pem', root_pem)])
for i in range(1, 1000):
    data = zbytes([(f'level{i - 1}.zip', data)], zipfile.ZIP_STORED)
open(f'{out}/deep-1000.zip', 'wb').write(data)

# absurd declared sizes. zip: the central directory and local header claim 3 GiB for big.pem
z = bytearray(zbytes([('tomcat-trust/root.pem', root_pem), ('big.pem', tomcat_pem)]))
def patch_sizes(z, name, size):
    n = name.encode()
    for sig, off in ((b'PK\x03\x04', 22), (b'PK\x01\x02', 24)):
        p = 0
        while (p := z.find(sig, p)) >= 0:
            nlen_off = 26 if sig == b'PK\x03\x04' else 28
            hdr = 30 if sig == b'PK\x03\x04' else 46
            nlen = struct.unpack_from('<H', z, p + nlen_off)[0]
            if z[p + hdr:p + hdr + nlen] == n:
                struct.pack_into('<I', z, p + off, size)
            p += 4
patch_sizes(z, 'big.pem', 0xC0000000)
open(f'{out}/absurd-size.zip', 'wb').write(bytes(z))
# tar: the first header claims an 8 GiB member (octal 77777777777) with 1 KiB behind it
def tarinfo(name, size):
    ti = tarfile.TarInfo(name); ti.size = size; ti.mtime = 1767225600; ti.mode = 0o644
    return ti
b = io.BytesIO()
with tarfile.open(fileobj=b, mode='w', format=tarfile.USTAR_FORMAT) as t:
    t.addfile(tarinfo('tomcat-trust/root.pem', len(root_pem)), io.BytesIO(root_pem))
    t.addfile(tarinfo('huge.pem', len(tomcat_pem)), io.BytesIO(tomcat_pem))
tb = bytearray(b.getvalue())
h = 512 * (1 + (len(root_pem) + 511) // 512)      # the second header
tb[h + 124:h + 136] = b'77777777777\0'
tb[h + 148:h + 156] = b'        '
tb[h + 148:h + 156] = b'%06o\0 ' % sum(tb[h:h + 512])
open(f'{out}/absurd-size.tar', 'wb').write(bytes(tb))

# tar.gz: root.pem, then 70 MiB of zeros (over the member limit: skipping it would inflate it
# all inside libarchive, so it is read and dropped, and the ratio limit stops it)
b = io.BytesIO()
with tarfile.open(fileobj=b, mode='w', format=tarfile.USTAR_FORMAT) as t:
    t.addfile(tarinfo('tomcat-trust/root.pem', len(root_pem)), io.BytesIO(root_pem))
    t.addfile(tarinfo('zeros.bin', 70 * 1024 * 1024), io.BytesIO(bytes(70 * 1024 * 1024)))
open(f'{out}/big-member.tar.gz', 'wb').write(gzip.compress(b.getvalue(), 9, mtime=0))

# names past ASCII, UTF-8 flagged as zip writers do for them (Windows 10+, 7-Zip, Python):
# a tomcat identity and a tomcat-trust store in folders a customer named
open(f'{out}/names-utf8.zip', 'wb').write(zbytes([
    ('\u8a3c\u660e\u66f8/tomcat.pem', tomcat_pem),
    ('Zertifikate \u2013 M\u00fcnchen/tomcat-trust/RootCA.pem', root_pem)]))

# names that climb out or are absolute ("zip slip"); the certificates are still analysed
open(f'{out}/dotdot.zip', 'wb').write(zbytes([('../../etc/tomcat-trust/root.pem', root_pem),
                                              ('/abs/tomcat.pem', tomcat_pem)]))
b = io.BytesIO()
with tarfile.open(fileobj=b, mode='w', format=tarfile.USTAR_FORMAT) as t:
    t.addfile(tarinfo('../tomcat-trust/root.pem', len(root_pem)), io.BytesIO(root_pem))
open(f'{out}/dotdot.tar', 'wb').write(b.getvalue())

# cpio (newc) whose second header declares a 4 GiB name (found by fuzz_archive: libarchive
# reserved the memory before noticing it was not there)
def newc(name, data, mode=0o100644, namesize=None):
    n = name.encode() + b'\0'
    h = b'070701' + b''.join(b'%08X' % v for v in (0, mode, 0, 0, 1, 1767225600, len(data), 0, 0, 0, 0,
                                                   namesize if namesize is not None else len(n), 0))
    pad = lambda b: b + bytes(-len(b) % 4)
    return pad(h + n) + pad(data)
open(f'{out}/cpio-huge-name.cpio', 'wb').write(
    newc('tomcat-trust/root.pem', root_pem) + newc('x.pem', tomcat_pem, namesize=0xFFFFFF00) +
    newc('TRAILER!!!', b''))

# 100,001 folders (odc cpio, gzip: 275 KiB; xz would pass the ratio limit first), one over
# the members limit
def odc(name, mode):
    n = name.encode() + b'\0'
    return b'070707' + b'%06o%06o%06o%06o%06o%06o%06o%011o%06o%011o' % (
        0, 0, mode, 0, 0, 1, 0, 1767225600, len(n), 0) + n
open(f'{out}/many-members.cpio.gz', 'wb').write(gzip.compress(
    b''.join(odc('d%06d' % i, 0o40755) for i in range(100001)) + odc('TRAILER!!!', 0), 9, mtime=0))

# a member name of 2000 bytes (GNU tar long name) before a normal member
b = io.BytesIO()
with tarfile.open(fileobj=b, mode='w', format=tarfile.GNU_FORMAT) as t:
    t.addfile(tarinfo('d/' * 999 + 'x.pem', len(root_pem)), io.BytesIO(root_pem))
    t.addfile(tarinfo('tomcat-trust/root.pem', len(root_pem)), io.BytesIO(root_pem))
open(f'{out}/long-name.tar', 'wb').write(b.getvalue())

# a damaged member (its deflate stream is flipped) between two good ones
z = bytearray(zbytes([('a/root.pem', root_pem), ('b/tomcat.pem', tomcat_pem), ('c/root-again.pem', root_pem + b'\n')]))
p = z.find(b'b/tomcat.pem') + len('b/tomcat.pem') + 20
for i in range(p, p + 16):
    z[i] ^= 0x55
open(f'{out}/damaged-member.zip', 'wb').write(bytes(z))

# a member compressed with a method libarchive does not read (19: IBM LZ77 z)
z = bytearray(zbytes([('tomcat-trust/root.pem', root_pem), ('odd.pem', tomcat_pem)]))
for sig, off, nlen_off, hdr in ((b'PK\x03\x04', 8, 26, 30), (b'PK\x01\x02', 10, 28, 46)):
    p = 0
    while (p := z.find(sig, p)) >= 0:
        nlen = struct.unpack_from('<H', z, p + nlen_off)[0]
        if z[p + hdr:p + hdr + nlen] == b'odd.pem':
            struct.pack_into('<H', z, p + off, 19)
        p += 4
open(f'{out}/unsupported-method.zip', 'wb').write(bytes(z))
PY

# truncated: the zip cut at 60 %; the tar.gz (the stores then 96 KiB of text, so that the
# certificates are in the part libarchive decompresses before it meets the cut) at 80 %
mkdir -p "$W/pad" && cp -r "$S/pub" "$S/sub1" "$W/pad/"
prng_bytes padding 73728 | base64 -w 76 >"$W/pad/zz-notes.txt"
stamp "$W/pad"
(cd "$W/pad" && "${TAR[@]}" -cf - pub sub1 zz-notes.txt | gzip -9n >"$W/padded.tar.gz")
head -c $(( $(stat -c %s "$W/padded.tar.gz") * 8 / 10 )) "$W/padded.tar.gz" >"$OUT/truncated.tar.gz"
head -c $(( $(stat -c %s "$OUT/trust-stores.zip") * 6 / 10 )) "$OUT/trust-stores.zip" >"$OUT/truncated.zip"

# encrypted: secret.pem with zip -P (ZipCrypto), plain.pem added without a password
E=$W/enc
mkdir -p "$E"
cp "$S/pub/tomcat/certs/tomcat.pem" "$E/secret.pem"
cp "$S/pub/tomcat-trust/root.pem" "$E/plain.pem"
stamp "$E"
(cd "$E" && zip -qX -P changeit "$OUT/encrypted.zip" secret.pem && zip -qX "$OUT/encrypted.zip" plain.pem)
(cd "$E" && 7zz a -bd -bso0 -bsp0 -pchangeit -mhe=on "$OUT/encrypted-headers.7z" secret.pem)

# ------------------------------------------------------------------ README
cat >"$OUT/README.txt" <<'EOF'
Archives for tests/test_archive.c, made by testdata/gen/archives.sh (do not edit by hand).
Certificates come from testdata/demo.

trust-stores.{zip,tar,tar.gz,tar.bz2,tar.xz,tar.zst,7z,cpio}
    pub/tomcat-trust/{root,issuing}.pem, pub/tomcat/certs/tomcat.pem,
    sub1/CallManager-trust/root.pem, sub1/CallManager/certs/CallManager.pem
root.pem.gz, root.pem.xz   one compressed certificate (gzip keeps the name, xz does not)
nested.zip                 middle.tar.gz!/inner.zip!/pub/tomcat-trust/root.pem
bomb.zip                   tomcat-trust/root.pem + 60 MiB of zeros deflated (ratio ~1000)
deep-1000.zip              1000 zips deep, root.pem at the bottom
absurd-size.zip            big.pem declares 3 GiB (central directory and local header)
absurd-size.tar            huge.pem declares 8 GiB; 1 KiB follows
big-member.tar.gz          tomcat-trust/root.pem, then zeros.bin: 70 MiB of zeros (declared and real)
dotdot.zip, dotdot.tar     ../../etc/tomcat-trust/root.pem, /abs/tomcat.pem (zip slip)
names-utf8.zip             証明書/tomcat.pem, "Zertifikate – München/tomcat-trust/RootCA.pem" (UTF-8 names)
trust-stores.cpio.gz       the cpio compressed: opened as the one file it holds, then as cpio
cpio-huge-name.cpio        root.pem, then a header declaring a 4 GiB name (fuzz_archive found it)
many-members.cpio.gz       100,001 folders (odc cpio): one over the members limit
long-name.tar              a member named d/d/.../x.pem (2000 bytes), then tomcat-trust/root.pem
damaged-member.zip         a/root.pem good, b/tomcat.pem deflate stream damaged, c/root-again.pem good
unsupported-method.zip     odd.pem compressed with method 19 (IBM LZ77 z)
truncated.zip              trust-stores.zip cut at 60 %
truncated.tar.gz           the stores + zz-notes.txt (96 KiB of base64 text) as tar.gz, cut at 80 %
encrypted.zip              secret.pem (zip -P changeit) + plain.pem (no password)
encrypted-headers.7z       7z -mhe=on: even the member names are encrypted
EOF

# ------------------------------------------------------------------ fuzz seeds (small)
# regress-* samples (faults fuzz_archive found) are kept across runs
find "$SEEDS" -maxdepth 1 -type f ! -name "regress-*" -delete 2>/dev/null || true
for f in trust-stores.zip trust-stores.tar.gz trust-stores.tar.bz2 trust-stores.tar.xz \
         trust-stores.tar.zst trust-stores.7z trust-stores.cpio root.pem.gz nested.zip \
         dotdot.tar damaged-member.zip truncated.zip encrypted.zip encrypted-headers.7z \
         absurd-size.tar cpio-huge-name.cpio; do
  cp "$OUT/$f" "$SEEDS/$f"
done

# ------------------------------------------------------------------ rule cases (archive.*)
rm -rf -- "$RULES"/archive.*
# newcase RULE CASE: fresh case dir with args; C is its path
newcase() { C=$RULES/$1/$2; mkdir -p "$C/input"; printf '%s\n' --at "$AT" >"$C/args"; : >"$C/expected"; }
expect() { printf '%s\twarning\t-\t%s\n' "$1" "$2" >>"$C/expected"; sort -o "$C/expected" "$C/expected"; }

newcase archive.encrypted-member fires-zip-password
cp "$OUT/encrypted.zip" "$C/input/bundle.zip"
expect archive.encrypted-member secret.pem
newcase archive.encrypted-member fires-7z-encrypted-headers
cp "$OUT/encrypted-headers.7z" "$C/input/bundle.7z"
expect archive.encrypted-member bundle.7z
newcase archive.encrypted-member passes-plain-zip
cp "$OUT/trust-stores.zip" "$C/input/bundle.zip"
newcase archive.encrypted-member na-no-archive
cp "$S/pub/tomcat-trust/root.pem" "$C/input/root.pem"

newcase archive.unsafe-path fires-dotdot-zip
cp "$OUT/dotdot.zip" "$C/input/bundle.zip"
expect archive.unsafe-path etc/tomcat-trust/root.pem
expect archive.unsafe-path abs/tomcat.pem
newcase archive.unsafe-path fires-dotdot-tar
cp "$OUT/dotdot.tar" "$C/input/bundle.tar"
expect archive.unsafe-path tomcat-trust/root.pem
newcase archive.unsafe-path passes-plain-tar-gz
cp "$OUT/trust-stores.tar.gz" "$C/input/bundle.tar.gz"
newcase archive.unsafe-path na-no-archive
cp "$S/pub/tomcat-trust/root.pem" "$C/input/root.pem"

du -sh "$OUT" >&2
