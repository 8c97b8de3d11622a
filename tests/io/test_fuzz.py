"""The input fuzz harness (tests/io/fuzz.py) in the test suite: every kind of broken input on
both shipped instances, ALIGNER_FUZZ_CASES cases (default 300, seed ALIGNER_FUZZ_SEED) in the
default run; thousands in the ``fuzz_many`` run that .ci/run adds."""

from __future__ import annotations

import pytest

from tests.io.fuzz import MUTATIONS, cases, run_case, table


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.label)
def test_broken_input_keeps_the_contract(case):
    outcome = run_case(case)
    assert outcome.ok, outcome.why


def test_every_kind_runs_on_both_instances():
    chosen = cases()
    assert {(c.kind, c.instance) for c in chosen} == {
        (kind, name) for kind in MUTATIONS for name in ("lanxi", "lianyun")}
    assert len(MUTATIONS) >= 70


@pytest.mark.fuzz_many
def test_thousands_of_broken_inputs_keep_the_contract():
    outcomes = [run_case(case) for case in cases(3000, seed=20261207)]
    broken = [f"{o.case.label}: {o.why}" for o in outcomes if not o.ok]
    assert not broken, table(outcomes) + "\n" + "\n".join(broken)
