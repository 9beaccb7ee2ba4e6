"""Draw the flat, text-free cover images of the demo articles into faqbase/demo/content/images/.

Run once by hand when a cover changes (`.venv/bin/python scripts/demo_artwork.py`); the
site only reads the PNG files it wrote.
"""

import math
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

WIDTH, HEIGHT = 1200, 675
SCALE = 2  # draw at twice the size, then downscale for smooth edges
CANVAS_W, CANVAS_H = WIDTH * SCALE, HEIGHT * SCALE
CENTRE = (CANVAS_W // 2, CANVAS_H // 2)
PALETTE_COLOURS = 128

TEAL = (31, 111, 120)
INDIGO = (63, 74, 143)
AMBER = (233, 162, 59)
CORAL = (226, 114, 91)
LEAF = (92, 158, 82)
DEEP_LEAF = (52, 115, 72)
INK = (45, 58, 74)
MIST = (203, 213, 220)
WHITE = (255, 255, 255)
ACCENTS = (TEAL, INDIGO, AMBER, CORAL, LEAF)

BACKGROUNDS = (
    (236, 245, 243),  # mint
    (241, 240, 249),  # lavender
    (251, 245, 233),  # cream
    (249, 239, 235),  # blush
    (238, 245, 234),  # sage
    (235, 242, 248),  # sky
)

Point = tuple[float, float]


def tint(colour: tuple[int, int, int], amount: float) -> tuple[int, int, int]:
    """Mix a colour towards white; amount 0 keeps it, 1 gives white."""
    return tuple(round(c + (255 - c) * amount) for c in colour)


def polar(centre: Point, radius: float, degrees: float) -> Point:
    """Point at an angle measured clockwise from 3 o'clock, as Pillow does."""
    angle = math.radians(degrees)
    return (centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle))


def circle_box(centre: Point, radius: float) -> tuple[float, float, float, float]:
    x, y = centre
    return (x - radius, y - radius, x + radius, y + radius)


def arrow(draw: ImageDraw.ImageDraw, start: Point, end: Point, fill, width: int = 16) -> None:
    """Straight arrow whose head tip lands exactly on `end`."""
    head = width * 3
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    ux, uy = dx / length, dy / length
    neck = (end[0] - ux * head, end[1] - uy * head)
    draw.line([start, neck], fill=fill, width=width)
    half = head * 0.6
    draw.polygon(
        [
            end,
            (neck[0] - uy * half, neck[1] + ux * half),
            (neck[0] + uy * half, neck[1] - ux * half),
        ],
        fill=fill,
    )


def dashed_hline(draw: ImageDraw.ImageDraw, x0: int, x1: int, y: int, fill, width: int) -> None:
    dash, gap = 56, 32
    for x in range(x0, x1, dash + gap):
        draw.line([(x, y), (min(x + dash, x1), y)], fill=fill, width=width)


def shadowed_box(draw: ImageDraw.ImageDraw, box, fill, radius: int, shadow) -> None:
    x0, y0, x1, y1 = box
    draw.rounded_rectangle((x0 + 14, y0 + 18, x1 + 14, y1 + 18), radius=radius, fill=shadow)
    draw.rounded_rectangle(box, radius=radius, fill=fill)


def circle_mask(centre: Point, radius: float) -> Image.Image:
    mask = Image.new("L", (CANVAS_W, CANVAS_H), 0)
    ImageDraw.Draw(mask).ellipse(circle_box(centre, radius), fill=255)
    return mask


def padlock(draw: ImageDraw.ImageDraw, centre: Point, colour) -> None:
    x, y = centre
    draw.arc((x - 34, y - 78, x + 34, y - 10), start=180, end=360, fill=colour, width=16)
    draw.line([(x - 26, y - 44), (x - 26, y - 4)], fill=colour, width=16)
    draw.line([(x + 26, y - 44), (x + 26, y - 4)], fill=colour, width=16)
    draw.rounded_rectangle((x - 52, y - 12, x + 52, y + 64), radius=14, fill=colour)
    draw.ellipse(circle_box((x, y + 22), 11), fill=WHITE)


