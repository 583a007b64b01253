"""The page a certificate's QR code opens: is this award on record? No login, no personal data beyond the
name printed on the certificate itself."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from thidua.decisions import selectors
from thidua.decisions.certificates import award_words
from thidua.decisions.documents import recipient_name
from thidua.decisions.services import rules_at
from thidua.documents.render.builders.common import lower_first


def verify(request, token: str):
    award = selectors.verified_award(token)
    if award is None:
        return render(
            request, "portal/verify_not_found.html", {"title": _("Certificate not found")}, status=404
        )
    decision = award.entry.decision
    _verb, name = award_words(
        award.entry.nomination.code, rules_at(decision.review_round, decision.decided_on)
    )
    context = {
        "title": _("Certificate verification"),
        "award": award,
        "decision": decision,
        "recipient": recipient_name(award.entry.nomination),
        "award_name": name.capitalize() if name.isupper() else name,
        "issuer": _("Chairman of the People's Committee of %(commune)s")
        % {"commune": lower_first(award.commune.name)},
    }
    response = render(request, "portal/verify.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
