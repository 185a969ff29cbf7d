"""The screens side by side with their budgets, in one run: `summary` and `list`, drawn by Rich.

    python bench/screens.py              # 7 rounds
    python bench/screens.py --rounds 3

Budgets (issue 11): the demo's `summary` ≤ 2× `python -c "import typer, tinydb, rich.console, rich.table"`;
`summary` and `list` on a 10,000-entry residency each ≤ 1.0× Watson 2.1's `report -a` on 10,000 frames
(bench/peers.py). Output goes to a pipe at 80 columns, as a script would see it: Rich still lays out every
table (no pager, no colour). Each round runs every command once, in the same order; a ratio is the median
of the per-round ratios, so the machine's load moves both sides of it alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peers import watson_command, watson_data, watson_env  # noqa: E402
from run import TODAY, export_file, logbook_command, machine, residency_entries, run_once  # noqa: E402

FLOOR = "floor: import typer, tinydb, rich.console, rich.table"
WATSON = "watson report -a, 10,000 frames"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("LOGBOOK_DB", "PYTHONDONTWRITEBYTECODE", "PAGER")}
    env.update(LOGBOOK_TODAY=TODAY, COLUMNS="80")
    logbook, watson, info = logbook_command(), watson_command(), machine()
    print(f"{info['date']}; {info['machine']}; {info['python']}; {info['load']}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="logbook-bench-screens-") as folder:
        work = Path(folder)
        env["HOME"] = str(work / "home")
        exported = work / "export-10000.json"
        exported.write_bytes(export_file(residency_entries(10_000)))
        residency = work / "residency.json"
        run_once([*logbook, "--db", str(residency), "import", str(exported)], env)
        demo_env = {**env, "LOGBOOK_TODAY": "2024-12-13"}
        demo = work / "demo.json"
        run_once([*logbook, "demo", "--keep", str(demo)], demo_env)
        frames = watson_data(work / "watson", 10_000)

        cases = {
            FLOOR: ([sys.executable, "-c", "import typer, tinydb, rich.console, rich.table"], env),
            "logbook summary, demo": ([*logbook, "--db", str(demo), "summary"], demo_env),
            WATSON: ([*watson, "report", "-a"], watson_env(frames)),
            "logbook summary, 10,000 entries": ([*logbook, "--db", str(residency), "summary"], env),
            "logbook list, 10,000 entries": ([*logbook, "--db", str(residency), "list"], env),
        }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for argv, environment in cases.values():
            run_once(argv, environment)  # warm-up: page cache, bytecode
        for round_ in range(args.rounds):
            for name, (argv, environment) in cases.items():
                wall, _, cpu = run_once(argv, environment)
                times[name].append((wall, cpu))
            print(f"  round {round_ + 1}/{args.rounds}", file=sys.stderr)

    def ratio(a: str, b: str, cpu: bool = False) -> float:
        return statistics.median(x[cpu] / y[cpu] for x, y in zip(times[a], times[b]))

    print(f"\n{'command':56} {'median s':>9} {'min-max s':>13}")
    for name, runs in times.items():
        walls = [w for w, _ in runs]
        print(f"{name:56} {statistics.median(walls):9.3f} {min(walls):6.3f}-{max(walls):.3f}")
    print()
    for name, other, budget in (("logbook summary, demo", FLOOR, 2.0), ("logbook summary, 10,000 entries", WATSON, 1.0),
                                ("logbook list, 10,000 entries", WATSON, 1.0)):
        wall, cpu = ratio(name, other), ratio(name, other, True)
        verdict = "holds" if wall <= budget else "MISSED"
        print(f"{name} / {other.split(',')[0]}: {wall:.2f}x wall, {cpu:.2f}x CPU  (budget <= {budget:g}x: {verdict})")
    print(f"\n{info['load']} -> " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f"; {args.rounds} rounds")


if __name__ == "__main__":
    main()
