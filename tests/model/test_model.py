"""The model's variables: only where a lesson can go; accessors; warm starts."""

from __future__ import annotations

from ortools.sat.python import cp_model

from aligner.io import load_instance
from aligner.model import build_model
from aligner.model.variables import ClassLesson, new_bool
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from tests.builders import klass, pair, subject, sync_pair, teacher


def test_no_variable_where_a_teacher_is_away_or_periods_do_not_align(tmp_path):
    # th is away Mon:2; R's period 2 is an hour after H's, so only H1-R1 can hold a session.
    directory = sync_pair(tmp_path, receiving_bells=("08:00-08:40", "10:00-10:40"))
    teachers = directory / "teachers.csv"
    teachers.write_text(teachers.read_text(encoding="utf-8").replace("th,H,th,,0,20,",
                                                                     "th,H,th,,0,20,Mon:2"),
                        encoding="utf-8")
    built = build_model(load_instance(directory))
    v = built.variables
    assert set(v.session) == {("ma", "Mon", 1)}
    assert set(v.reception) == {("ma", "Mon", 1, "R", 1)}
    assert not any(key[3:] == ("Mon", 2) for key in v.local if key[0] == "H")
    assert v.at("H", "h1", "Mon", 2) == []
    # The one maths lesson of h1 and of r1 must be the session, so no local variables at all.
    received = v.reception[("ma", "Mon", 1, "R", 1)]
    assert [x.index for x in v.at("R", "r1", "Mon", 1)] == [received.index]
    assert built.size()["booleans"] == {"local": 0, "session": 1, "reception": 1, "double": 0}


def test_hint_reproduces_a_known_timetable(tmp_path):
    # Solve once; hint the model with that timetable and fix the hinted values: CP-SAT must
    # accept it as is, proving hint() maps every lesson and session back to its variable.
    # 美术 is one double lesson (the two periods are 20 minutes apart: allowed up to 20).
    directory = pair(tmp_path, days=("Mon", "Tue"), classes=[klass("H", "h1")],
                     policy={"max_double_gap": 20},
                     teachers=[teacher("ta", "H"), teacher("tb", "H")],
                     curriculum=[subject("H", "h1", "数学", "ta", 2),
                                 subject("H", "h1", "美术", "tb", 2, doubles=1)])
    instance = load_instance(directory)
    first = solve_model(instance, SolverSettings(workers=1))
    assert first.timetable is not None
    built = build_model(instance)
    built.variables.hint(first.timetable)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    assert solver.solve(built.model) == cp_model.OPTIMAL
    chosen = {key for key, var in built.variables.local.items() if solver.boolean_value(var)}
    assert chosen == {(x.school_id, x.class_id, x.subject, x.day, x.period)
                      for x in first.timetable.lessons}
    doubles = {key for key, var in built.variables.double.items() if solver.boolean_value(var)}
    assert doubles == {(x.school_id, x.class_id, x.subject, x.day, x.double_start)
                       for x in first.timetable.lessons if x.double_start is not None}
    assert len(doubles) == 1


def test_new_bool_makes_what_new_bool_var_makes():
    # The shared 0-1 domain: each variable a named Boolean of its own, as new_bool_var's are.
    ours, theirs = cp_model.CpModel(), cp_model.CpModel()
    made = [new_bool(ours.proto, f"x[{i}]") for i in range(3)]
    for i in range(3):
        theirs.new_bool_var(f"x[{i}]")
    assert str(ours.proto) == str(theirs.proto)
    assert [x.index for x in made] == [0, 1, 2] and made[1].name == "x[1]"
    ours.add(made[0] + made[1] + made[2] == 2)
    ours.add(made[0] == 0)
    solver = cp_model.CpSolver()
    assert solver.solve(ours) == cp_model.OPTIMAL
    assert [solver.value(x) for x in made] == [0, 1, 1]


def test_the_subject_day_index_follows_lessons_added_after_it(tmp_path):
    # by_subject_day is made once per build; a class lesson added after it makes it anew.
    v = build_model(load_instance(pair(tmp_path, days=("Mon", "Tue"), classes=[klass("H", "h1")],
                                       teachers=[teacher("ta", "H")],
                                       curriculum=[subject("H", "h1", "数学", "ta", 2)]))).variables
    first = v.by_subject_day()
    assert v.by_subject_day() is first
    assert len(first[("H", "h1", "数学", "Mon")]) == len(v.instance.periods("H"))
    extra = v.model.new_bool_var("extra")
    v.class_lessons[("H", "h1")].append(ClassLesson(extra, "美术", "Tue", 1))
    again = v.by_subject_day()
    assert again is not first and again[("H", "h1", "美术", "Tue")] == [extra]
