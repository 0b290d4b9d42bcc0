import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from groups.models import Group
from projects.models import Stage
from workshop.conflicts import clashes
from workshop.family_text import cleaned_translations
from workshop.invitations import workshop_people
from workshop.limits import (
    FAILED_SIGN_INS_PER_ACCOUNT,
    FAILED_SIGN_INS_PER_CLIENT,
    MAILS_PER_CLIENT,
    RESET_MAILS_PER_ADDRESS,
    client_ip,
)
from workshop.models import (
    MAX_GUESTS,
    ConsentRecord,
    Guardian,
    HealthRecord,
    Participant,
    PickupContact,
    ReleasedDay,
    ReleasedSession,
    Room,
    Session,
    StaffMembership,
    User,
    Workshop,
    WorkshopDay,
)


def day_label(day) -> str:
    """A workshop day as a choice: its number and date."""
    return _("Day %(number)s · %(date)s") % {
        "number": day.number,
        "date": date_format(day.date, "MONTH_DAY_FORMAT"),
    }


LOCKED_OUT = _(
    "Too many failed attempts to sign in. Wait %(minutes)s minutes and try again, "
    "or ask for a sign-in link by e-mail."
)


class LimitedSignInMixin:
    """Failed sign-ins are counted per address typed and per client; past either limit, the
    password is not even checked until the window has passed. Unknown addresses count
    alike, so a lockout says nothing of whether an account exists."""

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip().lower()
        client = client_ip(self.request) if self.request is not None else ""
        password = self.cleaned_data.get("password")
        if username and password:
            for limit, ident in (
                (FAILED_SIGN_INS_PER_ACCOUNT, username),
                (FAILED_SIGN_INS_PER_CLIENT, client),
            ):
                if limit.exceeded(ident):
                    raise ValidationError(
                        LOCKED_OUT, code="locked_out", params={"minutes": limit.minutes}
                    )
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if username and password and error.code == "invalid_login":
                FAILED_SIGN_INS_PER_ACCOUNT.hit(username)
                FAILED_SIGN_INS_PER_CLIENT.hit(client)
            raise
        FAILED_SIGN_INS_PER_ACCOUNT.reset(username)
        return cleaned


