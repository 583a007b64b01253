"""Issue #6: one award from a unit's nomination to the printed certificate and its QR verification page.

On the Cẩm Giang demo: the commune officer opens a review round; the school's reporter proposes a teacher
for the chairman's Giấy khen on a 360 px phone, drafts the dossier, attaches the meeting minutes and
submits; the officer accepts and publishes the list; a citizen comments on the public page and the officer
publishes the comment; after the window the council votes (a member on the phone with a receipt, four
absent members in writing entered by the officer), the officer counts and downloads the minutes; the
chairman issues the decision, downloads its PDF and prints the certificates; the certificate's QR code
opens the public verification page.

Labels are looked up through the catalogue (``t``): the test reads what a Vietnamese user reads, whatever
the catalogue holds today.
"""

import io
import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from thidua.commendations import evaluation
from thidua.commendations.rules import province_slug, ruleset_for
from thidua.core.vietnamese.calendar import WorkCalendar
from thidua.council.models import CouncilMember
from thidua.decisions.models import RewardRegisterEntry
from thidua.nominations.models import Nomination, ReviewRound
from thidua.orgs.models import OrgUnit, Person

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "camgiang2025"
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
GIAY_KHEN = "giay_khen_chu_tich_xa"
ROUND_NAME = "Bình xét khen thưởng bổ sung năm 2025"
SCHOOL = "Trường THCS Cẩm Giang"
# Members without a login vote in writing; with the member on the phone that makes 5 of 9 (> 50%).
WRITTEN = ["Trần Thị Thu Hà", "Lê Văn Quang", "Đỗ Minh Tuấn", "Vũ Thị Hằng"]
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 860}


def t(text: str) -> str:
    """What the Vietnamese page shows for this source string (the server uses the same catalogue)."""
    with translation.override("vi"):
        return gettext(text)


def shot(screenshot, page, number: int, name: str) -> None:
    screenshot(page, f"awards-journey-{number:02d}-{name}")


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.TASKS = IMMEDIATE  # the certificate batch runs in the request instead of a db_worker
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())


def context_for(browser, live_server, username: str | None, viewport=DESKTOP):
    context = browser.new_context(
        viewport=viewport, locale="vi-VN", is_mobile=viewport["width"] < 500, accept_downloads=True
    )
    page = context.new_page()
    if username:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page


def settled(page) -> None:
    """Wait until htmx has no request in flight (the nominee block re-renders on every change)."""
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px)"


def eligible_teacher() -> Person:
    """A teacher of the school the rules engine finds eligible for the Giấy khen in 2025, not nominated."""
    commune = OrgUnit.objects.get(code="HP-CG")
    today = timezone.localdate()
    loaded = evaluation.load_commune(commune, year=2025, as_of=today)
    rows = evaluation.evaluate(
        loaded, ruleset_for(today, province_slug(commune)), targets=[GIAY_KHEN], today=today
    )
    nominated = set(Nomination.objects.filter(person__isnull=False).values_list("person_id", flat=True))
    for row in sorted(rows, key=lambda row: row.info.pk):
        if (
            row.info.kind == "person"
            and row.status == "eligible"
            and not row.already
            and row.info.unit_name == SCHOOL
            and row.info.pk not in nominated
        ):
            return Person.objects.select_related("unit").get(pk=row.info.pk)
    raise AssertionError("the demo has no eligible teacher left for the Giấy khen")


def minutes_pdf() -> bytes:
    """A real one-page PDF of the school's meeting minutes (what the unit scans and attaches)."""
    from weasyprint import HTML

    return HTML(
        string="<html lang='vi'><body><h1>BIÊN BẢN</h1><p>Họp bình xét thi đua, khen thưởng năm 2025 "
        "của Trường THCS Cẩm Giang.</p></body></html>"
    ).write_pdf()


