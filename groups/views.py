from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from groups.forms import AssignForm, GroupForm, PlaceForm, SiblingsForm
from groups.models import Group
from groups.selectors import group_board, groups_with_progress
from groups.services import assign_groups, create_group, keep_siblings_together, place_in_group
from projects.forms import LogEntryForm, ProgressForm
from projects.models import LogEntry, StageProgress
from projects.services import NoteRefused, set_stage_progress, write_log_entry
from projects.views import film_for
from workshop.access import can_write_film, is_staff_of
from workshop.models import HealthRecordRead, Participant, Workshop
from workshop.offline import Unreadable, sent_by_phone
from workshop.page_cache import csrf_key, page_context
from workshop.selectors import cached_with_health_reads, health_records_for
from workshop.views.htmx import render_page
from workshop.views.sessions import _organized_workshop

NOTES_PER_PAGE = 20
# The mentor's home posts the same forms with panel=quick and gets its own card's panel back.
QUICK = "quick"


@require_safe
@login_required
def group_detail(request, pk):
    """A group's crew, film and progress. Children are listed only to those who may see them.
    The content is rendered once per reader, data version and page of notes, and served
    again as it is (its forms' CSRF token is the reader's: the reader's secret is part of
    the key); served from the cache, the health flags it shows are written to the audit
    again."""
    group = get_object_or_404(Group.objects.visible_to(request.user), pk=pk)
    notes_page = request.GET.get("page", "")[:8]
    content = cached_with_health_reads(
        request.user,
        f"group:{group.pk}:{get_language()}:{notes_page}:{csrf_key(request)}:{bool(request.htmx)}",
        lambda: _group_content(request, group),
        page=HealthRecordRead.Page.GROUP,
    )
    return render(
        request,
        "groups/group_detail.html",
        {
            "group": group,
            "content": content,
            "can_write_film": can_write_film(request.user, group.workshop_id, group.pk),
        },
    )


def _group_content(request, group) -> tuple[str, dict]:
    """The group page's content, rendered, with the health reads it shows."""
    members = list(
        Participant.objects.visible_to(request.user)
        .filter(membership__group=group)
        .select_related("membership")
    )
    health = health_records_for(request.user, members, page=HealthRecordRead.Page.GROUP, full=False)
    context = {
        **_film_context(request, group),
        "members": [(child, health.get(child.pk)) for child in members],
    }
    content = render_to_string("groups/group_detail.html#content", context, request)
    reads = {
        child.pk: (group.workshop_id, HealthRecordRead.Scope.ALLERGIES)
        for child in members
        if child.pk in health and health[child.pk].shows_something
    }
    return content, reads


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
    """Write a note from the set, shared with families or kept with the crew. A note the
    phone kept while offline comes with its id and the time it was written
    (static/js/notes.js): sent twice, it is recorded once."""
    film = film_for(request, pk, write=True)
    form = LogEntryForm(request.POST, film=film)
    try:
        client_id, at = sent_by_phone(request.POST)
    except Unreadable:
        error = _("The phone sent this in a form the site cannot read.")
        return _answer(request, film, partial="notes", error=error, form=form)
    if not form.is_valid():
        error = " ".join(message for errors in form.errors.values() for message in errors)
        return _answer(request, film, partial="notes", error=error, form=form)
    shared = form.cleaned_data["shared_with_families"]
    try:
        write_log_entry(
            film,
            by=request.user,
            body=form.cleaned_data["body"],
            stage=form.cleaned_data["stage"],
            shared_with_families=shared,
            at=at,
            client_id=client_id,
        )
    except NoteRefused as refused:
        return _answer(request, film, partial="notes", error=str(refused), form=form)
    message = _("Note shared with families.") if shared else _("Note kept with the crew.")
    return _answer(request, film, partial="notes", message=message)


def _builder_context(request, workshop) -> dict:
    """The board is read only when its cached part is missing (its forms carry the reader's
    CSRF token: keyed on it)."""
    context = page_context(request, board=lambda: group_board(workshop))
    context |= page_context(
        request,
        # As many groups as there are (the board's columns but "without a group"), or 5.
        assign_form=lambda: AssignForm(
            initial={"group_count": len(context["board"].columns) - 1 or 5}
        ),
    )
    return context | {
        "workshop": workshop,
        "csrf_key": csrf_key(request),
        "place_url": reverse("group_place", args=[workshop.slug]),
        "siblings_url": reverse("group_siblings", args=[workshop.slug]),
    }


