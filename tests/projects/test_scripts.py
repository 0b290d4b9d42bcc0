"""The difference between two script versions (projects/scripts.py)."""

from projects.scripts import DiffLine, compare_scripts


def test_kept_removed_and_added_lines_in_reading_order():
    old = "SCENE 1.\nYUI: Hello.\nKAITO: Hi."
    new = "SCENE 1.\nYUI: Good morning.\nKAITO: Hi.\nSCENE 2."
    assert compare_scripts(old, new) == [
        DiffLine("equal", 1, 1, "SCENE 1."),
        DiffLine("removed", 2, None, "YUI: Hello."),
        DiffLine("added", None, 2, "YUI: Good morning."),
        DiffLine("equal", 3, 3, "KAITO: Hi."),
        DiffLine("added", None, 4, "SCENE 2."),
    ]


def test_identical_versions_have_only_kept_lines():
    assert [line.kind for line in compare_scripts("A\nB", "A\nB")] == ["equal", "equal"]


def test_markup_stays_plain_text_for_the_template_to_escape():
    assert compare_scripts("", "<script>alert(1)</script>") == [
        DiffLine("added", None, 1, "<script>alert(1)</script>")
    ]


def test_signs_say_what_happened_without_colour():
    assert [DiffLine(kind, None, None, "").sign for kind in ("added", "removed", "equal")] == [
        "+", "−", " ",
    ]  # fmt: skip
