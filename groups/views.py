from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from groups.forms import AssignForm, GroupForm, PlaceForm, SiblingsForm
from groups.models import Group
from groups.selectors import group_board, groups_with_progress
from groups.services import assign_groups, create_group, keep_siblings_together, place_in_group
from projects.models import LogEntry
from workshop.access import can_see_health_notes, is_staff_of
from workshop.models import Participant, Workshop
from workshop.views.htmx import render_page
from workshop.views.sessions import _organized_workshop

NOTES_PER_PAGE = 20


@require_safe
@login_required
def group_detail(request, pk):
    """A group's crew, film and progress. Children are listed only to those who may see them."""
    group = get_object_or_404(Group.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "groups/group_detail.html",
        {
            "card": groups_with_progress(Group.objects.filter(pk=group.pk))[0],
            "members": Participant.objects.visible_to(request.user).filter(membership__group=group),
            "show_health": can_see_health_notes(request.user, group.workshop_id, group.pk),
            "viewer_is_staff": is_staff_of(request.user, group.workshop_id),
            "log_entries": Paginator(
                LogEntry.objects.visible_to(request.user)
                .filter(film__group=group)
                .select_related("author", "stage"),
                NOTES_PER_PAGE,
            ).get_page(request.GET.get("page")),
        },
    )


def _builder_context(workshop, **extra) -> dict:
    board = group_board(workshop)
    return {
        "workshop": workshop,
        "board": board,
        "assign_form": AssignForm(initial={"group_count": len(board.columns) - 1 or 5}),
        **extra,
    }


def _board(request, workshop, *, status=200, **extra):
    """The builder page, or for htmx its board alone (the messages ride along)."""
    response = render_page(
        request, "groups/builder.html", _builder_context(workshop, **extra), partial="board"
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
