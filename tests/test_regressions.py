"""Regression tests, each named after what broke."""

from __future__ import annotations

from aligner.check import check_solution
from aligner.export import write_outputs
from aligner.io import load_instance
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from tests.builders import bells, write_instance

SIX = ("08:15-08:55", "09:05-09:45", "09:55-10:35", "10:45-11:25", "13:10-13:50", "14:10-14:50")


def test_same_day_repeats_are_exact_in_a_first_solution(tmp_path):
    # The repeat counter was only bounded below (excess >= lessons - 1), so a solve stopped at
    # its first solution could report more repeats (and a larger objective) than the timetable
    # has. Found by the checker on random instances; this one reported 4 repeats for 2.
    def t(teacher_id: str, school_id: str, **extra: str) -> dict:
        return {"teacher_id": teacher_id, "school_id": school_id, "name": teacher_id,
                "max_load": 20, **extra}

    def c(school_id: str, class_id: str, subject: str, teacher_id: str, per_week: int) -> dict:
        return {"school_id": school_id, "class_id": class_id, "subject": subject,
                "teacher_id": teacher_id, "per_week": per_week}

    directory = write_instance(
        tmp_path / "repeats",
        {"name": "repeats", "season": "winter", "days": ["Mon", "Tue", "Wed"],
         "policy": {"min_sync_lessons_per_pair": 2, "min_online_lessons_per_school": 0,
                    "min_overlap_minutes": 20}},
        schools=[{"school_id": "S0", "name": "S0"}, {"school_id": "S1", "name": "S1"}],
        bells=bells("S0", *SIX) + bells("S1", *SIX),
        classes=[{"school_id": s, "class_id": k, "grade": 3, "name": k}
                 for s, k in (("S0", "a"), ("S0", "b"), ("S1", "x"))],
        teachers=[t("T1", "S0", level="city", unavailable="Tue:6"), t("T4", "S0"), t("T2", "S0"),
                  *(t(x, "S1") for x in ("T5", "T6", "T7", "T8", "T9"))],
        curriculum=[c("S0", "a", "数学", "T1", 1), c("S0", "a", "美术", "T4", 2),
                    c("S0", "b", "数学", "T1", 2), c("S0", "b", "英语", "T2", 1),
                    c("S1", "x", "语文", "T5", 1), c("S1", "x", "数学", "T6", 1),
                    c("S1", "x", "英语", "T7", 1), c("S1", "x", "音乐", "T8", 1),
                    c("S1", "x", "美术", "T9", 2)],
        sync=[{"course_id": "K0", "form": "sync", "hub_school": "S0", "hub_teacher": "T4",
               "hub_class": "a", "receiving_school": "S1", "receiving_class": "x",
               "subject": "美术", "per_week": "1-2"},
              {"course_id": "K1", "form": "sync", "hub_school": "S0", "hub_teacher": "T1",
               "hub_class": "b", "receiving_school": "S1", "receiving_class": "x",
               "subject": "数学", "per_week": "1", "assistant_teacher": "T6"}],
    )
    instance = load_instance(directory)
    for seed in range(4):
        # CP-SAT alone: with the LP start the first timetable is already optimal.
        result = solve_model(instance, SolverSettings(workers=1, seed=seed, lp_start=False, params=(
            ("stop_after_first_solution", "true"),
            ("search_branching", "PORTFOLIO_WITH_QUICK_RESTART_SEARCH"))))
        assert result.found
        out = directory / f"out{seed}"
        write_outputs(result, out)
        assert check_solution(instance, out, require_reports=True).violations == ()


def test_large_numbers_survive_the_csv_round_trip(tmp_path):
    # A max_load of 2147483648 was written as 2.14748e+09 (printf %g), so teacher_load.csv and
    # compliance.csv no longer matched the instance. Found by the property-based input test.
    # Loads now lie in 0-200 with at most 2 decimal places (issue 20): the largest of them
    # keeps every digit, and 2147483648 is refused at its cell.
    from click.testing import CliRunner

    from aligner.cli import main
    from tests.builders import sync_pair
    from tests.solving import solve_checked

    directory = sync_pair(tmp_path / "a", hub_max_load="199.99")
    result = solve_checked(directory)
    text = (directory / "out" / "teacher_load.csv").read_text(encoding="utf-8-sig")
    assert ",199.99" in text
    assert result.found
    refused = sync_pair(tmp_path / "b", hub_max_load="2147483648")
    run = CliRunner().invoke(main, ["solve", str(refused), "--out", str(tmp_path / "out")])
    assert run.exit_code == 2
    assert "teachers.csv, row 2, column max_load: 2147483648 is above the maximum 200" in run.stderr


def test_a_copy_of_an_instance_computes_its_cached_properties_again():
    # pydantic's model_copy carried the original's cached properties into the copy: a copy with
    # other bells answered with the original's periods and fingerprint.
    from pathlib import Path

    instance = load_instance(Path(__file__).parent.parent / "data" / "lanxi-2022-winter")
    school = instance.schools[0].school_id
    first = instance.periods(school)[0]
    fingerprint = instance.bells_fingerprint
    later = tuple(b.model_copy(update={"start": b.start + 5, "end": b.end + 5})
                  for b in instance.bells)
    moved = instance.model_copy(update={"bells": later})
    assert moved.periods(school)[0].start == first.start + 5
    assert moved.bells_fingerprint != fingerprint
    assert instance.periods(school)[0] is first  # (the original keeps its own)
