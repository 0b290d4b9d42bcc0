"""The demo's stills from the set: a few pictures for each crew, drawn here and processed as
the worker processes an upload, so that the galleries are not empty on the first visit.

Each still is tagged with children of its crew whose consent lets families see them, and the
third with one child who is photographed for the staff only: the families' galleries show
how consent decides."""

import io
import secrets

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from projects.models import MediaAsset
from projects.services import delete_media, process_media
from workshop.models import Participant

STILLS_PER_CREW = 3
SIZE = (1200, 900)
SHOWN_TO_FAMILIES = {Participant.MediaConsent.FAMILIES, Participant.MediaConsent.PUBLIC}


def add_photos(workshop, *, crews) -> None:
    """Replace the workshop's media with freshly drawn stills, ready to be seen: `crews` is
    each group with the mentor who took its pictures."""
    for asset in MediaAsset.objects.filter(group__workshop=workshop):
        delete_media(asset)
    for group, mentor in crews:
        children = list(
            Participant.objects.filter(membership__group=group).order_by("family_name_reading")
        )
        shown = [child for child in children if child.media_consent in SHOWN_TO_FAMILIES]
        staff_only = [
            child for child in children if child.media_consent == Participant.MediaConsent.WORKSHOP
        ]
        tags = [shown[:2], shown[2:4] or shown[:1], staff_only[:1] + shown[:1]]
        for number, tagged in enumerate(tags[:STILLS_PER_CREW], start=1):
            asset = MediaAsset(
                group=group,
                uploaded_by=mentor,
                key=secrets.token_hex(16),
                kind=MediaAsset.Kind.PHOTO,
                content_type="image/jpeg",
                original_name=f"{group.name.lower()}-{number}.jpg",
            )
            asset.original.save("original.jpg", ContentFile(_still(group.colour, number)))
            asset.children.set(tagged)
            process_media(asset.pk)


def _still(colour: str, number: int) -> bytes:
    """A simple scene in the crew's colour: a sky, the ground, a sun and a clapperboard."""
    width, height = SIZE
    image = Image.new("RGB", SIZE, "#f6efe3")
    draw = ImageDraw.Draw(image)
    horizon = height * (5 + number) // 12
    draw.rectangle((0, horizon, width, height), fill=colour)
    sun = width * number // (STILLS_PER_CREW + 1)
    draw.ellipse((sun - 90, 120, sun + 90, 300), fill="#f4b63f")
    board = (width // 2 - 160, horizon - 140, width // 2 + 160, horizon + 120)
    draw.rectangle(board, fill="#23202b")
    for stripe in range(6):
        left = board[0] + stripe * 55
        draw.polygon(
            [
                (left, board[1]),
                (left + 30, board[1]),
                (left + 55, board[1] + 40),
                (left + 25, board[1] + 40),
            ],
            fill="#ffffff",
        )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
