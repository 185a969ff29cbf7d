"""`logbook add` side by side with its peers, in one run: Watson 2.1's `add`, the import floor, at 10k and 100k.

    python bench/add.py              # 7 rounds
    python bench/add.py --rounds 3 --no-100k

Budgets (issue 10): `add` to a 10,000-entry five-year logbook ≤ 0.5× Watson's `add` on 10,000
frames; `add` to the demo logbook ≤ 2× `python -c "import typer, rich, tinydb"`; `add` at 100,000
entries works (its time goes in docs/benchmark.md). Each round runs every command once, in the same
order, each on a fresh untimed copy of its data; a ratio is the median of the per-round ratios, so
the machine's load moves both sides of it alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peers import watson_add_args, watson_command, watson_data, watson_env  # noqa: E402
from run import TODAY, export_file, logbook_command, machine, residency_entries, run_once  # noqa: E402

ADD = ["add", "procedure", "Laparoscopic appendectomy", "--role", "assisted", "--site", "Home University Hospital",
       "--date", "2025-08-28"]
DEMO_ADD = ["add", "procedure", "Caudal block", "--role", "assisted", "--site", "Bukhara Regional Children's Hospital",
            "--date", "2024-12-12"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--no-100k", action="store_true", help="leave out the 100,000-entry logbook")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("LOGBOOK_DB", "PYTHONDONTWRITEBYTECODE")}
    env["LOGBOOK_TODAY"] = TODAY
    logbook = logbook_command()
    watson = watson_command()
    info = machine()
    print(f"{info['date']}; {info['machine']}; {info['python']}; {info['load']}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="logbook-bench-add-") as folder:
        work = Path(folder)
        env["HOME"] = str(work / "home")
        bases: dict[str, Path] = {}
        sizes = [10_000] if args.no_100k else [10_000, 100_000]
        for size in sizes:
            exported = work / f"export-{size}.json"
            exported.write_bytes(export_file(residency_entries(size)))
            bases[f"{size:,}"] = work / f"base-{size}.json"
            run_once([*logbook, "--db", str(bases[f"{size:,}"]), "import", str(exported)], env)
        demo_env = {**env, "LOGBOOK_TODAY": "2024-12-13"}
        bases["demo"] = work / "base-demo.json"
        run_once([*logbook, "demo", "--keep", str(bases["demo"])], demo_env)
        frames = watson_data(work / "watson-base", 10_000)

        scratch = work / "scratch.json"
        watson_dir = work / "watson"

        def logbook_add(base: Path, argv: list[str], environment: dict):
            def timed() -> tuple[float, float]:
                shutil.copyfile(base, scratch)
                for leftover in (Path(f"{scratch}.bak"),):
                    leftover.unlink(missing_ok=True)
                wall, _, cpu = run_once([*logbook, "--db", str(scratch), *argv], environment)
                return wall, cpu
            return timed

        def watson_add() -> tuple[float, float]:
            shutil.rmtree(watson_dir, ignore_errors=True)
            shutil.copytree(frames, watson_dir)
            wall, _, cpu = run_once([*watson, *watson_add_args()], watson_env(watson_dir))
            return wall, cpu

        def floor() -> tuple[float, float]:
            wall, _, cpu = run_once([sys.executable, "-c", "import typer, rich, tinydb"], env)
            return wall, cpu

        cases = {"floor: import typer, rich, tinydb": floor, "watson add, 10,000 frames": watson_add,
                 "logbook add, demo logbook": logbook_add(bases["demo"], DEMO_ADD, demo_env)}
        cases |= {f"logbook add, {size:,} entries": logbook_add(bases[f"{size:,}"], ADD, env) for size in sizes}
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for case in cases.values():
            case()  # warm-up: page cache, bytecode
        for round_ in range(args.rounds):
            for name, case in cases.items():
                times[name].append(case())
            print(f"  round {round_ + 1}/{args.rounds}", file=sys.stderr)

    def ratio(a: str, b: str, cpu: bool = False) -> float:
        return statistics.median(x[cpu] / y[cpu] for x, y in zip(times[a], times[b]))

    print(f"\n{'command':34} {'median s':>9} {'min-max s':>13}")
    for name, runs in times.items():
        walls = [w for w, _ in runs]
        print(f"{name:34} {statistics.median(walls):9.3f} {min(walls):6.3f}-{max(walls):.3f}")
    floor_name, watson_name = "floor: import typer, rich, tinydb", "watson add, 10,000 frames"
    print()
    print(f"add at 10,000 / watson add at 10,000:  {ratio('logbook add, 10,000 entries', watson_name):.2f}x wall, "
          f"{ratio('logbook add, 10,000 entries', watson_name, True):.2f}x CPU  (budget <= 0.5x)")
    print(f"add to the demo logbook / floor:       {ratio('logbook add, demo logbook', floor_name):.2f}x wall, "
          f"{ratio('logbook add, demo logbook', floor_name, True):.2f}x CPU  (budget <= 2x)")
    print(f"watson add at 10,000 / floor:          {ratio(watson_name, floor_name):.2f}x wall")
    if not args.no_100k:
        print(f"add at 100,000:                        {statistics.median(w for w, _ in times['logbook add, 100,000 entries']):.3f} s median")
    print(f"\n{info['load']} -> " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f"; {args.rounds} rounds")


if __name__ == "__main__":
    main()
