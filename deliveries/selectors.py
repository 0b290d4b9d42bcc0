"""Reads of deliveries that serve the organizers' pages."""

import hashlib
from dataclasses import dataclass

from deliveries.models import Delivery
from deliveries.planning import call_sheet_subject, screening_subject
from workshop.models import StaffMembership, WorkshopDay

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


@dataclass(frozen=True)
class CallSheetRecipient:
    delivery: Delivery
    version: str  # "staff" or "family", as the message linked to

    @property
    def is_sent(self) -> bool:
        return self.delivery.state == Delivery.State.SENT


def call_sheet_recipients(day: WorkshopDay) -> list[CallSheetRecipient]:
    """Who the day's call sheet went to, with what became of it: sent, confirmed (two
    queries however many recipients)."""
    staff = set(
        StaffMembership.objects.filter(workshop_id=day.workshop_id).values_list(
            "user_id", flat=True
        )
    )
    deliveries = (
        Delivery.objects.filter(
            workshop_id=day.workshop_id,
            kind=Delivery.Kind.CALL_SHEET,
            subject=call_sheet_subject(day.pk),
        )
        .select_related("recipient")
        .order_by("recipient__last_name", "recipient__first_name", "recipient__email")
    )
    return [
        CallSheetRecipient(delivery, "staff" if delivery.recipient_id in staff else "family")
        for delivery in deliveries
    ]


def screening_invitations_sent(workshop) -> int:
    """How many families the screening's invitation was sent to, for its organizers."""
    return Delivery.objects.filter(
        workshop=workshop,
        kind=Delivery.Kind.SCREENING_INVITATION,
        subject=screening_subject(workshop.pk),
        state=Delivery.State.SENT,
    ).count()
