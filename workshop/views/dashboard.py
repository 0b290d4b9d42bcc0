"""The organizer's dashboard: a workshop day at a glance."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_safe

from workshop.dashboard import dashboard_of
from workshop.forms import NOT_ASKED
from workshop.views.htmx import render_page
from workshop.views.sessions import _organized_workshop


@require_safe
@login_required
def dashboard(request, slug):
    """Now and next in each room, the production board and what to fix, for the
    workshop's organizers (anyone else gets 404). htmx refreshes the rooms' part."""
    workshop = _organized_workshop(request, slug)
    return render_page(
        request,
        "workshop/dashboard.html",
        {"workshop": workshop, "dashboard": dashboard_of(workshop), "not_asked": NOT_ASKED},
        partial="rooms",
    )
