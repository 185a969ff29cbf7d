"""The procedure catalogue read from its shipped index beside the same read from the TOML, in one run.

    python bench/catalogue.py              # 15 rounds
    python bench/catalogue.py --rounds 5

Each round runs, in fresh processes and in the same order: `logbook add procedure LSCS` on the package as
shipped (the catalogue from procedures.index.json) and on a copy of the package without the index (the
TOML parsed, as before the index existed), each on a fresh copy of the same one-entry logbook; then the
catalogue load alone both ways (timed inside the process: reading, parsing and indexing the names). A ratio is the median of the per-round ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import machine  # noqa: E402

import logbook  # noqa: E402

ADD = ["add", "procedure", "LSCS", "--role", "A", "--date", "2024-12-04", "--again"]
# The load's own time, measured inside the process: whole-process times on a shared machine drown it.
LOAD = ("import time; import logbook.domain.catalogue as c; start = time.perf_counter(); c.catalogue().canonical('LSCS'); "
        "print(time.perf_counter() - start)")


def timed(argv: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, cwd=env["HOME"])
    return time.perf_counter() - start


def loaded(env: dict) -> float:
    """Seconds to load the catalogue (its module imported already), in a fresh process, as it reports them."""
    # Run from HOME: from the source tree, `-c` would import ./logbook whatever PYTHONPATH says.
    return float(subprocess.run([sys.executable, "-c", LOAD], env=env, check=True, capture_output=True, text=True,
                                cwd=env["HOME"]).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    info = machine()
    print(f"{info['date']}; {info['machine']}; {info['python']}; {info['load']}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="logbook-bench-catalogue-") as folder:
        work = Path(folder)
        without = work / "without-index"
        shutil.copytree(Path(logbook.__file__).parent, without / "logbook",
                        ignore=shutil.ignore_patterns("__pycache__"))
        (without / "logbook" / "domain" / "procedures.index.json").unlink()
        base = {k: v for k, v in os.environ.items() if k not in ("LOGBOOK_DB", "PYTHONPATH")}
        base.update(HOME=str(work / "home"), LOGBOOK_TODAY="2024-12-05")
        (work / "home").mkdir()
        shipped_env, toml_env = base, {**base, "PYTHONPATH": str(without)}
        empty = work / "empty.json"
        subprocess.run([sys.executable, "-m", "logbook", "--db", str(empty), "init", "--resident", "R", "--specialty",
                        "Obstetrics and gynecology", "--host", "H", "--start", "2024-12-02", "--end", "2024-12-13"],
                       env=base, check=True, capture_output=True, cwd=work)
        for env in (shipped_env, toml_env):  # warm the bytecode caches of both trees, untimed
            loaded(env)
        times: dict[str, list[float]] = {"add (index)": [], "add (toml)": [], "load (index)": [], "load (toml)": []}
        for _ in range(args.rounds):
            for label, env in (("index", shipped_env), ("toml", toml_env)):
                db = work / f"{label}.json"
                shutil.copyfile(empty, db)
                times[f"add ({label})"].append(timed([sys.executable, "-m", "logbook", "--db", str(db), *ADD], env))
            for label, env in (("index", shipped_env), ("toml", toml_env)):
                times[f"load ({label})"].append(loaded(env))
        floor = [timed([sys.executable, "-c", "pass"], base) for _ in range(args.rounds)]
    python = statistics.median(floor)
    for what in ("add", "load"):
        index, toml = times[f"{what} (index)"], times[f"{what} (toml)"]
        ratio = statistics.median(i / t for i, t in zip(index, toml))
        print(f"{what:5} index {statistics.median(index) * 1000:6.1f} ms  toml {statistics.median(toml) * 1000:6.1f} ms"
              f"  index/toml {ratio:.2f}  (python alone {python * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
