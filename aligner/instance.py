"""Validated, solver-free data of one instance: schools, bells, classes, teachers, curriculum, courses.

Every object here is frozen. Instances are built by :mod:`aligner.io.reader`, which checks every
cross-reference and names the file, row and column of each error; the lookups below are derived
once, after validation.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator

from aligner.messages import say
from aligner.term import TermCalendar

Form = Literal["sync", "delivery", "famous"]
Level = Literal["county", "city", "region"]
FORMS: tuple[str, ...] = ("sync", "delivery", "famous")
LEVELS: tuple[str, ...] = ("county", "city", "region")
AFTERNOON_FROM_MINUTE = 12 * 60
"""A period starting at or after 12:00 is an afternoon period."""




class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False
                   ) -> Self:
        """A copy, with ``update``'s fields changed, that computes its cached properties again
        (pydantic's copy would carry the original's: its periods for other bells, say)."""
        copied = super().model_copy(update=update, deep=deep)
        for klass in type(self).__mro__:
            for name, member in vars(klass).items():
                if isinstance(member, cached_property):
                    copied.__dict__.pop(name, None)
        return copied


# ---- the ranges and precision of numbers (docs/input.md, "Numbers") ----------------------------
# Every number an instance holds lies in a documented range, so that nothing a user types can
# overflow the model or reach CP-SAT as a float: loads and credits have at most LOAD_PLACES
# decimal places, so the model counts them exactly in hundredths of a lesson at most.

LOAD_PLACES = 2
"""Decimal places of a load or a credit (13.5, 12.25)."""
MAX_LOAD = Decimal(200)
"""Credited lessons a week a teacher's min_load and max_load may name."""
MAX_CREDIT = Decimal(10)
"""What one online lesson (or one assisted session) may count for."""
MAX_LESSONS = 100
"""Lessons of one subject for one class a week (per_week), sessions of one course a week."""
MAX_PERIODS = 20
"""Periods of a school's day."""
MAX_WEEK_GAPS = 200
"""A teacher's max_gaps_per_week (ten days of MAX_PERIODS periods)."""
MAX_PER_DAY = 20
"""max_per_day of a curriculum row."""
MAX_DAYS_APART = 35
"""min_days_apart of a curriculum row, min_days of a days_apart.csv group (as many as the
instance's days: two lessons cannot be that far apart, so at most one is taught)."""
MAX_DOUBLES = 50
"""Double lessons of one curriculum row a week."""
MAX_GRADE = 12
MAX_STUDENTS = 200
"""Pupils in one class at most (a primary class has at most 45 by national norms)."""
MAX_SYNC_ROOMS = 100
MAX_WEIGHT = 100_000
"""An objective term's weight."""
MAX_COUNT = 1000
"""A weekly or semester minimum of the policy."""
MAX_MINUTES = 24 * 60
"""Minutes in a policy key (overlap, shifts, gaps)."""
MAX_WEEKS = 52
MAX_RECEIVING = 1000
"""Receiving classes one session may serve (policy max_receiving_classes_per_session)."""
MAX_RESEARCH = 10
"""Research meetings a week of one synchronous course."""
PROGRAMME_FORMS: tuple[str, ...] = ("sync", "delivery", "famous", "research")
"""The four forms of help a pair may use (seed 000 §四(二)): three forms of courses and the
teachers' research meetings (教师网络研修)."""


def hhmm(minute: int) -> str:
    """Minutes after midnight as 24-hour ``HH:MM``."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


class School(Frozen):
    school_id: str
    name: str
    short_name: str = ""
    """How timetable grids name the school; defaults to the name."""
    sync_rooms: int = Field(default=1, ge=0, le=MAX_SYNC_ROOMS)
    """Rooms equipped for live online lessons."""


class BellPeriod(Frozen):
    """One period of one school's bell schedule in one season; times in minutes after midnight."""

    school_id: str
    season: str
    period: int = Field(ge=1, le=MAX_PERIODS)
    start: int = Field(ge=0, lt=24 * 60)
    end: int = Field(gt=0, le=24 * 60)
    name: str = ""
    """A note printed with the period (bells.csv ``name``, e.g. 眼保健操); the solver ignores it."""

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def is_afternoon(self) -> bool:
        return self.start >= AFTERNOON_FROM_MINUTE

    @property
    def times(self) -> str:
        return f"{hhmm(self.start)}-{hhmm(self.end)}"


class BellBreak(Frozen):
    """A named row of a bell schedule that is not a lesson period (晨间活动, 大课间, 午间阅读, ...):
    bells.csv rows of kind ``break``. Printed between the periods; the solver and the checker
    ignore it."""

    school_id: str
    season: str
    name: str
    start: int = Field(ge=0, lt=24 * 60)
    end: int = Field(gt=0, le=24 * 60)

    @property
    def times(self) -> str:
        return f"{hhmm(self.start)}-{hhmm(self.end)}"


