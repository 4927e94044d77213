#!/usr/bin/env python3
"""Print the C sources under a folder (one per line, sorted) for meson.

list-sources.py ROOT SUBDIR   every *.c file under ROOT/SUBDIR, recursively, as a path relative
                              to ROOT (src/rules/: the rule checks and the helpers they share;
                              scripts/gen-checks.py finds the checks among them)
"""
import os, sys
root, sub = sys.argv[1], sys.argv[2]
out = []
for d, _, fs in os.walk(os.path.join(root, sub)):
    out += [os.path.relpath(os.path.join(d, f), root) for f in fs if f.endswith('.c')]
print('\n'.join(sorted(out)))
