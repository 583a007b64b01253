import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from thidua.documents.models import DocumentNumber


class DocumentNumberTable(tables.Table):
    number_symbol = tables.Column(verbose_name=_("Number and symbol"), order_by=("year", "number"))
    kind = tables.Column()
    year = tables.Column()
    title = tables.Column()
    issuer = tables.Column(order_by=("issuer__name",))
    series = tables.Column()
    issued_at = tables.DateTimeColumn(format="d/m/Y H:i")
    issued_by = tables.Column()

    class Meta:
        model = DocumentNumber
        fields = ["number_symbol", "kind", "year", "title", "issuer", "series", "issued_at", "issued_by"]
        order_by = ("-year", "-number_symbol")
