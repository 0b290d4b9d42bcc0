"""Sending deliveries exactly once: claim, send, retry, resend.

The beat task (`dispatch`) plans what is due, frees claims whose worker died, claims due rows
with a conditional UPDATE under a token of its own, and enqueues their sending once that
commits. A worker sends a row only while it still holds that claim; the row is marked sent in
the transaction that hands the message to the mail backend. Two beats at once claim
disjoint rows: an UPDATE … WHERE state = 'due' changes a row for one of them only.
"""

import datetime
import logging
import uuid
from itertools import batched

from django.conf import settings
from django.core import mail, signing
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from deliveries.models import Delivery
from deliveries.planning import (
    plan_call_sheets,
    plan_change_notices,
    plan_evening_reminders,
    plan_mentor_mornings,
    plan_screening_invitations,
)
from workshop import page_cache
from workshop.models import WorkshopDay

log = logging.getLogger(__name__)


def claim_timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.DELIVERY_CLAIM_TIMEOUT)


def backoff(attempts: int) -> datetime.timedelta:
    """How long a failed send waits before its next try: 1, 2, 4, 8… minutes, at most an hour."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def reclaim_stale(*, now: datetime.datetime) -> int:
    """Claims older than the claim timeout belong to a worker that died: their rows are due
    again, or failed once they have used every attempt."""
    stale = Delivery.objects.filter(
        state=Delivery.State.CLAIMED, claimed_at__lt=now - claim_timeout()
    )
    stale.filter(attempts__gte=settings.DELIVERY_MAX_ATTEMPTS).update(
        state=Delivery.State.FAILED,
        claim=None,
        claimed_at=None,
        last_error="The worker sending it stopped before it was sent.",
    )
    return stale.update(state=Delivery.State.DUE, claim=None, claimed_at=None, due_at=now)


def claim_due(*, now: datetime.datetime, limit: int) -> tuple[uuid.UUID, list[int]]:
    """Claim up to `limit` due rows under a new token; the ids returned are the ones this
    claim won, whoever else claimed at the same time."""
    token = uuid.uuid4()
    candidates = list(
        Delivery.objects.due(now).order_by("due_at", "pk").values_list("pk", flat=True)[:limit]
    )
    if not candidates:
        return token, []
    Delivery.objects.filter(pk__in=candidates, state=Delivery.State.DUE).update(
        state=Delivery.State.CLAIMED, claim=token, claimed_at=now, attempts=F("attempts") + 1
    )
    won = Delivery.objects.filter(claim=token, state=Delivery.State.CLAIMED)
    return token, list(won.order_by("pk").values_list("pk", flat=True))


def dispatch(*, now: datetime.datetime | None = None) -> int:
    """The beat's work, every minute: plan, free dead claims, claim what is due, and send it
    from the workers in chunks once the claims are committed. Returns how many were claimed."""
    from deliveries.tasks import send_deliveries

    now = now or timezone.now()
    plan_evening_reminders(now)
    plan_mentor_mornings(now)
    plan_change_notices(now)
    plan_screening_invitations(now)
    reclaim_stale(now=now)
    claimed = 0
    limit = settings.DELIVERY_CLAIM_LIMIT
    while True:
        with transaction.atomic():
            token, ids = claim_due(now=now, limit=limit)
            for chunk in batched(ids, settings.DELIVERY_CHUNK):
                send_deliveries.delay_on_commit(list(chunk), str(token))
        claimed += len(ids)
        if len(ids) < limit:
            return claimed


def send_claimed(delivery_ids: list[int], *, claim: uuid.UUID) -> int:
    """Send each of the rows this claim holds, over one connection to the mail server;
    returns how many were sent."""
    from deliveries.content import prepare

    deliveries = list(
        Delivery.objects.filter(pk__in=delivery_ids, claim=claim, state=Delivery.State.CLAIMED)
        .select_related("recipient", "workshop")
        .order_by("pk")
    )
    shared = {}
    prepare(deliveries, shared)
    mailer = mail.mailers.default
    try:
        mailer.open()
    except Exception as error:
        log.warning("No connection to the mail server: %s", error)
        for delivery in deliveries:
            record_failure(delivery, claim=claim, error=error)
        return 0
    with mailer, page_cache.changes_noted_once():
        return sum(
            send_one(delivery, claim=claim, shared=shared, mailer=mailer) for delivery in deliveries
        )


def _commit_not_waiting_for_disk() -> None:
    """On PostgreSQL, this transaction's commit does not wait for its WAL to reach the disk
    (`SET LOCAL`: it ends with the transaction). Only a crash of the database server itself
    can then lose the last fraction of a second of commits: their messages go again, with
    the same Message-ID, the window SMTP already has between the server's acceptance and the
    commit; a message recorded in the database is lost with its mark. A killed worker loses
    nothing: the server has its commits."""
    connection = connections["default"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def send_one(delivery: Delivery, *, claim: uuid.UUID, shared: dict, mailer) -> bool:
    """Send one claimed row, if the claim still holds it. The row is marked sent and the
    message handed to the mail backend in one transaction: a failure leaves it claimed for
    `record_failure`, a killed worker leaves it claimed until the claim times out. With SMTP
    the one window left is between the server's acceptance and the commit; the message then
    goes again with the same Message-ID, which mail clients treat as one message."""
    from deliveries.content import compose

    held = Delivery.objects.filter(pk=delivery.pk, claim=claim, state=Delivery.State.CLAIMED)
    try:
        message = compose(delivery, shared=shared)
        with transaction.atomic():
            _commit_not_waiting_for_disk()
            if not held.update(state=Delivery.State.SENT, sent_at=timezone.now(), last_error=""):
                return False
            mailer.send_messages([message])
    except Exception as error:
        log.warning("Delivery %s failed: %s", delivery.pk, error)
        record_failure(delivery, claim=claim, error=error)
        return False
    return True


def record_failure(delivery: Delivery, *, claim: uuid.UUID, error: Exception) -> None:
    """Try again later, with backoff; after the last attempt, failed (shown to organizers)."""
    held = Delivery.objects.filter(pk=delivery.pk, claim=claim, state=Delivery.State.CLAIMED)
    reason = f"{type(error).__name__}: {error}"[:1000]
    if delivery.attempts >= settings.DELIVERY_MAX_ATTEMPTS:
        held.update(state=Delivery.State.FAILED, last_error=reason, claim=None, claimed_at=None)
    else:
        held.update(
            state=Delivery.State.DUE,
            due_at=timezone.now() + backoff(delivery.attempts),
            last_error=reason,
            claim=None,
            claimed_at=None,
        )


def resend(delivery: Delivery) -> bool:
    """Put a failed delivery back to due, with its attempts anew; the beat sends it (and one
    is asked for at once). False when it was not failed."""
    from deliveries.tasks import dispatch_deliveries

    again = Delivery.objects.filter(pk=delivery.pk, state=Delivery.State.FAILED).update(
        state=Delivery.State.DUE, due_at=timezone.now(), attempts=0, claim=None, claimed_at=None
    )
    if again:
        dispatch_deliveries.delay_on_commit()
    return bool(again)


def send_call_sheet(day: WorkshopDay) -> int:
    """Plan the day's call sheet to its staff and families and ask for a dispatch once that
    commits, rather than waiting for the beat's next minute. Returns the rows asked for;
    those sent already are not sent again."""
    from deliveries.tasks import dispatch_deliveries

    with transaction.atomic():
        planned = plan_call_sheets(day, now=timezone.now())
        dispatch_deliveries.delay_on_commit()
    return planned


CONFIRM_SALT = "deliveries.confirm"
CONFIRM_MAX_AGE = datetime.timedelta(days=60)


def confirm_token(delivery_id: int) -> str:
    """The signed part of a confirm link: the signature is the credential, so the link
    works without signing in and confirms this one delivery only."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(delivery_id))


def confirmable(token: str) -> Delivery | None:
    """The call sheet delivery a confirm link names, or None when the link was changed,
    is too old or names no call sheet."""
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    if not value.isdigit():
        return None
    return (
        Delivery.objects.filter(pk=int(value), kind=Delivery.Kind.CALL_SHEET)
        .select_related("workshop", "recipient")
        .first()
    )


def confirm(delivery: Delivery) -> bool:
    """Record that the recipient read the call sheet; the first time only (True then)."""
    now = timezone.now()
    confirmed = Delivery.objects.filter(pk=delivery.pk, confirmed_at=None).update(confirmed_at=now)
    if confirmed:
        delivery.confirmed_at = now
    return bool(confirmed)
