"""The photo renditions part of `make bench` (issue 15): photos per second of our pipeline
(`projects.media.photo_renditions`: upright, no metadata, a 1600 and a 400 px JPEG) against
bare Pillow in draft mode making the same two JPEGs of the same 12-megapixel photos, in one
run and one process. Goal: our pipeline at least 0.9 times bare Pillow's rate.

The photos are made on the spot, as a phone makes them: 4000 by 3000 JPEGs of noise over
gradients (a flat colour would decode unrealistically fast), with EXIF (a camera, a GPS
position) and, for every other one, the orientation of a phone held upright. The two
pipelines take turns on every photo, in an order that alternates between rounds, so that
another program taking the CPU for a while slows both alike; the ratio is the median of the
rounds' ratios."""

import io
import math
import time
from dataclasses import dataclass
from statistics import median

from PIL import Image

GOAL = 0.9
PHOTO_SIZE = (4000, 3000)
DISPLAY_SIZE = 1600
THUMBNAIL_SIZE = 400


def phone_photo(n: int, *, size: tuple[int, int] = PHOTO_SIZE) -> bytes:
    """A JPEG as a phone takes it: noisy, with a camera and GPS position in its EXIF, and
    turned a quarter by its orientation for odd `n`."""
    noise = Image.effect_noise(size, 20 + 2 * n)
    red = Image.linear_gradient("L").resize(size)
    blue = red.transpose(Image.Transpose.ROTATE_90).resize(size)
    image = Image.merge(
        "RGB",
        (Image.blend(red, noise, 0.4), Image.blend(blue, red, 0.5), Image.blend(blue, noise, 0.3)),
    )
    exif = Image.Exif()
    exif[0x010F] = "Kachinko bench camera"
    exif[0x0112] = 6 if n % 2 else 1
    exif[0x8825] = {1: "N", 2: (35.0, 39.0, 29.0), 3: "E", 4: (139.0, 41.0, 30.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, exif=exif)
    return out.getvalue()


def bare_pillow(data: bytes) -> tuple[bytes, bytes]:
    """The least Pillow needs for the same two JPEGs: draft mode (at the smallest scale that
    covers the display rendition), `thumbnail`, `save`. No orientation, and the metadata is
    simply not passed on."""
    with Image.open(io.BytesIO(data)) as image:
        scale = DISPLAY_SIZE / max(image.size)
        image.draft("RGB", (math.ceil(image.width * scale), math.ceil(image.height * scale)))
        image.thumbnail((DISPLAY_SIZE, DISPLAY_SIZE))
        thumbnail = image.copy()
        thumbnail.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        return _saved(image), _saved(thumbnail)


def _saved(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def ours(data: bytes) -> tuple[bytes, bytes]:
    from projects.media import photo_renditions

    renditions = photo_renditions(io.BytesIO(data))
    return renditions.display, renditions.thumbnail


PIPELINES = {"our pipeline": ours, "bare Pillow": bare_pillow}


@dataclass(frozen=True)
class Renditions:
    """Photos per second of each pipeline (median over the rounds) and our rate over bare
    Pillow's (the median of the rounds' ratios)."""

    photos: int
    rounds: int
    ours_per_second: float
    pillow_per_second: float
    ratio: float

    @property
    def verdict(self) -> str:
        return "PASS" if self.ratio >= GOAL else "FAIL"


def check(display: bytes, thumbnail: bytes) -> None:
    """Both pipelines must make the same sizes of picture, ours with no EXIF; otherwise the
    comparison means nothing."""
    for data, longest in ((display, DISPLAY_SIZE), (thumbnail, THUMBNAIL_SIZE)):
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "JPEG" or max(image.size) != longest:
                raise ValueError(f"a rendition of {image.size} {image.format}, not {longest} px")


def summarise(*, photos: int, times: list[dict[str, float]]) -> Renditions:
    """From each round's seconds per pipeline (for all the photos), the rates and ratio."""
    return Renditions(
        photos=photos,
        rounds=len(times),
        ours_per_second=median([photos / round["our pipeline"] for round in times]),
        pillow_per_second=median([photos / round["bare Pillow"] for round in times]),
        ratio=median([round["bare Pillow"] / round["our pipeline"] for round in times]),
    )


def measure(*, photos: int = 6, rounds: int = 5, size=PHOTO_SIZE) -> Renditions:
    corpus = [phone_photo(n, size=size) for n in range(photos)]
    for data in corpus:  # warm up, and check that both make what they must
        for pipeline in PIPELINES.values():
            check(*pipeline(data))
        with Image.open(io.BytesIO(ours(data)[0])) as display:
            if dict(display.getexif()):
                raise ValueError("our display rendition kept EXIF")
    times = []
    for number in range(rounds):
        order = list(PIPELINES) if number % 2 == 0 else list(reversed(PIPELINES))
        spent = dict.fromkeys(PIPELINES, 0.0)
        for data in corpus:
            for name in order:
                started = time.perf_counter()
                PIPELINES[name](data)
                spent[name] += time.perf_counter() - started
        times.append(spent)
    return summarise(photos=photos, times=times)


def table(result: Renditions) -> str:
    """The lines `make bench` prints under the pages' tables."""
    return "\n".join(
        [
            f"{'renditions':<16} {'photos/s':>9} {'×':>6}  {'goal':<6}",
            "-" * 42,
            f"{'bare Pillow':<16} {result.pillow_per_second:>9.2f} {'1.00×':>6}",
            f"{'our pipeline':<16} {result.ours_per_second:>9.2f} "
            f"{f'{result.ratio:.2f}×':>6}  {f'≥ {GOAL:g}×':<6} {result.verdict}",
        ]
    )
