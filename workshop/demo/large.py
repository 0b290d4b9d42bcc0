"""The large size, for `make bench`: the demo week grown to twenty crews of six (~120
children, ~200 sessions), and five earlier editions of the workshop behind it.

The demo week's crews, children and logins are all in it, so the demo logins read the same
pages, only fuller. Generated names are drawn from short lists, in a fixed order.
"""

import datetime

from workshop.demo.sync import Child, Crew, Edition, Person
from workshop.demo.week import (
    DEMO_DOMAIN,
    DEMO_SLUG,
    DEMO_TITLE,
    DIRECTOR,
    GROUP_ROOMS,
    GROUPS,
    MENTORS,
    ORGANIZER,
    PARENT,
    PARENT2,
    ROOMS,
    Consent,
    emergency_phone,
    family_person,
    make_crews,
    make_edition,
    mentor_people,
    week_children,
)

CREWS = 20
PAST_EDITIONS = 5
CHILDREN_PER_CREW = 6
CREWS_SHARING_AN_AFTERNOON = 3

# family name, its reading, in Latin letters
FAMILIES = [
    ("青木", "あおき", "Aoki"), ("石田", "いしだ", "Ishida"), ("上田", "うえだ", "Ueda"),
    ("遠藤", "えんどう", "Endo"), ("岡田", "おかだ", "Okada"), ("金子", "かねこ", "Kaneko"),
    ("近藤", "こんどう", "Kondo"), ("坂本", "さかもと", "Sakamoto"), ("杉山", "すぎやま", "Sugiyama"),
    ("高木", "たかぎ", "Takagi"), ("中島", "なかじま", "Nakajima"), ("西村", "にしむら", "Nishimura"),
    ("野口", "のぐち", "Noguchi"), ("原田", "はらだ", "Harada"), ("藤田", "ふじた", "Fujita"),
    ("松田", "まつだ", "Matsuda"), ("宮本", "みやもと", "Miyamoto"), ("村上", "むらかみ", "Murakami"),
    ("安田", "やすだ", "Yasuda"), ("和田", "わだ", "Wada"),
]  # fmt: skip
GIVEN_NAMES = [
    ("葵", "あおい"), ("樹", "いつき"), ("海斗", "かいと"), ("楓", "かえで"), ("健太", "けんた"),
    ("琴音", "ことね"), ("颯太", "そうた"), ("千尋", "ちひろ"), ("翼", "つばさ"), ("七海", "ななみ"),
    ("陽向", "ひなた"), ("真央", "まお"), ("実", "みのる"), ("結菜", "ゆいな"), ("莉子", "りこ"),
    ("蓮", "れん"), ("悠人", "ゆうと"), ("愛莉", "あいり"), ("大和", "やまと"), ("詩", "うた"),
]  # fmt: skip
CREW_NAMES = [
    "Comet", "Harbour", "Lighthouse", "Origami", "Bamboo", "Sparrow", "Thunder", "Maple",
    "Whale", "Cricket", "Ferris Wheel", "Snow Globe", "Pinwheel", "Daruma", "Teacup",
]  # fmt: skip
COLOURS = ["#c92a2a", "#5f3dc4", "#1864ab", "#087f5b", "#5c940d", "#a61e4d", "#364fc7"]
MENTOR_FIRST_NAMES = ["Riku", "Hana", "Yuto", "Mio", "Kaito", "Rina", "Sota", "Yuna", "Taiga"]
MENTOR_LAST_NAMES = ["Ogawa", "Fujii", "Goto", "Hasegawa", "Sasaki", "Mori", "Abe", "Kudo"]
SPECIALTIES = ["camera", "script", "acting", "editing", "sound"]
CONSENTS = [Consent.FAMILIES, Consent.FAMILIES, Consent.PUBLIC, Consent.WORKSHOP, Consent.NONE]


