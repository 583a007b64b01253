"""The portal's front page, published plans and the Atom feed. Nothing here needs a login."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.campaigns import selectors as campaign_selectors
from thidua.campaigns.models import Plan
from thidua.exemplary import selectors as model_selectors
from thidua.nominations import selectors as nomination_selectors
from thidua.portal import selectors


def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "title": _("Emulation and commendation portal"),
            "plans": selectors.published_plans()[:10],
            "rounds": nomination_selectors.disclosed_rounds()[:5],
            "models": model_selectors.published_models()[:6],
            "today": timezone.localdate(),
        },
    )


def plan_list(request):
    return render(
        request,
        "portal/plan_list.html",
        {"title": _("Published plans"), "plans": selectors.published_plans()},
    )


def plan_detail(request, pk: int):
    try:
        plan = selectors.published_plan(pk)
    except Plan.DoesNotExist as error:
        raise Http404 from error
    return render(
        request,
        "portal/plan_detail.html",
        {
            "title": plan.short_title,
            "plan": plan,
            "movements": campaign_selectors.plan_movements(plan),
            "deadlines": campaign_selectors.plan_deadlines(plan),
        },
    )


class PortalFeed(Feed):
    """What the commune published, newest first."""

    feed_type = Atom1Feed
    title = gettext_lazy("Emulation and commendation: what is new")
    subtitle = gettext_lazy("Plans, nominee lists, exemplary models and decisions published by the commune.")

    def link(self):
        return reverse("portal:home")

    def items(self):
        entries = [
            (
                plan.date or plan.created_at.date(),
                str(plan),
                plan.title,
                reverse("portal:plan", args=[plan.pk]),
            )
            for plan in selectors.published_plans()[:20]
        ]
        entries += [
            (
                review_round.disclosed_from,
                _("Nominee list for comments: %(round)s") % {"round": review_round.name},
                _("Comments are open until %(date)s.")
                % {"date": review_round.disclosure_ends_on.strftime("%d/%m/%Y")},
                reverse("portal:disclosure", args=[review_round.pk]),
            )
            for review_round in nomination_selectors.disclosed_rounds()[:20]
        ]
        entries += [
            (timezone.localdate(model.published_at), model.title, model.summary, model.get_public_url())
            for model in model_selectors.published_models()[:20]
        ]
        return sorted(entries, key=lambda entry: entry[0], reverse=True)[:30]

    def item_title(self, item):
        return item[1]

    def item_description(self, item):
        return item[2]

    def item_link(self, item):
        return item[3]

    def item_updateddate(self, item):
        return timezone.make_aware(timezone.datetime.combine(item[0], timezone.datetime.min.time()))