class EmailAuthenticationForm(LimitedSignInMixin, AuthenticationForm):
    """Sign in by e-mail address, whatever its case."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That e-mail address and password do not match an account. "
            "Note that the password is case-sensitive."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True}
        )

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class AdminSignInForm(LimitedSignInMixin, AdminAuthenticationForm):
    """The admin's sign-in, under the same limits as the site's."""


class AddressAskedMixin:
    """A form that asks for an e-mail address only, and counts it the same however it is
    typed: limits per address must not be escaped by capitals or spaces."""

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


def address_field():
    return forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SignInLinkForm(AddressAskedMixin, forms.Form):
    email = address_field()


class EmailPasswordResetForm(AddressAskedMixin, PasswordResetForm):
    """A reset e-mail per address is limited like sign-in links; past the limit, the page
    answers as always and nothing is sent."""

    email = address_field()

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"]
        if request is not None:
            MAILS_PER_CLIENT.hit(client_ip(request))
        if RESET_MAILS_PER_ADDRESS.exceeded(email):
            return
        RESET_MAILS_PER_ADDRESS.hit(email)
        super().save(*args, request=request, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        """Write to each user in their own language, not the language of whoever asked."""
        with translation.override(context["user"].language or translation.get_language()):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


NOT_ASKED = "not-asked"


class ChildSearchForm(forms.Form):
    """Search a workshop's children by name, reading (kana or romaji) or a guardian's name,
    within the groups one may filter by."""

    q = forms.CharField(
        label=_("Name, reading or guardian's name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "id": "child-search"}
        ),
    )
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=_("All groups"),
        widget=forms.Select(attrs={"id": "child-group"}),
    )
    consent = forms.ChoiceField(
        label=_("Photo and video consent"),
        required=False,
        choices=[("", _("Any consent")), (NOT_ASKED, _("Not asked yet"))]
        + [choice for choice in Participant.MediaConsent.choices if choice[0]],
        widget=forms.Select(attrs={"id": "child-consent"}),
    )
    allergies = forms.BooleanField(
        label=_("With allergies"),
        required=False,
        widget=forms.CheckboxInput(attrs={"id": "child-allergies"}),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups

    def filter(self, children):
        """The children that the chosen group, consent and allergies leave."""
        if group := self.cleaned_data["group"]:
            children = children.filter(membership__group=group)
        if consent := self.cleaned_data["consent"]:
            children = children.filter(media_consent="" if consent == NOT_ASKED else consent)
        if self.cleaned_data["allergies"]:
            children = children.filter(health__allergies__gt="")
        return children.search(self.cleaned_data["q"])


class ReleaseForm(forms.Form):
    """Name and publish the next release; with warnings, the organizer says they read them."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("For example: “Rain plan for day 4”."),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the history for the staff; families do not see it."),
    )
    confirm = forms.BooleanField(
        label=_("I have read the warnings above and release anyway."), required=False
    )

    def __init__(self, *args, warnings, changes, previous, **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings, self.changes, self.previous = warnings, changes, previous
        if not warnings:
            del self.fields["confirm"]

    def clean(self):
        cleaned = super().clean()
        if self.previous is not None and not self.changes:
            raise forms.ValidationError(
                _("Nothing has changed since release %(number)s: there is nothing to release."),
                params={"number": self.previous.number},
                code="unchanged",
            )
        if self.warnings and not cleaned.get("confirm"):
            self.add_error(
                "confirm", _("Read the warnings above, then tick this box to release anyway.")
            )
        return cleaned


class TranslationsMixin:
    """A field per site language (other than the workshop's own) for each family-facing text
    in `translated_fields`, named `<field>__<code>`, stored in `<field>_translations` when
    the form is clean. The template shows them folded under each text
    (`workshop/_translations.html`)."""

    translated_fields: tuple[str, ...] = ()

    def add_translation_fields(self, workshop):
        self.own_language = workshop.language
        for field in self.translated_fields:
            base = self.fields[field]
            stored = getattr(self.instance, f"{field}_translations", None) or {}
            for code, name in settings.LANGUAGES:
                if code == workshop.language:
                    continue
                widget = base.widget
                rows = widget.attrs.get("rows") if isinstance(widget, forms.Textarea) else None
                self.fields[f"{field}__{code}"] = forms.CharField(
                    label=name,
                    required=False,
                    max_length=getattr(base, "max_length", None),
                    initial=stored.get(code, ""),
                    widget=forms.Textarea(attrs={"rows": rows, "lang": code})
                    if rows
                    else forms.TextInput(attrs={"lang": code}),
                )

    @property
    def translation_rows(self) -> dict[str, dict]:
        """Each text's bound translation fields, and whether any is filled in (the template
        unfolds those): `form.translation_rows.what_to_bring.fields`."""
        rows = {}
        for field in self.translated_fields:
            bound = [self[name] for name in self.fields if name.startswith(f"{field}__")]
            filled = any(item.value() or item.errors for item in bound)
            rows[field] = {"fields": bound, "filled": filled, "label": self.fields[field].label}
        return rows

    def store_translations(self):
        for field in self.translated_fields:
            values = {
                name.split("__", 1)[1]: self.cleaned_data.get(name) or ""
                for name in self.fields
                if name.startswith(f"{field}__")
            }
            setattr(
                self.instance,
                f"{field}_translations",
                cleaned_translations(values, own_language=self.own_language),
            )


class SessionForm(TranslationsMixin, forms.ModelForm):
    """A session of one workshop: its choices are that workshop's days, rooms, stages, groups
    and mentors only. A room or a group in two places at once is refused, naming both."""

    class Meta:
        model = Session
        fields = [
            "day",
            "starts_at",
            "ends_at",
            "title",
            "kind",
            "stage",
            "room",
            "for_all_groups",
            "groups",
            "mentors",
            "description",
        ]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M"),
            "groups": forms.CheckboxSelectMultiple,
            "mentors": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    translated_fields = ("title",)

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        self.add_translation_fields(workshop)
        fields = self.fields
        fields["day"].queryset = workshop.days.order_by("number")
        fields["day"].empty_label = None
        fields["stage"].queryset = workshop.stages.order_by("position")
        fields["room"].queryset = workshop.rooms.order_by("name")
        fields["groups"].queryset = workshop.groups.order_by("name")
        # The workshop's mentors, and whoever leads this session already (an organizer, say),
        # so that saving it never drops someone silently.
        current = self.instance.mentors.all() if self.instance.pk else User.objects.none()
        fields["mentors"].queryset = (
            User.objects.filter(
                Q(
                    staff_memberships__workshop=workshop,
                    staff_memberships__role=StaffMembership.Role.MENTOR,
                )
                | Q(pk__in=current.values("pk"))
            )
            .distinct()
            .order_by("last_name", "first_name")
        )
        fields["mentors"].label_from_instance = lambda user: user.display_name
        fields["day"].label_from_instance = day_label
        fields["stage"].label_from_instance = lambda stage: stage.label

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups")
        for_all = cleaned.get("for_all_groups")
        if not for_all and groups is not None and not groups:
            self.add_error("groups", _("Choose its groups, or tick “for all groups”."))
        for message in clashes(
            title=cleaned.get("title") or self.instance.title,
            day=cleaned.get("day"),
            starts_at=cleaned.get("starts_at"),
            ends_at=cleaned.get("ends_at"),
            room=cleaned.get("room"),
            group_ids={group.pk for group in groups or []},
            for_all_groups=bool(for_all),
            exclude_pk=self.instance.pk,
        ):
            self.add_error(None, message)
        self.store_translations()
        return cleaned


class CopyDayForm(forms.Form):
    """Copy a day's plan to an empty day of the same workshop."""

    to = forms.ModelChoiceField(label=_("Copy this day's plan to"), queryset=WorkshopDay.objects)

    def __init__(self, *args, day, **kwargs):
        super().__init__(*args, **kwargs)
        self.day = day
        field = self.fields["to"]
        field.queryset = day.workshop.days.exclude(pk=day.pk).order_by("number")
        field.label_from_instance = day_label

    def clean_to(self):
        to = self.cleaned_data["to"]
        if to.sessions.exists():
            raise forms.ValidationError(
                _("Day %(number)s already has sessions: copy only to an empty day."),
                params={"number": to.number},
            )
        return to


TIME_ZONES = sorted(zoneinfo.available_timezones())
TIME_WIDGET = forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M")


class WorkshopForm(forms.ModelForm):
    """The workshop itself. New dates get new days; days that the new dates leave out go only
    when the organizer ticks that they may, and only if nothing is planned on them: a day with
    sessions, or one that families were given in a release, keeps the dates from leaving it
    out."""

    time_zone = forms.ChoiceField(label=_("Time zone"), choices=[(z, z) for z in TIME_ZONES])
    remove_days = forms.BooleanField(
        label=_("Remove the days the new dates leave out"), required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the family text"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=Workshop._meta.get_field("language").help_text,
    )

    def clean_language(self):
        """Left out (an older form), the workshop keeps its language."""
        return self.cleaned_data.get("language") or self.instance.language

    class Meta:
        model = Workshop
        fields = [
            "title",
            "start_date",
            "end_date",
            "time_zone",
            "venue",
            "venue_address",
            "reminder_time",
            "language",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "venue_address": forms.Textarea(attrs={"rows": 3}),
            "reminder_time": TIME_WIDGET,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.days_left_out: list[WorkshopDay] = []

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if not (start and end):
            return cleaned
        if end < start:
            self.add_error("end_date", _("The last day cannot come before the first day."))
            return cleaned
        self.days_left_out = list(
            self.instance.days.exclude(date__range=(start, end))
            .annotate(session_count=Count("sessions"))
            .order_by("number")
        )
        released = set(
            ReleasedSession.objects.filter(day__in=self.days_left_out).values_list(
                "day_id", flat=True
            )
        ) | set(
            ReleasedDay.objects.filter(day__in=self.days_left_out).values_list("day_id", flat=True)
        )
        for day in self.days_left_out:
            params = {"day": day_label(day), "count": day.session_count}
            if day.session_count:
                message = ngettext(
                    "%(day)s has %(count)s session: move or remove it before the dates leave "
                    "this day out.",
                    "%(day)s has %(count)s sessions: move or remove them before the dates leave "
                    "this day out.",
                    day.session_count,
                )
                self.add_error(None, message % params)
            elif day.pk in released:
                message = _("%(day)s is in a release families were given: the dates must keep it.")
                self.add_error(None, message % params)
        if self.days_left_out and not self.non_field_errors() and not cleaned.get("remove_days"):
            self.add_error(
                "remove_days",
                _("These days have nothing planned, but the new dates leave them out: %(days)s.")
                % {"days": ", ".join(day_label(day) for day in self.days_left_out)},
            )
        return cleaned


class DayForm(TranslationsMixin, forms.ModelForm):
    """A day's hours and what families need to know. Sessions that the new hours leave out
    are kept and listed, never moved."""

    translated_fields = ("what_to_bring", "family_notes")

    class Meta:
        model = WorkshopDay
        fields = [
            "doors_open",
            "pickup",
            "focus_stage",
            "meeting_point",
            "what_to_bring",
            "family_notes",
        ]
        widgets = {
            "doors_open": TIME_WIDGET,
            "pickup": TIME_WIDGET,
            "what_to_bring": forms.Textarea(attrs={"rows": 2}),
            "family_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", f"day-{kwargs['instance'].number}")
        super().__init__(*args, **kwargs)
        stage = self.fields["focus_stage"]
        stage.queryset = self.instance.workshop.stages.order_by("position")
        stage.label_from_instance = lambda stage: stage.label
        self.fields["meeting_point"].queryset = self.instance.workshop.rooms.order_by("name")
        self.add_translation_fields(self.instance.workshop)

    def clean(self):
        cleaned = super().clean()
        doors_open, pickup = cleaned.get("doors_open"), cleaned.get("pickup")
        if doors_open and pickup and pickup <= doors_open:
            self.add_error("pickup", _("Pickup must come after the doors open."))
        self.store_translations()
        return cleaned


class RoomForm(forms.ModelForm):
    """A room of one workshop; its name is the workshop's only room of that name."""

    class Meta:
        model = Room
        fields = ["name", "capacity", "directions"]
        widgets = {"capacity": forms.NumberInput(attrs={"min": 1})}

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.workshop = workshop

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = self.instance.workshop.rooms.exclude(pk=self.instance.pk)
        if others.filter(name__iexact=name).exists():
            raise forms.ValidationError(
                _("There is already a room called “%(name)s”."), params={"name": name}
            )
        return name

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < 1:
            raise forms.ValidationError(_("A room holds at least one person."))
        return capacity


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["name", "colour"]
        widgets = {"colour": forms.TextInput(attrs={"type": "color"})}


class SessionMoveForm(forms.Form):
    """A session dragged, or moved with the keyboard, on the planner: to another time, day or
    room of its workshop. Its groups stay, so a clash is judged with them. The days and rooms
    are those the planner has read already, so a move asks the database only what it must
    (the clashes) before saving."""

    day = forms.TypedChoiceField(coerce=int)
    starts_at = forms.TimeField()
    ends_at = forms.TimeField()
    room = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, data, *, session: Session, days, rooms, day_sessions=None):
        super().__init__(data)
        self.session = session
        self.days = {day.pk: day for day in days}
        self.rooms = {room.pk: room for room in rooms}
        # Day id → that day's sessions, read already with their groups for some days
        # (`planner.planner_sessions`): a move to one of them is judged without asking again.
        self.day_sessions = day_sessions or {}
        self.fields["day"].choices = [(pk, pk) for pk in self.days]
        self.fields["room"].choices = [("", ""), *((pk, pk) for pk in self.rooms)]

    def clean(self):
        cleaned = super().clean()
        if "day" in cleaned:
            cleaned["day"] = self.days[cleaned["day"]]
        if "room" in cleaned:
            cleaned["room"] = self.rooms.get(cleaned["room"])
        if self.errors:
            return cleaned
        session = self.session
        session.day, session.room = cleaned["day"], cleaned["room"]
        session.starts_at, session.ends_at = cleaned["starts_at"], cleaned["ends_at"]
        try:
            session.clean()
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        problems = clashes(
            title=session.title,
            day=session.day,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            room=session.room,
            group_ids={group.pk for group in session.group_list},
            for_all_groups=session.for_all_groups,
            exclude_pk=session.pk,
            day_sessions=self.day_sessions.get(session.day_id),
        )
        if problems:
            raise forms.ValidationError(problems)
        return cleaned

    def save(self) -> Session:
        self.session.save(update_fields=["day", "room", "starts_at", "ends_at"])
        return self.session


class InviteForm(forms.Form):
    """Whom to invite: some of the workshop's people without an account, or all of those
    not invited yet."""

    people = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    everyone = forms.BooleanField(required=False)

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        self.fields["people"].queryset = workshop_people(workshop).filter(
            password__startswith=UNUSABLE_PASSWORD_PREFIX
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("everyone"):
            cleaned["people"] = list(
                self.fields["people"].queryset.exclude(invitations__workshop=self.workshop)
            )
        if not cleaned.get("people"):
            raise forms.ValidationError(
                _("Choose at least one person without an account to invite.")
            )
        return cleaned


class NewEditionForm(forms.Form):
    """Next year's edition of a workshop: its own title, short name and first day."""

    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=50,
        help_text=_("Used in the pages' addresses: letters, digits and hyphens."),
    )
    start_date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, previous, **kwargs):
        next_start = previous.start_date + datetime.timedelta(weeks=52)
        year, next_year = str(previous.start_date.year), str(next_start.year)
        kwargs.setdefault(
            "initial",
            {
                "title": previous.title.replace(year, next_year)
                if year in previous.title
                else f"{previous.title} {next_year}",
                "slug": f"{previous.slug.removesuffix('-' + year)}-{next_year}",
                "start_date": next_start,
            },
        )
        super().__init__(*args, **kwargs)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Workshop.objects.filter(slug=slug).exists():
            raise forms.ValidationError(
                _("Another workshop already uses “%(slug)s”."), params={"slug": slug}
            )
        return slug


