"""The account pages (views/account.py and the auth views urls.py dresses in our forms):
signing in by e-mail, signing out by POST, resetting a password, choosing a language, and
the ping a phone uses to learn it is still signed in."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.cache import get_max_age

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sign_in_by_email_in_any_case(client):
    user = UserFactory(email="hana@example.test")
    response = client.post(
        reverse("login"), {"username": "  Hana@Example.TEST ", "password": "secret-pass-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_is_explained_and_signs_nobody_in(client):
    UserFactory(email="hana@example.test")
    response = client.post(reverse("login"), {"username": "hana@example.test", "password": "wrong"})
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post(client):
    client.force_login(UserFactory())
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="hana@example.test")
    response = client.post(reverse("password_reset"), {"email": "hana@example.test"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["hana@example.test"]
    assert message.subject == "Choose a new Kachinko password"
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"new_password1": "a-long-new-one-42", "new_password2": "a-long-new-one-42"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-long-new-one-42")


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_choosing_a_language_is_remembered_for_the_user(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "ja", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "ja"


def test_an_unknown_language_changes_nothing(client):
    user = UserFactory(language="fr")
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.language == "fr"


def test_the_users_language_is_used_when_the_browser_has_not_chosen(client):
    client.force_login(UserFactory(language="ja"))
    response = client.get(reverse("home"))
    assert response["Content-Language"] == "ja"
    assert '<html lang="ja">' in response.content.decode()


def test_signing_out_says_so(client):
    client.force_login(UserFactory())
    response = client.post(reverse("logout"), follow=True)
    assert "You are signed out." in response.content.decode()


def test_an_old_sign_out_link_asks_for_confirmation_and_signs_nobody_out(client):
    client.force_login(UserFactory())
    response = client.get(reverse("logout"))
    assert response.status_code == 200
    assert "Sign out?" in response.content.decode()
    assert "_auth_user_id" in client.session


def test_password_reset_asks_for_the_email_address_like_the_sign_in(client):
    html = client.get(reverse("password_reset")).content.decode()
    assert "E-mail address" in html


def test_password_reset_finds_the_account_whatever_the_case(client):
    UserFactory(email="hana@example.test")
    client.post(reverse("password_reset"), {"email": "Hana@Example.TEST"})
    assert [message.to for message in mail.outbox] == [["hana@example.test"]]


def test_password_reset_mail_is_written_in_the_users_language(client):
    UserFactory(email="hana@example.test", language="ja")
    client.post(reverse("password_reset"), {"email": "hana@example.test"})
    [message] = mail.outbox
    assert message.subject == "Kachinkoの新しいパスワードを設定してください"


def test_ping_answers_a_signed_in_user_with_nothing_that_may_be_cached(client):
    client.force_login(UserFactory())
    response = client.get(reverse("ping"))
    assert response.status_code == 204
    assert response.content == b""
    assert get_max_age(response) == 0
