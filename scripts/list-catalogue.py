#!/usr/bin/env python3
"""Print the catalogue files under rules/ (one per line, sorted) for meson."""
import os, sys
root = sys.argv[1]
out = []
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith('.yaml'):
            out.append(os.path.join(d, f))
print('\n'.join(sorted(out)))
