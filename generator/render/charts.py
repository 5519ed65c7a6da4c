"""Small charts drawn as inline SVG at build time (no script; colours come from the theme CSS)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape as escape_html


def _escape(text: str) -> str:
    """XML text: ``&``, ``<`` and ``>`` escaped (the standard library's XML escape, without the
    import of urllib and http that ``xml.sax.saxutils`` costs)."""
    return escape_html(text, quote=False)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    note: str = ""  # shown after the value, e.g. "at least"


def bar_chart(bars: list[Bar], title: str, chart_id: str, unit: str = "") -> str:
    """A horizontal bar chart as accessible SVG markup (role=img, with a title and a
    description listing every value, so screen readers get the numbers, not the shapes)."""
    if not bars:
        return ""
    label_width, bar_width, row, gap = 150, 150, 26, 8
    top = 8
    height = top + len(bars) * (row + gap)
    width = label_width + bar_width + 80
    largest = max(b.value for b in bars) or 1
    described = "; ".join(f"{b.label}: {_number(b.value)}{' ' + unit if unit else ''}"
                          for b in bars)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{_escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{_escape(described)}</desc>',
    ]
    for index, bar in enumerate(bars):
        y = top + index * (row + gap)
        length = max(2.0, bar.value / largest * bar_width)
        value_text = f"{bar.note + ' ' if bar.note else ''}{_number(bar.value)}"
        parts += [
            f'<text class="chart-label" x="{label_width - 8}" y="{y + row * 0.68:.1f}" '
            f'text-anchor="end">{_escape(_shorten(bar.label))}</text>',
            f'<rect class="chart-bar" x="{label_width}" y="{y}" width="{length:.1f}" height="{row}" rx="3"/>',
            f'<text class="chart-value" x="{label_width + length + 6:.1f}" y="{y + row * 0.68:.1f}">'
            f"{_escape(value_text)}</text>",
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _shorten(label: str, limit: int = 20) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
