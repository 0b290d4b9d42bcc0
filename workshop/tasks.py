"""Periodic housekeeping, driven by Celery beat's static schedule in settings."""

from importlib import import_module

from celery import shared_task
from django.conf import settings


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def clear_expired_sign_ins() -> None:
    """Delete expired login sessions so that stale sign-ins do not pile up in the database."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
