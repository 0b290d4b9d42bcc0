"""The demo week: a summer workshop in Tokyo, with the four demo logins.

Deterministic: the same start date gives the same data, and seeding again replaces the
demo workshop rather than adding to it. Demo accounts exist only when this runs.
"""

import datetime

from django.db import transaction

from groups.models import Group
from groups.services import create_group, place_in_group
from projects.models import LogEntry, Stage, StageProgress
from projects.services import set_stage_progress
from workshop.models import (
    Guardian,
    Participant,
    Room,
    Session,
    StaffMembership,
    User,
    Workshop,
    WorkshopDay,
)
from workshop.services import create_workshop

DEMO_SLUG = "summer-film-week"
DEMO_PASSWORD = "kachinko-demo"
DEMO_TIME_ZONE = "Asia/Tokyo"
ORGANIZER_EMAIL = "organizer@kachinko.test"
MENTOR_EMAIL = "mentor@kachinko.test"
PARENT_EMAIL = "parent@kachinko.test"
PARENT2_EMAIL = "parent2@kachinko.test"
DEMO_LOGINS = [
    (ORGANIZER_EMAIL, "organizer of the demo workshop"),
    (MENTOR_EMAIL, "mentor of the Lantern group"),
    (PARENT_EMAIL, "guardian of one child"),
    (PARENT2_EMAIL, "guardian of two children in different groups"),
]

Kind = Session.Kind
Consent = Participant.MediaConsent

DIRECTOR = ("director@kachinko.test", "Kenji", "Morimoto", "direction")
MENTORS = [
    # email, first name, last name, specialty; one mentor per group, in group order.
    (MENTOR_EMAIL, "Aoi", "Tanabe", "camera"),
    ("sora.nakamura@kachinko.test", "Sora", "Nakamura", "script"),
    ("mei.ishikawa@kachinko.test", "Mei", "Ishikawa", "acting"),
    ("lucas.bernard@kachinko.test", "Lucas", "Bernard", "editing"),
    ("haruto.kimura@kachinko.test", "Haruto", "Kimura", "sound"),
]

GROUPS = [
    ("Lantern", "#d9480f", "The Paper Lantern", "A lantern that only lights for liars."),
    ("Kite", "#1971c2", "Kite Day", "Two rivals must fly one kite together to win."),
    ("Firefly", "#2f9e44", "Ninety-Nine Fireflies", "A boy counts fireflies to find his dog."),
    ("Tide", "#0c8599", "Low Tide", "A message in a bottle arrives twenty years late."),
    ("Paper Moon", "#9c36b5", "The Moon Thief", "Someone stole the moon from the school play."),
]

ROOMS = [
    ("Main hall", 80, "Ground floor, through the big red doors"),
    ("Canteen", 60, "Ground floor, next to the main hall"),
    ("Studio 1", 10, "First floor, left"),
    ("Studio 2", 10, "First floor, right"),
    ("Studio 3", 10, "Second floor, left"),
    ("Edit suite", 10, "Second floor, right"),
    ("Sound booth", 8, "Basement, follow the yellow tape"),
]
GROUP_ROOMS = ["Studio 1", "Studio 2", "Studio 3", "Edit suite", "Sound booth"]

