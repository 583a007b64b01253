"""What must hold before a nomination is accepted: the dossier, the engine's eligibility, the registration.

Each ``check_*`` raises ``ValidationError`` with the reason in Vietnamese (through the catalogue) and
changes nothing; ``accept_checks`` lists them in the order the commune officer reads them.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.selectors import registered
from thidua.commendations import engine, evaluation
from thidua.commendations.choices import SubjectKind
from thidua.commendations.models import InitiativeRecord
from thidua.commendations.rules import province_slug, ruleset_for
from thidua.nominations.choices import DossierPartKind
from thidua.nominations.models import Nomination, ReviewRound

P = DossierPartKind
TITLE_CATEGORY = "danh_hieu"
CSTDCS = "chien_si_thi_dua_co_so"
BASE_PARTS = (P.PROPOSAL, P.ACHIEVEMENT_REPORT, P.MEETING_MINUTES)


def rules_for(review_round: ReviewRound, as_of: date | None = None) -> engine.RuleSet:
    return ruleset_for(as_of or timezone.localdate(), province_slug(review_round.commune))


def subject_unit_kind(nomination: Nomination) -> str | None:
    return nomination.unit.kind if nomination.unit_id else None


def allowed_codes(kind: str, unit_kind: str | None = None) -> tuple[str, ...]:
    return evaluation.targets_for(kind, unit_kind)


def is_title(code: str, rules: engine.RuleSet) -> bool:
    """A title (danh hiệu thi đua) rather than a commendation form (hình thức khen thưởng)."""
    title = rules.titles.get(code)
    return title is not None and title.category == TITLE_CATEGORY


def code_name(code: str, rules: engine.RuleSet) -> str:
    title = rules.titles.get(code)
    return title.name if title is not None else code


def eligibility(nomination: Nomination, *, rules: engine.RuleSet, as_of: date | None = None):
    """The engine's row for this subject and code in the round's year (``evaluation.Row``)."""
    as_of = as_of or timezone.localdate()
    year = nomination.review_round.year
    loaded, _info = evaluation.load_one(nomination.subject_kind, nomination.subject, year=year, as_of=as_of)
    rows = evaluation.evaluate(loaded, rules, targets=[nomination.code], today=as_of)
    return rows[0] if rows else None


def required_parts(nomination: Nomination, *, rules: engine.RuleSet) -> list[str]:
    """Law Art. 84: a title needs the submission, the report and the minutes (plus proof of the
    initiative for CSTĐCS unless an initiative of the year is on record); a form needs the same three."""
    parts = list(BASE_PARTS)
    if nomination.code == CSTDCS and nomination.person_id:
        has_initiative = InitiativeRecord.objects.filter(
            person_id=nomination.person_id, year=nomination.review_round.year
        ).exists()
        if not has_initiative:
            parts.append(P.EVIDENCE)
    return parts


def present_parts(nomination: Nomination) -> set[str]:
    return {
        kind
        for kind, text, file in nomination.parts.values_list("kind", "text", "file")
        if (text or "").strip() or file
    }


def missing_parts(nomination: Nomination, *, rules: engine.RuleSet) -> list[str]:
    present = present_parts(nomination)
    return [kind for kind in required_parts(nomination, rules=rules) if kind not in present]


def needs_registration(nomination: Nomination, *, rules: engine.RuleSet) -> bool:
    """A title under a plan needs the subject's registration, unless the chairman overrode it."""
    plan = nomination.review_round.plan
    if plan is None or not is_title(nomination.code, rules) or nomination.registration_override.strip():
        return False
    if nomination.person_id:
        return not registered(plan, person=nomination.person)
    if nomination.unit_id:
        return not registered(plan, unit=nomination.unit)
    return False


def check_code(nomination: Nomination, rules: engine.RuleSet) -> None:
    codes = allowed_codes(nomination.subject_kind, subject_unit_kind(nomination))
    if nomination.code not in codes or nomination.code not in rules.titles:
        raise ValidationError(
            {
                "code": _("“%(code)s” cannot be proposed for this subject; choose one of: %(codes)s.")
                % {
                    "code": code_name(nomination.code, rules),
                    "codes": ", ".join(code_name(code, rules) for code in codes),
                }
            }
        )


def check_dossier(nomination: Nomination, rules: engine.RuleSet) -> None:
    missing = missing_parts(nomination, rules=rules)
    if missing:
        raise ValidationError(
            _("The dossier is missing: %(parts)s.")
            % {"parts": "; ".join(str(P(kind).label) for kind in missing)}
        )


def check_eligible(nomination: Nomination, rules: engine.RuleSet) -> None:
    row = eligibility(nomination, rules=rules)
    if row is None or row.status == engine.Status.ELIGIBLE:
        return
    raise ValidationError(
        _("%(subject)s is not eligible for %(title)s: %(reasons)s")
        % {
            "subject": nomination.subject,
            "title": code_name(nomination.code, rules),
            "reasons": "; ".join(f"{item.message} [{item.basis}]" for item in row.failed),
        }
    )


def check_registration(nomination: Nomination, rules: engine.RuleSet) -> None:
    if needs_registration(nomination, rules=rules):
        raise ValidationError(
            _(
                "%(subject)s did not register for the plan's emulation: a title needs a registration "
                "(only the chairman can allow it, with a recorded justification)."
            )
            % {"subject": nomination.subject}
        )


def accept_checks(rules: engine.RuleSet) -> list:
    return [
        lambda nomination: check_dossier(nomination, rules),
        lambda nomination: check_registration(nomination, rules),
        lambda nomination: check_eligible(nomination, rules),
    ]


KIND_OF_SUBJECT = {
    SubjectKind.PERSON: "person",
    SubjectKind.COLLECTIVE: "unit",
    SubjectKind.HOUSEHOLD: "household",
}
