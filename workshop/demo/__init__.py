"""The demo: the demo week with its four logins, and a large size for benchmarks.

`seed_demo_week` is deterministic and keeps ids across re-seeds (see `sync.py`): the same
start date and size give the same data, and bookmarked links keep working.
"""

import datetime

from workshop.demo.sync import write_demo
from workshop.demo.week import (
    DEMO_DOMAIN,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DEMO_SLUG,
    DEMO_TIME_ZONE,
    plan_week,
)
from workshop.models import Workshop

SIZES = ("demo", "large")

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "DEMO_SLUG", "DEMO_TIME_ZONE", "SIZES", "seed_demo_week"]


def seed_demo_week(start_date: datetime.date, *, size: str = "demo") -> Workshop:
    """Write the demo of this size and return its current week. The demo owns the workshops
    whose short name starts with the demo's, and the accounts of its e-mail domain."""
    if size == "large":
        from workshop.demo.large import plan_large

        people, editions = plan_large(start_date)
    else:
        people, editions = plan_week(start_date)
    workshops = write_demo(
        people=people,
        editions=editions,
        domain=DEMO_DOMAIN,
        password=DEMO_PASSWORD,
        owned=Workshop.objects.filter(slug__startswith=DEMO_SLUG),
    )
    return workshops[0]
