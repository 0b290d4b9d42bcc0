"""Cached page parts: served again until the data they show changes, and only to the reader
they were rendered for."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.urls import reverse

from tests.factories import SessionFactory
from workshop import page_cache
from workshop.models import ReleasedDay, Room, Session, Workshop

pytestmark = pytest.mark.django_db


def test_the_version_is_shared_and_page_parts_stay_in_each_process(settings):
    """Tests share Redis when CI gives it, as production does, else this process's memory."""
    shared = "RedisCache" if settings.REDIS_URL else "LocMemCache"
    assert type(caches["default"]).__name__ == shared
    assert type(caches["template_fragments"]).__name__ == "LocMemCache"


def test_a_saved_change_shows_on_the_next_page(client, cast):
    client.force_login(cast.organizer)
    url = reverse("week", args=[cast.workshop.slug])
    assert "Lantern shoots" in client.get(url).text
    cast.session_a.title = "Lantern rehearses"
    cast.session_a.save()
    assert "Lantern rehearses" in client.get(url).text


def test_an_update_without_signals_shows_on_the_next_page(client, cast):
    client.force_login(cast.organizer)
    url = reverse("week", args=[cast.workshop.slug])
    assert "Lantern shoots" in client.get(url).text
    Session.objects.filter(pk=cast.session_a.pk).update(title="Lantern edits")
    assert "Lantern edits" in client.get(url).text


def test_a_workshop_made_a_draft_by_update_is_hidden_from_families_at_once(client, cast):
    client.force_login(cast.parent_a)
    url = reverse("week", args=[cast.workshop.slug])
    assert client.get(url).status_code == 200
    Workshop.objects.filter(pk=cast.workshop.pk).update(is_published=False)
    assert client.get(url).status_code == 404
    assert "Lantern" not in client.get(reverse("home")).text


def test_raw_sql_writes_replace_the_version_too(cast):
    before = page_cache.data_version()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE workshop_room SET capacity = capacity + 1")
    assert page_cache.data_version() != before


def test_reading_pages_keeps_the_version(client, cast):
    client.force_login(cast.parent_a)
    before = page_cache.data_version()
    client.get(reverse("home"))
    client.get(reverse("week", args=[cast.workshop.slug]))
    assert page_cache.data_version() == before


def test_reading_health_records_writes_the_audit_and_keeps_the_version(client, cast):
    from workshop.models import HealthRecordRead

    client.force_login(cast.organizer)
    before = page_cache.data_version()
    client.get(reverse("children", args=[cast.workshop.slug]))
    client.get(reverse("participant", args=[cast.child_a1.pk]))
    assert HealthRecordRead.objects.count() == 3  # the list's two allergies, then A1's page
    assert page_cache.data_version() == before


def test_changing_a_health_record_or_consent_replaces_the_version(cast):
    from workshop.services import record_consent

    before = page_cache.data_version()
    record_consent(cast.child_a2, media_consent="none", by=cast.organizer)
    assert page_cache.data_version() != before


@pytest.mark.django_db(transaction=True)
def test_the_version_is_replaced_again_when_the_transaction_commits():
    """A reader between the write and the commit caches what was committed before; the
    second replacement, on commit, makes sure that part is never served."""
    session = SessionFactory(title="Lantern shoots")
    with transaction.atomic():
        Session.objects.filter(pk=session.pk).update(title="Moved")
        Session.objects.filter(pk=session.pk).update(title="Moved again")
        written = page_cache.data_version()
    committed = page_cache.data_version()
    assert committed != written
    Session.objects.filter(pk=session.pk).update(title="Moved outside a transaction")
    assert page_cache.data_version() != committed


def test_a_cached_page_is_served_without_reading_the_schedule_again(
    client, cast, django_assert_num_queries
):
    client.force_login(cast.parent_a)
    url = reverse("week", args=[cast.workshop.slug])
    client.get(url)
    # Session, user, and the workshop looked up through the guardian's scope.
    with django_assert_num_queries(3):
        assert "Lantern shoots" in client.get(url).text


def test_a_cached_page_is_never_served_to_another_reader(client, cast):
    url = reverse("home")
    client.force_login(cast.parent_a)
    assert cast.child_a1.family_name in client.get(url).text
    client.force_login(cast.child_b2.guardians.get().user)
    html = client.get(url).text
    assert cast.child_b2.family_name in html
    assert cast.child_a1.family_name not in html


def test_a_cached_page_follows_the_readers_language(client, cast):
    client.force_login(cast.parent_a)
    url = reverse("week", args=[cast.workshop.slug])
    assert "Everyone" in client.get(url).text
    client.cookies["django_language"] = "fr"
    assert "Tout le monde" in client.get(url).text


def test_the_navigation_marks_the_page_being_read_from_its_cache_too(client, cast):
    client.force_login(cast.organizer)
    week_url = reverse("week", args=[cast.workshop.slug])

    def active_links(html):
        nav = html.split('id="main-nav"')[1].split("</ul>")[0]
        return re.findall(r'class="nav-link active"\s+href="([^"]+)"', nav)

    for _ in range(2):
        assert active_links(client.get(reverse("home")).text) == ["/"]
        assert active_links(client.get(week_url).text) == [week_url]


