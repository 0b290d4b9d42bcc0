"""Photos, clips and sound as files: what a file really is (by its content, never its name),
and their renditions: a photo's, a clip's poster frame (PyAV) and a sound's waveform. Pure
functions over bytes and file objects; the models and the storage are the services'
business (projects/services.py)."""

import datetime
import io
import math
import warnings
from array import array
from dataclasses import dataclass

import av
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageDraw, ImageFile, UnidentifiedImageError

THUMBNAIL_SIZE = 400
DISPLAY_SIZE = 1600
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
    "audio/wav": ".wav",
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
}
# ISO base media brands that say "sound only" and "QuickTime"; any other is an MP4 video.
SOUND_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
QUICKTIME_BRANDS = {b"qt  "}
# What each EXIF orientation asks to make the picture upright (as ImageOps.exif_transpose).
ORIENTATIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# Those that turn the picture a quarter: width and height trade places.
QUARTER_TURNS = {
    Image.Transpose.TRANSPOSE,
    Image.Transpose.ROTATE_270,
    Image.Transpose.TRANSVERSE,
    Image.Transpose.ROTATE_90,
}


class MediaRefused(Exception):
    """A file that is not what we accept, or that cannot be read; the message says why in
    words a mentor can act on."""


@dataclass(frozen=True)
class Judged:
    kind: str  # "photo", "video" or "sound", as MediaAsset.Kind
    content_type: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


@dataclass(frozen=True)
class Renditions:
    """What the families may see of a file: two images, JPEG (photos, poster frames) or PNG
    (waveforms), and what was learnt of the original on the way."""

    thumbnail: bytes
    display: bytes
    extension: str = ".jpg"
    width: int | None = None
    height: int | None = None
    duration: datetime.timedelta | None = None


def judge(file) -> Judged:
    """What the file is, from its first bytes (and Pillow's own check for photos). Anything
    else raises MediaRefused. The file is left at its start."""
    file.seek(0)
    head = file.read(64)
    file.seek(0)
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    ):
        return Judged("photo", _verified_photo_type(file))
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in SOUND_BRANDS:
            return Judged("sound", "audio/mp4")
        return Judged("video", "video/quicktime" if brand in QUICKTIME_BRANDS else "video/mp4")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return Judged("sound", "audio/wav")
    if head.startswith(b"ID3") or _is_mp3_frame(head):
        return Judged("sound", "audio/mpeg")
    raise MediaRefused(
        _(
            "This file is not a photo (JPEG, PNG, WebP), a video (MP4, MOV) or a sound "
            "(WAV, MP3, M4A)."
        )
    )


def _is_mp3_frame(head: bytes) -> bool:
    """An MPEG audio frame header: eleven sync bits, a known version and layer, a bitrate
    and a sampling rate that are not the reserved values."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 0b11, (head[1] >> 1) & 0b11
    bitrate, sampling = head[2] >> 4, (head[2] >> 2) & 0b11
    return version != 1 and layer != 0 and bitrate not in (0, 15) and sampling != 3


def _verified_photo_type(file) -> str:
    try:
        with _bombs_are_errors(), Image.open(file) as image:
            image.verify()
            content_type = PHOTO_FORMATS.get(image.format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaRefused(_("This photo is far too large to open (too many pixels).")) from None
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError):
        raise MediaRefused(_("This photo is damaged and cannot be read.")) from None
    finally:
        file.seek(0)
    if content_type is None:
        raise MediaRefused(_("Only JPEG, PNG and WebP photos are accepted."))
    return content_type


class _bombs_are_errors(warnings.catch_warnings):
    """Pillow warns above MAX_IMAGE_PIXELS and refuses only at twice that: warn is refuse.
    And a truncated file is an error, whatever another library set for the whole process
    (WeasyPrint, imported by the call sheets' PDF, sets LOAD_TRUNCATED_IMAGES on import)."""

    def __enter__(self):
        result = super().__enter__()
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        self._load_truncated = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        return result

    def __exit__(self, *exc_info):
        ImageFile.LOAD_TRUNCATED_IMAGES = self._load_truncated
        return super().__exit__(*exc_info)


def photo_renditions(file) -> Renditions:
    """The thumbnail (~400 px) and display (~1600 px) JPEGs of a photo, upright and with no
    metadata at all (EXIF with its GPS position, ICC, XMP, comments). Large JPEGs are decoded
    at a reduced scale (draft mode). Raises MediaRefused, with the reason, for a file that
    is not a photo, too many pixels, or truncated."""
    try:
        with _bombs_are_errors(), Image.open(file) as image:
            if image.format not in PHOTO_FORMATS:
                raise MediaRefused(_("Only JPEG, PNG and WebP photos are accepted."))
            width, height = image.size
            turn = ORIENTATIONS.get(image.getexif().get(0x0112))
            # Decoded at the smallest scale that still covers the display rendition: asked
            # for the square box, draft mode would keep a 4000 x 3000 photo whole.
            image.draft("RGB", fitted(image.size, DISPLAY_SIZE))
            image.load()
            display = _flattened(image)
            # Turned upright once reduced: a quarter of the pixels to move.
            display.thumbnail(
                (DISPLAY_SIZE, DISPLAY_SIZE), Image.Resampling.BICUBIC, reducing_gap=2.0
            )
            if turn is not None:
                display = display.transpose(turn)
                if turn in QUARTER_TURNS:
                    width, height = height, width
    except MediaRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaRefused(_("This photo is far too large to open (too many pixels).")) from None
    except UnidentifiedImageError:
        raise MediaRefused(_("This file is not a photo that can be read.")) from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        if "truncated" in str(error):
            raise MediaRefused(_("This photo is incomplete: the file was cut short.")) from None
        raise MediaRefused(_("This photo is damaged and cannot be read.")) from None
    return _image_renditions(display, width=width, height=height)


def fitted(size: tuple[int, int], longest: int) -> tuple[int, int]:
    """The size within a `longest`-pixel square that keeps the proportions (never larger),
    rounded up: what draft mode must decode at least."""
    width, height = size
    scale = min(1, longest / max(width, height))
    return math.ceil(width * scale), math.ceil(height * scale)


def _image_renditions(display: Image.Image, **learnt) -> Renditions:
    display.thumbnail((DISPLAY_SIZE, DISPLAY_SIZE), Image.Resampling.BICUBIC, reducing_gap=2.0)
    thumbnail = display.copy()
    thumbnail.thumbnail(
        (THUMBNAIL_SIZE, THUMBNAIL_SIZE), Image.Resampling.BICUBIC, reducing_gap=2.0
    )
    return Renditions(thumbnail=_jpeg(thumbnail), display=_jpeg(display), **learnt)


def _flattened(image: Image.Image) -> Image.Image:
    """RGB pixels only: transparency laid on white, palettes and greys expanded. An RGB
    image is returned as it is, not copied."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image if image.mode == "RGB" else image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    """The pixels as a JPEG with no metadata: nothing of the original's info is passed on."""
    image.info = {}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=False, exif=b"", icc_profile=None)
    return out.getvalue()


