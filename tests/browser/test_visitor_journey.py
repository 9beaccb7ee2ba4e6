"""A visitor's path through the site in a real Chromium: home, search, an FAQ, the index, cards."""


def test_visitor_searches_reads_an_faq_and_follows_the_question_index(page, site_url):
    page.goto(site_url + "/")
    assert page.locator("h1").inner_text() == "Project management careers FAQ"

    page.get_by_label("Search the questions").last.fill("scrum master")
    page.get_by_label("Search the questions").last.press("Enter")
    page.wait_for_url("**/search/?q=scrum+master")
    result = page.get_by_role("link", name="Is a Scrum Master just a project manager?").first
    result.click()
    assert page.locator("h1").inner_text() == "Is a Scrum Master just a project manager?"
    assert page.locator(".last-edited").inner_text().startswith("Last edited on: ")

    index = page.get_by_role("navigation", name="Project Management questions")
    current = index.locator("[aria-current=page]")
    assert current.inner_text() == "Is a Scrum Master just a project manager?"
    index.get_by_role("link", name="Is a PM a Scrum Master?").click()
    assert page.locator("h1").inner_text() == "Is a PM a Scrum Master?"
    assert index.locator("[aria-current=page]").inner_text() == "Is a PM a Scrum Master?"


def test_related_article_cards_show_webp_images(page, site_url):
    page.goto(
        site_url + "/project-management/what-is-the-difference-between-a-pmo-and-a-project-manager/"
    )
    cards = page.locator(".related .card")
    assert cards.count() >= 3
    for position in range(cards.count()):
        image = cards.nth(position).locator("img")
        image.scroll_into_view_if_needed()
        image.evaluate("img => img.decode()")
        assert image.evaluate("img => img.naturalWidth") > 0
        assert image.evaluate("img => img.currentSrc").endswith(".webp")


def test_the_site_answers_with_the_custom_not_found_page(page, site_url):
    response = page.goto(site_url + "/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "We can't find that page"


def test_on_a_phone_the_question_index_starts_folded_and_opens(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site_url + "/project-management/is-40-too-old-to-become-a-project-manager/")
    index = page.get_by_role("navigation", name="Project Management questions")
    link = index.get_by_role("link", name="Am I too old to be a project manager?")
    assert not link.is_visible()
    index.locator("summary").click()
    assert link.is_visible()
    context.close()
