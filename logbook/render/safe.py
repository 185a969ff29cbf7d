"""Making stored text inert before it reaches a terminal: control and bidi characters are shown escaped."""

from __future__ import annotations

import re

# C0 controls but newline and tab, DEL, C1 controls (ESC/CSI/OSC start sequences), bidi marks,
# embeddings, overrides and isolates, line/paragraph separators, and lone surrogates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# A message is one line: newline and tab are escaped too.
_UNSAFE_IN_LINE = re.compile(_UNSAFE.pattern.replace(r"\x0b-\x1f", r"\x09-\x1f"))
# What JSON leaves raw but a terminal could act on: everything above but the C0 range, which JSON escapes.
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def inert(text: str | None, one_line: bool = False) -> str:
    """The text with every control character replaced by its visible escape, e.g. ESC as \\x1b."""
    if not text:
        return text or ""
    return (_UNSAFE_IN_LINE if one_line else _UNSAFE).sub(_escape, text)


def inert_json(payload: bytes) -> bytes:
    """JSON with C1 controls and bidi characters written as \\uXXXX: the same data, safe to print."""
    text = payload.decode("utf-8")
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", text).encode("utf-8")


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(m: re.Match[str]) -> str:
    if m[0] in _NAMED:
        return _NAMED[m[0]]
    code = ord(m[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
