"""Organizers act on deliveries: resend one that failed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deliveries.models import Delivery
from deliveries.services import resend


@require_POST
@login_required
def delivery_resend(request, pk):
    """Put a failed delivery back to due (the workshop's organizers only; anyone else 404),
    then back to the dashboard."""
    delivery = get_object_or_404(
        Delivery.objects.organized_by(request.user).select_related("recipient", "workshop"),
        pk=pk,
    )
    recipient = delivery.recipient.get_full_name() or delivery.recipient.email
    if resend(delivery):
        messages.success(
            request,
            _("The message to %(recipient)s will be sent again.") % {"recipient": recipient},
        )
    else:
        messages.info(
            request,
            _("The message to %(recipient)s had not failed: nothing was changed.")
            % {"recipient": recipient},
        )
    return redirect("dashboard", delivery.workshop.slug)
