"""Children and their guardians from a spreadsheet (CSV), and back out to one.

An import is checked whole before anything is written: every row's problems are named
(a missing name, a date that is not one, an unknown group, a child already there, one
e-mail address given for two different guardians…), and only a file without problems can
be imported, in one transaction. A guardian whose e-mail address has an account is linked
to it: returning families keep their sign-in. The export writes the same columns, so a
list exported from last year's edition can be imported into this year's.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from groups.models import Group
from groups.services import place_in_group
from workshop.models import Guardian, Participant, User
from workshop.selectors import health_records_for
from workshop.services import add_guardian, record_consent, save_child

COLUMNS = [
    "family_name",
    "given_name",
    "family_name_reading",
    "given_name_reading",
    "birth_date",
    "group",
    "media_consent",
    "allergies",
    "medical_notes",
    "emergency_contact_name",
    "emergency_contact_phone",
    "guardian_email",
    "guardian_family_name",
    "guardian_given_name",
    "guardian_phone",
    "guardian_relationship",
]
REQUIRED = ["family_name", "given_name", "birth_date"]
HEALTH = ["allergies", "medical_notes", "emergency_contact_name", "emergency_contact_phone"]
MAX_ROWS = 500
MAX_BYTES = 1_000_000
CONSENTS = {value for value, _label in Participant.MediaConsent.choices if value}
RELATIONSHIPS = {value for value, _label in Guardian.Relationship.choices}


@dataclass
class Row:
    line: int
    values: dict[str, str]
    problems: list[str] = field(default_factory=list)
    birth_date: datetime.date | None = None
    group: Group | None = None
    # The account a returning family's guardian already has.
    account: User | None = None

    @property
    def name(self) -> str:
        return f"{self.values['family_name']} {self.values['given_name']}".strip()


@dataclass
class Checked:
    rows: list[Row]
    problems: list[str]

    @property
    def ready(self) -> bool:
        return bool(self.rows) and not self.problems and not any(row.problems for row in self.rows)

    @property
    def rows_with_problems(self) -> int:
        return sum(1 for row in self.rows if row.problems)


def decode(data: bytes) -> str | None:
    """Spreadsheets save CSV as UTF-8 (with or without a byte-order mark) or, in Japan,
    often as Shift_JIS."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def check(workshop, text: str) -> Checked:
    """Every problem of the file and of each row, and what each row will become."""
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    if not header:
        return Checked([], [_("The file is empty.")])
    problems = [
        _("The file has no “%(column)s” column.") % {"column": column}
        for column in REQUIRED
        if column not in header
    ]
    problems += [
        _("“%(column)s” is not a column Kachinko knows: see the example file.") % {"column": column}
        for column in header
        if column not in COLUMNS
    ]
    if problems:
        return Checked([], problems)
    reader.fieldnames = header
    rows = []
    for line, raw in enumerate(reader, start=2):
        values = {column: (raw.get(column) or "").strip() for column in COLUMNS}
        if any(values.values()):
            rows.append(Row(line, values))
        if len(rows) > MAX_ROWS:
            return Checked(
                [], [_("A file holds at most %(count)s children.") % {"count": MAX_ROWS}]
            )
    if not rows:
        return Checked([], [_("The file has a header but no children.")])
    _check_rows(workshop, rows)
    return Checked(rows, [])


def _check_rows(workshop, rows: list[Row]) -> None:
    groups = {group.name.casefold(): group for group in Group.objects.filter(workshop=workshop)}
    existing = set(
        Participant.objects.filter(workshop=workshop).values_list(
            "family_name", "given_name", "birth_date"
        )
    )
    emails = {row.values["guardian_email"].lower() for row in rows} - {""}
    accounts = {user.email: user for user in User.objects.filter(email__in=emails)}
    seen_children: dict[tuple, int] = {}
    guardian_names: dict[str, tuple[tuple[str, str], int]] = {}
    for row in rows:
        values = row.values
        if not values["family_name"]:
            row.problems.append(_("The family name is missing."))
        if not values["given_name"]:
            row.problems.append(_("The given name is missing."))
        row.birth_date = _date(values["birth_date"])
        if row.birth_date is None:
            row.problems.append(
                _("“%(value)s” is not a birth date like 2015-04-12.")
                % {"value": values["birth_date"]}
            )
        elif row.birth_date >= workshop.start_date:
            row.problems.append(_("The birth date is not before the workshop."))
        if values["group"]:
            row.group = groups.get(values["group"].casefold())
            if row.group is None:
                row.problems.append(
                    _("There is no group called “%(group)s” in this workshop.")
                    % {"group": values["group"]}
                )
        if values["media_consent"] and values["media_consent"] not in CONSENTS:
            row.problems.append(
                _("Photo consent “%(value)s” is not one of: %(choices)s.")
                % {"value": values["media_consent"], "choices": ", ".join(sorted(CONSENTS))}
            )
        key = (values["family_name"], values["given_name"], row.birth_date)
        if key in existing:
            row.problems.append(_("This child is already in the workshop."))
        elif key in seen_children and all(key):
            row.problems.append(
                _("The same child is on line %(line)s.") % {"line": seen_children[key]}
            )
        seen_children.setdefault(key, row.line)
        _check_guardian(row, accounts, guardian_names)


