"""The ingredients of `make run`, `make test` and CI, as a new user's machine meets them."""

import os
import re
import socket
import subprocess
import sys

from django.conf import settings

ROOT = settings.BASE_DIR


def read(name: str) -> str:
    return (ROOT / name).read_text()


# What a `make` that runs this suite (CI: `make test`) passes down would change the output of
# the `make` these tests run: nested makes announce their directory, and PORT would leak in.
OUTER_MAKE = {"MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES", "PORT"}


def make(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *arguments],
        cwd=ROOT,
        env={name: value for name, value in os.environ.items() if name not in OUTER_MAKE},
        capture_output=True,
        text=True,
        timeout=30,
    )


def make_dry_run(target: str, *variables: str) -> str:
    result = make("--dry-run", "--always-make", target, *variables)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_python_version_file_asks_for_3_12():
    assert read(".python-version").strip() == "3.12"


def test_make_run_installs_migrates_seeds_and_starts_site_worker_and_beat():
    commands = make_dry_run("run")
    assert "-m venv .venv" in commands
    assert "pip install --quiet -r requirements.txt" in commands
    steps = ["manage.py migrate", "manage.py seed_demo", "honcho -f Procfile.dev start --port 8000"]
    positions = [commands.index(step) for step in steps]
    assert positions == sorted(positions)
    processes = dict(line.split(": ", 1) for line in read("Procfile.dev").splitlines())
    assert sorted(processes) == ["beat", "web", "worker"]
    assert "runserver 127.0.0.1:${PORT:-8000}" in processes["web"]
    assert "celery -A workshop worker" in processes["worker"]
    assert "celery -A workshop beat" in processes["beat"]


def test_make_run_serves_on_the_port_given_and_checks_it_before_installing_or_migrating():
    commands = make_dry_run("run", "PORT=8001")
    steps = ["connect_ex", "-m venv .venv", "manage.py migrate", "manage.py seed_demo"]
    positions = [commands.index(step) for step in steps]
    assert positions == sorted(positions)
    assert commands.splitlines()[-1] == ".venv/bin/honcho -f Procfile.dev start --port 8001"
    # honcho gives its first process the port it starts from (and the next ones +100 each).
    assert read("Procfile.dev").startswith("web: ")


def make_port_free(port: str) -> subprocess.CompletedProcess:
    return make(f"PYTHON={sys.executable}", f"PORT={port}", "port-free")


def test_make_run_on_a_port_already_served_says_so_and_stops():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        result = make_port_free(str(port))
    assert result.returncode != 0
    assert result.stdout == (
        f"Something already answers on http://127.0.0.1:{port}/: "
        "is 'make run' running in another terminal?\n"
        "Nothing was changed. Use that one, stop it with Ctrl-C, "
        f"or choose another port: make run PORT={port + 1}\n"
    )


def test_make_run_on_a_free_port_goes_on():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = make_port_free(str(port))
    assert (result.returncode, result.stdout) == (0, "")


def test_make_run_refuses_a_port_that_is_not_a_number():
    result = make_port_free("80o1")
    assert result.returncode != 0
    assert result.stdout == "PORT must be a port number, such as 8001, not '80o1'.\n"


def test_make_test_installs_the_test_tools_and_runs_every_marker():
    commands = make_dry_run("test")
    assert "pip install --quiet -r requirements-dev.txt" in commands
    assert '-m pytest -m ""' in commands


def test_make_refuses_an_old_python_with_a_clear_message():
    result = make("PYTHON=python3.11", "python-version")
    if result.returncode == 0:  # this machine's python3.11 is missing or is not 3.11
        assert "3.12" not in result.stdout
        return
    assert "Kachinko needs Python 3.12 or newer" in result.stdout
    assert "make PYTHON=python3.12 run" in result.stdout


def test_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in read(name).splitlines():
            if line and not line.startswith(("#", "-r ")):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][\w.]*", line), line


def test_without_redis_celery_uses_an_embedded_broker():
    if settings.REDIS_URL:
        assert settings.CELERY_BROKER_URL == settings.REDIS_URL
    else:
        assert settings.CELERY_BROKER_URL == "filesystem://"
        assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"].startswith(
            str(settings.VAR_DIR)
        )


def test_ci_runs_the_readmes_test_command_on_postgresql_and_redis():
    ci = read(".ci/run")
    readme = read("README.md")
    assert "make test    #" in readme
    assert "\nmake test\n" in ci
    assert "export DATABASE_URL=postgres://postgres@127.0.0.1:5432/" in ci
    assert "export REDIS_URL=redis://127.0.0.1:6379/" in ci
    assert "export KACHINKO_REQUIRE_SERVICES=1" in ci
    assert "chromium fonts-noto-cjk gettext libpango-1.0-0 libpangoft2-1.0-0" in ci
    assert "postgresql-client \\\n    redis-tools" in ci


def test_readme_names_the_two_commands_and_the_demo_logins():
    first_screen = "\n".join(read("README.md").splitlines()[:45])
    assert "make run" in first_screen
    assert "make test" in first_screen
    for email in ("organizer", "mentor", "parent", "parent2"):
        assert f"`{email}@kachinko.test`" in first_screen
    assert "kachinko-demo" in first_screen


def test_manage_py_without_django_says_to_activate_the_virtual_environment():
    """`-S` leaves out site-packages: Python as a new user's shell finds it outside the venv."""
    result = subprocess.run(
        [sys.executable, "-S", "-I", "manage.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "ImportError: Couldn't import Django. Are you sure it's installed and available on your "
        "PYTHONPATH environment variable? Did you forget to activate a virtual environment? "
        "(Kachinko's is .venv: run 'make install', then '.venv/bin/python manage.py …' "
        "or 'source .venv/bin/activate'.)"
    )
