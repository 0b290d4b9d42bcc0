"""The benchmark's arithmetic and its page list; the timing itself is `make bench`'s."""

import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image

from groups.models import Group
from tests.bench import (
    BenchError,
    Page,
    Run,
    check,
    compare,
    merged,
    percentile,
    plan_pages,
    spread,
)
from workshop.demo import DEMO_SLUG
from workshop.models import CalendarFeed, Participant, Session

START = "2026-07-27"


def test_percentile_interpolates_between_the_nearest_samples():
    samples = [0.004, 0.001, 0.003, 0.002]
    assert percentile(samples, 0.5) == pytest.approx(0.0025)
    assert percentile(samples, 0.0) == 0.001
    assert percentile(samples, 1.0) == 0.004
    assert percentile([0.007], 0.5) == 0.007


def test_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        percentile([], 0.5)


def run(latency: float, requests: int, seconds: float = 1.0) -> Run:
    return Run((latency,) * requests, seconds)


def test_a_page_within_its_goal_on_both_ratios_passes():
    page = Page("mentor home", "/", "mentor@kachinko.test")
    line = compare(page, single=run(0.010, 10), runs=[run(0.010, 200)],
                   floors=[run(0.004, 500)])  # fmt: skip
    assert (line.single_p50_ms, line.p50_ms, line.per_second) == (10.0, 10.0, 200.0)
    assert (line.p50_ratio, line.throughput_ratio) == (2.5, 2.5)
    assert (line.goal, line.verdict, line.requests) == (3.0, "PASS", 200)


def test_a_page_slower_than_its_goal_in_throughput_alone_fails():
    page = Page("parent home", "/", "parent@kachinko.test")
    line = compare(page, single=run(0.008, 10), runs=[run(0.008, 200)],
                   floors=[run(0.004, 500)])  # fmt: skip
    assert (line.p50_ratio, line.throughput_ratio) == (2.0, 2.5)
    assert line.verdict == "FAIL"


def test_each_run_is_compared_with_the_floor_measured_around_it():
    page = Page("organizer week", "/workshops/summer/", "organizer@kachinko.test")
    runs = [run(0.010, 200), run(0.020, 100), run(0.010, 200)]
    floors = [run(0.004, 500), run(0.008, 250), run(0.004, 500)]
    line = compare(page, single=run(0.010, 10), runs=runs, floors=floors)
    assert (line.p50_ratio, line.throughput_ratio) == (2.5, 2.5)
    assert (line.p50_ms, line.per_second, line.requests) == (10.0, 200.0, 500)


def test_one_disturbed_run_moves_no_ratio():
    page = Page("organizer home", "/", "organizer@kachinko.test")
    runs = [run(0.010, 200), run(0.050, 40), run(0.010, 200)]
    line = compare(page, single=run(0.010, 10), runs=runs, floors=[run(0.004, 500)] * 3)
    assert (line.p50_ratio, line.throughput_ratio, line.verdict) == (2.5, 2.5, "PASS")


def test_server_cpu_per_request_is_compared_with_the_floors_when_known():
    page = Page("children list", "/workshops/summer/children/", "organizer@kachinko.test")
    runs = [Run((0.010,) * 200, 1.0, server_cpu=2.0), Run((0.010,) * 100, 1.0, server_cpu=1.5)]
    floors = [Run((0.004,) * 500, 1.0, server_cpu=1.0)] * 2
    line = compare(page, single=run(0.010, 10), runs=runs, floors=floors)
    assert (line.cpu_ms, line.cpu_ratio) == (12.5, 6.25)
    unknown = compare(page, single=run(0.010, 10), runs=[run(0.010, 200)], floors=floors[:1])
    assert (unknown.cpu_ms, unknown.cpu_ratio) == (None, None)


def test_a_page_without_a_goal_has_no_verdict():
    page = Page("day 3", "/workshops/summer-film-week/days/3/", "organizer@kachinko.test")
    line = compare(page, single=run(0.1, 10), runs=[run(0.1, 10)], floors=[run(0.004, 500)])
    assert (line.goal, line.verdict, line.p50_ratio) == (None, "", 25.0)


def test_spread_is_the_slowest_runs_p50_over_the_fastests():
    assert spread([run(0.009, 100), run(0.018, 50), run(0.012, 75)]) == 2.0
    assert spread([run(0.009, 100)]) == 1.0


