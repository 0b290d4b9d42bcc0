"""A mail backend that records each message in the database (`RecordedMail`) instead of
sending it.

Chosen with DJANGO_EMAIL_BACKEND=deliveries.mail.RecordingBackend. Tests whose worker runs in
another process count what it sent from here, and since the record is written on the
worker's own database connection, inside the transaction that marks the delivery sent, a
worker killed halfway leaves neither the record nor the mark: what a transactional outbox
gives. An SMTP server cannot take part in that transaction; see services.send_one.
"""

import email.policy
from email.headerregistry import HeaderRegistry

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend


class _HeaderClasses(HeaderRegistry):
    """The standard library's header registry makes a new class for every header it parses
    (`type(...)` per call, some twenty-five per message): most of the time a message takes
    to build. The same class per header name, made once, parses the same way."""

    def __init__(self):
        super().__init__()
        self._made = {}

    def __getitem__(self, name):
        key = name.lower()
        if key not in self._made:
            self._made[key] = super().__getitem__(name)
        return self._made[key]

    def map_to_type(self, name, cls):
        super().map_to_type(name, cls)
        self._made.pop(name.lower(), None)


_HEADER_CLASSES = _HeaderClasses()
# The standard policies the mail backends build with (the SMTP backend asks for
# `email.policy.SMTP`), each with the registry above.
_POLICIES = [
    (standard, standard.clone(header_factory=_HEADER_CLASSES))
    for standard in (email.policy.default, email.policy.SMTP, email.policy.SMTPUTF8)
]


def with_header_classes(policy: email.policy.Policy) -> email.policy.Policy:
    """The same policy, with header classes made once, when it is a standard one."""
    return next((fast for standard, fast in _POLICIES if policy is standard), policy)


class DeliveryMessage(EmailMultiAlternatives):
    """A delivery's e-mail, built with header classes made once, whichever backend sends it:
    backends ask the message for its MIME form, SMTP's with its own policy."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=with_header_classes(policy))


class RecordingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from deliveries.models import RecordedMail

        records = []
        for message in email_messages:
            message.message()  # the same header checks as a real send
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                "",
            )
            records += [
                RecordedMail(
                    to=address,
                    subject=message.subject,
                    message_id=message.extra_headers.get("Message-ID", ""),
                    text=message.body,
                    html=html,
                )
                for address in message.recipients()
            ]
        RecordedMail.objects.bulk_create(records)
        return len(email_messages)
