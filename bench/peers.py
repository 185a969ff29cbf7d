"""Peers to measure the logbook against, side by side: Watson 2.1 in a bench-only venv, with N frames.

Watson (td-watson) is the closest well-known command-line time log: one JSON file of frames, read
whole and written whole on every change. It is installed into its own venv, never into the
logbook's, so its dependencies (click, arrow, requests) cannot change what the logbook imports.

    from bench.peers import watson_command, watson_data
    watson = watson_command()                 # ["/…/watson-2.1.0/bin/watson"], installed on first use
    folder = watson_data(tmp, 10_000)         # a WATSON_DIR holding 10,000 frames over five years
    subprocess.run([*watson, "add", "-f", "2024-03-01 09:00", "-t", "2024-03-01 10:00", "ward"],
                   env={**os.environ, "WATSON_DIR": str(folder)})

`python bench/peers.py` installs Watson (if needed), builds a 10,000-frame folder and times a few
of its commands once, as a smoke test.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

WATSON_VERSION = "2.1.0"
# Outside the repository and shared by every worktree: one install serves every run.
VENV = Path(os.environ.get("LOGBOOK_BENCH_PEERS", Path(tempfile.gettempdir()) / "logbook-bench-peers")) / f"watson-{WATSON_VERSION}"
PROJECTS = ["ward-round", "theatre", "outpatient-clinic", "night-shift", "teaching", "endoscopy", "on-call", "reading"]
TAGS = ["paediatric", "neonatal", "trauma", "urology", "consent", "handover", "simulation"]
FIVE_YEARS = (datetime(2020, 9, 1, tzinfo=timezone.utc), datetime(2025, 8, 29, tzinfo=timezone.utc))


def watson_command() -> list[str]:
    """The `watson` executable of the bench-only venv, created and installed on first use."""
    script = VENV / "bin" / "watson"
    if not script.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", f"td-watson=={WATSON_VERSION}"], check=True)
    return [str(script)]


def watson_frames(n: int, seed: int = 4, span: tuple[datetime, datetime] = FIVE_YEARS) -> list[list]:
    """n frames spread over `span`, in start order, as Watson stores them: [start, stop, project, id, tags, updated_at]."""
    rng = random.Random(seed)
    first, last = (int(moment.timestamp()) for moment in span)
    starts = sorted(rng.randrange(first, last) for _ in range(n))
    frames = []
    for start in starts:
        stop = start + rng.choice([30, 45, 60, 90, 120, 240, 360, 480]) * 60
        tags = rng.sample(TAGS, rng.choice([0, 1, 1, 2]))
        frames.append([start, stop, rng.choice(PROJECTS), uuid.UUID(int=rng.getrandbits(128)).hex, tags, stop])
    return frames


def watson_data(folder: Path, n: int, seed: int = 4) -> Path:
    """A WATSON_DIR holding n frames (and Watson's defaults otherwise); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    # Watson writes its frames with json.dump(indent=1, ensure_ascii=False); the same here, so its first save costs what later ones do.
    (folder / "frames").write_text(json.dumps(watson_frames(n, seed), indent=1, ensure_ascii=False), encoding="utf-8")
    return folder


def watson_env(folder: Path) -> dict[str, str]:
    """The environment a Watson command needs to use `folder` and nothing of the user's."""
    return {**os.environ, "WATSON_DIR": str(folder), "TZ": "UTC", "LC_ALL": "C.UTF-8"}


def watson_add_args(n: int = 0) -> list[str]:
    """`watson add` of one hour inside the five years (a different hour for each n)."""
    start = FIVE_YEARS[0] + timedelta(days=400, hours=n % 24)
    stop = start + timedelta(hours=1)
    return ["add", "-f", start.strftime("%Y-%m-%d %H:%M"), "-t", stop.strftime("%Y-%m-%d %H:%M"), "theatre", "+paediatric"]


def _smoke() -> None:
    watson = watson_command()
    with tempfile.TemporaryDirectory() as tmp:
        folder = watson_data(Path(tmp) / "watson", 10_000)
        for args in (watson_add_args(), ["report", "-a"], ["log", "-a"]):
            began = time.perf_counter()
            done = subprocess.run([*watson, *args], env=watson_env(folder), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            print(f"watson {' '.join(args[:2]):12} {time.perf_counter() - began:6.3f} s  exit {done.returncode} {done.stderr.decode()[:200]}")


if __name__ == "__main__":
    _smoke()
