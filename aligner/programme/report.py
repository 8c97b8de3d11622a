"""The monthly report (月报, ``aligner report``; seed 000 八(二)3: due by the 22nd).

From the term plan (:mod:`aligner.programme.plan`), for one month and for the term to its end:

- **activities** per form (sync, delivery, famous, research, visit, offline) and
  **participant person-times** (参与师生人次, as seed 002 reports a city's year), at three levels:
  each pair (hub, receiving school), each school, and the county (every activity once). An
  activity is a session on a date (reaching every receiving school of the session at once), a
  research meeting on a date, a visit, an offline day of a pair. Its participants: the classes'
  pupils (classes.csv ``students``) and the teachers (the hub teacher, the assistants); a pair
  counts its own two schools', a school its own, the county all. A visit counts the hub teacher
  and the class taught; an offline day counts the pair's teachers. Without a size for every
  class of the programme's courses, person-times are left blank (activities only);
- **backbone teachers** (a ``level``): dated online lessons taught in the month and from the
  term's start to the month's end, against their level's minimum a semester, and the share of
  it due by then (the minimum × teaching dates so far / the term's, rounded up);
- **every programme rule, met or not, that month**: per pair the synchronous course, at
  least ``min_sync_lessons_per_pair`` synchronous lessons in each full teaching week of the
  month (every school day taught; a month without one: averaging that a week), the forms used
  (``min_forms_per_pair``, research counting when meetings are held), the visit, three offline
  days; per school the online lessons it delivers (hub) or takes part in (receiving) averaging
  ``min_online_lessons_per_school`` a teaching week (seed 004 1.(1) is an average); per backbone
  teacher the level's minimum a semester reached by the term's dated lessons (the backbone
  table adds the progress: lessons to date against the share due).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from aligner.instance import COMBINE, PROGRAMME_FORMS, Instance
from aligner.messages import say
from aligner.programme.plan import OFFLINE_DAYS, ProgrammeError, TermPlan
from aligner.term import TeachingDate, average_holds

FORMS = (*PROGRAMME_FORMS, "visit", "offline")
"""The forms of activity the report counts, in its order."""
ACTIVITY_COLUMNS = ("level", "hub_school_id", "receiving_school_id", "school_id", "form",
                    "activities", "person_times", "activities_to_date",
                    "person_times_to_date")
BACKBONE_COLUMNS = ("school_id", "teacher_id", "level", "month_lessons", "lessons_to_date",
                    "due_to_date", "term_minimum", "planned_term", "on_track")
RULE_COLUMNS = ("rule", "hub_school_id", "receiving_school_id", "school_id", "teacher_id",
                "required", "actual", "met")


@dataclass(frozen=True)
class _Activity:
    """One activity: its date, month, form and each school's (pupils, teachers) in it."""

    key: tuple
    date: str
    month: str
    form: str
    hub_school: str
    people: dict[str, tuple[int, int]]


@dataclass
class MonthReport:
    """The month's report: its tables, the numbers of its heading, and the notes to print."""

    month: str
    activities: pd.DataFrame
    backbone: pd.DataFrame
    rules: pd.DataFrame
    sized: bool
    teaching_dates: int
    dates_to_date: int
    term_dates: int
    notes: list[str] = field(default_factory=list)

    @property
    def county(self) -> pd.DataFrame:
        return self.activities[self.activities["level"] == "county"]


def _students(instance: Instance, school_id: str, class_ids: list[str]) -> int:
    return sum(instance.class_by_key[(school_id, c)].students or 0 for c in class_ids if c)


def _activities(plan: TermPlan, instance: Instance) -> list[_Activity]:
    out: list[_Activity] = []
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in plan.sessions.to_dict("records"):
        grouped[(row["session_id"], row["date"])].append(row)
    for (session_id, date), rows in grouped.items():
        first = rows[0]
        hub = first["hub_school_id"]
        people: dict[str, tuple[int, int]] = {
            hub: (_students(instance, hub, [first["hub_class_id"]]), 1)}
        for row in rows:
            classes = row["receiving_class_ids"].split(COMBINE) if row["receiving_class_ids"] \
                else []
            assistants = row["assistant_ids"].split(COMBINE) if row["assistant_ids"] else []
            people[row["receiving_school_id"]] = (
                _students(instance, row["receiving_school_id"], classes), len(assistants))
        out.append(_Activity((session_id, date), date, date[:7], first["form"], hub, people))
    for row in plan.visits.to_dict("records"):
        if row["status"] != "proposed":
            continue
        school = row["receiving_school_id"]
        out.append(_Activity(("visit", row["hub_school_id"], school, row["month"]), row["date"],
                             row["month"], "visit", row["hub_school_id"], {
                                 row["hub_school_id"]: (0, 1),
                                 school: (_students(instance, school,
                                                    [row["receiving_class_id"]]), 0)}))
    for row in plan.offline.to_dict("records"):
        if row["status"] != "proposed":
            continue
        hub, school = row["hub_school_id"], row["receiving_school_id"]
        teachers = row["teacher_ids"].split(COMBINE) if row["teacher_ids"] else []
        at: dict[str, int] = defaultdict(int)
        for teacher_id in teachers:
            at[instance.teacher_by_id[teacher_id].school_id] += 1
        out.append(_Activity(("offline", hub, school, row["date"]), row["date"], row["month"],
                             "offline", hub, {hub: (0, at[hub]), school: (0, at[school])}))
    return out


