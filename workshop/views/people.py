from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from workshop.access import can_see_health_notes
from workshop.forms import ChildSearchForm
from workshop.models import Guardian, Participant, Workshop
from workshop.selectors import groups_to_filter_children_by
from workshop.views.htmx import render_page

CHILDREN_PER_PAGE = 40


@require_safe
@login_required
def children(request, slug):
    """A workshop's children, for its staff, searchable by name, reading or guardian."""
    workshop = get_object_or_404(Workshop.objects.staffed_by(request.user), slug=slug)
    form = ChildSearchForm(request.GET, groups=groups_to_filter_children_by(workshop, request.user))
    rows, page = [], None
    if form.is_valid():
        found = (
            Participant.objects.visible_to(request.user)
            .filter(workshop=workshop)
            .search(form.cleaned_data["q"])
            .select_related("membership__group")
            .prefetch_related(
                Prefetch("guardians", queryset=Guardian.objects.select_related("user"))
            )
        )
        if form.cleaned_data["group"]:
            found = found.filter(membership__group=form.cleaned_data["group"])
        page = Paginator(found, CHILDREN_PER_PAGE).get_page(request.GET.get("page"))
        rows = [
            (child, can_see_health_notes(request.user, child.workshop_id, child.group_id))
            for child in page.object_list
        ]
    return render_page(
        request,
        "workshop/children.html",
        {"workshop": workshop, "form": form, "rows": rows, "page": page},
        partial="results",
    )


@require_safe
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
            "show_health": can_see_health_notes(request.user, child.workshop_id, child.group_id),
        },
    )
