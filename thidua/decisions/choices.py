from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("Decision of the chairman")
    PROPOSAL = "proposal", _("Proposal to the higher level")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    SIGNED = "signed", _("Digitally signed")


class SignerCapacity(models.TextChoices):
    """Who signs: an award decision is the chairman's own power (Decree 30: no TM. line)."""

    CHAIRMAN = "chairman", _("Chairman")
    VICE_CHAIRMAN = "vice_chairman", _("Vice-chairman signing for the chairman")


class BatchMode(models.TextChoices):
    FULL = "full", _("Full certificate on plain paper")
    PREPRINTED = "preprinted", _("Variable text only, on pre-printed paper")


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to print")
    RUNNING = "running", _("Printing")
    DONE = "done", _("Printed")
    FAILED = "failed", _("Printing failed")
