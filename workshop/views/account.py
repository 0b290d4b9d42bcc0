from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django.views.i18n import set_language as django_set_language

from workshop.forms import EmailPasswordResetForm, SignInLinkForm
from workshop.limits import MAILS_PER_CLIENT, client_ip
from workshop.sign_in import check_sign_in_link, request_sign_in_link

TOO_MANY_MAILS = 429


def _link_page(request, form, *, status=200, **context):
    context |= {"form": form, "minutes": settings.KACHINKO_SIGN_IN_LINK_SECONDS // 60}
    return render(request, "registration/sign_in_link.html", context, status=status)


def _too_many_mails(request) -> bool:
    """Past the client's limit on e-mails asked for, which says nothing about any address."""
    if MAILS_PER_CLIENT.exceeded(client_ip(request)):
        messages.error(
            request,
            _("Too many e-mails were asked for from your connection. Wait an hour and try again."),
        )
        return True
    return False


@require_http_methods(["GET", "HEAD", "POST"])
def sign_in_link(request):
    """Ask for a sign-in link. Every valid address gets the same answer, the same page."""
    form = SignInLinkForm(request.POST or None)
    if request.method == "POST":
        if _too_many_mails(request):
            return _link_page(request, form, status=TOO_MANY_MAILS)
        if form.is_valid():
            request_sign_in_link(
                form.cleaned_data["email"],
                client=client_ip(request),
                base_url=request.build_absolute_uri("/"),
            )
            return redirect("sign_in_link_sent")
    return _link_page(request, form)


@require_safe
def sign_in_link_sent(request):
    minutes = settings.KACHINKO_SIGN_IN_LINK_SECONDS // 60
    return render(request, "registration/sign_in_link_sent.html", {"minutes": minutes})


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_link_open(request, uidb64, token):
    """Sign in with the link from the e-mail, once, by a tap on the page it opens: opening
    the link (a GET, as a mail scanner checking it does) uses nothing up; the tap (a POST)
    signs in. A used, expired or forged link says so and offers to send a new one; it shows
    nothing of any account."""
    check = check_sign_in_link(uidb64, token)
    if check.user is None:
        return _link_page(request, SignInLinkForm(), refused=True, expired=check.expired)
    if request.method == "GET":
        return render(request, "registration/sign_in_link_open.html")
    login(request, check.user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(settings.LOGIN_REDIRECT_URL)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with our form and the client's limit on e-mails asked for."""

    form_class = EmailPasswordResetForm

    def post(self, request, *args, **kwargs):
        if _too_many_mails(request):
            return self.render_to_response(
                self.get_context_data(form=self.get_form()), status=TOO_MANY_MAILS
            )
        return super().post(request, *args, **kwargs)


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
