"""A family's calendar: the page where a parent gets, replaces or turns off the private address
of their feed, and the feed itself, read by calendar apps with the token in its address
instead of a session."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_POST, require_safe

from workshop import calendar_feed
from workshop.access import roles_of
from workshop.models import CalendarFeed


def _parent(request):
    """The page and its actions are for guardians; anyone else gets 404."""
    if not roles_of(request.user).is_parent:
        raise Http404
    return request.user


@require_safe
@login_required
def calendar(request):
    user = _parent(request)
    feed = CalendarFeed.objects.filter(user=user).first()
    context = {"feed": feed}
    if feed is not None:
        address = request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
        context |= {
            "feed_url": address,
            "webcal_url": "webcal://" + address.split("://", 1)[1],
        }
    return render(request, "workshop/calendar.html", context)


@require_POST
@login_required
def calendar_new(request):
    """A new address (the first, or one in place of the old, which stops working)."""
    user = _parent(request)
    had_one = CalendarFeed.objects.filter(user=user).exists()
    calendar_feed.replace_feed(user)
    messages.success(
        request,
        _("Your calendar has a new address: calendars that follow the old one stop updating.")
        if had_one
        else _("Your calendar address is ready."),
    )
    return redirect("calendar")


@require_POST
@login_required
def calendar_revoke(request):
    user = _parent(request)
    calendar_feed.turn_off_feed(user)
    messages.success(request, _("Your calendar address is turned off: it no longer answers."))
    return redirect("calendar")


@dataclass(frozen=True)
class _Served:
    feed: CalendarFeed
    content: calendar_feed.Feed
    changed_at: object


def _served(request, token: str) -> _Served | None:
    """The feed behind the token, read once per request: the ETag, the Last-Modified and
    the answer all come from it."""
    if not hasattr(request, "_calendar_feed"):
        feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
        served = None
        if feed is not None and feed.user.is_active:
            content = calendar_feed.feed_for(feed.user)
            served = _Served(feed, content, calendar_feed.last_changed(feed, content))
        request._calendar_feed = served
    return request._calendar_feed


def _etag(request, token):
    served = _served(request, token)
    return served.content.etag if served else None


def _last_modified(request, token):
    served = _served(request, token)
    return served.changed_at if served else None


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def feed(request, token):
    """The feed, for whoever holds its address; an unknown or replaced token answers 404.
    Calendar apps that poll with If-None-Match or If-Modified-Since get 304 while nothing
    changed."""
    served = _served(request, token)
    if served is None:
        raise Http404
    response = HttpResponse(served.content.body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="workshop.ics"'
    patch_cache_control(response, private=True, no_cache=True)
    return response
