from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db.models import Q
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from groups.models import Group
from workshop.conflicts import clashes
from workshop.models import Room, Session, StaffMembership, User, WorkshopDay


def day_label(day) -> str:
    """A workshop day as a choice: its number and date."""
    return _("Day %(number)s · %(date)s") % {
        "number": day.number,
        "date": date_format(day.date, "MONTH_DAY_FORMAT"),
    }


class EmailAuthenticationForm(AuthenticationForm):
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


class EmailPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        """Write to each user in their own language, not the language of whoever asked."""
        with translation.override(context["user"].language or translation.get_language()):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


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

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


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


class SessionForm(forms.ModelForm):
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

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop = workshop
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


class SessionMoveForm(forms.ModelForm):
    """A session dragged, or moved with the keyboard, on the planner: to another time, day or
    room of its workshop. Its groups stay, so a clash is judged with them."""

    class Meta:
        model = Session
        fields = ["day", "starts_at", "ends_at", "room"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        workshop_id = self.instance.day.workshop_id
        self.fields["day"].queryset = WorkshopDay.objects.filter(workshop_id=workshop_id)
        self.fields["room"].queryset = Room.objects.filter(workshop_id=workshop_id)

    def clean(self):
        cleaned = super().clean()
        for message in clashes(
            title=self.instance.title,
            day=cleaned.get("day"),
            starts_at=cleaned.get("starts_at"),
            ends_at=cleaned.get("ends_at"),
            room=cleaned.get("room"),
            group_ids={group.pk for group in self.instance.groups.all()},
            for_all_groups=self.instance.for_all_groups,
            exclude_pk=self.instance.pk,
        ):
            self.add_error(None, message)
        return cleaned
