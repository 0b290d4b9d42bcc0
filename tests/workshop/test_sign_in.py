"""Signing in by a link sent by e-mail (workshop/sign_in.py, views/account.py), and the
limits on failed sign-ins and on the e-mails one may ask for (workshop/limits.py)."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.workshop.test_family_leaks import forbidden_text
from tests.workshop.test_tasks import wait_for
from workshop.checks import shared_cache_check
from workshop.limits import client_ip
from workshop.sign_in import deliver_sign_in_link, sign_in_link_path, sign_in_link_tokens
from workshop.tasks import send_sign_in_link

pytestmark = pytest.mark.django_db

BASE = "https://kachinko.example/"
PASSWORD = "secret-pass-123"


def ask_for_link(client, email, capture):
    with mock.patch.object(send_sign_in_link, "delay") as delay, capture(execute=True):
        response = client.post(reverse("sign_in_link"), {"email": email})
    return response, delay


def link_in(message) -> str:
    return re.search(r"https?://\S+/accounts/link/\S+/\S+/", message.body).group(0)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


# --- Asking for a link -------------------------------------------------------------------


def test_the_login_page_offers_a_link_by_email(client):
    response = client.get(reverse("login"))
    page = response.content.decode()
    assert 'action="/accounts/link/"' in page
    assert "E-mail me a sign-in link" in page


def test_a_known_and_an_unknown_address_get_the_same_answer_and_the_same_work(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="hana@example.test")
    known, known_delay = ask_for_link(
        client, " Hana@Example.test ", django_capture_on_commit_callbacks
    )
    unknown, unknown_delay = ask_for_link(
        client, "nobody@example.test", django_capture_on_commit_callbacks
    )
    assert (known.status_code, known["Location"]) == (302, reverse("sign_in_link_sent"))
    assert (unknown.status_code, unknown["Location"]) == (302, reverse("sign_in_link_sent"))
    known_delay.assert_called_once_with("hana@example.test", "http://testserver/")
    unknown_delay.assert_called_once_with("nobody@example.test", "http://testserver/")
    sent = client.get(reverse("sign_in_link_sent")).content.decode()
    assert "If an account uses that address, a link to sign in is on its way." in sent


def test_a_bad_address_is_explained_and_nothing_is_sent(client, django_capture_on_commit_callbacks):
    response, delay = ask_for_link(client, "not an address", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    delay.assert_not_called()


def test_the_worker_writes_to_a_known_address_and_to_no_one_else():
    UserFactory(email="hana@example.test", first_name="Hana")
    assert deliver_sign_in_link("nobody@example.test", BASE) is False
    assert mail.outbox == []
    assert deliver_sign_in_link("hana@example.test", BASE) is True
    [message] = mail.outbox
    assert message.to == ["hana@example.test"]
    assert message.subject == "Your link to sign in to Kachinko"
    assert message.body.startswith("Hello Hana,")
    assert "The link works for 15 minutes, and only once." in message.body
    assert link_in(message).startswith("https://kachinko.example/accounts/link/")


@pytest.mark.parametrize("parent_name", ["parent_a", "parent_two"])
def test_the_link_email_tells_a_parent_nothing_of_other_families(cast, parent_name):
    parent = getattr(cast, parent_name)
    children = [guardian.participant for guardian in parent.guardianships.all()]
    deliver_sign_in_link(parent.email, BASE)
    [message] = mail.outbox
    text = message.subject + message.body
    assert sorted(t for t in forbidden_text(cast, children) if t in text) == []
    assert [e for e in re.findall(r"[\w.+-]+@[\w.-]+", text) if e != parent.email] == []


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_link_once_the_request_has_committed(client, celery_worker):
    UserFactory(email="hana@example.test")
    client.post(reverse("sign_in_link"), {"email": "hana@example.test"})
    client.post(reverse("sign_in_link"), {"email": "nobody@example.test"})
    assert wait_for(lambda: len(mail.outbox) >= 1)
    assert [message.to for message in mail.outbox] == [["hana@example.test"]]


# --- Opening the link --------------------------------------------------------------------


def test_the_link_signs_in_once_by_a_tap_and_lands_on_home(client, cast):
    deliver_sign_in_link(cast.parent_a.email, BASE)
    link = path_of(link_in(mail.outbox[0]))
    opened = client.get(link)
    assert opened.status_code == 200
    assert "Welcome back" in opened.text and 'method="post"' in opened.text
    assert "_auth_user_id" not in client.session

    response = client.post(link)
    assert (response.status_code, response["Location"]) == (302, reverse("home"))
    assert client.session["_auth_user_id"] == str(cast.parent_a.pk)

    client.logout()
    for again in (client.get(link), client.post(link)):
        assert again.status_code == 200
        page = again.content.decode()
        assert "This sign-in link no longer works" in page
        assert "works only once" in page
        assert 'action="/accounts/link/"' in page
    assert "_auth_user_id" not in client.session


def test_opening_the_link_as_a_mail_scanner_does_uses_nothing_up(client):
    user = UserFactory()
    link = sign_in_link_path(user)
    assert client.head(link).status_code == 405
    assert client.get(link).status_code == 200
    assert client.get(link).status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(link)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_link_older_than_fifteen_minutes_is_refused_as_expired(client, monkeypatch):
    user = UserFactory()
    sent_at = datetime.datetime(2026, 7, 29, 9, 0)
    monkeypatch.setattr(sign_in_link_tokens, "_now", lambda: sent_at)
    link = sign_in_link_path(user)
    monkeypatch.setattr(
        sign_in_link_tokens, "_now", lambda: sent_at + datetime.timedelta(minutes=14)
    )
    assert sign_in_link_tokens.check_token(user, link.rstrip("/").rsplit("/", 1)[1])
    monkeypatch.setattr(
        sign_in_link_tokens, "_now", lambda: sent_at + datetime.timedelta(minutes=16)
    )
    response = client.get(link)
    assert response.status_code == 200
    assert "works for 15 minutes, and this one is older" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_in_with_a_password_uses_up_an_earlier_link(client):
    user = UserFactory(email="hana@example.test")
    link = sign_in_link_path(user)
    client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    client.logout()
    assert "no longer works" in client.get(link).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/link/MQ/cxyz-0123456789abcdef/",
        "/accounts/link/not-base64!/cxyz-0123456789abcdef/",
        "/accounts/link/OTk5OTk5/cxyz-0123456789abcdef/",
    ],
)
def test_a_forged_link_signs_nobody_in(client, path):
    UserFactory()
    response = client.get(path)
    assert response.status_code == 200
    assert "This sign-in link no longer works" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_link_is_not_in_a_token_of_another_kind():
    """A password reset token does not open the sign-in link, nor the other way round."""
    from django.contrib.auth.tokens import default_token_generator

    user = UserFactory()
    assert not sign_in_link_tokens.check_token(user, default_token_generator.make_token(user))
    assert not default_token_generator.check_token(user, sign_in_link_tokens.make_token(user))


def test_opening_a_link_asks_as_many_queries_whatever_the_family(
    client, cast, django_assert_num_queries
):
    for parent in (cast.parent_a, cast.parent_two):
        link = sign_in_link_path(parent)
        client.logout()
        with django_assert_num_queries(10):
            client.post(link)


# --- Limits on e-mails -------------------------------------------------------------------


def test_link_emails_per_address_stop_at_the_limit_with_the_same_answer(
    client, settings, django_capture_on_commit_callbacks
):
    settings.KACHINKO_SIGN_IN_MAILS_PER_ADDRESS = 3
    UserFactory(email="hana@example.test")
    sent = 0
    for _ in range(5):
        response, delay = ask_for_link(
            client, "hana@example.test", django_capture_on_commit_callbacks
        )
        assert response["Location"] == reverse("sign_in_link_sent")
        sent += delay.call_count
    assert sent == 3


def test_link_emails_per_client_stop_at_the_limit_with_a_message(
    client, settings, django_capture_on_commit_callbacks
):
    settings.KACHINKO_SIGN_IN_MAILS_PER_CLIENT = 4
    for n in range(4):
        response, _ = ask_for_link(client, f"p{n}@example.test", django_capture_on_commit_callbacks)
        assert response.status_code == 302
    response, delay = ask_for_link(client, "p9@example.test", django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert "Too many e-mails were asked for from your connection" in response.content.decode()
    delay.assert_not_called()


def test_reset_emails_per_address_stop_at_the_limit_with_the_same_answer(client, settings):
    settings.KACHINKO_SIGN_IN_MAILS_PER_ADDRESS = 3
    UserFactory(email="hana@example.test")
    for _ in range(5):
        response = client.post(reverse("password_reset"), {"email": "hana@example.test"})
        assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 3


def test_reset_emails_per_client_stop_at_the_limit_with_a_message(client, settings):
    settings.KACHINKO_SIGN_IN_MAILS_PER_CLIENT = 2
    UserFactory(email="hana@example.test")
    for n in range(2):
        client.post(reverse("password_reset"), {"email": f"p{n}@example.test"})
    response = client.post(reverse("password_reset"), {"email": "hana@example.test"})
    assert response.status_code == 429
    assert mail.outbox == []


# --- Limits on failed sign-ins -----------------------------------------------------------


def fail(client, email, url=None):
    return client.post(url or reverse("login"), {"username": email, "password": "wrong"})


def test_an_account_is_locked_after_five_failures_then_opens_again(client, clock):
    user = UserFactory(email="hana@example.test")
    start = timezone.now()
    clock(start)
    for _ in range(5):
        assert "do not match an account" in fail(client, user.email).content.decode()
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed attempts to sign in. Wait 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session

    clock(start + datetime.timedelta(minutes=31))
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_lockout_lasts_its_whole_length_from_the_failure_that_reached_the_limit(client, clock):
    """Five failures just before a window ends still lock the account for 15 minutes."""
    user = UserFactory(email="hana@example.test")
    end_of_window = datetime.datetime.fromtimestamp(900 * 2_000_000 - 1, tz=datetime.UTC)
    clock(end_of_window)
    for _ in range(5):
        fail(client, user.email)
    clock(end_of_window + datetime.timedelta(minutes=14))
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert "Too many failed attempts" in response.content.decode()
    clock(end_of_window + datetime.timedelta(minutes=16))
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_signing_in_forgives_the_account_its_earlier_failures(client):
    user = UserFactory(email="hana@example.test")
    for _ in range(4):
        fail(client, user.email)
    client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    client.logout()
    for _ in range(4):
        fail(client, user.email)
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_an_unknown_address_is_locked_out_like_a_known_one(client):
    for _ in range(5):
        fail(client, "nobody@example.test")
    assert "Too many failed attempts" in fail(client, "nobody@example.test").content.decode()


def test_a_lockout_of_one_account_leaves_the_others_alone(client):
    UserFactory(email="hana@example.test")
    other = UserFactory(email="ren@example.test")
    for _ in range(6):
        fail(client, "hana@example.test")
    response = client.post(reverse("login"), {"username": other.email, "password": PASSWORD})
    assert response.status_code == 302


def test_a_client_is_locked_out_after_twenty_failures_on_any_accounts(client):
    user = UserFactory(email="hana@example.test")
    for n in range(20):
        fail(client, f"guess{n}@example.test")
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another client signs in to the same account.
    response = client.post(
        reverse("login"),
        {"username": user.email, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.7",
    )
    assert response.status_code == 302


def test_the_admin_login_is_locked_after_five_failures(client):
    admin = UserFactory(email="root@example.test", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(5):
        assert fail(client, admin.email, url).status_code == 200
    response = client.post(url, {"username": admin.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_client_is_the_address_the_outermost_proxy_saw(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.5", REMOTE_ADDR="10.1.1.1")
    assert client_ip(request) == "10.1.1.1"
    settings.KACHINKO_PROXY_HOPS = 1
    assert client_ip(request) == "203.0.113.5"


# --- Sessions, headers, the deploy check --------------------------------------------------


def test_staff_sessions_are_shorter_than_families(client, cast, settings):
    for user, age in ((cast.mentor_a, 12 * 3600), (cast.parent_a, 30 * 24 * 3600)):
        client.logout()
        client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
        assert client.session.get_expiry_age() == age
    client.logout()
    client.post(sign_in_link_path(cast.organizer))
    assert client.session.get_expiry_age() == 12 * 3600


def test_every_page_has_a_permissions_policy(client):
    policy = client.get(reverse("login"))["Permissions-Policy"]
    assert policy.startswith("camera=(self), microphone=(self), geolocation=(),")


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_the_deploy_check_warns_of_a_cache_each_process_keeps_for_itself():
    assert [warning.id for warning in shared_cache_check(None)] == ["kachinko.W001"]


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.redis.RedisCache",
        "django.core.cache.backends.filebased.FileBasedCache",
    ],
)
def test_the_deploy_check_accepts_a_shared_cache(backend):
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": "/tmp/x"}}):
        assert shared_cache_check(None) == []
