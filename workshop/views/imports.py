"""Organizers bring in the children and their guardians from a spreadsheet, checked whole
before anything is written; the staff take out what they may see in the same columns."""

import csv
import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from workshop.imports import COLUMNS, MAX_BYTES, check, decode, export_children, import_children
from workshop.models import Workshop
from workshop.views.sessions import _organized_workshop

# The checked file travels to the confirmation signed, so nothing else can be imported.
SALT = "kachinko.children-import"


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("A CSV file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        text = decode(upload.read())
        if text is None:
            raise forms.ValidationError(
                _("The file is not text in UTF-8 or Shift_JIS: save it as CSV again.")
            )
        return text


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def children_import(request, slug):
    """Upload, see every row's problems or a preview, then confirm a clean file."""
    workshop = _organized_workshop(request, slug)
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, workshop)
    form = UploadForm(request.POST or None, request.FILES or None)
    checked = None
    if request.method == "POST" and form.is_valid():
        checked = check(workshop, form.cleaned_data["file"])
    return render(
        request,
        "workshop/children_import.html",
        {
            "workshop": workshop,
            "form": form,
            "checked": checked,
            "columns": COLUMNS,
            "signed": signing.dumps(form.cleaned_data["file"], salt=SALT, compress=True)
            if checked is not None and checked.ready
            else "",
        },
    )


def _confirm(request, workshop):
    try:
        text = signing.loads(request.POST["confirm"], salt=SALT, max_age=60 * 60)
    except signing.BadSignature:
        messages.error(request, _("That import has expired: choose the file again."))
        return redirect("children_import", workshop.slug)
    checked = check(workshop, text)
    if not checked.ready:
        # Someone added one of these children meanwhile: show the file's problems again.
        return render(
            request,
            "workshop/children_import.html",
            {"workshop": workshop, "form": UploadForm(), "checked": checked, "columns": COLUMNS},
        )
    count = import_children(workshop, checked, by=request.user)
    messages.success(
        request,
        ngettext("%(count)s child imported.", "%(count)s children imported.", count)
        % {"count": count},
    )
    return redirect("children", workshop.slug)


@require_safe
@login_required
def children_example(request, slug):
    """An example file with the columns, to fill in a spreadsheet."""
    workshop = _organized_workshop(request, slug)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow(
        [
            "佐藤", "陽菜", "さとう", "ひな", "2015-04-12", "", "families", "Peanuts", "",
            "Sato Kenji", "090-0000-0000", "sato.family@example.com", "佐藤", "美咲",
            "080-0000-0000", "mother",
        ]
    )  # fmt: skip
    return _csv_response(out.getvalue(), f"{slugify(workshop.slug)}-children-example.csv")


@require_safe
@login_required
def children_export(request, slug):
    """The children the reader may see, with what they may read of them (health reads are
    written to the audit), in the import's columns."""
    workshop = get_object_or_404(Workshop.objects.staffed_by(request.user), slug=slug)
    return _csv_response(
        export_children(workshop, request.user), f"{slugify(workshop.slug)}-children.csv"
    )


def _csv_response(text: str, filename: str) -> HttpResponse:
    # With a byte-order mark, spreadsheets open Japanese text as UTF-8.
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
