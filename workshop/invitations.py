"""Inviting guardians and staff to set up their account.

Django's password reset cannot serve: it skips accounts without a usable password, which is
what a new guardian's account is. An invitation link carries a token of its own, signed with
the site's secret and a salt of its own, valid for seven days, and tied to the account's
password and last sign-in: once the account is set up, the link no longer works.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from workshop.models import Guardian, Invitation, StaffMembership, User
from workshop.tasks import send_invitation

SALT = "kachinko.invitation"
VALID_FOR = datetime.timedelta(days=7)


def _state(user) -> str:
    """Changes when the account is set up (its password) or used (its last sign-in)."""
    return salted_hmac(
        SALT, f"{user.pk}:{user.password}:{user.last_login}", algorithm="sha256"
    ).hexdigest()[:20]


def invitation_token(user) -> str:
    return signing.dumps({"user": user.pk, "state": _state(user)}, salt=SALT)


@dataclass(frozen=True)
class TokenCheck:
    user: User | None
    expired: bool = False


def check_token(token: str) -> TokenCheck:
    """The account a token opens, if it is genuine, current and not used yet."""
    try:
        data = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.SignatureExpired:
        return TokenCheck(None, expired=True)
    except signing.BadSignature:
        return TokenCheck(None)
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or data.get("state") != _state(user):
        return TokenCheck(None)
    return TokenCheck(user)


def workshop_people(workshop):
    """Everyone an organizer may invite to the workshop: its staff and its children's
    guardians."""
    return User.objects.filter(
        Q(staff_memberships__workshop=workshop) | Q(guardianships__participant__workshop=workshop)
    ).distinct()


def invite(workshop, users, *, by, base_url: str) -> list[Invitation]:
    """Record an invitation for each user still without a password, and send each e-mail
    from a worker once the transaction commits. Those who have an account are skipped."""
    invitations = Invitation.objects.bulk_create(
        Invitation(user=user, workshop=workshop, invited_by=by)
        for user in users
        if not user.has_usable_password()
    )
    for invitation in invitations:
        transaction.on_commit(lambda pk=invitation.pk: send_invitation.delay(pk, base_url))
    return invitations


def deliver(invitation_id: int, base_url: str) -> bool:
    """Send the invitation's e-mail, in the invited person's language; exactly once, even
    when two workers run it: the one that marks it sent is the one that sends."""
    now = timezone.now()
    claimed = Invitation.objects.filter(pk=invitation_id, sent_at__isnull=True).update(sent_at=now)
    if not claimed:
        return False
    invitation = Invitation.objects.select_related("user", "workshop").get(pk=invitation_id)
    user = invitation.user
    link = base_url.rstrip("/") + reverse("invitation_accept", args=[invitation_token(user)])
    context = {
        "user": user,
        "workshop": invitation.workshop,
        "link": link,
        "valid_until": timezone.localtime(now + VALID_FOR).date(),
    }
    try:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = render_to_string("workshop/email/invitation_subject.txt", context)
            body = render_to_string("workshop/email/invitation.txt", context)
        send_mail(" ".join(subject.split()), body, None, [user.email])
    except Exception:
        Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise
    return True


@transaction.atomic
def accept(user, password: str) -> None:
    """The invited person chose their password: the account is set up, the link used."""
    user.set_password(password)
    user.save(update_fields=["password"])
    Invitation.objects.filter(user=user, accepted_at__isnull=True).update(
        accepted_at=timezone.now()
    )


@dataclass
class Invitee:
    user: User
    roles: list[str]
    children: list[str]
    invitation: Invitation | None

    @property
    def has_account(self) -> bool:
        return self.user.has_usable_password()


def invitation_list(workshop) -> list[Invitee]:
    """The workshop's people with what they are to it and their latest invitation to it."""
    users = workshop_people(workshop).prefetch_related(
        Prefetch(
            "invitations",
            queryset=Invitation.objects.filter(workshop=workshop).order_by("-created_at"),
            to_attr="workshop_invitations",
        ),
        Prefetch(
            "guardianships",
            queryset=Guardian.objects.filter(participant__workshop=workshop).select_related(
                "participant"
            ),
            to_attr="workshop_guardianships",
        ),
        Prefetch(
            "staff_memberships",
            queryset=StaffMembership.objects.filter(workshop=workshop),
            to_attr="workshop_roles",
        ),
    )
    return [
        Invitee(
            user=user,
            roles=[membership.get_role_display() for membership in user.workshop_roles],
            children=[link.participant.full_name for link in user.workshop_guardianships],
            invitation=next(iter(user.workshop_invitations), None),
        )
        for user in users.order_by("last_name", "first_name", "email")
    ]
