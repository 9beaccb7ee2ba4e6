"""The interface in Welsh under /cy/ and in English at the root, from a Welsh catalogue that is
complete, keeps every placeholder and is compiled."""

import datetime
import re
import time
from pathlib import Path

import polib
import pytest
from django.core import signing
from django.template import Context, Template
from django.utils import translation

import faqbase
from faqbase.editorial.forms import FORM_SALT

CATALOGUE = Path(faqbase.__file__).resolve().parent / "locale" / "cy" / "LC_MESSAGES"
WELSH_PLURAL_FORMS = "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;"

# What every page says around its content, in each language.
ENGLISH_FRAME = [
    "Skip to content",
    "Search the questions",
    'placeholder="Ask a question…"',
    'data-suggestions-label="Suggested questions"',
    "Answers to common questions about project management careers",
]
WELSH_FRAME = [
    "Neidio i'r cynnwys",
    "Chwilio'r cwestiynau",
    'placeholder="Gofynnwch gwestiwn…"',
    'data-suggestions-label="Cwestiynau a awgrymir"',
    "Atebion i gwestiynau cyffredin am yrfaoedd a chymwysterau ym maes rheoli prosiectau",
]


def page(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, url
    return response.content.decode()


def form_token(seconds_ago):
    signer = signing.TimestampSigner(salt=FORM_SALT)
    value = f"ask-form{signer.sep}{signing.b62_encode(int(time.time() - seconds_ago))}"
    return f"{value}{signer.sep}{signer.signature(value)}"


@pytest.mark.django_db
class TestPagesInWelsh:
    def test_the_search_page_speaks_welsh(self, client):
        html = page(client, "/cy/search/", data={"q": "rheoli prosiectau"})
        assert '<html lang="cy">' in html
        assert "<h1>Chwilio</h1>" in html
        assert "<title>Chwilio: rheoli prosiectau |" in html
        assert '<button type="submit">Chwilio</button>' in html
        for welsh, english in zip(WELSH_FRAME, ENGLISH_FRAME, strict=True):
            assert welsh in html
            assert english not in html
        assert "<h1>Search</h1>" not in html

    def test_the_search_page_without_a_question_invites_one_in_welsh(self, client):
        html = page(client, "/cy/search/")
        assert "Teipiwch gwestiwn yn eich geiriau eich hun" in html
        assert "Type a question in your own words" not in html

    def test_the_suggestion_announcements_are_welsh_for_each_count(self, client):
        html = page(client, "/cy/search/")
        assert (
            'data-suggestions-status-1="1 cwestiwn a awgrymir, defnyddiwch y saethau i fyny ac '
            'i lawr i ddewis"' in html
        )
        assert 'data-suggestions-status-2="2 gwestiwn a awgrymir,' in html
        assert "suggested questions" not in html

    def test_the_ask_page_speaks_welsh(self, client):
        html = page(client, "/cy/ask/")
        assert '<html lang="cy">' in html
        assert "<h1>Gofynnwch gwestiwn i ni</h1>" in html
        assert ">Eich cwestiwn</label>" in html
        assert '<button type="submit">Anfon fy nghwestiwn</button>' in html
        for english in ["Ask us a question", "Your question", "Send my question", *ENGLISH_FRAME]:
            assert english not in html

    def test_a_welsh_visitor_gets_the_form_errors_in_welsh(self, client):
        data = {"text": "A question sent too fast?", "started": form_token(seconds_ago=0)}
        response = client.post("/cy/ask/", data, REMOTE_ADDR="192.0.2.77")
        html = response.content.decode()
        assert response.status_code == 400
        assert "Roedd hynny&#x27;n gyflym iawn; gwiriwch eich cwestiwn a&#x27;i anfon eto." in html
        assert "That was very quick" not in html

    def test_the_missing_page_says_so_in_welsh(self, client):
        html = page(client, "/cy/no-such-page/", status=404)
        assert '<html lang="cy">' in html
        assert "<h1>Ni allwn ddod o hyd i'r dudalen honno</h1>" in html
        assert "<title>Heb ddod o hyd i'r dudalen |" in html
        assert 'role="search"' in html
        assert "We can't find that page" not in html


@pytest.mark.django_db
class TestPagesInEnglish:
    def test_the_search_page_stays_english(self, client):
        html = page(client, "/search/", data={"q": "scrum"})
        assert '<html lang="en-GB">' in html
        assert "<h1>Search</h1>" in html
        for welsh, english in zip(WELSH_FRAME, ENGLISH_FRAME, strict=True):
            assert english in html
            assert welsh not in html
        assert 'data-suggestions-status-1="1 suggested question, use the up and down' in html
        assert 'data-suggestions-status-3="3 suggested questions, use the up and down' in html

    def test_the_ask_page_stays_english(self, client):
        html = page(client, "/ask/")
        assert "<h1>Ask us a question</h1>" in html
        assert ">Your question</label>" in html
        assert "Gofynnwch" not in html

    def test_the_missing_page_stays_english(self, client):
        html = page(client, "/no-such-page/", status=404)
        assert '<html lang="en-GB">' in html
        assert "We can't find that page" in html
        assert "Ni allwn" not in html

    def test_a_welsh_browser_still_gets_english_pages_at_the_root(self, client):
        html = page(client, "/search/", headers={"accept-language": "cy"})
        assert '<html lang="en-GB">' in html
        assert "<h1>Search</h1>" in html


PAGE_DATE = Template(
    '{% load i18n %}{% translate "d M Y" context "date format" as date_format %}'
    "{{ day|date:date_format }}"
)


@pytest.mark.parametrize(
    ("language", "shown"), [("en-gb", "02 Jun 2026"), ("cy", "2 Mehefin 2026")]
)
def test_page_dates_name_the_month_in_the_page_language(language, shown):
    """Last edited on …, Published …: as the seed writes them in English, in full in Welsh."""
    with translation.override(language):
        assert PAGE_DATE.render(Context({"day": datetime.date(2026, 6, 2)})) == shown


# The catalogue itself: whatever a page shows in Welsh comes from these two files.

# %(name)s, a literal %% (doubled for the formatting), {{ name }}, and every HTML tag.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%|\{\{.*?\}\}|</?[a-z]+[^>]*>")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def key(entry):
    return (entry.msgctxt, entry.msgid)


def translations(catalogue):
    """{(context, msgid): msgstr, or the plural forms in order}, the header left out."""
    found = {}
    for entry in catalogue:
        if not entry.msgid:
            continue
        if entry.msgid_plural:
            found[key(entry)] = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        else:
            found[key(entry)] = entry.msgstr
    return found


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(CATALOGUE / "django.po"))


