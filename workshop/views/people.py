from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from workshop.access import can_see_medical_notes
from workshop.models import Participant


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