# A clip's poster is its picture this far in (or its first, if it is shorter).
POSTER_AT_SECONDS = 1
WAVEFORM_SIZE = (DISPLAY_SIZE, 400)
WAVEFORM_RATE = 8000  # samples a second: plenty for a picture of the loudness
WAVEFORM_COLOUR = (28, 126, 214)


def clip_renditions(file) -> Renditions:
    """A clip's duration, size and poster frame (as a photo's renditions, upright). Raises
    MediaRefused for a file that is not a clip that can be read, or a picture with more
    pixels than Pillow would open."""
    try:
        with av.open(file, mode="r") as container:
            if not container.streams.video:
                raise MediaRefused(_("This clip has no picture."))
            stream = container.streams.video[0]
            width, height = stream.codec_context.width, stream.codec_context.height
            if width * height > Image.MAX_IMAGE_PIXELS:
                raise MediaRefused(_("This clip's picture is far too large (too many pixels)."))
            duration = _duration(container, stream)
            if duration and duration > 2 * POSTER_AT_SECONDS and stream.time_base:
                container.seek(int(POSTER_AT_SECONDS / stream.time_base), stream=stream)
            frame = next(container.decode(stream), None)
            if frame is None:
                raise MediaRefused(_("This clip has no picture that can be read."))
            poster = frame.to_image()
            turn = frame.rotation
    except MediaRefused:
        raise
    except (av.FFmpegError, OSError, ValueError, EOFError, StopIteration):
        raise MediaRefused(_("This clip is damaged or not a video that can be read.")) from None
    if turn:
        poster = poster.rotate(turn, expand=True)
        if turn % 180:
            width, height = height, width
    return _image_renditions(
        poster.convert("RGB"), width=width, height=height, duration=_timedelta(duration)
    )


def sound_renditions(file) -> Renditions:
    """A sound's duration and its waveform (PNG): the loudest moment of each column. Raises
    MediaRefused for a file that is not a sound that can be read."""
    samples = array("h")
    try:
        with av.open(file, mode="r") as container:
            if not container.streams.audio:
                raise MediaRefused(_("This file has no sound."))
            stream = container.streams.audio[0]
            duration = _duration(container, stream)
            resampler = av.AudioResampler(format="s16", layout="mono", rate=WAVEFORM_RATE)
            for frame in container.decode(stream):
                for mono in resampler.resample(frame):
                    samples.frombytes(bytes(mono.planes[0])[: mono.samples * 2])
    except MediaRefused:
        raise
    except (av.FFmpegError, OSError, ValueError, EOFError):
        raise MediaRefused(_("This sound is damaged or not a sound that can be read.")) from None
    if not samples:
        raise MediaRefused(_("This sound is empty."))
    if not duration:
        duration = len(samples) / WAVEFORM_RATE
    display = _waveform(samples, WAVEFORM_SIZE)
    thumbnail = display.resize((THUMBNAIL_SIZE, THUMBNAIL_SIZE * 400 // DISPLAY_SIZE))
    return Renditions(
        thumbnail=_png(thumbnail),
        display=_png(display),
        extension=".png",
        duration=_timedelta(duration),
    )


def _duration(container, stream) -> float | None:
    if container.duration:
        return container.duration / av.time_base
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return None


def _timedelta(seconds: float | None) -> datetime.timedelta | None:
    return None if seconds is None else datetime.timedelta(seconds=round(seconds, 3))


def _waveform(samples: array, size: tuple[int, int]) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    middle = height // 2
    per_column = max(1, len(samples) // width)
    for x in range(min(width, len(samples))):
        column = samples[x * per_column : (x + 1) * per_column]
        peak = max(max(column), -min(column)) / 32768
        reach = max(1, round(peak * (middle - 4)))
        draw.line([(x, middle - reach), (x, middle + reach)], fill=WAVEFORM_COLOUR)
    return image


def _png(image: Image.Image) -> bytes:
    image.info = {}
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
