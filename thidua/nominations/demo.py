"""Demo data of this app (called by `thidua demo` after the commendations and reporting demos); safe to run again.

Two rounds of xã Cẩm Giang, built through the services so every step is in the history:

- "Bình xét thi đua, khen thưởng năm 2024": twelve nominations (LĐTT, CSTĐCS, TTLĐTT, Giấy khen for people,
  a collective and a household) disclosed from 23/12/2024, the window over (the council demo votes on it);
- "Bình xét thi đua, khen thưởng năm 2025": under the commune's 2025 plan, nominations at every stage, the
  window running around today with comments pending and published.

Nominees are picked among the subjects the rules engine finds eligible and who have not received the same
title or form for the year already.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.campaigns.models import Plan, Registration
from thidua.campaigns.selectors import registered
from thidua.commendations import evaluation
from thidua.commendations.choices import SubjectKind
from thidua.commendations.rules import province_slug, ruleset_for
from thidua.core.vietnamese.calendar import WorkCalendar
from thidua.nominations import services
from thidua.nominations.choices import Category, CommentStatus, DossierPartKind
from thidua.nominations.models import Nomination, ReviewRound
from thidua.orgs.models import Household, OrgUnit, Person

NAME_2024 = "Bình xét thi đua, khen thưởng năm 2024"
NAME_2025 = "Bình xét thi đua, khen thưởng năm 2025"
LDTT, CSTDCS, TTLDTT, GIAY_KHEN = (
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "tap_the_lao_dong_tien_tien",
    "giay_khen_chu_tich_xa",
)
SUMMARIES = {
    LDTT: "Hoàn thành tốt nhiệm vụ được giao; chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước",
    CSTDCS: "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến được áp dụng hiệu quả tại cơ sở",
    TTLDTT: "Tập thể hoàn thành tốt nhiệm vụ, nội bộ đoàn kết, có nhiều cá nhân đạt Lao động tiên tiến",
    GIAY_KHEN: "Có thành tích tiêu biểu trong phong trào thi đua của xã",
}
HOUSEHOLD_SUMMARY = "Hiến 120 m² đất làm đường giao thông nông thôn, tích cực tham gia xây dựng nông thôn mới"


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF (valid enough for viewers) standing in for a scanned document."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _pick(rows, code: str, kind: str, count: int, *, used: set, where=lambda row: True) -> list:
    chosen = []
    for row in rows:
        if len(chosen) == count:
            break
        if row.result.target != code or row.info.kind != kind or row.status != "eligible" or row.already:
            continue
        if row.info.key in used or not where(row):
            continue
        used.add(row.info.key)
        chosen.append(row.info)
    return chosen


def _subject(info) -> dict:
    if info.kind == SubjectKind.PERSON:
        person = Person.objects.select_related("unit").get(pk=info.pk)
        return {"person": person, "proposing_unit": person.unit, "position": person.position}
    if info.kind == SubjectKind.COLLECTIVE:
        unit = OrgUnit.objects.get(pk=info.pk)
        return {"unit": unit, "proposing_unit": unit, "category": Category.COLLECTIVE}
    household = Household.objects.select_related("village").get(pk=info.pk)
    return {"household": household, "proposing_unit": household.village, "category": Category.CITIZEN}


def _nominate(actor, review_round, info, code: str, *, summary: str | None = None) -> Nomination:
    data = {
        "review_round": review_round,
        "code": code,
        "summary": summary or SUMMARIES[code],
        **_subject(info),
    }
    data.setdefault("category", Category.OFFICER)
    return services.nomination_create(actor=actor, data=data)


def _dossier(actor, nomination: Nomination) -> None:
    services.dossier_part_draft(actor=actor, nomination=nomination, kind=DossierPartKind.PROPOSAL)
    services.dossier_part_draft(actor=actor, nomination=nomination, kind=DossierPartKind.ACHIEVEMENT_REPORT)
    services.dossier_part_upload(
        actor=actor,
        nomination=nomination,
        kind=DossierPartKind.MEETING_MINUTES,
        upload=SimpleUploadedFile("bien-ban-binh-xet.pdf", minimal_pdf("Bien ban hop binh xet thi dua")),
        title="Biên bản họp bình xét thi đua của đơn vị",
    )
    if nomination.code == CSTDCS:
        services.dossier_part_upload(
            actor=actor,
            nomination=nomination,
            kind=DossierPartKind.EVIDENCE,
            upload=SimpleUploadedFile("sang-kien.pdf", minimal_pdf("Xac nhan sang kien ap dung tai co so")),
            title="Giấy chứng nhận sáng kiến được áp dụng tại cơ sở",
        )


def _eligible_rows(commune: OrgUnit, year: int):
    today = timezone.localdate()
    rules = ruleset_for(today, province_slug(commune))
    loaded = evaluation.load_commune(commune, year=year, as_of=today)
    rows = evaluation.evaluate(loaded, rules, targets=[LDTT, CSTDCS, TTLDTT, GIAY_KHEN], today=today)
    return sorted(rows, key=lambda row: (row.info.kind, row.info.pk))


def build_2024(actor, commune: OrgUnit) -> ReviewRound:
    review_round = services.round_create(
        actor=actor,
        data={
            "commune": commune,
            "year": 2024,
            "name": NAME_2024,
            "nominations_due": date(2024, 12, 16),
            "disclosure_days": 10,
        },
    )
    rows = _eligible_rows(commune, 2024)
    used: set = set()
    plan = [
        (_pick(rows, LDTT, SubjectKind.PERSON, 4, used=used), LDTT),
        (_pick(rows, CSTDCS, SubjectKind.PERSON, 2, used=used), CSTDCS),
        (_pick(rows, TTLDTT, SubjectKind.COLLECTIVE, 2, used=used), TTLDTT),
        (_pick(rows, GIAY_KHEN, SubjectKind.PERSON, 2, used=used), GIAY_KHEN),
        (_pick(rows, GIAY_KHEN, SubjectKind.COLLECTIVE, 1, used=used), GIAY_KHEN),
    ]
    households = list(Household.objects.filter(village__path__startswith=commune.path).order_by("code")[:1])
    nominations = []
    for infos, code in plan:
        for info in infos:
            nominations.append(_nominate(actor, review_round, info, code))
    for household in households:
        info = evaluation.SubjectInfo(SubjectKind.HOUSEHOLD, household.pk, "", None, "")
        nominations.append(_nominate(actor, review_round, info, GIAY_KHEN, summary=HOUSEHOLD_SUMMARY))
    for nomination in nominations:
        _dossier(actor, nomination)
        services.nomination_submit(actor=actor, nomination=nomination, today=date(2024, 12, 12))
        services.nomination_accept(actor=actor, nomination=nomination)
    services.round_disclose(actor=actor, review_round=review_round, start=date(2024, 12, 23))
    return review_round


def _register(actor, plan: Plan, person: Person) -> None:
    from thidua.campaigns import services as campaign_services

    if registered(plan, person=person) or Registration.objects.filter(plan=plan, person=person).exists():
        return
    deadline = plan.registration_deadline()
    day = deadline.due_date - timedelta(days=3) if deadline else None
    registration = campaign_services.registration_create(
        actor=actor,
        plan=plan,
        data={
            "unit": person.unit,
            "person": person,
            "contents": "Đăng ký phấn đấu đạt danh hiệu thi đua năm 2025",
        },
        today=day,
    )
    campaign_services.registration_submit(actor=actor, registration=registration, today=day)


def build_2025(actor, commune: OrgUnit) -> ReviewRound:
    today = timezone.localdate()
    calendar = WorkCalendar()
    plan = Plan.objects.filter(issuing_unit=commune).order_by("pk").first()
    review_round = services.round_create(
        actor=actor,
        data={
            "commune": commune,
            "year": 2025,
            "name": NAME_2025,
            "plan": plan,
            "nominations_due": calendar.add_working_days(today, 10),
            "disclosure_days": 10,
        },
    )
    rows = _eligible_rows(commune, 2025)
    used: set = set()

    def registered_unit(row) -> bool:
        return plan is None or registered(plan, unit=OrgUnit.objects.get(pk=row.info.pk))

    people = _pick(rows, LDTT, SubjectKind.PERSON, 6, used=used)
    fighters = _pick(rows, CSTDCS, SubjectKind.PERSON, 2, used=used)
    collectives = _pick(rows, TTLDTT, SubjectKind.COLLECTIVE, 2, used=used, where=registered_unit)
    forms = _pick(rows, GIAY_KHEN, SubjectKind.PERSON, 3, used=used)
    if plan is not None:
        for info in [*people[:4], *fighters, *people[5:]]:
            _register(actor, plan, Person.objects.select_related("unit").get(pk=info.pk))

    def made(info, code, *, dossier: bool = True) -> Nomination:
        nomination = _nominate(actor, review_round, info, code)
        if dossier:
            _dossier(actor, nomination)
        return nomination

    def submit(nomination: Nomination) -> Nomination:
        return services.nomination_submit(actor=actor, nomination=nomination, today=today)

    # Every nomination is made while the round takes them; then each goes as far as its stage.
    disclosed = [made(people[0], LDTT), made(people[1], LDTT), made(fighters[0], CSTDCS)]
    disclosed += [made(info, TTLDTT) for info in collectives[:1]]
    accepted_later = [made(people[2], LDTT), made(forms[0], GIAY_KHEN)]
    override = made(people[4], LDTT)
    returned = made(people[3], LDTT)
    waiting = [made(forms[1], GIAY_KHEN), *(made(info, CSTDCS) for info in fighters[1:2])]
    made(forms[2], GIAY_KHEN, dossier=False)
    for info in collectives[1:2]:
        made(info, TTLDTT, dossier=False)
    for info in people[5:6]:
        made(info, LDTT, dossier=False)
    # Disclosed: accepted, then published with the window running around today.
    for nomination in disclosed:
        services.nomination_accept(actor=actor, nomination=submit(nomination))
    services.round_disclose(
        actor=actor, review_round=review_round, start=calendar.add_working_days(today, -3), calendar=calendar
    )
    # Accepted after the publication (the next publication will carry them).
    for nomination in accepted_later:
        services.nomination_accept(actor=actor, nomination=submit(nomination))
    # A title for someone who did not register: the chairman allowed it, with a justification.
    services.nomination_override_registration(
        actor=actor,
        nomination=submit(override),
        justification="Chuyển công tác về xã sau thời hạn đăng ký thi đua; đơn vị xác nhận đã phấn đấu cả năm.",
    )
    services.nomination_return(
        actor=actor,
        nomination=submit(returned),
        reason="Báo cáo thành tích chưa nêu kết quả thực hiện nhiệm vụ năm 2025; đề nghị bổ sung số liệu.",
    )
    for nomination in waiting:
        submit(nomination)
    _comments(actor, review_round, disclosed, today)
    return review_round


def _comments(actor, review_round: ReviewRound, disclosed: list[Nomination], today: date) -> None:
    items = [
        ("Nguyễn Thị Hoa", "0912 345 678", disclosed[0], "Đồng chí luôn nhiệt tình, tận tụy với công việc, được nhân dân tin yêu. Tôi nhất trí đề nghị.", CommentStatus.PUBLISHED, ""),
        ("Trần Văn Bình", "", disclosed[2], "Sáng kiến của đồng chí đã giúp rút ngắn thời gian giải quyết hồ sơ, đề nghị Hội đồng xem xét.", CommentStatus.PUBLISHED, ""),
        ("Lê Minh", "minh.le@example.vn", None, "Đề nghị công khai thêm danh sách tại nhà văn hóa các thôn để bà con được biết.", CommentStatus.PENDING, ""),
        ("Phạm Thị Lan", "", disclosed[1], "Đề nghị xác minh thêm kết quả xếp loại năm 2025 của đồng chí.", CommentStatus.PENDING, ""),
        ("Khách", "", None, "Quảng cáo dịch vụ vay tiền nhanh.", CommentStatus.REJECTED, "Nội dung quảng cáo, không liên quan."),
    ]  # fmt: skip
    for author, contact, nomination, text, status, note in items:
        comment = services.comment_submit(
            review_round=review_round,
            data={"author_name": author, "contact": contact, "text": text, "nomination": nomination},
            today=today,
        )
        if status != CommentStatus.PENDING:
            services.comment_moderate(actor=actor, comment=comment, status=status, note=note)


def build(actor) -> None:
    commune = OrgUnit.objects.filter(kind="commune", name="Xã Cẩm Giang").first()
    if commune is None:
        return
    if not ReviewRound.objects.filter(commune=commune, name=NAME_2024).exists():
        build_2024(actor, commune)
    if not ReviewRound.objects.filter(commune=commune, name=NAME_2025).exists():
        build_2025(actor, commune)
