#!/usr/bin/env python3
"""Check scorer results against floors (standard library only).

    python3 .ci/floors.py FLOORS OUT

FLOORS lines: `NAME DOTTED.KEY MIN` (NAME.score.json in OUT, a key path into
its JSON, the least value accepted); `#` starts a comment. Exits 1 listing
every figure under its floor.
"""
import json
import sys


def lookup(obj, path):
    """Follow a dotted path; a key may itself hold dots ("dateline.place")."""
    parts = path.split(".")
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            key = ".".join(parts[i:j])
            if isinstance(obj, dict) and key in obj:
                obj, i = obj[key], j
                break
        else:
            raise KeyError(f"{path}: no key at {'.'.join(parts[i:])!r}")
    return obj


def main(floors_path, out_dir):
    failures, checked = [], 0
    for n, raw in enumerate(open(floors_path, encoding="utf-8"), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, key, floor = line.split()
        with open(f"{out_dir}/{name}.score.json", encoding="utf-8") as f:
            result = json.load(f)
        value = lookup(result, key)
        value = 0.0 if value is None else float(value)
        checked += 1
        status = "ok " if value >= float(floor) else "LOW"
        print(f"{status} {name:<16} {key:<36} {value:8.4f} (floor {float(floor):.4f})")
        if value < float(floor):
            failures.append(f"{floors_path}:{n}: {name} {key} = {value:.4f} < {floor}")
    for f in failures:
        print(f"floor missed: {f}", file=sys.stderr)
    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
