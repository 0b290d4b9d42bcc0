"""The demo week: a summer workshop in Tokyo, five crews of six, and the four demo logins.

Its cast and schedule are fixed here; `large.py` builds the large size from the same parts.
"""

import datetime

from projects.models import DEFAULT_STAGES
from workshop.demo.sync import Child, Crew, Edition, FilmMaterial, Person, Slot
from workshop.models import Participant, Session

DEMO_SLUG = "summer-film-week"
DEMO_TITLE = "Summer Film Week"
DEMO_DOMAIN = "kachinko.test"
DEMO_PASSWORD = "kachinko-demo"
DEMO_TIME_ZONE = "Asia/Tokyo"
VENUE = "Shimokita Community Arts Centre"
VENUE_ADDRESS = "2-1-1 Kitazawa, Setagaya-ku, Tokyo"
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
# Still storyboarding on the acting day: the organizer's dashboard shows it behind plan.
BEHIND_CREW = "Tide"
GROUP_ROOMS = ["Studio 1", "Studio 2", "Studio 3", "Edit suite", "Sound booth"]

_LANTERN_SCRIPT_1 = """SCENE 1. CLASSROOM. MORNING.
YUI holds up a paper lantern. It stays dark.
YUI: I found it in the storeroom.
KAITO: Lanterns need candles, not storerooms.

SCENE 2. CORRIDOR. LUNCHTIME.
KAITO: I finished all my homework.
The lantern glows."""
_LANTERN_SCRIPT_2 = """SCENE 1. CLASSROOM. MORNING.
YUI holds up a paper lantern. It stays dark.
YUI: I found it in the storeroom. It has a name written inside: "Truth".
KAITO: Lanterns need candles, not storerooms.

SCENE 2. CORRIDOR. LUNCHTIME.
KAITO: I finished all my homework. Every page.
The lantern glows. Everyone turns to look at Kaito.

SCENE 3. SCHOOL GATE. EVENING.
KAITO blows the lantern out, and laughs."""

LANTERN_FILM = FilmMaterial(
    crew="Lantern",
    script_versions=(_LANTERN_SCRIPT_1, _LANTERN_SCRIPT_2),
    frames=(
        "Yui lifts the dark lantern in the classroom window",
        "Close on the word written inside: Truth",
        "Kaito boasts in the corridor; the lantern starts to glow",
        "Everyone turns: the whole corridor in one frame",
        "The school gate at dusk, the lantern blown out",
    ),
    shots=(
        (1, 1, "Classroom, Yui at the window with the lantern", "wide", "shot"),
        (1, 2, "The word inside the lantern", "insert", "shot"),
        (2, 1, "Kaito walks up the corridor, talking", "medium", "needs_retake"),
        (2, 2, "The lantern lights up", "close_up", "planned"),
        (3, 1, "Kaito at the gate, from Yui's side", "over_the_shoulder", "planned"),
    ),
    crew_days=2,
)

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
    ("森", "美月", "もり", "みづき", "2015-09-26", 3, Consent.NOT_ASKED, "", "", None, "mother"),
    ("池田", "晴", "いけだ", "はる", "2016-05-31", 4, Consent.FAMILIES, "", "", None, "mother"),
    ("橋本", "陽葵", "はしもと", "ひまり", "2014-04-04", 4, Consent.PUBLIC, "", "", None, "father"),
    ("阿部", "湊斗", "あべ", "みなと", "2015-11-11", 4, Consent.WORKSHOP, "", "", None, "mother"),
    ("Dubois", "Hugo", "デュボワ", "ユゴー", "2015-07-02", 4, Consent.FAMILIES, "", "", None, "father"),
    ("石井", "花", "いしい", "はな", "2016-02-09", 4, Consent.NONE, "", "", None, "mother"),
    ("前田", "新", "まえだ", "あらた", "2014-03-28", 4, Consent.NOT_ASKED, "", "", None, "parent"),
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

