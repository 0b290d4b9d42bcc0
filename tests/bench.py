"""`make bench`: the demo's pages under gunicorn with production settings, each measured
against a signed-in trivial view (`ping`, the "signed-in floor") served in the same run.

A ratio to the floor, rather than milliseconds, is what a goal can name: it cancels the
machine, and what is left is the cost of the page itself. The run seeds a throw-away
database (a temporary SQLite file, or BENCH_DATABASE_URL) with the demo week, serves it with
gunicorn (2 sync workers), warms each page up and checks its answer, then loads it with 8
concurrent connections from this process, and does the same for the large edition.

    python -m tests.bench [--size demo|large|both] [--seconds 1.2] [--rounds 5]
                          [--photos 4] [--json FILE] [--strict]

Then, with the pages' server stopped, photo renditions per second of our pipeline against
bare Pillow in draft mode on the same 12-megapixel JPEGs (tests/bench_renditions.py).

It exits 1 when a page answers wrongly (a redirect to sign in, a 500, the wrong page), and
on a missed goal only with --strict. Not collected by pytest; the pure parts are tested in
tests/test_bench.py. See docs/benchmarks.md.
"""

import argparse
import contextlib
import json
import os
import secrets
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from io import StringIO
from pathlib import Path
from urllib.parse import urlencode

from tests import bench_renditions

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WORKERS = 2
CONCURRENCY = 8
SIZES = ("demo", "large")
FLOOR = "signed-in floor"
RENDITIONS = "renditions"
TIMEOUT = 30
UNSTEADY = 1.3

# The goals of issue 11: a page's p50 and throughput within this many times the floor's.
GOALS = {
    "parent home": 2.0,
    "mentor home": 3.0,
    "organizer home": 3.0,
    "organizer week": 7.0,
    # Issue 12: the planner's whole week with its conflict flags, and a move (the POST and
    # the grid it answers).
    "planner": 7.0,
    "planner move": 10.0,
    # Issue 13: the children list reads allergies through the audited selector (one read, one
    # insert per page).
    "children list": 3.0,
    # Issue 14: a mentor's attendance sheet for today, on set, and the group page.
    "attendance": 3.0,
    "group page": 3.0,
    # Issue 14: the crew page (a day's roles, the rotation, the week), rendered once per data
    # version like the group page.
    "crew page": 3.0,
    # Issue 13: the organizer's dashboard (now and next, the production board, alerts).
    "dashboard": 3.0,
    # Issue 13: the organizer's rarer pages. The builder and invitations list every child or
    # person of the workshop; the new edition is a form (crispy's rendering, uncached).
    "group builder": 3.0,
    "invitations": 3.0,
    "children import": 3.0,
    "new edition": 5.0,
    # Issue 13: the staff's call sheet of today, every child with their health record read
    # through the audited selector (one read, one insert per page).
    "call sheet": 3.0,
    # Issue 16: a family's calendar feed (two children), read by its token, without a session.
    "calendar feed": 5.0,
    # Issue 16: the screening's programme and invitation, for a family (credits from the
    # crew-role log, the family's reply).
    "screening": 3.0,
    # Issue 15: a film's review reel (its clips and time-coded notes), for a mentor; rendered
    # anew each time (its notes change while the crew watches).
    "review reel": 4.0,
    # Issue 17: who has a day's call sheet (sent, confirmed: read anew, they change by the
    # minute), and what the retention job will erase and when (its counts kept per data
    # version, the log of past erasures read anew), for organizers.
    "call sheet recipients": 4.0,
    "retention": 4.0,
}


class BenchError(Exception):
    """A page answered wrongly, or the server would not start: the figures mean nothing."""


@dataclass(frozen=True)
class Page:
    """One URL read by one demo login, and what its answer must be."""

    name: str
    url: str
    email: str
    status: int = 200
    marker: str = ""
    # A url-encoded body makes the page an htmx POST, with a CSRF token.
    form: str = ""

    @property
    def goal(self) -> float | None:
        return GOALS.get(self.name)


