"""Peak memory of `import` and `cohort` on a JSON Lines export of one line followed by a sea of newlines.

Issue 23 found a 250 MiB `.jsonl` of one entry line plus newlines taking 2.3 GB: the whole buffer was split
into a list of 250 million empty lines. This writes such a file (one valid entry line, then newlines up to
--mib), runs whole `logbook import` and `logbook cohort` processes on it, and prints each one's peak RSS
(the kernel's rusage on exit) and the peak of the whole process tree (the cohort's workers included).

    python bench/memory.py                         # 250 MiB, this tree
    python bench/memory.py --tree /tmp/before      # the same with the code of another checkout, for a before/after
    python bench/memory.py --mib 64 --copies 4     # cohort over 4 such files (workers read them)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from cohort import measure  # bench/cohort.py: wall time, the process's max RSS and the sampled tree peak

INTERNSHIP = ["init", "--resident", "Dilnoza Karimova", "--specialty", "Pediatric surgery",
              "--host", "Abu Ali ibn Sina Bukhara State Medical Institute", "--home", "Home State Medical University",
              "--start", "2024-12-02", "--end", "2024-12-13"]


def one_line_and_newlines(scratch: Path, mib: int, env: dict) -> Path:
    """A real one-entry JSON Lines export, then newlines until the file is `mib` MiB."""
    source = scratch / "source.json"
    logbook = [sys.executable, "-m", "logbook", "--db", str(source)]
    for args in (INTERNSHIP, ["add", "procedure", "Pyloromyotomy", "-d", "2024-12-05", "-r", "assisted"]):
        subprocess.run(logbook + args, env=env, check=True, capture_output=True)
    line = subprocess.run(logbook + ["export", "--format", "jsonl"], env=env, check=True, capture_output=True).stdout
    path = scratch / "one-line.jsonl"
    with path.open("wb") as out:
        out.write(line)
        left = mib * 2**20 - len(line)
        block = b"\n" * 2**20
        while left > 0:
            out.write(block[:left])
            left -= len(block)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mib", type=int, default=250, help="Size of the file (at most 256: the input limit).")
    parser.add_argument("--copies", type=int, default=2, help="How many such files the cohort reads.")
    parser.add_argument("--tree", type=Path, help="Run the logbook package found in this source tree instead.")
    opts = parser.parse_args()
    env = dict(os.environ)
    if opts.tree:
        env["PYTHONPATH"] = str(opts.tree.resolve())
    with tempfile.TemporaryDirectory(prefix="logbook-memory-bench-") as scratch:
        scratch = Path(scratch)
        os.chdir(scratch)  # `python -m logbook` puts the working folder first on sys.path: not a checkout's logbook/
        env["LOGBOOK_DB"] = str(scratch / "never-opened.json")
        path = one_line_and_newlines(scratch, opts.mib, env)
        folder = scratch / "exports"
        folder.mkdir()
        first = folder / "copy-0.jsonl"
        os.replace(path, first)
        for n in range(1, opts.copies):
            os.link(first, folder / f"copy-{n}.jsonl")
        print(f"code: {opts.tree or 'this tree'}; file: {first.stat().st_size / 2**20:.0f} MiB, 1 entry line; "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"{'command':<32} {'s':>7} {'max RSS MiB':>12} {'tree MiB':>9}")
        runs = {
            "import (new logbook)": ["import", str(first)],
            "cohort (1 file)": ["cohort", str(first), "--format", "json"],
            f"cohort ({opts.copies} files, workers)": ["cohort", str(folder), "--format", "json"],
        }
        for name, args in runs.items():
            db = scratch / f"{name.split()[0]}.json"
            seconds, rss, tree, code, _ = measure([sys.executable, "-m", "logbook", "--db", str(db), *args], env)
            if code:
                print(f"{name}: exit {code}")
                return 1
            print(f"{name:<32} {seconds:>7.2f} {rss / 2**20:>12.0f} {tree / 2**20:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