def test_the_catalogue_header_is_welsh_and_names_no_one(po):
    assert po.metadata["Language"] == "cy"
    assert po.metadata["Project-Id-Version"] == "faqbase"
    assert po.metadata["Plural-Forms"] == WELSH_PLURAL_FORMS
    assert not po.metadata_is_fuzzy
    for field in ("Last-Translator", "Language-Team"):
        assert "@" not in po.metadata[field]


def test_every_message_is_translated_and_none_is_fuzzy(po):
    assert len(po) > 150
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert po.obsolete_entries() == []
    for entry in po:
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(4)]
            assert len(entry.msgstr_plural) == 4 and all(forms), entry.msgid
        else:
            assert entry.msgstr.strip(), entry.msgid


def test_every_translation_keeps_the_placeholders_and_markup_of_its_message(po):
    for entry in po:
        if entry.msgid_plural:
            expected = set(placeholders(entry.msgid))
            allowed = expected | set(placeholders(entry.msgid_plural))
            forms = [placeholders(form) for form in entry.msgstr_plural.values()]
            for form in forms:
                assert expected <= set(form) <= allowed, entry.msgid
            # The plural's own placeholders (the count) appear in the forms it is used for.
            assert set().union(*forms) == allowed, entry.msgid
        else:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid


def test_the_compiled_catalogue_holds_exactly_the_translations_of_the_po(po):
    """A .po edited without running compilemessages fails here: Django reads only the .mo."""
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    assert translations(mo) == translations(po)
