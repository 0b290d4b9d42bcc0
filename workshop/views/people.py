import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import reswap, retarget

from workshop.access import can_organize, can_see_health_notes
from workshop.forms import ChildSearchForm, PickupContactForm
from workshop.models import Attendance, Guardian, Participant, PickupContact, Workshop
from workshop.selectors import groups_to_filter_children_by
from workshop.views.htmx import render_page

CHILDREN_PER_PAGE = 40


@require_safe
@login_required
def children(request, slug):
    """A workshop's children, for its staff, searchable by name, reading or guardian."""
    workshop = get_object_or_404(Workshop.objects.staffed_by(request.user), slug=slug)
    form = ChildSearchForm(request.GET, groups=groups_to_filter_children_by(workshop, request.user))
    rows, page = [], None
    if form.is_valid():
        found = (
            Participant.objects.visible_to(request.user)
            .filter(workshop=workshop)
            .search(form.cleaned_data["q"])
            .select_related("membership__group")
            .prefetch_related(
                Prefetch("guardians", queryset=Guardian.objects.select_related("user"))
            )
        )
        if form.cleaned_data["group"]:
            found = found.filter(membership__group=form.cleaned_data["group"])
        page = Paginator(found, CHILDREN_PER_PAGE).get_page(request.GET.get("page"))
        rows = [
            (child, can_see_health_notes(request.user, child.workshop_id, child.group_id))
            for child in page.object_list
        ]
    return render_page(
        request,
        "workshop/children.html",
        {"workshop": workshop, "form": form, "rows": rows, "page": page},
        partial="results",
    )


@require_safe
@login_required
def participant(request, pk):
    child = get_object_or_404(
        Participant.objects.visible_to(request.user).select_related(
            "workshop", "membership__group"
        ),
        pk=pk,
    )
    return render(
        request,
        "workshop/participant.html",
        {
            "child": child,
            "guardians": child.guardians.select_related("user").order_by("user__last_name"),
            "age": child.age_on(child.workshop.start_date),
            "show_health": can_see_health_notes(request.user, child.workshop_id, child.group_id),
            "pickup_contacts": child.pickup_contacts.all(),
            "may_edit_pickup": can_organize(request.user, child.workshop_id),
            "attendance": Attendance.objects.filter(participant=child)
            .select_related("day")
            .order_by("day__date"),
        },
    )


def _organized_child(request, pk) -> Participant:
    """The child, for their workshop's organizers; anyone else gets 404."""
    return get_object_or_404(
        Participant.objects.filter(
            workshop__in=Workshop.objects.organized_by(request.user)
        ).select_related("workshop", "membership__group"),
        pk=pk,
    )


def _organized_contact(request, pk) -> PickupContact:
    """The contact, for the child's workshop's organizers; anyone else gets 404."""
    return get_object_or_404(
        PickupContact.objects.organized_by(request.user).select_related(
            "participant__workshop", "participant__membership__group"
        ),
        pk=pk,
    )


def _pickup_saved(request, child, saved: str):
    """The child's pickup card again for htmx; the child's page for a plain form post."""
    if request.htmx:
        context = {
            "child": child,
            "pickup_contacts": child.pickup_contacts.all(),
            "show_health": can_see_health_notes(request.user, child.workshop_id, child.group_id),
            "may_edit_pickup": True,
            "saved": saved,
        }
        response = render(request, "workshop/participant.html#pickup", context)
        return reswap(retarget(response, "#pickup"), "outerHTML")
    messages.success(request, saved)
    return redirect("participant", child.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pickup_contacts(request, pk):
    """Add a pickup or emergency contact to a child: organizers only."""
    child = _organized_child(request, pk)
    form = PickupContactForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        form.instance.participant = child
        form.save()
        return _pickup_saved(request, child, _("%(name)s is added.") % {"name": form.instance.name})
    return render_page(
        request,
        "workshop/pickup_contact_form.html",
        {"child": child, "form": form, "action": reverse("pickup_contacts", args=[child.pk])},
        partial="form",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pickup_contact(request, pk):
    contact = _organized_contact(request, pk)
    child = contact.participant
    form = PickupContactForm(
        request.POST if request.method == "POST" else None, instance=copy.copy(contact)
    )
    if form.is_valid():
        form.save()
        return _pickup_saved(request, child, _("%(name)s is saved.") % {"name": form.instance.name})
    return render_page(
        request,
        "workshop/pickup_contact_form.html",
        {
            "child": child,
            "contact": contact,
            "form": form,
            "action": reverse("pickup_contact", args=[contact.pk]),
        },
        partial="form",
    )


@require_POST
@login_required
def pickup_contact_delete(request, pk):
    contact = _organized_contact(request, pk)
    contact.delete()
    return _pickup_saved(
        request, contact.participant, _("%(name)s is removed.") % {"name": contact.name}
    )
