"""The core domain, one module per idea: the schedule (workshops, days, rooms, sessions) and
the people (accounts, children, guardians, staff), and children's health records and
consent. Import from here."""

from workshop.models.attendance import Attendance
from workshop.models.calendar import CalendarFeed
from workshop.models.health import ConsentRecord, HealthRecord, HealthRecordRead
from workshop.models.invitations import Invitation
from workshop.models.people import (
    Guardian,
    Participant,
    PickupContact,
    StaffMembership,
    User,
    UserManager,
    is_cjk,
)
from workshop.models.schedule import (
    DEFAULT_WORKSHOP_DAYS,
    ReleasedDay,
    ReleasedSession,
    Room,
    ScheduleRelease,
    Session,
    Workshop,
    WorkshopDay,
    validate_time_zone,
)
from workshop.models.screening import MAX_GUESTS, ScreeningReply

__all__ = [
    "DEFAULT_WORKSHOP_DAYS",
    "MAX_GUESTS",
    "Attendance",
    "CalendarFeed",
    "ConsentRecord",
    "Guardian",
    "HealthRecord",
    "HealthRecordRead",
    "Invitation",
    "Participant",
    "PickupContact",
    "ReleasedDay",
    "ReleasedSession",
    "Room",
    "ScheduleRelease",
    "ScreeningReply",
    "Session",
    "StaffMembership",
    "User",
    "UserManager",
    "Workshop",
    "WorkshopDay",
    "is_cjk",
    "validate_time_zone",
]