# The family text in Japanese, day by day: what to bring, notes for families.
DAY_DETAILS_JA = [
    (
        "ノート1冊と鉛筆2本、水筒、上履き。",
        "オープニングの会は大ホールで行います。名札は入口でお渡しします。",
    ),
    ("色鉛筆（お持ちでしたら）、水筒。", ""),
    (
        "動きやすい服装、水筒。",
        "晴れていれば屋上でリハーサルをします。帽子があると安心です。",
    ),
    (
        "グループで頼まれた衣装（あれば）、水筒。",
        "撮影日です。会場裏の庭で撮影するグループもあります。必ずメンターが付き添います。",
    ),
    ("水筒。", ""),
    (
        "おもしろい音が出るもの（鍵、紙袋、音の鳴るおもちゃなど）。",
        "一日の終わりに、明日の上映会のリハーサルをします。",
    ),
    (
        "ゲスト2名分の招待状、水筒。",
        "ご家族は13時45分から大ホールにお入りいただけます。上映は14時に始まり、"
        "各作品のあとにクルーへの質問の時間があります。",
    ),
]
# Where families drop off and pick up, every day.
MEETING_POINT = "Main hall"
# Session titles families see, in Japanese (stage work: `STAGE_WORK_JA` and the crews).
TITLES_JA = {
    "Morning circle": "朝の会",
    "Lunch": "昼食",
    "Snack break": "おやつ休憩",
    "Rushes: today's best moments": "ラッシュ：今日のベストシーン",
    "Final rehearsal and tech check": "最終リハーサルと機材チェック",
    "Screening for families": "ご家族向け上映会",
    "Farewell and certificates": "お別れの会と修了証の授与",
    "Welcome, and how a story begins": "ようこそ：物語はどう始まるか",
    "Drawing what the camera sees": "カメラが見るものを描く",
    "Acting without words": "ことばを使わない演技",
    "Guest talk: a cinematographer's day": "ゲストトーク：撮影監督の一日",
    "Cutting is telling": "編集は語ること",
    "Foley: making sounds from nothing": "フォーリー：何もないところから音をつくる",
}

STAGE_WORK_JA = {
    "script": "脚本を書く",
    "storyboard": "絵コンテを描く",
    "acting": "場面のリハーサル",
    "shooting": "撮影",
    "editing": "編集",
    "sound": "音と音楽",
}

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


ORGANIZER = Person(ORGANIZER_EMAIL, "Yuko", "Hayashi", signs_in=True)
PARENT = Person(PARENT_EMAIL, "Misaki", "Sato", phone="080-1234-5678", signs_in=True)
PARENT2 = Person(PARENT2_EMAIL, "Daisuke", "Takahashi", phone="090-8765-4321", signs_in=True)


def plan_week(start_date: datetime.date) -> tuple[list[Person], list[Edition]]:
    """The demo size: the demo week alone."""
    crews = make_crews(GROUPS, [email for email, *_rest in MENTORS])
    children, families = week_children([crew.name for crew in crews])
    people = [ORGANIZER, *mentor_people([DIRECTOR, *MENTORS]), PARENT, PARENT2, *families]
    edition = make_edition(
        slug=DEMO_SLUG,
        title=DEMO_TITLE,
        start_date=start_date,
        mentors=MENTORS,
        crews=crews,
        children=children,
        rooms=ROOMS,
        group_rooms=GROUP_ROOMS,
    )
    return people, [edition]


def make_crews(groups, mentors: list[str]) -> list[Crew]:
    return [
        Crew(name, colour, title, logline, mentor)
        for (name, colour, title, logline), mentor in zip(groups, mentors, strict=True)
    ]


def mentor_people(mentors) -> list[Person]:
    return [
        Person(email, first, last, signs_in=email == MENTOR_EMAIL)
        for email, first, last, _specialty in mentors
    ]


def family_person(number: int, email: str, latin_family_name: str) -> Person:
    """A family's own account, with no password: only the demo logins sign in."""
    first_name = GUARDIAN_FIRST_NAMES[number % len(GUARDIAN_FIRST_NAMES)]
    phone = f"080-{3300 + number:04d}-0{number:03d}"
    return Person(email, first_name, latin_family_name, phone=phone)


def week_children(group_names: list[str]) -> tuple[list[Child], list[Person]]:
    """The thirty children of the demo week, and their families' accounts."""
    children, families = [], []
    for index, row in enumerate(CHILDREN):
        guardian = row[9]
        if guardian is None:
            latin = FAMILY_NAMES_IN_LATIN.get(row[0], row[0])
            guardian = f"{latin.lower()}.family@{DEMO_DOMAIN}"
            families.append(family_person(index, guardian, latin))
        children.append(week_child(index, group=group_names[row[5]], guardian=guardian))
    return children, families


