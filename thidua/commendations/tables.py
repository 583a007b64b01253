"""The commune evaluation table (rows computed by the engine) and the reward-history columns."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from thidua.commendations.choices import AUTHORITY_LABELS, Outcome, SubjectKind
from thidua.core.vietnamese.collation import text_sort_key

OUTCOME_LABELS = dict(Outcome.choices)
KIND_LABELS = dict(SubjectKind.choices)


def subject_url(info) -> str:
    return reverse(f"commendations:{info.kind}", args=[info.pk])


class EvaluationTable(tables.Table):
    name = tables.Column(verbose_name=_("Subject"), accessor="info__name", order_by=("name_key",))
    kind = tables.Column(verbose_name=_("Kind"), accessor="info__kind")
    unit = tables.Column(verbose_name=_("Unit"), accessor="info__unit_name", order_by=("unit_key",))
    target = tables.Column(verbose_name=_("Title or form"), accessor="target_name")
    outcome = tables.Column(verbose_name=_("Outcome"), accessor="status")
    granted_by = tables.Column(verbose_name=_("Granted by"), accessor="result__granted_by")
    missing = tables.Column(verbose_name=_("Missing conditions"), accessor="missing_text", orderable=False)

    class Meta:
        order_by = "name"
        attrs = {"class": "table evaluation"}

    def render_name(self, record, value):
        return format_html('<a href="{}?year={}">{}</a>', subject_url(record.info), record.result.year, value)

    def render_kind(self, value):
        return KIND_LABELS.get(value, value)

    def render_outcome(self, record, value):
        received = ""
        if record.already is not None:
            received = format_html(' <span class="badge received">{}</span>', _("received"))
        return format_html(
            '<span class="badge {}">{}</span>{}', value, OUTCOME_LABELS.get(value, value), received
        )

    def render_granted_by(self, value):
        return AUTHORITY_LABELS.get(value, value)

    def render_missing(self, record):
        failed = record.failed
        if not failed:
            return "—"
        return format_html(
            '<ul class="plain conditions">{}</ul>',
            format_html_join("", "<li>{}</li>", ((condition.message,) for condition in failed)),
        )


def sort_key(row) -> tuple:
    return text_sort_key(row.info.name)
