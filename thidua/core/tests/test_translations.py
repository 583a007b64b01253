"""The Vietnamese catalogue is complete and the committed .mo matches the .po."""

import gettext
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def unquote(lines: str) -> str:
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', lines))
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t")


def entries():
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        if "#~" in block:
            continue
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not msgid:
            continue
        singular = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        context = re.search(r'^msgctxt ((?:".*"\n?)+)', block, re.M)
        yield (
            unquote(context.group(1)) if context else None,
            unquote(msgid.group(1)),
            unquote(singular.group(1)) if singular else "",
            "#, fuzzy" in block,
        )


def test_every_message_has_a_vietnamese_translation():
    missing = [msgid for _, msgid, msgstr, _ in entries() if msgid and not msgstr]
    fuzzy = [msgid for _, msgid, _, is_fuzzy in entries() if msgid and is_fuzzy]
    assert missing == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_po():
    with open(PO.with_suffix(".mo"), "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for context, msgid, msgstr, _ in entries()
        if msgid
        and "%(counter)s" not in msgid
        and (catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)) != msgstr
    ]
    assert stale == [], "run `make messages` to recompile locale/vi/LC_MESSAGES/django.mo"


def test_djangos_blank_choice_reads_vietnamese():
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("vi"):
        assert str(BLANK_CHOICE_LABEL) == "- Chọn -"