# family name, given name, readings, birth date, group, consent, allergies, medical note,
# guardian's e-mail (None: a family account of its own), relationship
# fmt: off
CHILDREN = [
    ("佐藤", "陽菜", "さとう", "ひな", "2015-04-12", 0, Consent.FAMILIES, "", "", PARENT_EMAIL, "mother"),
    ("高橋", "蓮", "たかはし", "れん", "2014-09-03", 0, Consent.PUBLIC, "Peanuts", "Carries an EpiPen in his bag.", PARENT2_EMAIL, "father"),
    ("高橋", "結衣", "たかはし", "ゆい", "2016-06-21", 2, Consent.FAMILIES, "", "", PARENT2_EMAIL, "father"),
    ("田中", "湊", "たなか", "みなと", "2015-01-30", 0, Consent.FAMILIES, "", "", None, "mother"),
    ("伊藤", "さくら", "いとう", "さくら", "2014-11-08", 0, Consent.NONE, "", "", None, "mother"),
    ("渡辺", "大翔", "わたなべ", "ひろと", "2015-07-19", 0, Consent.FAMILIES, "", "", None, "father"),
    ("山本", "葵", "やまもと", "あおい", "2016-02-14", 0, Consent.WORKSHOP, "Egg", "", None, "mother"),
    ("中村", "悠真", "なかむら", "ゆうま", "2014-05-25", 1, Consent.FAMILIES, "", "", None, "parent"),
    ("小林", "芽依", "こばやし", "めい", "2015-10-02", 1, Consent.PUBLIC, "", "", None, "mother"),
    ("加藤", "蒼", "かとう", "あお", "2016-03-17", 1, Consent.FAMILIES, "", "Mild asthma; inhaler in the front pocket.", None, "mother"),
    ("吉田", "凛", "よしだ", "りん", "2014-12-29", 1, Consent.NONE, "", "", None, "father"),
    ("Martin", "Léa", "マルタン", "レア", "2015-08-11", 1, Consent.FAMILIES, "", "", None, "mother"),
    ("山田", "陽翔", "やまだ", "はると", "2015-06-06", 1, Consent.FAMILIES, "", "", None, "grandparent"),
    ("佐々木", "紬", "ささき", "つむぎ", "2014-07-07", 2, Consent.FAMILIES, "", "", None, "mother"),
    ("山口", "律", "やまぐち", "りつ", "2015-03-03", 2, Consent.PUBLIC, "Buckwheat (soba)", "", None, "father"),
    ("松本", "澪", "まつもと", "みお", "2016-01-22", 2, Consent.FAMILIES, "", "", None, "mother"),
    ("井上", "樹", "いのうえ", "いつき", "2014-10-15", 2, Consent.WORKSHOP, "", "", None, "mother"),
    ("木村", "杏", "きむら", "あん", "2015-05-09", 2, Consent.FAMILIES, "", "", None, "parent"),
    ("林", "颯", "はやし", "はやて", "2015-12-01", 3, Consent.FAMILIES, "", "", None, "father"),
    ("斎藤", "心春", "さいとう", "こはる", "2014-08-18", 3, Consent.FAMILIES, "", "", None, "mother"),
    ("清水", "朝陽", "しみず", "あさひ", "2016-04-27", 3, Consent.NONE, "", "", None, "mother"),
    ("Clarke", "Emma", "クラーク", "エマ", "2015-02-20", 3, Consent.PUBLIC, "", "", None, "mother"),
    ("山崎", "奏太", "やまざき", "そうた", "2014-06-13", 3, Consent.FAMILIES, "Milk", "", None, "father"),
    ("森", "美月", "もり", "みづき", "2015-09-26", 3, Consent.FAMILIES, "", "", None, "mother"),
    ("池田", "晴", "いけだ", "はる", "2016-05-31", 4, Consent.FAMILIES, "", "", None, "mother"),
    ("橋本", "陽葵", "はしもと", "ひまり", "2014-04-04", 4, Consent.PUBLIC, "", "", None, "father"),
    ("阿部", "湊斗", "あべ", "みなと", "2015-11-11", 4, Consent.WORKSHOP, "", "", None, "mother"),
    ("Dubois", "Hugo", "デュボワ", "ユゴー", "2015-07-02", 4, Consent.FAMILIES, "", "", None, "father"),
    ("石井", "花", "いしい", "はな", "2016-02-09", 4, Consent.NONE, "", "", None, "mother"),
    ("前田", "新", "まえだ", "あらた", "2014-03-28", 4, Consent.FAMILIES, "", "", None, "parent"),
]
# fmt: on
FAMILY_NAMES_IN_LATIN = {
    "佐藤": "Sato",
    "高橋": "Takahashi",
    "田中": "Tanaka",
    "伊藤": "Ito",
    "渡辺": "Watanabe",
    "山本": "Yamamoto",
    "中村": "Nakamura",
    "小林": "Kobayashi",
    "加藤": "Kato",
    "吉田": "Yoshida",
    "山田": "Yamada",
    "佐々木": "Sasaki",
    "山口": "Yamaguchi",
    "松本": "Matsumoto",
    "井上": "Inoue",
    "木村": "Kimura",
    "林": "Hayashi",
    "斎藤": "Saito",
    "清水": "Shimizu",
    "山崎": "Yamazaki",
    "森": "Mori",
    "池田": "Ikeda",
    "橋本": "Hashimoto",
    "阿部": "Abe",
    "石井": "Ishii",
    "前田": "Maeda",
}  # fmt: skip

GUARDIAN_FIRST_NAMES = [
    "Yui", "Kenta", "Aya", "Takuya", "Naomi", "Shota", "Emi", "Ryo", "Mai", "Hiroshi",
    "Claire", "Kaori", "Yusuke", "Sayaka", "Daiki", "Nana", "Akira", "Rie", "Sarah", "Koji",
]  # fmt: skip

