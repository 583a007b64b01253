import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.models import Plan, Registration


class StatusColumn(tables.Column):
    def render(self, record, value):
        return format_html('<span class="badge status-{}">{}</span>', record.status, value)


class PlanTable(tables.Table):
    number_symbol = tables.Column(verbose_name=_("Number"), order_by=("number",), linkify=True)
    title = tables.Column(linkify=True, verbose_name=_("Summary title"))
    issuing_unit = tables.Column(order_by=("issuing_unit__path",))
    date = tables.DateColumn(format="d/m/Y")
    period_end = tables.DateColumn(format="d/m/Y")
    status = StatusColumn()
    movement_count = tables.Column(verbose_name=_("movements"))
    registration_count = tables.Column(verbose_name=_("registrations"))

    class Meta:
        model = Plan
        fields = [
            "number_symbol",
            "title",
            "issuing_unit",
            "date",
            "period_end",
            "status",
            "movement_count",
            "registration_count",
        ]
        order_by = "-date"

    def render_title(self, record, value):
        return record.short_title


class RegistrationTable(tables.Table):
    unit = tables.Column(linkify=lambda record: record.get_absolute_url(), order_by=("unit__path",))
    person = tables.Column(order_by=("person__given_name",))
    plan = tables.Column(order_by=("plan__date",), verbose_name=_("Plan"))
    contents = tables.Column()
    intended_titles = tables.Column(orderable=False)
    status = StatusColumn()

    class Meta:
        model = Registration
        fields = ["unit", "person", "plan", "contents", "intended_titles", "status"]

    def render_plan(self, record, value):
        return record.plan.number_symbol

    def render_intended_titles(self, record, value):
        return ", ".join(record.intended_titles or [])

    def render_contents(self, record, value):
        return value if len(value) <= 80 else value[:78] + "…"
