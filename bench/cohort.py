"""Benchmark of `logbook cohort`: 200 residents' exports of 2,000 entries each (400,000 entries).

Generates valid version-1 exports (five specialties, four clinical bases, a cultural programme), then runs
whole `logbook cohort` processes and prints wall time and peak memory. Target: under 15 s and 1 GiB.

    python bench/cohort.py                      # 200 exports x 2,000 entries, in a temporary folder
    python bench/cohort.py --exports 20 --keep /tmp/cohort-exports
    python bench/cohort.py --keep /tmp/cohort-exports --reuse   # measure again, same files
    python bench/cohort.py --exports 10000 --entries 5 --distinct --before /tmp/before-tree --runs 1
        # 10,000 small exports, each of its own specialty, site, procedure and place, timed beside the code of
        # another source tree (e.g. `git archive <commit> | tar -x -C /tmp/before-tree`) in text, json, html and pdf

Peak memory is reported twice: the largest single process (exact, from the kernel's rusage on exit) and
the whole process tree (the main process plus its reading workers), summed and sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import orjson

HOST = "Abu Ali ibn Sina Bukhara State Medical Institute"
START, END = date(2024, 9, 2), date(2025, 8, 29)
SITES = ["Bukhara Regional Perinatal Center", "Bukhara Regional Children's Hospital",
         "Bukhara Emergency Medical Care Hospital", "University Clinic of the Medical Institute"]
SPECIALTIES = {
    "Anesthesiology and resuscitation": ["Endotracheal intubation", "Spinal anaesthesia", "Epidural analgesia",
                                         "Central venous catheterisation", "Arterial line placement", "Caudal block"],
    "Pediatric surgery": ["Laparoscopic appendectomy", "Inguinal herniotomy", "Pyloromyotomy", "Orchidopexy",
                          "Circumcision", "Intussusception reduction"],
    "General surgery": ["Laparoscopic cholecystectomy", "Open appendectomy", "Hernia repair", "Wound debridement",
                        "Thyroidectomy", "Bowel resection"],
    "Obstetrics and gynecology": ["Caesarean section", "Vaginal delivery", "Perineal repair", "Hysterectomy",
                                  "Dilatation and curettage", "Ovarian cystectomy"],
    "Ophthalmology": ["Phacoemulsification", "Intravitreal injection", "Trabeculectomy", "Chalazion excision",
                      "Strabismus surgery", "Slit-lamp examination"],
}
PLACES = [("Ark of Bukhara", "landmark"), ("Poi Kalyan", "mosque"), ("Mir-i-Arab Madrasa", "madrasa"),
          ("Samanid Mausoleum", "landmark"), ("Chor Minor", "madrasa"), ("Lyabi-Hauz ensemble", "landmark"),
          ("Toqi Zargaron trading dome", "bazaar"), ("Sitorai Mohi Xosa palace", "museum")]
ROLES = ["observed", "assisted", "supervised", "independent", "teaching"]
LEVELS = [{"role": r, "meaning": "", "elogbook": "", "acgme": ""} for r in ROLES]


def generate(folder: Path, exports: int, entries: int, seed: int = 6, distinct: bool = False) -> int:
    """Write `exports` residents' exports of `entries` entries each; returns the bytes written.

    `distinct`: each resident with a specialty, site, procedure and place of their own (the most rows a group has).
    """
    rng = random.Random(seed)
    days = (END - START).days + 1
    written = 0
    for n in range(exports):
        specialty = list(SPECIALTIES)[n % len(SPECIALTIES)]
        items = []
        for _ in range(entries):
            day = (START + timedelta(days=rng.randrange(days))).isoformat()
            stamp = f"{day}T{rng.randrange(8, 20):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}.000+00:00"
            entry = {"id": uuid.UUID(int=rng.getrandbits(128)).hex, "kind": "", "date": day,
                     "created_at": stamp, "updated_at": stamp}
            pick = rng.random()
            if pick < 0.35:
                entry.update(kind="clinical", site=rng.choice(SITES), department="Theatre", hours=float(rng.randint(2, 8)),
                             activity="Ward round and theatre", role=rng.choice(ROLES[:3]), supervisor="Dr. B. Jurayev", note=None)
            elif pick < 0.9:
                entry.update(kind="procedure", procedure=rng.choice(SPECIALTIES[specialty]), role=rng.choice(ROLES),
                             count=rng.randint(1, 3), site=rng.choice(SITES), supervisor="Dr. N. Ismoilova", note=None)
            else:
                place, category = rng.choice(PLACES)
                entry.update(kind="cultural", place=place, category=category, note="Guided tour")
            if distinct:
                for field in ("site", "procedure", "place"):
                    if field in entry:
                        entry[field] = f"{entry[field]} {n + 1}"
            items.append(entry)
        items.sort(key=lambda e: (e["date"], e["created_at"], e["id"]))
        document = {
            "format": "internship-logbook", "schema_version": 1, "exported_at": "2025-08-29T18:00:00.000+00:00",
            "internship": {"resident": f"Resident {n + 1:03d}", "specialty": f"{specialty} {n + 1}" if distinct else specialty,
                           "home_institution": "Home State Medical University", "host_institution": HOST,
                           "start": START.isoformat(), "end": END.isoformat()},
            "involvement_levels": LEVELS,
            "entries": items,
        }
        data = orjson.dumps(document, option=orjson.OPT_INDENT_2)
        (folder / f"resident-{n + 1:03d}.json").write_bytes(data)
        written += len(data)
    return written


def _tree_memory(root: int) -> int:
    """Resident memory of a process and its descendants now, in bytes (PSS where the kernel offers it)."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        total += _memory_of(pid)
    return total


