"""The organizer's dashboard: a workshop day at a glance."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from deliveries.selectors import failed_deliveries, failed_key
from workshop.dashboard import dashboard_of, day_times, moment_of
from workshop.forms import NOT_ASKED
from workshop.page_cache import cached_for, cached_narrow, csrf_key
from workshop.views.sessions import _organized_workshop


@require_safe
@login_required
def dashboard(request, slug):
    """Now and next in each room, the production board and what to fix, for the
    workshop's organizers (anyone else gets 404); htmx refreshes the rooms' part. Rendered
    once per data version, quarter of an hour and stretch between two of the day's session
    times, since nothing it shows changes in between, and per set of failed deliveries (kept
    under a version of their own: their writes leave the data version alone), whose resend
    forms carry a token."""
    workshop = _organized_workshop(request, slug)
    now = timezone.localtime(timezone.now(), workshop.tz)
    is_today, times = cached_for(
        request.user, f"dashboard-times:{workshop.pk}", lambda: day_times(workshop, now.date())
    )
    failed = cached_narrow(
        "deliveries", f"failed-deliveries:{workshop.pk}", lambda: failed_deliveries(workshop)
    )
    deliveries_key = f"{failed_key(failed)}:{csrf_key(request)}" if failed else ""
    content, rooms = cached_for(
        request.user,
        f"dashboard:{workshop.pk}:{get_language()}:{moment_of(is_today, times, now.time())}"
        f":{deliveries_key}",
        lambda: _dashboard_parts(request, workshop, now, failed),
    )
    if request.htmx and not request.htmx.history_restore_request:
        response = HttpResponse(rooms)
    else:
        response = render(
            request, "workshop/dashboard.html", {"workshop": workshop, "content": content}
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _dashboard_parts(request, workshop, now, failed) -> tuple[str, str]:
    """The dashboard's content and its rooms' part, rendered."""
    context = {
        "workshop": workshop,
        "dashboard": dashboard_of(workshop, at=now),
        "failed_deliveries": failed,
    }
    rooms = render_to_string("workshop/dashboard.html#rooms", context, request)
    context |= {"rooms": rooms, "not_asked": NOT_ASKED}
    return render_to_string("workshop/dashboard.html#content", context, request), rooms
