"""Rate limits counted in the shared cache: failed sign-ins, and e-mails asked for.

django-axes would do the sign-in part, but its releases declare Django up to 6.0 only, and
we run 6.1. Each limit counts events per key (an e-mail address, a client's IP address) in
fixed windows of its length, and weighs the previous window by how much of it still
overlaps the sliding one: a burst across a window's edge is counted in full. Keys are
HMACs, so the cache never holds an address in clear. The cache must be shared by every
process (Redis in production; `check --deploy` warns otherwise: workshop/checks.py).
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

KEY_PREFIX = "kachinko:limit"


@dataclass(frozen=True)
class Limit:
    name: str
    setting: str
    window_setting: str | None = None
    window_seconds: int = 60 * 60

    @property
    def times(self) -> int:
        return getattr(settings, self.setting)

    @property
    def seconds(self) -> int:
        if self.window_setting:
            return getattr(settings, self.window_setting)
        return self.window_seconds

    @property
    def minutes(self) -> int:
        return math.ceil(self.seconds / 60)

    def _keys(self, ident: str) -> tuple[str, str, str, float]:
        """The keys of the current and the previous window and of the lockout, and how much
        of the previous window the sliding one still covers (1 at the start of the current
        one, 0 at its end)."""
        window, into = divmod(timezone.now().timestamp(), self.seconds)
        digest = salted_hmac(
            "kachinko.limits", f"{self.name}:{ident}", algorithm="sha256"
        ).hexdigest()[:32]
        key = f"{KEY_PREFIX}:{self.name}:{digest}"
        return (
            f"{key}:{int(window)}",
            f"{key}:{int(window) - 1}",
            f"{key}:locked",
            1 - into / self.seconds,
        )

    def exceeded(self, ident: str) -> bool:
        """Whether the limit was reached within the last window's length: then it stays
        reached for a whole window from that moment (a lockout)."""
        if not ident:
            return False
        current, previous, locked, overlap = self._keys(ident)
        found = cache.get_many([current, previous, locked])
        if found.get(locked, 0) > timezone.now().timestamp():
            return True
        return found.get(current, 0) + found.get(previous, 0) * overlap >= self.times

    def hit(self, ident: str) -> None:
        """Count one event; the one that reaches the limit starts the lockout."""
        if not ident:
            return
        current, previous, locked, overlap = self._keys(ident)
        # Two windows: the previous one is still read while the current one runs.
        cache.add(current, 0, 2 * self.seconds)
        try:
            count = cache.incr(current)
        except ValueError:
            count = 1
            cache.set(current, count, 2 * self.seconds)
        # The file cache's incr() rewrites the entry with the default timeout.
        cache.touch(current, 2 * self.seconds)
        if count + cache.get(previous, 0) * overlap >= self.times:
            until = timezone.now().timestamp() + self.seconds
            cache.set(locked, until, self.seconds)

    def reset(self, ident: str) -> None:
        """Forget the events counted (not a lockout already begun)."""
        current, previous, _, _ = self._keys(ident)
        cache.delete_many([current, previous])


FAILED_SIGN_INS_PER_ACCOUNT = Limit(
    "sign-in-account", "KACHINKO_SIGN_IN_FAILURES_PER_ACCOUNT", "KACHINKO_SIGN_IN_LOCKOUT_SECONDS"
)
FAILED_SIGN_INS_PER_CLIENT = Limit(
    "sign-in-client", "KACHINKO_SIGN_IN_FAILURES_PER_CLIENT", "KACHINKO_SIGN_IN_LOCKOUT_SECONDS"
)
LINK_MAILS_PER_ADDRESS = Limit("link-mail", "KACHINKO_SIGN_IN_MAILS_PER_ADDRESS")
RESET_MAILS_PER_ADDRESS = Limit("reset-mail", "KACHINKO_SIGN_IN_MAILS_PER_ADDRESS")
MAILS_PER_CLIENT = Limit("mail-client", "KACHINKO_SIGN_IN_MAILS_PER_CLIENT")


def client_ip(request) -> str:
    """The client's address: the connection's, or behind KACHINKO_PROXY_HOPS proxies the one
    the outermost proxy saw (addresses further left were written by the client itself)."""
    hops = settings.KACHINKO_PROXY_HOPS
    if hops:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [address for address in forwarded if address]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")
