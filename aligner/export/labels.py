"""Words of the office exports in Chinese (default) or English, and the text of one cell. The
words are the message catalogue's (``export.label.*``, ``export.day.*``, ``export.form.*``,
``export.form_name.*``, ``export.season.*``), in the language of the export (``--lang``), which
need not be that of the messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from aligner.export.view import DayRow, Duty, Lesson, LiveSession, TimetableView
from aligner.instance import COMBINE
from aligner.messages import catalogue, say, say_in

LANGUAGES = ("zh", "en")

def known_word(lang: str, key: str, default: str) -> str:
    """The catalogue's text of ``key`` in ``lang``, or ``default`` when it has none (a day
    name that is no weekday, a season other than winter and summer)."""
    return say_in(lang, key) if key in catalogue() else default


@dataclass(frozen=True)
class Labels:
    """The words of one language; ``solution`` supplies the names."""

    lang: str
    solution: TimetableView
    applies_from: dt.date | None = None
    """The first day the timetable applies (export --from-date), printed in the titles."""

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(say("export.unknown_language", lang=self.lang,
                                 languages=", ".join(LANGUAGES)))

    def word(self, key: str, **values: object) -> str:
        return say_in(self.lang, f"export.label.{key}", **values)

    def day(self, day: str) -> str:
        return known_word(self.lang, f"export.day.{day}", day)

    def period(self, n: int) -> str:
        return self.word("period", n=n)

    def form(self, form: str) -> str:
        return known_word(self.lang, f"export.form.{form}", form)

    def form_name(self, form: str) -> str:
        return known_word(self.lang, f"export.form_name.{form}", form)

    def season(self, season: str) -> str:
        return known_word(self.lang, f"export.season.{season}", season)

    @property
    def seasons_title(self) -> str:
        return "+".join(self.season(s) for s in self.solution.seasons)

    # ---- names -----------------------------------------------------------------------------

    def school(self, school_id: str) -> str:
        return self.solution.instance.school_name(school_id)

    def short(self, school_id: str) -> str:
        return self.solution.instance.short_name(school_id)

    def klass(self, school_id: str, class_id: str) -> str:
        return self.solution.instance.class_name(school_id, class_id)

    def teacher(self, teacher_id: str) -> str:
        """A teacher's name; co-teachers (``t1+t2``) each by name."""
        if not teacher_id:
            return ""
        return self.word("name_sep").join(self.solution.instance.teacher_name(t)
                                          for t in teacher_id.split(COMBINE))

    def room(self, school_id: str, room_id: str) -> str:
        """A special room's name ('' for the class's own room)."""
        room = self.solution.instance.room_by_key.get((school_id, room_id))
        return room.name if room is not None else room_id

    def times(self, school_id: str, period: int) -> str:
        """The period's times in every season: '08:30-09:10' or '08:30-09:10 / 08:20-09:00'."""
        return " / ".join(self.solution.times(school_id, period))

    def period_label(self, school_id: str, period: int) -> str:
        return f"{self.period(period)}\n{self.times(school_id, period)}"

    def row_label(self, row: DayRow) -> str:
        """A row of the printed day: '第3节\n10:35-11:15\n眼保健操', '大课间活动 10:05-10:35', '午休'."""
        times = " / ".join(t or "-" for t in row.times)
        if row.kind == "period":
            return f"{self.period(row.period)}\n{times}" + (f"\n{row.name}" if row.name else "")
        if row.kind == "lunch":
            return self.word("lunch")
        return f"{row.name} {times}"

    # ---- titles ----------------------------------------------------------------------------

    def date(self, day: dt.date) -> str:
        return self.word("date", d=day)

    def class_title(self, school_id: str, class_id: str) -> str:
        return (f"{self.school(school_id)} {self.seasons_title} {self.word('class')} "
                f"{self.klass(school_id, class_id)}")

    def class_meta(self, school_id: str, class_id: str) -> list[str]:
        """What a class's title says besides its name: the head teacher (班主任) and the date the
        timetable applies from."""
        klass = self.solution.instance.class_by_key[(school_id, class_id)]
        meta = ([self.word("head_teacher", name=self.teacher(klass.head_teacher))]
                if klass.head_teacher else [])
        return meta + self._from_date()

    def teacher_title(self, teacher_id: str) -> str:
        school_id = self.solution.instance.teacher_by_id[teacher_id].school_id
        return (f"{self.school(school_id)} {self.seasons_title} {self.word('teacher')} "
                f"{self.teacher(teacher_id)} ({teacher_id})")

    def teacher_meta(self, teacher_id: str) -> list[str]:
        """The classes the teacher is head teacher of, and the date the timetable applies from."""
        headed = [self.klass(*c.key) for c in self.solution.instance.classes
                  if c.head_teacher == teacher_id]
        meta = ([self.word("head_of", classes=self.word("name_sep").join(headed))]
                if headed else [])
        return meta + self._from_date()

    def _from_date(self) -> list[str]:
        if self.applies_from is None:
            return []
        return [self.word("applies_from", date=self.date(self.applies_from))]

    def titled(self, title: str, meta: list[str]) -> str:
        """A title with its meta parts, as one line."""
        return self.word("meta_sep").join([title, *meta])

    # ---- the teacher list and the legend ---------------------------------------------------

    def teacher_list(self, school_id: str, class_id: str) -> list[str]:
        """Who teaches the class, subject by subject (curriculum order), as the week shows it:
        local teachers; for a lesson received online the hub teacher (with the hub school) and
        the assistant (助教) in the class's room."""
        solution = self.solution
        names: dict[str, dict[str, None]] = {
            row.subject: {} for row in solution.instance.curriculum_of_class.get(
                (school_id, class_id), ())}
        week = solution.class_week(school_id, class_id)
        order = {d: i for i, d in enumerate(solution.instance.days)}
        # the class's own teachers first, then who teaches it online and who assists
        for lesson in sorted(week.values(), key=lambda x: (x.mode == "online-receiving",
                                                           order.get(x.day, 99), x.period)):
            shown = names.setdefault(lesson.subject, {})
            session = solution.session_of(lesson)
            if lesson.mode == "online-receiving" and session is not None:
                shown[self.word("as_hub", name=self.teacher(lesson.teacher_id),
                                school=self.short(session.course.hub_school))] = None
                if lesson.assistant_id:
                    shown[self.word("as_assistant", name=self.teacher(lesson.assistant_id))] = None
            elif lesson.teacher_id:
                shown[self.teacher(lesson.teacher_id)] = None
        return [self.word("subject_teachers", subject=subject,
                          names=self.word("name_sep").join(who))
                for subject, who in names.items() if who]

    def legend(self, forms: set[str]) -> list[tuple[str, str]]:
        """(form, text) for each form present, in the order sync, delivery, famous: the tag its
        cells carry and the form's name, so that the key reads in black and white."""
        return [(form, f"[{self.form(form)}] {self.form_name(form)}")
                for form in ("sync", "delivery", "famous", "research") if form in forms]

    # ---- cells -----------------------------------------------------------------------------

    def partner_text(self, session: LiveSession, school_id: str) -> str:
        """Where the other ends of ``session`` are, seen from ``school_id``: names and times."""
        ends = [session.hub] if school_id != session.course.hub_school else []
        ends += [p for p in session.receiving if p.school_id != school_id]
        parts = []
        for end in ends:
            classes = "、".join(self.klass(end.school_id, c) for c in end.class_ids)
            parts.append(f"{self.short(end.school_id)}{' ' + classes if classes else ''} "
                         f"{self.times(end.school_id, end.period)}")
        return "; ".join(parts)

    def lesson_lines(self, lesson: Lesson) -> list[str]:
        """A class's cell: subject, teacher; for an online lesson the form, the partner school
        with its times, the hub teacher and the assistant."""
        session = self.solution.session_of(lesson)
        if session is None:
            lines = [lesson.subject, self.teacher(lesson.teacher_id)]
            if lesson.room_id:
                lines.append(self.room(lesson.school_id, lesson.room_id))
            row = self.solution.instance.curriculum_row.get(
                (lesson.school_id, lesson.class_id, lesson.subject))
            if row is not None and row.combined:
                lines.append(self.word("combined", classes=self.word("name_sep").join(
                    self.klass(lesson.school_id, c) for c in row.class_ids)))
            return lines
        course = session.course
        if lesson.mode == "online-main":
            arrow = "→" + "、".join(self.short(p.school_id) for p in session.receiving)
        else:
            arrow = "←" + self.short(course.hub_school)
        lines = [f"{lesson.subject} [{self.form(course.form)}{arrow}]",
                 f"{self.word('hub')} {self.teacher(course.hub_teacher)}"
                 + (f" {self.word('assistant')} {self.teacher(lesson.assistant_id)}"
                    if lesson.assistant_id else ""),
                 self.partner_text(session, lesson.school_id)]
        return lines

    def duty_lines(self, school_id: str, duty: Duty) -> list[str]:
        """A teacher's cell: subject and classes; for a session the form and the partner."""
        classes = "、".join(self.klass(school_id, c) for c in duty.class_ids)
        session = duty.session
        if session is None:
            lines = [duty.subject, classes]
            if duty.room_id:
                lines.append(self.room(school_id, duty.room_id))
            if duty.co_teachers:
                lines.append(self.word("with", names=self.teacher(COMBINE.join(duty.co_teachers))))
            return lines
        course = session.course
        if duty.kind == "research":
            hub = course.hub_school
            ends = [(hub, session.hub_period)] if school_id != hub else []
            ends += [(p.school_id, p.period) for p in session.receiving if p.school_id != school_id]
            arrow = ("→" + "、".join(self.short(p.school_id) for p in session.receiving)
                     if school_id == hub else "←" + self.short(hub))
            who = self.word("name_sep").join(self.teacher(t) for t in duty.co_teachers)
            where = "; ".join(f"{self.short(s)} {self.times(s, p)}" for s, p in ends)
            return [f"{self.form_name('research')} [{self.form('research')}{arrow}]",
                    self.word("research_with", course=course.course_id, subject=course.subject),
                    f"{who}; {where}" if who else where]
        if duty.kind == "hub":
            arrow = "→" + "、".join(self.short(p.school_id) for p in session.receiving)
            return [f"{duty.subject} [{self.form(course.form)}{arrow}]",
                    classes or self.word("remote_only"),
                    self.partner_text(session, school_id)]
        return [f"{duty.subject} [{self.form(course.form)}←{self.short(course.hub_school)}] "
                f"{self.word('assisting')}",
                f"{classes} {self.word('hub')} {self.teacher(course.hub_teacher)}",
                self.partner_text(session, school_id)]
