"""Small pieces of markup used inside loops: a tag costs far less than an `{% include %}`."""

from django import template
from django.template.defaultfilters import date as format_date
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

register = template.Library()


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
        "title": session.title,
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
