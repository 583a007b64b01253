"""The published nominee lists (công khai) and the public comment form. No login."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.nominations import checks, selectors, services
from thidua.nominations.forms import CommentForm
from thidua.nominations.models import ReviewRound


def disclosure_list(request):
    today = timezone.localdate()
    rounds = list(selectors.disclosed_rounds(today))
    for item in rounds:
        item.is_open = services.disclosure_open(item, today)
        item.days_left = selectors.days_left(item, today)
    return render(
        request, "portal/disclosure_list.html", {"title": _("Nominee lists for comments"), "rounds": rounds}
    )


def disclosure_detail(request, pk: int):
    today = timezone.localdate()
    try:
        review_round = selectors.disclosed_rounds(today).get(pk=pk)
    except ReviewRound.DoesNotExist as error:
        raise Http404 from error
    rules = checks.rules_for(review_round)
    nominees = selectors.public_nominees(review_round)
    is_open = services.disclosure_open(review_round, today)
    form = CommentForm(request.POST or None, nominees=nominees)
    if request.method == "POST":
        if form.is_bot():
            messages.success(request, _("Thank you: your comment will be published after moderation."))
            return redirect("portal:disclosure", pk=pk)
        if form.is_valid():
            try:
                services.comment_submit(review_round=review_round, data=form.cleaned_data, today=today)
            except ValidationError as error:
                for field, errors in (
                    error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
                ):
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("Thank you: your comment will be published after moderation."))
                return redirect("portal:disclosure", pk=pk)
    groups = selectors.grouped(selectors.annotate(list(nominees)), rules)
    return render(
        request,
        "portal/disclosure_detail.html",
        {
            "title": review_round.name,
            "round": review_round,
            "groups": groups,
            "count": sum(len(group.nominations) for group in groups),
            "is_open": is_open,
            "days_left": selectors.days_left(review_round, today),
            "comments": selectors.public_comments(review_round),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
