"""An editor makes an FAQ private with the admin's Privacy dialog: within two seconds anonymous
visitors can no longer get it from any answer, while the signed-in editor still can."""

import time
import urllib.parse

from .site import sign_in

FAQ_PATH = "/project-management/how-much-money-do-project-managers-earn/"
QUESTION = "what salary does a project manager earn"
GOAL_SECONDS = 2.0


def answer_urls(request_context, site_url):
    """The FAQ addresses /api/ask gives this browser context, cookies and all."""
    query = urllib.parse.urlencode({"q": QUESTION})
    response = request_context.get(f"{site_url}/api/ask?{query}")
    assert response.status == 200
    return [result["url"] for result in response.json()["results"]]


def seconds_until(condition, timeout=20.0):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def open_editor(page, site_url):
    """The FAQ's edit page with its status panel open, where the Privacy control is."""
    page.goto(f"{site_url}/admin/pages/search/?q=earn")
    page.get_by_role("link", name="How much money do project managers earn?").first.click()
    page.wait_for_url("**/admin/pages/*/edit/")
    page.get_by_role("button", name="Toggle status").click()


def set_privacy(page, choice):
    page.get_by_role("button", name="Change privacy").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label(choice).check()
    dialog.get_by_role("button", name="Save").click()
    dialog.wait_for(state="hidden")


def test_a_faq_made_private_in_the_admin_vanishes_for_visitors_not_for_colleagues(
    browser, site_url
):
    visitor = browser.new_context()
    editor = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        assert answer_urls(visitor.request, site_url)[0] == FAQ_PATH
        assert visitor.request.get(site_url + FAQ_PATH).status == 200  # cached from now on

        page = editor.new_page()
        sign_in(page, site_url)
        open_editor(page, site_url)
        set_privacy(page, "Private, accessible to any logged-in users")
        delay = seconds_until(
            lambda: (
                FAQ_PATH not in answer_urls(visitor.request, site_url)
                and visitor.request.get(site_url + FAQ_PATH, max_redirects=0).status == 302
            )
        )
        assert delay is not None and delay <= GOAL_SECONDS, delay
        search = visitor.request.get(f"{site_url}/search/?q={QUESTION}").text()
        assert "How much money do project managers earn?" not in search
        assert answer_urls(page.request, site_url)[0] == FAQ_PATH

        set_privacy(page, "Public")
        assert seconds_until(lambda: answer_urls(visitor.request, site_url)[0] == FAQ_PATH)
    finally:
        visitor.close()
        editor.close()
