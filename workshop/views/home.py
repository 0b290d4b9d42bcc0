from django.shortcuts import render
from django.views.decorators.http import require_safe

from workshop.access import roles_of
from workshop.models import Workshop
from workshop.page_cache import page_context
from workshop.selectors import family_overview, mentor_overviews, organizer_overview


@require_safe
def home(request):
    """One home for everyone: each role the user holds adds its own part of the page. The
    parts are read only when the cached page is missing (see `page_context`)."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "workshop/welcome.html")
    roles = roles_of(user)
    return render(
        request,
        "workshop/home.html",
        page_context(
            request,
            organizer_overviews=lambda: [
                organizer_overview(workshop, user)
                for workshop in Workshop.objects.filter(
                    id__in=roles.organized_workshops
                ).current_or_latest()
            ],
            mentor_overviews=lambda: mentor_overviews(user) if roles.is_mentor else [],
            family=lambda: family_overview(user) if roles.is_parent else [],
        ),
    )
