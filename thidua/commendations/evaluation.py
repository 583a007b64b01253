"""From stored records to the engine and back: load in a constant number of queries, evaluate in bulk.

:func:`load` reads every record a set of subjects needs (ratings, titles and forms, initiatives,
discipline, pending reviews, memberships) with one query per table, whatever the number of people, then
builds the engine's :class:`~thidua.commendations.engine.Subject` objects. :func:`evaluate` runs
``evaluate_many`` over them and returns :class:`Row` objects for tables and exports.

Mapping decisions:

- a disciplinary measure counts in every year it is in force (start to end, open-ended if no end);
  when several overlap a year, the most severe is used;
- a pending review holds the year under review when it is open on the evaluation date (``as_of``):
  opened on or before that day and not closed by then (NĐ 152 Art. 4 holds the proposal itself);
- a collective's members for a year are the people whose unit is the collective plus people with a
  dated membership of it overlapping that year; a household's members are the people of the household;
- a person's start of employment is the earliest ``valid_from`` of their memberships of their current
  unit, when recorded (otherwise the engine treats it as vouched by the unit).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from thidua.commendations import engine
from thidua.commendations.choices import SubjectKind
from thidua.commendations.models import (
    AwardRecord,
    DisciplineRecord,
    InitiativeRecord,
    PendingReview,
    TaskRating,
)
from thidua.core.vietnamese.collation import name_sort_key, text_sort_key
from thidua.orgs.models import Household, Membership, OrgUnit, Person

Key = tuple[str, int]

PERSON_TARGETS = (
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_tinh",
    "giay_khen_chu_tich_xa",
    "bang_khen_chu_tich_tinh",
)
COLLECTIVE_TARGETS = (
    "tap_the_lao_dong_tien_tien",
    "tap_the_lao_dong_xuat_sac",
    "giay_khen_chu_tich_xa",
    "bang_khen_chu_tich_tinh",
)
VILLAGE_TARGETS = ("thon_van_hoa", "giay_khen_chu_tich_xa", "bang_khen_chu_tich_tinh")
HOUSEHOLD_TARGETS = ("gia_dinh_van_hoa", "giay_khen_chu_tich_xa", "bang_khen_chu_tich_tinh")
COLLECTIVE_KINDS = ("department", "school", "clinic", "village", "enterprise", "mass_org", "other")


def targets_for(kind: str, unit_kind: str | None = None) -> tuple[str, ...]:
    if kind == SubjectKind.PERSON:
        return PERSON_TARGETS
    if kind == SubjectKind.HOUSEHOLD:
        return HOUSEHOLD_TARGETS
    return VILLAGE_TARGETS if unit_kind == "village" else COLLECTIVE_TARGETS


@dataclass
class Received:
    code: str
    award_type: str
    decision_number: str
    decision_date: date | None
    issuer: str


@dataclass
class SubjectInfo:
    kind: str
    pk: int
    name: str
    unit_id: int | None
    unit_name: str
    unit_kind: str | None = None
    group: str | None = None
    subject: engine.Subject | None = None
    received: list[Received] = field(default_factory=list)
    """Titles and forms received for the year under review."""

    @property
    def key(self) -> Key:
        return (self.kind, self.pk)


@dataclass
class Row:
    info: SubjectInfo
    result: engine.Result
    target_name: str
    already: Received | None

    @property
    def status(self) -> str:
        return str(self.result.status)

    @property
    def failed(self) -> tuple[engine.Condition, ...]:
        return self.result.failed

    @property
    def name_key(self) -> tuple:
        if self.info.kind == SubjectKind.PERSON:
            return (name_sort_key(self.info.name), self.info.pk)
        return (text_sort_key(self.info.name), self.info.pk)

    @property
    def unit_key(self) -> tuple:
        return (text_sort_key(self.info.unit_name), self.name_key)

    @property
    def missing_text(self) -> str:
        return "; ".join(condition.message for condition in self.failed)


@dataclass
class Loaded:
    year: int
    as_of: date
    subjects: list[SubjectInfo]
    records: dict[Key, dict[int, engine.YearRecord]]
    members: dict[Key, list[int]]


class _Year:
    __slots__ = ("awards", "discipline", "initiatives", "rating", "under_review")

    def __init__(self) -> None:
        self.rating: str | None = None
        self.awards: list[engine.Award] = []
        self.initiatives: list[engine.Initiative] = []
        self.discipline: engine.Discipline | None = None
        self.under_review = False


def _key(person_id: int | None, unit_id: int | None, household_id: int | None) -> Key:
    if person_id:
        return (SubjectKind.PERSON, person_id)
    if unit_id:
        return (SubjectKind.COLLECTIVE, unit_id)
    return (SubjectKind.HOUSEHOLD, household_id or 0)


SUBJECT_VALUES = ("person_id", "unit_id", "household_id")


def _read_records(record_q: Q, year: int, as_of: date) -> tuple[dict, dict]:
    """Five queries: every record of the subjects matching ``record_q`` up to ``year``."""
    years: dict[Key, dict[int, _Year]] = defaultdict(dict)
    received: dict[Key, list[Received]] = defaultdict(list)

    def slot(key: Key, when: int) -> _Year:
        found = years[key].get(when)
        if found is None:
            found = years[key][when] = _Year()
        return found

    ratings = TaskRating.objects.filter(record_q, year__lte=year)
    for person_id, unit_id, household_id, when, rating in ratings.values_list(
        *SUBJECT_VALUES, "year", "rating"
    ):
        slot(_key(person_id, unit_id, household_id), when).rating = rating
    awards = AwardRecord.objects.filter(record_q, year__lte=year).values_list(
        *SUBJECT_VALUES, "year", "code", "award_type", "decision_number", "decision_date", "issuer"
    )
    for person_id, unit_id, household_id, when, code, kind, number, day, issuer in awards:
        key = _key(person_id, unit_id, household_id)
        slot(key, when).awards.append(
            engine.Award(code, engine.AwardType(kind), number or None, day, issuer or None)
        )
        if when == year:
            received[key].append(Received(code, kind, number, day, issuer))
    initiatives = InitiativeRecord.objects.filter(record_q, year__lte=year).values_list(
        *SUBJECT_VALUES, "year", "scope", "used_for", "title"
    )
    for person_id, unit_id, household_id, when, scope, used_for, title in initiatives:
        slot(_key(person_id, unit_id, household_id), when).initiatives.append(
            engine.Initiative(engine.InitiativeScope(scope), used_for or None, title)
        )
    disciplines = DisciplineRecord.objects.filter(record_q, start__lte=date(year, 12, 31)).values_list(
        *SUBJECT_VALUES, "measure", "start", "end"
    )
    for person_id, unit_id, household_id, measure, start, end in disciplines:
        key = _key(person_id, unit_id, household_id)
        discipline = engine.Discipline(engine.DisciplineMeasure(measure), start, end)
        last = min(end.year, year) if end else year
        for when in range(start.year, last + 1):
            current = slot(key, when)
            if current.discipline is None or current.discipline.severity < discipline.severity:
                current.discipline = discipline
    reviews = PendingReview.objects.filter(record_q, opened__lte=as_of).filter(
        Q(closed__isnull=True) | Q(closed__gt=as_of)
    )
    for person_id, unit_id, household_id in reviews.values_list(*SUBJECT_VALUES):
        slot(_key(person_id, unit_id, household_id), year).under_review = True
    return years, received


def _year_records(raw: dict[int, _Year]) -> dict[int, engine.YearRecord]:
    result = {}
    for when, item in raw.items():
        awards = tuple(item.awards)
        result[when] = engine.YearRecord(
            year=when,
            rating=engine.Rating(item.rating) if item.rating else None,
            titles=frozenset(award.code for award in awards),
            awards=awards,
            initiatives=tuple(item.initiatives),
            discipline=item.discipline,
            under_review=item.under_review,
        )
    return result


def load(
    *,
    year: int,
    as_of: date,
    people: Iterable[tuple],
    collectives: Iterable[tuple],
    households: Iterable[tuple],
    memberships: Iterable[tuple],
    record_q: Q,
) -> Loaded:
    """Build engine subjects from pre-read rows and the records matching ``record_q``.

    ``people``: (pk, full_name, employment_group, unit_id, unit_name, household_id);
    ``collectives``: (pk, name, kind); ``households``: (pk, code, head name, village_id, village name);
    ``memberships``: (person_id, unit_id, valid_from, valid_to).
    """
    raw, received = _read_records(record_q, year, as_of)
    records = {key: _year_records(value) for key, value in raw.items()}
    people = list(people)
    start_of_year, end_of_year = date(year, 1, 1), date(year, 12, 31)
    members: dict[Key, list[int]] = defaultdict(list)
    person_unit = {}
    household_members: dict[int, list[int]] = defaultdict(list)
    for pk, _name, _group, unit_id, _unit_name, household_id in people:
        person_unit[pk] = unit_id
        members[(SubjectKind.COLLECTIVE, unit_id)].append(pk)
        if household_id:
            household_members[household_id].append(pk)
    employment: dict[int, date] = {}
    for person_id, unit_id, valid_from, valid_to in memberships:
        if valid_from and person_unit.get(person_id) == unit_id:
            employment[person_id] = min(employment.get(person_id, valid_from), valid_from)
        overlaps = (valid_from is None or valid_from <= end_of_year) and (
            valid_to is None or valid_to >= start_of_year
        )
        listed = members[(SubjectKind.COLLECTIVE, unit_id)]
        if overlaps and person_id not in listed:
            listed.append(person_id)

    def member_record(pk: int) -> engine.YearRecord:
        return records.get((SubjectKind.PERSON, pk), {}).get(year) or engine.YearRecord(year=year)

    subjects: list[SubjectInfo] = []
    for pk, name, group, unit_id, unit_name, _household in people:
        key = (SubjectKind.PERSON, pk)
        info = SubjectInfo(SubjectKind.PERSON, pk, name, unit_id, unit_name, group=group)
        info.subject = engine.Subject.build(
            "individual",
            records.get(key, {}).values(),
            group=group,
            employment_start=employment.get(pk),
            id=f"person:{pk}",
        )
        subjects.append(info)
    for pk, name, kind in collectives:
        key = (SubjectKind.COLLECTIVE, pk)
        info = SubjectInfo(SubjectKind.COLLECTIVE, pk, name, pk, name, unit_kind=kind)
        info.subject = engine.Subject.build(
            "collective",
            records.get(key, {}).values(),
            members=[member_record(member) for member in members.get(key, [])],
            id=f"collective:{pk}",
        )
        subjects.append(info)
    for pk, code, head, village_id, village_name in households:
        key = (SubjectKind.HOUSEHOLD, pk)
        label = f"{code} – {head}" if head else code
        info = SubjectInfo(SubjectKind.HOUSEHOLD, pk, label, village_id, village_name)
        info.subject = engine.Subject.build(
            "household",
            records.get(key, {}).values(),
            members=[member_record(member) for member in household_members.get(pk, [])],
            id=f"household:{pk}",
        )
        subjects.append(info)
    for info in subjects:
        info.received = received.get(info.key, [])
    return Loaded(year, as_of, subjects, records, dict(members))


def evaluate(
    loaded: Loaded,
    ruleset: engine.RuleSet,
    *,
    targets: Sequence[str] | None = None,
    today: date | None = None,
) -> list[Row]:
    """Every subject against its targets (or only ``targets`` among them), grouped for ``evaluate_many``."""
    groups: dict[tuple[str, ...], list[SubjectInfo]] = defaultdict(list)
    for info in loaded.subjects:
        codes = targets_for(info.kind, info.unit_kind)
        if targets:
            codes = tuple(code for code in codes if code in targets)
        if codes:
            groups[codes].append(info)
    by_id = {info.subject.id: info for info in loaded.subjects if info.subject is not None}
    rows: list[Row] = []
    for codes, infos in groups.items():
        subjects = [info.subject for info in infos if info.subject is not None]
        for subject, result in engine.evaluate_many(subjects, codes, loaded.year, ruleset, today=today):
            info = by_id[subject.id]
            already = next((item for item in info.received if item.code == result.target), None)
            rows.append(Row(info, result, ruleset.titles[result.target].name, already))
    return rows


# --- Reading the rows for a commune or one subject -------------------------------------------------


def _people_rows(queryset) -> list[tuple]:
    return list(
        queryset.values_list("pk", "full_name", "employment_group", "unit_id", "unit__name", "household_id")
    )


def _collective_rows(queryset) -> list[tuple]:
    return list(queryset.values_list("pk", "name", "kind"))


def _household_rows(queryset) -> list[tuple]:
    return list(queryset.values_list("pk", "code", "head__full_name", "village_id", "village__name"))


def commune_record_q(path: str) -> Q:
    return (
        Q(person__unit__path__startswith=path)
        | Q(unit__path__startswith=path)
        | Q(household__village__path__startswith=path)
    )


def load_commune(
    commune: OrgUnit,
    *,
    year: int,
    as_of: date,
    people=None,
    collectives=None,
    households=None,
) -> Loaded:
    """Everything under ``commune`` in a constant number of queries (9, whatever its size).

    The querysets, when given, restrict which subjects are evaluated (e.g. to what a user may see);
    members' records are still read for the whole commune so a collective is judged on all its members.
    """
    path = commune.path
    all_people = Person.objects.filter(unit__path__startswith=path)
    people_rows = _people_rows(all_people.order_by("pk"))
    visible_people = people_rows
    if people is not None:
        allowed = set(people.filter(unit__path__startswith=path).values_list("pk", flat=True))
        visible_people = [row for row in people_rows if row[0] in allowed]
    units = (collectives if collectives is not None else OrgUnit.objects.all()).filter(
        path__startswith=path, kind__in=COLLECTIVE_KINDS
    )
    units = units.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=date(year, 1, 1))).exclude(pk=commune.pk)
    household_qs = (households if households is not None else Household.objects.all()).filter(
        village__path__startswith=path
    )
    memberships = Membership.objects.filter(unit__path__startswith=path).values_list(
        "person_id", "unit_id", "valid_from", "valid_to"
    )
    loaded = load(
        year=year,
        as_of=as_of,
        people=people_rows,
        collectives=_collective_rows(units.order_by("path")),
        households=_household_rows(household_qs.order_by("code")),
        memberships=memberships,
        record_q=commune_record_q(path),
    )
    if people is not None:
        keep = {row[0] for row in visible_people}
        loaded.subjects = [
            info for info in loaded.subjects if info.kind != SubjectKind.PERSON or info.pk in keep
        ]
    return loaded


def load_one(kind: str, obj, *, year: int, as_of: date) -> tuple[Loaded, SubjectInfo]:
    """One subject (with its members, for a collective or a household)."""
    if kind == SubjectKind.PERSON:
        people = _people_rows(Person.objects.filter(pk=obj.pk))
        loaded = load(
            year=year,
            as_of=as_of,
            people=people,
            collectives=[],
            households=[],
            memberships=Membership.objects.filter(person=obj).values_list(
                "person_id", "unit_id", "valid_from", "valid_to"
            ),
            record_q=Q(person_id=obj.pk),
        )
    elif kind == SubjectKind.COLLECTIVE:
        member_ids = set(Membership.objects.filter(unit=obj).values_list("person_id", flat=True)) | set(
            Person.objects.filter(unit=obj).values_list("pk", flat=True)
        )
        loaded = load(
            year=year,
            as_of=as_of,
            people=_people_rows(Person.objects.filter(pk__in=member_ids)),
            collectives=[(obj.pk, obj.name, obj.kind)],
            households=[],
            memberships=Membership.objects.filter(unit=obj).values_list(
                "person_id", "unit_id", "valid_from", "valid_to"
            ),
            record_q=Q(unit_id=obj.pk) | Q(person_id__in=member_ids),
        )
    elif kind == SubjectKind.HOUSEHOLD:
        loaded = load(
            year=year,
            as_of=as_of,
            people=_people_rows(Person.objects.filter(household=obj)),
            collectives=[],
            households=_household_rows(Household.objects.filter(pk=obj.pk)),
            memberships=[],
            record_q=Q(household_id=obj.pk) | Q(person__household_id=obj.pk),
        )
    else:
        raise ValueError(kind)
    info = next(item for item in loaded.subjects if item.key == (kind, obj.pk))
    loaded.subjects = [info]
    return loaded, info


# --- Quotas and cash ---------------------------------------------------------------------------------


@dataclass
class UnitQuota:
    unit_id: int
    unit_name: str
    rated: int
    result: engine.QuotaResult


def quotas(loaded: Loaded, ruleset: engine.RuleSet) -> list[UnitQuota]:
    """The caps in force for every unit whose people are rated this year (from the loaded records)."""
    by_unit: dict[int, list[engine.YearRecord]] = defaultdict(list)
    names: dict[int, str] = {}
    for info in loaded.subjects:
        if info.kind != SubjectKind.PERSON or info.unit_id is None:
            continue
        record = loaded.records.get(info.key, {}).get(loaded.year)
        names[info.unit_id] = info.unit_name
        if record is not None and record.rating is not None:
            by_unit[info.unit_id].append(record)
    result = []
    for unit_id, records in by_unit.items():
        for quota in engine.check_quota(records, ruleset):
            result.append(UnitQuota(unit_id, names[unit_id], len(records), quota))
    return sorted(result, key=lambda item: (not item.result.exceeded, item.unit_name))
