"""A group's review reel, the rough cut before the screening: its clips in order, notes at a
time in each, and the checklist of retakes they ask for. For those who see the group's media
(its mentors and the workshop's organizers, `access.can_manage_media`); 404 to anyone else,
other mentors included, as the clips are the group's media."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from projects.forms import ReelClipForm, ReelNoteForm
from projects.models import Film, ReelNote, time_code
from projects.services import (
    add_reel_clip,
    add_reel_note,
    move_reel_clip,
    remove_reel_clip,
    set_retaken,
)
from workshop.access import can_manage_media
from workshop.views.htmx import render_page


def _reel_film(request, pk) -> Film:
    """The film of group `pk`, for the group's mentors and its workshop's organizers."""
    film = get_object_or_404(
        Film.objects.read_by_staff(request.user).select_related("group__workshop"), group_id=pk
    )
    if not can_manage_media(request.user, film.group.workshop_id, film.group_id):
        raise Http404
    film.can_write = True  # the same people (access.can_manage_media)
    return film


def _reel_context(film, *, clip_form=None, note_forms=None) -> dict:
    clips = list(
        film.reel_clips.select_related("asset")
        .prefetch_related("notes__author")
        .order_by("position", "pk")
    )
    note_forms = note_forms or {}
    for clip in clips:
        clip.length = time_code(clip.asset.duration) if clip.asset.duration else ""
        clip.note_form = note_forms.get(clip.pk) or ReelNoteForm(
            clip=clip, prefix=f"clip-{clip.pk}"
        )
    retakes = [(clip, note) for clip in clips for note in clip.notes.all() if note.is_retake]
    return {
        "film": film,
        "clips": clips,
        "retakes": retakes,
        "retakes_left": sum(1 for _, note in retakes if not note.retaken),
        "clip_form": clip_form or ReelClipForm(film=film),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def film_reel(request, pk):
    """The reel; a POST puts one of the group's clips at its end."""
    film = _reel_film(request, pk)
    clip_form = ReelClipForm(request.POST if request.method == "POST" else None, film=film)
    if clip_form.is_valid():
        add_reel_clip(film, asset=clip_form.cleaned_data["asset"])
        return redirect("film_reel", pk)
    return render_page(
        request, "projects/film_reel.html", _reel_context(film, clip_form=clip_form), partial="reel"
    )


@require_POST
@login_required
def film_reel_clip(request, pk, clip_pk):
    """A clip of the reel: `note` adds a note at a time in it (the page again, with the
    form's errors, when it is not right); `direction` up or down moves it; `remove` takes it
    out of the reel."""
    film = _reel_film(request, pk)
    clip = get_object_or_404(film.reel_clips.select_related("asset"), pk=clip_pk)
    if "direction" in request.POST:
        move_reel_clip(clip, up=request.POST["direction"] == "up")
    elif "remove" in request.POST:
        remove_reel_clip(clip)
        messages.success(request, _("The clip is out of the reel; it stays in the media."))
    else:
        form = ReelNoteForm(request.POST, clip=clip, prefix=f"clip-{clip.pk}")
        if not form.is_valid():
            context = _reel_context(film, note_forms={clip.pk: form})
            return render_page(request, "projects/film_reel.html", context, partial="reel")
        add_reel_note(
            clip,
            at=form.cleaned_data["at"],
            text=form.cleaned_data["text"],
            is_retake=form.cleaned_data["is_retake"],
            by=request.user,
        )
    return _back_to_reel(pk, f"clip-{clip.pk}")


@require_POST
@login_required
def film_reel_retake(request, pk, note_pk):
    """Tick a retake off the checklist (`retaken=1`), or back on."""
    film = _reel_film(request, pk)
    note = get_object_or_404(ReelNote.objects.filter(clip__film=film, is_retake=True), pk=note_pk)
    set_retaken(note, retaken=request.POST.get("retaken") == "1")
    return _back_to_reel(pk, "retakes")


def _back_to_reel(pk, anchor: str):
    return redirect(f"{reverse('film_reel', args=[pk])}#{anchor}")
