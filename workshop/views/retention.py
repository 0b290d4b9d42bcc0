"""What the retention job will erase in a workshop, and when; and what it erased. For the
workshop's organizers only; anyone else, its mentors included, gets 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from workshop import retention as retention_rules
from workshop.page_cache import cached_for, narrow_version
from workshop.views.sessions import _organized_workshop


@require_safe
@login_required
def retention(request, slug):
    workshop = _organized_workshop(request, slug)
    return render(
        request,
        "workshop/setup/retention.html",
        {
            "workshop": workshop,
            "days": retention_rules.retention_days(),
            # Counted once per data version (and the deliveries' own) and quarter of an hour.
            "plan": cached_for(
                request.user,
                f"retention:{workshop.pk}:{narrow_version('deliveries')}",
                lambda: retention_rules.plan(workshop),
            ),
            "erasures": retention_rules.erasures(workshop),
        },
    )
