from django.shortcuts import render
from django.views.decorators.http import require_safe

from workshop.access import roles_of
from workshop.models import Workshop
from workshop.selectors import family_overview, mentor_overviews, organizer_overview


@require_safe
def home(request):
    """One home for everyone: each role the user holds adds its own part of the page."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "workshop/welcome.html")
    roles = roles_of(user)
    organized = Workshop.objects.filter(id__in=roles.organized_workshops).current_or_latest()
    return render(
        request,
        "workshop/home.html",
        {
            "organizer_overviews": [organizer_overview(workshop, user) for workshop in organized],
            "mentor_overviews": mentor_overviews(user) if roles.is_mentor else [],
            "family": family_overview(user) if roles.is_parent else [],
        },
    )
