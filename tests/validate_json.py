#!/usr/bin/env python3
"""Validates JSON documents against a JSON Schema (draft 2020-12 or draft-04).

usage: validate_json.py SCHEMA FILE...
Uses Debian's python3-jsonschema. Exits 1 and names every invalid file and error.
"""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    bad = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        for err in errors[:10]:
            where = "/".join(str(p) for p in err.path)
            print(f"{path}: /{where}: {err.message}", file=sys.stderr)
        bad += bool(errors)
    print(f"schema: {len(argv) - 2 - bad} of {len(argv) - 2} documents valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