def target(draw: ImageDraw.ImageDraw, centre: Point, radius: float, colour) -> None:
    for ring in range(5):
        ring_colour = colour if ring % 2 == 0 else WHITE
        draw.ellipse(circle_box(centre, radius * (1 - ring * 0.19)), fill=ring_colour)


def leaf(
    draw: ImageDraw.ImageDraw, base: Point, length: float, width: float, degrees: float, colour
) -> None:
    """Pointed leaf growing from `base` in the given direction, with a centre vein."""
    angle = math.radians(degrees)
    along = (math.cos(angle), math.sin(angle))
    across = (-along[1], along[0])

    def edge_point(t: float, side: int) -> Point:
        bulge = side * width / 2 * math.sin(math.pi * t) ** 0.8
        return (
            base[0] + along[0] * length * t + across[0] * bulge,
            base[1] + along[1] * length * t + across[1] * bulge,
        )

    fractions = [step / 40 for step in range(41)]
    upper = [edge_point(t, 1) for t in fractions]
    lower = [edge_point(t, -1) for t in reversed(fractions)]
    draw.polygon(upper + lower, fill=colour)
    tip = (base[0] + along[0] * length * 0.85, base[1] + along[1] * length * 0.85)
    draw.line([base, tip], fill=tint(colour, 0.45), width=8)


def dial(draw: ImageDraw.ImageDraw, centre: Point, radius: float, reading: float, colour) -> None:
    """Gauge with a 270-degree scale; `reading` runs from 0 to 1."""
    draw.ellipse(circle_box(centre, radius), fill=WHITE, outline=INK, width=14)
    scale_start, scale_end = 135, 405
    needle_angle = scale_start + (scale_end - scale_start) * reading
    draw.arc(circle_box(centre, radius - 38), scale_start, scale_end, fill=MIST, width=22)
    draw.arc(circle_box(centre, radius - 38), scale_start, needle_angle, fill=colour, width=22)
    draw.line([centre, polar(centre, radius - 62, needle_angle)], fill=INK, width=14)
    draw.ellipse(circle_box(centre, 22), fill=INK)


