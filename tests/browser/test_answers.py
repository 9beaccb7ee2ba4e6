"""The answer engine in the browser: the best-answer box and keyboard-driven suggestions."""


def test_search_page_shows_the_best_answer_for_a_question_in_other_words(page, site_url):
    page.goto(site_url + "/search/?q=I%27m+52%2C+is+it+too+late+to+move+into+project+management%3F")
    box = page.locator(".best-answer")
    assert box.locator("h2").inner_text() == "Am I too old to be a project manager?"
    box.get_by_role("link", name="Read the full answer").click()
    assert page.locator("h1").inner_text() == "Am I too old to be a project manager?"


def test_suggestions_appear_while_typing_and_work_from_the_keyboard(page, site_url):
    page.goto(site_url + "/")
    box = page.locator("#home-search-q")
    box.click()
    box.press_sequentially("is scrum master same as pm", delay=20)
    listbox = page.get_by_role("listbox", name="Suggested questions")
    listbox.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    assert options.count() == 5
    box.press("ArrowDown")
    first = options.first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    chosen = first.inner_text()
    box.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == chosen


def test_escape_closes_the_suggestions_and_enter_still_searches(page, site_url):
    page.goto(site_url + "/")
    box = page.locator("#home-search-q")
    box.click()
    box.press_sequentially("project manager salary", delay=20)
    page.get_by_role("listbox", name="Suggested questions").wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
    page.wait_for_url("**/search/?q=project+manager+salary")


SLIPPED_QUESTION = "what qualifcations do i need to be a projcet manager"


def test_a_question_typed_with_slips_is_answered_and_can_be_searched_as_typed(page, site_url):
    page.goto(site_url + "/")
    box = page.locator("#home-search-q")
    box.click()
    box.press_sequentially(SLIPPED_QUESTION, delay=20)
    page.get_by_role("listbox", name="Suggested questions").wait_for()
    box.press("Escape")  # closes the suggestions, keeping the question as typed
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    correction = page.locator(".spelling-correction")
    assert correction.locator("strong").inner_text() == (
        "what qualifications do i need to be a project manager"
    )
    best_answer = page.locator(".best-answer h2").inner_text()
    assert best_answer == "What qualifications do I need to be a project manager?"
    correction.get_by_role("link", name=f"Search instead for {SLIPPED_QUESTION}").click()
    page.wait_for_url("**exact=1*")
    assert page.locator(".spelling-correction").count() == 0
    assert page.locator("main input[name=q]").first.input_value() == SLIPPED_QUESTION


def test_a_welsh_page_suggests_welsh_questions_and_switches_language(page, site_url):
    page.goto(site_url + "/cy/")
    assert page.locator("html").get_attribute("lang") == "cy"
    box = page.locator("#home-search-q")
    box.click()
    box.press_sequentially("rhy hen i fod yn rheolwr prosiect", delay=20)
    listbox = page.get_by_role("listbox")
    listbox.wait_for()
    options = listbox.get_by_role("option")
    assert "Ydw i'n rhy hen i fod yn rheolwr prosiect?" in options.all_inner_texts()
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert page.url == site_url + "/"
