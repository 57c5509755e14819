#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Validate nethotswap's JSON output against its JSON Schema.

usage: json_check.py [--lines] SCHEMA DEF [FILE]

Validates FILE (standard input if absent), or with --lines each non-empty
line of it, against $defs/DEF of SCHEMA; the input must be valid UTF-8.
Prints the number of documents validated; exits 1 on the first invalid
one, saying why.
"""
import json
import sys

import jsonschema


def main():
    args = sys.argv[1:]
    lines = args[:1] == ['--lines']
    if lines:
        args = args[1:]
    if len(args) not in (2, 3):
        sys.exit(__doc__)
    with open(args[0], encoding='utf-8') as f:
        schema = json.load(f)
    sub = {'$schema': schema['$schema'], '$defs': schema['$defs'],
           '$ref': '#/$defs/' + args[1]}
    if len(args) == 3:
        with open(args[2], 'rb') as f:
            data = f.read()
    else:
        data = sys.stdin.buffer.read()
    docs = [d for d in data.splitlines() if d.strip()] if lines else [data]
    for n, doc in enumerate(docs, 1):
        try:
            jsonschema.validate(json.loads(doc.decode('utf-8')), sub)
        except (UnicodeDecodeError, ValueError,
                jsonschema.ValidationError) as e:
            print(f'document {n} is not a valid {args[1]}: {e}'.splitlines()[0])
            print(doc[:400])
            sys.exit(1)
    print(len(docs))


if __name__ == '__main__':
    main()
