"""Searching a built model with CP-SAT, after an LP-guided start.

The search runs in up to six stages, each recorded (name, status, objective, bound, seconds):

1. ``lp``: the model's LP relaxation (:mod:`aligner.model.relaxation`, OR-Tools' PDLP and
   GLOP) gives a lower bound on the objective, the placements that are whole (1) in the LP
   optimum, and the reduced-cost fixings that every timetable meeting the bound respects;
2. ``guided``: CP-SAT looks for a timetable whose objective *equals* the bound, among those
   with the whole placements and the fixings, within :data:`EXACT_BUDGET` deterministic seconds
   and half the time left; only when those placements are at least a fifth of the week's
   lessons (:data:`GUIDED_MIN_WHOLE`), and on LPs under :data:`EXACT_MAX_COLUMNS` columns.
   Such a timetable is optimal (proven by the LP bound) and ends the search. Holding the
   objective at the bound, not just above it, lets CP-SAT prune by it: the stage took 1.1 s
   instead of 1.9 s in all on the shipped examples, the generated pairs and seven city
   components;
3. ``guided-above``: when that budget ran out (or the stage did not run), the same placements
   with the objective free above the bound, searched by CP-SAT's neighbourhood searches alone
   (they start from any timetable, here from the LP optimum rounded, :data:`ROUNDED_HINT`;
   the LP bound proves the optimum), within :data:`ABOVE_BUDGET` deterministic seconds and half
   the time left, or :data:`ABOVE_GIVE_UP` seconds if it has found no timetable by then; a
   timetable meeting the bound ends the search, another is the next hint;
4. ``fixings``: when neither guided stage found a timetable meeting the bound, the whole model
   with only the reduced-cost fixings (which every timetable meeting the bound keeps), CP-SAT's
   own search from the guided-above stage's timetable if it found one, half the time left; a
   timetable meeting the bound ends the search, the better of the two is the next hint;
5. ``raise``: when the fixings stage proved that no timetable meets the bound, the objective
   held at exactly the bound + 1, + 2, ... in turn, with the fixings made for each
   (:func:`_raise_bound`): each value found to have no timetable raises the bound, a timetable
   at one is optimal and ends the search. When no stage has found a timetable by then, the
   quick stage's jump (``quick-jump``) first gives one;
6. ``full``: when no earlier stage found a timetable meeting the bound (or none ran), CP-SAT on
   the whole model with the objective held at or above the bound (as raised), for the time
   left; a timetable meeting the bound ends it the same way.

``SolverSettings(lp_start=False)`` (``--no-lp-start``) runs the full stage alone without bound,
as CP-SAT alone. ``SolverSettings(quick_start=True)`` (``--quick-start``) runs a quick stage
first, until a first timetable: ``quick-jump``, CP-SAT's local searches without presolve (nor
its search for symmetries) for :data:`JUMP_BUDGET` deterministic seconds (its feasibility jump
starts at once); when that found nothing ``quick``, CP-SAT's fixed search after presolve, and
when neither found one ``quick-ls``, CP-SAT's local searches alone after a light presolve (each
of the last two for at most :data:`QUICK_SHARE` of the time limit and :data:`QUICK_MAX`
seconds). When the first timetable is all that is asked for (below) the local
searches come before the fixed search: they find one sooner on most of FET's files, while the
fixed search's first timetable is often one CP-SAT proves optimal, which ends the search. The
other stages then start from its timetable (a hint), which is kept if they find none.
With ``--param stop_after_first_solution=true`` each stage stops at its first timetable (the
guided stage's first one meets the bound, so it is optimal), and a quick stage's timetable ends
the search (``SolverSettings.first_only``; ``aligner solve --first`` asks for all three).
Ctrl-C (or the stop flag of a worker process) stops the stage under way; the best timetable
found so far is kept.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ortools.sat.python import cp_model

from aligner.model import BuiltModel
from aligner.model.relaxation import Relaxation, lp_relaxation
from aligner.solver.result import Status
from aligner.solver.settings import SolverSettings, configure, search_defaults

LP_SHARE = 0.25
"""At most this share of the time limit goes to the LP relaxation."""
GUIDED_SHARE = 0.5
"""At most this share of the time left after the LP goes to the guided stage."""
GUIDED_MIN_WHOLE = 0.2
"""The guided stage runs only when the placements whole in the LP optimum number at least this
share of the week's lessons. Measured (one worker): on all 35 city components the share is
42-100% and the guided stage 2-3x faster than without it where it is lowest (42-50%); on FET
imports, HashiyanaPSY16T2a (38%) 1.4 s with it against 2.6 s without, Arabic_Saudi_2 (31%) about
even, ACHILES-MANHA (8%) 7.9 s with it against 2.4 s without."""

GUIDED_PARAMETERS: tuple[tuple[str, str], ...] = (("cp_model_probing_level", "0"),)
"""CP-SAT parameters of the guided stages (a --param of the same name overrides them). Their
model has a third of its variables fixed by the LP, where probing finds little: without it the
guided stage took 1.9 s instead of 2.4 s in all on the shipped examples, the generated pairs and
seven city components (one worker, medians of 3 seeds)."""
EXACT_BUDGET = 0.15
"""CP-SAT deterministic seconds for the guided stage that holds the objective at the bound
(deterministic, so a one-worker solve stays reproducible). Where this stage succeeds at once it
needs a few hundredths (the shipped examples, generated pairs, the easy components of the county
and the city with the office rules); where the LP's whole placements cannot meet the bound it
proves that as quickly (city g018 and g025). Otherwise its default search is slow to find the one
timetable at the bound (6-8 s on ten of those 35 city components, or nothing in 5 deterministic
seconds), where the guided-above stage's neighbourhood searches find it in 0.4-4 s; so the
budget is short (5.0 before: the city's 34 proven components took 180 s of one core instead of
119 s, the county's 9 took 28.6 s instead of 18.1 s; one worker, seed 0)."""
EXACT_MAX_COLUMNS = 8000
"""The guided stage runs only on LPs of fewer columns; on larger ones the guided-above stage comes
straight after the LP. There the stage seldom met the bound within its budget (2 of the generated
county's 10 components; 0.3 s each where it failed) and the guided-above stage's neighbourhood
searches find that timetable in a few tenths of a second. Side by side, one core, seed 0, every
component proven either way: the county's components 17.4 s -> 15.4 s (medians of 2), the
100-school shape 38.1 -> 34.3 s, the city 59.1 -> 52.7 s (the LPs of the shipped examples and the
generated pairs are smaller: their searches are unchanged)."""
EXACT_PARAMETERS = (*GUIDED_PARAMETERS, ("max_deterministic_time", str(EXACT_BUDGET)))
ABOVE_BUDGET = 10.0
"""CP-SAT deterministic seconds for the guided-above stage..."""
ABOVE_PARAMETERS = (*GUIDED_PARAMETERS, ("use_lns_only", "true"),
                    ("max_deterministic_time", str(ABOVE_BUDGET)))
"""... which runs CP-SAT's neighbourhood searches alone, from its feasibility jump's first
timetable or the hint: the LP bound is what proves the optimum there, so CP-SAT's own LP search
is left out (with one worker it took turns of about 2 s between theirs). On those city components
the stage found the timetable at the bound in 0.4-4 s where it took 2.3-10 s with it. Where the
bound cannot be met (county g005) its best timetable is the full stage's hint."""
ABOVE_GIVE_UP = 2.0
"""Wall seconds after which the guided-above stage gives up when it has found no timetable at
all: its neighbourhood searches improve a timetable but cannot prove that the LP's whole
placements allow none, and would search to the end of their budget. On the 66 of the 70
components of the generated county, city and 100-school instances (seed 1, office rules; one
core, seed 0) where the stage runs its first timetable came within 0.51 s (most within 0.23
s); on FET's files within 0.33 s, but on MHS_July2 none in 6.5 s; on the hard library's
``pair-1-co-teachers``, whose whole placements allow none, the stage searched 6.8 s in vain."""

RAISE_BUDGET = 10.0
"""CP-SAT deterministic seconds for each run of the raise stage (the objective held at one
value, with the fixings made for it). Where the LP bound is below the optimum the fixings
stage proves the bound out of reach; on the hard library's ``pair-1-co-teachers`` (LP bound
72, optimum 75; one worker, seed 0) the runs at 73 and 74 proved them out of reach in 0.16 and
0.03 deterministic seconds, and the run at 75 found its timetable in 0.2-5.4 (seeds 0-3), where
the full stage took 28-64 s to find 75 and prove it."""
RAISE_PARAMETERS = (*GUIDED_PARAMETERS, ("max_deterministic_time", str(RAISE_BUDGET)))
RAISE_MAX_RUNS = 10
"""The raise stage's runs at most (three on the hard library's two cases where it runs:
``pair-1-co-teachers`` 72 -> 75, the optimum; ``pair-1-day-limits`` 102 -> 105, its third run
out of budget): on a model with no timetable at all whose LP has one, every run would prove its
value out of reach; the full stage is what says the model is infeasible."""

ROUNDED_HINT = True
"""The guided-above stage's model is hinted with the LP optimum's other placements rounded
(:attr:`aligner.model.relaxation.Relaxation.rounded`), so that its neighbourhood searches start
near the LP optimum rather than from the feasibility jump's first timetable (not when a quick
stage's timetable is the hint already). Measured one core, both variants at once, every
component proven either way, the stage's seconds in all: seed 0, county 4.67 -> 3.47 s, city
23.1 -> 13.0 s, the 100-school shape 12.5 -> 16.0 s (one component, g007, 1.3 -> 6.9 s; 17 of
25 faster); seed 1, county 6.97 -> 5.71 s, city 17.3 -> 13.3 s, the 100-school shape 15.9 ->
13.3 s."""

QUICK_SHARE = 0.1
"""Each attempt of the quick stage after the first (``quick-ls``, ``quick``) gets at most this
share of the time limit (``quick_start``)..."""
QUICK_MAX = 5.0
"""... and at most these seconds. Not more for the local searches when the first timetable is
all that is asked for: with a third of the time limit, 15 s at most, they found FET's MAPSY16T1d's
week in 2.5-10.6 s in all six runs (42 s in four of six with 5 s), but KalengaPSY15T1a's and
NehaleSS2017T1a's in only three of six, where with 5 s the full stage after them found
KalengaPSY15T1a's in all six (47-53 s) within the 60 s limit (docs/fet.md, the quick stage side
by side)."""
FIXED_PARAMETERS: tuple[tuple[str, str], ...] = (("search_branching", "FIXED_SEARCH"),
                                                  ("stop_after_first_solution", "true"))
"""CP-SAT's fixed search, stopped at its first timetable: the quick stage's ``quick`` attempt.
With two workers CP-SAT runs it beside its feasibility jump, and on models whose objective can
reach 0 beside its core search, whose first timetable is then optimal: the Hashiyana-St Andrews
pair of docs/fet.md in 1.5 s (the local searches: 3.5 s, or none in 5 s), FET's
NamutuniPSY16T2a in about 3 s (the local searches: none in 5 s)."""
LIGHT_PRESOLVE: tuple[tuple[str, str], ...] = (("symmetry_level", "0"),
                                                ("max_presolve_iterations", "1"))
"""The presolve of the quick stage's local searches: one pass of CP-SAT's presolve (probing
once, not three times) and no search for symmetries, which the local searches do not use. On
HavanaPSY2016T2b presolve took 1.0-1.1 s of a 1.2-1.8 s attempt (probing 0.19 s a pass, three
passes; symmetries 0.1 s), and 0.2 s with these. Without probing as well the local searches
failed on RehobothPSY16T1a (nothing in 5 s in 2 of 3 runs, 0.57 s with probing once)."""
LOCAL_SEARCHES: tuple[tuple[str, str], ...] = (("use_ls_only", "true"),
                                                ("feasibility_jump_decay", "1.0"),
                                                ("stop_after_first_solution", "true"))
"""CP-SAT's local searches alone (its feasibility jumps and violation local search, no tree
search), stopped at their first timetable: the quick stage's ``quick-jump`` and ``quick-ls``
attempts, which differ in their presolve. Their feasibility jumps keep the weights they give the
rules broken (``feasibility_jump_decay`` 1.0: CP-SAT otherwise lets them decay by 0.95 in about
half of its restarts, chosen at random): the time to a first timetable then varies far less from
seed to seed. Measured on FET's whole files, CP-SAT alone on the built model, two workers,
medians over seeds 0-5, without presolve (as ``quick-jump``) / after the light presolve (as
``quick-ls``): KPS 0.19 -> 0.05 / 0.22 -> 0.15 s, Brazil 0.18 -> 0.04 / 0.17 -> 0.11 s, PutSS
0.20 -> 0.08 / 0.23 -> 0.20 s, Arabic_Saudi_2 0.13 -> 0.08 / 0.34 -> 0.31 s, CONCORDIA 2.63 ->
1.81 / 0.76 -> 0.50 s, Van_RhynFinal 0.98 -> 0.49 / 0.33 -> 0.22 s, HavanaPSY2016T2b 0.68 ->
0.70 / 0.71 -> 0.56 s; worse after presolve on ConcordiaY2016T2a (0.91 -> 1.39 s; without it
1.80 -> 0.73 s). On the slowest seed of the six: KPS 0.59 -> 0.14 s, Brazil 0.73 -> 0.13 s
without presolve."""
QUICK_PARAMETERS: tuple[tuple[str, str], ...] = (*LOCAL_SEARCHES, *LIGHT_PRESOLVE)
"""CP-SAT's local searches alone after a light presolve (:data:`LIGHT_PRESOLVE`; ``use_ls_only``:
its feasibility jumps and violation local search, no tree search), stopped at their first
timetable: the quick stage's ``quick-ls`` attempt. Asked for a first timetable alone, on FET's
41 example files that import whole (two workers, seed 0, whole runs with it in the fixed
search's place and with the fixed search, one after the other; the fixed search now follows it)
it came sooner on 27, for instance MAPS 27.6 -> 1.3 s, ConColY13T1a 16.4 -> 2.2 s,
RehobothPSY16T1a 9.9 -> 0.9 s, ConcordiaY2016T2a 14.1 -> 3.0 s; later on NamutuniPSY16T2a (3.1
-> 8.1 s with the fixed search after the local searches' 5 s, as now; 44 s without it). With one
worker they gained nothing on five of those files (either way, one core each, both at once:
RehobothPSY16T1a, ConColY13T1a and ConcordiaY2016T2a in 4.1-5.2 s, MAPS and NamutuniPSY16T2a
none in 60 s)."""
JUMP_BUDGET = 0.3
"""CP-SAT deterministic seconds for the quick stage's first attempt, ``quick-jump``: its local
searches without presolve, where its feasibility jump starts at once. CP-SAT runs its jumps in
batches of 0.1 deterministic seconds (``feasibility_jump_batch_dtime``), and with seeds 0 and 4
the first two batches found no timetable where the third did: of 15 of FET's whole files tried
(two workers, seeds 0-5), with seed 0 on 7 (KPS, Brazil, PutSS, HashiyanaPSY16T2a, WTHS,
PutuavangaSSY2017T1a, Highlands_Christian_School: 0.10-0.19 s), with seed 4 on 11, none within
0.1 or 0.2 (batches of 0.03 or 0.05 found fewer). Where the jump finds none it costs about 0.25
s instead of 0.08 s (StAndrewsPSY2016T2a, RehobothPSY16T1a). On every component of the
generated county and city (seed 1, office rules) it finds a timetable in 0.004-0.008
deterministic seconds (70-140 ms), where presolve alone took about 0.55 s of each component's
0.6-0.9 s quick stage (county in all 6.9 s -> 0.8 s, city 21.9 s -> 2.7 s, one worker). On
FET's files with teachers' gaps it needed 1.3-1.5 deterministic seconds (with CP-SAT's decay of
the weights), more than presolve and the fixed search together: there the budget runs out and
the presolved attempts follow."""
JUMP_PARAMETERS = (*LOCAL_SEARCHES, ("cp_model_presolve", "false"), ("symmetry_level", "0"),
                   ("max_deterministic_time", str(JUMP_BUDGET)))
"""The jump's CP-SAT parameters: the local searches alone (``use_ls_only``), without presolve and
without the search for symmetries, which CP-SAT runs without presolve too (its log on FET's
MHS_July_MA: 0.03 s and 0.11 deterministic seconds of a 0.45 s attempt). The attempt was the
fixed search before, which with two workers CP-SAT ran beside its feasibility jump; on every
component of the generated county (seed 1) and on the 7 of FET's 34 whole files (of the quick
benchmark) where the attempt finds a timetable, the feasibility jump found it, and the fixed
search only slowed it down. Side by side, two workers, medians of 3: the attempt on those 34
files took 5.67 s in all with the symmetries, 4.91 s without, 3.12 s as the local searches
alone (FET's 27 files where it finds nothing 0.06-0.21 s instead of 0.10-0.43 s), the county's
ten components 0.67 s -> 0.38 s in all, every outcome the same; with one worker the two are
alike (CP-SAT runs its feasibility jump first either way). Whole ``aligner solve --first``
runs on the generated instances (seed 1, office rules; medians of 3, run by run beside the
commit before), the symmetries left out: county 2.25 -> 2.10 s, city 5.36 -> 4.93 s, the
100-school shape 4.27 -> 4.00 s; then the local searches alone: county 2.12 -> 2.09 s, city
4.80 -> 4.74 s, the 100-school shape 4.04 -> 3.99 s (the model build and the writing of the
files are most of these runs)."""


_STATUS = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
    cp_model.MODEL_INVALID: Status.MODEL_INVALID,
}


