"""Releases of a workshop's schedule: what is not released yet, publishing, the history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from workshop.access import can_organize
from workshop.conflicts import schedule_warnings
from workshop.forms import ReleaseForm
from workshop.models import ScheduleRelease, Workshop
from workshop.selectors import release_changes, unreleased_changes
from workshop.services import publish_schedule


def _staffed_workshop(request, slug) -> Workshop:
    """The workshop, for its staff; anyone else gets 404."""
    return get_object_or_404(
        Workshop.objects.staffed_by(request.user).select_related("latest_release"), slug=slug
    )


@require_safe
@login_required
def releases(request, slug):
    """Every release of the schedule, newest first, for the workshop's staff."""
    workshop = _staffed_workshop(request, slug)
    return render(
        request,
        "workshop/releases.html",
        {
            "workshop": workshop,
            "releases": workshop.releases.select_related("published_by"),
            "unreleased": len(unreleased_changes(workshop)),
            "may_release": can_organize(request.user, workshop.pk),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def release_new(request, slug):
    """What the next release would change and what to look at first; organizers publish."""
    workshop = get_object_or_404(
        Workshop.objects.organized_by(request.user).select_related("latest_release"), slug=slug
    )
    form = ReleaseForm(
        request.POST if request.method == "POST" else None,
        warnings=schedule_warnings(workshop),
        changes=unreleased_changes(workshop),
        previous=workshop.latest_release,
    )
    if form.is_valid():
        release = publish_schedule(
            workshop,
            by=request.user,
            name=form.cleaned_data["name"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(
            request,
            _("Release %(number)s is published: families see this schedule now.")
            % {"number": release.number},
        )
        return redirect("release", workshop.slug, release.number)
    return render(request, "workshop/release_new.html", {"workshop": workshop, "form": form})


@require_safe
@login_required
def release(request, slug, number):
    """One release and what it changed since the one before."""
    workshop = _staffed_workshop(request, slug)
    release = get_object_or_404(
        ScheduleRelease.objects.select_related("published_by"), workshop=workshop, number=number
    )
    return render(
        request,
        "workshop/release.html",
        {"workshop": workshop, "release": release, "changes": release_changes(release)},
    )
