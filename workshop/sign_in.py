"""Signing in by a link sent by e-mail, and how long a sign-in lasts.

A link's token is Django's password reset token with a salt and a lifetime of its own: its
hash covers the account's password and last sign-in, so signing in with it (or any other
way) uses it up, and no table is needed. Asking for a link does the same work whether or
not the address has an account: the view only enqueues a task with the address, and the
worker looks the account up and writes, or does nothing.
"""

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from workshop.limits import LINK_MAILS_PER_ADDRESS, MAILS_PER_CLIENT
from workshop.models import StaffMembership, User
from workshop.tasks import send_sign_in_link


class SignInLinkTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "kachinko.sign_in.SignInLinkTokenGenerator"

    @property
    def timeout(self) -> int:
        return settings.KACHINKO_SIGN_IN_LINK_SECONDS

    def is_expired(self, token: str) -> bool:
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        return self._num_seconds(self._now()) - timestamp > self.timeout

    def check_token(self, user, token) -> bool:
        return not self.is_expired(token or "") and super().check_token(user, token)


sign_in_link_tokens = SignInLinkTokenGenerator()


def sign_in_link_path(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("sign_in_link_open", args=[uidb64, sign_in_link_tokens.make_token(user)])


def request_sign_in_link(email: str, *, client: str, base_url: str) -> None:
    """Send a sign-in link to the address, if it has an account and has not asked too often.
    Nothing here tells a caller, by answer or by time taken, whether the address is known."""
    email = email.strip().lower()
    MAILS_PER_CLIENT.hit(client)
    if LINK_MAILS_PER_ADDRESS.exceeded(email):
        return
    LINK_MAILS_PER_ADDRESS.hit(email)
    transaction.on_commit(partial(send_sign_in_link.delay, email, base_url))


def deliver_sign_in_link(email: str, base_url: str) -> bool:
    """Write the link to the account with this address, in its language; False when the
    address has no active account."""
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        return False
    context = {
        "user": user,
        "link": base_url.rstrip("/") + sign_in_link_path(user),
        "minutes": settings.KACHINKO_SIGN_IN_LINK_SECONDS // 60,
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = render_to_string("workshop/email/sign_in_link_subject.txt", context)
        body = render_to_string("workshop/email/sign_in_link.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
    return True


@dataclass(frozen=True)
class LinkCheck:
    user: User | None
    expired: bool = False


def check_sign_in_link(uidb64: str, token: str) -> LinkCheck:
    """The account a link opens, if it is genuine, younger than its lifetime and unused."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return LinkCheck(None)
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None:
        return LinkCheck(None)
    if sign_in_link_tokens.is_expired(token):
        return LinkCheck(None, expired=True)
    if not sign_in_link_tokens.check_token(user, token):
        return LinkCheck(None)
    return LinkCheck(user)


def is_staff_anywhere(user) -> bool:
    """Organizers, mentors and the site's administrators: those who read health records.
    Asked once at sign-in, from the database: the roles kept on the user object for a
    request would outlive it in a test that signs a user in, then changes their roles."""
    return (
        user.is_staff
        or user.is_superuser
        or StaffMembership.objects.filter(user_id=user.pk).exists()
    )


def set_session_age(sender, request, user, **kwargs) -> None:
    """On `user_logged_in`: staff sessions end sooner than families'."""
    if request is None or not hasattr(request, "session"):
        return
    staff = is_staff_anywhere(user)
    request.session.set_expiry(
        settings.KACHINKO_STAFF_SESSION_AGE if staff else settings.SESSION_COOKIE_AGE
    )