def _memory_of(pid: int) -> int:
    for path, key in ((f"/proc/{pid}/smaps_rollup", b"Pss:"), (f"/proc/{pid}/status", b"VmRSS:")):
        try:
            with open(path, "rb") as f:
                for line in f:
                    if line.startswith(key):
                        return int(line.split()[1]) * 1024
        except OSError:
            continue
    return 0


def measure(args: list[str], env: dict, cwd: Path | None = None) -> tuple[float, int, int, int, float]:
    """(seconds, largest single process RSS, peak of the whole tree, exit code, CPU seconds of the tree) of one run.

    Run from `cwd` when given: `python -m logbook` puts its working folder first on sys.path.
    """
    started = time.perf_counter()
    child = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_memory(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.stderr.write(child.stderr.read().decode())
    return seconds, usage.ru_maxrss * 1024, peak[0], child.returncode, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exports", type=int, default=200)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Write the exports to this folder and keep them.")
    parser.add_argument("--reuse", action="store_true", help="With --keep: measure the exports already in that folder.")
    parser.add_argument("--distinct", action="store_true", help="Each resident of their own specialty, site, procedure, place.")
    parser.add_argument("--before", type=Path, help="Also time the logbook package of this source tree, side by side.")
    opts = parser.parse_args()
    if opts.reuse and not opts.keep:
        parser.error("--reuse needs --keep FOLDER")
    if opts.before:
        return side_by_side(opts)

    with tempfile.TemporaryDirectory(prefix="logbook-cohort-bench-") as scratch:
        folder = opts.keep or Path(scratch) / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        if opts.reuse:
            size = sum(p.stat().st_size for p in folder.glob("*.json"))
            print(f"Reusing the exports in {folder} ({size / 2**20:.0f} MiB)")
        else:
            size = generate(folder, opts.exports, opts.entries)
            print(f"Generated {opts.exports} exports x {opts.entries} entries ({size / 2**20:.0f} MiB) "
                  f"in {time.perf_counter() - t:.1f} s, in {folder}")
        env = {**os.environ, "LOGBOOK_DB": str(Path(scratch) / "never-opened.json")}
        report = Path(scratch) / "cohort.json"
        print(f"Load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (the machine's other work slows wall time)")
        print(f"{'logbook cohort':<28} {'median s':>9} {'min-max s':>12} {'CPU s':>6} {'max RSS MiB':>12} {'tree MiB':>9}")
        worst_time = worst_memory = 0.0
        for fmt in ("json", "html", "terminal"):
            args = [sys.executable, "-m", "logbook", "cohort", str(folder)]
            args += [] if fmt == "terminal" else ["--format", fmt, "--output", str(report.with_suffix("." + fmt))]
            runs = [measure(args, env) for _ in range(opts.runs)]
            if any(r[3] for r in runs):
                print(f"{fmt}: logbook cohort failed")
                return 1
            times = sorted(r[0] for r in runs)
            rss, tree = max(r[1] for r in runs) / 2**20, max(r[2] for r in runs) / 2**20
            cpu = sorted(r[4] for r in runs)[len(runs) // 2]
            worst_time, worst_memory = max(worst_time, times[len(times) // 2]), max(worst_memory, rss, tree)
            print(f"{'--format ' + fmt if fmt != 'terminal' else '(terminal, piped)':<28} {times[len(times) // 2]:>9.2f} "
                  f"{times[0]:>5.2f}-{times[-1]:<6.2f} {cpu:>6.1f} {rss:>12.0f} {tree:>9.0f}")
        figures = orjson.loads(report.with_suffix(".json").read_bytes())
        entries = sum(r["entries"] for r in figures["residents"])
        assert len(figures["residents"]) == opts.exports, "every export is one resident"
        assert entries == opts.exports * opts.entries, f"{entries} entries counted"
        assert not Path(env["LOGBOOK_DB"]).exists(), "cohort must not open the user's logbook"
        ok = worst_time < 15 and worst_memory < 1024
        print(f"Counted {entries} entries of {len(figures['residents'])} residents. "
              f"Target < 15 s and < 1024 MiB: {'met' if ok else 'NOT met'} "
              f"(worst median {worst_time:.1f} s, peak {worst_memory:.0f} MiB) on {os.cpu_count()} cores, "
              f"Python {sys.version.split()[0]}; load average after: {os.getloadavg()[0]:.1f}")
        return 0 if ok else 1


def side_by_side(opts) -> int:
    """Each format timed with the code of --before and with this tree's, one after the other, on the same files."""
    trees = {"before": opts.before.resolve(), "after": Path(__file__).resolve().parents[1]}
    with tempfile.TemporaryDirectory(prefix="logbook-cohort-bench-") as scratch:
        scratch = Path(scratch)
        folder = opts.keep or scratch / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        if not opts.reuse:
            size = generate(folder, opts.exports, opts.entries, distinct=opts.distinct)
            print(f"Generated {opts.exports} exports x {opts.entries} entries ({size / 2**20:.0f} MiB)"
                  f"{', each of its own specialty, site, procedure and place' if opts.distinct else ''}, in {folder}")
        print(f"Load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; CPU seconds are the steadier figure")
        print(f"{'logbook cohort':<20} {'tree':<7} {'median s':>9} {'CPU s':>7} {'max RSS MiB':>12} {'tree MiB':>9}")
        for fmt in ("json", "text", "html", "pdf"):
            for name, tree in trees.items():
                env = {**os.environ, "LOGBOOK_DB": str(scratch / "never-opened.json"), "PYTHONPATH": str(tree)}
                args = [sys.executable, "-m", "logbook", "cohort", str(folder), "--format", fmt,
                        "--output", str(scratch / f"cohort-{name}.{fmt}")]
                runs = [measure(args, env, cwd=scratch) for _ in range(opts.runs)]
                if any(r[3] for r in runs):
                    print(f"{fmt} ({name}): logbook cohort failed")
                    return 1
                times, cpu = sorted(r[0] for r in runs), sorted(r[4] for r in runs)
                rss, peak = max(r[1] for r in runs) / 2**20, max(r[2] for r in runs) / 2**20
                print(f"{'--format ' + fmt:<20} {name:<7} {times[len(times) // 2]:>9.2f} {cpu[len(cpu) // 2]:>7.1f} "
                      f"{rss:>12.0f} {peak:>9.0f}")
        print(f"Load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
