from workshop.access import is_staff_of, roles_of
from workshop.models import Workshop


def roles(request):
    """Let templates ask the same role questions as the views, without touching is_staff."""
    user = getattr(request, "user", None)
    context = {"roles": roles_of(user)}
    if user is not None and user.is_authenticated:
        workshops = list(Workshop.objects.visible_to(user).only("slug", "title"))
        for workshop in workshops:
            workshop.viewer_is_staff = is_staff_of(user, workshop.pk)
        context["nav_workshops"] = workshops
    return context
