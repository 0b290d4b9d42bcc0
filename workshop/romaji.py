"""Kana readings in Latin letters, so that staff find 佐藤 陽菜 (さとう ひな) by typing "Sato"
or "hina".

Both sides of a search go through `romaji_key`: a child's readings when the child is saved
(`Participant.reading_romaji`) and each word typed into the search. A key is lower-case
Hepburn with the differences between ways of spelling a name folded away, because people
type a name the way they learnt it: kunrei-shiki or Hepburn (Tubasa, Tsubasa), long vowels
doubled, with a macron, "ou" or "oh", or not marked at all (Satou, Satō, Satoh, Sato), n or nn
or n' before a vowel (Kenichi, Ken'ichi, Kennichi), m or n before b, m and p (Namba, Nanba).
Hiragana and katakana readings give the same key. The keys are stored: a change to these
rules needs a data migration that recomputes them.
"""

import re
import unicodedata

import jaconv

KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc]+")
LATIN = re.compile(r"[a-z]+")

# In this order: each rule may make the spelling that a later one folds.
FOLDS = [
    (re.compile(r"si"), "shi"),
    (re.compile(r"sy"), "sh"),
    (re.compile(r"ti"), "chi"),
    (re.compile(r"ty|cy"), "ch"),
    (re.compile(r"tu"), "tsu"),
    (re.compile(r"(?<![sc])hu"), "fu"),
    (re.compile(r"zi|di"), "ji"),
    (re.compile(r"zy|jy|dy"), "j"),
    (re.compile(r"du"), "zu"),
    (re.compile(r"tch"), "cch"),
    (re.compile(r"m(?=[bmp])"), "n"),
    (re.compile(r"oh(?![aiueoy])"), "o"),
    (re.compile(r"ou"), "o"),
    (re.compile(r"([aiueon])\1+"), r"\1"),
]


def romaji_key(word: str) -> str:
    """The search key of one word in kana or Latin letters; "" for anything else (kanji, a
    mix of scripts), which then matches by its characters alone."""
    word = unicodedata.normalize("NFKC", word)
    if KANA.fullmatch(word):
        latin = jaconv.kana2alphabet(jaconv.kata2hira(word))
    else:
        latin = "".join(
            char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char)
        )
    latin = re.sub(r"[-'’.]", "", latin.lower())
    if not LATIN.fullmatch(latin):
        return ""
    for spelling, folded in FOLDS:
        latin = spelling.sub(folded, latin)
    return latin


def romaji_keys(*readings: str) -> str:
    """The keys of every word of the readings, space-separated: a child's stored key."""
    keys = (romaji_key(word) for reading in readings for word in reading.split())
    return " ".join(key for key in keys if key)