def test_runs_merged_keep_every_request_and_their_whole_time():
    merged_run = merged(Run((0.001, 0.002), 0.5, 0.1, 0.25), Run((0.003,), 0.25, 0.2, 0.5))
    assert merged_run == Run((0.001, 0.002, 0.003), 0.75, 0.2, 0.75)
    assert (merged_run.per_second, merged_run.cpu_per_request) == (4.0, 0.25)
    assert merged(Run((0.001,), 0.5, 0.1, 0.25), Run((0.003,), 0.25)).server_cpu is None


def test_a_redirect_to_sign_in_is_refused():
    page = Page("organizer week", "/workshops/summer/", "organizer@kachinko.test", marker="Summer")
    answer = b"HTTP/1.1 302 Found\r\nLocation: /accounts/login/?next=/\r\n\r\n"
    with pytest.raises(BenchError, match=r"HTTP 302, expected 200 \(Location: /accounts/login/"):
        check(page, answer)


def test_a_page_without_its_marker_is_refused_and_one_with_it_escaped_passes():
    page = Page("group page", "/groups/1/", "mentor@kachinko.test", marker="Tom & Jerry")
    with pytest.raises(BenchError, match="does not show 'Tom & Jerry'"):
        check(page, b"HTTP/1.1 200 OK\r\n\r\n<h1>Server Error</h1> Tom & Jerry")
    check(page, b"HTTP/1.1 200 OK\r\n\r\n<h1>Tom &amp; Jerry</h1>")


def answer(client, page: Page) -> bytes:
    from workshop.models import User

    client.force_login(User.objects.get(email=page.email))
    if page.form:
        response = client.post(
            page.url,
            page.form,
            content_type="application/x-www-form-urlencoded",
            headers={"HX-Request": "true", "HX-Target": "plan"},
        )
    else:
        response = client.get(page.url)
    return f"HTTP/1.1 {response.status_code} X\r\n\r\n".encode() + response.content


@pytest.mark.django_db
def test_the_pages_are_the_demo_weeks_and_each_shows_its_marker(client, clock):
    call_command("seed_demo", start=START, stdout=StringIO())
    clock(datetime.datetime(2026, 7, 31, 1, 0, tzinfo=datetime.UTC))  # day 5 in Tokyo
    lantern = Group.objects.get(workshop__slug=DEMO_SLUG, name="Lantern")
    moving = Session.objects.filter(groups=lantern).earliest("day__date", "starts_at")
    child = Participant.objects.get(guardians__user__email="parent@kachinko.test")

    floor, pages = plan_pages()
    feed = CalendarFeed.objects.get(user__email="parent2@kachinko.test")

    assert (floor.url, floor.status) == ("/accounts/ping/", 204)
    assert [(page.name, page.url, page.email, page.marker) for page in pages] == [
        ("parent home", "/", "parent@kachinko.test", "陽菜"),
        ("mentor home", "/", "mentor@kachinko.test", "The Paper Lantern"),
        ("organizer home", "/", "organizer@kachinko.test", "Summer Film Week"),
        ("organizer week", f"/workshops/{DEMO_SLUG}/", "organizer@kachinko.test",
         "Summer Film Week"),
        ("day 5", f"/workshops/{DEMO_SLUG}/days/5/", "organizer@kachinko.test",
         "Summer Film Week"),
        ("children list", f"/workshops/{DEMO_SLUG}/children/", "organizer@kachinko.test",
         "Summer Film Week"),
        ("dashboard", f"/workshops/{DEMO_SLUG}/dashboard/", "organizer@kachinko.test",
         "Lantern"),
        ("call sheet", f"/workshops/{DEMO_SLUG}/days/5/call-sheet/", "organizer@kachinko.test",
         "陽菜"),
        ("group page", f"/groups/{lantern.pk}/", "mentor@kachinko.test", "The Paper Lantern"),
        ("crew page", f"/groups/{lantern.pk}/film/crew/", "mentor@kachinko.test",
         "The Paper Lantern"),
        ("planner", f"/workshops/{DEMO_SLUG}/planner/", "organizer@kachinko.test", "Lantern"),
        ("attendance", f"/workshops/{DEMO_SLUG}/days/5/attendance/", "mentor@kachinko.test",
         "陽菜"),
        ("planner move", f"/sessions/{moving.pk}/move/", "organizer@kachinko.test",
         moving.title),
        ("group builder", f"/workshops/{DEMO_SLUG}/groups/", "organizer@kachinko.test",
         "Lantern"),
        ("invitations", f"/workshops/{DEMO_SLUG}/invitations/", "organizer@kachinko.test",
         "Summer Film Week"),
        ("children import", f"/workshops/{DEMO_SLUG}/children/import/",
         "organizer@kachinko.test", "Summer Film Week"),
        ("new edition", f"/workshops/{DEMO_SLUG}/setup/new-edition/", "organizer@kachinko.test",
         "Summer Film Week"),
        ("calendar feed", f"/calendar/{feed.token}.ics", "parent2@kachinko.test", "蓮"),
        ("media page", f"/groups/{lantern.pk}/media/", "mentor@kachinko.test", "Lantern"),
        ("child photos", f"/children/{child.pk}/media/", "parent@kachinko.test", "陽菜"),
        ("screening", "/workshops/summer-film-week/screening/", "parent@kachinko.test",
         "The Paper Lantern"),
        ("review reel", f"/groups/{lantern.pk}/film/reel/", "mentor@kachinko.test",
         "The Paper Lantern"),
        ("call sheet recipients", f"/workshops/{DEMO_SLUG}/days/5/call-sheet/deliveries/",
         "organizer@kachinko.test", "Summer Film Week"),
        ("retention", f"/workshops/{DEMO_SLUG}/retention/", "organizer@kachinko.test",
         "Summer Film Week"),
    ]  # fmt: skip
    move = next(page for page in pages if page.name == "planner move")
    assert move.form == (
        f"day={moving.day_id}&room={moving.room_id}&starts_at=09%3A30&ends_at=12%3A00"
    )
    for page in [floor, *pages]:
        check(page, answer(client, page))


