"""Demo images drawn locally with Pillow: no download, no external service."""

import hashlib
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model


def _font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        # Pillow's built-in font scales since Pillow 10.1; no font file needed.
        return ImageFont.load_default(size=size)


def draw_png(label: str, color: str, size: tuple[int, int] = (1200, 750)) -> bytes:
    """A flat colour with a few circles and `label`, deterministic for the same input."""
    width, height = size
    image = PILImage.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    seed = hashlib.sha256(label.encode()).digest()
    for i in range(5):
        radius = 60 + seed[i] % 220
        x = seed[i + 5] * width // 255
        y = seed[i + 10] * height // 255
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            outline=(255, 255, 255),
            width=6,
        )
    font = _font(max(28, height // 9))
    box = draw.textbbox((0, 0), label, font=font)
    text_w, text_h = box[2] - box[0], box[3] - box[1]
    draw.text(((width - text_w) // 2, (height - text_h) // 2), label, fill="white", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def get_or_create_image(title: str, label: str, color: str, description: str = "", **kw):
    """The Wagtail image titled `title`, drawn and saved on first use."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    data = draw_png(label, color, **kw)
    slug = hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12]
    image = model(title=title, description=description[:255])
    image.file = ImageFile(io.BytesIO(data), name=f"demo-{slug}.png")
    image.save()
    return image