class ChildForm(forms.ModelForm):
    """A child's names, readings and birth date; their workshop is the organizer's."""

    class Meta:
        model = Participant
        fields = [
            "family_name",
            "given_name",
            "family_name_reading",
            "given_name_reading",
            "birth_date",
            "notes",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.workshop = workshop


class HealthRecordForm(forms.ModelForm):
    class Meta:
        model = HealthRecord
        fields = [
            "allergies",
            "medical_notes",
            "emergency_contact_name",
            "emergency_contact_phone",
        ]
        widgets = {
            "allergies": forms.Textarea(attrs={"rows": 2}),
            "medical_notes": forms.Textarea(attrs={"rows": 3}),
            "emergency_contact_phone": forms.TextInput(attrs={"type": "tel"}),
        }


class ConsentForm(forms.ModelForm):
    """Record the consent a family gave, with how they gave it."""

    class Meta:
        model = ConsentRecord
        fields = ["media_consent", "note"]
        labels = {"media_consent": _("Consent given")}


class FamilyConsentForm(forms.Form):
    """A parent's own choice of their child's photo and video consent, each level said in
    plain words."""

    MEANINGS = {
        Participant.MediaConsent.NONE: _(
            "Not filmed or photographed. Your child works behind the camera."
        ),
        Participant.MediaConsent.WORKSHOP: _(
            "Filmed and photographed for the work itself, seen by the workshop's staff only."
        ),
        Participant.MediaConsent.FAMILIES: _(
            "Seen by the workshop's families: in the films, photos and credits they are shown."
        ),
        Participant.MediaConsent.PUBLIC: _(
            "Shown at the public screening, and wherever the films are shown publicly."
        ),
    }

    media_consent = forms.ChoiceField(
        label=_("Photos and video of your child"),
        choices=[choice for choice in Participant.MediaConsent.choices if choice[0]],
        widget=forms.RadioSelect,
    )

    def levels(self) -> list[tuple[str, str, str]]:
        """Each level's value, name and meaning, for the template's radio buttons."""
        return [
            (value, label, self.MEANINGS[value])
            for value, label in self.fields["media_consent"].choices
        ]


class GuardianForm(forms.ModelForm):
    """Who a guardian is to the child and what they may do."""

    class Meta:
        model = Guardian
        fields = ["relationship", "may_pick_up", "receives_reminders"]


class NewGuardianForm(GuardianForm):
    """A guardian by e-mail address: an existing account is linked as it is; otherwise a new
    account is made with the name and phone given here."""

    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    class Meta(GuardianForm.Meta):
        fields = ["email", "first_name", "last_name", "phone", *GuardianForm.Meta.fields]

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.participant.guardians.filter(user__email=email).exists():
            raise forms.ValidationError(_("This person is already one of the child's guardians."))
        return email


class PickupContactForm(forms.ModelForm):
    class Meta:
        model = PickupContact
        fields = ["name", "relationship", "phone", "kind"]
        widgets = {"kind": forms.RadioSelect, "phone": forms.TextInput(attrs={"type": "tel"})}


class CheckOutForm(forms.Form):
    """Who picked the child up: one of `choices` (a guardian or an approved contact), or
    someone else, named and confirmed."""

    OTHER = "other"

    pickup = forms.ChoiceField(
        error_messages={
            "required": _("Choose who picked the child up."),
            "invalid_choice": _("Choose who picked the child up from the list."),
        }
    )
    name = forms.CharField(max_length=200, required=False, strip=True)
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args, pickups, **kwargs):
        super().__init__(*args, **kwargs)
        self.pickups = {self.value_of(person): person for person in pickups}
        self.fields["pickup"].choices = [(value, value) for value in self.pickups] + [
            (self.OTHER, self.OTHER)
        ]

    @staticmethod
    def value_of(person) -> str:
        kind = "contact" if isinstance(person, PickupContact) else "guardian"
        return f"{kind}-{person.pk}"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pickup") != self.OTHER:
            return cleaned
        name = cleaned.get("name", "")
        if not name:
            raise forms.ValidationError(
                _("Write the name of the person who is not on the list."), code="name"
            )
        if not cleaned.get("confirm"):
            raise forms.ValidationError(
                _("Confirm that %(name)s, who is not on the pickup list, takes the child."),
                params={"name": name},
                code="confirm",
            )
        return cleaned

    @property
    def person(self):
        """The guardian or contact chosen, or None for someone not on the list."""
        return self.pickups.get(self.cleaned_data["pickup"])


class ScreeningReplyForm(forms.Form):
    """How many guests come to the screening with the family."""

    _message = _("Enter a number of guests from 0 to %(max)s.") % {"max": MAX_GUESTS}
    guests = forms.IntegerField(
        label=_("Guests coming with you"),
        min_value=0,
        max_value=MAX_GUESTS,
        help_text=_("Not counting yourself and your children."),
        error_messages={
            "required": _message,
            "invalid": _message,
            "min_value": _message,
            "max_value": _message,
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_GUESTS, "inputmode": "numeric"}),
    )
