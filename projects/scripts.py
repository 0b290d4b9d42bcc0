"""The difference between two versions of a script, line by line (pure functions)."""

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    """One line of a comparison: kept, added or removed, with its line numbers. The text is
    plain: templates escape it."""

    kind: str  # "equal", "added" or "removed"
    old_number: int | None
    new_number: int | None
    text: str

    @property
    def sign(self) -> str:
        return {"added": "+", "removed": "−"}.get(self.kind, " ")


def compare_scripts(old: str, new: str) -> list[DiffLine]:
    """Every line of both versions in reading order, each marked kept, added or removed."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    lines = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [
                DiffLine("equal", i + 1, j + 1, old_lines[i])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
            continue
        lines += [DiffLine("removed", i + 1, None, old_lines[i]) for i in range(i1, i2)]
        lines += [DiffLine("added", None, j + 1, new_lines[j]) for j in range(j1, j2)]
    return lines