DAY_DETAILS = [
    # afternoon talk, what to bring, notes for families
    (
        "Welcome, and how a story begins",
        "A notebook and two pencils; a water bottle; indoor shoes.",
        "Please come to the main hall for the opening circle. Name tags are handed out at the door.",
    ),
    (
        "Drawing what the camera sees",
        "Coloured pencils if you have them; a water bottle.",
        "",
    ),
    (
        "Acting without words",
        "Clothes you can move in; a water bottle.",
        "The groups rehearse on the rooftop if the weather is fine; hats are welcome.",
    ),
    (
        "Guest talk: a cinematographer's day",
        "Costume pieces for your film, if your group asked for them; a water bottle.",
        "Shooting day: some groups film in the garden behind the venue, always with a mentor.",
    ),
    (
        "Cutting is telling",
        "A water bottle.",
        "",
    ),
    (
        "Foley: making sounds from nothing",
        "Something that makes an interesting sound (keys, a paper bag, a squeaky toy).",
        "Rehearsal for tomorrow's screening at the end of the day.",
    ),
    (
        "",
        "Your invitation for two guests; a water bottle.",
        "Families are welcome from 13:45 in the main hall. The screening starts at 14:00 "
        "and each film is followed by questions to its crew.",
    ),
]

STAGE_WORK = {
    "script": "Writing the script",
    "storyboard": "Storyboarding the film",
    "acting": "Rehearsing the scenes",
    "shooting": "Shooting",
    "editing": "Editing",
    "sound": "Sound and music",
}

LOG_NOTES = {
    "script": "The crew agreed on the ending after a long debate; the script is three pages.",
    "storyboard": "Twenty-four frames drawn; the chase scene has the most panels.",
    "acting": "Everyone tried every part once before choosing roles.",
    "shooting": "Thirty-one takes in the garden; the rain held off.",
    "editing": "A first cut of four minutes, trimmed to three.",
    "sound": "Footsteps recorded with two shoes and a tray of gravel.",
}


def _t(hour: int, minute: int = 0) -> datetime.time:
    return datetime.time(hour, minute)


def _user(
    email: str, first: str, last: str, *, password: bool, language: str = "", phone: str = ""
) -> User:
    user, _ = User.objects.update_or_create(
        email=email,
        defaults={
            "first_name": first,
            "last_name": last,
            "language": language,
            "phone": phone,
            "is_active": True,
        },
    )
    if password:
        user.set_password(DEMO_PASSWORD)
    else:
        user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def seed_demo_week(start_date: datetime.date) -> Workshop:
    Workshop.objects.filter(slug=DEMO_SLUG).delete()
    organizer = _user(ORGANIZER_EMAIL, "Yuko", "Hayashi", password=True)
    director = _user(DIRECTOR[0], DIRECTOR[1], DIRECTOR[2], password=False)
    mentors = [
        _user(email, first, last, password=email == MENTOR_EMAIL)
        for email, first, last, _specialty in MENTORS
    ]
    parent = _user(PARENT_EMAIL, "Misaki", "Sato", password=True, phone="080-1234-5678")
    parent2 = _user(PARENT2_EMAIL, "Daisuke", "Takahashi", password=True, phone="090-8765-4321")

    workshop = create_workshop(
        title="Summer Film Week",
        slug=DEMO_SLUG,
        venue="Shimokita Community Arts Centre",
        venue_address="2-1-1 Kitazawa, Setagaya-ku, Tokyo",
        start_date=start_date,
        time_zone=DEMO_TIME_ZONE,
        lead_mentor=director,
        is_published=True,
    )
    StaffMembership.objects.bulk_create(
        [
            StaffMembership(user=organizer, workshop=workshop, role=StaffMembership.Role.ORGANIZER),
            StaffMembership(user=director, workshop=workshop, role=StaffMembership.Role.ORGANIZER),
            StaffMembership(
                user=director, workshop=workshop, role=StaffMembership.Role.MENTOR,
                specialty=DIRECTOR[3],
            ),
            *(
                StaffMembership(
                    user=user, workshop=workshop, role=StaffMembership.Role.MENTOR,
                    specialty=specialty,
                )
                for user, (_e, _f, _l, specialty) in zip(mentors, MENTORS, strict=True)
            ),
        ]
    )  # fmt: skip
    rooms = {
        name: Room.objects.create(workshop=workshop, name=name, capacity=capacity, directions=way)
        for name, capacity, way in ROOMS
    }
    groups = []
    for (name, colour, title, logline), mentor in zip(GROUPS, mentors, strict=True):
        group = create_group(workshop, name=name, colour=colour, mentors=[mentor])
        group.film.title, group.film.logline = title, logline
        group.film.save()
        groups.append(group)

    _add_children(workshop, groups, parent=parent, parent2=parent2)
    days = list(workshop.days.select_related("focus_stage").order_by("number"))
    for day, (talk, bring, notes) in zip(days, DAY_DETAILS, strict=False):
        day.doors_open, day.pickup = _t(9), _t(16, 30)
        day.what_to_bring, day.family_notes = bring, notes
        day.save()
        _add_sessions(day, talk, rooms, groups, director)
    _add_progress(workshop, groups, days, mentors)
    return workshop