@dataclass(frozen=True)
class Run:
    """The latencies (seconds) of one burst of requests, how long the burst took, the share
    of a CPU this process spent sending them (the client must not be the bottleneck), and
    the CPU seconds gunicorn's workers spent answering them (None where unknown)."""

    latencies: tuple[float, ...]
    seconds: float
    client_cpu: float = 0.0
    server_cpu: float | None = None

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds

    @property
    def cpu_per_request(self) -> float | None:
        return None if self.server_cpu is None else self.server_cpu / len(self.latencies)


@dataclass(frozen=True)
class Line:
    """One page's figures, pooled over its runs, and how they compare with the floor's."""

    name: str
    url: str
    requests: int
    single_p50_ms: float
    p50_ms: float
    per_second: float
    p50_ratio: float
    throughput_ratio: float
    goal: float | None
    verdict: str
    cpu_ms: float | None
    cpu_ratio: float | None
    run_p50_ms: tuple[float, ...]
    spread: float
    client_cpu: float


def percentile(samples, fraction: float) -> float:
    """The `fraction` quantile of the samples, interpolating between the nearest two."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("no samples")
    position = (len(ordered) - 1) * fraction
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def median(samples) -> float:
    return percentile(samples, 0.5)


def merged(*runs: Run) -> Run:
    """Several runs of one page as one."""
    server_cpus = [run.server_cpu for run in runs]
    return Run(
        tuple(latency for run in runs for latency in run.latencies),
        sum(run.seconds for run in runs),
        max(run.client_cpu for run in runs),
        None if None in server_cpus else sum(server_cpus),
    )


def spread(runs: list[Run]) -> float:
    """The slowest run's p50 over the fastest's: far above 1 for the floor, another program
    came and went during the run, and the ratios are less certain than usual."""
    p50s = [median(run.latencies) for run in runs]
    return max(p50s) / min(p50s)


def verdict(goal: float | None, p50_ratio: float, throughput_ratio: float) -> str:
    """PASS when both ratios are within the goal; a page without a goal has no verdict."""
    if goal is None:
        return ""
    return "PASS" if max(p50_ratio, throughput_ratio) <= goal else "FAIL"


def compare(page: Page, *, single: Run, runs: list[Run], floors: list[Run]) -> Line:
    """The page's line of the table. `floors[i]` is the floor measured around `runs[i]`
    (just before and just after it); each ratio is the median over the runs of the ratio
    to that floor, so that another program taking the CPU for a while, which slows the page
    and its floor alike, moves no ratio much. The p50 is over every request of the runs and
    req/s the median of the runs'."""
    pairs = list(zip(runs, floors, strict=True))
    p50_ratio = median([median(run.latencies) / median(floor.latencies) for run, floor in pairs])
    throughput_ratio = median([floor.per_second / run.per_second for run, floor in pairs])
    cpu_ms = cpu_ratio = None
    if all(run.server_cpu and floor.server_cpu for run, floor in pairs):
        cpu_ms = median([run.cpu_per_request for run in runs]) * 1000
        cpu_ratio = median([run.cpu_per_request / floor.cpu_per_request for run, floor in pairs])
    pooled = merged(*runs)
    return Line(
        name=page.name,
        url=page.url,
        requests=len(pooled.latencies),
        single_p50_ms=median(single.latencies) * 1000,
        p50_ms=median(pooled.latencies) * 1000,
        per_second=median([run.per_second for run in runs]),
        p50_ratio=p50_ratio,
        throughput_ratio=throughput_ratio,
        goal=page.goal,
        verdict=verdict(page.goal, p50_ratio, throughput_ratio),
        cpu_ms=cpu_ms,
        cpu_ratio=cpu_ratio,
        run_p50_ms=tuple(median(run.latencies) * 1000 for run in runs),
        spread=spread(runs),
        client_cpu=pooled.client_cpu,
    )


