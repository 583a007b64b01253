"""The portal's front page. Public pages read published data only; nothing here needs a login."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def home(request):
    return render(request, "portal/home.html", {"title": _("Emulation and commendation portal")})