class Observer(Protocol):
    """Follows the search (the benchmark harness records progress with it)."""

    def on_start(self) -> None:
        """The search starts (the model is built); optional."""

    def on_solution(self, objective: float, bound: float | None) -> None: ...

    def on_bound(self, bound: float) -> None: ...


@dataclass
class Search:
    """How the search ended. ``solver`` holds the timetable kept (read it with the built model's
    variables: every stage's model has the same variables)."""

    status: Status
    solver: cp_model.CpSolver | None
    best_bound: float | None
    interrupted: bool
    seconds: float
    stages: list[dict[str, Any]] = field(default_factory=list)
    deterministic_time: float = 0.0
    solver_info: str = ""
    """CP-SAT's own words on the last stage (why it rejected a model, for instance)."""


class _Watch(cp_model.CpSolverSolutionCallback):
    """Stops the search at a timetable meeting ``target`` (the LP bound); tells the observer."""

    def __init__(self, target: int | None, observer: Observer | None, global_bound: bool):
        super().__init__()
        self.target = target
        self.observer = observer
        self.global_bound = global_bound
        self.reached = False
        self.found = False

    def on_solution_callback(self) -> None:
        self.found = True
        objective = self.objective_value
        if self.observer is not None:
            bound = self.best_objective_bound if self.global_bound else None
            if self.target is not None:
                bound = self.target if bound is None else max(bound, self.target)
            self.observer.on_solution(objective, bound)
        if self.target is not None and objective <= self.target + 1e-9:
            self.reached = True
            self.stop_search()


