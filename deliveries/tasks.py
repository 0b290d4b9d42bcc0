"""Deliveries on Celery: the beat's dispatch every minute, and sending claimed rows."""

import uuid

from celery import shared_task


@shared_task
def dispatch_deliveries() -> int:
    """Plan, reclaim, claim and fan out what is due (every minute, from the beat schedule).
    Running it twice at once sends nothing twice: each claims its own rows."""
    from deliveries.services import dispatch

    return dispatch()


@shared_task
def send_deliveries(delivery_ids: list[int], claim: str) -> int:
    """Send the rows a dispatch claimed. A repeat of this task (a redelivered message) finds
    them sent, or claimed by another, and sends nothing; failures retry through the rows."""
    from deliveries.services import send_claimed

    return send_claimed(delivery_ids, claim=uuid.UUID(claim))
