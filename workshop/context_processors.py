from workshop.access import roles_of
from workshop.models import Workshop


def roles(request):
    """Let templates ask the same role questions as the views, without touching is_staff."""
    user = getattr(request, "user", None)
    roles = roles_of(user)
    context = {"roles": roles}
    if user is not None and user.is_authenticated:
        workshops = list(Workshop.objects.visible_to(user).only("slug", "title"))
        for workshop in workshops:
            workshop.viewer_is_staff = roles.is_superuser or workshop.pk in roles.staffed_workshops
        context["nav_workshops"] = workshops
    return context
