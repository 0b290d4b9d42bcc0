"""Photos, clips and sound from the set. A group's mentors and the workshop's organizers
upload them and see them all (`access.can_manage_media`); a family sees the photos of its
own child that consent allows (`MediaAsset.objects.visible_to`). Every file is served by
`media_file`, after that lookup: the storage has no public URL."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from groups.models import Group
from projects.forms import MediaUploadForm
from projects.media import MediaRefused
from projects.models import MediaAsset
from projects.selectors import children_without_a_photo_today
from projects.services import delete_media, upload_media
from workshop.access import can_manage_media
from workshop.models import Participant

RENDITIONS = ("thumbnail", "display", "original")
RENDITION_TYPES = {"jpg": "image/jpeg", "png": "image/png"}
# A rendition may stay in the reader's browser a little while, never in a shared cache.
BROWSER_CACHE_SECONDS = 5 * 60


def _managed_group(request, pk) -> Group:
    """Group `pk`, for its mentors and its workshop's organizers; 404 for anyone else."""
    group = get_object_or_404(
        Group.objects.visible_to(request.user).select_related("workshop"), pk=pk
    )
    if not can_manage_media(request.user, group.workshop_id, group.pk):
        raise Http404
    return group


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def group_media(request, pk):
    """The group's media, newest first, with the upload form. The page's script sends one
    request per file (htmx-style, answered with the new asset's card or the reason it was
    refused); without the script the form sends them all at once."""
    group = _managed_group(request, pk)
    posted = request.method == "POST"
    form = MediaUploadForm(
        request.POST if posted else None, request.FILES if posted else None, group=group
    )
    if posted:
        if request.htmx:
            return _upload_one(request, group, form)
        if form.is_valid():
            _upload_all(request, group, form)
            return redirect("group_media", pk)
    return render(request, "projects/group_media.html", _media_context(request, group, form))


def _upload_one(request, group, form):
    if not form.is_valid():
        refusal = " ".join(error for errors in form.errors.values() for error in errors)
        return _refused(request, refusal)
    [file] = form.cleaned_data["files"][:1]
    try:
        asset = upload_media(
            group, file=file, by=request.user, children=form.cleaned_data["children"]
        )
    except MediaRefused as refusal:
        return _refused(request, str(refusal))
    asset = _assets(MediaAsset.objects.filter(pk=asset.pk)).get()
    return render(
        request,
        "projects/group_media.html#asset",
        {"asset": asset, "can_manage": True},
        status=201,
    )


def _refused(request, reason: str):
    return render(request, "projects/group_media.html#refusal", {"reason": reason}, status=422)


def _upload_all(request, group, form) -> None:
    uploaded = 0
    for file in form.cleaned_data["files"]:
        try:
            upload_media(group, file=file, by=request.user, children=form.cleaned_data["children"])
        except MediaRefused as refusal:
            messages.error(request, f"{file.name}: {refusal}")
        else:
            uploaded += 1
    if uploaded:
        messages.success(
            request,
            ngettext(
                "%(count)d file is uploaded; it is being processed.",
                "%(count)d files are uploaded; they are being processed.",
                uploaded,
            )
            % {"count": uploaded},
        )


def _assets(queryset):
    return queryset.select_related("group").prefetch_related("children")


def _media_context(request, group, form) -> dict:
    children = list(form.fields["children"].queryset)
    return {
        "group": group,
        "form": form,
        "children": children,
        "checked": {str(value) for value in form["children"].value() or []},
        "assets": _assets(MediaAsset.objects.filter(group=group)),
        "without_photo": children_without_a_photo_today(group, children),
        "can_manage": True,
        "accept": "image/*,video/*,audio/*",
    }


@require_safe
@login_required
def media_asset(request, pk):
    """One asset's card (a fragment), which the page asks for every two seconds until the
    asset is ready or failed."""
    asset = get_object_or_404(_assets(MediaAsset.objects.visible_to(request.user)), pk=pk)
    can_manage = can_manage_media(request.user, asset.group.workshop_id, asset.group_id)
    return render(
        request, "projects/group_media.html#asset", {"asset": asset, "can_manage": can_manage}
    )


@require_POST
@login_required
def media_delete(request, pk):
    """Delete an asset and its files: for those who upload (403 to a family who sees it)."""
    asset = get_object_or_404(
        MediaAsset.objects.visible_to(request.user).select_related("group"), pk=pk
    )
    if not can_manage_media(request.user, asset.group.workshop_id, asset.group_id):
        raise PermissionDenied
    delete_media(asset)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("The file is deleted."))
    return redirect("group_media", asset.group_id)


@require_safe
@login_required
def media_file(request, pk, rendition):
    """A file of an asset, with its true content type, for those who may see the asset:
    the renditions to them all, the original to staff only (404 to families)."""
    if rendition not in RENDITIONS:
        raise Http404
    asset = get_object_or_404(
        MediaAsset.objects.visible_to(request.user).select_related("group"), pk=pk
    )
    if rendition == "original" and not can_manage_media(
        request.user, asset.group.workshop_id, asset.group_id
    ):
        raise Http404
    file = getattr(asset, rendition)
    if not file:
        raise Http404
    if rendition == "original":
        response = FileResponse(
            file.open("rb"),
            content_type=asset.content_type,
            as_attachment=True,
            filename=file.name.rsplit("/", 1)[-1],
        )
    else:
        # A rendition is a few hundred kilobytes: read whole, and the file closed at once.
        with file.open("rb") as rendition_file:
            response = HttpResponse(
                rendition_file.read(), content_type=RENDITION_TYPES[file.name.rsplit(".", 1)[-1]]
            )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=BROWSER_CACHE_SECONDS)
    return response


@require_safe
@login_required
def child_media(request, pk):
    """A child's photos, for whoever may see the child: their family sees those that every
    tagged child's consent allows; staff see their groups'."""
    child = get_object_or_404(
        Participant.objects.visible_to(request.user).select_related("workshop"), pk=pk
    )
    photos = _assets(
        MediaAsset.objects.visible_to(request.user).filter(
            children=child, kind=MediaAsset.Kind.PHOTO, state=MediaAsset.State.READY
        )
    ).exclude(display="")
    return render(request, "projects/child_media.html", {"child": child, "photos": photos})
