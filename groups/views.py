from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from groups.models import Group
from groups.selectors import groups_with_progress
from projects.forms import LogEntryForm, ProgressForm
from projects.models import LogEntry, StageProgress
from projects.services import set_stage_progress, write_log_entry
from projects.views import film_for
from workshop.access import can_see_health_notes, can_write_film, is_staff_of
from workshop.models import Participant
from workshop.views.htmx import render_page

NOTES_PER_PAGE = 20
# The mentor's home posts the same forms with panel=quick and gets its own card's panel back.
QUICK = "quick"


@require_safe
@login_required
def group_detail(request, pk):
    """A group's crew, film and progress. Children are listed only to those who may see them."""
    group = get_object_or_404(Group.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "groups/group_detail.html",
        {
            **_film_context(request, group),
            "members": Participant.objects.visible_to(request.user).filter(membership__group=group),
            "show_health": can_see_health_notes(request.user, group.workshop_id, group.pk),
        },
    )


def _film_context(request, group, **extra) -> dict:
    """What the group page's progress board and notes show."""
    card = groups_with_progress(Group.objects.filter(pk=group.pk))[0]
    return {
        "card": card,
        "group": card.group,
        "status_choices": StageProgress.Status.choices,
        "can_write_film": can_write_film(request.user, group.workshop_id, group.pk),
        "viewer_is_staff": is_staff_of(request.user, group.workshop_id),
        "log_entries": Paginator(
            LogEntry.objects.visible_to(request.user)
            .filter(film__group=group)
            .select_related("author", "stage"),
            NOTES_PER_PAGE,
        ).get_page(request.GET.get("page")),
        **extra,
    }


def _answer(request, film, *, partial: str, message: str = "", error: str = "", form=None):
    """After a write: the quick panel of the mentor's home, the group page's part, or (without
    htmx) the page again with the message."""
    group = film.group
    if not request.htmx:
        if error:
            messages.error(request, error)
        elif message:
            messages.success(request, message)
        if request.POST.get("panel") == QUICK:
            return redirect("home")
        return redirect("group", group.pk)
    if request.POST.get("panel") == QUICK:
        card = groups_with_progress(Group.objects.filter(pk=group.pk))[0]
        return render(
            request,
            "groups/_quick_log.html",
            {"card": card, "message": message, "error": error, "note_form": form},
        )
    context = _film_context(request, group, message=message, error=error)
    if form is not None:
        context["note_form"] = form
    return render_page(request, "groups/group_detail.html", context, partial=partial)


@require_POST
@login_required
def group_progress(request, pk):
    """Set a stage's status, and its note when one is sent: one tap on set."""
    film = film_for(request, pk, write=True)
    form = ProgressForm(request.POST, film=film)
    if not form.is_valid():
        error = " ".join(message for errors in form.errors.values() for message in errors)
        return _answer(request, film, partial="progress", error=error)
    stage = form.cleaned_data["stage"]
    note = form.cleaned_data["note"] if "note" in request.POST else None
    progress = set_stage_progress(
        film, stage, status=form.cleaned_data["status"], by=request.user, note=note
    )
    message = _("%(stage)s: %(status)s.") % {
        "stage": stage.label,
        "status": progress.get_status_display(),
    }
    return _answer(request, film, partial="progress", message=message)


@require_POST
@login_required
def group_note(request, pk):
    """Write a note from the set, shared with families or kept with the crew."""
    film = film_for(request, pk, write=True)
    form = LogEntryForm(request.POST, film=film)
    if not form.is_valid():
        error = " ".join(message for errors in form.errors.values() for message in errors)
        return _answer(request, film, partial="notes", error=error, form=form)
    shared = form.cleaned_data["shared_with_families"]
    write_log_entry(
        film,
        by=request.user,
        body=form.cleaned_data["body"],
        stage=form.cleaned_data["stage"],
        shared_with_families=shared,
    )
    message = _("Note shared with families.") if shared else _("Note kept with the crew.")
    return _answer(request, film, partial="notes", message=message)
