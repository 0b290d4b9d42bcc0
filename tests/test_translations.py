"""Every user-facing string has its Japanese and French translation, compiled."""

import shutil
import subprocess

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

LANGUAGES = ["ja", "fr"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_compiled(language):
    if not shutil.which("msgfmt"):
        pytest.skip("needs gettext's msgfmt")
    po = settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr
    compiled = subprocess.run(
        ["msgfmt", "-o", "-", str(po)], capture_output=True, timeout=30, check=True
    ).stdout
    assert po.with_suffix(".mo").read_bytes() == compiled, "run `make messages`"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, expected", [("ja", "ようこそ"), ("fr", "Bienvenue"), ("en", "Welcome")]
)
def test_pages_speak_the_users_language(language, expected):
    client = Client()
    client.force_login(UserFactory(language=language, first_name="Hana", last_name="Sato"))
    html = client.get(reverse("home")).content.decode()
    assert f'<html lang="{language}">' in html
    assert expected in html
