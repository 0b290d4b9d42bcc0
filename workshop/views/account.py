from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language as django_set_language


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in by e-mail address, whatever its case."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That e-mail address and password do not match an account. "
            "Note that the password is case-sensitive."
        ),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


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
