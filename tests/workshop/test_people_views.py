"""The children list and a child's page (views/people.py): for the child's staff and
family only, with health notes and contacts for the staff who may see them."""

import pytest
from django.urls import reverse

from tests.pages import page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_day_three")]


def test_children_list_for_an_organizer_holds_the_whole_workshop(client, cast):
    response, html = page(client, cast.organizer, reverse("children", args=["summer"]))
    assert response.status_code == 200
    assert {child for child, _ in response.context["rows"]} == {
        cast.child_a1, cast.child_a2, cast.child_b1, cast.child_b2,
    }  # fmt: skip
    health = {child.family_name: view for child, view in response.context["rows"]}
    assert health["Aoyama"].allergies == "Peanuts"
    assert health["Aoyama"].has_medical_notes
    assert health["Bystander"].allergies == "Sesame"
    assert [view.medical_notes for view in health.values()] == ["", "", ""]
    assert "EpiPen" not in response.text
    assert cast.child_x.family_name not in html


def test_children_list_for_a_mentor_holds_only_their_groups(client, cast):
    response, html = page(client, cast.mentor_a, reverse("children", args=["summer"]))
    assert {child for child, _ in response.context["rows"]} == {cast.child_a1, cast.child_a2}
    assert list(response.context["form"].fields["group"].queryset) == [cast.group_a]
    assert "Bystander" not in html


def test_the_children_list_is_for_staff_only(client, cast):
    response, html = page(client, cast.parent_two, reverse("children", args=["summer"]))
    assert response.status_code == 404
    assert cast.child_a2.family_name not in html


def test_children_of_another_workshop_are_not_found(client, cast):
    response, _ = page(client, cast.other_organizer, reverse("children", args=["summer"]))
    assert response.status_code == 404


def test_children_search_matches_every_word_of_names_and_readings(client, cast):
    cast.child_b2.family_name_reading = "ばいすたんだー"
    cast.child_b2.save()
    url = reverse("children", args=["summer"])
    response, _ = page(client, cast.organizer, f"{url}?q=ばいすた")
    assert [child for child, _ in response.context["rows"]] == [cast.child_b2]
    response, _ = page(client, cast.organizer, f"{url}?q=Sibling&group={cast.group_b.pk}")
    assert [child for child, _ in response.context["rows"]] == [cast.child_b1]
    response, html = page(client, cast.organizer, f"{url}?q=nobody-by-this-name")
    assert response.context["rows"] == []
    assert "No child matches." in html


