"""Geometry for the dashboard's server-drawn SVG charts (the template draws the shapes)."""

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 200
MARGIN_LEFT = 40
MARGIN_BOTTOM = 24
MARGIN_TOP = 10


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: float


def plot_height():
    return HEIGHT - MARGIN_BOTTOM - MARGIN_TOP


def bars(values, labels, top=None):
    """One bar per value, scaled so `top` (or the largest value) reaches the top of the plot."""
    top = top or max([value for value in values if value is not None] or [0]) or 1
    slot = (WIDTH - MARGIN_LEFT) / max(len(values), 1)
    shapes = []
    for position, (value, label) in enumerate(zip(values, labels, strict=True)):
        height = (value or 0) / top * plot_height()
        shapes.append(
            Bar(
                x=round(MARGIN_LEFT + position * slot + slot * 0.15, 1),
                y=round(MARGIN_TOP + plot_height() - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=label,
                value=value,
            )
        )
    return shapes


def line_points(values, top=1.0):
    """`x,y` pairs for a polyline; days without data are skipped rather than drawn as zero."""
    slot = (WIDTH - MARGIN_LEFT) / max(len(values), 1)
    points = []
    for position, value in enumerate(values):
        if value is None:
            continue
        x = MARGIN_LEFT + position * slot + slot / 2
        y = MARGIN_TOP + plot_height() * (1 - value / top)
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)


def axis():
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": MARGIN_LEFT,
        "top": MARGIN_TOP,
        "bottom": HEIGHT - MARGIN_BOTTOM,
        "right": WIDTH,
    }
