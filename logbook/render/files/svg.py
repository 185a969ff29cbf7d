"""Bar charts as inline SVG for the HTML report: no script, no external asset, text escaped."""

from __future__ import annotations

from logbook.render import language
from logbook.render.axis import ticks
from logbook.render.escaping import html_text as _t


def columns(title: str, bars: list[tuple[str, str, float]], unit: str, width: int = 680, height: int = 220) -> str:
    """Vertical bars (e.g. hours per day): (label, second label line, value)."""
    marks = ticks(max((v for _, _, v in bars), default=0))
    top = marks[-1]
    left, bottom, head = 34, 38, 14
    plot_h = height - bottom - head
    step = (width - left) / max(len(bars), 1)
    bar_w = max(step * 0.62, 2)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{_t(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{_t(title)}</title>']
    for value in marks:  # gridlines on round steps
        y = head + plot_h - plot_h * value / top
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{left - 4}" y="{y + 3:.1f}" class="axis" text-anchor="end">{language.number(value)}</text>')
    for n, (label, sub, value) in enumerate(bars):
        x = left + n * step + (step - bar_w) / 2
        h = plot_h * value / top
        y = head + plot_h - h
        cx = x + bar_w / 2
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" class="bar"/>')
        if value:
            parts.append(f'<text x="{cx:.1f}" y="{y - 3:.1f}" class="value" text-anchor="middle">{language.number(value)}{_t(unit)}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{height - bottom + 14}" class="label" text-anchor="middle">{_t(label)}</text>'
                     f'<text x="{cx:.1f}" y="{height - bottom + 27}" class="label sub" text-anchor="middle">{_t(sub)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars(title: str, rows: list[tuple[str, float]], width: int = 680, row_h: int = 26, whole: bool = True) -> str:
    """Horizontal bars (e.g. procedures per level): (label, value), on an axis of round steps (whole: counts)."""
    marks = ticks(max((v for _, v in rows), default=0), whole=whole)
    top = marks[-1]
    # Room for the longest label (~6.3 px a letter at 10 px): a Russian level name is twice as long as its English one.
    left, right = max([110] + [round(len(label) * 6.3) + 12 for label, _value in rows]), 40
    height = row_h * len(rows) + 8 + 14  # the axis's numbers under the bars
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{_t(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{_t(title)}</title>']
    for value in marks:
        x = left + (width - left - right) * value / top
        parts.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 14}" class="grid"/>'
                     f'<text x="{x:.1f}" y="{height - 3}" class="axis" text-anchor="middle">{language.number(value)}</text>')
    for n, (label, value) in enumerate(rows):
        y = 4 + n * row_h
        w = (width - left - right) * value / top
        parts.append(f'<text x="{left - 8}" y="{y + row_h * 0.62:.1f}" class="label" text-anchor="end">{_t(label)}</text>'
                     f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{row_h - 10}" class="bar alt"/>'
                     f'<text x="{left + w + 6:.1f}" y="{y + row_h * 0.62:.1f}" class="value">{language.number(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)
