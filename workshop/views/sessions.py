"""Organizers edit the working copy of the schedule: add, change, duplicate, move and remove
sessions. Families see none of it until the next release.

Each editing page also answers inside the planner's dialog (an htmx request aimed at
`#session-dialog-body`): then it renders only its form, and once saved it answers 204 and
tells the planner to re-render itself from what was saved."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from workshop.forms import CopyDayForm, SessionForm
from workshop.models import Session, Workshop
from workshop.services import copy_day_plan, duplicate_session


def _organized_workshop(request, slug) -> Workshop:
    """The workshop, for its organizers; anyone else, its mentors included, gets 404."""
    return get_object_or_404(Workshop.objects.organized_by(request.user), slug=slug)


def _organized_session(request, pk) -> Session:
    return get_object_or_404(
        Session.objects.organized_by(request.user).select_related("day__workshop"), pk=pk
    )


DIALOG = "session-dialog-body"
# What a link may fill in a new session's form: the planner's "add" buttons and presets.
PRESETS = ("starts_at", "ends_at", "title", "kind", "room", "stage", "for_all_groups")


def _in_dialog(request) -> bool:
    return bool(request.htmx) and request.htmx.target == DIALOG


def _plan_changed() -> HttpResponse:
    """For the dialog: nothing to show, but the planner should re-render from the database."""
    return trigger_client_event(HttpResponse(status=204), "planChanged")


def _back_to_the_day(session) -> str:
    workshop = session.day.workshop
    return f"{reverse('week', args=[workshop.slug])}#day-{session.day.number}"


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def session_new(request, slug):
    workshop = _organized_workshop(request, slug)
    initial = {name: request.GET[name] for name in PRESETS if request.GET.get(name)}
    day = request.GET.get("day", "")
    if day.isdigit():
        initial["day"] = workshop.days.filter(number=day).first()
    return _session_form(request, workshop, initial=initial)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def session_edit(request, pk):
    session = _organized_session(request, pk)
    return _session_form(request, session.day.workshop, session=session)


def _session_form(request, workshop, *, session=None, initial=None):
    """The form to add or change a session; saved, it leads back to the session's day."""
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        instance=session,
        initial=initial,
        workshop=workshop,
    )
    if form.is_valid():
        saved = form.save()
        done = _("“%(session)s” is saved (not released yet).")
        if session is None:
            done = _("“%(session)s” is added (not released yet).")
        messages.success(request, done % {"session": saved})
        if _in_dialog(request):
            return _plan_changed()
        return redirect(_back_to_the_day(saved))
    return _render(
        request,
        "workshop/session_form.html",
        {"workshop": workshop, "form": form, "session": session},
    )


def _render(request, template_name, context):
    if _in_dialog(request):
        return render(request, f"{template_name}#dialog", context | {"in_dialog": True})
    return render(request, template_name, context)


@require_POST
@login_required
def session_duplicate(request, pk):
    session = _organized_session(request, pk)
    copy = duplicate_session(session)
    messages.success(
        request, _("A copy of “%(session)s” is added: change what differs.") % {"session": session}
    )
    if _in_dialog(request):
        form = SessionForm(instance=copy, workshop=copy.day.workshop)
        context = {"workshop": copy.day.workshop, "form": form, "session": copy}
        response = _render(request, "workshop/session_form.html", context)
        return trigger_client_event(response, "planChanged")
    return redirect("session_edit", copy.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def session_delete(request, pk):
    """Asks first. Once released, a removed session stays in the releases, cancelled, so that
    families' calendars show it cancelled after the next release."""
    session = _organized_session(request, pk)
    if request.method == "POST":
        back = _back_to_the_day(session)
        session.delete()
        messages.success(
            request, _("“%(session)s” is removed (not released yet).") % {"session": session}
        )
        if _in_dialog(request):
            return _plan_changed()
        return redirect(back)
    return _render(request, "workshop/session_delete.html", {"session": session})


@require_POST
@login_required
def day_copy(request, slug, number):
    """Copy a day's plan to an empty day; the organizer then adjusts what differs."""
    workshop = _organized_workshop(request, slug)
    day = get_object_or_404(workshop.days, number=number)
    form = CopyDayForm(request.POST, day=day)
    if not form.is_valid():
        for error in form.errors.get("to", []):
            messages.error(request, error)
        return redirect("day", workshop.slug, day.number)
    to = form.cleaned_data["to"]
    copies = copy_day_plan(day, to=to)
    messages.success(
        request,
        ngettext(
            "%(count)s session copied to day %(number)s (not released yet).",
            "%(count)s sessions copied to day %(number)s (not released yet).",
            len(copies),
        )
        % {"count": len(copies), "number": to.number},
    )
    return redirect("day", workshop.slug, to.number)
