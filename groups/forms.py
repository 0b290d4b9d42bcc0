"""Forms of the group builder: every choice comes from the organizer's own workshop."""

from django import forms
from django.utils.translation import gettext_lazy as _

from groups.models import Group
from groups.services import MAX_GROUPS
from workshop.models import Participant, StaffMembership, User


class GroupForm(forms.ModelForm):
    """A group's name, colour and mentors, chosen from the workshop's mentors only."""

    class Meta:
        model = Group
        fields = ["name", "colour", "mentors"]
        widgets = {
            "colour": forms.TextInput(attrs={"type": "color"}),
            "mentors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.workshop = workshop
        self.fields["mentors"].queryset = User.objects.filter(
            staff_memberships__workshop=workshop,
            staff_memberships__role=StaffMembership.Role.MENTOR,
        ).order_by("last_name", "first_name")
        self.fields["mentors"].label_from_instance = lambda user: user.display_name
        self.fields["mentors"].required = False

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Group.objects.filter(workshop=self.instance.workshop).exclude(pk=self.instance.pk)
        if others.filter(name__iexact=name).exists():
            raise forms.ValidationError(
                _("There is already a group called “%(name)s”."), params={"name": name}
            )
        return name


class AssignForm(forms.Form):
    group_count = forms.IntegerField(label=_("Number of groups"), min_value=1, max_value=MAX_GROUPS)


class WorkshopChildForm(forms.Form):
    """A child of the organizer's workshop, named by id in a gesture or a small form."""

    child = forms.ModelChoiceField(queryset=Participant.objects.none())

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = Participant.objects.filter(workshop=workshop)
        self.fields["child"].error_messages["invalid_choice"] = _(
            "That child is not in this workshop."
        )


class PlaceForm(WorkshopChildForm):
    """Move a child to a group (or to none); a child moved by hand is pinned there unless
    the organizer says otherwise."""

    group = forms.ModelChoiceField(
        label=_("Group"), queryset=Group.objects.none(), required=False, empty_label=_("No group")
    )
    pinned = forms.BooleanField(label=_("Pin here"), required=False)

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, workshop=workshop, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(workshop=workshop)
        self.fields["group"].error_messages["invalid_choice"] = _(
            "That group is not in this workshop."
        )


class SiblingsForm(WorkshopChildForm):
    keep = forms.BooleanField(label=_("Keep together"), required=False)
