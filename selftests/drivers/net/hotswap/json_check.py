#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Validate nethotswap's JSON output against its JSON Schema.

usage: json_check.py SCHEMA DEF
       json_check.py SCHEMA [--lines] DEF FILE [[--lines] DEF FILE]...

Validates standard input, or each FILE, against $defs/DEF of SCHEMA; with
--lines, each non-empty line of FILE is a document.  The input must be
valid UTF-8.  Prints a line for each input: "FILE: N valid", or why its
first invalid document is not, followed by the start of that document.
Exits 1 if an input is invalid.  One interpreter checks them all: loading
jsonschema takes seconds on the test kernel.
"""
import json
import sys

import jsonschema


def inputs(args):
    """(DEF, FILE or None, lines) for each input named in args."""
    if len(args) == 1:
        return [(args[0], None, False)]
    found = []
    while args:
        lines = args[0] == '--lines'
        if lines:
            args = args[1:]
        if len(args) < 2:
            sys.exit(__doc__)
        found.append((args[0], args[1], lines))
        args = args[2:]
    return found


def check(schema, name, path, lines):
    """Print the verdict on one input; True if it is valid."""
    sub = {'$schema': schema['$schema'], '$defs': schema['$defs'],
           '$ref': '#/$defs/' + name}
    if path is None:
        path, data = '-', sys.stdin.buffer.read()
    else:
        with open(path, 'rb') as f:
            data = f.read()
    docs = [d for d in data.splitlines() if d.strip()] if lines else [data]
    for n, doc in enumerate(docs, 1):
        try:
            jsonschema.validate(json.loads(doc.decode('utf-8')), sub)
        except (UnicodeDecodeError, ValueError,
                jsonschema.ValidationError) as e:
            why = f'document {n} is not a valid {name}: {e}'
            print(f'{path}: {why.splitlines()[0]}')
            print(doc[:400])
            return False
    print(f'{path}: {len(docs)} valid')
    return True


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding='utf-8') as f:
        schema = json.load(f)
    verdicts = [check(schema, *i) for i in inputs(sys.argv[2:])]
    if not all(verdicts):
        sys.exit(1)


if __name__ == '__main__':
    main()
