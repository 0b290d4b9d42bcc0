from workshop.access import roles_of


def roles(request):
    """Let templates ask the same role questions as the views, without touching is_staff."""
    user = getattr(request, "user", None)
    context = {"roles": roles_of(user)}
    if user is not None and user.is_authenticated:
        from workshop.models import Workshop

        context["nav_workshops"] = Workshop.objects.visible_to(user).only("slug", "title")
    return context