def _board(request, workshop, *, status=200):
    """The builder page, or for htmx its board alone (the messages ride along)."""
    response = render_page(
        request, "groups/builder.html", _builder_context(request, workshop), partial="board"
    )
    response.status_code = status
    return response


@require_safe
@login_required
def group_builder(request, slug):
    """Organizers build the groups: automatically, then by hand (drag a child, or use the
    small form on each child), with siblings and pins in view."""
    return _board(request, _organized_workshop(request, slug))


@require_POST
@login_required
def group_assign(request, slug):
    workshop = _organized_workshop(request, slug)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["group_count"]))
        return _board(request, workshop, status=400)
    result = assign_groups(workshop, group_count=form.cleaned_data["group_count"])
    messages.success(
        request,
        ngettext(
            "%(placed)s child placed in %(groups)s groups.",
            "%(placed)s children placed in %(groups)s groups.",
            result.children_placed,
        )
        % {"placed": result.children_placed, "groups": form.cleaned_data["group_count"]}
        + (
            " "
            + ngettext(
                "%(count)s pinned child stayed where they were.",
                "%(count)s pinned children stayed where they were.",
                result.children_pinned,
            )
            % {"count": result.children_pinned}
            if result.children_pinned
            else ""
        ),
    )
    return _after_change(request, workshop)


@require_POST
@login_required
def group_place(request, slug):
    """Move one child to a group, or out of every group; pinned there when asked."""
    workshop = _organized_workshop(request, slug)
    form = PlaceForm(request.POST, workshop=workshop)
    if not form.is_valid():
        messages.error(
            request, " ".join(error for errors in form.errors.values() for error in errors)
        )
        return _board(request, workshop, status=400)
    child, group = form.cleaned_data["child"], form.cleaned_data["group"]
    place_in_group(child, group=group, pinned=form.cleaned_data["pinned"] and group is not None)
    if group is None:
        messages.success(request, _("%(child)s has no group now.") % {"child": child.full_name})
    else:
        messages.success(
            request,
            _("%(child)s is in %(group)s now.") % {"child": child.full_name, "group": group.name},
        )
    return _after_change(request, workshop)


@require_POST
@login_required
def group_siblings(request, slug):
    """Keep a child with their brothers and sisters, or let automatic assignment part them."""
    workshop = _organized_workshop(request, slug)
    form = SiblingsForm(request.POST, workshop=workshop)
    if not form.is_valid():
        messages.error(
            request, " ".join(error for errors in form.errors.values() for error in errors)
        )
        return _board(request, workshop, status=400)
    child, keep = form.cleaned_data["child"], form.cleaned_data["keep"]
    keep_siblings_together(child, keep=keep)
    if keep:
        message = _("%(child)s and their siblings will be kept together.")
    else:
        message = _("%(child)s and their siblings will be put in different groups.")
    messages.success(request, message % {"child": child.full_name})
    return _after_change(request, workshop)


def _after_change(request, workshop):
    if request.htmx:
        return _board(request, workshop)
    return redirect("group_builder", workshop.slug)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def group_new(request, slug):
    workshop = _organized_workshop(request, slug)
    form = GroupForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        group = create_group(
            workshop,
            name=form.cleaned_data["name"],
            colour=form.cleaned_data["colour"],
            mentors=form.cleaned_data["mentors"],
        )
        messages.success(request, _("The %(group)s group is ready.") % {"group": group.name})
        return redirect("group_builder", workshop.slug)
    return render(request, "groups/group_form.html", {"workshop": workshop, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def group_edit(request, pk):
    group = get_object_or_404(
        Group.objects.filter(
            workshop__in=Workshop.objects.organized_by(request.user)
        ).select_related("workshop"),
        pk=pk,
    )
    form = GroupForm(request.POST or None, instance=group, workshop=group.workshop)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The %(group)s group is saved.") % {"group": group.name})
        return redirect("group_builder", group.workshop.slug)
    return render(
        request,
        "groups/group_form.html",
        {"workshop": group.workshop, "form": form, "group": group},
    )
