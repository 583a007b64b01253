import unicodedata

from django.http import QueryDict


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
