"""Reads of deliveries that serve the organizers' pages."""

import hashlib

from deliveries.models import Delivery

SHOWN_FAILED = 50


def failed_deliveries(workshop) -> list[Delivery]:
    """The workshop's deliveries that used every attempt, the latest first, for the
    dashboard's list of what to fix (one query)."""
    return list(
        Delivery.objects.filter(workshop=workshop, state=Delivery.State.FAILED)
        .select_related("recipient")
        .order_by("-due_at", "-pk")[:SHOWN_FAILED]
    )


def failed_key(failed: list[Delivery]) -> str:
    """What the dashboard's cached content depends on of these rows: it is rendered again when
    one fails or is resent (deliveries' writes leave the data version alone)."""
    if not failed:
        return ""
    ids = ",".join(f"{delivery.pk}.{delivery.attempts}" for delivery in failed)
    return hashlib.blake2b(ids.encode(), digest_size=8).hexdigest()
