#!/usr/bin/env python3
"""Validate a Preflight report against a published schema: validate.py sarif|junit FILE. Exit 0 when valid."""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
kind, path = sys.argv[1], sys.argv[2]
if kind == "sarif":
    import jsonschema
    with open(os.path.join(here, "sarif-schema-2.1.0.json")) as handle:
        schema = json.load(handle)
    with open(path) as handle:
        jsonschema.validate(json.load(handle), schema)
elif kind == "junit":
    import xmlschema
    xmlschema.XMLSchema(os.path.join(here, "junit-10.xsd")).validate(path)
else:
    sys.exit(f"unknown kind {kind}")
print("valid")
