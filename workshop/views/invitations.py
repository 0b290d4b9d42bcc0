"""Organizers invite guardians and staff to set up their accounts; the invited follow the
link in their e-mail, choose a password and are signed in."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from workshop.forms import InviteForm
from workshop.invitations import accept, check_token, invitation_list, invite
from workshop.page_cache import page_context
from workshop.views.sessions import _organized_workshop


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def invitations(request, slug):
    """Who of the workshop's people has an account, who was invited and when; invite some,
    or everyone not invited yet."""
    workshop = _organized_workshop(request, slug)
    form = InviteForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        sent = invite(
            workshop,
            form.cleaned_data["people"],
            by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        messages.success(
            request,
            ngettext(
                "%(count)s invitation is on its way.",
                "%(count)s invitations are on their way.",
                len(sent),
            )
            % {"count": len(sent)},
        )
        return redirect("invitations", workshop.slug)
    context = page_context(request, people=lambda: invitation_list(workshop))
    return render(
        request, "workshop/invitations.html", context | {"workshop": workshop, "form": form}
    )


@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request, token):
    """Set up the account the link was sent for. A link that is forged, used or older than
    seven days says so, and shows nothing of the account."""
    check = check_token(token)
    if check.user is None:
        return render(request, "workshop/invitation_invalid.html", {"expired": check.expired})
    form = SetPasswordForm(check.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept(check.user, form.cleaned_data["new_password1"])
        login(request, check.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is ready. Welcome to Kachinko!"))
        return redirect("home")
    return render(request, "workshop/invitation_accept.html", {"form": form, "invited": check.user})
