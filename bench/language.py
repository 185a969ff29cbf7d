"""What the report's languages cost: the demo's summary in en, ru and uz, and English before the language work.

    python bench/language.py                       # 15 paired runs
    python bench/language.py --before /tmp/old     # also English from another source tree (e.g. a `git worktree`
                                                   # of main before the language work), side by side

Every command is a whole `python -m logbook` process on the demo logbook, each run paired with a run of the
floor (`python -c "import typer, rich, tinydb"`) just before it; × floor is the median of those paired ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import run_once  # noqa: E402 — one way of timing a process for every bench

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--before", type=Path, help="another source tree whose English summary to time beside this one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="logbook-bench-lang-") as work:
        book = Path(work) / "demo.json"
        env = {**os.environ, "LOGBOOK_DB": str(book), "LOGBOOK_TODAY": "2024-12-14", "XDG_CONFIG_HOME": work,
               "COLUMNS": "80", "PYTHONPATH": str(ROOT)}
        # An installed logbook starts from its cached bytecode: with PYTHONDONTWRITEBYTECODE set (as on this machine)
        # every run would compile every module again, and that would be timed as start-up.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "logbook", "demo", "--keep", str(book), "--format", "json"], env=env,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cases: dict[str, tuple[list[str], dict]] = {}
        if args.before:
            cases["summary, en (before)"] = ([sys.executable, "-m", "logbook", "summary"], {**env, "PYTHONPATH": str(args.before)})
        for code in ("en", "ru", "uz"):
            cases[f"summary, {code}"] = ([sys.executable, "-m", "logbook", "summary", "--lang", code], env)
        for code in ("en", "ru"):
            cases[f"summary --format html, {code}"] = ([sys.executable, "-m", "logbook", "summary", "-f", "html", "--lang", code], env)
        floor = [sys.executable, "-c", "import typer, rich, tinydb"]
        times: dict[str, list[float]] = {name: [] for name in cases}
        ratios: dict[str, list[float]] = {name: [] for name in cases}
        floors: list[float] = []
        for name, (argv, case_env) in cases.items():  # one untimed warm-up each
            run_once(argv, case_env)
        for _ in range(args.runs):
            for name, (argv, case_env) in cases.items():
                floor_time = run_once(floor, env)[0]
                elapsed = run_once(argv, case_env)[0]
                floors.append(floor_time)
                times[name].append(elapsed)
                ratios[name].append(elapsed / floor_time)
    print(f"floor (import typer, rich, tinydb): median {statistics.median(floors) * 1000:.0f} ms; {args.runs} paired runs\n")
    print(f"{'command':32} {'median ms':>10} {'× floor':>8}")
    for name in cases:
        print(f"{name:32} {statistics.median(times[name]) * 1000:10.0f} {statistics.median(ratios[name]):8.2f}")
    print("\nIn one process (no start-up): the demo's report rendered, best of 20, and the first use of a language")
    print(subprocess.run([sys.executable, "-c", IN_PROCESS], capture_output=True, text=True, env=env, check=True).stdout)


# The demo's summary rendered in each language in one process, so start-up noise does not hide the cost of the words.
IN_PROCESS = """
import time, tempfile
from pathlib import Path
from logbook.render import language
from logbook.render.files.html_page import render_html
from logbook.render.terminal.report import report_text
from logbook.services.report import demo_summary

s = demo_summary(Path(tempfile.mkdtemp()) / "demo.json")
for code in ("en", "ru", "uz"):
    start = time.perf_counter()
    language.use(code)
    language.long_date("2024-12-02"), language.number(6.5)
    first = time.perf_counter() - start
    line = f"{code}: first use {first * 1000:6.1f} ms"
    for name, render in (("text", report_text), ("html", render_html)):
        best = min(_timed(render, s) for _ in range(20))
        line += f"   {name} {best * 1000:6.1f} ms"
    print(line)
"""
IN_PROCESS = IN_PROCESS.replace("for code", "def _timed(render, s):\n    start = time.perf_counter()\n    render(s)\n"
                                "    return time.perf_counter() - start\n\nfor code", 1)


if __name__ == "__main__":
    main()
