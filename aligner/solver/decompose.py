"""Splitting an instance into independent components: groups of schools linked by courses (a
teacher belongs to one school, so teachers never link two schools). No rule crosses two
components, so each can be solved on its own and the timetables put side by side."""

from __future__ import annotations

from aligner.instance import Instance


def school_groups(instance: Instance) -> list[list[str]]:
    """Schools linked by courses, in order of first appearance (union-find)."""
    parent = {s.school_id: s.school_id for s in instance.schools}

    def root(school: str) -> str:
        while parent[school] != school:
            parent[school] = parent[parent[school]]
            school = parent[school]
        return school

    for course in instance.courses:
        for receiving in course.receiving_schools:
            parent[root(receiving)] = root(course.hub_school)
    groups: dict[str, list[str]] = {}
    for school in instance.schools:
        groups.setdefault(root(school.school_id), []).append(school.school_id)
    return list(groups.values())


def sub_instance(instance: Instance, schools: list[str], name: str | None = None) -> Instance:
    """The part of the instance that concerns ``schools`` (which no course leaves)."""
    keep = set(schools)
    fields = {field: getattr(instance, field) for field in Instance.model_fields}
    fields.update(
        name=name or instance.name,
        schools=tuple(s for s in instance.schools if s.school_id in keep),
        bells=tuple(b for b in instance.bells if b.school_id in keep),
        classes=tuple(c for c in instance.classes if c.school_id in keep),
        teachers=tuple(t for t in instance.teachers if t.school_id in keep),
        curriculum=tuple(r for r in instance.curriculum if r.school_id in keep),
        courses=tuple(c for c in instance.courses if c.hub_school in keep),
        breaks=tuple(b for b in instance.breaks if b.school_id in keep),
        rooms=tuple(r for r in instance.rooms if r.school_id in keep),
        pins=tuple(p for p in instance.pins if p.school_id in keep),
        days_apart=tuple(g for g in instance.days_apart if g.school_id in keep),
        previous=None if instance.previous is None else instance.previous.model_copy(update={
            "lessons": tuple(x for x in instance.previous.lessons if x.school_id in keep),
            "sessions": tuple(s for s in instance.previous.sessions
                              if all(school in keep for school, _ in s.receiving))}),
    )
    return Instance(**fields)


def components(instance: Instance) -> list[Instance]:
    """The independent components, each a valid instance named after the instance and its
    schools; a single component is the instance itself."""
    groups = school_groups(instance)
    if len(groups) == 1:
        return [instance]
    return [sub_instance(instance, group, f"{instance.name} [{', '.join(group)}]")
            for group in groups]
