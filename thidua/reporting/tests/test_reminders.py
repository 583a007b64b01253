"""Reminder digests: contents, one email per user, idempotency, working days, a real SMTP round trip."""

import email
import email.policy
import socketserver
import threading
from datetime import date

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleGrant, User
from thidua.reporting.choices import ReportStatus
from thidua.reporting.models import ReminderDigest, Report
from thidua.reporting.notifications import compose, pending_items, send_digests
from thidua.reporting.tasks import send_report_reminders

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MONDAY = date(2025, 11, 3)  # October (due Wed 05/11) is 2 working days ahead


@pytest.fixture
def reporters(tree, users):
    village = users["unit_reporter"]
    village.email, village.full_name = "thon.dong@example.vn", "Nguyễn Văn An"
    village.save()
    both = User.objects.create_user("hai", password="x-secret-123", email="hai@example.vn")
    for unit in ("village_a", "department_a"):
        RoleGrant.objects.create(user=both, role=Role.UNIT_REPORTER, unit=tree[unit], include_subtree=False)
    silent = User.objects.create_user("silent", password="x-secret-123")  # no address: no email
    RoleGrant.objects.create(
        user=silent, role=Role.UNIT_REPORTER, unit=tree["village_b"], include_subtree=False
    )
    return {"village": village, "both": both}


def test_digest_lists_form_unit_period_and_due_date(tree, monthly_form, reporters):
    assert send_digests(MONDAY) == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"thon.dong@example.vn", "hai@example.vn"}
    village = by_recipient["thon.dong@example.vn"]
    assert village.subject == "[Thi đua] Nhắc nộp báo cáo định kỳ: 1 báo cáo sắp đến hạn"
    assert "Kính gửi Nguyễn Văn An," in village.body
    assert "- Báo cáo tháng · Thôn Đông · tháng 10/2025 · hạn nộp 05/11/2025" in village.body
    both = by_recipient["hai@example.vn"].body
    assert "Thôn Đông · tháng 10/2025" in both and "Phòng Kinh tế · tháng 10/2025" in both


def test_submitted_reports_are_not_reminded(tree, monthly_form, reporters):
    Report.objects.create(
        form=monthly_form, unit=tree["village_a"], period="2025-10", status=ReportStatus.SUBMITTED
    )
    Report.objects.create(
        form=monthly_form, unit=tree["department_a"], period="2025-10", status=ReportStatus.RETURNED
    )
    owed = pending_items(MONDAY)
    assert tree["village_a"].pk not in owed
    assert [item.unit for item in owed[tree["department_a"].pk]] == ["Phòng Kinh tế"]
    send_digests(MONDAY)
    assert [message.to for message in mail.outbox] == [["hai@example.vn"]]


def test_overdue_until_the_form_locks(tree, monthly_form, reporters):
    owed = pending_items(date(2025, 11, 7))  # October was due 05/11, locks 25/11
    (item,) = owed[tree["village_a"].pk]
    assert item.overdue and item.due == date(2025, 11, 5)
    subject, body = compose(reporters["village"], owed[tree["village_a"].pk])
    assert subject.endswith("1 báo cáo quá hạn") and "Quá hạn:" in body
    assert not pending_items(date(2025, 11, 26))  # locked: nothing to remind of


def test_second_run_the_same_day_sends_nothing(tree, monthly_form, reporters):
    assert send_digests(MONDAY) == 2
    assert send_digests(MONDAY) == 0
    assert len(mail.outbox) == 2
    assert ReminderDigest.objects.filter(day=MONDAY).count() == 2
    assert send_digests(date(2025, 11, 4)) == 2  # the next day reminds again


@pytest.mark.parametrize(("today", "reminded"), [(date(2025, 10, 30), False), (date(2025, 10, 31), True)])
def test_working_days_skip_the_weekend(tree, monthly_form, reporters, today, reminded):
    # Due Wed 05/11: from Fri 31/10 that is 3 working days (Mon, Tue, Wed), from Thu 30/10 it is 4.
    assert bool(pending_items(today)) is reminded


@override_settings(THIDUA_REMINDER_WORKING_DAYS=1)
def test_working_days_skip_the_national_day(tree, monthly_form, reporters):
    monthly_form.due_days = 3  # August is due Wed 03/09/2025, after the 01/09 and 02/09 holidays
    monthly_form.save()
    (item,) = pending_items(date(2025, 8, 29))[tree["village_a"].pk]
    assert item.due == date(2025, 9, 3) and item.period == "tháng 8/2025"
    assert not pending_items(date(2025, 8, 28))


@override_settings(TASKS=IMMEDIATE)
def test_task_runs_through_the_tasks_api(tree, monthly_form, reporters):
    result = send_report_reminders.enqueue(MONDAY.isoformat())
    assert result.return_value == 2 and len(mail.outbox) == 2


@override_settings(TASKS=IMMEDIATE)
def test_remind_button_enqueues_for_the_missing_units(
    client, tree, monthly_form, reporters, department, monkeypatch
):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2025, 11, 7))
    url = reverse("reporting:remind", args=[monthly_form.pk])
    client.force_login(reporters["village"])
    assert client.post(url, {"year": "2025"}).status_code == 404
    assert not mail.outbox
    client.force_login(department)
    response = client.post(url, {"year": "2025"})
    assert response.status_code == 302
    # commune A's department sees its own two units only: village B's reporter has no address anyway
    assert sorted(m.to[0] for m in mail.outbox) == ["hai@example.vn", "thon.dong@example.vn"]
    assert set(ReminderDigest.objects.values_list("key", flat=True)) == {f"form-{monthly_form.pk}"}


# --- A real SMTP server on loopback ---------------------------------------------------------------------


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self) -> None:
        envelope = {"from": None, "to": []}
        self.reply("220 localhost test SMTP")
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-localhost")
                self.reply("250 8BITMIME")
            elif verb == "HELO":
                self.reply("250 localhost")
            elif verb == "MAIL":
                envelope = {"from": command.split(":", 1)[1].strip(" <>"), "to": []}
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope["to"].append(command.split(":", 1)[1].strip(" <>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                self.server.messages.append({**envelope, "data": b"".join(data)})
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP
                self.reply("250 OK")


class SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SMTPHandler)
        self.messages: list[dict] = []


@pytest.fixture
def smtp_server():
    server = SMTPServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_digest_goes_through_a_real_smtp_server(tree, monthly_form, reporters, smtp_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = smtp_server.server_address
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.TASKS = IMMEDIATE
    send_report_reminders.enqueue(MONDAY.isoformat(), monthly_form.pk, [tree["village_a"].pk])
    (received,) = [m for m in smtp_server.messages if "thon.dong@example.vn" in m["to"]]
    message = email.message_from_bytes(received["data"], policy=email.policy.default)
    assert message["To"] == "thon.dong@example.vn"
    assert str(message["Subject"]) == "[Thi đua] Nhắc nộp báo cáo định kỳ: 1 báo cáo sắp đến hạn"
    assert "hạn nộp 05/11/2025" in message.get_content()


@pytest.mark.django_db
def test_enqueue_reminders_command_queues_the_task(settings):
    from io import StringIO

    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    out = StringIO()
    call_command("enqueue_reminders", stdout=out)
    assert "Queued reminder digests" in out.getvalue()
