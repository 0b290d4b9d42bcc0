"""Pages with children's health records or people's contacts are kept by no cache on the
way and none in the browser (workshop/middleware.py: PrivatePagesMiddleware)."""

import pytest
from django.urls import reverse

from tests.test_access_matrix import PARAMETERS, fill, site_routes

pytestmark = pytest.mark.django_db

# Every page that shows a health record (allergies, medical notes, emergency contacts) or a
# guardian's or pickup contact's details, and who reads it.
HEALTH_OR_CONTACT_PAGES = {
    "home": ["organizer", "mentor", "guardian"],
    "children": ["organizer", "mentor"],
    "children_export": ["organizer"],
    "participant": ["organizer", "mentor", "guardian"],
    "child_edit": ["organizer"],
    "child_consent": ["organizer"],
    "guardian_new": ["organizer"],
    "guardian_edit": ["organizer"],
    "pickup_contacts": ["organizer"],
    "pickup_contact": ["organizer"],
    "attendance": ["organizer", "mentor"],
    "call_sheet": ["organizer", "mentor", "guardian"],
    "call_sheet_pdf": ["organizer"],
    "group": ["organizer", "mentor", "guardian"],
    "health_reads": ["organizer"],
    "dashboard": ["organizer"],
}


def viewer(cast, role):
    return {"organizer": cast.organizer, "mentor": cast.mentor_a, "guardian": cast.parent_a}[role]


def test_health_and_contact_pages_are_private_and_never_stored(client, cast):
    routes = site_routes()
    answers = {}
    for name, roles in HEALTH_OR_CONTACT_PAGES.items():
        path = reverse(name, kwargs=fill(routes[name], PARAMETERS, cast))
        for role in roles:
            client.force_login(viewer(cast, role))
            response = client.get(path)
            directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
            answers[name, role] = (response.status_code, "no-store" in directives)
    assert answers == {key: (200, True) for key in answers}


def test_a_page_that_chose_its_own_cache_control_keeps_it(client, cast):
    client.force_login(cast.parent_a)
    assert client.get(reverse("home"))["Cache-Control"] == "private, no-store"
    assert client.get(reverse("ping"))["Cache-Control"] == (
        "max-age=0, no-cache, no-store, must-revalidate, private"
    )
