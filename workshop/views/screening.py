"""The screening programme: running order, films and their crews by first name, for the
workshop's staff and families; the invitation's reply for families; the replies' total and
the invitations sent by e-mail for organizers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from deliveries.selectors import screening_invitations_sent
from projects.selectors import screening_programme
from workshop.access import can_organize, is_staff_of, roles_of
from workshop.forms import ScreeningReplyForm
from workshop.models import ScreeningReply, Workshop
from workshop.page_cache import cached_for, page_context
from workshop.screening import replies_close_at, replies_total, reply_to_screening, screening_of


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def screening(request, slug):
    workshop = get_object_or_404(Workshop.objects.visible_to(request.user), slug=slug)
    user = request.user
    invited = workshop.pk in roles_of(user).family_workshops
    event = cached_for(user, f"screening:{workshop.pk}", lambda: screening_of(workshop))
    closes_at = replies_close_at(workshop, event)
    is_open = timezone.now() < closes_at
    reply = ScreeningReply.objects.filter(workshop=workshop, user=user).first() if invited else None
    form, status = None, 200
    if request.method == "POST":
        if not invited:
            raise PermissionDenied
        form = ScreeningReplyForm(request.POST)
        if not is_open:
            form.add_error(None, _("The screening has begun: replies can no longer change."))
            status = 400
        elif form.is_valid():
            guests = form.cleaned_data["guests"]
            reply_to_screening(workshop, by=user, guests=guests)
            message = ngettext(
                "Thank you: your reply is saved, with %(count)s guest.",
                "Thank you: your reply is saved, with %(count)s guests.",
                guests,
            )
            messages.success(request, message % {"count": guests})
            return redirect("screening", workshop.slug)
        else:
            status = 400
    elif invited and is_open:
        form = ScreeningReplyForm(initial={"guests": reply.guests if reply else None})
    organizes = can_organize(user, workshop.pk)
    context = page_context(request, programme=lambda: screening_programme(workshop))
    context |= {
        "workshop": workshop,
        "event": event,
        "invited": invited,
        "reply": reply,
        "form": form,
        "is_open": is_open,
        "closes_at": closes_at,
        "staff": is_staff_of(user, workshop.pk),
        "totals": replies_total(workshop) if organizes else None,
        "invitations_sent": screening_invitations_sent(workshop) if organizes else None,
    }
    return render(request, "workshop/screening.html", context, status=status)
