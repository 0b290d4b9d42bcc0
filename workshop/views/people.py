from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from groups.models import Group
from workshop.access import can_organize, can_see_medical_notes, roles_of
from workshop.models import Guardian, Participant, Workshop
from workshop.views.htmx import render_page


@login_required
def children(request, slug):
    """The children of a workshop the user may see, searchable by name or reading."""
    workshop = get_object_or_404(Workshop.objects.visible_to(request.user), slug=slug)
    roles = roles_of(request.user)
    groups = [
        group
        for group in Group.objects.visible_to(request.user).filter(workshop=workshop)
        if can_organize(request.user, workshop.pk)
        or group.pk in roles.mentored_groups
        or group.pk in roles.family_groups
    ]
    chosen = next((group for group in groups if str(group.pk) == request.GET.get("group")), None)
    query = request.GET.get("q", "").strip()[:100]
    found = (
        Participant.objects.visible_to(request.user)
        .filter(workshop=workshop)
        .search(query)
        .select_related("membership__group")
        .prefetch_related(Prefetch("guardians", queryset=Guardian.objects.select_related("user")))
    )
    if chosen:
        found = found.filter(membership__group=chosen)
    rows = [(child, can_see_medical_notes(request.user, child)) for child in found]
    return render_page(
        request,
        "workshop/children.html",
        {
            "workshop": workshop,
            "groups": groups,
            "chosen_group": chosen,
            "query": query,
            "rows": rows,
        },
        partial="results",
    )


@login_required
def participant(request, pk):
    child = get_object_or_404(
        Participant.objects.visible_to(request.user).select_related(
            "workshop", "membership__group"
        ),
        pk=pk,
    )
    return render(
        request,
        "workshop/participant.html",
        {
            "child": child,
            "guardians": child.guardians.select_related("user").order_by("user__last_name"),
            "age": child.age_on(child.workshop.start_date),
            "show_medical": can_see_medical_notes(request.user, child),
        },
    )
