"""Writing a note in the resident's own editor: $EDITOR, else nano, else vi, on a template."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, TypeVar

from logbook.errors import ChangedMeanwhile, LogbookError

Saved = TypeVar("Saved")

# As in `git commit -v`: everything from this line down is guidance and is thrown away.
CUT = "# ------------------------ >8 ------------------------"
FALLBACKS = ("nano", "vi")


def editor_command(environ: dict[str, str] | None = None) -> list[str]:
    """The editor to run: $EDITOR (which may carry arguments, e.g. `code --wait`), else nano, else vi."""
    environ = os.environ if environ is None else environ
    chosen = environ.get("EDITOR", "").strip()
    if chosen:
        try:
            command = shlex.split(chosen)
        except ValueError as err:
            raise LogbookError(f"$EDITOR ({chosen!r}) cannot be read as a command ({err})") from None
        if command:
            return command
    for name in FALLBACKS:
        if shutil.which(name, path=environ.get("PATH")):
            if not sys.stdin.isatty():
                raise LogbookError(f"--edit would open {name}, and there is no terminal to run it on; "
                                   "set $EDITOR or give the text with --note")
            return [name]
    raise LogbookError("no editor found: set $EDITOR (e.g. `export EDITOR=nano`), or give the text with --note")


def template(initial: str | None, guidance: list[str]) -> str:
    """The text to edit, then the cut line and the guidance as comments."""
    lines = [initial or "", "", CUT, "# Everything from the line above down is ignored.",
             "# Save an empty or unchanged text to abort; nothing is written then."]
    lines += [f"# {line}" for line in guidance]
    return "\n".join(lines) + "\n"


def written_text(content: str) -> str:
    """What the user wrote: the text above the cut line, without surrounding blank lines.

    The template's cut line is the last line that is exactly the cut line: a note that quotes it keeps its text.
    """
    lines = content.splitlines()
    cuts = [i for i, line in enumerate(lines) if line.rstrip() == CUT]
    kept = lines[:cuts[-1]] if cuts else lines
    return "\n".join(line.rstrip() for line in "\n".join(kept).strip("\n").splitlines()).strip()


def edit_text(initial: str | None, guidance: list[str], what: str = "note") -> str:
    """Open the editor on a template and return what was written.

    Refuses (LogbookError, nothing is written) when the file is saved empty or unchanged, or when the
    editor fails. `guidance` lines are shown as comments below the cut line.
    """
    command = editor_command()
    start = template(initial, guidance)
    with tempfile.TemporaryDirectory(prefix="logbook-") as folder:
        path = Path(folder) / f"{what}.md"
        path.write_text(start, encoding="utf-8")
        try:
            status = subprocess.run([*command, str(path)]).returncode
        except OSError as err:
            raise LogbookError(f"cannot run the editor {command[0]!r}: {err.strerror or err}; check $EDITOR") from None
        if status != 0:
            raise LogbookError(f"the editor {command[0]!r} exited with status {status}; nothing was written")
        from logbook.services.inputs import read_edited

        content = read_edited(path, what)
        if content is None:
            raise LogbookError(f"the editor removed the {what} file; nothing was written")
    text = written_text(content)
    if content != start and not text:
        raise LogbookError(f"the {what} is empty; nothing was written")
    if content == start or text == written_text(start):
        raise LogbookError(f"the {what} was left unchanged; nothing was written")
    return text


@contextmanager
def note_kept_if_refused(note: str | None, what: str = "note"):
    """Text just written in the editor is printed back if it is not saved, so the writing is not lost.

    The one way out of every flow that writes what the editor gave (add, edit, reflect): a refusal
    (privacy, length, a busy logbook, a change made meanwhile), Ctrl-C while waiting for the lock, or
    Ctrl-C or Ctrl-D at the question about a change made meanwhile.
    """
    try:
        yield
    except (LogbookError, KeyboardInterrupt, EOFError):
        if note:
            from logbook.render.terminal.console import console, text

            # Several lines on purpose: the resident copies the text back, so it is not squeezed into one.
            console(stderr=True).print(text(f"The {what} you wrote was not saved; here it is to copy:\n{note}"))
        raise


def saved_unless_changed(save: Callable[[object], Saved], was: object, what: str) -> Saved:
    """`save(was)`, `was` being the text as read before the editor opened (the store refuses if it differs now).

    If another command changed it meanwhile, a resident at a terminal sees what it says now and is asked
    whether to replace it; the question is asked with the logbook unlocked. Without a terminal, refused.
    """
    while True:
        try:
            return save(was)
        except ChangedMeanwhile as changed:
            if not sys.stdin.isatty():
                raise
            from logbook.render.terminal.console import console, text
            from logbook.render.terminal.prompts import ask_yes_no

            now = changed.now if changed.now else "(nothing: it was emptied)"
            console(stderr=True).print(text(f"While your editor was open, another logbook command saved this {what}:\n{now}"))
            if not ask_yes_no(f"Replace it with the {what} you wrote?"):
                raise
            was = changed.now
