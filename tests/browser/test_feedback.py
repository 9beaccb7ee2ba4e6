"""A visitor says an answer did not help, and why, with or without JavaScript."""

import pytest

FAQ = "/project-management/is-project-manager-a-stressful-job/"


@pytest.mark.parametrize("javascript", [True, False])
def test_visitor_votes_not_helpful_with_a_reason(browser, site_url, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site_url + FAQ)
    feedback = page.locator("#feedback")
    feedback.get_by_text("It wasn't: tell us why (optional)").click()
    feedback.get_by_label("It is out of date").check()
    feedback.get_by_label("Anything else?").fill("The exam names have changed.")
    feedback.get_by_role("button", name="Send").click()
    page.wait_for_url(f"**{FAQ}?feedback=thanks#feedback")
    assert page.locator("#feedback h2").inner_text() == "Thank you"
    context.close()
