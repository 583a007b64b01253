"""Keep ``CompletenessCount`` right when a form's assigned units or due days change (also from the admin).

Report changes go through the services (``consolidated.refresh``); these two inputs of the counts are
edited on the form itself, so the form's counts are recomputed (a few grouped queries per form).
"""

from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from thidua.reporting.consolidated import rebuild_counts
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