def plan_large(start_date: datetime.date) -> tuple[list[Person], list[Edition]]:
    """The large week first (its slug is the demo's), then the earlier editions."""
    mentors = [*MENTORS, *extra_mentors(CREWS - len(MENTORS))]
    crews = make_crews(
        [*GROUPS, *extra_groups(CREWS - len(GROUPS))], [email for email, *_ in mentors]
    )
    studios = [f"Studio {n}" for n in range(4, 4 + CREWS - len(GROUP_ROOMS))]
    rooms = [*ROOMS, *((studio, 10, "Annex, ground floor") for studio in studios)]
    group_rooms = [*GROUP_ROOMS, *studios]
    children, families = week_children([crew.name for crew in crews[: len(GROUPS)]])
    more_children, more_families = generated_children(
        crews[len(GROUPS) :], start=0, birth_year=start_date.year - 11
    )
    people = [
        ORGANIZER,
        *mentor_people([DIRECTOR, *mentors]),
        PARENT,
        PARENT2,
        *families,
        *more_families,
    ]
    editions = [
        make_edition(
            slug=DEMO_SLUG,
            title=DEMO_TITLE,
            start_date=start_date,
            mentors=mentors,
            crews=crews,
            children=[*children, *more_children],
            rooms=rooms,
            group_rooms=group_rooms,
            crews_per_afternoon=CREWS_SHARING_AN_AFTERNOON,
        )
    ]
    for years_ago in range(1, PAST_EDITIONS + 1):
        past_crews = crews[: len(GROUPS)]
        past_children, past_families = generated_children(
            past_crews,
            start=len(more_children) + (years_ago - 1) * len(GROUPS) * CHILDREN_PER_CREW,
            birth_year=start_date.year - 11 - years_ago,
        )
        people += past_families
        editions.append(
            make_edition(
                slug=f"{DEMO_SLUG}-{start_date.year - years_ago}",
                title=f"{DEMO_TITLE} {start_date.year - years_ago}",
                start_date=start_date - datetime.timedelta(weeks=52 * years_ago),
                mentors=MENTORS,
                crews=past_crews,
                children=past_children,
                rooms=ROOMS,
                group_rooms=GROUP_ROOMS,
            )
        )
    return people, editions


def extra_mentors(count: int) -> list[tuple[str, str, str, str]]:
    mentors = []
    for n in range(count):
        first = MENTOR_FIRST_NAMES[n % len(MENTOR_FIRST_NAMES)]
        last = MENTOR_LAST_NAMES[n % len(MENTOR_LAST_NAMES)]
        email = f"{first.lower()}.{last.lower()}.{n}@{DEMO_DOMAIN}"
        mentors.append((email, first, last, SPECIALTIES[n % len(SPECIALTIES)]))
    return mentors


def extra_groups(count: int) -> list[tuple[str, str, str, str]]:
    return [
        (name, COLOURS[n % len(COLOURS)], f"The {name} Film", f"A story about a {name.lower()}.")
        for n, name in enumerate(CREW_NAMES[:count])
    ]


def generated_children(
    crews: list[Crew], *, start: int, birth_year: int
) -> tuple[list[Child], list[Person]]:
    """Six children per crew, each with a family account of its own; `start` numbers them
    after the ones already made, so that no two share a name, birthday or e-mail."""
    children, families = [], []
    for offset in range(len(crews) * CHILDREN_PER_CREW):
        number = start + offset
        family, family_kana, latin = FAMILIES[number % len(FAMILIES)]
        given, given_kana = GIVEN_NAMES[(number // len(FAMILIES) + number) % len(GIVEN_NAMES)]
        email = f"{latin.lower()}.{number}@{DEMO_DOMAIN}"
        families.append(family_person(number, email, latin))
        children.append(
            Child(
                family_name=family,
                given_name=given,
                family_name_reading=family_kana,
                given_name_reading=given_kana,
                birth_date=datetime.date(birth_year, 4, 2) + datetime.timedelta(days=number % 360),
                group=crews[offset // CHILDREN_PER_CREW].name,
                media_consent=CONSENTS[number % len(CONSENTS)],
                allergies="Egg" if number % 9 == 0 else "",
                medical_notes="Inhaler in the bag." if number % 13 == 0 else "",
                emergency_contact_name=f"{latin} family",
                emergency_contact_phone=emergency_phone(100 + number),
                guardian=email,
                relationship="mother" if number % 2 else "father",
            )
        )
    return children, families
