"""Writing longer text in the resident's own editor: $EDITOR, else nano, else vi."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from logbook.errors import LogbookError

FALLBACKS = ("nano", "vi")


def editor_command() -> list[str]:
    """$EDITOR as the shell would split it ("code --wait" works), else the first fallback installed."""
    chosen = os.environ.get("EDITOR", "").strip()
    if chosen:
        return shlex.split(chosen)
    for name in FALLBACKS:
        if found := shutil.which(name):
            return [found]
    raise LogbookError("no editor found: set $EDITOR (e.g. export EDITOR=nano), or give the text as an argument")


def edit_text(current: str, suffix: str = ".md") -> str | None:
    """Open the editor on `current`; the saved text, or None when it was emptied or left unchanged."""
    command = editor_command()
    # A private file: clinical reflections must not sit world-readable in /tmp.
    fd, name = tempfile.mkstemp(prefix="logbook-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(current)
        try:
            done = subprocess.run([*command, str(path)])
        except OSError as err:
            raise LogbookError(f"cannot start the editor {command[0]!r}: {err.strerror}; nothing was written") from None
        if done.returncode != 0:
            raise LogbookError(f"the editor {command[0]!r} exited with status {done.returncode}; nothing was written")
        try:
            saved = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise LogbookError("the editor saved text that is not UTF-8; nothing was written") from None
    finally:
        path.unlink(missing_ok=True)
    saved = saved.rstrip()
    return None if not saved.strip() or saved == current.rstrip() else saved
