"""Multi-step changes to the core domain."""

import datetime

from django.db import transaction

from projects.services import add_default_stages
from workshop.models import DEFAULT_WORKSHOP_DAYS, Workshop, WorkshopDay


@transaction.atomic
def create_workshop(
    *,
    title: str,
    slug: str,
    venue: str,
    start_date: datetime.date,
    length_in_days: int = DEFAULT_WORKSHOP_DAYS,
    **fields,
) -> Workshop:
    """Create an edition with its days and the default stages, one stage in focus per day."""
    if length_in_days < 1:
        raise ValueError("A workshop lasts at least one day.")
    workshop = Workshop(
        title=title,
        slug=slug,
        venue=venue,
        start_date=start_date,
        end_date=start_date + datetime.timedelta(days=length_in_days - 1),
        **fields,
    )
    workshop.full_clean()
    workshop.save()
    stages = add_default_stages(workshop)
    WorkshopDay.objects.bulk_create(
        WorkshopDay(
            workshop=workshop,
            date=date,
            number=number,
            focus_stage=stages[number - 1] if number <= len(stages) else None,
        )
        for number, date in enumerate(workshop.dates(), start=1)
    )
    return workshop
