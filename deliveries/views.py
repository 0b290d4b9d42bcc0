"""Organizers act on deliveries: resend one that failed, send a day's call sheet and see
who confirmed it. Recipients confirm a call sheet from the link in its message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from deliveries.models import Delivery
from deliveries.selectors import call_sheet_recipients
from deliveries.services import confirm, confirmable, resend, send_call_sheet
from workshop.models import Workshop, WorkshopDay


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


def _organized_day(request, slug, number) -> WorkshopDay:
    """The day, for the workshop's organizers; anyone else gets 404."""
    return get_object_or_404(
        WorkshopDay.objects.filter(
            workshop__in=Workshop.objects.organized_by(request.user)
        ).select_related("workshop"),
        workshop__slug=slug,
        number=number,
    )


@require_safe
@login_required
def call_sheet_deliveries(request, slug, number):
    """Who the day's call sheet was sent to, and who confirmed reading it."""
    day = _organized_day(request, slug, number)
    recipients = call_sheet_recipients(day)
    return render(
        request,
        "deliveries/call_sheet_deliveries.html",
        {
            "workshop": day.workshop,
            "day": day,
            "is_over": day.is_past(),
            "recipients": recipients,
            "sent": sum(recipient.is_sent for recipient in recipients),
            "confirmed": sum(bool(recipient.delivery.confirmed_at) for recipient in recipients),
        },
    )


@require_POST
@login_required
def call_sheet_send(request, slug, number):
    """Send the day's call sheet to those who have not had it yet; not once the day is over
    (the workshop's data may be erased by then, and who had it with it)."""
    day = _organized_day(request, slug, number)
    if day.is_past():
        messages.error(request, _("This day is over: its call sheet is no longer sent."))
    elif added := send_call_sheet(day):
        messages.success(
            request,
            _("The call sheet is on its way to %(count)s people.") % {"count": added},
        )
    else:
        messages.info(request, _("Everyone has been sent this call sheet already."))
    return redirect("call_sheet_deliveries", day.workshop.slug, day.number)


@require_http_methods(["GET", "HEAD", "POST"])
def delivery_confirm(request, token):
    """The confirm link of a call sheet's message: anyone holding it confirms that one
    delivery (the signature is the credential, no sign-in). A GET asks, a POST confirms, so
    that a mail scanner opening the link confirms nothing; confirming twice is confirming
    once. A changed or unknown link is 404."""
    delivery = confirmable(token)
    if delivery is None:
        raise Http404("Not a confirm link.")
    if request.method == "POST":
        confirm(delivery)
    return render(
        request,
        "deliveries/delivery_confirm.html",
        {
            "delivery": delivery,
            "workshop": delivery.workshop,
            "day": WorkshopDay.objects.filter(pk=delivery.day_id).first(),
        },
    )
