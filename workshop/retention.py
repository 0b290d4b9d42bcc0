"""Data retention: what Kachinko erases once a workshop is over, and when.

`settings.KACHINKO_RETENTION_DAYS` days after a workshop's last day (in its own time zone),
the daily task `workshop.tasks.erase_expired_data` erases, for that workshop:

- the children's **health records** (allergies, medical notes, emergency contact): the rows
  are deleted; a child without one is what every page already knows as "nothing noted";
- the children's **pickup and emergency-only contacts** (rows deleted), and the **names of
  who picked each child up** on their attendance (replaced by `ERASED_NAME`: a check-out
  keeps its time, and the database wants it to name someone);
- the **phone numbers of the children's guardians** (`User.phone` emptied), unless the
  account still needs it for a workshop whose own erasure date has not come: a guardian or
  staff member of another edition keeps their number until that one's date;
- **media**, by the consent of the children tagged in it, as it stands that day:
  a photo, clip or sound that no family may see (no child tagged, or one tagged child whose
  consent is "not asked", "no photos" or "workshop staff only") is deleted whole, its
  renditions and original with it: it was for the staff, and the staff's week is over.
  One that families may see (every tagged child "families" or "public") keeps its
  renditions for the families, and its **original** only when every tagged child's consent
  is "public"; otherwise the original is erased from the private storage;
- its **deliveries** (`deliveries.Delivery`: who was sent which message, about what, and
  any error the mail server gave), rows deleted.

The same task also deletes the e-mails the development mail backend recorded instead of
sending them (`deliveries.RecordedMail`: whole messages, and no workshop to go by) once they
are `KACHINKO_RETENTION_DAYS` days old, logged as one entry on that model.

What was erased is written to Django's admin log (`django.contrib.admin.models.LogEntry`),
one entry per workshop and kind, on the workshop, as a CHANGE by the inactive account
`RETENTION_EMAIL` (the log needs a user, and erasing is nobody's act), with counts and ids
only, never a name, a phone number or a health note. Erasing only what is still there makes
a second run erase and log nothing; the workshop's row is locked while it is erased, so two
runs at once do not both log.
"""

import datetime
import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deliveries.models import Delivery, RecordedMail
from projects.models import SHOWN_TO_FAMILIES, MediaAsset
from workshop.models import (
    Attendance,
    Guardian,
    HealthRecord,
    Participant,
    PickupContact,
    StaffMembership,
    User,
    Workshop,
)

RETENTION_EMAIL = "retention@kachinko.invalid"
# What an erased attendance says picked the child up: the constraint `checked_out_with_someone`
# wants a name on every check-out, and this one names nobody.
ERASED_NAME = "—"

# The kinds of data erased, in the order the page and the log give them: (key, what the
# page calls them, what the admin log calls them, the ids the log gives).
KINDS = {
    "health_records": (_("Health records"), "health records", "children"),
    "contacts": (_("Pickup and emergency contacts"), "pickup and emergency contacts", "contacts"),
    "pickup_names": (
        _("Names of who picked the children up"),
        "names of who picked children up",
        "attendance",
    ),
    "phones": (_("Guardians' phone numbers"), "guardians' phone numbers", "accounts"),
    "media": (_("Photos and clips no family may see"), "media withheld from families", "media"),
    "originals": (_("Originals of photos and clips"), "media originals", "media"),
    "deliveries": (
        _("Messages sent: to whom, about what"),
        "deliveries",
        "deliveries",
    ),
}
# The kinds erased by emptying a field rather than deleting rows, with that field.
CHANGED_FIELDS = {"phones": ["phone"], "pickup_names": ["picked up by"]}
# The e-mails recorded instead of sent, in the same log on their own model.
RECORDED_MAIL = ("recorded e-mails", "e-mails")


def retention_days() -> int:
    return settings.KACHINKO_RETENTION_DAYS


def erasure_date(workshop: Workshop) -> datetime.date:
    """The day, in the workshop's time zone, from which its data is erased."""
    return workshop.end_date + datetime.timedelta(days=retention_days())


def is_due(workshop: Workshop) -> bool:
    return workshop.local_today() >= erasure_date(workshop)


# --- What is still there to erase ----------------------------------------------------------


def _health_records(workshop: Workshop) -> QuerySet:
    return HealthRecord.objects.filter(participant__workshop=workshop)


def _contacts(workshop: Workshop) -> QuerySet:
    return PickupContact.objects.filter(participant__workshop=workshop)


def _pickup_names(workshop: Workshop) -> QuerySet:
    return Attendance.objects.filter(day__workshop=workshop).exclude(
        picked_up_by_name__in=["", ERASED_NAME]
    )


