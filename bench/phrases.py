"""`add procedure` with a phrase ("Emergency LSCS for fetal distress") beside a bare synonym and the import floor, in one run.

    python bench/phrases.py              # 15 rounds
    python bench/phrases.py --rounds 5

Each round runs, in fresh processes and in the same order, on a fresh copy of the same internship-scale
logbook (the demo's twelve days, ~60 entries): the import floor (`python -c "import typer, rich, tinydb"`),
`add procedure LSCS` (a synonym: one look-up), `add procedure "Emergency LSCS for fetal distress"` (a phrase:
the catalogue searched inside it) and `add procedure "Awake craniotomy mapping"` (no procedure inside: the
phrase search, then the slip check against every name). A ratio is the median of the per-round ratios to the floor.
The budget (issue 22): a phrase keeps `add procedure` within 2x the import floor.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalogue import timed as timed_from_home  # noqa: E402
from run import machine  # noqa: E402

FLOOR = [sys.executable, "-c", "import typer, rich, tinydb"]
CASES = {
    "synonym": "LSCS",
    "phrase": "Emergency LSCS for fetal distress",
    "no procedure in it": "Awake craniotomy mapping",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    info = machine()
    print(f"{info['date']}; {info['machine']}; {info['python']}; {info['load']}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="logbook-bench-phrases-") as folder:
        work = Path(folder)
        env = {k: v for k, v in os.environ.items() if k not in ("LOGBOOK_DB", "PYTHONPATH")}
        env.update(HOME=str(work), LOGBOOK_TODAY="2024-12-10", XDG_CONFIG_HOME=str(work / "config"))
        logged = work / "demo.json"
        # The demo's own logbook: a real twelve-day internship, written through the CLI.
        subprocess.run([sys.executable, "-m", "logbook", "demo", "--keep", str(logged)], env=env, check=True,
                       capture_output=True, cwd=work)
        times: dict[str, list[float]] = {"floor": [], **{case: [] for case in CASES}}
        timed_from_home(FLOOR, env)  # warm the bytecode caches, untimed
        for _ in range(args.rounds):
            times["floor"].append(timed_from_home(FLOOR, env))
            for case, name in CASES.items():
                db = work / "round.json"
                shutil.copyfile(logged, db)
                argv = [sys.executable, "-m", "logbook", "--db", str(db), "add", "procedure", name, "-r", "observed",
                        "-d", "2024-12-10", "--again", "--allow-identifiers"]
                times[case].append(timed_from_home(argv, env))
    floor = times["floor"]
    print(f"import floor {statistics.median(floor) * 1000:6.1f} ms")
    for case in CASES:
        ratio = statistics.median(t / f for t, f in zip(times[case], floor))
        print(f"add procedure ({case:18}) {statistics.median(times[case]) * 1000:6.1f} ms  {ratio:.2f}x the floor")


if __name__ == "__main__":
    main()
