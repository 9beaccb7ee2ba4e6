"""From a visitor's unanswered question to an editor's draft FAQ, in a real browser."""

from .site import sign_in

QUESTION = "Can my employer sponsor a project management apprenticeship for someone part time?"


def test_visitor_asks_and_an_editor_turns_it_into_a_draft(browser, site_url):
    visitor = browser.new_context()
    page = visitor.new_page()
    page.goto(site_url + "/search/?q=what+is+the+boiling+point+of+water")
    page.get_by_role("link", name="ask the editors your question").click()
    page.get_by_label("Your question").fill(QUESTION)
    page.wait_for_timeout(3500)  # people take a few seconds; the form refuses instant posts
    page.get_by_role("button", name="Send my question").click()
    assert page.locator("h1").inner_text().startswith("Thank you")
    visitor.close()

    editor = browser.new_context(viewport={"width": 1280, "height": 900})
    page = editor.new_page()
    sign_in(page, site_url)
    page.goto(site_url + "/admin/visitor_questions/")
    page.get_by_role("link", name=QUESTION).click()
    page.get_by_role("button", name="Turn into a draft FAQ").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    title = page.locator("#id_title")
    assert title.input_value() == QUESTION

    title.fill("Is 55 too old to become a project manager?")
    similar = page.locator("#similar-questions")
    similar.get_by_role("link", name="Am I too old to be a project manager?").wait_for()
    assert "similarity" in similar.inner_text()
    editor.close()