def search(built: BuiltModel, settings: SolverSettings,
           observer: Observer | None = None) -> Search:
    """Run the stages (see the module's doc) within ``settings.time_limit``."""
    started = time.perf_counter()
    stages: list[dict[str, Any]] = []
    start = getattr(observer, "on_start", None)  # (optional: an observer may leave it out)
    if start is not None:
        start()

    def left() -> float:
        return max(0.01, settings.time_limit - (time.perf_counter() - started))

    quick: cp_model.CpSolver | None = None
    if settings.quick_start and not built.model.proto.solution_hint.vars:
        budget = min(QUICK_MAX, settings.time_limit * QUICK_SHARE)
        attempts = [("quick-ls", QUICK_PARAMETERS), ("quick", FIXED_PARAMETERS)]
        if not settings.first_only:  # (the fixed search's timetable may end the search)
            attempts.reverse()
        for name, defaults in [("quick-jump", JUMP_PARAMETERS), *attempts]:
            solver, status, interrupted, _ = _stage(
                name, built.model, settings, min(budget, left()), None, observer, stages,
                global_bound=False, defaults=defaults)
            if interrupted or status in (Status.OPTIMAL, Status.FEASIBLE, Status.INFEASIBLE):
                break
        found = status in (Status.OPTIMAL, Status.FEASIBLE)
        # optimal: its first timetable met CP-SAT's own bound; or the first timetable is all
        # that was asked for (the later stages would only find one again from it)
        if interrupted or status == Status.OPTIMAL or (found and settings.first_only):
            return Search(status if status == Status.OPTIMAL else
                          Status.FEASIBLE if found else Status.UNKNOWN,
                          solver if found else None,
                          solver.best_objective_bound if found else None,
                          interrupted, time.perf_counter() - started, stages,
                          solver.deterministic_time)
        if found:
            quick = solver   # the stages below start from it
            _hint(built.model, solver)

    relaxation: Relaxation | None = None
    if settings.lp_start and built.terms:
        try:
            relaxation = lp_relaxation(built, settings.time_limit * LP_SHARE)
        except KeyboardInterrupt:
            return Search(Status.UNKNOWN, None, None, True, time.perf_counter() - started, stages)
        lessons = sum(row.per_week for row in built.variables.instance.curriculum)
        whole = len(relaxation.ones) / max(1, lessons) if relaxation else 0.0
        stages.append({"stage": "lp", "status": "OPTIMAL" if relaxation else "NOT_USED",
                       "objective": relaxation.value if relaxation else None,
                       "bound": relaxation.bound if relaxation else None,
                       "whole_share": round(whole, 3),
                       "seconds": round(time.perf_counter() - started, 3)})
        if relaxation is not None:
            if settings.log:
                print(f"LP relaxation: optimum {relaxation.value:.6g}, bound {relaxation.bound}, "
                      f"{len(relaxation.ones)} placements whole, {relaxation.seconds:.2f} s",
                      file=sys.stderr)
            if observer is not None:
                observer.on_bound(relaxation.bound)

    full = built.model
    floor = relaxation.bound if relaxation is not None else None  # no timetable is below it
    deterministic = 0.0
    guided_solver: cp_model.CpSolver | None = None
    if relaxation is not None and whole >= GUIDED_MIN_WHOLE:
        full = built.model.clone()
        full.add(built.objective >= relaxation.bound)
        above = _guided_model(full, relaxation.fixings, relaxation.ones)
        guided_stages: list[tuple[str, Callable[[], cp_model.CpModel],
                                  tuple[tuple[str, str], ...]]] = []
        if relaxation.columns < EXACT_MAX_COLUMNS:
            exact = above.clone()  # (the exact stage goes without the rounded hint)
            exact.add(built.objective <= relaxation.bound)
            guided_stages.append(("guided", lambda: exact, EXACT_PARAMETERS))
        guided_stages.append(("guided-above", lambda: _rounded_hint(above, relaxation),
                              ABOVE_PARAMETERS))
        # the fixings stage: the whole placements led nowhere, or only above the bound; the
        # fixings alone hold in every timetable that meets the bound (its model is made when it
        # runs, so that a guided-above timetable is its hint)
        if relaxation.fixings:
            guided_stages.append(("fixings", lambda: _guided_model(full, relaxation.fixings),
                                  GUIDED_PARAMETERS))
        dead_end = False  # no timetable with the whole placements meets the bound
        refuted = False  # no timetable meets the bound: the fixings stage proved it
        for name, model_of, defaults in guided_stages:
            if name == "guided-above" and dead_end:
                continue
            solver, status, interrupted, reached = _stage(
                name, model_of(), settings, left() * GUIDED_SHARE, relaxation.bound, observer,
                stages, global_bound=False, defaults=defaults,
                give_up=ABOVE_GIVE_UP if name == "guided-above" else None)
            deterministic += solver.deterministic_time
            dead_end = name == "guided" and status == Status.INFEASIBLE
            refuted = name == "fixings" and status == Status.INFEASIBLE and not interrupted
            ended = _settled(solver, status, interrupted, reached, relaxation.bound,
                             time.perf_counter() - started, stages, deterministic)
            if ended is not None:
                return ended
            if status in (Status.OPTIMAL, Status.FEASIBLE) and (  # above the bound: the next
                    guided_solver is None  # stages start from the best so far
                    or solver.objective_value < guided_solver.objective_value):
                guided_solver = solver
                _hint(full, solver)
        if refuted:
            if guided_solver is None and quick is None:
                # no timetable yet: the quick stage's jump, so that the raise stage's time does
                # not come before the first one (and there is one to keep should nothing follow)
                solver, status, interrupted, _ = _stage(
                    "quick-jump", full, settings, min(QUICK_MAX, left()), None, observer,
                    stages, global_bound=False, defaults=JUMP_PARAMETERS)
                deterministic += solver.deterministic_time
                if interrupted:
                    return Search(Status.UNKNOWN, None, None, True,
                                  time.perf_counter() - started, stages, deterministic)
                if status in (Status.OPTIMAL, Status.FEASIBLE):
                    if settings.first_only:  # the first timetable is all that was asked for
                        return Search(Status.FEASIBLE, solver, relaxation.bound + 1, False,
                                      time.perf_counter() - started, stages, deterministic,
                                      solver.solution_info())
                    guided_solver = solver
                    _hint(full, solver)
            best = min((s for s in (guided_solver, quick) if s is not None),
                       key=lambda s: s.objective_value, default=None)
            floor, ended, spent = _raise_bound(
                built, full, relaxation, settings, left, observer, stages, started,
                deterministic, None if best is None else best.objective_value)
            deterministic += spent
            if ended is not None:
                return ended
            if best is not None and floor >= best.objective_value:
                # nothing below the best timetable found before: it is optimal
                return Search(Status.OPTIMAL, best, floor, False, time.perf_counter() - started,
                              stages, deterministic, best.solution_info())
            full.add(built.objective >= floor)

    solver, status, interrupted, reached = _stage(
        "full", full, settings, left(), floor, observer, stages, global_bound=True)
    deterministic += solver.deterministic_time
    if status == Status.INFEASIBLE and full is not built.model and not interrupted:
        # The bound comes from floating-point LP: never let it alone declare a model infeasible.
        solver, status, interrupted, reached = _stage(
            "full", built.model, settings, left(), None, observer, stages, global_bound=True)
        deterministic += solver.deterministic_time
    found = status in (Status.OPTIMAL, Status.FEASIBLE)
    if reached:
        status = Status.OPTIMAL
    bound = solver.best_objective_bound if found else None
    if found and floor is not None:
        bound = max(bound or floor, floor)
    info = solver.solution_info()
    if not found and guided_solver is not None and floor is not None:
        # the full stage found nothing better in time than the guided-above stage's timetable
        solver, status, bound, found = guided_solver, Status.FEASIBLE, floor, True
    if not found and quick is not None:
        # nothing after the quick stage's timetable in time: keep it
        solver, status, found = quick, Status.FEASIBLE, True
        bound = floor
    return Search(status, solver if found else None, bound, interrupted,
                  time.perf_counter() - started, stages, deterministic, info)


