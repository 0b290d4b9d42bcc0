"""Children from a spreadsheet (workshop/imports.py and its pages): every row's problems
named and nothing written until a clean file is confirmed; returning families keep their
account; the export holds only what its reader may see."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from groups.models import Membership
from workshop.imports import COLUMNS, check, import_children
from workshop.models import (
    ConsentRecord,
    Guardian,
    HealthRecord,
    HealthRecordRead,
    Participant,
    User,
)

pytestmark = pytest.mark.django_db


def csv_text(*rows: dict, columns=COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def child(**values) -> dict:
    return {
        "family_name": "Mori",
        "given_name": "Aki",
        "birth_date": "2015-05-01",
        "guardian_email": "mori@example.com",
        "guardian_family_name": "Mori",
        "guardian_given_name": "Yuki",
        **values,
    }


def problems(checked) -> dict[int, list[str]]:
    return {row.line: row.problems for row in checked.rows if row.problems}


def test_each_rows_problems_are_named(cast):
    text = csv_text(
        child(given_name=""),
        child(given_name="Ren", birth_date="12/05/2015"),
        child(given_name="Sora", group="Comets"),
        child(
            family_name=cast.child_a1.family_name,
            given_name=cast.child_a1.given_name,
            birth_date=cast.child_a1.birth_date.isoformat(),
            guardian_email="",
            guardian_family_name="",
            guardian_given_name="",
        ),
        child(given_name="Mei", guardian_given_name="Someone else"),
        child(given_name="Kai", guardian_email="not-an-address"),
        child(given_name="Ren", birth_date="2015-05-01", media_consent="maybe"),
        child(given_name="Ren", birth_date="2015-05-01"),
    )
    checked = check(cast.workshop, text)
    assert not checked.ready
    assert problems(checked) == {
        2: ["The given name is missing."],
        3: ["“12/05/2015” is not a birth date like 2015-04-12."],
        4: ["There is no group called “Comets” in this workshop."],
        5: ["This child is already in the workshop."],
        6: ["The e-mail address mori@example.com is given for another guardian on line 2."],
        7: ["“not-an-address” is not an e-mail address."],
        8: ["Photo consent “maybe” is not one of: families, none, public, workshop."],
        9: ["The same child is on line 8."],
    }


@pytest.mark.parametrize(
    "text, problem",
    [
        ("", "The file is empty."),
        ("family_name,given_name\nMori,Aki\n", "The file has no “birth_date” column."),
        ("family_name,given_name,birth_date,shoe_size\n", "“shoe_size” is not a column"),
        ("family_name,given_name,birth_date\n", "The file has a header but no children."),
    ],
)
def test_a_file_that_cannot_be_read_as_children_says_why(cast, text, problem):
    checked = check(cast.workshop, text)
    assert not checked.ready
    assert any(problem in found for found in checked.problems)


def test_a_clean_file_brings_children_health_groups_consent_and_families(cast):
    returning = cast.parent_a
    text = csv_text(
        child(given_name="Aki", group="lantern", allergies="Egg", media_consent="families"),
        child(given_name="Ren", birth_date="2016-02-02", medical_notes="Asthma"),
        child(
            family_name="Aoyama", given_name="Nao", birth_date="2016-03-03",
            guardian_email=returning.email.upper(), guardian_family_name="", guardian_given_name="",
        ),
    )  # fmt: skip
    checked = check(cast.workshop, text)
    assert checked.ready and checked.rows[2].account == returning
    users_before = User.objects.count()
    assert import_children(cast.workshop, checked, by=cast.organizer) == 3
    aki = Participant.objects.get(workshop=cast.workshop, given_name="Aki")
    assert Membership.objects.get(participant=aki).group == cast.group_a
    assert HealthRecord.objects.get(participant=aki).allergies == "Egg"
    assert ConsentRecord.objects.get(participant=aki).recorded_by == cast.organizer
    ren = Participant.objects.get(workshop=cast.workshop, given_name="Ren")
    # Siblings share their guardian's one account; the returning family keeps theirs.
    mori = User.objects.get(email="mori@example.com")
    assert set(Guardian.objects.filter(user=mori).values_list("participant", flat=True)) == {
        aki.pk, ren.pk
    }  # fmt: skip
    assert not mori.has_usable_password()
    nao = Participant.objects.get(workshop=cast.workshop, given_name="Nao")
    assert Guardian.objects.get(participant=nao).user == returning
    assert User.objects.count() == users_before + 1


def test_a_file_with_problems_cannot_be_imported(cast):
    checked = check(cast.workshop, csv_text(child(birth_date="soon")))
    with pytest.raises(ValueError):
        import_children(cast.workshop, checked, by=cast.organizer)
    assert not Participant.objects.filter(given_name="Aki").exists()


def upload(text: str, encoding="utf-8"):
    return SimpleUploadedFile("children.csv", text.encode(encoding), content_type="text/csv")


def test_the_page_lists_problems_changes_nothing_then_imports_a_fixed_file(client, cast):
    url = reverse("children_import", args=["summer"])
    client.force_login(cast.organizer)
    before = Participant.objects.count()
    bad = client.post(url, {"file": upload(csv_text(child(), child(given_name="", group="X")))})
    assert bad.status_code == 200
    assert "Line 3" in bad.text and "The given name is missing." in bad.text
    assert Participant.objects.count() == before
    good = client.post(url, {"file": upload(csv_text(child(given_name="陽菜"), child()), "cp932")})
    assert good.status_code == 200 and "2 children are ready to import" in good.text
    assert Participant.objects.count() == before
    confirm = good.context["signed"]
    done = client.post(url, {"confirm": confirm}, follow=True)
    assert "2 children imported." in done.text
    assert Participant.objects.filter(given_name="陽菜").exists()
    # Confirming the same file again finds the children there and writes nothing.
    again = client.post(url, {"confirm": confirm})
    assert again.status_code == 200 and "This child is already in the workshop." in again.text
    assert Participant.objects.count() == before + 2


def test_a_forged_confirmation_imports_nothing(client, cast):
    client.force_login(cast.organizer)
    response = client.post(
        reverse("children_import", args=["summer"]), {"confirm": "forged"}, follow=True
    )
    assert "That import has expired" in response.text
    assert not Participant.objects.filter(given_name="Aki").exists()


def test_a_file_that_is_not_text_is_refused(client, cast):
    client.force_login(cast.organizer)
    response = client.post(
        reverse("children_import", args=["summer"]),
        {"file": SimpleUploadedFile("kids.csv", b"\x81\x00\xff\xfe" * 10)},
    )
    assert "is not text in UTF-8 or Shift_JIS" in response.text


def rows_of(response) -> list[dict]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def test_the_export_holds_what_its_reader_may_see_and_audits_health_reads(client, cast):
    client.force_login(cast.mentor_a)
    response = client.get(reverse("children_export", args=["summer"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = rows_of(response)
    assert {row["family_name"] for row in rows} == {"Aoyama", "Sibling"}
    assert cast.child_b2.family_name not in response.content.decode()
    aoyama = next(row for row in rows if row["family_name"] == "Aoyama")
    assert aoyama["medical_notes"] == "EpiPen in bag"
    assert HealthRecordRead.objects.filter(
        reader=cast.mentor_a, participant=cast.child_a1, page="export"
    ).exists()
    # What was exported can be read back as an import (into another edition).
    assert list(rows[0]) == COLUMNS


def test_families_and_mentors_cannot_import(client, cast):
    for user in (cast.mentor_a, cast.parent_a, cast.other_organizer):
        client.force_login(user)
        assert client.get(reverse("children_import", args=["summer"])).status_code == 404
    client.force_login(cast.parent_a)
    assert client.get(reverse("children_export", args=["summer"])).status_code == 404
