"""One settings module read from the environment: malformed values and unsafe production
configurations are refused, and production passes Django's deploy checks."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from workshop.settings import BASE_DIR, env_bool, env_int, env_list

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-0123456789abcdef",
    "DJANGO_ALLOWED_HOSTS": "kachinko.example",
}


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_env_bool_reads_yes_and_no(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True


def test_env_bool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be a boolean"):
        env_bool("FLAG", False)


def test_env_int_refuses_a_non_number(monkeypatch):
    monkeypatch.setenv("COUNT", "ten")
    with pytest.raises(ImproperlyConfigured, match="COUNT must be an integer"):
        env_int("COUNT", 1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def test_production_refuses_the_development_secret_key():
    result = run_manage("check", DJANGO_DEBUG="0")
    assert result.returncode == 1
    assert "Set DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.slow
def test_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.slow
def test_migrations_match_the_models():
    result = run_manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_production_collects_static_files_with_hashed_names(tmp_path):
    result = run_manage(
        "collectstatic", "--noinput", DJANGO_STATIC_ROOT=str(tmp_path), **PRODUCTION
    )
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"css/kachinko.css": "css/kachinko.' in manifest
    assert list(tmp_path.glob("vendor/htmx/htmx.min.*.js.gz"))


def test_a_deployment_with_its_own_secret_key_runs_without_debug_unless_asked():
    code = "from django.conf import settings; print(settings.DEBUG)"
    secret = PRODUCTION["DJANGO_SECRET_KEY"]
    result = run_manage("shell", "-v0", "-c", code, DJANGO_SECRET_KEY=secret)
    assert result.stdout.strip() == "False", result.stderr
    result = run_manage("shell", "-v0", "-c", code)
    assert result.stdout.strip() == "True", result.stderr
