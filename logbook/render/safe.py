"""Making stored text inert before it reaches a terminal: control and bidi characters are shown escaped."""

from __future__ import annotations

import re

# C0 controls but newline and tab, DEL, C1 controls (ESC/CSI/OSC start sequences) and bidi overrides.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def inert(text: str | None) -> str:
    """The text with every control character replaced by its visible escape, e.g. ESC as \\x1b."""
    if not text:
        return text or ""
    return _UNSAFE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