def sized(instance: Instance) -> tuple[bool, int]:
    """(every class of the programme's courses has a size, how many lack one)."""
    keys = {k for c in instance.courses for k in c.class_keys}
    missing = sum(1 for k in keys if instance.class_by_key[k].students is None)
    return missing == 0, missing


def _activity_rows(activities: list[_Activity], month: str, instance: Instance,
                   with_people: bool) -> list[dict]:
    # (level, hub, receiving, school, form) -> [activities, people, activities to date, ...]
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])

    def add(key: tuple, people: int, activity: _Activity) -> None:
        cells = totals[key]
        if activity.month <= month:
            cells[2] += 1
            cells[3] += people
        if activity.month == month:
            cells[0] += 1
            cells[1] += people

    for activity in activities:
        if activity.month > month:
            continue
        everyone = sum(p + t for p, t in activity.people.values())
        add(("county", "", "", "", activity.form), everyone, activity)
        for school_id, (pupils, teachers) in activity.people.items():
            add(("school", "", "", school_id, activity.form), pupils + teachers, activity)
        hub = activity.hub_school
        hub_people = sum(activity.people.get(hub, (0, 0)))
        for school_id, (pupils, teachers) in activity.people.items():
            if school_id != hub:
                add(("pair", hub, school_id, "", activity.form),
                    hub_people + pupils + teachers, activity)
    order = {"pair": 0, "school": 1, "county": 2}
    school_rank = {s.school_id: i for i, s in enumerate(instance.schools)}
    pairs = list(instance.linked_pairs)
    # every pair, school and the county has a row for every form, 0 when nothing was held
    for hub, school in pairs:
        for form in FORMS:
            totals.setdefault(("pair", hub, school, "", form), [0, 0, 0, 0])
    for school_id in {s for pair in pairs for s in pair}:
        for form in FORMS:
            totals.setdefault(("school", "", "", school_id, form), [0, 0, 0, 0])
    for form in FORMS:
        totals.setdefault(("county", "", "", "", form), [0, 0, 0, 0])

    def rank(key: tuple) -> tuple:
        level, hub, school, own, form = key
        where = pairs.index((hub, school)) if level == "pair" else school_rank.get(own, 0)
        return (order[level], where, FORMS.index(form))

    rows = []
    for key in sorted(totals, key=rank):
        level, hub, school, own, form = key
        month_n, month_p, to_date_n, to_date_p = totals[key]
        rows.append({"level": level, "hub_school_id": hub, "receiving_school_id": school,
                     "school_id": own, "form": form, "activities": month_n,
                     "person_times": month_p if with_people else None,
                     "activities_to_date": to_date_n,
                     "person_times_to_date": to_date_p if with_people else None})
    return rows