def _deliveries(workshop: Workshop) -> QuerySet:
    return Delivery.objects.filter(workshop=workshop)


def _phones(workshop: Workshop, *, on: datetime.date) -> QuerySet:
    """Guardians of the workshop's children with a phone number that no workshop still
    needs on that day: none they are a guardian or staff in has reached its erasure date.
    (Another workshop's date is counted by its last day, whatever its time zone.)"""
    still_needed = Workshop.objects.filter(
        end_date__gt=on - datetime.timedelta(days=retention_days())
    )
    return (
        User.objects.filter(
            Exists(Guardian.objects.filter(user=OuterRef("pk"), participant__workshop=workshop))
        )
        .exclude(phone="")
        .exclude(
            Exists(
                Guardian.objects.filter(user=OuterRef("pk"), participant__workshop__in=still_needed)
            )
        )
        .exclude(
            Exists(StaffMembership.objects.filter(user=OuterRef("pk"), workshop__in=still_needed))
        )
    )


def _media_by_consent(workshop: Workshop) -> QuerySet:
    tags = MediaAsset.children.through.objects.filter(mediaasset_id=OuterRef("pk"))
    return MediaAsset.objects.filter(group__workshop=workshop).annotate(
        tagged=Exists(tags),
        withheld=Exists(tags.exclude(participant__media_consent__in=SHOWN_TO_FAMILIES)),
        not_public=Exists(tags.exclude(participant__media_consent=Participant.MediaConsent.PUBLIC)),
    )


def _media_withheld(workshop: Workshop) -> QuerySet:
    """Media no family may see: deleted whole."""
    return _media_by_consent(workshop).filter(Q(tagged=False) | Q(withheld=True))


def _originals(workshop: Workshop) -> QuerySet:
    """Media families may see whose original not every child's consent lets us keep."""
    return (
        _media_by_consent(workshop)
        .filter(tagged=True, withheld=False, not_public=True)
        .exclude(original="")
    )


@dataclass(frozen=True)
class Count:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class Plan:
    """What erasing the workshop would erase if it ran today, and from when it runs."""

    date: datetime.date
    due: bool
    counts: list[Count]

    @property
    def total(self) -> int:
        return sum(count.count for count in self.counts)


def plan(workshop: Workshop) -> Plan:
    """Counted, never read: one query per kind."""
    date = erasure_date(workshop)
    on = max(date, workshop.local_today())
    counts = {
        "health_records": _health_records(workshop).count(),
        "contacts": _contacts(workshop).count(),
        "pickup_names": _pickup_names(workshop).count(),
        "phones": _phones(workshop, on=on).count(),
        "media": _media_withheld(workshop).count(),
        "originals": _originals(workshop).count(),
        "deliveries": _deliveries(workshop).count(),
    }
    return Plan(
        date=date,
        due=is_due(workshop),
        counts=[Count(kind, KINDS[kind][0], counts[kind]) for kind in KINDS],
    )


# --- Erasing ---------------------------------------------------------------------------------


def erase_due_workshops() -> dict[int, dict[str, int]]:
    """Erase what is due in every workshop whose erasure date has come; what was erased,
    by workshop id and kind (workshops with nothing left to erase are left out)."""
    latest_end = timezone.now().date() + datetime.timedelta(days=1 - retention_days())
    erased = {}
    for workshop in Workshop.objects.filter(end_date__lte=latest_end).order_by("end_date"):
        if is_due(workshop) and (counts := erase_workshop(workshop)):
            erased[workshop.pk] = counts
    return erased


@transaction.atomic
def erase_recorded_mail() -> int:
    """Delete the e-mails the recording backend kept a retention window ago or earlier, and
    log them as one entry on `RecordedMail` (counts and ids only). Returns how many. The rows
    are locked, skipping those another run holds, so two runs at once do not both log."""
    cutoff = timezone.now() - datetime.timedelta(days=retention_days())
    ids = _ids(
        RecordedMail.objects.select_for_update(skip_locked=True).filter(recorded_at__lte=cutoff)
    )
    if not ids:
        return 0
    RecordedMail.objects.filter(pk__in=ids).delete()
    name, ids_name = RECORDED_MAIL
    summary = f"{len(ids)}: {ids_name} {', '.join(map(str, ids))}"
    LogEntry.objects.create(
        user=retention_user(),
        content_type=ContentType.objects.get_for_model(RecordedMail),
        object_repr=name,
        action_flag=DELETION,
        change_message=json.dumps(
            [
                {
                    "deleted": {"name": name, "object": summary},
                    "retention": {"kind": "recorded_mail", "count": len(ids), "ids": ids},
                }
            ]
        ),
    )
    return len(ids)


