"""A group's film, from the set: its title and story, script versions, storyboard and shot
list. The workshop's staff read every film (one crew); the group's mentors and the
workshop's organizers write (`access.can_write_film`); the rest of the staff get 403 on a
write, anyone else 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects.forms import (
    CompareForm,
    CrewDayForm,
    CrewRoleForm,
    FilmForm,
    FrameForm,
    FrameImageForm,
    ScriptForm,
    ShotForm,
)
from projects.media import MediaRefused
from projects.media_views import BROWSER_CACHE_SECONDS
from projects.models import CrewRole, Film, Shot
from projects.scripts import compare_scripts
from projects.selectors import crew_board, end_credits
from projects.services import (
    add_frame,
    apply_crew_suggestion,
    delete_frame,
    move_frame,
    reorder_frames,
    save_script,
    set_crew_role,
    set_frame_image,
    set_shot_status,
)
from workshop.access import can_write_film, is_staff_of
from workshop.page_cache import csrf_key, page_context
from workshop.views.htmx import render_page

READ_METHODS = ["GET", "HEAD"]


def film_for(request, pk, *, write: bool) -> Film:
    """The film of group `pk`, for the workshop's staff: 404 for anyone else, and 403 on a
    write for staff who may only read it."""
    film = get_object_or_404(
        Film.objects.read_by_staff(request.user).select_related("group__workshop"), group_id=pk
    )
    film.can_write = can_write_film(request.user, film.group.workshop_id, pk)
    if write and not film.can_write:
        raise PermissionDenied
    return film


def _film_for_method(request, pk) -> Film:
    return film_for(request, pk, write=request.method not in READ_METHODS)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def film_edit(request, pk):
    """The film's title, logline and synopsis; those who only read them do so on the group
    page."""
    film = film_for(request, pk, write=True)
    form = FilmForm(request.POST if request.method == "POST" else None, instance=film)
    if form.is_valid():
        form.save()
        messages.success(request, _("The film is saved."))
        return redirect("group", pk)
    return render_page(
        request, "projects/film_edit.html", {"film": film, "form": form}, partial="form"
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def film_script(request, pk):
    """The latest script with its form; each save keeps a version. `?old=&new=` compares two
    versions."""
    film = _film_for_method(request, pk)
    versions = list(film.script_versions.select_related("author").order_by("-number"))
    form = ScriptForm(
        request.POST if request.method == "POST" else None,
        initial={"text": versions[0].text if versions else ""},
    )
    if form.is_valid():
        version, created = save_script(film, text=form.cleaned_data["text"], by=request.user)
        if created:
            messages.success(
                request, _("Saved as version %(number)s.") % {"number": version.number}
            )
        else:
            messages.info(
                request,
                _("Nothing changed since version %(number)s.") % {"number": version.number},
            )
        return redirect("film_script", pk)
    by_number = {version.number: version for version in versions}
    compare = CompareForm(request.GET if "old" in request.GET else None)
    diff = None
    if compare.is_bound and compare.is_valid():
        old, new = compare.cleaned_data["old"], compare.cleaned_data["new"]
        if old in by_number and new in by_number:
            diff = {
                "old": by_number[old],
                "new": by_number[new],
                "lines": compare_scripts(by_number[old].text, by_number[new].text),
            }
        else:
            compare.add_error(None, _("Choose two versions of this script."))
    elif not compare.is_bound and len(versions) >= 2:
        diff = {
            "old": versions[1],
            "new": versions[0],
            "lines": compare_scripts(versions[1].text, versions[0].text),
        }
    return render_page(
        request,
        "projects/film_script.html",
        {"film": film, "form": form, "versions": versions, "compare": compare, "diff": diff},
        partial="diff",
    )


def _storyboard_context(film, form=None, error="", message=""):
    return {
        "film": film,
        "frames": list(film.frames.order_by("position", "pk")),
        "form": form or FrameForm(),
        "error": error,
        "message": message,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def film_storyboard(request, pk):
    """The frames in order; a POST adds one at the end."""
    film = _film_for_method(request, pk)
    posted = request.method == "POST"
    form = FrameForm(request.POST if posted else None, request.FILES if posted else None)
    if form.is_valid():
        try:
            add_frame(film, caption=form.cleaned_data["caption"], image=form.cleaned_data["image"])
        except MediaRefused as refusal:
            form.add_error("image", str(refusal))
        else:
            if not request.htmx:
                return redirect("film_storyboard", pk)
            form = None
    return render_page(
        request, "projects/film_storyboard.html", _storyboard_context(film, form), partial="frames"
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def film_frame_image(request, pk, frame_pk):
    """A frame's picture, to those who read the film (404 to anyone else); a POST gives the
    frame a new one, from the phone's camera or files (403 to those who only read)."""
    film = _film_for_method(request, pk)
    frame = get_object_or_404(film.frames, pk=frame_pk)
    if request.method != "POST":
        if not frame.image:
            raise Http404
        with frame.image.open("rb") as picture:
            response = HttpResponse(picture.read(), content_type="image/jpeg")
        response["X-Content-Type-Options"] = "nosniff"
        patch_cache_control(response, private=True, max_age=BROWSER_CACHE_SECONDS)
        return response
    form = FrameImageForm(request.POST, request.FILES)
    error = message = ""
    if form.is_valid():
        try:
            set_frame_image(frame, image=form.cleaned_data["image"])
        except MediaRefused as refusal:
            error = str(refusal)
        else:
            message = _("The frame “%(caption)s” has its picture.") % {"caption": frame.caption}
    else:
        error = " ".join(form.errors["image"])
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, message)
        return redirect("film_storyboard", pk)
    return render_page(
        request,
        "projects/film_storyboard.html",
        _storyboard_context(film, error=error, message=message),
        partial="frames",
    )


