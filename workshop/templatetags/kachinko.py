"""Small pieces of markup used inside loops: a tag costs far less than an `{% include %}`."""

from html import escape

from django import template
from django.template.defaultfilters import date as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from workshop.family_text import translated as translated_text

register = template.Library()


@register.filter
def translated(obj, field):
    """A family-facing text (`what_to_bring`, `family_notes`, a session's `title`) in the
    reader's language, else as its workshop wrote it: `{{ day|translated:"what_to_bring" }}`."""
    if obj is None or obj == "":
        return ""
    return translated_text(obj, field)


@register.simple_tag
def swatch(group, size=12):
    """A group's or stage's colour as a small dot; decorative, since its name always follows."""
    return format_html(
        '<svg class="group-swatch" width="{0}" height="{0}" viewBox="0 0 12 12" '
        'aria-hidden="true" focusable="false"><circle cx="6" cy="6" r="6" fill="{1}"/></svg>',
        size,
        group.colour,
    )


@register.simple_tag
def workshop_date(date):
    """A workshop date with its weekday, in the order the active language writes it."""
    # Translators: a date format for Django's date filter: weekday and day of the month, as in
    # "Wednesday, November 25".
    return format_html('<span class="text-nowrap">{}</span>', format_date(date, gettext("l, F j")))


@register.simple_tag
def session_label(session):
    """A session in words for a screen reader: what, which day, when, where."""
    label = gettext("%(title)s, day %(day)s, %(starts)s–%(ends)s") % {
        "title": translated_text(session, "title"),
        "day": session.day.number,
        "starts": f"{session.starts_at:%H:%M}",
        "ends": f"{session.ends_at:%H:%M}",
    }
    if session.room is not None:
        label = f"{label}, {session.room.name}"
    return label


@register.simple_tag
def session_groups(session):
    """Who takes part: everyone, or each group with its colour."""
    if session.for_all_groups:
        return gettext("Everyone")
    return format_html_join(
        " ", "{}{}", ((swatch(group, 9), group.name) for group in session.groups.all())
    )


@register.simple_tag
def planner_block(block, *, query: str, may_edit: bool, room_column: bool):
    """One session on the planner's grid. Written here with f-strings rather than in the
    template or with `format_html`: a week holds hundreds and a move answers a whole day of
    them, so each must cost microseconds. Every text from the database goes through
    `escape` (the standard library's, which Django's own wraps)."""
    session = block.session
    classes = (
        f"planner-block kind-{session.kind} pr-{block.row} ps-{block.rows} "
        f"pc-{block.column_start} pw-{block.column_span} {block.shape} {block.colour}"
        + (" is-flagged" if block.warnings else "")
    )
    stage = f' data-stage="{escape(session.stage.key)}"' if session.stage is not None else ""
    editing = grip = resize = ""
    if may_edit:
        room = "" if session.room_id is None else session.room_id
        editing = (
            f' tabindex="0" data-move="{block.move_url}?{escape(query)}"'
            f' data-session="{session.pk}" data-start="{block.starts}" data-end="{block.ends}"'
            f' data-day="{session.day_id}" data-room="{room}"'
        )
        grip, resize = GRIP, RESIZE
    flag = ""
    if block.warnings:
        warnings = escape(" ".join(block.warnings))
        flag = (
            f'<i class="bi bi-exclamation-triangle-fill planner-flag" title="{warnings}" '
            f'aria-hidden="true"></i><span class="visually-hidden">{warnings}</span>'
        )
    if may_edit:
        title = (
            f'<a class="planner-title" href="{block.edit_url}" hx-get="{block.edit_url}" '
            f'hx-target="#session-dialog-body">{escape(session.title)}</a>'
        )
    else:
        title = f'<span class="planner-title">{escape(session.title)}</span>'
    if session.for_all_groups:
        who = escape(gettext("Everyone"))
    else:
        who = " ".join(
            f'<svg class="group-swatch" width="9" height="9" viewBox="0 0 12 12" '
            f'aria-hidden="true" focusable="false"><circle cx="6" cy="6" r="6" '
            f'fill="{escape(group.colour)}"/></svg>{escape(group.name)}'
            for group in session.group_list
        )
    place = (
        f" · {escape(session.room.name)}" if session.room is not None and not room_column else ""
    )
    # Safe: every piece above is escaped or markup of our own.
    return mark_safe(
        f'<article id="block-{session.pk}" class="{classes}"{stage}{editing} '
        f'aria-label="{escape(session_label(session))}">{grip}'
        f'<span class="time">{block.times}</span>{flag}{title}'
        f'<span class="planner-meta">{who}{place}</span>{resize}</article>'
    )