def test_each_form_in_the_cached_navigation_carries_this_browsers_csrf_token(client, cast):
    """A second browser of the same reader is served the cached navigation: its forms must
    still carry that browser's own token, or signing out and switching language would fail."""
    first, second = (type(client)(enforce_csrf_checks=True) for _ in range(2))
    for browser in (first, second):
        browser.force_login(cast.parent_a)
    first.get(reverse("home"))
    html = second.get(reverse("home")).text
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) == 2
    for token in tokens:
        response = second.post(
            reverse("set_language"), {"language": "fr", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302


def test_adding_to_a_many_to_many_alone_replaces_the_version(cast):
    """SQLite adds these rows with INSERT OR IGNORE, PostgreSQL with INSERT … ON CONFLICT."""
    before = page_cache.data_version()
    cast.session_b.mentors.add(cast.mentor_a)
    assert page_cache.data_version() != before


def test_made_up_addresses_do_not_grow_the_cache(client, cast):
    client.force_login(cast.organizer)
    parts = caches["template_fragments"]

    def made_up_requests(first: int) -> int:
        for n in range(first, first + 5):
            client.get(f"/workshops/made-up-{n}/")
            client.get(reverse("week", args=[cast.workshop.slug]), {"group": "0" * n + "1"})
        return len(parts._cache)

    assert made_up_requests(0) == made_up_requests(5)


def test_writing_a_releases_days_alone_replaces_the_version(cast):
    """Tables added to the domain's apps are watched without being listed anywhere."""
    release = cast.workshop.latest_release
    before = page_cache.data_version()
    ReleasedDay.objects.filter(release=release).update(pickup=datetime.time(16, 30))
    assert page_cache.data_version() != before


def test_a_move_keeps_everyones_roles_but_a_new_mentor_changes_them(cast):
    from groups.models import Group
    from workshop.access import roles_of

    data, roles = page_cache.data_version(), page_cache.roles_version()
    Session.objects.filter(pk=cast.session_a.pk).update(title="Lantern reshoots")
    assert page_cache.data_version() != data
    assert page_cache.roles_version() == roles
    assert cast.group_b.pk not in roles_of(cast.mentor_a).mentored_groups
    Group.objects.get(pk=cast.group_b.pk).mentors.add(cast.mentor_a)
    assert page_cache.roles_version() != roles
    fresh = type(cast.mentor_a).objects.get(pk=cast.mentor_a.pk)
    assert cast.group_b.pk in roles_of(fresh).mentored_groups


def test_the_planners_set_up_is_kept_across_moves_and_read_again_after_a_room_changes(cast):
    reads = []

    def choices():
        reads.append(1)
        return list(Room.objects.filter(workshop=cast.workshop).values_list("name", flat=True))

    first = page_cache.cached_narrow("setup", "test-rooms", choices)
    Session.objects.filter(pk=cast.session_a.pk).update(starts_at=datetime.time(10, 5))
    assert page_cache.cached_narrow("setup", "test-rooms", choices) == first
    assert len(reads) == 1
    Room.objects.filter(workshop=cast.workshop).update(name="Studio Z")
    assert page_cache.cached_narrow("setup", "test-rooms", choices) == ["Studio Z"] * len(first)
    assert len(reads) == 2


def test_a_delivery_written_replaces_the_deliveries_version_and_no_other(cast):
    """Deliveries are written once a message: cached pages stay, the failed list is read again."""
    from deliveries.models import Delivery

    data, roles = page_cache.data_version(), page_cache.roles_version()
    deliveries = page_cache.narrow_version("deliveries")
    Delivery.objects.create(
        workshop=cast.workshop,
        recipient=cast.parent_a,
        kind=Delivery.Kind.EVENING_REMINDER,
        subject="day:1",
        due_at=datetime.datetime(2026, 7, 26, 9, 0, tzinfo=datetime.UTC),
    )
    assert page_cache.narrow_version("deliveries") != deliveries
    assert (page_cache.data_version(), page_cache.roles_version()) == (data, roles)


def test_writes_within_changes_noted_once_replace_the_version_once_as_it_ends(cast, monkeypatch):
    """A worker sending a chunk, a transaction a message, replaces the deliveries' version once."""
    from deliveries.models import Delivery

    replaced = []
    replace = page_cache._replace_narrow["deliveries"]
    monkeypatch.setitem(
        page_cache._replace_narrow, "deliveries", lambda: (replaced.append(1), replace())
    )
    before = page_cache.narrow_version("deliveries")
    with page_cache.changes_noted_once():
        for day in (1, 2, 3):
            Delivery.objects.create(
                workshop=cast.workshop,
                recipient=cast.parent_a,
                kind=Delivery.Kind.EVENING_REMINDER,
                subject=f"day:{day}",
                due_at=datetime.datetime(2026, 7, 26, 9, 0, tzinfo=datetime.UTC),
            )
        assert page_cache.narrow_version("deliveries") == before
    assert page_cache.narrow_version("deliveries") != before
    assert len(replaced) == 1
