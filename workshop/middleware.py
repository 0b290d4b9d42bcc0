from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control
from django_htmx.http import HttpResponseClientRedirect


class UserLanguageMiddleware:
    """Use a signed-in user's preferred language unless they chose one for this browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.language
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class HtmxRedirectMiddleware:
    """An htmx request that is answered with a redirect (say, to sign in again after the
    session expired) loads the new page whole, instead of swapping it into a fragment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "htmx", False) and response.status_code in (301, 302, 303, 307, 308):
            return HttpResponseClientRedirect(response["Location"])
        return response


class PrivatePagesMiddleware:
    """Pages for a signed-in person (children's health records, guardians' and pickup
    contacts' phone numbers, call sheets) are kept by no shared cache and no browser cache:
    `Cache-Control: private, no-store`, unless the view chose its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY with every answer: the browser features this site
    uses, and for which origins."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}={allowed}" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
