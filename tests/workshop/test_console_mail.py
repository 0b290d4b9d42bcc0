"""Mail in development goes to the console (console_mail.py), where a person copies the
password-reset link out of the terminal: it must be printed whole, on one line, and work."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# `make run`'s address: a link to it is longer than one to "testserver", too long for a line
# of a quoted-printable body.
DEV_HOST = "127.0.0.1:8000"


@pytest.fixture
def console_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "workshop.console_mail.EmailBackend"}}


def test_development_mails_to_the_readable_console():
    clean = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", "from workshop.settings import MAILERS; print(MAILERS)"],
        cwd=django_settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.stdout == "{'default': {'BACKEND': 'workshop.console_mail.EmailBackend'}}\n"


@pytest.mark.usefixtures("console_mail")
def test_a_reset_link_printed_to_the_console_is_whole_on_one_line_and_works(client, capsys):
    user = UserFactory(email="hana@example.test")
    response = client.post(
        reverse("password_reset"), {"email": "hana@example.test"}, headers={"host": DEV_HOST}
    )
    assert response.status_code == 302
    printed = capsys.readouterr().out.splitlines()
    [link] = [line for line in printed if "/accounts/reset/" in line]
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    assert re.fullmatch(rf"http://{DEV_HOST}/accounts/reset/{uid}/[0-9a-z]+-[0-9a-f]{{32}}/", link)
    assert [line for line in printed if line.endswith("=")] == []
    form_url = client.get(link)["Location"]
    assert form_url == f"/accounts/reset/{uid}/set-password/"
    response = client.post(
        form_url, {"new_password1": "a-long-new-one-42", "new_password2": "a-long-new-one-42"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-long-new-one-42")


@pytest.mark.usefixtures("console_mail")
def test_a_reset_mail_in_japanese_is_printed_as_text_not_encoded(client, capsys):
    UserFactory(email="hana@example.test", language="ja")
    client.post(reverse("password_reset"), {"email": "hana@example.test"})
    printed = capsys.readouterr().out.splitlines()
    assert printed[:3] == [
        'Content-Type: text/plain; charset="utf-8"',
        "Subject: Kachinkoの新しいパスワードを設定してください",
        "From: Kachinko <kachinko@localhost>",
    ]
    body = printed[printed.index("") + 1 :]
    assert body[:4] == [
        "こんにちは。",
        "",
        "Kachinkoアカウントのパスワード再設定のご依頼がありました。"
        "ご本人による操作の場合は、こちらから新しいパスワードを設定してください：",
        "",
    ]
    assert body[-2:] == ["", "-" * 79]


@pytest.mark.usefixtures("console_mail")
def test_each_text_part_is_printed_and_attachments_are_named(capsys):
    message = EmailMultiAlternatives(
        "Day 3", "Bring a hat — it is sunny.", "kachinko@localhost", ["hana@example.test"]
    )
    message.attach_alternative("<p>Bring a hat — it is sunny.</p>", "text/html")
    message.attach("call-sheet.txt", "09:00 Studio 1", "text/plain")
    message.send()
    printed = capsys.readouterr().out.splitlines()
    assert [line for line in printed if not line.startswith(("Date: ", "Message-ID: "))] == [
        "Content-Type: multipart/mixed",
        "Subject: Day 3",
        "From: kachinko@localhost",
        "To: hana@example.test",
        "",
        "[text/plain]",
        "",
        "Bring a hat — it is sunny.",
        "",
        "[text/html]",
        "",
        "<p>Bring a hat — it is sunny.</p>",
        "",
        "[attachment: call-sheet.txt, text/plain]",
        "",
        "-" * 79,
    ]
