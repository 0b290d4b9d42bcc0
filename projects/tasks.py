"""The film's background work: processing the media uploaded from the set."""

from celery import shared_task
from django.db import DatabaseError


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def process_media(asset_id: int) -> None:
    """Make one asset's renditions. Claimed with a conditional update, so a repeat does
    nothing, and a database that cannot be reached is tried again; a hostile file fails the
    asset with its reason and never the worker."""
    from projects.services import process_media as process

    process(asset_id)