def test_children_search_by_htmx_returns_only_the_results(client, cast):
    client.force_login(cast.organizer)
    url = reverse("children", args=["summer"])
    response = client.get(f"{url}?q=Aoyama", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "Aoyama" in html
    assert "Sibling" not in html


def test_children_filtered_by_a_group_one_may_not_list_is_refused_with_a_message(client, cast):
    url = reverse("children", args=["summer"])
    response, html = page(client, cast.mentor_a, f"{url}?group={cast.group_b.pk}")
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["form"].errors["group"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert "Bystander" not in html


def test_children_search_with_a_null_character_is_refused_with_a_message(client, cast):
    url = reverse("children", args=["summer"])
    response, _ = page(client, cast.organizer, f"{url}?q=Aoy%00ama")
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert response.context["form"].errors["q"] == ["Null characters are not allowed."]


def test_mentor_sees_medical_notes_of_their_groups_child(client, cast):
    response, html = page(client, cast.mentor_a, reverse("participant", args=[cast.child_a1.pk]))
    assert response.status_code == 200
    assert "EpiPen in bag" in html


def test_parent_sees_their_childs_health_record_but_not_the_staffs_notes(client, cast):
    response, html = page(client, cast.parent_a, reverse("participant", args=[cast.child_a1.pk]))
    assert response.status_code == 200
    assert cast.child_a1.family_name in html
    assert "EpiPen in bag" in html
    assert "Shy on the first day" not in html


def test_staff_who_may_see_health_notes_also_see_the_guardians_contacts(client, cast):
    guardian = cast.child_a1.guardians.get().user
    guardian.phone = "080-1111-2222"
    guardian.save()
    url = reverse("participant", args=[cast.child_a1.pk])
    _, html = page(client, cast.mentor_a, url)
    assert "080-1111-2222" in html
    _, html = page(client, cast.parent_a, url)
    assert "080-1111-2222" not in html


@pytest.mark.parametrize(
    "viewer, child",
    [
        ("parent_a", "child_a2"),
        ("parent_a", "child_x"),
        ("mentor_a", "child_b2"),
        ("outsider_parent", "child_a1"),
        ("other_organizer", "child_b2"),
        ("parent_two", "child_a1"),
    ],
)
def test_a_child_outside_ones_scope_is_not_found(client, cast, viewer, child):
    url = reverse("participant", args=[getattr(cast, child).pk])
    response, html = page(client, getattr(cast, viewer), url)
    assert response.status_code == 404
    assert getattr(cast, child).family_name not in html


def test_the_children_list_is_paged_and_keeps_the_search_across_pages(client, cast):
    from tests.factories import MembershipFactory, ParticipantFactory
    from workshop.views.people import CHILDREN_PER_PAGE

    for n in range(CHILDREN_PER_PAGE + 5):
        child = ParticipantFactory(workshop=cast.workshop, family_name="Many", given_name=f"K{n}")
        MembershipFactory(participant=child, group=cast.group_a)
    client.force_login(cast.organizer)
    url = reverse("children", args=["summer"])
    first = client.get(url, {"q": "Many"})
    assert len(first.context["rows"]) == CHILDREN_PER_PAGE
    assert f"{CHILDREN_PER_PAGE + 5} children" in first.text
    assert 'href="?q=Many&amp;page=2"' in first.text
    second = client.get(url, {"q": "Many", "page": 2})
    assert len(second.context["rows"]) == 5
    assert client.get(url, {"q": "Many", "page": "x"}).context["page"].number == 1


def test_the_children_list_served_again_from_the_cache_writes_its_reads_again(
    client, cast, django_assert_num_queries, monkeypatch
):
    import time

    from workshop.models import HealthRecordRead
    from workshop.selectors import HEALTH_READ_WINDOW

    client.force_login(cast.organizer)
    url = reverse("children", args=["summer"])
    htmx = {"HX-Request": "true"}
    first = client.get(url, {"q": "Aoyama"}, headers=htmx)
    assert HealthRecordRead.objects.count() == 1
    with django_assert_num_queries(3):  # session, user, the workshop: read a moment ago
        client.get(url, {"q": "Aoyama"}, headers=htmx)
    assert HealthRecordRead.objects.count() == 1

    later = time.time() + HEALTH_READ_WINDOW + 1
    monkeypatch.setattr(time, "time", lambda: later)
    with django_assert_num_queries(4):  # session, user, the workshop, the audit insert
        again = client.get(url, {"q": "Aoyama"}, headers=htmx)
    assert again.text == first.text
    assert "Allergies: Peanuts" in again.text
    assert (
        list(HealthRecordRead.objects.values_list("reader", "participant", "page"))
        == [(cast.organizer.pk, cast.child_a1.pk, "children")] * 2
    )


def test_a_cached_children_list_shows_a_change_at_once(client, cast):
    from workshop.services import record_consent

    client.force_login(cast.organizer)
    url = reverse("children", args=["summer"])
    assert "bi-camera-video-off" not in client.get(url, {"q": "Aoyama"}).text
    record_consent(cast.child_a1, media_consent="none", by=cast.organizer)
    assert "bi-camera-video-off" in client.get(url, {"q": "Aoyama"}).text


def test_a_cached_children_list_is_never_served_to_another_reader(client, cast):
    url = reverse("children", args=["summer"])
    page(client, cast.organizer, url)
    response, html = page(client, cast.mentor_a, url)
    assert {child for child, _ in response.context["rows"]} == {cast.child_a1, cast.child_a2}
    assert "Bystander" not in html
