#!/usr/bin/env python3
"""Print catalogue files under rules/ (one per line, sorted) for meson.

list-catalogue.py ROOT            every rule file (*.yaml), except log signatures, profiles and
                                  the web PKI data (rules/webpki/)
list-catalogue.py ROOT SUBDIR     only the files under ROOT/SUBDIR (e.g. signatures)
"""
import os, sys
root = sys.argv[1]
sub = sys.argv[2] if len(sys.argv) > 2 else None
base = os.path.join(root, sub) if sub else root
out = []
for d, _, fs in os.walk(base):
    rel = os.path.relpath(d, root)
    if not sub and rel.split(os.sep)[0] in ('signatures', 'profiles', 'webpki'):
        continue
    for f in fs:
        if f.endswith('.yaml'):
            out.append(os.path.join(d, f))
print('\n'.join(sorted(out)))
