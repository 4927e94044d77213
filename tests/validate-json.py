#!/usr/bin/python3
"""validate-json.py SCHEMA FILE... - validate JSON documents against a JSON Schema (draft
2020-12 or draft-07, as the schema says) with python3-jsonschema (Debian package). Prints one
line per problem and exits 1 when any document fails."""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1]))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema)
    bad = 0
    for path in sys.argv[2:]:
        doc = json.load(open(path))
        errors = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:20]:
            print(f"{path}: {'/'.join(map(str, e.path)) or '(top)'}: {e.message[:300]}")
        if errors:
            bad += 1
        else:
            print(f"{path}: valid")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