def _ids(queryset: QuerySet, field: str = "pk") -> list[int]:
    return sorted(queryset.values_list(field, flat=True))


@transaction.atomic
def erase_workshop(workshop: Workshop) -> dict[str, int]:
    """Erase what is still there of one due workshop's data, with its files, and log it.
    Returns the counts erased by kind (empty: nothing was left)."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if not is_due(workshop):
        return {}
    erased: dict[str, list[int]] = {}
    files: list[str] = []

    records = _health_records(workshop)
    if ids := _ids(records, "participant_id"):
        records.delete()
        erased["health_records"] = ids

    contacts = _contacts(workshop)
    if ids := _ids(contacts):
        contacts.delete()
        erased["contacts"] = ids

    pickups = _pickup_names(workshop)
    if ids := _ids(pickups):
        Attendance.objects.filter(pk__in=ids).update(picked_up_by_name=ERASED_NAME)
        erased["pickup_names"] = ids

    phones = _phones(workshop, on=workshop.local_today())
    if ids := _ids(phones):
        User.objects.filter(pk__in=ids).update(phone="")
        erased["phones"] = ids

    withheld = list(_media_withheld(workshop).only("pk", "original", "thumbnail", "display"))
    if withheld:
        files += [f.name for a in withheld for f in (a.original, a.thumbnail, a.display) if f]
        MediaAsset.objects.filter(pk__in=[asset.pk for asset in withheld]).delete()
        erased["media"] = sorted(asset.pk for asset in withheld)

    originals = list(_originals(workshop).only("pk", "original"))
    if originals:
        files += [asset.original.name for asset in originals]
        MediaAsset.objects.filter(pk__in=[asset.pk for asset in originals]).update(original="")
        erased["originals"] = sorted(asset.pk for asset in originals)

    deliveries = _deliveries(workshop)
    if ids := _ids(deliveries):
        deliveries.delete()
        erased["deliveries"] = ids

    if erased:
        _log(workshop, erased)
    # Deleted before the commit, not after: should a file fail to go, nothing is recorded as
    # erased and the task's retry tries again; should the commit fail after, the next run
    # finds the rows again, and a file already gone is no error.
    storage = MediaAsset._meta.get_field("original").storage
    for name in files:
        storage.delete(name)
    return {kind: len(ids) for kind, ids in erased.items()}


def retention_user() -> User:
    """The account the admin log names for erasures (LogEntry.user may not be empty): it
    cannot sign in and belongs to no workshop."""
    user, created = User.objects.get_or_create(
        email=RETENTION_EMAIL,
        defaults={"first_name": "Data retention", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _log(workshop: Workshop, erased: dict[str, list[int]]) -> None:
    """One admin log entry per kind, counts and ids only. The message is in the admin's own
    structure (shown there as "Deleted health records “3: children 4, 7, 9”."), with our
    own key beside it for the retention page."""
    user = retention_user()
    content_type = ContentType.objects.get_for_model(Workshop)
    now = timezone.now()
    entries = []
    for kind, ids in erased.items():
        _label, name, ids_name = KINDS[kind]
        summary = f"{len(ids)}: {ids_name} {', '.join(map(str, ids))}"
        action = (
            {"changed": {"name": name, "object": summary, "fields": CHANGED_FIELDS[kind]}}
            if kind in CHANGED_FIELDS
            else {"deleted": {"name": name, "object": summary}}
        )
        message = [{**action, "retention": {"kind": kind, "count": len(ids), "ids": ids}}]
        entries.append(
            LogEntry(
                user=user,
                content_type=content_type,
                object_id=str(workshop.pk),
                object_repr=str(workshop)[:200],
                action_time=now,
                action_flag=CHANGE,
                change_message=json.dumps(message),
            )
        )
    LogEntry.objects.bulk_create(entries)


# --- What was erased -------------------------------------------------------------------------


@dataclass(frozen=True)
class Erasure:
    erased_at: datetime.datetime
    kind: str
    label: str
    count: int


def erasures(workshop: Workshop) -> list[Erasure]:
    """What the retention job erased in the workshop, newest run first, from the admin log."""
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Workshop),
        object_id=str(workshop.pk),
        user__email=RETENTION_EMAIL,
    ).order_by("-action_time", "pk")
    found = []
    for entry in entries:
        for part in json.loads(entry.change_message):
            if (retention := part.get("retention")) and retention["kind"] in KINDS:
                kind = retention["kind"]
                found.append(Erasure(entry.action_time, kind, KINDS[kind][0], retention["count"]))
    return found
