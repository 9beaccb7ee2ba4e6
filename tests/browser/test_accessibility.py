"""axe-core on every kind of public page and form: no WCAG 2.2 AA violation."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.audit

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = {
    "home": "/",
    "topic": "/project-management/",
    "faq, with the feedback form": "/project-management/is-40-too-old-to-become-a-project-manager/",
    "article": "/articles/waterfall-method/",
    "webinar": "/articles/how-to-apply-ai-technology-to-your-project/",
    "articles": "/articles/",
    "topic articles": "/project-management/articles/",
    "search results": "/search/?q=scrum+master",
    "best answer": "/search/?q=I%27m+52%2C+is+it+too+late+to+move+into+project+management%3F",
    "no results": "/search/?q=xylophone",
    "ask form": "/ask/?q=raci+matrix",
    "not found": "/no-such-page/",
    "welsh home": "/cy/",
    "welsh faq": "/cy/rheoli-prosiectau/ydw-i-yn-rhy-hen-i-fod-yn-rheolwr-prosiect/",
    "welsh search": "/cy/search/?q=cymwysterau+rheolwr+prosiect",
}


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make install-test runs npm install)")
    return AXE.read_text()


def axe_problems(page, axe_source):
    page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        f"{violation['id']}: {violation['help']} at {[n['target'] for n in violation['nodes']]}"
        for violation in result["violations"]
    ]


def open_feedback_reasons(page):
    page.get_by_text("It wasn't: tell us why (optional)").click()


def send_empty_question(page):
    page.get_by_role("button", name="Send my question").click()
    page.locator(".field-error").first.wait_for()


def show_suggestions(page):
    page.locator("#site-search-q").press_sequentially("project manager salary", delay=20)
    page.get_by_role("listbox", name="Suggested questions").wait_for()


# States of the forms that only appear after the visitor does something.
FORM_STATES = {
    "feedback reasons open": (PAGES["faq, with the feedback form"], open_feedback_reasons),
    "feedback thanks": (PAGES["faq, with the feedback form"] + "?feedback=thanks", None),
    "ask form with errors": ("/ask/", send_empty_question),
    "suggestions open": ("/", show_suggestions),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_accessibility_violations(browser, site_url, axe_source, name, scheme):
    # The site's CSP rightly refuses injected scripts; the judge is let in, nothing else.
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + PAGES[name])
    problems = axe_problems(page, axe_source)
    context.close()
    assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(FORM_STATES))
def test_form_states_have_no_accessibility_violations(browser, site_url, axe_source, name, scheme):
    path, act = FORM_STATES[name]
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + path)
    if act:
        act(page)
    problems = axe_problems(page, axe_source)
    context.close()
    assert problems == []
