from workshop import page_cache
from workshop.access import is_staff_of, roles_of
from workshop.models import Workshop


def roles(request):
    """Let templates ask the same role questions as the views, without touching is_staff;
    and list the reader's current workshops in the navigation, by title."""
    user = getattr(request, "user", None)
    context = {"roles": roles_of(user)}
    if user is not None and user.is_authenticated:
        context["nav_workshops"] = page_cache.cached_for(user, "nav", lambda: nav_workshops(user))
    return context


def nav_workshops(user) -> list[dict]:
    return [
        {
            "slug": workshop.slug,
            "title": workshop.title,
            "viewer_is_staff": is_staff_of(user, workshop.pk),
        }
        for workshop in Workshop.objects.visible_to(user).current_or_latest().only("slug", "title")
    ]
