# ruff: noqa: E501 -- shape coordinates and SVG markup read best one shape a line.
"""Demo images drawn locally with Pillow (and plain SVG): no download, no external service.

Every sector has a motif — sound waves for music, a grid for design, folds for
fashion, a film strip, a spotlight on a stage, stepped volumes for
architecture, a network of dots for higher education — drawn in white on the
sector's colour (`core.sector_colours`). A story's image puts the fields of its
sectors side by side with a bridge arching across them, so each story (seeded
by its key), each sector and each agency looks different. Motifs are built as
a few primitive shapes, rendered either with Pillow (story images) or as SVG
(agency logos), so both speak the same visual language.
"""

import hashlib
import io
import math
import random
from dataclasses import dataclass

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from core.sector_colours import sector_colour

Box = tuple[float, float, float, float]
Point = tuple[float, float]


@dataclass(frozen=True)
class Shape:
    """A primitive: "rect" and "ellipse" (filled, or outlined when `width`), "line", "polygon"."""

    kind: str
    points: tuple[Point, ...]
    width: float = 0
    opacity: float = 1.0


def _arc(cx: float, cy: float, r: float, start: float, end: float, steps: int = 24) -> tuple:
    return tuple(
        (
            cx + r * math.cos(math.radians(start + (end - start) * i / steps)),
            cy + r * math.sin(math.radians(start + (end - start) * i / steps)),
        )
        for i in range(steps + 1)
    )