def week_child(index: int, *, group: str, guardian: str) -> Child:
    family, given, family_kana, given_kana, born, _group_index, consent = CHILDREN[index][:7]
    allergies, medical, _guardian, relationship = CHILDREN[index][7:]
    latin = FAMILY_NAMES_IN_LATIN.get(family, family)
    return Child(
        family_name=family,
        given_name=given,
        family_name_reading=family_kana,
        given_name_reading=given_kana,
        birth_date=datetime.date.fromisoformat(born),
        group=group,
        media_consent=consent,
        allergies=allergies,
        medical_notes=medical,
        emergency_contact_name=f"{latin} family",
        emergency_contact_phone=emergency_phone(index),
        guardian=guardian,
        relationship=relationship,
    )


def emergency_phone(number: int) -> str:
    return f"090-{1200 + number:04d}-{5600 + number * 7:04d}"


def make_edition(
    *,
    slug: str,
    title: str,
    start_date: datetime.date,
    mentors,
    crews: list[Crew],
    children: list[Child],
    rooms,
    group_rooms: list[str],
    crews_per_afternoon: int = 1,
) -> Edition:
    """An edition at the demo venue, run by the demo organizer and director, on the demo
    week's days and schedule."""
    return Edition(
        slug=slug,
        title=title,
        venue=VENUE,
        venue_address=VENUE_ADDRESS,
        time_zone=DEMO_TIME_ZONE,
        start_date=start_date,
        is_published=True,
        organizers=(ORGANIZER_EMAIL, DIRECTOR[0]),
        lead_mentor=DIRECTOR[0],
        mentors=((DIRECTOR[0], DIRECTOR[3]), *((row[0], row[3]) for row in mentors)),
        rooms=tuple(rooms),
        crews=tuple(crews),
        children=tuple(children),
        days=tuple((bring, notes) for _talk, bring, notes in DAY_DETAILS),
        sessions=tuple(schedule(crews, group_rooms, crews_per_afternoon=crews_per_afternoon)),
        log_notes=LOG_NOTES,
        film_material=(LANTERN_FILM,),
        behind=(BEHIND_CREW,),
        day_translations=tuple((("ja", bring, notes),) for bring, notes in DAY_DETAILS_JA),
        meeting_point=MEETING_POINT,
    )


def schedule(crews: list[Crew], group_rooms: list[str], *, crews_per_afternoon: int) -> list[Slot]:
    """Everyone's sessions each day, and on each stage's day a morning of stage work per crew
    in its own room and an afternoon in which `crews_per_afternoon` crews share a room."""
    slots = []
    for number, ((key, _name), (talk, _bring, _notes)) in enumerate(
        zip(DEFAULT_STAGES, DAY_DETAILS, strict=True), start=1
    ):
        slots += _shared_slots(number, key, talk)
        if key not in STAGE_WORK:
            continue
        for crew, room in zip(crews, group_rooms, strict=True):
            slots.append(_stage_slot(number, key, _t(9, 30), _t(12), room, [crew]))
        for first in range(0, len(crews), crews_per_afternoon):
            sharing = crews[first : first + crews_per_afternoon]
            room = group_rooms[first]
            slots.append(_stage_slot(number, key, _t(14), _t(15, 45), room, sharing))
    return slots


def _stage_slot(number, key, starts, ends, room, crews) -> Slot:
    names = " & ".join(crew.name for crew in crews)
    return Slot(
        day=number,
        starts_at=starts,
        ends_at=ends,
        title=f"{STAGE_WORK[key]} · {names}",
        title_translations=(("ja", f"{STAGE_WORK_JA[key]} · {names}"),),
        kind=Kind.STAGE_WORK,
        room=room,
        stage=key,
        groups=tuple(crew.name for crew in crews),
        mentors=tuple(crew.mentor for crew in crews),
    )


def _shared_slots(number: int, stage_key: str, talk: str) -> list[Slot]:
    if stage_key == "screening":
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
    led = (Kind.WHOLE_WORKSHOP, Kind.SCREENING)
    return [
        Slot(
            day=number,
            starts_at=starts,
            ends_at=ends,
            title=title,
            title_translations=(("ja", TITLES_JA[title]),),
            kind=kind,
            room=room,
            stage=stage_key if kind == Kind.SCREENING else None,
            for_all_groups=True,
            mentors=(DIRECTOR[0],) if kind in led and title != "Morning circle" else (),
        )
        for starts, ends, title, kind, room in everyone
    ]