@pytest.mark.django_db
def test_outside_the_week_the_day_measured_is_day_three(clock):
    call_command("seed_demo", start=START, stdout=StringIO())
    clock(datetime.datetime(2026, 9, 1, 1, 0, tzinfo=datetime.UTC))

    _, pages = plan_pages()

    assert [page.url for page in pages if page.name.startswith("day")] == [
        f"/workshops/{DEMO_SLUG}/days/3/"
    ]


# --- Photo renditions (tests/bench_renditions.py) ----------------------------------------------


def test_the_renditions_ratio_is_the_median_of_the_rounds_ratios():
    from tests.bench_renditions import summarise

    times = [
        {"our pipeline": 2.0, "bare Pillow": 1.8},  # 0.9
        {"our pipeline": 4.0, "bare Pillow": 2.0},  # 0.5: another program took the CPU
        {"our pipeline": 2.0, "bare Pillow": 2.0},  # 1.0
    ]
    result = summarise(photos=4, times=times)
    assert (result.photos, result.rounds) == (4, 3)
    assert (result.ours_per_second, result.pillow_per_second) == (2.0, 2.0)
    assert (result.ratio, result.verdict) == (0.9, "PASS")
    assert summarise(photos=4, times=times[1:2]).verdict == "FAIL"


def test_the_bench_photos_are_a_phones_with_gps_and_orientation():
    from tests.bench_renditions import phone_photo

    upright, turned = (Image.open(io.BytesIO(phone_photo(n, size=(400, 300)))) for n in (0, 1))
    assert (upright.format, upright.size) == ("JPEG", (400, 300))
    assert [image.getexif()[0x0112] for image in (upright, turned)] == [1, 6]
    assert upright.getexif().get_ifd(0x8825)[1] == "N"


def test_both_pipelines_are_measured_on_the_same_photos_and_tabled():
    from tests.bench_renditions import measure, table

    result = measure(photos=2, rounds=2, size=(1700, 1300))
    assert (result.photos, result.rounds) == (2, 2)
    assert result.ours_per_second > 0 and result.pillow_per_second > 0
    assert result.ratio == pytest.approx(result.ours_per_second / result.pillow_per_second, 0.5)
    lines = table(result).splitlines()
    assert lines[0].split() == ["renditions", "photos/s", "×", "goal"]
    assert lines[3].startswith("our pipeline") and lines[3].endswith(result.verdict)


def test_a_pipeline_that_makes_the_wrong_size_stops_the_renditions_bench():
    from tests.bench_renditions import check

    small = io.BytesIO()
    Image.new("RGB", (800, 600)).save(small, "JPEG")
    with pytest.raises(ValueError, match="not 1600 px"):
        check(small.getvalue(), small.getvalue())
