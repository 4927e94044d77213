#!/usr/bin/env bash
# log-archives.sh - the log fixtures as customers send them: a CUCM log collection as a tar.gz
# in which some logs are themselves gzipped (nested .gz), and an Expressway diagnostic archive
# (tar.gz). Made from testdata/logs/ with tar and gzip; writes testdata/log-archives/.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/log-archives"
rm -rf "$out"; mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -r "$here/logs/cucm-collection" "$tmp/collection"
# CUCM rotates and compresses older logs: gzip every certMgmt log and one SDL trace in place
find "$tmp/collection" -name 'certMgmt*.log' -exec gzip -9n {} \;
sdl=$(find "$tmp/collection" -path '*sdl*' -name '*.txt' | sort | head -n 1)
gzip -9n "$sdl"
# fixed owner, order and times so the archives are reproducible
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-05-04 00:00:00Z' \
    -C "$tmp/collection" -cf - . | gzip -9n > "$out/cucm-log-collection.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-05-04 00:00:00Z' \
    -C "$here/logs" -cf - expressway | gzip -9n > "$out/expressway-diagnostic.tar.gz"
cat > "$out/README.md" <<'MD'
# log-archives
`cucm-log-collection.tar.gz`: testdata/logs/cucm-collection packed the way a CUCM log
collection arrives, with every certMgmt log and one CallManager SDL trace gzipped inside the
tar.gz (nested .gz). `expressway-diagnostic.tar.gz`: testdata/logs/expressway as a diagnostic
archive. Scanning either must give the same log findings as scanning the folder it came from.
Made by testdata/gen/log-archives.sh.
MD
