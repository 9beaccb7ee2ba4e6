"""Keyboard-only use, zoom, narrow screens, reduced motion and the dark theme, in Chromium."""

import pytest

from .test_accessibility import PAGES

pytestmark = pytest.mark.audit

FAQ = "/project-management/what-is-the-difference-between-a-pmo-and-a-project-manager/"
# What a keyboard user can act on, in the order Tab visits it (the spam trap opts out).
FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([type=hidden]):not([tabindex='-1']),"
    " textarea, select, summary, [tabindex]:not([tabindex='-1'])"
)
# Marks every element Tab should reach (visible, one stop per radio group) and returns their count.
MARK_TAB_STOPS = """selector => {
  const seenRadioGroups = new Set();
  let count = 0;
  for (const element of document.querySelectorAll(selector)) {
    if (!element.checkVisibility({visibilityProperty: true})) continue;
    if (element.type === "radio") {
      if (seenRadioGroups.has(element.name)) continue;
      seenRadioGroups.add(element.name);
    }
    element.dataset.tabStop = count++;
  }
  return count;
}"""
FOCUS_INDICATOR = """element => {
  const shown = e => {
    const style = getComputedStyle(e);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
      || style.boxShadow !== "none";
  };
  // A card's title link stretches over the whole card, so the card shows its focus.
  return shown(element) || (element.closest(".card") !== null && shown(element.closest(".card")));
}"""
NO_HORIZONTAL_SCROLL = (
    "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
)


def tab_through(page, stops):
    """Press Tab until focus leaves the page; the tab-stop numbers reached, each with its ring."""
    reached = {}
    for _ in range(stops + 10):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        stop = focused.evaluate("element => element.dataset.tabStop ?? null")
        if stop is not None:
            reached[int(stop)] = focused.evaluate(FOCUS_INDICATOR)
    return reached


def test_tab_from_the_top_reaches_the_skip_link_which_moves_focus_to_the_content(page, site_url):
    page.goto(site_url + FAQ)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # from the content, not back in the header
    assert page.evaluate("document.activeElement.closest('main') !== null")


@pytest.mark.parametrize("width", [1280, 375])
def test_every_action_on_an_faq_page_is_reached_by_tab_with_a_visible_focus(
    browser, site_url, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + FAQ)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    stops = page.evaluate(MARK_TAB_STOPS, FOCUSABLE)
    reached = tab_through(page, stops)
    context.close()
    assert stops > 30  # links of the question index and the cards, the feedback form, search
    assert sorted(reached) == list(range(stops))
    assert [stop for stop, ring_shown in reached.items() if not ring_shown] == []


def test_on_a_phone_the_keyboard_opens_the_question_index_and_follows_a_question(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site_url + FAQ)
    index = page.get_by_role("navigation", name="Project Management questions")
    index.locator("summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert (
        page.evaluate("document.activeElement.textContent")
        == "Am I qualified to be a project manager?"
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/am-i-qualified-to-be-a-project-manager/")
    context.close()


def test_the_keyboard_searches_picks_a_suggestion_and_sends_feedback(page, site_url):
    page.goto(site_url + FAQ)
    page.keyboard.press("Tab")  # the skip link
    while page.evaluate("document.activeElement.type") != "search":
        page.keyboard.press("Tab")
    page.keyboard.type("is scrum master same as pm", delay=20)
    page.get_by_role("listbox", name="Suggested questions").wait_for()
    page.keyboard.press("ArrowDown")
    chosen = page.locator("[aria-selected=true]").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == chosen

    page.get_by_role("button", name="Yes").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**?feedback=thanks#feedback")
    assert page.get_by_role("heading", name="Thank you").is_visible()


@pytest.mark.parametrize(
    "viewport",
    [
        {"width": 320, "height": 640, "device_scale_factor": 1},
        # A 1280-pixel-wide window at 200 % zoom lays pages out 640 CSS pixels wide.
        {"width": 640, "height": 450, "device_scale_factor": 2},
    ],
    ids=["320px", "200% zoom"],
)
def test_no_page_scrolls_sideways_on_a_narrow_screen_or_zoomed_in(browser, site_url, viewport):
    scale = viewport.pop("device_scale_factor")
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    too_wide = []
    for name, path in PAGES.items():
        page.goto(site_url + path)
        if not page.evaluate(NO_HORIZONTAL_SCROLL):
            too_wide.append(name)
    context.close()
    assert too_wide == []


def computed_motion(browser, site_url, reduced_motion):
    context = browser.new_context(reduced_motion=reduced_motion)
    page = context.new_page()
    page.goto(site_url + FAQ)
    motion = page.evaluate(
        """() => ({
          scrollBehavior: getComputedStyle(document.documentElement).scrollBehavior,
          moving: [...document.querySelectorAll("*")].filter(element => {
            const style = getComputedStyle(element);
            return style.transitionDuration.split(",").some(d => parseFloat(d) > 0)
              || style.animationName !== "none";
          }).length,
        })"""
    )
    context.close()
    return motion


def test_reduced_motion_turns_off_smooth_scrolling_and_transitions(browser, site_url):
    assert computed_motion(browser, site_url, "no-preference")["moving"] > 0
    assert computed_motion(browser, site_url, "reduce") == {"scrollBehavior": "auto", "moving": 0}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_colour_scheme_follows_the_visitors_setting(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + FAQ)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("getComputedStyle(document.body).color")
    context.close()
    brightness = {"rgb(255, 255, 255)": "light", "rgb(18, 24, 29)": "dark"}
    assert brightness.get(background) == scheme
    assert text == {"light": "rgb(29, 39, 51)", "dark": "rgb(231, 236, 239)"}[scheme]


def test_a_printed_faq_has_no_navigation_and_spells_out_each_link(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + FAQ)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => [".site-header", ".breadcrumbs", ".faq-aside", ".related", ".feedback",
                  ".site-footer"].filter(s => getComputedStyle(document.querySelector(s)).display
                                              !== "none")"""
    )
    link = page.locator(".answer a").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    full_url = link.evaluate("a => a.href")
    ink = page.evaluate("getComputedStyle(document.body).color")
    context.close()
    assert hidden == []
    assert after == f'" ({full_url})"'
    assert full_url.startswith(site_url + "/project-management/")
    assert ink == "rgb(0, 0, 0)"
