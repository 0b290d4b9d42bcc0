"""Attendance on set: a day's children by group, checked in with one tap and checked out with
whoever picked them up. The page works offline (static/js/attendance.js keeps what was tapped
and sends it later, each with an id made on the phone); a repeat answers as the first did."""

import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from workshop.access import can_organize, can_take_attendance
from workshop.forms import CheckOutForm
from workshop.models import Participant, Workshop
from workshop.offline import Unreadable, sent_by_phone
from workshop.page_cache import cached_for, csrf_key, page_context
from workshop.selectors import attendance_rows, attendance_sheet, groups_taking_attendance
from workshop.services import AttendanceRefused, check_in, check_out, undo_attendance


@require_safe
@login_required
def attendance(request, slug, number):
    """A day's attendance: organizers see every group (or one, by ?group=), mentors their own
    groups'. A group the viewer does not take attendance of is a 404."""
    frame = cached_for(request.user, f"attendance:{slug}", lambda: _frame(request.user, slug))
    if frame is None:
        raise Http404
    workshop, days, taking, organizer = frame
    day = next((day for day in days if day.number == number), None)
    if day is None:
        raise Http404
    day.workshop = workshop
    chosen = request.GET.get("group", "")
    groups = [group for group in taking if str(group.pk) == chosen] if chosen else taking
    if chosen and not groups:
        raise Http404
    context = page_context(
        request,
        sheet=lambda: attendance_sheet(day, groups=groups, with_ungrouped=organizer and not chosen),
    )
    return render(
        request,
        "workshop/attendance.html",
        context
        | {
            "workshop": workshop,
            "day": day,
            "days": days,
            "group_choices": taking if organizer else [],
            "chosen": chosen,
            "is_today": day.date == workshop.local_today(),
            # The cached sheet holds forms with a CSRF token: keyed on the reader's secret.
            "csrf_key": csrf_key(request),
        },
    )


def _frame(user, slug):
    """What the sheet's page is made of around the sheet, read once per data version: the
    workshop, its days, the groups the user takes attendance of, and whether they organize.
    None when there is nothing of theirs to show."""
    workshop = Workshop.objects.staffed_by(user).filter(slug=slug).first()
    if workshop is None:
        return None
    taking = list(groups_taking_attendance(workshop, user))
    organizer = can_organize(user, workshop.pk)
    if not taking and not organizer:
        return None
    return workshop, list(workshop.days.order_by("number")), taking, organizer


def _child_and_day(request, pk, number):
    """The child, for whoever may see them (else 404), and only to check in or out for those
    who take their attendance (else 403); and the day, of the child's workshop."""
    child = get_object_or_404(
        Participant.objects.visible_to(request.user).select_related(
            "workshop", "membership__group"
        ),
        pk=pk,
    )
    if not can_take_attendance(request.user, child.workshop_id, child.group_id):
        raise PermissionDenied
    day = get_object_or_404(child.workshop.days.all(), number=number)
    day.workshop = child.workshop
    return child, day


def _sent(request) -> tuple[uuid.UUID | None, datetime.datetime | None]:
    """The id the phone made for this tap and when it was tapped, both optional; either one
    malformed is refused."""
    try:
        return sent_by_phone(request.POST)
    except Unreadable:
        raise AttendanceRefused(_("The phone sent this in a form the site cannot read.")) from None


def _answer(request, child, day, *, error: str = ""):
    """The child's card, for the page's script; a plain form post goes back to the page."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        url = reverse("attendance", args=[day.workshop.slug, day.number])
        return redirect(f"{url}#child-{child.pk}")
    (row,) = attendance_rows(day, Participant.objects.filter(pk=child.pk))
    return render(
        request,
        "workshop/attendance.html#child",
        {
            "row": row,
            "day": day,
            "workshop": day.workshop,
            "error": error,
            "is_today": day.date == day.workshop.local_today(),
        },
        status=400 if error else 200,
    )


@require_POST
@login_required
def attendance_check_in(request, pk, number):
    child, day = _child_and_day(request, pk, number)
    try:
        client_id, at = _sent(request)
        check_in(child, day=day, by=request.user, at=at, client_id=client_id)
    except AttendanceRefused as refused:
        return _answer(request, child, day, error=str(refused))
    return _answer(request, child, day)


@require_POST
@login_required
def attendance_check_out(request, pk, number):
    """Checked out with a guardian or contact from the child's list, or, once the person's
    name is written and confirmed, with someone not on it (organizers are told)."""
    child, day = _child_and_day(request, pk, number)
    (row,) = attendance_rows(day, Participant.objects.filter(pk=child.pk))
    form = CheckOutForm(request.POST, pickups=row.pickups)
    try:
        client_id, at = _sent(request)
        if not form.is_valid():
            raise AttendanceRefused(" ".join(next(iter(form.errors.values()))))
        check_out(
            child,
            day=day,
            by=request.user,
            pickup=form.person,
            unlisted_name=form.cleaned_data["name"] if form.person is None else "",
            at=at,
            client_id=client_id,
        )
    except AttendanceRefused as refused:
        return _answer(request, child, day, error=str(refused))
    return _answer(request, child, day)


@require_POST
@login_required
def attendance_undo(request, pk, number):
    """Undo the last tap on a child's card (`undo`: check-in or check-out), for those who
    take the child's attendance; the answer is the card as the record now stands."""
    child, day = _child_and_day(request, pk, number)
    try:
        undo_attendance(child, day=day, undo=request.POST.get("undo", ""))
    except AttendanceRefused as refused:
        return _answer(request, child, day, error=str(refused))
    return _answer(request, child, day)
