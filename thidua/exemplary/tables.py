import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from thidua.exemplary.models import ExemplaryModel


class StatusColumn(tables.Column):
    def render(self, record, value):
        return format_html('<span class="badge status-{}">{}</span>', record.status, value)


class ExemplaryModelTable(tables.Table):
    title = tables.Column(linkify=True)
    kind = tables.Column()
    unit = tables.Column(order_by=("unit__path",))
    movement = tables.Column(order_by=("movement__order",))
    status = StatusColumn()
    adoption_count = tables.Column(verbose_name=_("Replicated in (units)"), attrs={"td": {"class": "num"}})

    class Meta:
        model = ExemplaryModel
        fields = ["title", "kind", "unit", "movement", "status", "adoption_count"]
        order_by = "title"

    def render_unit(self, record, value):
        return record.unit.short_name or record.unit.name

    def render_movement(self, record, value):
        name = record.movement.name
        return name if len(name) <= 60 else name[:58] + "…"
