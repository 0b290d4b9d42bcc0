"""Forms for a film's pages: the film itself, its script, storyboard and shot list, and the
progress and notes mentors log on set."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import (
    CrewRole,
    Film,
    LogEntry,
    MediaAsset,
    Shot,
    StageProgress,
    time_code,
)
from workshop.models import Participant


class ProgressForm(forms.Form):
    """A stage's status, with its note. The stage is one of the film's workshop's."""

    stage = forms.ModelChoiceField(queryset=None, label=_("Stage"))
    status = forms.ChoiceField(choices=StageProgress.Status.choices, label=_("Status"))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args, film, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = film.group.workshop.stages.all()
        self.fields["stage"].error_messages["invalid_choice"] = _("Choose one of the stages.")
        self.fields["status"].error_messages["invalid_choice"] = _(
            "Choose not started, in progress or done."
        )


class LogEntryForm(forms.ModelForm):
    class Meta:
        model = LogEntry
        fields = ["body", "stage", "shared_with_families"]
        labels = {"body": _("A note from the set")}
        error_messages = {"body": {"required": _("Write the note first.")}}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, film, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = film.group.workshop.stages.all()
        self.fields["stage"].required = False


class FilmForm(forms.ModelForm):
    class Meta:
        model = Film
        fields = ["title", "logline", "synopsis"]
        widgets = {"synopsis": forms.Textarea(attrs={"rows": 6})}


class ScriptForm(forms.Form):
    text = forms.CharField(
        label=_("Script"),
        widget=forms.Textarea(attrs={"rows": 16}),
        strip=False,
        error_messages={"required": _("The script is empty: write something to save.")},
    )

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        if not text.strip():
            raise forms.ValidationError(_("The script is empty: write something to save."))
        return text


class CompareForm(forms.Form):
    """Two versions of the script to compare, by number."""

    old = forms.IntegerField(label=_("From version"), min_value=1)
    new = forms.IntegerField(label=_("To version"), min_value=1)


class FrameForm(forms.Form):
    caption = forms.CharField(
        label=_("Caption"),
        max_length=300,
        error_messages={"required": _("Describe the frame in a few words.")},
    )
    # A plain file field: the content is judged by the service (projects.media.judge).
    image = forms.FileField(label=_("A picture (a drawing or a photo)"), required=False)


class FrameImageForm(forms.Form):
    image = forms.FileField(
        label=_("A picture for this frame"),
        error_messages={"required": _("Choose a picture for the frame.")},
    )


class ShotForm(forms.ModelForm):
    class Meta:
        model = Shot
        fields = ["scene", "number", "description", "framing", "status"]

    def __init__(self, *args, film, **kwargs):
        super().__init__(*args, **kwargs)
        self.film = film

    def clean(self):
        cleaned = super().clean()
        scene, number = cleaned.get("scene"), cleaned.get("number")
        if scene is not None and number is not None:
            taken = self.film.shots.filter(scene=scene, number=number).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "number",
                    _("Scene %(scene)s already has a shot %(number)s.")
                    % {"scene": scene, "number": number},
                )
        return cleaned


class CrewRoleForm(forms.Form):
    """One tap on the crew page: a child takes a role for a day (`held` on) or gives it up.
    Children and days come from the film's group and workshop: any other is refused."""

    day = forms.ModelChoiceField(queryset=None, to_field_name="number", label=_("Day"))
    child = forms.ModelChoiceField(queryset=None, label=_("Child"))
    role = forms.ChoiceField(choices=CrewRole.choices, label=_("Role"))
    held = forms.BooleanField(required=False, label=_("Holds the role"))

    def __init__(self, *args, film, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = film.group.workshop.days.all()
        self.fields["day"].error_messages["invalid_choice"] = _("Choose a day of the workshop.")
        self.fields["child"].queryset = Participant.objects.filter(
            membership__group_id=film.group_id
        ).select_related("membership")
        self.fields["child"].error_messages["invalid_choice"] = _("Choose a child of this group.")
        self.fields["role"].error_messages["invalid_choice"] = _("Choose one of the crew's roles.")


class CrewDayForm(forms.Form):
    """The day whose crew the suggestion fills."""

    day = forms.ModelChoiceField(queryset=None, to_field_name="number", label=_("Day"))

    def __init__(self, *args, film, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = film.group.workshop.days.all()
        self.fields["day"].error_messages["invalid_choice"] = _("Choose a day of the workshop.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; each is judged by the service, not here."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [file for file in files if file]
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class MediaUploadForm(forms.Form):
    """Photos, clips or sound from the set, and the group's children who appear in them."""

    files = MultipleFileField(
        label=_("Photos, clips or sound"),
        error_messages={"required": _("Choose at least one file to upload.")},
    )
    children = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Who is in them?"), required=False
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = Participant.objects.filter(
            membership__group=group
        ).order_by("family_name", "given_name")
        self.fields["children"].error_messages["invalid_choice"] = _(
            "Choose children of this group."
        )


class ReelClipForm(forms.Form):
    """One of the group's processed clips that is not in the reel yet."""

    asset = forms.ModelChoiceField(
        queryset=None,
        label=_("A clip for the reel"),
        empty_label=None,
        error_messages={
            "required": _("Choose a clip."),
            "invalid_choice": _("Choose one of this group's clips that is not in the reel."),
        },
    )

    def __init__(self, *args, film, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asset"].queryset = (
            MediaAsset.objects.filter(
                group_id=film.group_id,
                kind=MediaAsset.Kind.VIDEO,
                state=MediaAsset.State.READY,
            )
            .exclude(reel_clips__film=film)
            .order_by("created_at", "pk")
        )
        self.fields["asset"].label_from_instance = lambda asset: (
            f"{asset.original_name or asset.pk} ({_duration(asset.duration)})"
        )


class ReelNoteForm(forms.Form):
    """A note at a time in the clip, written as the player shows it: m:ss."""

    at = forms.RegexField(
        regex=r"^\s*\d{1,3}:[0-5]\d\s*$",
        label=_("At (m:ss)"),
        max_length=8,
        error_messages={
            "required": _("Say when in the clip, as m:ss."),
            "invalid": _("Write the time as minutes and seconds, such as 0:42."),
        },
    )
    text = forms.CharField(
        label=_("Note"),
        max_length=300,
        error_messages={"required": _("Write the note.")},
    )
    is_retake = forms.BooleanField(label=_("Needs a retake"), required=False)

    def __init__(self, *args, clip, **kwargs):
        super().__init__(*args, **kwargs)
        self.clip = clip

    def clean_at(self):
        minutes, seconds = self.cleaned_data["at"].strip().split(":")
        at = datetime.timedelta(minutes=int(minutes), seconds=int(seconds))
        duration = self.clip.asset.duration
        if duration is not None and at > duration:
            raise forms.ValidationError(
                _("This clip lasts only %(duration)s.") % {"duration": _duration(duration)}
            )
        return at


def _duration(duration) -> str:
    return "?" if duration is None else time_code(duration)
