"""The pure part of the reminders' bench (tests/bench_deliveries.py)."""

from tests.bench_deliveries import describe, throughput_verdict


def test_reminders_at_half_the_trivial_tasks_throughput_meet_the_goal():
    assert throughput_verdict(50.0, 100.0) == (0.5, "PASS")


def test_reminders_slower_than_half_miss_the_goal():
    assert throughput_verdict(40.0, 100.0) == (0.4, "FAIL")


def test_the_figures_are_said_in_one_line():
    line = describe(
        {"count": 10_000, "trivial_s": 10.0, "reminders_s": 25.0, "ratio": 0.4, "verdict": "FAIL"}
    )
    assert line == (
        "Reminders through Celery: 10,000 in 25.0 s (400/s); trivial tasks: 10,000 in 10.0 s "
        "(1000/s); reminders' throughput 0.40× the trivial tasks' (goal ≥ 0.5×): FAIL"
    )