def _check_guardian(row: Row, accounts, guardian_names) -> None:
    values = row.values
    email = values["guardian_email"].lower()
    named = values["guardian_family_name"] or values["guardian_given_name"]
    if not email:
        if named or values["guardian_phone"]:
            row.problems.append(_("A guardian needs an e-mail address."))
        return
    try:
        validate_email(email)
    except ValidationError:
        row.problems.append(
            _("“%(value)s” is not an e-mail address.") % {"value": values["guardian_email"]}
        )
        return
    relationship = values["guardian_relationship"]
    if relationship and relationship not in RELATIONSHIPS:
        row.problems.append(
            _("Relationship “%(value)s” is not one of: %(choices)s.")
            % {"value": relationship, "choices": ", ".join(sorted(RELATIONSHIPS))}
        )
    name = (values["guardian_family_name"].casefold(), values["guardian_given_name"].casefold())
    first = guardian_names.setdefault(email, (name, row.line))
    if first[0] != name:
        row.problems.append(
            _("The e-mail address %(email)s is given for another guardian on line %(line)s.")
            % {"email": email, "line": first[1]}
        )
    row.account = accounts.get(email)


def _date(value: str) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%Y/%m/%d"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


@transaction.atomic
def import_children(workshop, checked: Checked, *, by: User) -> int:
    """Write a checked file's children, their health records, groups, guardians and consent,
    all or nothing."""
    if not checked.ready:
        raise ValueError("Only a file without problems is imported.")
    for row in checked.rows:
        values = row.values
        child = save_child(
            Participant(
                workshop=workshop,
                family_name=values["family_name"],
                given_name=values["given_name"],
                family_name_reading=values["family_name_reading"],
                given_name_reading=values["given_name_reading"],
                birth_date=row.birth_date,
            ),
            health={name: values[name] for name in HEALTH},
        )
        if row.group is not None:
            place_in_group(child, group=row.group)
        if values["media_consent"]:
            record_consent(child, media_consent=values["media_consent"], by=by)
        if values["guardian_email"]:
            add_guardian(
                child,
                email=values["guardian_email"],
                first_name=values["guardian_given_name"],
                last_name=values["guardian_family_name"],
                phone=values["guardian_phone"],
                relationship=values["guardian_relationship"] or Guardian.Relationship.PARENT,
            )
    return len(checked.rows)


def export_children(workshop, user) -> str:
    """The children of the workshop this user may see, in the import's columns: health
    fields only where they may read them (read through the audited selector), guardians
    only where they may see them."""
    children = list(
        Participant.objects.visible_to(user)
        .filter(workshop=workshop)
        .select_related("membership__group")
        .prefetch_related("guardians__user")
        .order_by("family_name_reading", "given_name_reading", "family_name", "given_name")
    )
    health = health_records_for(user, children, page="export")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for child in children:
        record = health.get(child.pk)
        guardians = list(child.guardians.all()) or [None]
        for guardian in guardians:
            writer.writerow(
                {
                    "family_name": child.family_name,
                    "given_name": child.given_name,
                    "family_name_reading": child.family_name_reading,
                    "given_name_reading": child.given_name_reading,
                    "birth_date": child.birth_date.isoformat(),
                    "group": child.group.name if child.group else "",
                    "media_consent": child.media_consent,
                    **{name: getattr(record, name, "") or "" for name in HEALTH},
                    **_guardian_columns(guardian),
                }
            )
    return out.getvalue()


def _guardian_columns(guardian: Guardian | None) -> dict[str, str]:
    if guardian is None:
        return {}
    return {
        "guardian_email": guardian.user.email,
        "guardian_family_name": guardian.user.last_name,
        "guardian_given_name": guardian.user.first_name,
        "guardian_phone": guardian.user.phone,
        "guardian_relationship": guardian.relationship,
    }
