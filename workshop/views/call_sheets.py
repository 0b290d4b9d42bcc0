"""A day's call sheet, to print from the browser or to download as a PDF: one template."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from workshop import call_sheets
from workshop.access import can_organize
from workshop.models import WorkshopDay
from workshop.page_cache import cached_for
from workshop.selectors import cached_with_health_reads

TEMPLATE = "workshop/call_sheet.html"


@require_safe
@login_required
def call_sheet(request, slug, number):
    """The staff's sheet for the workshop's staff, the family's for its families (a guardian
    on the staff asks for theirs with ?version=family); anyone else gets 404."""
    day, version, versions, content = _sheet(request, slug, number)
    return render(
        request,
        TEMPLATE,
        {
            "frame": "base.html",
            "workshop": day.workshop,
            "day": day,
            "version": version,
            "other_versions": [other for other in versions if other != version],
            "content": content,
            "may_send": can_organize(request.user, day.workshop_id),
        },
    )


@require_safe
@login_required
def call_sheet_pdf(request, slug, number):
    """The same sheet as a PDF, rendered from the same template by WeasyPrint."""
    day, version, _, content = _sheet(request, slug, number)
    html = render_to_string(
        TEMPLATE,
        {
            "frame": "workshop/print.html",
            "for_print": True,
            "workshop": day.workshop,
            "day": day,
            "content": content,
        },
        request,
    )
    # Imported here: WeasyPrint needs Pango, which a machine may lack (`make fonts` says);
    # every other page keeps working without it.
    from workshop.pdf import html_to_pdf

    response = HttpResponse(
        html_to_pdf(html, base_url=request.build_absolute_uri("/")),
        content_type="application/pdf",
    )
    filename = f"call-sheet-{day.workshop.slug}-day-{day.number}-{version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


def _sheet(request, slug, number):
    """The day, the version read, the versions the reader may read and the sheet rendered:
    each once per reader and data version (and the sheet per version and language); served
    again from the cache, the health reads the sheet shows are written to the audit again.
    A day the reader may not read any sheet of is 404."""
    day, versions = cached_for(
        request.user,
        f"call-sheet-day:{slug}:{number}",
        lambda: _day_and_versions(request.user, slug, number),
    )
    if not versions:
        raise Http404("No call sheet of this day is yours to read.")
    asked = request.GET.get("version")
    version = asked if asked in versions else versions[0]

    def render_sheet():
        sheet = call_sheets.call_sheet(day, request.user, version=version)
        context = {"workshop": day.workshop, "sheet": sheet}
        return render_to_string(f"{TEMPLATE}#sheet", context, request), sheet.reads

    content = cached_with_health_reads(
        request.user,
        f"call-sheet:{day.pk}:{version}:{get_language()}",
        render_sheet,
        page=call_sheets.PAGE,
    )
    return day, version, versions, content


def _day_and_versions(user, slug, number) -> tuple[WorkshopDay | None, list[str]]:
    day = (
        WorkshopDay.objects.visible_to(user)
        .select_related("workshop", "focus_stage", "meeting_point")
        .filter(workshop__slug=slug, number=number)
        .first()
    )
    return day, call_sheets.versions_for(user, day) if day else []
