"""A chart's value axis on round steps (1, 2, 2.5 or 5 × 10ⁿ), the one rule every chart of every format draws by."""

from __future__ import annotations

import math

STEPS = (1, 2, 2.5, 5, 10)


def ticks(top: float, most: int = 5, whole: bool = False) -> list[float]:
    """The axis marks from 0 to the first round step at or above `top`: at most `most` steps (so most + 1 marks).

    `whole`: the values are counts (procedures), so a step is never less than 1. A chart of nothing gets 0 to 1.
    """
    top = top if top > 0 and math.isfinite(top) else 1
    magnitude = 10 ** math.floor(math.log10(top / most))
    step = next(m * magnitude for m in STEPS if m * magnitude * most >= top * (1 - 1e-12))
    if whole:
        step = max(1, step if step >= 1 else 1)
        step = 2 * step if step == 2.5 else step  # 2.5 procedures is not a count
    count = math.ceil(top / step - 1e-9)
    return [_clean(k * step) for k in range(count + 1)]


def _clean(value: float) -> float | int:
    """0.30000000000000004 as 0.3, 5.0 as 5: a label is the number a person writes."""
    value = round(value, 10)
    return int(value) if value == int(value) else value


def scale(marks: list[float], width: int, shown=str) -> str:
    """The marks as one line of text `width` cells wide under a terminal bar of that width: "0    2    4    6    8".

    A mark's number starts where its value falls (the last ends there); the last is always shown, and one that
    would touch a number already placed is left out.
    """
    cells = [" "] * width
    top = marks[-1] or 1
    taken: list[tuple[int, int]] = []
    for n in [len(marks) - 1, *range(len(marks) - 1)]:  # the axis's end first: it says how long a full bar is
        label = shown(marks[n])
        at = round(marks[n] / top * (width - 1))
        start = max(0, min(at - len(label) + 1 if n == len(marks) - 1 else at, width - len(label)))
        if any(start <= end + 2 and begin <= start + len(label) + 1 for begin, end in taken):
            continue
        cells[start:start + len(label)] = label
        taken.append((start, start + len(label) - 1))
    return "".join(cells)