def motif(slug: str, box: Box, rng: random.Random) -> list[Shape]:
    """The sector's motif inside `box` (x0, y0, x1, y1), varied by `rng`."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    unit = min(w, h)
    shapes: list[Shape] = []
    if slug == "music":  # concentric sound waves from a source
        cx, cy = x0 + w * rng.uniform(0.2, 0.45), y0 + h * rng.uniform(0.4, 0.7)
        shapes.append(
            Shape(
                "ellipse",
                ((cx - unit * 0.05, cy - unit * 0.05), (cx + unit * 0.05, cy + unit * 0.05)),
            )
        )
        for i in range(1, rng.randint(4, 6)):
            r = unit * 0.12 * i
            shapes.append(Shape("line", _arc(cx, cy, r, -55, 55), unit * 0.025, 1 - i * 0.12))
    elif slug == "design":  # a grid of squares, a few of them filled
        cols = rng.randint(3, 5)
        size = min(w, h) * 0.8 / cols
        gx, gy = x0 + (w - size * cols) / 2, y0 + (h - size * cols) / 2
        for i in range(cols):
            for j in range(cols):
                cell = (
                    (gx + i * size + size * 0.1, gy + j * size + size * 0.1),
                    (gx + (i + 0.9) * size, gy + (j + 0.9) * size),
                )
                filled = rng.random() < 0.3
                shapes.append(
                    Shape("rect", cell, 0 if filled else unit * 0.012, 0.9 if filled else 0.6)
                )
    elif slug == "fashion":  # diagonal folds of fabric
        step = unit * rng.uniform(0.09, 0.13)
        for k in range(-8, 14):
            x = x0 + k * step
            shapes.append(
                Shape(
                    "line",
                    ((x, y1), (x + h * 0.7, y0)),
                    step * rng.uniform(0.15, 0.45),
                    rng.uniform(0.35, 0.8),
                )
            )
    elif slug == "film-audiovisual":  # a strip of frames with sprocket holes
        top = y0 + h * rng.uniform(0.25, 0.45)
        band = unit * 0.42
        shapes.append(Shape("rect", ((x0, top), (x1, top + band)), 0, 0.85))
        hole = band * 0.09
        n = int(w / (hole * 2.4))
        for i in range(n):
            hx = x0 + i * hole * 2.4 + hole * 0.6
            shapes.append(
                Shape("rect", ((hx, top + hole * 0.6), (hx + hole, top + hole * 1.6)), 0, -1)
            )
            shapes.append(
                Shape(
                    "rect",
                    ((hx, top + band - hole * 1.6), (hx + hole, top + band - hole * 0.6)),
                    0,
                    -1,
                )
            )
        frame = band * 1.1
        for i in range(int(w / frame)):
            fx = x0 + i * frame + frame * 0.1
            shapes.append(
                Shape(
                    "rect",
                    ((fx, top + band * 0.25), (fx + frame * 0.8, top + band * 0.75)),
                    0,
                    -0.55,
                )
            )
    elif slug == "theatre-dance":  # a spotlight on a stage, a figure in its light
        sx = x0 + w * rng.uniform(0.3, 0.7)
        floor = y0 + h * 0.82
        spread = w * rng.uniform(0.22, 0.32)
        shapes.append(
            Shape(
                "polygon",
                (
                    (sx - unit * 0.04, y0),
                    (sx + unit * 0.04, y0),
                    (sx + spread, floor),
                    (sx - spread, floor),
                ),
                0,
                0.35,
            )
        )
        shapes.append(
            Shape(
                "ellipse",
                ((sx - spread, floor - unit * 0.05), (sx + spread, floor + unit * 0.05)),
                0,
                0.6,
            )
        )
        r = unit * 0.07
        shapes.append(
            Shape("ellipse", ((sx - r, floor - unit * 0.42 - r), (sx + r, floor - unit * 0.42 + r)))
        )
        shapes.append(
            Shape(
                "line",
                (
                    (sx - unit * 0.16, floor - unit * 0.3),
                    (sx, floor - unit * 0.22),
                    (sx + unit * 0.18, floor - unit * 0.36),
                ),
                unit * 0.035,
            )
        )
        shapes.append(
            Shape(
                "line",
                (
                    (sx, floor - unit * 0.33),
                    (sx, floor - unit * 0.15),
                    (sx - unit * 0.1, floor - unit * 0.02),
                ),
                unit * 0.035,
            )
        )
    elif slug == "architecture":  # stepped volumes
        steps = rng.randint(3, 5)
        base = y0 + h * 0.85
        width = w * 0.8 / steps
        for i in range(steps):
            top = base - h * (0.18 + 0.6 * (i + 1) / steps) * rng.uniform(0.8, 1.0)
            x = x0 + w * 0.1 + i * width
            shapes.append(Shape("rect", ((x, top), (x + width * 0.92, base)), 0, 0.45 + 0.1 * i))
            for row in range(int((base - top) / (unit * 0.09))):
                wy = top + unit * 0.04 + row * unit * 0.09
                shapes.append(
                    Shape(
                        "rect",
                        ((x + width * 0.25, wy), (x + width * 0.6, wy + unit * 0.035)),
                        0,
                        -0.5,
                    )
                )
    elif slug == "higher-education":  # a network of linked dots
        nodes = [
            (x0 + w * rng.uniform(0.1, 0.9), y0 + h * rng.uniform(0.15, 0.85))
            for _ in range(rng.randint(6, 9))
        ]
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 : i + 3]:
                shapes.append(Shape("line", (a, b), unit * 0.012, 0.6))
        for x, y in nodes:
            r = unit * rng.uniform(0.025, 0.05)
            shapes.append(Shape("ellipse", ((x - r, y - r), (x + r, y + r))))
    else:  # a sector without a motif of its own: a ring
        cx, cy, r = x0 + w / 2, y0 + h / 2, unit * 0.3
        shapes.append(Shape("ellipse", ((cx - r, cy - r), (cx + r, cy + r)), unit * 0.03))
    return shapes


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _paint(image: PILImage.Image, shapes: list[Shape], ground: str) -> None:
    """Draw `shapes` in white (negative opacity: in the ground colour) onto an RGB image."""
    overlay = PILImage.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for shape in shapes:
        colour = (255, 255, 255) if shape.opacity >= 0 else _rgb(ground)
        fill = (*colour, int(255 * abs(shape.opacity)))
        points = [tuple(map(round, p)) for p in shape.points]
        width = round(shape.width)
        if shape.kind == "line":
            draw.line(points, fill=fill, width=max(1, width), joint="curve")
        elif shape.kind == "polygon":
            draw.polygon(points, fill=fill)
        elif shape.kind in ("rect", "ellipse"):
            method = draw.rectangle if shape.kind == "rect" else draw.ellipse
            (ax, ay), (bx, by) = points
            box = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
            if width:
                method(box, outline=fill, width=width)
            else:
                method(box, fill=fill)
    image.paste(PILImage.alpha_composite(image.convert("RGBA"), overlay).convert("RGB"))


def draw_story_png(key: str, sectors: list[str], size: tuple[int, int] = (1200, 750)) -> bytes:
    """The fields of `sectors` side by side, each with its motif, a bridge arching across.

    Deterministic for the same key and sectors; different keys give different
    compositions of the same sectors.
    """
    width, height = size
    rng = random.Random(hashlib.sha256(key.encode()).digest())
    sectors = sectors or ["other"]
    image = PILImage.new("RGB", size, sector_colour(sectors[0]))
    draw = ImageDraw.Draw(image)
    # Fields with slanted borders: the sectors meet rather than sit in boxes.
    n = len(sectors)
    slant = width * 0.08 * (1 if rng.random() < 0.5 else -1)
    cuts = (
        [0.0] + [width * (i / n + rng.uniform(-0.06, 0.06)) for i in range(1, n)] + [float(width)]
    )
    for i, slug in enumerate(sectors):
        left, right = cuts[i], cuts[i + 1]
        lslant = 0 if i == 0 else slant
        rslant = 0 if i == n - 1 else slant
        polygon = [
            (left - lslant, 0),
            (right - rslant, 0),
            (right + rslant, height),
            (left + lslant, height),
        ]
        draw.polygon(polygon, fill=sector_colour(slug))
    for i, slug in enumerate(sectors):
        field = (cuts[i] + width * 0.02, height * 0.06, cuts[i + 1] - width * 0.02, height * 0.94)
        base = PILImage.new("RGB", size)
        base.paste(image)
        _paint(base, motif(slug, field, rng), sector_colour(slug))
        # Keep each motif inside its own field.
        mask = PILImage.new("L", size, 0)
        lslant = 0 if i == 0 else slant
        rslant = 0 if i == n - 1 else slant
        left, right = cuts[i], cuts[i + 1]
        ImageDraw.Draw(mask).polygon(
            [
                (left - lslant, 0),
                (right - rslant, 0),
                (right + rslant, height),
                (left + lslant, height),
            ],
            fill=255,
        )
        image.paste(base, (0, 0), mask)
    # The bridge: the network's mark, spanning every field.
    span_y = height * rng.uniform(0.72, 0.86)
    radius = width * 0.62
    cy = span_y + math.sqrt(max(radius**2 - (width / 2) ** 2, 0)) * 0.55
    bridge = _arc(width / 2, cy + radius * 0.45, radius, 200, 340, 48)
    _paint(image, [Shape("line", bridge, height * 0.018, 0.95)], "#000000")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        # Pillow's built-in font scales since Pillow 10.1; no font file needed.
        return ImageFont.load_default(size=size)


def draw_png(label: str, color: str, size: tuple[int, int] = (1200, 750)) -> bytes:
    """A flat colour with `label` centred: a plain placeholder, deterministic for the same input."""
    width, height = size
    image = PILImage.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    font = _font(max(12, height // 9))
    box = draw.textbbox((0, 0), label, font=font)
    text_w, text_h = box[2] - box[0], box[3] - box[1]
    draw.text(((width - text_w) // 2, (height - text_h) // 2), label, fill="white", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _svg_shapes(shapes: list[Shape], ground: str) -> str:
    parts = []
    for shape in shapes:
        colour = "#fff" if shape.opacity >= 0 else ground
        opacity = f' opacity="{abs(shape.opacity):.2f}"' if abs(shape.opacity) < 1 else ""
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in shape.points)
        if shape.kind == "line":
            parts.append(
                f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="{shape.width:.1f}" stroke-linecap="round" stroke-linejoin="round"{opacity}/>'
            )
        elif shape.kind == "polygon":
            parts.append(f'<polygon points="{pts}" fill="{colour}"{opacity}/>')
        else:
            (ax, ay), (bx, by) = shape.points
            x, y, w, h = min(ax, bx), min(ay, by), abs(bx - ax), abs(by - ay)
            paint = (
                f'fill="none" stroke="{colour}" stroke-width="{shape.width:.1f}"'
                if shape.width
                else f'fill="{colour}"'
            )
            if shape.kind == "rect":
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" {paint}{opacity}/>'
                )
            else:
                parts.append(
                    f'<ellipse cx="{x + w / 2:.1f}" cy="{y + h / 2:.1f}" rx="{w / 2:.1f}" ry="{h / 2:.1f}" {paint}{opacity}/>'
                )
    return "".join(parts)


def agency_logo_svg(slug: str, title: str, short_name: str, sectors: list[str]) -> bytes:
    """An agency's logo: an emblem with its sectors' motifs, its short name and its name."""
    from xml.sax.saxutils import escape

    rng = random.Random(slug)
    sectors = sectors or ["other"]
    emblem = []
    size = 120
    part = size / len(sectors)
    for i, sector in enumerate(sectors):
        ground = sector_colour(sector)
        emblem.append(
            f'<rect x="{i * part:.1f}" y="0" width="{part:.1f}" height="{size}" fill="{ground}"/>'
        )
        emblem.append(
            _svg_shapes(motif(sector, (i * part + 8, 8, (i + 1) * part - 8, size - 8), rng), ground)
        )
    name = escape(title)
    text_size = 22 if len(title) <= 18 else 17
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="120" viewBox="0 0 480 120" '
        f'role="img" aria-label="{name}">'
        '<defs><clipPath id="e"><rect width="120" height="120" rx="18"/></clipPath></defs>'
        f'<g clip-path="url(#e)">{"".join(emblem)}</g>'
        '<g font-family="Figtree, DejaVu Sans, Verdana, sans-serif" fill="#1b1b1f">'
        f'<text x="140" y="66" font-size="46" font-weight="700">{escape(short_name)}</text>'
        f'<text x="141" y="98" font-size="{text_size}">{name}</text></g></svg>'
    )
    return svg.encode()


def _save_image(title: str, description: str, data: bytes, extension: str, focus=None):
    """Save a Wagtail image; `focus` is the focal point as fractions (x, y, width, height)."""
    model = get_image_model()
    slug = hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12]
    image = model(title=title, description=description[:255])
    image.file = ImageFile(io.BytesIO(data), name=f"demo-{slug}.{extension}")
    if focus is not None:
        image.save()  # width and height are known once saved
        x, y, w, h = focus
        image.focal_point_x, image.focal_point_y = round(image.width * x), round(image.height * y)
        image.focal_point_width = round(image.width * w)
        image.focal_point_height = round(image.height * h)
    image.save()
    return image


def get_or_create_image(title: str, label: str, color: str, description: str = "", **kw):
    """The Wagtail image titled `title`, a plain placeholder drawn and saved on first use."""
    existing = get_image_model().objects.filter(title=title).first()
    if existing is not None:
        return existing
    return _save_image(title, description, draw_png(label, color, **kw), "png")


def get_or_create_story_image(key: str, sectors: list[str], description: str):
    """The story's illustration (its sectors' fields and motifs), drawn and saved on first use."""
    title = f"Story {key} ({', '.join(sectors)})"
    existing = get_image_model().objects.filter(title=title).first()
    if existing is not None:
        return existing
    # The focal point sits where the sectors meet, so a crop keeps the encounter.
    focus = (0.5, 0.45, 0.5, 0.6) if len(sectors) > 1 else (0.5, 0.5, 0.6, 0.6)
    return _save_image(title, description, draw_story_png(key, sectors), "png", focus)


def get_or_create_agency_logo(slug: str, title: str, short_name: str, sectors: list[str]):
    """The agency's SVG logo, generated and saved on first use."""
    name = f"Logo {title} (SVG)"
    existing = get_image_model().objects.filter(title=name).first()
    if existing is not None:
        return existing
    return _save_image(
        name, f"Logo {title}", agency_logo_svg(slug, title, short_name, sectors), "svg"
    )
