"""The film's background work: processing the media uploaded from the set."""

from celery import shared_task


@shared_task(acks_late=True)
def process_media(asset_id: int) -> None:
    """Make one asset's renditions. Claimed with a conditional update, so a repeat does
    nothing; a hostile file fails the asset with its reason and never the worker."""
    from projects.services import process_media as process

    process(asset_id)
