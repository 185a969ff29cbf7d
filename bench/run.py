"""Benchmark of the logbook at residency scale: whole `logbook` processes against the import floor.

Run from the project's environment:

    python bench/run.py              # 100, 10,000 and 100,000 entries, 7 runs each
    python bench/run.py --quick      # 100 and 10,000 entries, 3 runs each
    python bench/run.py --markdown   # the same, with a Markdown table for docs/benchmark.md

Logbooks are generated as an export file and loaded with `logbook import` (the path a resident's
own data takes), then every command is timed as a whole process started by this interpreter,
each run paired with a run of the floor `python -c "import typer, rich, tinydb"` just before it:
the ratio shown is the median of those paired ratios, figures taken side by side under the same
machine load (other work on the machine moves absolute times, much less the ratios).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from importlib import metadata
from pathlib import Path

# A five-year residency (a profile may span up to eight: a neurosurgery residency lasts seven).
START, END = date(2020, 9, 1), date(2025, 8, 29)
TODAY = END.isoformat()  # LOGBOOK_TODAY: `add --date` must be inside the window and not in the future
RESIDENT = {
    "resident": "Dilnoza Karimova",
    "specialty": "Pediatric surgery",
    "home_institution": "Home State Medical University",
    "host_institution": "Abu Ali ibn Sina Bukhara State Medical Institute",
    "start": START.isoformat(),
    "end": END.isoformat(),
}

# Targets of issue 4: ratios to the floor on the 10k logbook, seconds at 100k.
RATIO_TARGETS = {"--version": 1.1, "add": 1.5, "list": 2.0, "summary": 2.5, "export": 2.5}
SECONDS_TARGETS_100K = {"add": 0.5, "summary": 1.5}
MEMORY_TARGET_MIB = 60

SITES = {
    "Bukhara Regional Perinatal Center": ["Obstetric theatre", "Neonatal intensive care", "Labour ward"],
    "Bukhara Regional Children's Hospital": ["Paediatric surgery", "Paediatric ICU", "Burns unit"],
    "Bukhara Emergency Medical Care Hospital": ["Emergency department", "Trauma theatre", "Intensive care"],
    "University Clinic of the Medical Institute": ["General surgery", "Endoscopy", "Outpatient clinic"],
    "Home University Hospital": ["Paediatric surgery", "Neonatal surgery", "Urology", "Day surgery"],
    "Regional Children's Hospital, Samarqand": ["Paediatric surgery", "Orthopaedics"],
    "Toshkent Paediatric Medical Institute Clinic": ["Thoracic surgery", "Colorectal surgery"],
}
ACTIVITIES = [
    "Ward round", "Theatre list", "Night shift: emergency admissions", "Outpatient clinic", "Morning handover and ward round",
    "Diagnostics: ultrasound and X-ray review", "Multidisciplinary meeting", "On call", "Teaching session for students",
    "Consent clinic", "Endoscopy list", "Trauma call",
]
PROCEDURES = [
    "Laparoscopic appendectomy", "Open appendectomy", "Inguinal herniotomy", "Umbilical hernia repair", "Orchidopexy",
    "Circumcision", "Pyloromyotomy", "Intussusception reduction (air enema)", "Central venous catheter insertion",
    "Chest drain insertion", "Laparoscopic cholecystectomy", "Fundoplication", "Gastrostomy insertion",
    "Hypospadias repair", "Pyeloplasty", "Excision of thyroglossal cyst", "Incision and drainage of abscess",
    "Suturing of laceration", "Closed reduction of forearm fracture", "Burns dressing under anaesthesia",
    "Bronchoscopy", "Oesophagoscopy", "Rectal biopsy", "Colostomy formation", "Colostomy closure",
    "Anorectal malformation repair (PSARP)", "Duodenal atresia repair", "Gastroschisis closure",
    "Congenital diaphragmatic hernia repair", "Tracheo-oesophageal fistula repair", "Nephrectomy",
    "Ovarian cyst excision", "Testicular torsion exploration", "Lymph node biopsy", "Port-a-cath insertion",
    "Endotracheal intubation", "Lumbar puncture", "Umbilical venous catheterisation", "Splenectomy",
    "Meckel's diverticulectomy", "Кесарево сечение (ассистенция)", "Oʻng tomonlama gemikolektomiya",
]
SUPERVISORS = [
    "Prof. Sh. Rakhimov", "Dr. N. Ismoilova", "Dr. B. Jurayev", "Dr. D. Nazarova", "Dr. U. Sobirov", "Dr. F. Hamroyeva",
    "Dr. A. Toʻxtayev", "Dr. M. Qodirova", "Dr. S. Ergashev", "Доц. И. Каримов", "Dr. L. Usmonova", None,
]
LEVELS = ["observed", "assisted", "supervised", "independent", "teaching"]
CULTURE = [
    ("Ark of Bukhara", "landmark"), ("Poi Kalyan: Kalyan Minaret and Mosque", "mosque"), ("Mir-i-Arab Madrasa", "madrasa"),
    ("Lyabi-Hauz ensemble (Labi Hovuz)", "landmark"), ("Samanid Mausoleum", "landmark"), ("Chor Minor", "madrasa"),
    ("Toqi Zargaron trading dome", "bazaar"), ("Sitorai Mohi Xosa palace", "museum"), ("Bolo Hauz Mosque", "mosque"),
    ("Ulugbek Madrasa, Bukhara", "madrasa"), ("Registan, Samarqand", "landmark"), ("Shah-i-Zinda", "landmark"),
    ("Siyob Bazaar", "bazaar"), ("State Museum of History of Uzbekistan", "museum"), ("Navoi Theatre", "performance"),
    ("Folk performance at Nodir Devonbegi madrasa", "performance"), ("Itchan Kala, Xiva", "landmark"),
]
NOTES = [
    "Discussed the case at the morning meeting", "Local protocol differs from home: noted for the report",
    "First time as the operating surgeon", "Converted to open; reviewed with the supervisor afterwards",
    "Taught two first-year residents", "Guided tour in Uzbek and Russian", "Complication: wound infection, managed conservatively",
    "Simulation first, then in theatre", "Supervisor signed the eLogbook entry",
]


def residency_entries(n: int, seed: int = 4) -> list[dict]:
    """n plausible entries over the residency: mostly procedures, daily clinical work, rare cultural visits.

    Levels drift from observed towards independent over the years; a day never holds more than 24
    clinical hours (a clinical entry that would exceed it becomes a procedure).
    """
    rng = random.Random(seed)
    span = (END - START).days
    hours_on: dict[str, float] = {}
    entries = []
    for _ in range(n):
        offset = rng.randrange(span + 1)
        day = START + timedelta(days=offset)
        progress = offset / span
        stamp = datetime(day.year, day.month, day.day, rng.randrange(7, 23), rng.randrange(60), rng.randrange(60),
                         rng.randrange(1000) * 1000, tzinfo=timezone.utc).isoformat(timespec="milliseconds")
        site = rng.choice(list(SITES))
        level = LEVELS[min(4, int(rng.triangular(0, 4.99, 4.99 * progress)))]
        kind = rng.choices(["clinical", "procedure", "cultural"], weights=[25, 72, 3])[0]
        hours = rng.choice([4, 6, 6.5, 7, 7.5, 8, 12])
        if kind == "clinical" and hours_on.get(day.isoformat(), 0) + hours > 24:
            kind = "procedure"
        note = rng.choice(NOTES) if rng.random() < 0.06 else None
        entry = {"id": f"{rng.getrandbits(128):032x}", "kind": kind, "date": day.isoformat(),
                 "created_at": stamp, "updated_at": stamp}
        if kind == "clinical":
            hours_on[day.isoformat()] = hours_on.get(day.isoformat(), 0) + hours
            entry.update(site=site, department=rng.choice(SITES[site]), hours=hours, activity=rng.choice(ACTIVITIES),
                         role=level, supervisor=rng.choice(SUPERVISORS), note=note)
        elif kind == "procedure":
            entry.update(procedure=rng.choice(PROCEDURES), role=level, count=rng.choices([1, 2, 3], weights=[85, 12, 3])[0],
                         site=site, supervisor=rng.choice(SUPERVISORS), note=note)
        else:
            place, category = rng.choice(CULTURE)
            entry.update(place=place, category=category, note=note)
        entries.append(entry)
    return entries


def export_file(entries: list[dict]) -> bytes:
    import orjson

    return orjson.dumps({"format": "internship-logbook", "schema_version": 1, "exported_at": "2025-08-29T18:00:00.000+00:00",
                         "internship": RESIDENT, "involvement_levels": [], "entries": entries})


def logbook_command() -> list[str]:
    """The installed `logbook` script of this interpreter's environment, else `python -m logbook`."""
    script = Path(sys.executable).parent / "logbook"
    return [sys.executable, str(script)] if script.exists() else [sys.executable, "-m", "logbook"]


