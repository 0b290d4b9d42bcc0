from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopConfig(AppConfig):
    name = "workshop"
    verbose_name = _("Workshop")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from workshop import checks, page_cache, sign_in  # noqa: F401 (checks registers)

        page_cache.connect()
        user_logged_in.connect(sign_in.set_session_age, dispatch_uid="kachinko.session_age")