def _settled(solver: cp_model.CpSolver, status: Status, interrupted: bool, reached: bool,
             bound: int, seconds: float, stages: list[dict[str, Any]], deterministic: float
             ) -> Search | None:
    """How the search ends after a stage guided by the LP bound: at a timetable meeting the
    bound (optimal), on Ctrl-C, or at the first timetable when only that was asked for; None
    when it goes on."""
    found = status in (Status.OPTIMAL, Status.FEASIBLE)
    if not (reached or interrupted or (found and solver.parameters.stop_after_first_solution)):
        return None
    return Search(Status.OPTIMAL if reached else Status.FEASIBLE if found else Status.UNKNOWN,
                  solver if found else None, bound if found else None, interrupted, seconds,
                  stages, deterministic, solver.solution_info())


def _raise_bound(built: BuiltModel, full: cp_model.CpModel, relaxation: Relaxation,
                 settings: SolverSettings, left: Callable[[], float], observer: Observer | None,
                 stages: list[dict[str, Any]], started: float, deterministic: float,
                 ceiling: float | None = None) -> tuple[int, Search | None, float]:
    """The raise stage, after the fixings stage proved that no timetable meets the LP bound B:
    for B + 1, B + 2, ... in turn, the model with the objective held at exactly that value and
    the reduced-cost fixings made for it (:meth:`Relaxation.fixings_at`), each run within
    :data:`RAISE_BUDGET` deterministic seconds, and all of them within half the time left
    (the full stage keeps the other half: where no stage has found a timetable yet, it is the
    one that finds it). A run that proves it has no timetable raises the bound by one; one that
    finds a timetable has found an optimum (nothing below it is left); one that runs out of
    time leaves the bound where it is for the full stage. At most :data:`RAISE_MAX_RUNS` runs,
    and none from ``ceiling`` on (the objective of a timetable found already: raised that far,
    the bound proves it optimal). Returns that bound, the search's end if a run found the
    optimum (or was interrupted), and CP-SAT's deterministic seconds."""
    spent = 0.0
    target = relaxation.bound + 1
    deadline = time.perf_counter() + left() * GUIDED_SHARE
    runs = 0
    while ((share := deadline - time.perf_counter()) > 0 and runs < RAISE_MAX_RUNS
           and (ceiling is None or target < ceiling)):
        if observer is not None:
            observer.on_bound(target)
        fixings = relaxation.fixings_at(target)
        if fixings is None:  # the LP's duals alone rule it out
            target += 1
            continue
        probe = _guided_model(full, fixings)
        probe.clear_hints()  # (a timetable found before is above every value tried here)
        probe.add(built.objective == target)
        solver, status, interrupted, reached = _stage(
            "raise", probe, settings, share, target, observer, stages,
            global_bound=False, defaults=RAISE_PARAMETERS)
        runs += 1
        spent += solver.deterministic_time
        if status == Status.INFEASIBLE and not interrupted:
            target += 1
            continue
        return target, _settled(solver, status, interrupted, reached, target,
                                time.perf_counter() - started, stages, deterministic + spent), spent
    return target, None, spent