def _add_children(workshop, groups, *, parent, parent2) -> None:
    family_accounts = {PARENT_EMAIL: parent, PARENT2_EMAIL: parent2}
    for index, row in enumerate(CHILDREN):
        family, given, family_kana, given_kana, born, group_index, consent = row[:7]
        allergies, medical, guardian_email, relationship = row[7:]
        latin = FAMILY_NAMES_IN_LATIN.get(family, family)
        child = Participant.objects.create(
            workshop=workshop,
            family_name=family,
            given_name=given,
            family_name_reading=family_kana,
            given_name_reading=given_kana,
            birth_date=datetime.date.fromisoformat(born),
            media_consent=consent,
            allergies=allergies,
            medical_notes=medical,
            emergency_contact_name=f"{latin} family",
            emergency_contact_phone=f"090-{1200 + index:04d}-{5600 + index * 7:04d}",
        )
        if guardian_email is None:
            guardian_email = f"{latin.lower()}.family@kachinko.test"
            family_accounts[guardian_email] = _user(
                guardian_email,
                GUARDIAN_FIRST_NAMES[index % len(GUARDIAN_FIRST_NAMES)],
                latin,
                password=False,
                phone=f"080-{3300 + index:04d}-0{index:03d}",
            )
        Guardian.objects.create(
            user=family_accounts[guardian_email],
            participant=child,
            relationship=relationship,
        )
        place_in_group(child, group=groups[group_index])


def _add_sessions(day: WorkshopDay, talk: str, rooms, groups: list[Group], director) -> None:
    everyone = []
    stage = day.focus_stage
    if stage and stage.key == "screening":
        everyone = [
            (_t(9), _t(9, 20), "Morning circle", Kind.WHOLE_WORKSHOP, "Main hall"),
            (_t(9, 30), _t(11, 30), "Final rehearsal and tech check", Kind.WHOLE_WORKSHOP, "Main hall"),
            (_t(12), _t(13), "Lunch", Kind.MEAL, "Canteen"),
            (_t(14), _t(15, 45), "Screening for families", Kind.SCREENING, "Main hall"),
            (_t(15, 45), _t(16, 30), "Farewell and certificates", Kind.WHOLE_WORKSHOP, "Main hall"),
        ]  # fmt: skip
    else:
        everyone = [
            (_t(9), _t(9, 20), "Morning circle", Kind.WHOLE_WORKSHOP, "Main hall"),
            (_t(12), _t(13), "Lunch", Kind.MEAL, "Canteen"),
            (_t(13), _t(13, 45), talk, Kind.WHOLE_WORKSHOP, "Main hall"),
            (_t(15, 45), _t(16), "Snack break", Kind.BREAK, "Canteen"),
            (_t(16), _t(16, 30), "Rushes: today's best moments", Kind.WHOLE_WORKSHOP, "Main hall"),
        ]
    for starts, ends, title, kind, room in everyone:
        session = Session.objects.create(
            day=day, starts_at=starts, ends_at=ends, title=title, kind=kind,
            room=rooms[room], for_all_groups=True,
            stage=stage if kind == Kind.SCREENING else None,
        )  # fmt: skip
        if kind in (Kind.WHOLE_WORKSHOP, Kind.SCREENING) and title != "Morning circle":
            session.mentors.add(director)
    if not stage or stage.key not in STAGE_WORK:
        return
    for group, room_name in zip(groups, GROUP_ROOMS, strict=True):
        for starts, ends in ((_t(9, 30), _t(12)), (_t(14), _t(15, 45))):
            session = Session.objects.create(
                day=day, starts_at=starts, ends_at=ends, kind=Kind.STAGE_WORK, stage=stage,
                title=f"{STAGE_WORK[stage.key]} · {group.name}", room=rooms[room_name],
            )  # fmt: skip
            session.groups.add(group)
            session.mentors.set(group.mentors.all())


def _add_progress(workshop, groups, days, mentors) -> None:
    """Stages of past days are done, today's is under way; a few notes from each group."""
    today = workshop.local_today()
    stages = {stage.key: stage for stage in Stage.objects.filter(workshop=workshop)}
    for group, mentor in zip(groups, mentors, strict=True):
        for day in days:
            stage = day.focus_stage
            if not stage or day.date > today:
                continue
            status = (
                StageProgress.Status.DONE if day.date < today else StageProgress.Status.IN_PROGRESS
            )
            set_stage_progress(group.film, stage, status=status, by=mentor)
            if stage.key in LOG_NOTES and day.date < today:
                LogEntry.objects.create(
                    film=group.film, stage=stages[stage.key], author=mentor, written_on=day.date,
                    body=LOG_NOTES[stage.key], shared_with_families=day.number % 2 == 1,
                )  # fmt: skip