# Runs one command and reports its wall time and its own peak memory. It is needed because Linux
# counts the parent's memory into a child's ru_maxrss at exec (this script holds the generated
# entries); spawned from this small wrapper instead, the command starts from a few MiB.
WRAPPER = """
import os, sys, time
report, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(report, "w") as out:
    out.write(f"{elapsed} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {usage.ru_utime + usage.ru_stime}")
"""


def run_once(argv: list[str], env: dict) -> tuple[float, int, float]:
    """(wall seconds, peak resident memory in KiB, CPU seconds) of one whole process running argv."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as report:
        wrapper = [sys.executable, "-I", "-S", "-c", WRAPPER, report.name]
        code = subprocess.run([*wrapper, *argv], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                              env=env).returncode
        elapsed, peak, status, cpu = report.read().split() if code == 0 else ("0", "0", str(code), "0")
        if int(status) != 0:
            err.seek(0)
            sys.exit(f"benchmark command failed ({status}): {' '.join(argv)}\n{err.read().decode(errors='replace')}")
    return float(elapsed), int(peak), float(cpu)


class Case:
    """One timed command: how to prepare a run (untimed) and the argv to time."""

    def __init__(self, name: str, size: int | None, argv: list[str], prepare=None):
        self.name, self.size, self.argv, self.prepare = name, size, argv, prepare
        self.times: list[float] = []
        self.ratios: list[float] = []  # each run over the floor run just before it
        self.cpu: list[float] = []  # user + system seconds: what load on the machine disturbs least
        self.peak_kib = 0

    def measure(self, env: dict) -> None:
        if self.prepare:
            self.prepare()
        elapsed, peak, cpu = run_once(self.argv, env)
        self.times.append(elapsed)
        self.cpu.append(cpu)
        self.peak_kib = max(self.peak_kib, peak)


def fresh_copy(source: Path, target: Path):
    """Before each `add`: the logbook as generated, so every run adds to exactly N entries."""

    def prepare() -> None:
        for leftover in (target.with_name(target.name + ".bak"),):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(source, target)

    return prepare


def empty_target(target: Path):
    """Before each `import`: no logbook yet, so every run imports the whole file."""

    def prepare() -> None:
        shutil.rmtree(target.parent, ignore_errors=True)
        target.parent.mkdir(parents=True)

    return prepare


def build_cases(work: Path, sizes: list[int], env: dict) -> tuple[Case, list[Case]]:
    logbook = logbook_command()
    floor = Case("floor: import typer, rich, tinydb", None, [sys.executable, "-c", "import typer, rich, tinydb"])
    cases = [Case("--version", None, [*logbook, "--version"])]
    month_from, month_to = (END - timedelta(days=30)).isoformat(), END.isoformat()
    for size in sizes:
        exported = work / f"export-{size}.json"
        exported.write_bytes(export_file(residency_entries(size)))
        base = work / f"base-{size}" / "logbook.json"
        shutil.rmtree(base.parent, ignore_errors=True)
        base.parent.mkdir(parents=True)
        started = time.perf_counter()
        run_once([*logbook, "--db", str(base), "import", str(exported)], env)  # setup, not timed
        print(f"  generated {size:>7,} entries through `logbook import` in {time.perf_counter() - started:.2f} s "
              f"({base.stat().st_size / 2**20:.1f} MiB file)", file=sys.stderr)
        scratch = work / f"add-{size}" / "logbook.json"
        scratch.parent.mkdir(exist_ok=True)
        db = ["--db", str(base)]
        cases += [
            Case("add", size, [*logbook, "--db", str(scratch), "add", "procedure", "Laparoscopic appendectomy",
                               "--role", "assisted", "--site", "Home University Hospital", "--date", "2025-08-28"],
                 prepare=fresh_copy(base, scratch)),
            Case("list", size, [*logbook, *db, "list", "--kind", "procedure", "--from", month_from, "--to", month_to]),
            Case("summary", size, [*logbook, *db, "summary"]),
            Case("export", size, [*logbook, *db, "export"]),
        ]
        if size == 10_000:
            target = work / "import-10000" / "logbook.json"
            cases.append(Case("import", size, [*logbook, "--db", str(target), "import", str(exported)],
                              prepare=empty_target(target)))
    return floor, cases


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    # Distributions by their index names: "logbook" there is a logging library, ours is internship-logbook.
    for package in ("internship-logbook", "typer", "rich", "tinydb", "orjson", "platformdirs", "reportlab", "babel"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    return {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}, {platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        "packages": ", ".join(versions),
        "load": "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def rows(floor: Case, cases: list[Case]) -> list[list[str]]:
    table = [["command", "entries", "median s", "min–max s", "× floor", "CPU × floor", "peak MiB", "target", ""]]
    floor_cpu = statistics.median(floor.cpu)
    for case in [floor, *cases]:
        median = statistics.median(case.times)
        ratio = statistics.median(case.ratios) if case.ratios else 1.0
        cpu_ratio = statistics.median(case.cpu) / floor_cpu
        mib = case.peak_kib / 1024
        target, ok = "", None
        if case.size == 10_000 and case.name in RATIO_TARGETS:
            target = f"≤ {RATIO_TARGETS[case.name]}×, ≤ {MEMORY_TARGET_MIB} MiB"
            ok = ratio <= RATIO_TARGETS[case.name] and mib <= MEMORY_TARGET_MIB
        elif case.name == "--version":
            target = f"≤ {RATIO_TARGETS['--version']}×"
            ok = ratio <= RATIO_TARGETS["--version"]
        elif case.size == 100_000 and case.name in SECONDS_TARGETS_100K:
            target = f"< {SECONDS_TARGETS_100K[case.name]} s"
            ok = median < SECONDS_TARGETS_100K[case.name]
        table.append([
            case.name, f"{case.size:,}" if case.size else "", f"{median:.3f}",
            f"{min(case.times):.3f}–{max(case.times):.3f}", f"{ratio:.2f}", f"{cpu_ratio:.2f}", f"{mib:.1f}", target,
            "" if ok is None else ("ok" if ok else "MISSED"),
        ])
    return table


def print_plain(table: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for n, row in enumerate(table):
        print("  ".join(cell.rjust(w) if 1 <= i <= 6 else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def print_markdown(table: list[list[str]], info: dict[str, str], runs: int) -> None:
    for key, value in info.items():
        print(f"- **{key}**: {value}")
    print(f"- **runs**: {runs} per command after one untimed warm-up, each paired with a floor run just before it;"
          " × floor is the median of the paired ratios\n")
    print("| " + " | ".join(table[0]) + " |")
    print("|" + "|".join("---" if i in (0, 7, 8) else "---:" for i in range(len(table[0]))) + "|")
    for row in table[1:]:
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs, 100 and 10,000 entries only")
    parser.add_argument("--runs", type=int, help="timed runs per command (default 7, or 3 with --quick)")
    parser.add_argument("--sizes", help="comma-separated logbook sizes (default 100,10000,100000)")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown, with the machine")
    parser.add_argument("--keep", type=Path, help="generate the logbooks in this folder and keep them")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [100, 10_000] if args.quick else [100, 10_000, 100_000]

    # PYTHONDONTWRITEBYTECODE would make every run recompile logbook from source (about 40 ms here), while
    # typer, rich and tinydb run from the bytecode pip compiled: the warm-up run writes logbook's, as an
    # installed or once-run logbook has.
    env = {k: v for k, v in os.environ.items() if k not in ("LOGBOOK_DB", "LOGBOOK_DEBUG", "PYTHONDONTWRITEBYTECODE")}
    env["LOGBOOK_TODAY"] = TODAY
    info = machine()
    print(f"logbook benchmark, {info['date']}; {info['machine']}; {info['python']}; {info['load']}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="logbook-bench-") as folder:
        work = args.keep or Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        env["HOME"] = str(work / "home")  # nothing reaches the real data folder, even by mistake
        floor, cases = build_cases(work, sizes, env)
        everything = [floor, *cases]
        for case in everything:  # warm-up: page cache, .pyc files
            case.measure(env)
            case.times.clear()
        for round_ in range(runs):
            for case in cases:  # each run is paired with a floor run just before it, under the same load
                floor.measure(env)
                case.measure(env)
                case.ratios.append(case.times[-1] / floor.times[-1])
            print(f"  round {round_ + 1}/{runs} done", file=sys.stderr)
    info["load"] += " → " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    table = rows(floor, cases)
    sys.stderr.flush()
    print()
    print_plain(table)
    print(f"\n{info['load']}; {runs} runs per command; × floor is the median of ratios to a floor run just before each run;"
          " peak MiB is ru_maxrss of the command's process.")
    if args.markdown:
        print()
        print_markdown(table, info, runs)


if __name__ == "__main__":
    main()