def _hint(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """Make the solver's timetable the model's only hint (the models share their variables)."""
    values = list(solver.response_proto.solution)
    model.clear_hints()
    _set_hint(model, range(len(values)), values)


def _set_hint(model: cp_model.CpModel, indices: Iterable[int], values: Iterable[int]) -> None:
    """Add these variables' values to the model's hint, in bulk on its proto (``add_hint``
    per variable took 0.1 s a component)."""
    model.proto.solution_hint.vars.extend(indices)
    model.proto.solution_hint.values.extend(values)


def _rounded_hint(model: cp_model.CpModel, relaxation: Relaxation) -> cp_model.CpModel:
    """The guided-above stage's model: hinted with the placements it leaves free at their LP
    values rounded (see :data:`ROUNDED_HINT`), unless it has a hint already (a quick stage's
    or an earlier stage's timetable) or the switch is off. Applied when the stage runs: where
    the exact stage meets the bound, the hint is never needed."""
    if ROUNDED_HINT and relaxation.rounded and not model.proto.solution_hint.vars:
        indices, values = zip(*relaxation.rounded, strict=True)
        _set_hint(model, indices, values)
    return model


def _guided_model(full: cp_model.CpModel, fixings: Iterable[tuple[int, int, int]],
                  ones: Iterable[int] = ()) -> cp_model.CpModel:
    """A copy of the model with reduced-cost fixings (index, lower, upper) applied and the
    LP's whole placements ``ones`` fixed at 1, as variable domains."""
    guided = full.clone()
    domains = {index: (lo, hi) for index, lo, hi in fixings}
    for index in ones:
        if domains.get(index, (0, 1))[1] == 1:  # (a Boolean the fixings hold at 0 stays 0)
            domains[index] = (1, 1)
    for index, (lo, hi) in domains.items():
        domain = guided.proto.variables[index].domain
        domain[0], domain[1] = lo, hi
    return guided


def _stage(name: str, model: cp_model.CpModel, settings: SolverSettings, time_limit: float,
           target: int | None, observer: Observer | None, stages: list[dict[str, Any]], *,
           global_bound: bool, defaults: tuple[tuple[str, str], ...] = (),
           give_up: float | None = None) -> tuple[cp_model.CpSolver, Status, bool, bool]:
    """One CP-SAT run: (solver, status, interrupted, whether it met the target); ``defaults``
    are CP-SAT parameters that the settings' own override. With ``give_up`` the run stops
    after that many seconds if it has found no timetable by then (status UNKNOWN, not
    interrupted)."""
    solver = cp_model.CpSolver()
    configure(solver, settings, time_limit=time_limit,
              defaults=search_defaults(settings.workers) + defaults)
    if observer is not None and global_bound:
        solver.best_bound_callback = observer.on_bound
    watch = _Watch(target, observer, global_bound)
    timer = None
    if give_up is not None:
        timer = threading.Timer(give_up, _give_up_unless_found, (solver, watch))
        timer.daemon = True
        timer.start()
    began = time.perf_counter()
    try:
        code, interrupted = _solve_interruptibly(solver, model, watch)
    finally:
        if timer is not None:
            timer.cancel()
    status = _STATUS[code]
    found = status in (Status.OPTIMAL, Status.FEASIBLE)
    stages.append({"stage": name, "status": str(status),
                   "objective": solver.objective_value if found else None,
                   "bound": target if name in ("guided", "raise") else
                   (solver.best_objective_bound if found else None),
                   "met_bound": watch.reached,
                   "seconds": round(time.perf_counter() - began, 3)})
    return solver, status, interrupted, watch.reached


def _give_up_unless_found(solver: cp_model.CpSolver, watch: _Watch) -> None:
    """Stop a search that has found no timetable (see :data:`ABOVE_GIVE_UP`)."""
    if not watch.found:
        solver.stop_search()


class StopFlag(Protocol):
    def is_set(self) -> bool: ...


_STOP_FLAG: list[StopFlag] = []
"""Given in a worker process (see :mod:`aligner.solver.components`): when this flag is raised, the
search stops as on Ctrl-C, whether or not SIGINT reached this process."""


def use_stop_flag(flag: StopFlag) -> None:
    _STOP_FLAG[:] = [flag]


def stop_requested() -> bool:
    return any(flag.is_set() for flag in _STOP_FLAG)


def _solve_interruptibly(solver: cp_model.CpSolver, model: cp_model.CpModel,
                         callback: cp_model.CpSolverSolutionCallback) -> tuple[Any, bool]:
    """Solve in a worker thread so that Ctrl-C (SIGINT) in the main thread, or the
    :func:`use_stop_flag` flag, stops the search cleanly and the best timetable found so far is
    kept. Returns CP-SAT's status and whether the search was stopped so."""
    if threading.current_thread() is not threading.main_thread():
        return solver.solve(model, callback), False  # only the main thread receives signals
    solver.parameters.catch_sigint_signal = False
    outcome: dict[str, Any] = {}

    done = threading.Event()

    def run() -> None:
        try:
            outcome["status"] = solver.solve(model, callback)
        except BaseException as exc:  # handed to the main thread below
            outcome["error"] = exc
        finally:
            done.set()

    worker = threading.Thread(target=run, name="cp-sat", daemon=True)
    # SIGINT may have been inherited as ignored (a background job); during the solve it stops.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    interrupted = False
    try:
        worker.start()
        # Wait on an event, not join: a Ctrl-C inside Thread.join() can leave the thread
        # looking finished while it still runs (CPython before 3.13). The event also ends the
        # wait as soon as the solve does (a sleep loop added up to 10 ms to every stage).
        while not done.is_set():
            try:
                done.wait(0.05)
            except KeyboardInterrupt:
                interrupted = True
                solver.stop_search()
            if not interrupted and stop_requested():
                interrupted = True
                solver.stop_search()
        worker.join()
    finally:
        signal.signal(signal.SIGINT, previous)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["status"], interrupted
