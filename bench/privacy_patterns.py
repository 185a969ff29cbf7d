"""Mutation testing of domain/privacy.py's patterns, which mutmut does not change (they are module constants).

Each mutant deletes one alternative of one pattern: a label word ("born", "СНИЛС", "mob") or a shape
("\\b\\d{14}\\b"), then runs tests/test_privacy.py against it with -x. A mutant the tests do not notice is a
word the logbook could lose unnoticed. The patterns are read from the module as it is, so the bench
follows whatever words the module holds:

    python bench/privacy_patterns.py            # every alternative; prints the survivors
    python bench/privacy_patterns.py --list     # only list the mutants
    python bench/privacy_patterns.py --json out.json
    python bench/privacy_patterns.py --again out.json     # only the survivors of that run, after new tests

Left out: alternatives inside a look-around (the capitalised words that are not a name after "Patient"),
the month names, and endings after a stem ("больн(?:ой|ая|ого)", the surname endings "ov|ova|…"): deleting one
of those widens or narrows a name or a date by one form; tests/test_privacy.py names the forms it pins. Runs under `nice -n 15`, one pytest at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/test_privacy.py"]
GROUP = re.compile(r"\(\?([aiLmsux-]*:|=|!|<=|<!|P<\w+>)")
PLUGIN = "privacy_pattern_mutant"  # bench/privacy_pattern_mutant.py, loaded into each pytest run


def branches(pattern: str) -> list[tuple[int, int, bool]]:
    """(start, end, in a look-around) of each alternative in every group of more than one alternative."""
    found: list[tuple[int, int, bool]] = []
    stack: list[dict] = [{"starts": [0], "ends": [], "look": False, "ending": False}]
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1
        elif ch == "(":
            prefix = GROUP.match(pattern, i)
            skip = len(prefix[0]) if prefix else 1  # the alternatives start after "(?:", "(?i:", "(?<!" …
            look = bool(prefix) and prefix[1] in ("=", "!", "<=", "<!")
            # A group right after letters is an ending ("больн(?:ой|ая)", "родил(?:ся|ась)"): its word is the stem's.
            ending = i > 0 and (pattern[i - 1].isalpha() or pattern[i - 1] == "}")
            stack.append({"starts": [i + skip], "ends": [], "look": look or stack[-1]["look"], "ending": ending})
            i += skip
            continue
        elif ch == "|":
            stack[-1]["ends"].append(i)
            stack[-1]["starts"].append(i + 1)
        elif ch == ")":
            _close(stack.pop(), i, found)
        i += 1
    _close(stack.pop(), len(pattern), found)
    return found


def _close(group: dict, end: int, found: list) -> None:
    ends = group["ends"] + [end]
    if len(ends) > 1:
        found.extend((s, e, group["look"] or group["ending"]) for s, e in zip(group["starts"], ends))


def mutants() -> list[dict]:
    """One mutant per alternative: which pattern, what it looks for, the alternative and the pattern without it."""
    sys.path.insert(0, str(ROOT))
    from logbook.domain import privacy

    out = []
    for index, (label, lazy) in enumerate(privacy.PATTERNS):
        source = lazy.pattern
        for start, end, look in branches(source):
            alternative = source[start:end]
            if look or not alternative or _is_month(alternative):
                continue
            # Delete the alternative with the "|" before it (or after it, for the first one).
            cut = (start - 1, end) if source[start - 1] == "|" else (start, end + 1)
            out.append({"index": index, "label": label, "alternative": alternative,
                        "pattern": source[:cut[0]] + source[cut[1]:]})
    return out


def _is_month(alternative: str) -> bool:
    months = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "янв", "фев",
              "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек", "yanvar", "fevral", "mart", "aprel",
              "iyun", "iyul", "avgust", "sentabr", "oktabr", "noyabr", "dekabr")
    return alternative in months


def killed(mutant: dict) -> tuple[bool, float]:
    env = {**os.environ, "LOGBOOK_PATTERN_MUTANT": json.dumps({"index": mutant["index"], "pattern": mutant["pattern"]}),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), os.environ.get("PYTHONPATH", "")]),
           "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.monotonic()
    result = subprocess.run(["nice", "-n", "15", sys.executable, "-m", "pytest", "-x", "-q", "-n", "0", "-p", PLUGIN,
                             "-p", "no:cacheprovider", *TESTS], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"pytest could not run a mutant ({result.returncode}):\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result.returncode == 1, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--json", type=Path, help="also write each mutant and whether it was killed to this file")
    parser.add_argument("--again", type=Path, help="run only the survivors in this earlier --json file (after new tests)")
    args = parser.parse_args()
    found = mutants()
    if args.again:
        alive = {(m["index"], m["pattern"]) for m in json.loads(args.again.read_text(encoding="utf-8")) if not m["killed"]}
        found = [m for m in found if (m["index"], m["pattern"]) in alive]
    if args.list:
        for m in found:
            print(f"{m['index']:2} {m['label']}: {m['alternative']}")
        print(f"{len(found)} mutants")
        return
    started = time.monotonic()
    survivors = []
    for m in found:
        m["killed"], m["seconds"] = killed(m)
        if not m["killed"]:
            survivors.append(m)
            print(f"survived: pattern {m['index']} ({m['label']}) without {m['alternative']!r}", flush=True)
    total = len(found)
    print(f"domain/privacy.py patterns: {total - len(survivors)} of {total} mutants killed "
          f"({100 * (total - len(survivors)) / total:.1f}%) in {time.monotonic() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(found, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