class SchoolClass(Frozen):
    school_id: str
    class_id: str
    grade: int = Field(ge=1, le=MAX_GRADE)
    name: str
    head_teacher: str | None = None
    """The class's 班主任 (a teacher of its school), printed in the titles of its timetable."""
    students: int | None = Field(default=None, ge=0, le=MAX_STUDENTS)
    """Its pupils (classes.csv ``students``): the monthly report's participant person-times
    (参与师生人次); None when not given."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.school_id, self.class_id)


class Teacher(Frozen):
    teacher_id: str
    school_id: str
    name: str
    level: Level | None = None
    min_load: Decimal = Field(default=Decimal(0), ge=0, le=MAX_LOAD, decimal_places=LOAD_PLACES)
    max_load: Decimal | None = Field(default=None, ge=0, le=MAX_LOAD, decimal_places=LOAD_PLACES)
    """Credited lessons a week; None means no cap."""
    unavailable: tuple[tuple[str, int], ...] = ()
    """(day, period) pairs the teacher cannot teach."""
    max_per_day: int | None = Field(default=None, ge=1, le=MAX_PERIODS)
    """Commitments a day at most (每天最多): local lessons, sessions taught and assisted; a
    double lesson counts 2."""
    max_consecutive: int | None = Field(default=None, ge=1, le=MAX_PERIODS)
    """Commitments in periods with consecutive numbers within one half of the day at most
    (最多连上)."""
    max_days: int | None = Field(default=None, ge=1, le=7)
    """Days with a commitment a week at most (每周最多上课天数)."""
    min_per_day: int | None = Field(default=None, ge=1, le=MAX_PERIODS)
    """Commitments at least on every day with one (每天最少), counted as for ``max_per_day``;
    a day without any commitment is allowed (FET's teacher min hours daily, empty days
    allowed)."""
    max_gaps_per_day: int | None = Field(default=None, ge=0, le=MAX_PERIODS)
    """Gaps a day at most (每天最多空堂): a gap is a period of the teacher's school, not
    ``unavailable`` to her, without a commitment but with one earlier and one later that day
    (FET's teacher max gaps per day); 0: none."""
    max_gaps_per_week: int | None = Field(default=None, ge=0, le=MAX_WEEK_GAPS)
    """Gaps a week at most (每周最多空堂), counted as for ``max_gaps_per_day``."""


COMBINE = "+"
"""Joins the classes of a combined lesson (合班: ``1-1+1-2``) and the teachers of a co-taught one
in curriculum.csv."""


class CurriculumRow(Frozen):
    """All lessons of one subject for one class in a week, online ones included; or for
    several classes of one school at once (合班, combined classes: ``class_id`` ``1-1+1-2``),
    taught by one teacher or by several together (``teacher_id`` ``t1+t2``)."""

    school_id: str
    class_id: str
    """The class, or the classes taught together joined by ``+`` as curriculum.csv writes them."""
    subject: str
    teacher_id: str | None
    """Blank when every lesson of the subject arrives online; several teachers who teach every
    lesson together are joined by ``+``."""
    per_week: int = Field(ge=0, le=MAX_LESSONS)
    max_per_day: int | None = Field(default=None, ge=1, le=MAX_PER_DAY)
    """Lessons of the subject a day at most; a double lesson counts once."""
    min_days_apart: int | None = Field(default=None, ge=1, le=MAX_DAYS_APART)
    """Days between any two lessons of the subject at least (间隔天数): 2 puts a day without
    the subject between two lessons (Mon, Wed, Fri); 1 is one lesson a day at most. Days
    are counted in the order of the instance's ``days``; a double lesson is one lesson."""
    doubles: int = Field(default=0, ge=0, le=MAX_DOUBLES)
    """How many of the local lessons are double lessons (连堂): two consecutive periods of one
    day, counting 2 toward ``per_week`` and the teacher's load."""
    allowed: tuple[tuple[str, int], ...] | None = None
    """(day, period) slots where the local lessons may go; None: anywhere."""
    preferred: tuple[tuple[str, int], ...] | None = None
    """(day, period) slots where the local lessons should go if they can (尽量): a lesson with
    a period elsewhere costs ``weights.outside_preferred``; None: no wish."""
    together: str | None = None
    """Rows of one school with the same label have their local lessons at the same periods
    (parallel lessons of different classes, FET's same starting time)."""

    def allows(self, day: str, period: int) -> bool:
        return self.allowed is None or (day, period) in self._allowed_set

    def prefers(self, day: str, period: int) -> bool:
        return self.preferred is None or (day, period) in self._preferred_set

    @cached_property
    def _preferred_set(self) -> frozenset[tuple[str, int]]:
        return frozenset(self.preferred or ())

    @cached_property
    def _allowed_set(self) -> frozenset[tuple[str, int]]:
        return frozenset(self.allowed or ())

    @property
    def key(self) -> tuple[str, str, str]:
        """(school, class or classes as written, subject): the row's identity in the model."""
        return (self.school_id, self.class_id, self.subject)

    @cached_property
    def class_ids(self) -> tuple[str, ...]:
        """The classes that take every lesson of the row (one, or several combined)."""
        return tuple(self.class_id.split(COMBINE))

    @cached_property
    def class_keys(self) -> tuple[tuple[str, str], ...]:
        return tuple((self.school_id, class_id) for class_id in self.class_ids)

    @property
    def combined(self) -> bool:
        """Several classes take every lesson of the row at once (合班)."""
        return len(self.class_ids) > 1

    @cached_property
    def teacher_ids(self) -> tuple[str, ...]:
        """The teachers of every local lesson (none, one, or several co-teaching)."""
        return tuple(self.teacher_id.split(COMBINE)) if self.teacher_id else ()


class Room(Frozen):
    """A special room of a school (音乐室, 科学实验室, ...): every local lesson of a subject it lists
    takes one such room of its school, and a room holds one lesson at a time."""

    school_id: str
    room_id: str
    name: str
    subjects: tuple[str, ...]
    unavailable: tuple[tuple[str, int], ...] = ()
    """(day, period) pairs when the room cannot be used."""


class DaysApart(Frozen):
    """Lessons of several curriculum rows of one school at least ``min_days`` days apart, any
    two of them (days_apart.csv; FET's min days between activities over several rows): the
    rows' lessons together are spread as one row's with ``min_days_apart``."""

    group: str
    school_id: str
    rows: tuple[tuple[str, str, str], ...]
    """Curriculum row keys (school, class or classes as written, subject), each once."""
    min_days: int = Field(ge=1, le=MAX_DAYS_APART)
    weight: int | None = Field(default=None, ge=1, le=MAX_WEIGHT)
    """None: a hard rule. A number: a wish (尽量), each lesson too close costing this much in
    the objective's ``days_apart`` term."""
    row: int = 0
    """Its first row in days_apart.csv (for messages), 0 when made in code."""

    @property
    def hard(self) -> bool:
        return self.weight is None
    source: str = "days_apart.csv"


class Pin(Frozen):
    """A lesson fixed at a slot (固定): one local lesson of a class's subject starts at (day,
    period), or, with ``course_id``, one session of the course is at the hub's (day, period)."""

    school_id: str
    day: str
    period: int = Field(ge=1, le=MAX_PERIODS)
    class_id: str | None = None
    """A class of the curriculum row (any class of a combined one); None for a course pin."""
    subject: str | None = None
    course_id: str | None = None
    row: int = 0
    """Its row in pinned.csv (for messages), 0 when made in code."""
    source: str = "pinned.csv"
    """Where the row is: pinned.csv, or the workbook's sheet (for messages)."""

    @property
    def is_course(self) -> bool:
        return self.course_id is not None


class Reception(Frozen):
    """One receiving class of a course, with the receiving-end teacher who assists in its room."""

    school_id: str
    class_id: str
    assistant_id: str | None = None

    @property
    def class_key(self) -> tuple[str, str]:
        return (self.school_id, self.class_id)


class Course(Frozen):
    """An agreed online course: every session reaches all its receiving classes at once."""

    course_id: str
    form: Form
    hub_school: str
    hub_teacher: str
    hub_class: str | None
    subject: str
    min_per_week: int = Field(ge=0, le=MAX_LESSONS)
    max_per_week: int = Field(ge=1, le=MAX_LESSONS)
    receptions: tuple[Reception, ...]

    @property
    def receiving_schools(self) -> tuple[str, ...]:
        """Receiving schools in order of first appearance."""
        return tuple(dict.fromkeys(r.school_id for r in self.receptions))

    def receptions_at(self, school_id: str) -> tuple[Reception, ...]:
        return tuple(r for r in self.receptions if r.school_id == school_id)

    def assistants_at(self, school_id: str) -> tuple[str, ...]:
        """Distinct assistant teachers in the room of ``school_id`` during a session."""
        return tuple(
            dict.fromkeys(r.assistant_id for r in self.receptions_at(school_id) if r.assistant_id)
        )

    @property
    def hub_class_key(self) -> tuple[str, str] | None:
        return (self.hub_school, self.hub_class) if self.hub_class else None

    @property
    def class_keys(self) -> tuple[tuple[str, str], ...]:
        """Every class whose lessons of ``subject`` a session counts as: hub class, receivers."""
        hub = (self.hub_class_key,) if self.hub_class_key else ()
        return hub + tuple(r.class_key for r in self.receptions)

    @property
    def is_range(self) -> bool:
        return self.min_per_week < self.max_per_week


DEFAULT_ONLINE_CREDIT = Decimal("1.5")


def _credit_number(value: object, at_least: Decimal | None = None, form: str = "") -> Decimal:
    """A credit as an exact decimal (at most LOAD_PLACES places, at most MAX_CREDIT)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(say("io.policy.credit_not_a_number", given=repr(value)))
    if isinstance(value, str) and re.search(r"[eE]", value):
        raise ValueError(say("io.policy.credit_in_digits", given=repr(value)))
    try:
        number = Decimal(str(value).strip())
    except ArithmeticError:
        raise ValueError(say("io.policy.credit_not_a_number", given=repr(value))) from None
    if not number.is_finite() or number != number.quantize(Decimal(10) ** -LOAD_PLACES) \
            or number > MAX_CREDIT:
        raise ValueError(say("io.policy.credit_range", given=str(value), maximum=MAX_CREDIT,
                             places=LOAD_PLACES))
    if at_least is not None and number < at_least:
        raise ValueError(say("io.policy.online_credit_minimum") if not form else
                         say("io.policy.form_credit_minimum", form=form, least=f"{at_least:g}"))
    if number < 0:
        raise ValueError(say("io.policy.not_negative"))
    return number


class Policy(Frozen):
    """The programme's rules; defaults cite the seeds."""

    min_sync_lessons_per_pair: StrictInt = Field(default=4, ge=0, le=MAX_COUNT)
    """Seed 001 五(三): synchronous classes >= 4 lessons a week per pair."""
    min_online_lessons_per_school: StrictInt = Field(default=5, ge=0, le=MAX_COUNT)
    """Seed 004 1.(1): main end and receiving end each >= 5 lessons a week."""
    online_credit: Decimal | dict[str, Decimal] = Decimal("1.5")
    """Seed 004 1.(4): an online lesson taught counts at least 1.5 ordinary lessons; one number
    for every form, or one per form (``{sync: 1.2, delivery: 1.5, famous: 2}``: a form left out
    counts 1.5). The seed names 专递课堂 and 名师课堂 work: delivery and famous never below
    1.5; sync at least 1."""
    assistant_credit: Decimal = Field(default=Decimal("1.0"), le=MAX_CREDIT,
                                       decimal_places=LOAD_PLACES)
    min_overlap_minutes: StrictInt = Field(default=30, ge=1, le=MAX_MINUTES)
    semester_weeks: StrictInt = Field(default=18, ge=1, le=MAX_WEEKS)
    level_min_online_per_semester: dict[str, StrictInt] = Field(
        default_factory=lambda: {"region": 15, "city": 10, "county": 5}
    )
    """Seed 004 1.(3): backbone teachers' online lessons per semester by level."""
    # How far `aligner align --optimize` may move a bell schedule (seed 001 五(二): 同步作息时间表).
    max_shift: StrictInt = Field(default=30, ge=0, le=MAX_MINUTES)
    """No period moves more than this many minutes."""
    max_gap_shrink: StrictInt = Field(default=10, ge=0, le=MAX_MINUTES)
    """A gap between two periods may shrink by at most this many minutes..."""
    min_break: StrictInt = Field(default=5, ge=0, le=MAX_MINUTES)
    """... and never below this many minutes."""
    max_earlier_start: StrictInt = Field(default=15, ge=0, le=MAX_MINUTES)
    """The day starts no earlier than this many minutes before the original start."""
    max_later_end: StrictInt = Field(default=30, ge=0, le=MAX_MINUTES)
    """The day ends no later than this many minutes after the original end."""
    bell_grid: StrictInt = Field(default=5, ge=1, le=60)
    """Proposed times lie on a grid of this many minutes."""
    max_receiving_classes_per_session: StrictInt | None = Field(default=None, ge=1,
                                                                le=MAX_RECEIVING)
    """Seed 004 1.(7): the main end's radiation range, the receiving classes one session may
    serve at most (every receiving class of its course takes part); None: no cap."""
    max_double_gap: StrictInt = Field(default=15, ge=0, le=MAX_MINUTES)
    """The two periods of a double lesson are at most this many minutes apart in every season
    (so no double across 大课间 or lunch)."""
    research_per_week: StrictInt = Field(default=0, ge=0, le=MAX_RESEARCH)
    """Seed 000 §四(二)3 教师网络研修: meetings a week of each synchronous course's hub teacher
    and assistants (joint lesson preparation), each at a period where all of them are free and
    the hub's and each receiving school's periods overlap by min_overlap_minutes; 0: none."""
    min_forms_per_pair: StrictInt = Field(default=2, ge=0, le=len(PROGRAMME_FORMS))
    """Seed 000 §四(二): each pair (hub, receiving school linked by a course) uses at least this
    many of the four forms: sync, delivery, famous (a course of the form with a session in the
    week) and research (meetings scheduled for the pair)."""

    @field_validator("assistant_credit", mode="before")
    @classmethod
    def _credit_is_a_number(cls, value: object) -> object:
        return _credit_number(value)

    @field_validator("online_credit", mode="before")
    @classmethod
    def _credits_by_form(cls, value: object) -> object:
        if not isinstance(value, dict):
            number = _credit_number(value, at_least=Decimal("1.5"))
            return number
        unknown = sorted(str(k) for k in value if k not in FORMS)
        if unknown:
            raise ValueError(say("io.policy.credit_unknown_form", unknown=", ".join(unknown),
                                 forms=", ".join(FORMS)))
        return {form: _credit_number(v, at_least=Decimal("1") if form == "sync"
                                     else Decimal("1.5"), form=form)
                for form, v in value.items()}

    def credit(self, form: str) -> Decimal:
        """The credit of one session taught in ``form``."""
        if isinstance(self.online_credit, dict):
            return self.online_credit.get(form, DEFAULT_ONLINE_CREDIT)
        return self.online_credit

    @property
    def uniform_credit(self) -> bool:
        """Every form's session counts the same."""
        return len({self.credit(form) for form in FORMS}) == 1

    @property
    def credits_text(self) -> str:
        """The online credit as messages show it: '1.5', or 'sync 1.2, delivery 2, ...'."""
        if not isinstance(self.online_credit, dict):
            return f"{self.online_credit:g}"
        return ", ".join(f"{form} {self.credit(form):g}" for form in FORMS)

    @field_validator("assistant_credit")
    @classmethod
    def _credit_not_negative(cls, value: Decimal) -> Decimal:
        if value < 0:
            raise ValueError(say("io.policy.not_negative"))
        return value

    @field_validator("level_min_online_per_semester")
    @classmethod
    def _known_levels(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = sorted(set(value) - set(LEVELS))
        if unknown:
            raise ValueError(say("io.policy.unknown_levels", unknown=unknown,
                                 levels=", ".join(LEVELS)))
        if any(not 0 <= v <= MAX_COUNT for v in value.values()):
            raise ValueError(say("io.policy.level_range", maximum=MAX_COUNT))
        return {"region": 15, "city": 10, "county": 5} | value

    def credited_load(self, local: int, taught: int | Mapping[str, int], assisted: int
                      ) -> Fraction:
        """local + online_credit x sessions taught + assistant_credit x sessions assisted,
        exactly (seed 004 1.(4): an online lesson counts at least 1.5). ``taught`` is a count,
        or counts by form when the forms' credits differ."""
        if isinstance(taught, int):
            if taught and not self.uniform_credit:
                raise ValueError("the forms' credits differ: give the sessions taught by form")
            online = Fraction(self.credit("sync")) * taught
        else:
            online = sum((Fraction(self.credit(form)) * n for form, n in taught.items()),
                         Fraction(0))
        return local + online + Fraction(self.assistant_credit) * assisted

    def research_courses(self, courses: tuple[Course, ...]) -> tuple[Course, ...]:
        """The courses that hold research meetings: every synchronous one, when
        ``research_per_week`` > 0."""
        if self.research_per_week <= 0:
            return ()
        return tuple(c for c in courses if c.form == "sync")

    def level_min_per_week(self, level: str | None) -> int:
        """ceil(level minimum per semester / semester weeks); 0 for a teacher without a level."""
        if level is None:
            return 0
        per_semester = self.level_min_online_per_semester.get(level, 0)
        return -(-per_semester // self.semester_weeks)


class Weights(Frozen):
    """Weights of the objective terms (non-negative integers)."""

    misalignment_minute: StrictInt = Field(default=1, ge=0, le=MAX_WEIGHT)
    same_day_repeat: StrictInt = Field(default=10, ge=0, le=MAX_WEIGHT)
    core_in_afternoon: StrictInt = Field(default=3, ge=0, le=MAX_WEIGHT)
    missing_session: StrictInt = Field(default=50, ge=0, le=MAX_WEIGHT)
    teacher_gap: StrictInt = Field(default=0, ge=0, le=MAX_WEIGHT)
    """A free period between two commitments of a teacher in one half-day (空堂); 0 (the
    default) leaves it out of the model, though it is still counted and reported."""

    outside_preferred: StrictInt = Field(default=5, ge=0, le=MAX_WEIGHT)
    """A local lesson with a period outside its curriculum row's ``preferred`` slots."""
    days_apart: StrictInt = Field(default=1, ge=0, le=MAX_WEIGHT)
    """Multiplies the soft days_apart.csv groups' own weights (a lesson too close costs its
    group's weight times this)."""

    change: StrictInt = Field(default=1000, ge=0, le=MAX_WEIGHT)
    """A lesson of the previous timetable not at its old day and period (``solve --from``); the
    default outweighs anything the other terms can gain by one move, so the old week is kept
    wherever it is still valid."""

    def by_term(self) -> dict[str, int]:
        """Objective term name (as reports and summary.json name it) -> its weight."""
        return {"misalignment_minutes": self.misalignment_minute,
                "same_day_repeats": self.same_day_repeat,
                "core_in_afternoon": self.core_in_afternoon,
                "missing_sessions": self.missing_session,
                "teacher_gaps": self.teacher_gap,
                "outside_preferred": self.outside_preferred,
                "days_apart": self.days_apart,
                "changes": self.change}

    def objective(self, terms: dict[str, int]) -> int:
        """The weighted sum of objective terms given by name (:meth:`by_term`)."""
        weights = self.by_term()
        return sum(value * weights[name] for name, value in terms.items())


DEFAULT_CORE_SUBJECTS: tuple[str, ...] = ("语文", "数学", "英语")


@dataclass
class WeeklyTotals:
    """Sessions that count toward the weekly minimums: sync sessions per (hub, receiving) pair
    linked by a sync course, sessions delivered per hub school, taken part in per receiving
    school."""

    sync_per_pair: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    delivered: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    received: dict[str, int] = field(default_factory=lambda: defaultdict(int))


class OldLesson(Frozen):
    """A local lesson of the previous timetable (one row of its lessons.csv)."""

    school_id: str
    class_id: str
    subject: str
    teacher_id: str
    day: str
    period: int
    row: int = 0
    """Its row in the old lessons.csv (header = 1)."""
    pinned: bool = False
    """Marked in the old lessons.csv's ``pinned`` column (kept by ``--lock pinned``)."""
    mode: str = "local"
    """As lessons.csv: ``local``, ``online-main`` or ``online-receiving``."""
    session_id: str = ""

    @property
    def local(self) -> bool:
        return self.mode == "local"


class OldSession(Frozen):
    """A session of the previous timetable: its course, day, hub period and the period each
    receiving school took it in."""

    session_id: str
    course_id: str
    day: str
    hub_period: int
    receiving: tuple[tuple[str, int], ...]
    """(receiving school, its period)."""
    pinned: bool = False


class PreviousWeek(Frozen):
    """The timetable a re-solve starts from and stays close to (``solve --from``): its lessons
    and sessions as they were, and which of them are locked (kept exactly, a hard rule)."""

    source: str
    """The solution directory it was read from (as given)."""
    lessons: tuple[OldLesson, ...]
    """Every row of its lessons.csv: each class's local and online lessons."""
    sessions: tuple[OldSession, ...]
    lock: str | None = None
    """``all``, ``pinned`` or comma-separated school ids whose lessons and sessions stay put;
    None: nothing locked."""

    @cached_property
    def locked_schools(self) -> frozenset[str] | None:
        """The schools locked whole (None with ``all``: every school)."""
        if self.lock is None or self.lock == "pinned":
            return frozenset()
        if self.lock == "all":
            return None
        return frozenset(s.strip() for s in self.lock.split(","))

    def lesson_locked(self, lesson: OldLesson) -> bool:
        schools = self.locked_schools
        return schools is None or lesson.school_id in schools or (
            self.lock == "pinned" and lesson.pinned)

    def session_locked(self, session: OldSession, hub_school: str) -> bool:
        schools = self.locked_schools
        return schools is None or bool({hub_school, *(s for s, _ in session.receiving)}
                                       & schools) or (self.lock == "pinned" and session.pinned)


class Instance(Frozen):
    """One validated instance. Build it with :func:`aligner.load_instance`."""

    name: str
    seasons: tuple[str, ...]
    """The seasons whose bells apply (instance.yaml ``season``); with several, one weekly
    timetable must work with every season's bells."""
    days: tuple[str, ...]
    policy: Policy = Policy()
    weights: Weights = Weights()
    core_subjects: tuple[str, ...] = DEFAULT_CORE_SUBJECTS
    schools: tuple[School, ...]
    bells: tuple[BellPeriod, ...]
    """Bell rows of every season in bells.csv; :meth:`periods` picks one of the instance's."""
    breaks: tuple[BellBreak, ...] = ()
    """Rows of kind ``break`` of every season in bells.csv; printed only (:meth:`breaks_of`)."""
    classes: tuple[SchoolClass, ...]
    teachers: tuple[Teacher, ...]
    curriculum: tuple[CurriculumRow, ...]
    courses: tuple[Course, ...]
    rooms: tuple[Room, ...] = ()
    """Special rooms (rooms.csv), each bound to the subjects it lists."""
    pins: tuple[Pin, ...] = ()
    """Lessons and sessions fixed at a slot (pinned.csv)."""
    days_apart: tuple[DaysApart, ...] = ()
    """Groups of curriculum rows whose lessons are some days apart (days_apart.csv)."""
    term: TermCalendar | None = None
    """The term's dates (instance.yaml ``term``): with it the term rules count the real
    teaching dates of each weekday (:meth:`term_day_counts`); None: weekly approximations."""
    previous: PreviousWeek | None = None
    """The timetable to stay close to (``solve --from``; :func:`aligner.io.previous.read_previous`):
    the ``changes`` term counts its placements not kept, and its locked ones are kept."""

    # ---- derived lookups (built once, after validation) ----

    @cached_property
    def school_by_id(self) -> dict[str, School]:
        return {s.school_id: s for s in self.schools}

    @cached_property
    def teacher_by_id(self) -> dict[str, Teacher]:
        return {t.teacher_id: t for t in self.teachers}

    @cached_property
    def class_by_key(self) -> dict[tuple[str, str], SchoolClass]:
        return {c.key: c for c in self.classes}

    @cached_property
    def course_by_id(self) -> dict[str, Course]:
        return {c.course_id: c for c in self.courses}

    @property
    def season(self) -> str:
        """The first (or only) season: the one whose times grids and messages show."""
        return self.seasons[0]

    @cached_property
    def term_day_counts(self) -> dict[str, int] | None:
        """Day of the week (as :attr:`days` writes it) -> its teaching dates in the term, make-up
        days included (the weekly timetable is the same in every season, so a count per day
        suffices); None without a term."""
        if self.term is None:
            return None
        return dict(self.term.day_counts(self.days, self.seasons))

    @property
    def teaching_dates(self) -> int | None:
        """The term's teaching dates (None without a term)."""
        counts = self.term_day_counts
        return None if counts is None else sum(counts.values())

    @property
    def term_school_minimum(self) -> int | None:
        """With a term: the dated online lessons a school needs over the term to average at
        least min_online_lessons_per_school a teaching week (teaching dates / school days a
        week): ceil(minimum x dates / days), the least whole number that does (seed 004 1.(1),
        平均开课率). None without a term."""
        dates = self.teaching_dates
        if dates is None:
            return None
        return -(-self.policy.min_online_lessons_per_school * dates // len(self.days))

    def level_minimum(self, level: str | None) -> int:
        """What a backbone teacher's rule asks: with a term, the level's minimum per semester
        of dated online lessons over the term; without, the weekly approximation
        ceil(minimum / semester_weeks) (:meth:`Policy.level_min_per_week`); 0 without a level."""
        if self.term is None:
            return self.policy.level_min_per_week(level)
        return 0 if level is None else self.policy.level_min_online_per_semester.get(level, 0)

    @cached_property
    def pairs_without_sync(self) -> tuple[tuple[str, str], ...]:
        """(hub, receiving school) linked by some course but by no synchronous course (seed 000
        §四(二): the synchronous class is compulsory for every pair), in order of the courses."""
        synced = {(c.hub_school, s) for c in self.courses if c.form == "sync"
                  for s in c.receiving_schools}
        return tuple(pair for pair in self.linked_pairs if pair not in synced)

    @cached_property
    def linked_pairs(self) -> tuple[tuple[str, str], ...]:
        """(hub, receiving school) linked by any course, in order of the courses."""
        return tuple({(c.hub_school, s): None for c in self.courses
                      for s in c.receiving_schools})

    @cached_property
    def _periods(self) -> dict[tuple[str, str], tuple[BellPeriod, ...]]:
        by_school: dict[tuple[str, str], list[BellPeriod]] = defaultdict(list)
        for bell in self.bells:
            if bell.season in self.seasons:
                by_school[(bell.school_id, bell.season)].append(bell)
        return {k: tuple(sorted(b, key=lambda p: p.period)) for k, b in by_school.items()}

    def periods(self, school_id: str, season: str | None = None) -> tuple[BellPeriod, ...]:
        """The school's periods in ``season`` (default: the first season), in order. A school
        has the same number of periods in every season of the instance."""
        return self._periods.get((school_id, season or self.seasons[0]), ())

    def breaks_of(self, school_id: str, season: str | None = None) -> tuple[BellBreak, ...]:
        """The school's breaks in ``season`` (default: the first season), by start time."""
        wanted = season or self.seasons[0]
        return tuple(sorted((b for b in self.breaks
                             if b.school_id == school_id and b.season == wanted),
                            key=lambda b: b.start))

    @cached_property
    def bells_fingerprint(self) -> str:
        """A short hash of every school's bell times in the instance's seasons: what a timetable
        was solved on (summary.json ``bells``), so that a later change of the bells, or a
        proposal beside the timetable, is never mistaken for them."""
        lines = sorted(f"{b.school_id},{b.season},{b.period},{b.start},{b.end}"
                       for b in self.bells if b.season in self.seasons)
        return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]

    def bell(self, school_id: str, period: int, season: str | None = None) -> BellPeriod:
        return self.periods(school_id, season)[period - 1]

    def double_starts(self, school_id: str) -> tuple[int, ...]:
        """Periods p such that p and p + 1 can carry a double lesson: the break between them is
        at most ``max_double_gap`` minutes in every season of the instance."""
        gap = self.policy.max_double_gap
        periods = self.periods(school_id)
        return tuple(
            p.period for p in periods[:-1]
            if all(self.bell(school_id, p.period + 1, s).start - self.bell(school_id, p.period, s).end
                   <= gap for s in self.seasons)
        )

    def is_afternoon(self, school_id: str, period: int) -> bool:
        """The period starts at or after 12:00 in some season of the instance."""
        return period in self.halves(school_id)[1]

    def halves(self, school_id: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(morning, afternoon) periods of the school: a period starting before 12:00 in every
        season is in the morning (上午), the others in the afternoon (下午)."""
        return self._halves.get(school_id, ((), ()))

    @cached_property
    def _halves(self) -> dict[str, tuple[tuple[int, ...], tuple[int, ...]]]:
        halves: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        for school in self.schools:
            periods = [b.period for b in self.periods(school.school_id)]
            late = {p for p in periods if any(self.bell(school.school_id, p, s).is_afternoon
                                              for s in self.seasons)}
            halves[school.school_id] = (tuple(p for p in periods if p not in late),
                                        tuple(p for p in periods if p in late))
        return halves

    @cached_property
    def curriculum_of_class(self) -> dict[tuple[str, str], tuple[CurriculumRow, ...]]:
        """(school, class) -> the rows whose lessons the class takes (combined ones included)."""
        rows: dict[tuple[str, str], list[CurriculumRow]] = defaultdict(list)
        for row in self.curriculum:
            for key in row.class_keys:
                rows[key].append(row)
        return {k: tuple(v) for k, v in rows.items()}

    @cached_property
    def curriculum_row(self) -> dict[tuple[str, str, str], CurriculumRow]:
        """(school, class, subject) -> the row of that class's subject (a combined row under
        each of its classes)."""
        return {(school, class_id, r.subject): r for r in self.curriculum
                for school, class_id in r.class_keys}

    def rows_of(self, group: DaysApart) -> list[CurriculumRow]:
        """The curriculum rows of a days_apart.csv group."""
        return [self.row_by_key[key] for key in group.rows]

    @cached_property
    def row_by_key(self) -> dict[tuple[str, str, str], CurriculumRow]:
        """:attr:`CurriculumRow.key` -> the row."""
        return {r.key: r for r in self.curriculum}

    @cached_property
    def rooms_for(self) -> dict[tuple[str, str], tuple[Room, ...]]:
        """(school, subject) -> the special rooms its local lessons take (none: the class's
        own room)."""
        rooms: dict[tuple[str, str], list[Room]] = defaultdict(list)
        for room in self.rooms:
            for subject in room.subjects:
                rooms[(room.school_id, subject)].append(room)
        return {k: tuple(v) for k, v in rooms.items()}

    @cached_property
    def room_by_key(self) -> dict[tuple[str, str], Room]:
        return {(r.school_id, r.room_id): r for r in self.rooms}

    @cached_property
    def courses_reaching(self) -> dict[tuple[str, str, str], tuple[Course, ...]]:
        """(school, class, subject) -> courses whose sessions count as lessons of that row."""
        reaching: dict[tuple[str, str, str], list[Course]] = defaultdict(list)
        for course in self.courses:
            for school_id, class_id in course.class_keys:
                reaching[(school_id, class_id, course.subject)].append(course)
        return {k: tuple(v) for k, v in reaching.items()}

    @cached_property
    def together_groups(self) -> dict[tuple[str, str], tuple[CurriculumRow, ...]]:
        """(school, label) -> the curriculum rows taught together."""
        groups: dict[tuple[str, str], list[CurriculumRow]] = defaultdict(list)
        for row in self.curriculum:
            if row.together is not None:
                groups[(row.school_id, row.together)].append(row)
        return {k: tuple(v) for k, v in groups.items()}

    @cached_property
    def curriculum_of_teacher(self) -> dict[str, tuple[CurriculumRow, ...]]:
        rows: dict[str, list[CurriculumRow]] = defaultdict(list)
        for row in self.curriculum:
            for teacher_id in row.teacher_ids:
                rows[teacher_id].append(row)
        return {k: tuple(v) for k, v in rows.items()}

    @cached_property
    def courses_of_teacher(self) -> dict[str, tuple[Course, ...]]:
        """Courses each teacher teaches as hub teacher."""
        courses: dict[str, list[Course]] = defaultdict(list)
        for course in self.courses:
            courses[course.hub_teacher].append(course)
        return {k: tuple(v) for k, v in courses.items()}

    def weekly_totals(self, sessions: Mapping[str, int]) -> WeeklyTotals:
        """What the weekly minimums count, given the sessions of each course in a week."""
        totals = WeeklyTotals()
        for course in self.courses:
            n = sessions.get(course.course_id, 0)
            totals.delivered[course.hub_school] += n
            for school_id in course.receiving_schools:
                totals.received[school_id] += n
                if course.form == "sync":
                    totals.sync_per_pair[(course.hub_school, school_id)] += n
        return totals

    def school_name(self, school_id: str) -> str:
        school = self.school_by_id.get(school_id)
        return school.name if school and school.name else school_id

    def short_name(self, school_id: str) -> str:
        school = self.school_by_id.get(school_id)
        return (school.short_name or school.name) if school else school_id

    def teacher_name(self, teacher_id: str) -> str:
        teacher = self.teacher_by_id.get(teacher_id)
        return teacher.name if teacher and teacher.name else teacher_id

    def class_name(self, school_id: str, class_id: str) -> str:
        klass = self.class_by_key.get((school_id, class_id))
        return klass.name if klass and klass.name else class_id

    def is_unavailable(self, teacher_id: str, day: str, period: int) -> bool:
        return (day, period) in self.unavailable_slots(teacher_id)

    def unavailable_slots(self, teacher_id: str) -> frozenset[tuple[str, int]]:
        """The (day, period) slots where the teacher cannot teach (none for a teacher not
        listed)."""
        return self._unavailable_slots.get(teacher_id, frozenset())

    @cached_property
    def _unavailable_slots(self) -> dict[str, frozenset[tuple[str, int]]]:
        return {t.teacher_id: frozenset(t.unavailable) for t in self.teachers}
