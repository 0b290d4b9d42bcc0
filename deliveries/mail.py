"""A mail backend that records each message in the database (`RecordedMail`) instead of
sending it.

Chosen with DJANGO_EMAIL_BACKEND=deliveries.mail.RecordingBackend. Tests whose worker runs in
another process count what it sent from here, and since the record is written on the
worker's own database connection, inside the transaction that marks the delivery sent, a
worker killed halfway leaves neither the record nor the mark: what a transactional outbox
gives. An SMTP server cannot take part in that transaction; see services.send_one.
"""

from django.core.mail.backends.base import BaseEmailBackend


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
