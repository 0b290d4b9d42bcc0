"""The htmx helper every page view renders through (views/htmx.py)."""

import pytest
from django.urls import reverse

from tests.pages import page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]


def test_htmx_answers_vary_by_the_htmx_header(client, cast):
    response, _ = page(client, cast.organizer, reverse("week", args=["summer"]))
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, cast):
    client.force_login(cast.organizer)
    response = client.get(
        reverse("week", args=["summer"]),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()
