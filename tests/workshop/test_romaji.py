"""A name typed in romaji, however it is spelt, finds its kana reading (romaji.py), and a
child's stored key follows its readings."""

import pytest

from tests.factories import ParticipantFactory
from workshop.models import Participant
from workshop.romaji import romaji_key, romaji_keys


@pytest.mark.parametrize(
    "typed, reading",
    [
        ("hina", "ひな"),
        ("Sato", "さとう"),
        ("Satou", "さとう"),
        ("Satō", "さとう"),
        ("Satoh", "さとう"),
        ("SATO", "サトウ"),
        ("Yuma", "ゆうま"),
        ("Yūma", "ゆうま"),
        ("Shota", "しょうた"),
        ("syouta", "しょうた"),
        ("Ohno", "おおの"),
        ("Ōno", "おおの"),
        ("Tsubasa", "つばさ"),
        ("tubasa", "つばさ"),
        ("Fujita", "ふじた"),
        ("hujita", "ふじた"),
        ("Chika", "ちか"),
        ("tika", "ちか"),
        ("Jun", "じゅん"),
        ("zyun", "じゅん"),
        ("Kenichi", "けんいち"),
        ("Ken'ichi", "けんいち"),
        ("kennichi", "けんいち"),
        ("Shinnosuke", "しんのすけ"),
        ("Shinya", "しんや"),
        ("Namba", "なんば"),
        ("Hattori", "はっとり"),
        ("Matcha", "まっちゃ"),
        ("Mizuki", "みづき"),
        ("ｈｉｎａ", "ひな"),
        ("ヒナ", "ひな"),
        ("ﾋﾅ", "ひな"),
    ],
)
def test_a_name_typed_in_romaji_or_kana_has_the_key_of_its_reading(typed, reading):
    assert romaji_key(typed) == romaji_keys(reading)


@pytest.mark.parametrize(
    "typed, reading",
    [
        ("Sato", "さいとう"),
        ("Kato", "さとう"),
        ("Ito", "いっとう"),
        ("Ren", "れいな"),
        ("Yuki", "ゆか"),
    ],
)
def test_a_different_name_does_not_share_the_key(typed, reading):
    assert romaji_key(typed) not in romaji_keys(reading)


@pytest.mark.parametrize("word", ["高橋", "陽菜ちゃん", "ー", "'", "-", "42", ""])
def test_kanji_marks_and_digits_have_no_key(word):
    assert romaji_key(word) == ""


def test_every_word_of_the_readings_has_its_key_in_order():
    assert romaji_keys("さとう", "ひな") == "sato hina"
    assert romaji_keys("マルタン", "") == "marutan"
    assert romaji_keys("", "") == ""


@pytest.mark.django_db
def test_a_childs_stored_key_follows_its_readings():
    child = ParticipantFactory(family_name_reading="さとう", given_name_reading="ひな")
    assert Participant.objects.get(pk=child.pk).reading_romaji == "sato hina"
    child.given_name_reading = "ゆうま"
    child.save(update_fields=["given_name_reading"])
    assert Participant.objects.get(pk=child.pk).reading_romaji == "sato yuma"
