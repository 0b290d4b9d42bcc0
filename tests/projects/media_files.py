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
