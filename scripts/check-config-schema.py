#!/usr/bin/env python3
"""Checks schemas/loadforge.schema.json against the example configs.

Every config in examples/ (at any depth, outside examples/invalid/ and examples/nginx/, which holds
the example server's files) must be valid against the schema, and
every config in examples/invalid/ must be rejected by it. Configs are read as the tree LoadForge
sees: *.toml with tomllib (Python >= 3.11), *.yaml / *.yml with PyYAML, *.json with json.

Needs Python 3.11+ with jsonschema (Draft 2020-12) and PyYAML:
    pip install pyyaml jsonschema          (CI: in .ci/run)
    apt-get install python3-jsonschema python3-yaml   (Debian 12 packages, also fine)

Prints "schema: N examples valid, M invalid rejected" and exits 0 when every file behaves as
expected; otherwise names each mismatch and exits 1. Exit 2 when a module is missing.
"""

import json
import pathlib
import sys

try:
    import tomllib
except ModuleNotFoundError:
    sys.exit("check-config-schema: Python 3.11+ is required (tomllib); found " + sys.version.split()[0])
try:
    import jsonschema
    import yaml
except ModuleNotFoundError as error:
    print(f"check-config-schema: missing Python module {error.name!r}: pip install pyyaml jsonschema", file=sys.stderr)
    sys.exit(2)

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "loadforge.schema.json"
EXAMPLES = ROOT / "examples"
INVALID = EXAMPLES / "invalid"
# Served by the example nginx (response bodies, not configs).
NOT_CONFIGS = EXAMPLES / "nginx"
SUFFIXES = {".toml", ".yaml", ".yml", ".json"}


def load_config(path):
    """The config tree of `path`, chosen by extension as `loadforge` does."""
    if path.suffix == ".toml":
        with path.open("rb") as f:
            return tomllib.load(f)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def configs(directory, recursive):
    files = directory.rglob("*") if recursive else directory.glob("*")
    return sorted(p for p in files if p.is_file() and p.suffix in SUFFIXES)


def main():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    failures = []
    valid_ok = rejected = 0

    valid = [p for p in configs(EXAMPLES, recursive=True) if INVALID not in p.parents and NOT_CONFIGS not in p.parents]
    for path in valid:
        errors = sorted(validator.iter_errors(load_config(path)), key=lambda e: list(e.absolute_path))
        valid_ok += not errors
        for error in errors:
            where = "/".join(str(part) for part in error.absolute_path) or "(root)"
            failures.append(f"{path.relative_to(ROOT)}: {where}: {error.message}")

    invalid = configs(INVALID, recursive=False) if INVALID.is_dir() else []
    for path in invalid:
        try:
            tree = load_config(path)
        except Exception as error:  # a file that does not even parse proves nothing about the schema
            failures.append(f"{path.relative_to(ROOT)}: does not parse, so the schema is not what rejects it: {error}")
            continue
        if validator.is_valid(tree):
            failures.append(f"{path.relative_to(ROOT)}: accepted by the schema, but it is an invalid config")
        else:
            rejected += 1

    if not valid:
        failures.append(f"no example configs found in {EXAMPLES.relative_to(ROOT)}")
    if not invalid:
        failures.append(f"no invalid configs found in {INVALID.relative_to(ROOT)}")
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"schema: {valid_ok} examples valid, {rejected} invalid rejected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
