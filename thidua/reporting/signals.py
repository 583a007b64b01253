"""Keep the pre-aggregated tables right when their other inputs change (also from the admin).

Report changes go through the services (``consolidated.refresh``). A form's assigned units and due days are
edited on the form: its completeness counts are recomputed (a few grouped queries per form). A unit moved
to another parent (``orgs.services.orgunit_update``): its own reports' rows move from the old parent to
the new one (``consolidated.unit_moved``). Reporting listens to orgs' model signals; orgs never imports
reporting (the layers of ADR 0005).
"""

from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from thidua.orgs.models import OrgUnit
from thidua.reporting.consolidated import rebuild_counts, unit_moved
from thidua.reporting.models import ReportForm


@receiver(m2m_changed, sender=ReportForm.units.through, dispatch_uid="reporting.counts.units")
def form_units_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # a unit's forms changed (instance is the unit)
        form_ids = sorted(pk_set) if pk_set else None
        if action == "post_clear":
            form_ids = None
        rebuild_counts(form_ids)
    else:
        rebuild_counts([instance.pk])


@receiver(pre_save, sender=ReportForm, dispatch_uid="reporting.counts.form_due")
def form_saving(sender, instance, raw=False, **kwargs):
    old = None
    if instance.pk and not raw:
        old = ReportForm.objects.filter(pk=instance.pk).values_list("due_days", flat=True).first()
    instance._counts_stale = old is not None and old != instance.due_days


@receiver(post_save, sender=ReportForm, dispatch_uid="reporting.counts.form")
def form_saved(sender, instance, created, raw=False, **kwargs):
    if getattr(instance, "_counts_stale", False):
        rebuild_counts([instance.pk])


@receiver(pre_save, sender=OrgUnit, dispatch_uid="reporting.tables.unit_parent")
def unit_saving(sender, instance, raw=False, **kwargs):
    stored = None  # a one-element list: the parent before this save (which may be None, a root)
    if not raw and not instance._state.adding and instance.pk:
        stored = list(OrgUnit.objects.filter(pk=instance.pk).values_list("parent_id", flat=True))
    instance._reporting_old_parent = stored


@receiver(post_save, sender=OrgUnit, dispatch_uid="reporting.tables.unit_moved")
def unit_saved(sender, instance, created, raw=False, **kwargs):
    stored = getattr(instance, "_reporting_old_parent", None)
    if not created and not raw and stored and stored[0] != instance.parent_id:
        unit_moved(instance.pk, stored[0], instance.parent_id)
