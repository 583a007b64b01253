"""Builders: plain data in, :class:`~thidua.documents.render.spec.DocumentSpec` out (no database)."""

from .plan import plan_spec
from .registration import registration_summary_spec

__all__ = ["plan_spec", "registration_summary_spec"]
