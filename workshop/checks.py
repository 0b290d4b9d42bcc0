"""Kachinko's own system checks."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, Tags.security, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Sign-in limits and the data version live in the default cache: a cache each process
    keeps for itself lets an attacker try as many passwords as there are processes, times
    the limit, and serves stale pages."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PROCESS_LOCAL_CACHES:
        return [
            Warning(
                f"The default cache ({backend}) is not shared between processes: sign-in "
                "limits would count per process and cached pages would go stale.",
                hint="Set REDIS_URL to use Redis as the default cache.",
                id="kachinko.W001",
            )
        ]
    return []
