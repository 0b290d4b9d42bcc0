import copy
import hashlib
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import reswap, retarget

from workshop.access import (
    can_change_consent,
    can_organize,
    can_see_family_contacts,
    can_see_health_notes,
)
from workshop.forms import ChildSearchForm, ConsentForm, FamilyConsentForm, PickupContactForm
from workshop.models import (
    Attendance,
    Guardian,
    HealthRecordRead,
    Participant,
    PickupContact,
    Workshop,
)
from workshop.selectors import (
    cached_with_health_reads,
    groups_to_filter_children_by,
    health_records_for,
)
from workshop.services import record_consent
from workshop.views.htmx import render_page

CHILDREN_PER_PAGE = 40
CONSENTS_SHOWN = 5
PAGE = HealthRecordRead.Page.CHILDREN


@require_safe
@login_required
def children(request, slug):
    """A workshop's children, for its staff, searchable by name, reading or guardian and
    filtered by group, consent and allergies. Only allergies are read of health records.
    The page is rendered once per reader, search and data version; served again from the
    cache, the health reads it shows are written to the audit again."""
    workshop = get_object_or_404(Workshop.objects.staffed_by(request.user), slug=slug)
    query = hashlib.sha256(urlencode(sorted(request.GET.lists()), doseq=True).encode())
    content, results = cached_with_health_reads(
        request.user,
        f"children:{workshop.pk}:{get_language()}:{query.hexdigest()[:32]}",
        lambda: _children_parts(request, workshop),
        page=PAGE,
    )
    if request.htmx and not request.htmx.history_restore_request:
        response = HttpResponse(results)
    else:
        response = render(
            request, "workshop/children.html", {"workshop": workshop, "content": content}
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _children_parts(request, workshop) -> tuple[tuple[str, str], dict]:
    """The children page's content and its results part, rendered, with the health reads
    they show (child id → workshop id and scope)."""
    form = ChildSearchForm(request.GET, groups=groups_to_filter_children_by(workshop, request.user))
    rows, page, reads = [], None, {}
    if form.is_valid():
        found = form.filter(
            Participant.objects.visible_to(request.user)
            .filter(workshop=workshop)
            .select_related("membership__group")
            .prefetch_related(
                Prefetch("guardians", queryset=Guardian.objects.select_related("user"))
            )
        )
        page = Paginator(found, CHILDREN_PER_PAGE).get_page(request.GET.get("page"))
        health = health_records_for(request.user, page.object_list, page=PAGE, full=False)
        rows = [(child, health.get(child.pk)) for child in page.object_list]
        reads = {
            pk: (workshop.pk, HealthRecordRead.Scope.ALLERGIES)
            for pk, view in health.items()
            if view.shows_something
        }
    context = {"workshop": workshop, "form": form, "rows": rows, "page": page}
    results = render_to_string("workshop/children.html#results", context, request)
    context |= {"results": results, "can_organize": can_organize(request.user, workshop.pk)}
    content = render_to_string("workshop/children.html#content", context, request)
    return (content, results), reads


@require_safe
@login_required
def participant(request, pk):
    """A child: their group, consent, guardians and, for those who may read it, their health
    record (each read is written to the audit)."""
    child = get_object_or_404(
        Participant.objects.visible_to(request.user).select_related(
            "workshop", "membership__group"
        ),
        pk=pk,
    )
    organizes = can_organize(request.user, child.workshop_id)
    return render(
        request,
        "workshop/participant.html",
        participant_context(child, organizes=organizes)
        | {
            "guardians": child.guardians.select_related("user").order_by("user__last_name"),
            "age": child.age_on(child.workshop.start_date),
            "health": health_records_for(request.user, [child], page="participant").get(child.pk),
            "show_contacts": can_see_family_contacts(
                request.user, child.workshop_id, child.group_id
            ),
            "show_health": can_see_health_notes(request.user, child.workshop_id, child.group_id),
            "pickup_contacts": child.pickup_contacts.all(),
            "may_edit_pickup": organizes,
            "may_change_consent": can_change_consent(request.user, child.pk),
            "attendance": Attendance.objects.filter(participant=child)
            .select_related("day")
            .order_by("day__date"),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def family_consent(request, pk):
    """A parent changes their child's consent: kept in the child's consent history with who
    and when, in force at once on every page (a write replaces the data version every cached
    page is kept under). Only the child's own guardians; anyone else gets 404."""
    child = get_object_or_404(
        Participant.objects.visible_to(request.user).select_related("workshop"), pk=pk
    )
    if not can_change_consent(request.user, child.pk):
        raise Http404
    form = FamilyConsentForm(
        request.POST if request.method == "POST" else None,
        initial={"media_consent": child.media_consent},
    )
    if form.is_valid():
        level = form.cleaned_data["media_consent"]
        params = {"child": child.full_name}
        if level == child.media_consent:
            messages.info(
                request, _("Nothing changed: %(child)s's consent stays the same.") % params
            )
        else:
            record_consent(child, media_consent=level, by=request.user)
            params["level"] = child.get_media_consent_display()
            messages.success(request, _("%(child)s's consent is now: %(level)s.") % params)
        return redirect("participant", child.pk)
    return render(request, "workshop/family_consent.html", {"child": child, "form": form})


def participant_context(child, *, organizes: bool, consent_form=None) -> dict:
    """What the child page's consent card needs, for the page and for its htmx partial."""
    consents = list(child.consents.select_related("recorded_by")[: CONSENTS_SHOWN + 1])
    return {
        "child": child,
        "can_organize": organizes,
        "consents": consents[:CONSENTS_SHOWN],
        "more_consents": len(consents) > CONSENTS_SHOWN,
        "consent_form": consent_form or (ConsentForm(prefix="consent") if organizes else None),
    }


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
