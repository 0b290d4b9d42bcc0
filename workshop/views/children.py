"""Organizers add and change children, their health records, consent and guardians, and
read who read which health record. Every page is for the child's workshop's organizers;
anyone else, the child's mentors and family included, gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from workshop.forms import ChildForm, ConsentForm, GuardianForm, HealthRecordForm, NewGuardianForm
from workshop.models import Guardian, HealthRecordRead, Participant
from workshop.selectors import health_records_for
from workshop.services import add_guardian, record_consent, save_child
from workshop.views.people import participant_context
from workshop.views.sessions import _organized_workshop

READS_PER_PAGE = 50


def _organized_child(request, pk) -> Participant:
    return get_object_or_404(
        Participant.objects.organized_by(request.user).select_related(
            "workshop", "membership__group"
        ),
        pk=pk,
    )


def _organized_guardian(request, pk) -> Guardian:
    return get_object_or_404(
        Guardian.objects.organized_by(request.user).select_related("user", "participant"),
        pk=pk,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def child_new(request, slug):
    workshop = _organized_workshop(request, slug)
    return _child_form(request, workshop, Participant(workshop=workshop))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def child_edit(request, pk):
    child = _organized_child(request, pk)
    return _child_form(request, child.workshop, child)


def _child_form(request, workshop, child):
    """A child's details and health record, in one form; saved, it leads to the child."""
    data = request.POST if request.method == "POST" else None
    form = ChildForm(data, instance=child, workshop=workshop, prefix="child")
    health_form = HealthRecordForm(data, initial=_health_initial(request, child), prefix="health")
    if form.is_valid() and health_form.is_valid():
        adding = child.pk is None
        save_child(form.save(commit=False), health=health_form.cleaned_data)
        messages.success(
            request,
            (_("%(name)s was added.") if adding else _("%(name)s was saved."))
            % {"name": child.full_name},
        )
        return redirect("participant", child.pk)
    return render(
        request,
        "workshop/child_form.html",
        {"workshop": workshop, "child": child, "form": form, "health_form": health_form},
    )


def _health_initial(request, child) -> dict | None:
    """The child's health record to fill the form with, read (and so written to the audit)
    when the form is first shown; a posted form shows what was posted."""
    if child.pk is None or request.method == "POST":
        return None
    health = health_records_for(request.user, [child], page=HealthRecordRead.Page.EDIT)
    return {name: getattr(health[child.pk], name) for name in HealthRecordForm.Meta.fields}


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def child_consent(request, pk):
    """Record a child's consent; the whole history below. From the child page's card (htmx)
    the answer is the card again."""
    child = _organized_child(request, pk)
    form = ConsentForm(request.POST if request.method == "POST" else None, prefix="consent")
    if form.is_valid():
        record_consent(
            child,
            media_consent=form.cleaned_data["media_consent"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        if not request.htmx:
            messages.success(request, _("The consent was recorded."))
            return redirect("participant", child.pk)
        form = None
    if request.htmx:
        return render(
            request,
            "workshop/participant.html#consent",
            participant_context(child, organizes=True, consent_form=form),
        )
    return render(
        request,
        "workshop/child_consent.html",
        {
            "child": child,
            "form": form,
            "consents": child.consents.select_related("recorded_by"),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def guardian_new(request, pk):
    """Add a guardian to a child: an existing account by its e-mail address, or a new one."""
    child = _organized_child(request, pk)
    form = NewGuardianForm(request.POST if request.method == "POST" else None, participant=child)
    if form.is_valid():
        guardian = add_guardian(child, **form.cleaned_data)
        messages.success(
            request,
            _("%(name)s is now a guardian of %(child)s.")
            % {"name": guardian.user.display_name, "child": child.full_name},
        )
        return redirect("participant", child.pk)
    return render(request, "workshop/guardian_form.html", {"child": child, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def guardian_edit(request, pk):
    guardian = _organized_guardian(request, pk)
    form = GuardianForm(request.POST if request.method == "POST" else None, instance=guardian)
    if form.is_valid():
        form.save()
        messages.success(request, _("The guardian was saved."))
        return redirect("participant", guardian.participant_id)
    return render(
        request,
        "workshop/guardian_form.html",
        {"child": guardian.participant, "guardian": guardian, "form": form},
    )


@require_POST
@login_required
def guardian_delete(request, pk):
    """Unlink a guardian from the child; their account stays."""
    guardian = _organized_guardian(request, pk)
    guardian.delete()
    messages.success(
        request,
        _("%(name)s is no longer a guardian of %(child)s.")
        % {"name": guardian.user.display_name, "child": guardian.participant.full_name},
    )
    if request.htmx:
        return HttpResponseClientRedirect(reverse("participant", args=[guardian.participant_id]))
    return redirect("participant", guardian.participant_id)


@require_safe
@login_required
def health_reads(request, slug):
    """Who read which child's health record, and when: newest first, never editable."""
    workshop = _organized_workshop(request, slug)
    reads = (
        HealthRecordRead.objects.visible_to(request.user)
        .filter(workshop=workshop)
        .select_related("participant")
    )
    if child := request.GET.get("child", ""):
        reads = reads.filter(participant_id=child) if child.isdigit() else reads.none()
    return render(
        request,
        "workshop/health_reads.html",
        {
            "workshop": workshop,
            "page": Paginator(reads, READS_PER_PAGE).get_page(request.GET.get("page")),
        },
    )
