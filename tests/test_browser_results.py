"""The results page in a real headless Chromium: a speaker's quotes above the articles, and the keyboard
reaching the filters first. Same harness as test_browser_search (waitress, the hostile demo index)."""

from __future__ import annotations

import pytest

from tests.test_browser_search import SHOTS, _search, base_url, browser, page  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.browser

MAX_TABS_TO_FIRST_FACET = 5  # issue 13: at most five Tab presses from the search box


def _tabs_to(page, selector: str, limit: int = 400) -> int:  # noqa: F811
    """Tab presses from the search box until the focused element matches ``selector``."""
    page.focus("#q")
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached in {limit} Tab presses")


def test_a_speaker_query_shows_what_they_said_above_the_articles(page, base_url):  # noqa: F811
    _search(page, base_url, "speaker:medvedev")
    said = page.locator("section.said")
    assert said.is_visible(), "no quotes shown for speaker:medvedev"
    assert said.locator("h2").inner_text() == "What Dmitri Medvedev said"
    quotes = said.locator("ol.quotes > li")
    assert quotes.count() >= 1
    assert "I will transmit this information to Vladimir" in said.inner_text()
    # the quote's date as its article's own: Moscow time and zone, like the result below it
    assert said.locator("time").first.inner_text() == "26 Mar 2012 20:47 MSK"
    assert page.locator("ol.hits li.hit .meta time").first.inner_text() == "26 Mar 2012 20:47 MSK"
    # above the articles, in reading order and on screen
    assert page.evaluate("() => !!(document.querySelector('section.said').compareDocumentPosition("
                         "document.querySelector('ol.hits')) & Node.DOCUMENT_POSITION_FOLLOWING)")
    assert said.bounding_box()["y"] < page.locator("ol.hits").bounding_box()["y"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "speaker-quotes.png"), full_page=True)
    quotes.first.locator("a").first.click()  # each quote links to its article
    page.wait_for_selector("article.story h1")
    assert "Obama caught on mic" in page.locator("h1").inner_text()


def test_a_speaker_filter_shows_their_matching_quotes(page, base_url):  # noqa: F811
    page.goto(base_url + "/?q=vladimir&speaker=Medvedev")
    said = page.locator("section.said")
    assert said.locator("ol.quotes mark").first.inner_text().lower() == "vladimir"
    said.locator("p.more a").first.click()  # all of the speaker's quotes with those words
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text().startswith("What did Dmitri Medvedev say")


def test_a_speaker_tag_offers_articles_quoting_and_what_they_said(page, base_url):  # noqa: F811
    _search(page, base_url, "flexibility missile defense")
    tag = page.locator("ol.hits li.hit").first.locator(".tag.speaker", has_text="Medvedev")
    assert tag.locator("a").first.get_attribute("title") == "Articles quoting Dmitri Medvedev"
    tag.locator("a.said").click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text().startswith("What did Dmitri Medvedev say")
    page.go_back()
    page.locator("ol.hits li.hit").first.locator(".tag.speaker", has_text="Medvedev").locator("a").first.click()
    page.wait_for_selector(".chips .chip")
    assert "Speaker: Dmitri Medvedev" in page.locator(".chips").inner_text()
    assert page.locator("ol.hits li.hit h2").first.inner_text().startswith("Obama caught on mic")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_first_facet_is_at_most_five_tabs_from_the_search_box(page, base_url, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    _search(page, base_url, "treaty OR harbour OR strike")  # many hits, a timeline, a pager
    assert page.locator("ol.hits li.hit").count() == 10
    presses = _tabs_to(page, "aside.facets section.facet a")
    assert presses <= MAX_TABS_TO_FIRST_FACET, f"{presses} Tab presses to the first facet"
    first_facet = page.locator("aside.facets section.facet a").first
    assert page.evaluate("document.activeElement.href") == first_facet.evaluate("a => a.href")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") not in ("", "none")
    # and the filters are where the keyboard meets them: before the results on screen too
    facet_box, hits_box = first_facet.bounding_box(), page.locator("ol.hits").bounding_box()
    assert facet_box["x"] < hits_box["x"] if width > 760 else facet_box["y"] < hits_box["y"]


def test_skip_to_results_link_passes_the_filters(page, base_url):  # noqa: F811
    _search(page, base_url, "treaty OR harbour OR strike")
    _tabs_to(page, "aside.facets .skip-link")
    assert page.locator("aside.facets .skip-link").is_visible()  # shown while focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")
