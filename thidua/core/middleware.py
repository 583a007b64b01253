import unicodedata

from django.conf import settings
from django.http import QueryDict
from django.utils import translation


def _nfc_querydict(data: QueryDict) -> QueryDict:
    normalised = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        normalised.setlist(
            unicodedata.normalize("NFC", key), [unicodedata.normalize("NFC", value) for value in values]
        )
    normalised._mutable = False
    return normalised


class NormalizeInputMiddleware:
    """Every text a user sends reaches the code as NFC (NFD from some keyboards compares unequal)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _nfc_querydict(request.GET)
        if request.method == "POST" and request.content_type != "application/json":
            request.POST = _nfc_querydict(request.POST)
        return self.get_response(request)


class LanguageMiddleware:
    """Vietnamese unless the user chose another language (cookie set by Django's set_language view).

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language: a commune officer whose
    browser happens to be in English still gets the Vietnamese interface.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
