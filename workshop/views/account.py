from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.i18n import set_language as django_set_language


class LogoutView(auth_views.LogoutView):
    """Sign out by POST, as Django requires; a GET (an old link) asks for confirmation."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "registration/logout_confirm.html")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You are signed out. See you on set!"))
        return response


def set_language(request):
    """Switch the page language and remember it as the signed-in user's preference."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
    ):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@require_safe
@login_required
def ping(request):
    """An empty answer for a signed-in user: a phone on set learns it is online and still
    signed in, and `make bench` measures every page against this floor."""
    response = HttpResponse(status=204)
    add_never_cache_headers(response)
    return response