def _due(minimum: int, so_far: int, total: int) -> int:
    """The share of a term minimum due after ``so_far`` of ``total`` teaching dates, rounded
    up."""
    return -(-minimum * so_far // total) if total else 0


def _backbone(plan: TermPlan, instance: Instance, month: str, dates_to_date: int,
              term_dates: int) -> list[dict]:
    taught = plan.sessions[plan.sessions["form"] != "research"] \
        .drop_duplicates(["session_id", "date"])
    rows = []
    for teacher in instance.teachers:
        if teacher.level is None:
            continue
        own = taught[taught["hub_teacher_id"] == teacher.teacher_id]
        months = own["date"].str[:7]
        minimum = instance.policy.level_min_online_per_semester.get(teacher.level, 0)
        due = _due(minimum, dates_to_date, term_dates)
        to_date = int((months <= month).sum())
        rows.append({"school_id": teacher.school_id, "teacher_id": teacher.teacher_id,
                     "level": teacher.level, "month_lessons": int((months == month).sum()),
                     "lessons_to_date": to_date, "due_to_date": due, "term_minimum": minimum,
                     "planned_term": len(own), "on_track": to_date >= due})
    return rows


def _rules(plan: TermPlan, instance: Instance, month: str, month_dates: int,
           backbone: list[dict]) -> list[dict]:
    policy = instance.policy
    days = len(instance.days)
    sessions = plan.sessions[plan.sessions["date"].str[:7] == month]
    lessons = sessions[sessions["form"] != "research"]
    rows: list[dict] = []

    def rule(name: str, required: int, actual: int, met: bool, *, hub: str = "",
             school: str = "", own: str = "", teacher: str = "") -> None:
        rows.append({"rule": name, "hub_school_id": hub, "receiving_school_id": school,
                     "school_id": own, "teacher_id": teacher, "required": required,
                     "actual": actual, "met": bool(met)})

    def needed(minimum: int) -> int:
        return -(-minimum * month_dates // days)

    # the month's full teaching weeks: every school day of the week taught within the month
    weeks: dict[tuple[int, int], list[TeachingDate]] = defaultdict(list)
    for date in plan.dates:
        if date.month == month:
            weeks[date.date.isocalendar()[:2]].append(date)
    full_weeks = [{d.date.isoformat() for d in week} for week in weeks.values()
                  if {d.day for d in week} >= set(instance.days)]
    visits = plan.visits[plan.visits["month"] == month]
    offline = plan.offline[(plan.offline["month"] == month)
                           & (plan.offline["status"] == "proposed")]
    for hub, school in instance.linked_pairs:
        synced = (hub, school) not in instance.pairs_without_sync
        rule("sync_course", 1, int(synced), synced, hub=hub, school=school)
        mine = lessons[(lessons["hub_school_id"] == hub)
                       & (lessons["receiving_school_id"] == school)]
        sync = mine[mine["form"] == "sync"].drop_duplicates(["session_id", "date"])
        minimum = policy.min_sync_lessons_per_pair
        if full_weeks:
            fewest = min(int(sync["date"].isin(week).sum()) for week in full_weeks)
            rule("min_sync_lessons_per_pair", minimum, fewest, fewest >= minimum, hub=hub,
                 school=school)
        else:
            rule("min_sync_lessons_per_pair", needed(minimum), len(sync),
                 average_holds(len(sync), month_dates, days, minimum), hub=hub, school=school)
        held = sessions[(sessions["hub_school_id"] == hub)
                        & (sessions["receiving_school_id"] == school)]["form"].nunique()
        rule("min_forms_per_pair", policy.min_forms_per_pair, int(held),
             held >= policy.min_forms_per_pair, hub=hub, school=school)
        visit = visits[(visits["hub_school_id"] == hub) & (visits["receiving_school_id"] == school)
                       & (visits["status"] == "proposed")]
        rule("face_to_face_visit", 1, len(visit), len(visit) >= 1, hub=hub, school=school)
        days_offline = offline[(offline["hub_school_id"] == hub)
                               & (offline["receiving_school_id"] == school)]
        rule("offline_days", OFFLINE_DAYS, len(days_offline), len(days_offline) >= OFFLINE_DAYS,
             hub=hub, school=school)
    minimum = policy.min_online_lessons_per_school
    hubs = list(dict.fromkeys(h for h, _ in instance.linked_pairs))
    receiving = list(dict.fromkeys(s for _, s in instance.linked_pairs))
    for school_id in hubs:
        count = len(lessons[lessons["hub_school_id"] == school_id]
                    .drop_duplicates(["session_id", "date"]))
        rule("min_online_lessons_delivered", needed(minimum), count,
             average_holds(count, month_dates, days, minimum), own=school_id)
    for school_id in receiving:
        count = len(lessons[lessons["receiving_school_id"] == school_id]
                    .drop_duplicates(["session_id", "date"]))
        rule("min_online_lessons_received", needed(minimum), count,
             average_holds(count, month_dates, days, minimum), own=school_id)
    for row in backbone:
        rule(f"level_min_online_over_term ({row['level']})", row["term_minimum"],
             row["planned_term"], row["planned_term"] >= row["term_minimum"],
             own=row["school_id"], teacher=row["teacher_id"])
    return rows


def month_report(plan: TermPlan, month: str) -> MonthReport:
    """The report of ``month`` (``YYYY-MM``, a month of the term) from the term plan; raises
    :class:`ProgrammeError` for a month outside the term."""
    assert plan.view is not None
    instance = plan.view.instance
    term = instance.term
    assert term is not None
    if month not in term.months():
        raise ProgrammeError(say("programme.month_outside_term", month=month,
                                 start=term.start, end=term.end,
                                 months=", ".join(term.months())))
    dates = plan.dates
    month_dates = sum(1 for d in dates if d.month == month)
    to_date = sum(1 for d in dates if d.month <= month)
    with_people, missing = sized(instance)
    activities = _activities(plan, instance)
    backbone = _backbone(plan, instance, month, to_date, len(dates))
    notes = [] if with_people else [say("programme.no_sizes", n=missing)]
    return MonthReport(
        month,
        pd.DataFrame(_activity_rows(activities, month, instance, with_people),
                     columns=list(ACTIVITY_COLUMNS)),
        pd.DataFrame(backbone, columns=list(BACKBONE_COLUMNS)),
        pd.DataFrame(_rules(plan, instance, month, month_dates, backbone),
                     columns=list(RULE_COLUMNS)),
        with_people, month_dates, to_date, len(dates), notes)
