"""Family-facing text in the reader's language: what to bring, the notes for families and the
session titles families see are written in their workshop's language (`Workshop.language`)
and may carry translations, {language code: text}, in a `<field>_translations` JSON field
beside them — on the working copy and, frozen with it, on each release.

A reader gets their language (the request's, which is the account's chosen one) and, where
that translation is missing or blank, the workshop's own text."""

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES = tuple(code for code, _ in settings.LANGUAGES)
TRANSLATED_FIELDS = {
    "WorkshopDay": ("what_to_bring", "family_notes"),
    "ReleasedDay": ("what_to_bring", "family_notes"),
    "Session": ("title",),
    "ReleasedSession": ("title",),
}


def reader_language(language: str | None = None) -> str:
    """The language asked for, or the active one, as a bare code ("ja" of "ja-jp")."""
    return (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def translated(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>` in the reader's language, else as written."""
    translations = getattr(obj, f"{field}_translations", None) or {}
    text = translations.get(reader_language(language), "")
    return text.strip() or getattr(obj, field)


def cleaned_translations(values: dict[str, str], *, own_language: str) -> dict[str, str]:
    """What an organizer typed per language, stored: known languages other than the
    workshop's own, stripped, the empty ones left out (so that no translation and an empty
    one compare equal when a release looks for changes)."""
    return {
        code: text.strip()
        for code, text in sorted(values.items())
        if code in LANGUAGE_CODES and code != own_language and text and text.strip()
    }