@require_POST
@login_required
def film_storyboard_order(request, pk):
    """Reorder the frames: the whole order as `frame` ids (drag and drop), or one `frame`
    moved one place with `direction` up or down (the buttons and the keyboard)."""
    film = film_for(request, pk, write=True)
    error = ""
    direction = request.POST.get("direction")
    ids = request.POST.getlist("frame")
    try:
        ids = [int(value) for value in ids]
    except ValueError:
        ids = []
    if direction in ("up", "down") and len(ids) == 1:
        frame = film.frames.filter(pk=ids[0]).first()
        if frame is None:
            error = _("That frame is no longer in this storyboard.")
        else:
            move_frame(frame, up=direction == "up")
    else:
        try:
            reorder_frames(film, order=ids)
        except ValueError:
            error = _("The storyboard changed meanwhile: here is its order now.")
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("film_storyboard", pk)
    return render_page(
        request,
        "projects/film_storyboard.html",
        _storyboard_context(film, error=error),
        partial="frames",
    )


def _confirm_delete(request, film, *, question: str, back: str, target: str):
    """Ask before deleting: in place of the Delete link (htmx), or as a page of its own."""
    return render_page(
        request,
        "projects/film_delete.html",
        {"film": film, "question": question, "back_url": back, "target": target},
        partial="confirm",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def film_frame_delete(request, pk, frame_pk):
    """Asks first, then takes the frame out of the storyboard."""
    film = film_for(request, pk, write=True)
    frame = get_object_or_404(film.frames, pk=frame_pk)
    caption = frame.caption
    if request.method != "POST":
        return _confirm_delete(
            request,
            film,
            question=_("Delete the frame “%(caption)s”?") % {"caption": caption},
            back=reverse("film_storyboard", args=[pk]),
            target="#storyboard",
        )
    delete_frame(frame)
    message = _("The frame “%(caption)s” is deleted.") % {"caption": caption}
    if not request.htmx:
        messages.success(request, message)
        return redirect("film_storyboard", pk)
    return render_page(
        request,
        "projects/film_storyboard.html",
        _storyboard_context(film, message=message),
        partial="frames",
    )


def _shots_context(film, form=None):
    return {
        "film": film,
        "shots": list(film.shots.order_by("scene", "number")),
        "form": form or ShotForm(film=film, initial=_next_shot(film)),
        "statuses": Shot.Status.choices,
    }


def _next_shot(film) -> dict:
    last = film.shots.order_by("scene", "number").last()
    return {"scene": last.scene, "number": last.number + 1} if last else {"scene": 1, "number": 1}


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def film_shots(request, pk):
    """The shot list; a POST adds a shot."""
    film = _film_for_method(request, pk)
    form = ShotForm(request.POST, film=film) if request.method == "POST" else None
    if form is not None and form.is_valid():
        form.instance.film = film
        form.save()
        if not request.htmx:
            return redirect("film_shots", pk)
        form = None
    return render_page(
        request, "projects/film_shots.html", _shots_context(film, form), partial="shots"
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def film_shot(request, pk, shot_pk):
    """One shot's form."""
    film = _film_for_method(request, pk)
    shot = get_object_or_404(film.shots, pk=shot_pk)
    form = ShotForm(request.POST if request.method == "POST" else None, instance=shot, film=film)
    if form.is_valid():
        form.save()
        messages.success(
            request,
            _("Shot %(scene)s-%(number)s is saved.") % {"scene": shot.scene, "number": shot.number},
        )
        return redirect("film_shots", pk)
    return render_page(
        request,
        "projects/film_shot.html",
        {"film": film, "shot": shot, "form": form},
        partial="form",
    )


@require_POST
@login_required
def film_shot_status(request, pk, shot_pk):
    """Mark a shot planned, shot or in need of a retake: one tap."""
    film = film_for(request, pk, write=True)
    shot = get_object_or_404(film.shots, pk=shot_pk)
    try:
        set_shot_status(shot, status=request.POST.get("status", ""))
    except ValueError:
        if not request.htmx:
            messages.error(request, _("Choose planned, shot or needs a retake."))
            return redirect("film_shots", pk)
        context = _shots_context(film)
        context["error"] = _("Choose planned, shot or needs a retake.")
        return render_page(request, "projects/film_shots.html", context, partial="shots")
    if not request.htmx:
        return redirect(reverse("film_shots", args=[pk]) + f"#shot-{shot.pk}")
    return render_page(request, "projects/film_shots.html", _shots_context(film), partial="shots")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def film_shot_delete(request, pk, shot_pk):
    """Asks first, then takes the shot off the list."""
    film = film_for(request, pk, write=True)
    shot = get_object_or_404(film.shots, pk=shot_pk)
    values = {"scene": shot.scene, "number": shot.number}
    if request.method != "POST":
        return _confirm_delete(
            request,
            film,
            question=_("Delete scene %(scene)s, shot %(number)s?") % values,
            back=reverse("film_shots", args=[pk]),
            target="#shots",
        )
    shot.delete()
    message = _("Scene %(scene)s, shot %(number)s is deleted.") % values
    if not request.htmx:
        messages.success(request, message)
        return redirect("film_shots", pk)
    context = _shots_context(film)
    context["message"] = message
    return render_page(request, "projects/film_shots.html", context, partial="shots")


def _errors(form) -> str:
    return " ".join(message for errors in form.errors.values() for message in errors)


def _day_number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _crew_answer(request, film, *, day_number, message="", error=""):
    """After a write on the crew page: without htmx, the page again on that day with the
    message; with htmx, the page's crew part."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        elif message:
            messages.success(request, message)
        url = reverse("film_crew", args=[film.group_id])
        return redirect(f"{url}?day={day_number}" if day_number else url)
    return _crew_page(request, film, day_number=day_number, message=message, error=error)


def _crew_page(request, film, *, day_number, message="", error=""):
    """The crew page, its days and its crew rendered once per reader, data version, day asked
    for and CSRF secret (its forms carry a token), then served again as they are; the board is
    read only when they are not in the cache."""
    context = page_context(
        request, board=lambda: crew_board(film, user=request.user, day_number=day_number)
    )
    return render_page(
        request,
        "projects/film_crew.html",
        context
        | {
            "film": film,
            "day_key": day_number or "",
            "csrf_key": csrf_key(request),
            "message": message,
            "error": error,
        },
        partial="crew",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def film_crew(request, pk):
    """Who writes, directs, films, records, acts and edits, day by day, with the week's
    rotation and a suggested crew for the day. A POST gives a child a role for a day or
    takes it back (`held`)."""
    film = _film_for_method(request, pk)
    if request.method != "POST":
        return _crew_page(request, film, day_number=_day_number(request.GET.get("day")))
    form = CrewRoleForm(request.POST, film=film)
    day_number = _day_number(request.POST.get("day"))
    if not form.is_valid():
        return _crew_answer(request, film, day_number=day_number, error=_errors(form))
    child, day, role = (
        form.cleaned_data["child"],
        form.cleaned_data["day"],
        form.cleaned_data["role"],
    )
    held = form.cleaned_data["held"]
    try:
        set_crew_role(film, day=day, child=child, role=role, held=held)
    except ValidationError as refusal:
        return _crew_answer(request, film, day_number=day.number, error=" ".join(refusal.messages))
    values = {"child": child.full_name, "role": CrewRole(role).label, "day": day.number}
    if held:
        message = _("%(child)s: %(role)s on day %(day)s.") % values
    else:
        message = _("%(child)s: no longer %(role)s on day %(day)s.") % values
    return _crew_answer(request, film, day_number=day.number, message=message)


@require_POST
@login_required
def film_crew_suggestion(request, pk):
    """Make the suggested crew the day's crew, in one tap."""
    film = film_for(request, pk, write=True)
    form = CrewDayForm(request.POST, film=film)
    if not form.is_valid():
        return _crew_answer(
            request, film, day_number=_day_number(request.POST.get("day")), error=_errors(form)
        )
    day = form.cleaned_data["day"]
    apply_crew_suggestion(film, day=day)
    message = _("Day %(day)s's crew is the suggested one.") % {"day": day.number}
    return _crew_answer(request, film, day_number=day.number, message=message)


@require_safe
@login_required
def film_credits(request, pk):
    """The film's end credits, built from its crew: for the workshop's staff and the group's
    families, who see their own children named."""
    film = get_object_or_404(
        Film.objects.visible_to(request.user).select_related("group__workshop"), group_id=pk
    )
    return render(
        request,
        "projects/film_credits.html",
        {
            "film": film,
            "credits": end_credits(film, user=request.user),
            "viewer_is_staff": is_staff_of(request.user, film.group.workshop_id),
        },
    )
