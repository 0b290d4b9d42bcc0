"""Files for the media tests: real photos made on the spot, and the hostile corpus in
tests/projects/hostile/ (each made small by hand: see test_media.py for what each is)."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

HOSTILE = Path(__file__).resolve().parent / "hostile"


def photo(name="photo.jpg", *, size=(800, 600), colour="teal", image_format="JPEG", **save):
    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    image.save(out, image_format, **save)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def hostile(name: str, *, as_name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(as_name or name, (HOSTILE / name).read_bytes())


def upload(name: str, data: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def ready_photo(group, *, by, children=()):
    """A photo of the group, uploaded and processed as the worker would."""
    from projects.services import process_media, upload_media

    asset = upload_media(group, file=photo(), by=by, children=children)
    process_media(asset.pk)
    asset.refresh_from_db()
    return asset


def clip(name="take.mp4", *, container="mp4", seconds=3, size=(64, 48)):
    """A real clip, a few kilobytes: `seconds` of colour at ten frames a second."""
    import av

    out = io.BytesIO()
    with av.open(out, mode="w", format=container) as movie:
        stream = movie.add_stream("mpeg4", rate=10)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        for n in range(seconds * 10):
            frame = av.VideoFrame.from_image(Image.new("RGB", size, (n * 8 % 256, 100, 200)))
            for packet in stream.encode(frame):
                movie.mux(packet)
        for packet in stream.encode():
            movie.mux(packet)
    return SimpleUploadedFile(name, out.getvalue())


def wav(name="sound.wav", *, seconds=2, rate=8000):
    """A real WAV: a tone growing louder."""
    import math
    import struct
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        count = seconds * rate
        sound.writeframes(
            b"".join(
                struct.pack("<h", int(20000 * math.sin(n / 10) * n / count)) for n in range(count)
            )
        )
    return SimpleUploadedFile(name, out.getvalue())
