import datetime
import zoneinfo

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from workshop.demo import DEMO_LOGINS, DEMO_PASSWORD, DEMO_TIME_ZONE, SIZES, seed_demo_week


class Command(BaseCommand):
    help = (
        "Load the demo week with its four demo logins, updating an earlier one in place (ids "
        "are kept). By default the week started two days ago, so that today is its third day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--start", help="First day of the demo week, as YYYY-MM-DD.")
        parser.add_argument(
            "--size",
            choices=SIZES,
            default="demo",
            help="demo: 30 children in 5 groups; large: 120 children in 20 groups, ~200 "
            "sessions and 5 earlier editions (for make bench).",
        )

    def handle(self, *args, start=None, size="demo", **options):
        if size not in SIZES:
            raise CommandError(f"--size must be one of {', '.join(SIZES)}, not {size!r}.")
        if start:
            try:
                start_date = datetime.date.fromisoformat(start)
            except ValueError:
                raise CommandError(
                    f"--start must be a date as YYYY-MM-DD, not {start!r}."
                ) from None
        else:
            today = timezone.localdate(timezone=zoneinfo.ZoneInfo(DEMO_TIME_ZONE))
            start_date = today - datetime.timedelta(days=2)
        workshop = seed_demo_week(start_date, size=size)
        dates = f"{workshop.start_date} to {workshop.end_date}"
        self.stdout.write(self.style.SUCCESS(f"Demo week “{workshop.title}” loaded: {dates}."))
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for email, role in DEMO_LOGINS:
            self.stdout.write(f"  {email:<26} {role}")
