"""Periodic housekeeping, driven by Celery beat's static schedule in settings."""

from importlib import import_module

from celery import shared_task
from django.conf import settings


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def clear_expired_sign_ins() -> None:
    """Delete expired login sessions so that stale sign-ins do not pile up in the database."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def count_release_audience(release_id: int) -> None:
    """Work out who a release affects, and keep the counts on the release for organizers.
    Delivering each person's own changes is the notifications' work."""
    from workshop.services import record_release_audience

    record_release_audience(release_id=release_id)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_invitation(invitation_id: int, base_url: str) -> None:
    """E-mail one invitation; a retry after a failure sends it, a repeat after a success
    does not."""
    from workshop.invitations import deliver

    deliver(invitation_id, base_url)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def send_sign_in_link(email: str, base_url: str) -> None:
    """E-mail a sign-in link to the account with this address, if there is one. A retry
    may send a second link; either works, once, until one of them is used."""
    from workshop.sign_in import deliver_sign_in_link

    deliver_sign_in_link(email, base_url)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def erase_expired_data() -> None:
    """Erase what each workshop past its retention window still holds, then the recorded
    e-mails as old (daily, by beat). A repeat, or a retry after a partial run, erases and
    logs only what is left."""
    from workshop.retention import erase_due_workshops, erase_recorded_mail

    erase_due_workshops()
    erase_recorded_mail()