def draw_sliders(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    top, bottom, fixed_level = 250, 1000, 520
    free_levels = {2: 400, 5: 760}
    for index in range(6):
        x = 450 + index * 300
        level = free_levels.get(index, fixed_level)
        colour = CORAL if index in free_levels else TEAL
        draw.rounded_rectangle((x - 14, top, x + 14, bottom), radius=14, fill=MIST)
        draw.rounded_rectangle((x - 14, level, x + 14, bottom), radius=14, fill=tint(colour, 0.35))
        draw.rounded_rectangle((x - 80, level - 38, x + 80, level + 38), radius=20, fill=colour)
        draw.line([(x - 40, level), (x + 40, level)], fill=tint(colour, 0.6), width=8)
        if index in free_levels:
            arrow(draw, (x, level - 70), (x, level - 170), AMBER, width=14)
            arrow(draw, (x, level + 70), (x, level + 170), AMBER, width=14)
        else:
            padlock(draw, (x, 1130), INK)


def draw_tile_grid(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    columns, rows, size, gap = 4, 3, 290, 56
    left = (CANVAS_W - columns * size - (columns - 1) * gap) // 2
    top = (CANVAS_H - rows * size - (rows - 1) * gap) // 2
    for index in range(11):
        row, column = divmod(index, columns)
        x, y = left + column * (size + gap), top + row * (size + gap)
        colour = ACCENTS[index % len(ACCENTS)]
        shadowed_box(draw, (x, y, x + size, y + size), colour, 40, tint(INK, 0.82))
        draw.ellipse(circle_box((x + 90, y + 90), 34), fill=tint(colour, 0.55))
        draw.rounded_rectangle(
            (x + 56, y + 180, x + size - 56, y + 204), radius=12, fill=tint(colour, 0.55)
        )


def draw_waterfall(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    block_w, block_h, step_x, step_y = 520, 170, 390, 225
    colours = (INDIGO, TEAL, LEAF, AMBER, CORAL)
    left = (CANVAS_W - (len(colours) - 1) * step_x - block_w) // 2
    top = (CANVAS_H - (len(colours) - 1) * step_y - block_h) // 2
    for index, colour in enumerate(colours):
        x, y = left + index * step_x, top + index * step_y
        shadowed_box(draw, (x, y, x + block_w, y + block_h), colour, 30, tint(INK, 0.82))
        if index < len(colours) - 1:
            elbow_x, mid_y = x + block_w + 90, y + block_h // 2
            draw.line([(x + block_w, mid_y), (elbow_x, mid_y)], fill=INK, width=16)
            draw.ellipse(circle_box((elbow_x, mid_y), 8), fill=INK)
            arrow(draw, (elbow_x, mid_y), (elbow_x, y + step_y - 14), INK, width=16)


def draw_staircase(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    ground, step_w, step_h, steps = 1180, 290, 165, 5
    left = (CANVAS_W - steps * step_w) // 2
    treads = [(left + index * step_w, ground - (index + 1) * step_h) for index in range(steps)]
    outline = [(left, ground)]
    for x, top in treads:
        outline += [(x, top), (x + step_w, top)]
    draw.polygon([*outline, (left + steps * step_w, ground)], fill=TEAL)
    for x, top in treads:
        draw.rectangle((x, top, x + step_w, top + 30), fill=tint(TEAL, 0.5))
    draw.line([(left - 180, ground), (left + steps * step_w + 180, ground)], fill=INK, width=14)
    pole_x, pole_foot = treads[-1][0] + 80, treads[-1][1]
    draw.line([(pole_x, pole_foot), (pole_x, 90)], fill=INK, width=16)
    draw.polygon([(pole_x + 8, 96), (pole_x + 250, 166), (pole_x + 8, 236)], fill=CORAL)
    draw.ellipse(circle_box((pole_x, 88), 18), fill=AMBER)


def draw_kanban_board(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    shadowed_box(draw, (280, 110, 2120, 1240), WHITE, 40, tint(INK, 0.85))
    column_w, gap = 540, 50
    headers = (INDIGO, AMBER, LEAF)
    cards_per_column = ((TEAL, CORAL, AMBER), (INDIGO, TEAL), (CORAL, LEAF, INDIGO))
    for column, (header, cards) in enumerate(zip(headers, cards_per_column, strict=True)):
        x = 340 + column * (column_w + gap)
        draw.rounded_rectangle((x, 170, x + column_w, 1180), radius=26, fill=tint(MIST, 0.6))
        draw.rounded_rectangle((x, 170, x + column_w, 250), radius=26, fill=header)
        for row, card in enumerate(cards):
            y = 300 + row * 290
            draw.rounded_rectangle((x + 36, y, x + column_w - 36, y + 240), radius=22, fill=card)
            for line, line_w in enumerate((330, 220)):
                line_y = y + 70 + line * 60
                draw.rounded_rectangle(
                    (x + 86, line_y, x + 86 + line_w, line_y + 24), radius=12, fill=tint(card, 0.6)
                )


def draw_bar_chart(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    baseline, left, target_height = 1150, 305, 600
    heights = (380, 520, 450, 700, 640, 820, 760)
    bar_w, gap = 170, 70
    for index, height in enumerate(heights):
        x = left + 90 + index * (bar_w + gap)
        colour = TEAL if height >= target_height else INDIGO
        draw.rounded_rectangle((x, baseline - height, x + bar_w, baseline), radius=18, fill=colour)
        draw.rectangle((x, baseline - 30, x + bar_w, baseline), fill=colour)  # square off the base
    right = left + 180 + len(heights) * (bar_w + gap) - gap
    draw.line([(left, 180), (left, baseline), (right, baseline)], fill=INK, width=16, joint="curve")
    target_y = baseline - target_height
    dashed_hline(draw, left + 30, right - 40, target_y, CORAL, 14)
    draw.ellipse(circle_box((right - 10, target_y), 26), fill=CORAL)


def draw_leaf_ring(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    ring_radius, leaves = 200, 10
    draw.ellipse(circle_box(CENTRE, ring_radius), fill=tint(AMBER, 0.55), outline=TEAL, width=28)
    for index in range(leaves):
        degrees = -90 + index * 360 / leaves
        base = polar(CENTRE, ring_radius + 40, degrees)
        colour = LEAF if index % 2 == 0 else DEEP_LEAF
        leaf(draw, base, length=300, width=140, degrees=degrees, colour=colour)


def draw_five_targets(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    radius = 180
    for index, colour in enumerate((TEAL, INDIGO, AMBER, CORAL, LEAF)):
        centre = (400 + index * 400, CANVAS_H // 2)
        draw.ellipse(circle_box((centre[0] + 12, centre[1] + 16), radius), fill=tint(INK, 0.82))
        target(draw, centre, radius, colour)


def draw_wheel_and_dials(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    wheel_centre, wheel_radius = (850, CANVAS_H // 2), 440
    for spoke_angle in (0, 90, 180):
        draw.line(
            [wheel_centre, polar(wheel_centre, wheel_radius - 30, spoke_angle)],
            fill=INDIGO,
            width=70,
        )
    draw.ellipse(circle_box(wheel_centre, wheel_radius), outline=INDIGO, width=80)
    draw.ellipse(circle_box(wheel_centre, 130), fill=INDIGO)
    draw.ellipse(circle_box(wheel_centre, 60), fill=AMBER)
    readings = ((0.3, TEAL), (0.75, AMBER), (0.55, CORAL))
    for index, (reading, colour) in enumerate(readings):
        dial(draw, (1810, 255 + index * 420), 175, reading, colour)


def draw_overlapping_patterns(image: Image.Image) -> None:
    radius = 420
    left_centre = (CENTRE[0] - 250, CENTRE[1])
    right_centre = (CENTRE[0] + 250, CENTRE[1])
    left_mask, right_mask = circle_mask(left_centre, radius), circle_mask(right_centre, radius)
    overlap_mask = ImageChops.multiply(left_mask, right_mask)
    image.paste(tint(INDIGO, 0.85), mask=left_mask)
    image.paste(tint(CORAL, 0.8), mask=right_mask)
    image.paste(tint(AMBER, 0.7), mask=overlap_mask)

    lines = Image.new("RGBA", image.size, (0, 0, 0, 0))
    lines_draw = ImageDraw.Draw(lines)
    for x in range(-CANVAS_H, CANVAS_W, 64):
        lines_draw.line([(x, CANVAS_H), (x + CANVAS_H, 0)], fill=INDIGO, width=14)
    image.paste(lines, mask=ImageChops.multiply(left_mask, lines.getchannel("A")))

    loops = Image.new("RGBA", image.size, (0, 0, 0, 0))
    loops_draw = ImageDraw.Draw(loops)
    angles = [step / 10 for step in range(1200)]
    for row_y in range(60, CANVAS_H, 130):
        # A prolate trochoid: a rolling point beyond the rim traces a row of loops.
        curve = [(40 + 22 * t - 48 * math.sin(t), row_y - 48 * math.cos(t)) for t in angles]
        loops_draw.line(curve, fill=CORAL, width=12, joint="curve")
    image.paste(loops, mask=ImageChops.multiply(right_mask, loops.getchannel("A")))

    draw = ImageDraw.Draw(image)
    draw.ellipse(circle_box(left_centre, radius), outline=INDIGO, width=18)
    draw.ellipse(circle_box(right_centre, radius), outline=CORAL, width=18)


def draw_converging_arrows(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    target_centre, target_radius = (1720, CANVAS_H // 2), 400
    target(draw, target_centre, target_radius, TEAL)
    half = 65
    squares = ((540, 200), (400, 440), (340, 675), (400, 910), (540, 1150))
    colours = (INDIGO, AMBER, CORAL, LEAF, INDIGO)
    for (x, y), colour in zip(squares, colours, strict=True):
        draw.rounded_rectangle((x - half, y - half, x + half, y + half), radius=20, fill=colour)
        start = (x + half + 30, y)
        direction = math.atan2(target_centre[1] - y, target_centre[0] - start[0])
        end = polar(target_centre, target_radius + 30, math.degrees(direction) + 180)
        arrow(draw, start, end, colour, width=16)


def draw_network_and_timeline(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    layer_sizes, layer_colours = (3, 4, 4, 2), (INDIGO, TEAL, TEAL, AMBER)
    layers = []
    for column, size in enumerate(layer_sizes):
        x = 600 + column * 400
        layers.append([(x, 510 + (row - (size - 1) / 2) * 190) for row in range(size)])
    for this_layer, next_layer in pairwise(layers):
        for start in this_layer:
            for end in next_layer:
                draw.line([start, end], fill=tint(INK, 0.6), width=8)
    for nodes, colour in zip(layers, layer_colours, strict=True):
        for node in nodes:
            draw.ellipse(circle_box(node, 52), fill=colour, outline=WHITE, width=12)

    timeline_y = 1130
    arrow(draw, (300, timeline_y), (2110, timeline_y), INK, width=16)
    for index in range(5):
        centre = (450 + index * 380, timeline_y)
        if index < 2:
            draw.ellipse(circle_box(centre, 32), fill=TEAL)
        elif index == 2:
            draw.ellipse(circle_box(centre, 46), fill=CORAL, outline=WHITE, width=10)
        else:
            draw.ellipse(circle_box(centre, 32), fill=WHITE, outline=INK, width=10)


COVERS: dict[str, Callable[[Image.Image], None]] = {
    "fixing-and-flexing-in-prince2-agile": draw_sliders,
    "11-essential-project-management-techniques": draw_tile_grid,
    "waterfall-method": draw_waterfall,
    "developing-your-project-management-career": draw_staircase,
    "kanban-management-from-chaos-to-clarity": draw_kanban_board,
    "project-management-kpis": draw_bar_chart,
    "sustainable-project-management": draw_leaf_ring,
    "five-targets-in-prince2-agile": draw_five_targets,
    "project-controls": draw_wheel_and_dials,
    "prince2-vs-agile-or-prince2-agile": draw_overlapping_patterns,
    "strategic-project-management": draw_converging_arrows,
    "how-to-apply-ai-technology-to-your-project": draw_network_and_timeline,
}


def draw_cover(slug: str) -> Image.Image:
    """Return the 1200x675 RGB cover for an article slug."""
    position = list(COVERS).index(slug)
    canvas = Image.new("RGB", (CANVAS_W, CANVAS_H), BACKGROUNDS[position % len(BACKGROUNDS)])
    COVERS[slug](canvas)
    return canvas.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def to_palette(image: Image.Image) -> Image.Image:
    """Reduce to a small palette so the flat artwork stays well under 60 KB per file."""
    # Max-coverage keeps small accents (a coral dot beside amber) apart, but it averages
    # each palette entry; snapping every entry to its most common source colour keeps
    # backgrounds and fills exactly the colours they were drawn with.
    indexed = image.quantize(
        PALETTE_COLOURS, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE
    )
    palette = indexed.getpalette()
    pairs = zip(indexed.get_flattened_data(), image.get_flattened_data(), strict=True)
    snapped = set()
    for (index, colour), _ in Counter(pairs).most_common():
        if index not in snapped:
            snapped.add(index)
            palette[index * 3 : index * 3 + 3] = colour
    indexed.putpalette(palette)
    return indexed


def write_covers(folder: Path) -> list[Path]:
    """Write `<slug>.png` for every cover into `folder` and return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for slug in COVERS:
        path = folder / f"{slug}.png"
        to_palette(draw_cover(slug)).save(path, optimize=True)
        paths.append(path)
    return paths


if __name__ == "__main__":
    images = Path(__file__).resolve().parent.parent / "faqbase" / "demo" / "content" / "images"
    for written in write_covers(images):
        print(f"{written.name}: {written.stat().st_size // 1024} KB")