def pdf_snapshot(path: Path, number: int, name: str) -> None:
    """The first page of a downloaded PDF next to the screenshots, to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"awards-journey-{number:02d}-{name}"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-singlefile", str(path), str(target)], check=True)


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it, whitespace collapsed (names and words may wrap)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def download(page, locator) -> Path:
    with page.expect_download() as info:
        locator.click()
    item = info.value
    path = Path(item.path())
    target = path.with_name(item.suggested_filename)
    path.rename(target)
    return target


def link_targets(path: Path) -> list[str]:
    from pypdf import PdfReader

    uris = []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and action.get("/URI"):
                uris.append(str(action["/URI"]))
    return uris


def assert_qr_encodes(path: Path, url: str) -> None:
    """The QR image printed on the certificate is the code of ``url`` (module by module)."""
    import segno
    from pypdf import PdfReader

    from thidua.decisions.certificates import QR_MASK

    expected = segno.make(url, error="m", mask=QR_MASK, boost_error=False).matrix
    size = len(expected)
    images = [image.image for image in PdfReader(path).pages[0].images]
    codes = [image.convert("L") for image in images if image.size == (size, size)]
    assert codes, f"no {size}×{size} QR image on the certificate"
    pixels = codes[0].load()
    for y in range(size):
        for x in range(size):
            assert (pixels[x, y] < 128) == bool(expected[y][x]), f"QR module ({x}, {y}) differs"


def test_from_nomination_to_certificate_and_verification(browser, live_server, demo, screenshot):
    teacher = eligible_teacher()
    school = teacher.unit
    today = timezone.localdate()
    due = today + timedelta(days=14)

    # 1. The commune officer opens a review round.
    officer = context_for(browser, live_server, "vanphong")
    officer.goto(f"{live_server.url}/nominations/")
    officer.get_by_role("link", name=t("New review round")).click()
    officer.locator("#id_commune").select_option(label="Xã Cẩm Giang")
    officer.locator("#id_year").fill("2025")
    officer.locator("#id_name").fill(ROUND_NAME)
    officer.locator("#id_nominations_due").fill(due.strftime("%d/%m/%Y"))
    officer.get_by_role("button", name=t("Save")).click()
    expect(officer.get_by_role("heading", name=ROUND_NAME)).to_be_visible()
    review_round = ReviewRound.objects.get(name=ROUND_NAME)
    round_url = f"{live_server.url}/nominations/rounds/{review_round.pk}/"
    shot(screenshot, officer, 1, "round-created")

    # The school's reporter proposes the teacher, on a phone.
    reporter = context_for(browser, live_server, "truonghoc", PHONE)
    reporter.goto(f"{live_server.url}/nominations/")
    reporter.get_by_role("link", name=ROUND_NAME).click()
    # "Propose a nominee" reads like the menu's "Nominations" in Vietnamese: the button in the page.
    reporter.locator("#main").get_by_role("link", name=t("Propose a nominee")).click()
    reporter.locator("input[name=subject_kind][value=person]").check()
    settled(reporter)
    reporter.locator("#id_person").select_option(str(teacher.pk))
    settled(reporter)
    reporter.locator("#id_target").select_option(f"person:{GIAY_KHEN}")
    settled(reporter)
    reporter.locator("#id_proposing_unit").select_option(str(school.pk))
    reporter.locator("#id_category").select_option("direct_worker")
    reporter.locator("#id_position").fill("Giáo viên")
    reporter.locator("#id_summary").fill(
        "Hoàn thành xuất sắc nhiệm vụ năm học 2024-2025; có học sinh đạt giải cấp thành phố."
    )
    settled(reporter)
    no_sideways_scroll(reporter)
    expect(reporter.locator("input[name=subject_kind][value=person]")).to_be_visible()
    expect(reporter.locator("label[for=id_subject_kind_0]")).to_be_visible()
    radio = reporter.locator("input[name=subject_kind][value=person]").bounding_box()
    label = reporter.locator("label[for=id_subject_kind_0]").bounding_box()
    assert radio["width"] < 40 and label["height"] < 60, "the radio sits beside its label, on one line"
    shot(screenshot, reporter, 2, "propose-360")
    reporter.get_by_role("button", name=t("Save")).click()
    expect(reporter.get_by_role("heading", name=teacher.full_name)).to_be_visible()
    nomination = Nomination.objects.get(review_round=review_round)
    assert nomination.person_id == teacher.pk and nomination.code == GIAY_KHEN
    expect(reporter.locator("#eligibility")).to_have_class(re.compile(r"\beligible\b"))
    expect(reporter.locator("#nomination-status")).to_have_class(re.compile("status-draft"))
    no_sideways_scroll(reporter)
    shot(screenshot, reporter, 3, "nomination-360")

    # The dossier: the two drafts written from the records, then the scanned minutes.
    reporter.get_by_role("tab", name=t("Dossier")).click()
    expect(reporter.locator("ul.checklist li.missing")).to_have_count(3)
    for label in ("Draft the submission (Mẫu 01)", "Draft the achievement report"):
        reporter.get_by_role("button", name=t(label)).click()
        expect(reporter.locator("#id_text")).not_to_be_empty()
        reporter.get_by_role("button", name=t("Save")).click()
        expect(reporter.locator("table#parts")).to_be_visible()
    reporter.locator("#id_kind").select_option("meeting_minutes")
    reporter.locator("#id_title").fill("Biên bản họp bình xét thi đua của trường")
    reporter.locator("#id_file").set_input_files(
        {"name": "bien-ban-hop-binh-xet.pdf", "mimeType": "application/pdf", "buffer": minutes_pdf()}
    )
    reporter.get_by_role("button", name=t("Attach"), exact=True).click()
    expect(reporter.locator("ul.checklist li.ok")).to_have_count(3)
    expect(reporter.locator("ul.checklist li.missing")).to_have_count(0)
    expect(reporter.locator("table#parts tbody tr")).to_have_count(3)
    no_sideways_scroll(reporter)
    shot(screenshot, reporter, 4, "dossier-360")
    reporter.get_by_role("button", name=t("Submit to the commune")).click()
    expect(reporter.locator("#nomination-status")).to_have_class(re.compile("status-submitted"))
    shot(screenshot, reporter, 5, "submitted-360")
    reporter.context.close()

    # 2. The officer accepts and publishes the list for comments.
    officer.goto(round_url)
    officer.get_by_role("link", name=teacher.full_name).click()
    officer.get_by_role("button", name=t("Accept into the list")).click()
    expect(officer.locator("#nomination-status")).to_have_class(re.compile("status-accepted"))
    officer.goto(round_url)
    officer.locator("form.publish-form button").click()
    expect(officer.get_by_role("link", name=t("public page"))).to_be_visible()
    shot(screenshot, officer, 6, "round-published")

    # A citizen reads the list on the public portal (no login) and comments.
    citizen = context_for(browser, live_server, None, PHONE)
    citizen.goto(f"{live_server.url}/portal/disclosure/")
    citizen.get_by_role("link", name=ROUND_NAME).click()
    expect(citizen.locator("table.public-nominees")).to_contain_text(teacher.full_name)
    citizen.locator("#id_nomination").select_option(str(nomination.pk))
    citizen.locator("#id_author_name").fill("Nguyễn Thị Hoa")
    citizen.locator("#id_contact").fill("0912 345 678")
    comment = "Cô giáo tận tâm với học sinh, tôi nhất trí đề nghị khen thưởng."
    citizen.locator("#id_text").fill(comment)
    citizen.locator("#comment-form button[type=submit]").click()
    expect(
        citizen.get_by_text(t("Thank you: your comment will be published after moderation."))
    ).to_be_visible()
    expect(citizen.locator("article.comment")).to_have_count(0)  # not public before moderation
    no_sideways_scroll(citizen)
    shot(screenshot, citizen, 7, "portal-comment-360")

    officer.goto(round_url)
    officer.get_by_role("tab", name=t("Comments")).click()
    article = officer.locator("article.comment", has_text="Nguyễn Thị Hoa")
    article.locator("button[name=status][value=published]").click()
    expect(officer.locator("article.comment", has_text="Nguyễn Thị Hoa")).to_have_class(
        re.compile("comment-published")
    )
    shot(screenshot, officer, 8, "comment-published")
    citizen.reload()
    expect(citizen.locator("article.comment")).to_contain_text(comment)
    shot(screenshot, citizen, 9, "portal-comment-shown-360")
    citizen.context.close()

    # 3. Ten working days later: the window cannot be waited for, so its dates move into the past.
    calendar = WorkCalendar()
    ends = calendar.add_working_days(today, -1)
    ReviewRound.objects.filter(pk=review_round.pk).update(
        disclosed_from=calendar.add_working_days(ends, -9), disclosure_ends_on=ends
    )

    # The officer schedules the council's session, records who votes in writing and opens the vote.
    officer.goto(f"{live_server.url}/council/")
    officer.get_by_role("link", name="Hội đồng Thi đua - Khen thưởng xã Cẩm Giang").first.click()
    officer.get_by_role("link", name=t("Schedule a session")).click()
    officer.locator("#id_review_round").select_option(str(review_round.pk))
    officer.locator("#id_held_on").fill(today.isoformat())
    officer.locator("#id_starts_at").fill("08:00")
    officer.get_by_role("button", name=t("Save")).click()
    expect(officer.locator("table.agenda")).to_contain_text(teacher.full_name)
    session_url = officer.url.split("?")[0]
    members = {m.person.full_name: m for m in CouncilMember.objects.select_related("person")}
    for name in WRITTEN:
        officer.locator(f"#m{members[name].pk}").select_option("written")
    officer.get_by_role("button", name=t("Save attendance")).click()
    expect(officer.locator(".session-cards .big").first).to_have_text("9/9")
    officer.locator("button[data-step=open]").click()
    expect(officer.locator("h1 .badge")).to_have_class(re.compile("status-open"))
    shot(screenshot, officer, 10, "session-open")

    # The member votes on the phone, keeps the receipt code and checks it.
    member = context_for(browser, live_server, "hoidong", PHONE)
    member.goto(f"{live_server.url}/council/")
    member.locator("a.vote-now").click()
    expect(member.locator("fieldset.candidate")).to_have_count(1)
    expect(member.locator("fieldset.candidate")).to_contain_text(teacher.full_name)
    member.locator("fieldset.candidate label.choice-agree").click()
    no_sideways_scroll(member)
    shot(screenshot, member, 11, "ballot-360")
    member.locator("button.big-button").click()
    expect(member.locator("ol.review li")).to_have_count(1)
    member.locator("button[value=confirm]").click()
    code = member.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    shot(screenshot, member, 12, "receipt-360")
    member.get_by_role("link", name=t("Check my ballot")).click()
    member.locator("#id_code").fill(code)
    member.locator("form button.big-button").click()
    expect(member.locator("#receipt-result")).to_have_class("ok-box")
    no_sideways_scroll(member)
    shot(screenshot, member, 13, "receipt-checked-360")
    member.context.close()

    # The officer enters the written ballots of the four absent members.
    for name in WRITTEN:
        officer.goto(session_url)
        officer.get_by_role("link", name=t("Enter a written vote")).click()
        officer.locator("#id_member").select_option(label=name)
        officer.locator("fieldset.candidate label.choice-agree").click()
        officer.locator("button.big-button").click()
        expect(officer.locator("#receipt-code")).to_have_text(re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}"))
    shot(screenshot, officer, 14, "written-vote")
    officer.goto(session_url)
    expect(officer.locator("#live-count")).to_contain_text("5/9")
    officer.locator("button[data-step=closed]").click()
    officer.locator("button[data-step=counted]").click()
    passed = officer.locator("table.agenda tr.passed")
    expect(passed).to_have_count(1)
    expect(passed).to_contain_text(teacher.full_name)
    expect(passed.locator(".badge.ok")).to_have_text(t("Passed"))
    shot(screenshot, officer, 15, "session-counted")
    minutes = download(officer, officer.locator("a[href$='/minutes.docx']"))
    assert minutes.suffix == ".docx"
    from docx import Document

    minutes_text = "\n".join(
        [p.text for p in Document(str(minutes)).paragraphs]
        + [cell.text for table in Document(str(minutes)).tables for row in table.rows for cell in row.cells]
    )
    assert teacher.full_name in minutes_text
    officer.context.close()

    # 4. The chairman prepares and issues the decision, downloads it and prints the certificates.
    chairman = context_for(browser, live_server, "chutich")
    chairman.goto(f"{live_server.url}/decisions/")
    chairman.locator("#id_review_round").select_option(str(review_round.pk))
    chairman.locator("#id_kind").select_option("decision")
    chairman.locator("#id_signer_name").fill("Nguyễn Văn Thắng")
    chairman.get_by_role("button", name=t("Prepare the draft")).click()
    expect(chairman.locator("table.entries")).to_contain_text(teacher.full_name)
    chairman.get_by_role("button", name=t("Issue the decision")).click()
    heading = chairman.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"\d{2,}/QĐ-UBND"))
    number = re.search(r"\d{2,}/QĐ-UBND", heading.inner_text()).group(0)
    register = RewardRegisterEntry.objects.get(entry__nomination=nomination)
    register_no = f"{register.number}/{register.year}"
    expect(chairman.locator("table.entries")).to_contain_text(register_no)
    words = " ".join(chairman.locator(".total-words").inner_text().split())
    assert "đồng" in words
    shot(screenshot, chairman, 16, "decision-issued")

    decision_pdf = download(chairman, chairman.locator("a[href$='/download.pdf']"))
    pdf_snapshot(decision_pdf, 17, "decision-pdf")
    text = pdf_text(decision_pdf)
    assert number in text
    assert teacher.full_name in text
    assert words.rstrip(".").lower() in text.lower(), f"the total in words “{words}” is not in the PDF"

    chairman.get_by_role("button", name=t("Print all certificates")).click()
    link = chairman.locator("#batch-progress a[href$='/file.pdf']")
    expect(link).to_be_visible()  # HTMX polls the progress until the batch is done
    expect(chairman.locator("#batch-progress progress")).to_have_attribute("value", "1")
    shot(screenshot, chairman, 18, "certificates-done")
    certificates = download(chairman, link)
    pdf_snapshot(certificates, 19, "certificate-pdf")
    text = pdf_text(certificates)
    assert teacher.full_name in text
    assert f"Số sổ vàng: {register_no}" in text
    assert number in text
    urls = {url for url in link_targets(certificates) if "/portal/verify/" in url}
    assert len(urls) == 1, urls  # one certificate, one verification address
    (verify_url,) = urls
    assert verify_url.startswith(live_server.url)
    assert_qr_encodes(certificates, verify_url)

    # The award is in the commune's reward register (sổ vàng), and the round is closed.
    chairman.goto(f"{live_server.url}/decisions/register/")
    row = chairman.locator("tr", has_text=teacher.full_name)
    expect(row).to_contain_text(register_no)
    expect(row).to_contain_text(number)
    nomination.refresh_from_db()
    review_round.refresh_from_db()
    assert (nomination.status, review_round.status) == ("decided", "closed")
    chairman.context.close()

    # 5. Anyone scanning the QR code sees the award on record (no login, on a phone).
    visitor = context_for(browser, live_server, None, PHONE)
    visitor.goto(verify_url)
    facts = visitor.locator("dl.facts")
    expect(facts).to_contain_text(teacher.full_name)
    expect(facts).to_contain_text("Giấy khen")
    expect(facts).to_contain_text(number)
    expect(facts).to_contain_text(register_no)
    no_sideways_scroll(visitor)
    shot(screenshot, visitor, 20, "verify-360")
    visitor.context.close()
