"""Reading the change history (django-simple-history) as rows a person can follow."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from thidua.core.vietnamese.dates import format_date

ACTIONS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[FieldChange]


def _display(model, field_name: str, value) -> str:
    if value is None or value == "":
        return "—"
    field = model._meta.get_field(field_name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        target = field.related_model._default_manager.filter(pk=value).first()
        return str(target) if target else f"#{value}"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def history_for(obj, limit: int = 200) -> list[HistoryEntry]:
    """Newest first; each entry lists the fields it changed with before and after values."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    model = type(obj)
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                changes.append(
                    FieldChange(
                        label=str(model._meta.get_field(change.field).verbose_name),
                        before=_display(model, change.field, change.old),
                        after=_display(model, change.field, change.new),
                    )
                )
        elif record.history_type == "+":
            for field in record.instance._meta.concrete_fields:
                if field.name in {"id"} or not hasattr(record, field.attname):
                    continue
                try:
                    model._meta.get_field(field.name)
                except Exception:
                    continue
                value = getattr(record, field.attname)
                if value not in (None, ""):
                    changes.append(
                        FieldChange(
                            label=str(field.verbose_name),
                            before="—",
                            after=_display(model, field.name, value),
                        )
                    )
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(str(user) if user else str(_("system"))),
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