def plan_pages() -> tuple[Page, list[Page]]:
    """The floor and the pages, reversed against the seeded demo: each role's home, and the
    organizer's week, today's day (day 3 outside the week), children list, dashboard and
    today's call sheet, and the mentor's group page. Each marker is a text from the database
    that only the right page shows."""
    from django.urls import reverse

    from groups.models import Group
    from workshop.calendar_feed import replace_feed
    from workshop.demo.week import (
        DEMO_SLUG,
        MENTOR_EMAIL,
        ORGANIZER_EMAIL,
        PARENT2_EMAIL,
        PARENT_EMAIL,
    )
    from workshop.models import CalendarFeed, Participant, Session, User, Workshop

    workshop = Workshop.objects.get(slug=DEMO_SLUG)
    today = workshop.days.filter(date=workshop.local_today()).first()
    day_number = today.number if today else 3
    lantern = Group.objects.select_related("film").get(workshop=workshop, name="Lantern")
    child = Participant.objects.filter(
        workshop=workshop, guardians__user__email=PARENT_EMAIL
    ).first()
    # Moved to where it is: every answer still saves, so the grid is rendered anew each time.
    moving = Session.objects.filter(day__workshop=workshop, groups=lantern).earliest(
        "day__date", "starts_at"
    )
    move = urlencode({
        "day": moving.day_id, "room": moving.room_id or "",
        "starts_at": f"{moving.starts_at:%H:%M}", "ends_at": f"{moving.ends_at:%H:%M}",
    })  # fmt: skip
    # The parent of two children's feed: made here, as the parent would from their page.
    feed = CalendarFeed.objects.filter(user__email=PARENT2_EMAIL).first() or replace_feed(
        User.objects.get(email=PARENT2_EMAIL)
    )
    elder = (
        Participant.objects.filter(workshop=workshop, guardians__user__email=PARENT2_EMAIL)
        .order_by("birth_date")
        .first()
    )
    floor = Page(FLOOR, reverse("ping"), ORGANIZER_EMAIL, status=204)
    pages = [
        Page("parent home", reverse("home"), PARENT_EMAIL, marker=child.given_name),
        Page("mentor home", reverse("home"), MENTOR_EMAIL, marker=lantern.film.title),
        Page("organizer home", reverse("home"), ORGANIZER_EMAIL, marker=workshop.title),
        Page("organizer week", reverse("week", args=[workshop.slug]), ORGANIZER_EMAIL,
             marker=workshop.title),
        Page(f"day {day_number}", reverse("day", args=[workshop.slug, day_number]),
             ORGANIZER_EMAIL, marker=workshop.title),
        Page("children list", reverse("children", args=[workshop.slug]), ORGANIZER_EMAIL,
             marker=workshop.title),
        Page("dashboard", reverse("dashboard", args=[workshop.slug]), ORGANIZER_EMAIL,
             marker=lantern.name),
        Page("call sheet", reverse("call_sheet", args=[workshop.slug, day_number]),
             ORGANIZER_EMAIL, marker=child.given_name),
        Page("group page", reverse("group", args=[lantern.pk]), MENTOR_EMAIL,
             marker=lantern.film.title),
        Page("crew page", reverse("film_crew", args=[lantern.pk]), MENTOR_EMAIL,
             marker=lantern.film.title),
        Page("planner", reverse("planner", args=[workshop.slug]), ORGANIZER_EMAIL,
             marker=lantern.name),
        Page("attendance", reverse("attendance", args=[workshop.slug, day_number]),
             MENTOR_EMAIL, marker=child.given_name),
        Page("planner move", reverse("session_move", args=[moving.pk]), ORGANIZER_EMAIL,
             marker=moving.title, form=move),
        # Issue 13: the organizer's rarer pages, measured so that none grows unseen.
        Page("group builder", reverse("group_builder", args=[workshop.slug]), ORGANIZER_EMAIL,
             marker=lantern.name),
        Page("invitations", reverse("invitations", args=[workshop.slug]), ORGANIZER_EMAIL,
             marker=workshop.title),
        Page("children import", reverse("children_import", args=[workshop.slug]),
             ORGANIZER_EMAIL, marker=workshop.title),
        Page("new edition", reverse("setup_new_edition", args=[workshop.slug]),
             ORGANIZER_EMAIL, marker=workshop.title),
        Page("calendar feed", reverse("calendar_feed", args=[feed.token]), PARENT2_EMAIL,
             marker=elder.given_name),
        # Issue 15: a group's photos and clips, and a child's photos for the family.
        Page("media page", reverse("group_media", args=[lantern.pk]), MENTOR_EMAIL,
             marker=lantern.name),
        Page("child photos", reverse("child_media", args=[child.pk]), PARENT_EMAIL,
             marker=child.given_name),
        # Issue 16: the screening's programme and its invitation, for a family.
        Page("screening", reverse("screening", args=[workshop.slug]), PARENT_EMAIL,
             marker=lantern.film.title),
        Page("review reel", reverse("film_reel", args=[lantern.pk]), MENTOR_EMAIL,
             marker=lantern.film.title),
        # Issue 17: the call sheet's recipients and the retention plan, for organizers.
        Page("call sheet recipients",
             reverse("call_sheet_deliveries", args=[workshop.slug, day_number]),
             ORGANIZER_EMAIL, marker=workshop.title),
        Page("retention", reverse("retention", args=[workshop.slug]), ORGANIZER_EMAIL,
             marker=workshop.title),
    ]  # fmt: skip
    return floor, pages


