"""What zsh is handed when it completes `--place` in a logbook of 100,000 places, before and after the bound.

Issue 23 found zsh frozen for 55 s: every place was sent, and zsh's completion system works through each
candidate. This imports a logbook of --places cultural visits, each at a place of its own, then runs the
completion request zsh makes (`_LOGBOOK_COMPLETE=complete_zsh`) with this tree's code and, given --before,
another source tree's, printing each run's time and how many candidates and bytes zsh receives.

    python bench/completion.py --places 100000 --before /tmp/before-tree
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

INTERNSHIP = ["init", "--resident", "Dilnoza Karimova", "--specialty", "Pediatric surgery",
              "--host", "Abu Ali ibn Sina Bukhara State Medical Institute", "--home", "Home State Medical University",
              "--start", "2024-12-02", "--end", "2024-12-13"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="Also run the logbook package of this source tree.")
    opts = parser.parse_args()
    trees = {"after": Path(__file__).resolve().parents[1]}
    if opts.before:
        trees = {"before": opts.before.resolve(), **trees}
    with tempfile.TemporaryDirectory(prefix="logbook-completion-bench-") as scratch:
        scratch = Path(scratch)
        db = scratch / "logbook.json"
        env = {**os.environ, "LOGBOOK_DB": str(db), "PYTHONPATH": str(trees["after"])}
        logbook = [sys.executable, "-m", "logbook"]
        subprocess.run(logbook + INTERNSHIP, env=env, cwd=scratch, check=True, capture_output=True)
        document = json.loads(subprocess.run(logbook + ["export"], env=env, cwd=scratch, check=True,
                                             capture_output=True).stdout)
        stamp = "2024-12-07T10:00:00.000+00:00"
        document["entries"] = [{"id": f"{n:032x}", "kind": "cultural", "date": "2024-12-07", "created_at": stamp,
                                "updated_at": stamp, "place": f"Museum {n:06d}", "category": "museum", "note": None}
                               for n in range(1, opts.places + 1)]
        (scratch / "places.json").write_text(json.dumps(document))
        subprocess.run(logbook + ["import", str(scratch / "places.json")], env=env, cwd=scratch, check=True,
                       capture_output=True)
        print(f"A logbook of {opts.places} places ({db.stat().st_size / 2**20:.1f} MiB); "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"{'zsh completes --place':<24} {'tree':<7} {'median s':>9} {'candidates':>11} {'bytes to zsh':>13}")
        for typed in ("",):
            for name, tree in trees.items():
                request = {**env, "PYTHONPATH": str(tree), "_LOGBOOK_COMPLETE": "complete_zsh",
                           "_TYPER_COMPLETE_ARGS": f"logbook add cultural --category museum --place {typed}"}
                times, out = [], b""
                for _ in range(opts.runs):
                    started = time.perf_counter()
                    out = subprocess.run(logbook, env=request, cwd=scratch, capture_output=True).stdout
                    times.append(time.perf_counter() - started)
                times.sort()
                print(f"{repr(typed):<24} {name:<7} {times[len(times) // 2]:>9.2f} {out.count(b'Museum'):>11} "
                      f"{len(out):>13}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
