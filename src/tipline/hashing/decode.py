"""Image bytes -> a small RGB array for PDQ, fast and refusing what should not be decoded.

Speed: PDQ box-filters the image down to 64x64, so full resolution buys nothing. PDQ's own
pure-Python reference hashes a thumbnail of at most 512x512; we do the same, but let libjpeg
scale in the DCT domain first (Pillow's JPEG draft mode: 1/2, 1/4 or 1/8, never below the target)
and finish with a bilinear resize. On the reference images this stays within 10 bits of every
published hash (C++ <= 10, Python <= 2, WASM <= 8) and hashes a 1 MP JPEG ~3x faster than
decoding it in full.

Safety: Pillow reads only the header on ``open``; the pixel count is checked before ``load``.

HEIC/HEIF (what iPhones and many Android phones save) is read through ``pillow-heif``'s Pillow
plug-in (libheif in its wheel), registered on import. It decodes in full (no draft mode), with the
HEIF container's own rotation/mirroring applied, as libheif and every viewer present the picture.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, UnidentifiedImageError

from tipline.hashing.errors import ImageTooLarge, NotAnImage
from tipline.hashing.orientation import exif_orientation

try:
    import pillow_heif
except ImportError:  # pragma: no cover - a dependency; without it HEIC files are "not an image"
    pillow_heif = None
else:
    pillow_heif.register_heif_opener(thumbnails=False)

#: longest side of the image handed to PDQ (the pure-Python reference's thumbnail size)
PDQ_SIDE = 512
#: more pixels than this is refused before decoding: 108 MP phone sensors pass, bombs do not
MAX_PIXELS = 120_000_000

# Pillow's guard is process-wide (default 89 MP, a warning above it and an error above twice it).
# Raised to our limit so that large phone photos pass; we also check the size ourselves below.
Image.MAX_IMAGE_PIXELS = max(Image.MAX_IMAGE_PIXELS or 0, MAX_PIXELS)


@dataclass(frozen=True, slots=True)
class DecodedImage:
    pixels: np.ndarray  # (height, width, 3) uint8, at most PDQ_SIDE on its longest side
    width: int  # as stored in the file
    height: int
    format: str
    orientation: int | None  # EXIF orientation 1-8, None when absent


def fit(width: int, height: int, side: int = PDQ_SIDE) -> tuple[int, int]:
    """The size that fits in ``side`` x ``side`` keeping the aspect ratio (never enlarges)."""
    scale = min(side / width, side / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _open(data: bytes) -> Image.Image:
    # DecompressionBombWarning is only a warning in Pillow: make it an error while opening.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
            raise ImageTooLarge(f"too many pixels to decode safely, a decompression bomb? ({e})") from None
        except UnidentifiedImageError:
            raise NotAnImage("not an image format that can be read (or its header is corrupt)") from None
        except Exception as e:  # corrupt headers raise all sorts: SyntaxError, struct.error, ValueError…
            raise NotAnImage(f"corrupt image header ({type(e).__name__}: {e})") from None


def _to_rgb_array(image: Image.Image) -> np.ndarray:
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        # 16-bit and float greyscale (medical, scientific PNG/TIFF): scale to 0-255 ourselves,
        # Pillow's convert("L") clips instead of scaling
        grey = np.asarray(image, dtype=np.float32)
        peak = float(grey.max(initial=0))
        top = 1.0 if image.mode == "F" and peak <= 1 else 255.0 if peak <= 255 else 65535.0
        grey = np.clip(grey * (255.0 / top), 0, 255).astype(np.uint8)
        return np.repeat(grey[:, :, None], 3, axis=2)
    if image.mode == "L":
        return np.repeat(np.asarray(image)[:, :, None], 3, axis=2)
    # RGBA/LA: the alpha channel is dropped, not composited, as the reference tools do
    return np.asarray(image if image.mode == "RGB" else image.convert("RGB"))


def decode(data: bytes, *, side: int = PDQ_SIDE, max_pixels: int = MAX_PIXELS) -> DecodedImage:
    """Decode the first frame of an image, scaled to fit ``side``; ``HashingError`` otherwise."""
    image = original = _open(data)
    image_format = original.format or "unknown"
    width, height = image.size
    if width <= 0 or height <= 0:
        raise NotAnImage(f"the image says it is {width}x{height} pixels")
    if width * height > max_pixels:
        raise ImageTooLarge(f"{width}x{height} is {width * height / 1e6:.0f} megapixels, more than the "
                            f"{max_pixels / 1e6:.0f} decoded for hashing (a decompression bomb?)")
    target = fit(width, height, side)
    try:
        image.draft(None, target)  # JPEG only: decode at 1/2, 1/4 or 1/8 scale, never below target
        image.load()
        orientation = exif_orientation(image)
        if image.mode in ("P", "PA", "1", "CMYK", "YCbCr", "LAB", "HSV"):
            image = image.convert("RGB")  # resizing a palette image would use nearest neighbour
        if image.size != target:
            image = image.resize(target, Image.Resampling.BILINEAR, reducing_gap=None)
        pixels = _to_rgb_array(image)
    except (Image.DecompressionBombError, MemoryError) as e:
        raise ImageTooLarge(f"too large to decode ({type(e).__name__})") from None
    except OSError as e:
        # "image file is truncated", "broken data stream", decoder errors
        raise NotAnImage(f"corrupt or truncated image data ({e})") from None
    except Exception as e:  # decoders raise ValueError, IndexError, SyntaxError… on hostile input
        raise NotAnImage(f"the image data cannot be decoded ({type(e).__name__}: {' '.join(str(e).split())})") from None
    finally:
        original.close()
    return DecodedImage(np.ascontiguousarray(pixels), width, height, image_format, orientation)
