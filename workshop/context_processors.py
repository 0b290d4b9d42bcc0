from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from workshop import page_cache
from workshop.access import is_staff_of, roles_of
from workshop.models import Workshop


def roles(request):
    """Let templates ask the same role questions as the views, without touching is_staff;
    and list the reader's current workshops in the navigation, by title."""
    user = getattr(request, "user", None)
    # The navigation is rendered once per reader, language and kind of page (base.html): what
    # it marks as active depends on the URL's name and workshop only, never on the raw path;
    # a visitor's depends on the language alone.
    context = {
        "roles": roles_of(user),
        "page_cache_seconds": settings.KACHINKO_PAGE_CACHE_SECONDS,
        "nav_key": f"anonymous:{get_language()}",
    }
    if user is not None and user.is_authenticated:
        nav = SimpleLazyObject(
            lambda: page_cache.cached_for(user, "nav", lambda: nav_workshops(user))
        )
        match = getattr(request, "resolver_match", None)
        slug = match.kwargs.get("slug", "") if match else ""
        if slug and not any(workshop["slug"] == slug for workshop in nav):
            slug = ""  # a made-up address: keys stay bounded by the reader's workshops
        page = f"{match.url_name}:{slug}" if match else "unresolved"
        context["nav_workshops"] = nav
        context["nav_key"] = f"{page_cache.reader_key(user, get_language())}:{page}"
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
