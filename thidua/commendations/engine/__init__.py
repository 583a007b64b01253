"""Commendation rules engine: pure Python, no Django.

Rules are versioned data (``rules/``); :func:`load_ruleset` compiles the version in force on a date.
:func:`evaluate` checks one subject against one title or form for a year; :func:`evaluate_many` does
the same for pre-loaded subjects in bulk. :func:`award_amount` and :func:`check_quota` compute cash
and caps. :func:`cli_main` implements ``thidua awards check FILE --json``.
"""

from .cli import cli_main
from .evaluate import check_year, evaluate, evaluate_many
from .model import (
    Award,
    AwardType,
    Condition,
    Discipline,
    DisciplineMeasure,
    EngineInputError,
    Group,
    Initiative,
    InitiativeScope,
    Rating,
    Result,
    Status,
    Subject,
    SubjectKind,
    YearRecord,
)
from .money import Amount, amount_total, award_amount, award_amount_detail, round_amount
from .quota import QuotaResult, check_quota, council_vote_passes
from .ruleset import RuleSet, extend_ruleset, list_provinces, list_versions, load_ruleset

__all__ = [
    "Amount",
    "Award",
    "AwardType",
    "Condition",
    "Discipline",
    "DisciplineMeasure",
    "EngineInputError",
    "Group",
    "Initiative",
    "InitiativeScope",
    "QuotaResult",
    "Rating",
    "Result",
    "RuleSet",
    "Status",
    "Subject",
    "SubjectKind",
    "YearRecord",
    "amount_total",
    "award_amount",
    "award_amount_detail",
    "check_quota",
    "check_year",
    "cli_main",
    "council_vote_passes",
    "evaluate",
    "evaluate_many",
    "extend_ruleset",
    "list_provinces",
    "list_versions",
    "load_ruleset",
    "round_amount",
]