GRIP = '<span class="planner-grip" aria-hidden="true"><i class="bi bi-grip-horizontal"></i></span>'
RESIZE = '<span class="planner-resize" aria-hidden="true"></span>'


def _builder_labels(context) -> dict[str, str]:
    """The builder's words, escaped, translated once per render rather than once per child."""
    labels = context.render_context.get("builder_labels")
    if labels is None:
        labels = {
            "pinned": gettext("Pinned here"),
            "move": gettext("Move"),
            "group": gettext("Group"),
            "no_group": gettext("No group"),
            "pin": gettext("Pin here"),
            "apart": gettext("Put in different groups from their siblings"),
            "together": gettext("Keep together with their siblings"),
            "csrf": str(context["csrf_token"]),
        }
        labels = {key: escape(value) for key, value in labels.items()}
        context.render_context["builder_labels"] = labels
    return labels


@register.simple_tag(takes_context=True)
def builder_child(context, entry, *, column, columns, place_url: str, siblings_url: str):
    """One child on the group builder, with the form that moves them (the keyboard's and the
    phone's way to do what dragging does). Written with f-strings for the same reason as
    `planner_block`: a workshop's whole roster is on the page, each with a form."""
    words = _builder_labels(context)
    pk = entry.child.pk
    name = escape(entry.child.full_name)
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{words["csrf"]}">'
    pin = ""
    if entry.pinned:
        pin = (
            f'<i class="bi bi-pin-angle-fill text-primary" title="{words["pinned"]}"></i>'
            f'<span class="visually-hidden">{words["pinned"]}</span>'
        )
    siblings = sibling_form = ""
    if entry.siblings:
        sibling_of = gettext("sibling of %(names)s") % {"names": ", ".join(entry.siblings)}
        siblings = (
            '<span class="badge text-bg-light border builder-siblings">'
            f'<i class="bi bi-people-fill" aria-hidden="true"></i> {escape(sibling_of)}</span>'
        )
        if entry.keep_with_siblings:
            keep, label = "", words["apart"]
        else:
            keep, label = '<input type="hidden" name="keep" value="on">', words["together"]
        sibling_form = (
            f'<form class="mt-1" method="post" action="{siblings_url}" hx-post="{siblings_url}" '
            f'hx-target="#board" hx-swap="outerHTML">{csrf}'
            f'<input type="hidden" name="child" value="{pk}">{keep}'
            f'<button class="btn btn-sm btn-link px-0" type="submit">{label}</button></form>'
        )
    current = column.group.pk if column.group is not None else None
    # The same options for every child of a column: written once per column and render.
    options_of = context.render_context.setdefault("builder_options", {})
    if current not in options_of:
        options_of[current] = "".join(
            f'<option value="{other.group.pk}"{" selected" if other.group.pk == current else ""}>'
            f"{escape(other.group.name)}</option>"
            for other in columns
            if other.group is not None
        )
    age = escape(gettext("%(age)s y") % {"age": entry.age})
    # Safe: every piece above is escaped or markup of our own.
    return mark_safe(
        f'<li class="builder-child" draggable="true" data-child="{pk}" id="child-{pk}">'
        '<div class="d-flex flex-wrap align-items-baseline column-gap-1">'
        f'<span class="fw-semibold text-nowrap">{name}</span> '
        f'<span class="small text-body-secondary">{age}</span>{pin}{siblings}</div>'
        f'<details class="small"><summary>{words["move"]}'
        f'<span class="visually-hidden"> {name}</span></summary>'
        f'<form class="d-flex flex-wrap gap-1 align-items-center mt-1" method="post" '
        f'action="{place_url}" hx-post="{place_url}" hx-target="#board" hx-swap="outerHTML">'
        f'{csrf}<input type="hidden" name="child" value="{pk}">'
        f'<label class="visually-hidden" for="move-{pk}">{words["group"]}</label>'
        f'<select class="form-select form-select-sm w-auto" name="group" id="move-{pk}">'
        f'<option value="">{words["no_group"]}</option>{options_of[current]}</select>'
        '<div class="form-check mb-0">'
        f'<input class="form-check-input" type="checkbox" name="pinned" id="pin-{pk}" checked> '
        f'<label class="form-check-label" for="pin-{pk}">{words["pin"]}</label></div>'
        f'<button class="btn btn-sm btn-outline-primary" type="submit">{words["move"]}</button>'
        f"</form>{sibling_form}</details></li>"
    )
