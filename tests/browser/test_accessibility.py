"""Every page a demo role reaches passes axe-core with no serious or critical violation."""

from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from groups.models import Group
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.test_demo_roles import sign_in
from workshop.models import Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_every_demo_page_is_accessible(live_server, new_page, viewport):
    call_command("seed_demo", stdout=StringIO())
    lantern = Group.objects.get(name="Lantern")
    child = Participant.objects.get(given_name="陽菜")
    visits = {
        None: [
            "/",
            "/accounts/login/",
            "/accounts/password_reset/",
            "/accounts/link/",
            "/accounts/link/sent/",
        ],
        "organizer@kachinko.test": [
            "/",
            "/workshops/summer-film-week/",
            "/workshops/summer-film-week/children/",
            "/workshops/summer-film-week/children/new/",
            "/workshops/summer-film-week/health-reads/",
            "/workshops/summer-film-week/dashboard/",
            "/workshops/summer-film-week/screening/",
            "/workshops/summer-film-week/setup/days/3/",
            "/workshops/summer-film-week/days/3/call-sheet/",
            "/workshops/summer-film-week/days/3/call-sheet/deliveries/",
            f"/children/{child.pk}/",
            f"/children/{child.pk}/edit/",
            f"/children/{child.pk}/consent/",
            f"/children/{child.pk}/guardians/new/",
        ],
        "mentor@kachinko.test": [
            "/",
            f"/groups/{lantern.pk}/",
            f"/groups/{lantern.pk}/film/",
            f"/groups/{lantern.pk}/film/script/",
            f"/groups/{lantern.pk}/film/storyboard/",
            f"/groups/{lantern.pk}/film/shots/",
            f"/groups/{lantern.pk}/film/crew/",
            f"/groups/{lantern.pk}/film/credits/",
            f"/groups/{lantern.pk}/media/",
            f"/children/{child.pk}/",
            "/workshops/summer-film-week/days/3/",
        ],
        "parent@kachinko.test": [
            "/",
            f"/children/{child.pk}/",
            f"/children/{child.pk}/media/",
            "/workshops/summer-film-week/days/3/call-sheet/",
            "/workshops/summer-film-week/",
            f"/groups/{lantern.pk}/film/credits/",
            "/calendar/",
            f"/children/{child.pk}/family-consent/",
            "/workshops/summer-film-week/screening/",
        ],
    }
    problems = []
    for email, paths in visits.items():
        page = new_page(viewport)
        if email:
            sign_in(page, live_server, email)
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            problems += serious_violations(page)
    assert problems == []
