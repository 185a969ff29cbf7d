"""Writing what a command made (a report, an export) to the file the resident named."""

from __future__ import annotations

from pathlib import Path


def write_output(path: Path, payload: bytes) -> None:
    """Write the whole file or nothing: a failure leaves what was there before."""
    from logbook.storage.files import write_atomically

    write_atomically(path, payload)