def sign_in(emails) -> dict[str, str]:
    """A session cookie for each login, stored in the bench's database."""
    from django.conf import settings
    from django.test import Client

    from workshop.models import User

    cookies = {}
    for email in emails:
        client = Client()
        client.force_login(User.objects.get(email=email))
        cookies[email] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def request_bytes(page: Page, *, port: int, cookie: str) -> bytes:
    """A request as a signed-in browser sends it: with its session and the CSRF cookie that
    its first page gave it (every page's menu holds a form)."""
    from django.conf import settings

    token = "bench" * 6 + "ok"
    if page.form:
        body = page.form.encode()
        return (
            f"POST {page.url} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
            f"Cookie: {settings.SESSION_COOKIE_NAME}={cookie}; "
            f"{settings.CSRF_COOKIE_NAME}={token}\r\n"
            f"X-CSRFToken: {token}\r\nHX-Request: true\r\nHX-Target: plan\r\n"
            f"Origin: http://{HOST}:{port}\r\nReferer: http://{HOST}:{port}/\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode() + body
    return (
        f"GET {page.url} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Cookie: {settings.SESSION_COOKIE_NAME}={cookie}; {settings.CSRF_COOKIE_NAME}={token}\r\n"
        "Accept: text/html\r\nConnection: close\r\n\r\n"
    ).encode()


def check(page: Page, answer: bytes) -> None:
    """Refuse any answer but the page itself: the figures of a redirect or an error page
    would look like a fast page."""
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        raise BenchError(f"{page.name} ({page.url}): no HTTP answer: {answer[:200]!r}") from None
    if status != page.status:
        location = next((line for line in lines if line.lower().startswith("location:")), "")
        raise BenchError(
            f"{page.name} ({page.url}) as {page.email}: HTTP {status}, expected {page.status}"
            + (f" ({location})" if location else "")
        )
    if page.marker:
        from django.utils.html import escape

        if escape(page.marker).encode() not in body:
            raise BenchError(
                f"{page.name} ({page.url}) as {page.email}: the page does not show {page.marker!r}"
            )


def load(
    page: Page, request: bytes, *, port: int, concurrency: int, seconds: float, at_least: int
) -> Run:
    """Keep `concurrency` requests in flight for `seconds` (and `at_least` requests), each on
    a new connection as gunicorn's sync workers close it after each answer, and check every
    answer. One thread over a selector: lighter than asyncio, so that the client takes as
    little as it can of the CPU it shares with the server it measures."""
    selector = selectors.DefaultSelector()
    latencies: list[float] = []

    def send():
        started = time.perf_counter()
        connection = socket.create_connection((HOST, port), timeout=TIMEOUT)
        connection.sendall(request)
        connection.setblocking(False)
        selector.register(connection, selectors.EVENT_READ, (started, []))

    cpu = time.process_time()
    began = time.perf_counter()
    deadline = began + seconds
    try:
        for _ in range(concurrency):
            send()
        in_flight = concurrency
        while in_flight:
            ready = selector.select(timeout=TIMEOUT)
            if not ready:
                raise BenchError(f"{page.name} ({page.url}): no answer in {TIMEOUT} s")
            for key, _ in ready:
                started, chunks = key.data
                chunk = key.fileobj.recv(1 << 18)
                if chunk:
                    chunks.append(chunk)
                    continue
                latencies.append(time.perf_counter() - started)
                selector.unregister(key.fileobj)
                key.fileobj.close()
                check(page, b"".join(chunks))
                if time.perf_counter() < deadline or len(latencies) < at_least:
                    send()
                else:
                    in_flight -= 1
    except OSError as error:
        raise BenchError(f"{page.name} ({page.url}): {error}") from error
    finally:
        for key in list(selector.get_map().values()):
            key.fileobj.close()
        selector.close()
    elapsed = time.perf_counter() - began
    return Run(tuple(latencies), elapsed, (time.process_time() - cpu) / elapsed)


@dataclass(frozen=True)
class Server:
    port: int
    pid: int

    def workers_cpu(self) -> float | None:
        """CPU seconds the gunicorn workers (the master's children) have used so far, read
        from Linux's /proc; None elsewhere."""
        try:
            children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
            ticks = 0
            for child in children:
                # After the command name in parentheses: state, ..., utime (14th), stime (15th).
                fields = Path(f"/proc/{child}/stat").read_text().rpartition(")")[2].split()
                ticks += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            return None
        return ticks / os.sysconf("SC_CLK_TCK") if children else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(log_path: Path, env: dict[str, str] | None = None):
    """Serve the app as production does, on a free port, until the block ends; in `env`
    (this process's environment by default)."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "workshop.wsgi",
        "--bind", f"{HOST}:{port}", "--workers", str(WORKERS), "--worker-class", "sync",
        "--log-level", "warning", "--error-logfile", str(log_path),
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                raise BenchError(f"gunicorn exited with {server.returncode}:\n{tail(log_path)}")
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), 0.2):
                break
            if time.monotonic() > deadline:
                raise BenchError(f"gunicorn did not listen on {HOST}:{port}:\n{tail(log_path)}")
            time.sleep(0.1)
        yield Server(port, server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def measure(
    floor: Page,
    pages: list[Page],
    cookies: dict[str, str],
    *,
    server: Server,
    seconds: float,
    rounds: int,
) -> list[Line]:
    """Warm up and check every page, time each alone (one connection), then load each with
    8 connections in rounds, with the floor loaded (half as long) between any two pages, so
    that every page run has a floor run just before and just after it."""
    everything = [floor, *pages]
    port = server.port
    requests = {
        page.name: request_bytes(page, port=port, cookie=cookies[page.email]) for page in everything
    }

    def run(page, *, concurrency=CONCURRENCY, seconds=seconds, at_least=CONCURRENCY):
        request = requests[page.name]
        before = server.workers_cpu()
        result = load(
            page, request, port=port, concurrency=concurrency, seconds=seconds, at_least=at_least
        )
        after = server.workers_cpu()
        if before is None or after is None:
            return result
        return replace(result, server_cpu=after - before)

    for page in everything:
        run(page, seconds=0, at_least=2 * CONCURRENCY)
    single = {
        page.name: run(page, concurrency=1, seconds=max(seconds / 2, 0.5), at_least=10)
        for page in everything
    }
    runs: dict[str, list[Run]] = {page.name: [] for page in pages}
    floors: dict[str, list[Run]] = {page.name: [] for page in pages}
    floor_runs = [run(floor, seconds=seconds / 2)]
    for _ in range(rounds):
        for page in pages:
            runs[page.name].append(run(page))
            floor_runs.append(run(floor, seconds=seconds / 2))
            floors[page.name].append(merged(floor_runs[-2], floor_runs[-1]))
    return [
        compare(floor, single=single[floor.name], runs=floor_runs, floors=floor_runs),
        *(
            compare(page, single=single[page.name], runs=runs[page.name], floors=floors[page.name])
            for page in pages
        ),
    ]


def bench_size(
    size: str, *, log_path: Path, seconds: float, rounds: int, only: frozenset[str] = frozenset()
) -> dict:
    from django.core.management import call_command
    from django.db import connections

    from workshop.demo.week import DEMO_SLUG
    from workshop.models import Session

    call_command("seed_demo", size=size, stdout=StringIO())
    floor, pages = plan_pages()
    if only:
        pages = [page for page in pages if page.name in only]
    cookies = sign_in({page.email for page in [floor, *pages]})
    sessions = Session.objects.filter(day__workshop__slug=DEMO_SLUG).count()
    connections.close_all()
    with gunicorn(log_path) as server:
        lines = measure(floor, pages, cookies, server=server, seconds=seconds, rounds=rounds)
    return {
        "size": size,
        "sessions": sessions,
        "floor_spread": lines[0].spread,
        "lines": [asdict(line) for line in lines],
    }


COLUMNS = "{:<16} {:>10} {:>9} {:>8} {:>7} {:>8} {:>7}  {:<4} {:>8} {:>6}"


def table(result: dict) -> str:
    """The figures of one size as the text table that `make bench` prints."""
    header = COLUMNS.format(
        "page", "alone p50", "p50", "req/s", "p50 ×", "req/s ×", "goal", "", "CPU/req", "CPU ×"
    )
    rows = [header.rstrip(), "-" * len(header)]
    for line in result["lines"]:
        rows.append(
            COLUMNS.format(
                line["name"],
                f"{line['single_p50_ms']:.1f} ms",
                f"{line['p50_ms']:.1f} ms",
                f"{line['per_second']:.1f}",
                f"{line['p50_ratio']:.1f}×",
                f"{line['throughput_ratio']:.1f}×",
                f"≤ {line['goal']:g}×" if line["goal"] else "",
                line["verdict"],
                "–" if line["cpu_ms"] is None else f"{line['cpu_ms']:.1f} ms",
                "–" if line["cpu_ratio"] is None else f"{line['cpu_ratio']:.1f}×",
            ).rstrip()
        )
    return "\n".join(rows)


def production_environment(scratch: Path) -> dict[str, str]:
    """Production settings (DEBUG off, WhiteNoise's manifest) over a throw-away database and
    var directory; the caller's cache (REDIS_URL) and DATABASE_CONN_MAX_AGE are kept."""
    return {
        "DJANGO_SETTINGS_MODULE": "workshop.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(scratch / "static"),
        "KACHINKO_VAR_DIR": str(scratch / "var"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL")
        or f"sqlite:///{scratch / 'bench.sqlite3'}",
    }


def describe_setup(*, seconds: float, rounds: int) -> dict:
    from django.conf import settings

    database = settings.DATABASES["default"]
    return {
        "database": database["ENGINE"].rsplit(".", 1)[-1],
        "conn_max_age": database.get("CONN_MAX_AGE", 0),
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "debug": settings.DEBUG,
        "workers": WORKERS,
        "concurrency": CONCURRENCY,
        "seconds": seconds,
        "rounds": rounds,
        "cpus": os.cpu_count(),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--size", choices=[*SIZES, "both"], default="both")
    parser.add_argument(
        "--seconds",
        type=float,
        default=1.2,
        help="how long each page is loaded per round with 8 connections (default 1.2)",
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds over all pages (default 5)")
    parser.add_argument(
        "--photos",
        type=int,
        default=4,
        help="12-megapixel photos for the renditions' benchmark, each made in every round "
        "(default 4; 0 skips it)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument(
        "--only",
        default="",
        help="measure only these pages (names as printed, comma-separated), beside the floor; "
        "'renditions' alone measures only the photo renditions",
    )
    options = parser.parse_args(argv)
    if options.seconds <= 0 or options.rounds < 1 or options.photos < 0:
        parser.error("--seconds must be positive, --rounds at least 1 and --photos at least 0")
    only = frozenset(name.strip() for name in options.only.split(",") if name.strip())
    sizes = SIZES if options.size == "both" else (options.size,)
    if only == {RENDITIONS}:
        sizes = ()

    scratch = Path(tempfile.mkdtemp(prefix="kachinko-bench-"))
    try:
        os.environ.update(production_environment(scratch))
        import django
        from django.core.management import call_command

        django.setup()
        setup = describe_setup(seconds=options.seconds, rounds=options.rounds)
        print(
            f"Production settings on {setup['database']} (CONN_MAX_AGE {setup['conn_max_age']}), "
            f"cache {setup['cache']}; gunicorn {WORKERS} sync workers, {CONCURRENCY} connections, "
            f"{options.rounds} rounds of {options.seconds:g} s per page; {setup['cpus']} CPUs.",
            flush=True,
        )
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("migrate", interactive=False, verbosity=0)
        results = []
        for size in sizes:
            started = time.monotonic()
            log_path = scratch / f"gunicorn-{size}.log"
            result = bench_size(
                size,
                log_path=log_path,
                seconds=options.seconds,
                rounds=options.rounds,
                only=only - {RENDITIONS},
            )
            results.append(result)
            title = "Demo week" if size == "demo" else "Large edition"
            print(
                f"\n{title} ({result['sessions']} sessions in the week; "
                f"measured in {time.monotonic() - started:.0f} s)\n{table(result)}",
                flush=True,
            )
            if result["floor_spread"] > UNSTEADY:
                floor_p50s = result["lines"][0]["run_p50_ms"]
                print(
                    f"Unsteady: the floor's p50 went from {min(floor_p50s):.1f} to "
                    f"{max(floor_p50s):.1f} ms between runs.\nSomething else used the CPU; "
                    "run again on a quiet machine before trusting these ratios.",
                    flush=True,
                )
        renditions = None
        if options.photos and (not only or RENDITIONS in only):
            renditions = bench_renditions.measure(photos=options.photos, rounds=options.rounds)
            print(
                f"\nPhoto renditions ({options.photos} photos of "
                f"{bench_renditions.PHOTO_SIZE[0]} × {bench_renditions.PHOTO_SIZE[1]}, "
                f"{options.rounds} rounds, one process)\n{bench_renditions.table(renditions)}",
                flush=True,
            )
    except BenchError as error:
        print(f"\nThe bench stopped, and its figures mean nothing: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    missed = [
        f"{result['size']}: {line['name']}"
        for result in results
        for line in result["lines"]
        if line["verdict"] == "FAIL"
    ]
    goals = sum(1 for result in results for line in result["lines"] if line["verdict"])
    if renditions is not None:
        goals += 1
        if renditions.verdict == "FAIL":
            missed.append(RENDITIONS)
    if results:
        print_legend(results)
    print(
        f"Goals met: {goals - len(missed)} of {goals}"
        + (f"; missed: {', '.join(missed)}" if missed else ".")
    )
    if options.json:
        figures = {"setup": setup, "sizes": results}
        if renditions is not None:
            figures["renditions"] = {**asdict(renditions), "goal": bench_renditions.GOAL}
        options.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 1 if missed and options.strict else 0


def print_legend(results: list[dict]) -> None:
    client_cpu = max(line["client_cpu"] for result in results for line in result["lines"])
    print(
        "\nalone p50: one connection at a time; p50 and req/s: 8 connections. p50 × is the page's"
        "\np50 over the floor's, req/s × the floor's req/s over the page's, each the median over"
        "\nthe rounds against the floor measured just before and after the page. A goal is met"
        f"\nwhen both are within it. CPU/req: the gunicorn workers' CPU time per request (not"
        "\nthe database server's), the page's own cost without the wait for a worker; CPU ×"
        f"\nagainst the floor's. The client took at most {client_cpu:.0%} of a CPU."
    )


if __name__ == "__main__":
    sys.exit(main())
