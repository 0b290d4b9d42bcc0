"""What a phone sends for something done while it may have been offline: the id it made for
it, so that sending twice records once, and when it was done. A leaf module: the services
and views of attendance and of the film log share it."""

import datetime
import uuid

# A phone's clock may run a little ahead of the server's.
CLOCK_SLACK = datetime.timedelta(minutes=5)


class Unreadable(ValueError):
    """The id or the time is not in a form the site reads."""


def sent_by_phone(data) -> tuple[uuid.UUID | None, datetime.datetime | None]:
    """`client_id` and `at` from posted data, both optional; either one malformed (or a time
    without its time zone) raises `Unreadable`."""
    client_id, at = data.get("client_id", ""), data.get("at", "")
    try:
        client_id = uuid.UUID(client_id) if client_id else None
        at = datetime.datetime.fromisoformat(at) if at else None
    except ValueError:
        raise Unreadable(client_id, at) from None
    if at is not None and at.tzinfo is None:
        raise Unreadable(at)
    return client_id, at
