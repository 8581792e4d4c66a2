"""Issue 13 in a real headless Chromium: exact phrases, the article's own day, the undated bucket.

Served over the fictional journal index (tests/journal_fixture.py) by a real waitress server.
"""

from __future__ import annotations

import pytest

from tests.journal_fixture import build_journal_index
from tests.test_browser_search import ARGS, CHROMIUM, _require_browser, _total
from tests.test_webui_live import serve_in_thread

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def journal_url(tmp_path_factory: pytest.TempPathFactory):
    _require_browser()
    from webui import create_app

    index_dir = build_journal_index(tmp_path_factory.mktemp("browser-journal"))
    url, stop = serve_in_thread(create_app({"INDEX_DIR": str(index_dir)}))
    yield url
    stop()


@pytest.fixture(scope="module")
def journal_browser(journal_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def tab(journal_browser):
    context = journal_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _search(tab, url: str, query: str) -> None:
    tab.goto(url + "/")
    tab.fill("#q", query)
    tab.press("#q", "Enter")
    tab.wait_for_selector(".count strong")


def _facet_counts(tab, title: str) -> dict[str, int]:
    section = tab.locator("section.facet", has=tab.locator("h3", has_text=title))
    names = section.locator("li .name").all_inner_texts()
    counts = [int(n.replace(",", "")) for n in section.locator("li .n").all_inner_texts()]
    return dict(zip(names, counts, strict=True))


def test_a_phrase_across_two_topics_finds_nothing_one_inside_a_topic_finds_it(tab, journal_url):
    _search(tab, journal_url, '"mic flexibility"')
    assert _total(tab) == 0 and tab.locator("ol.hits li.hit").count() == 0
    _search(tab, journal_url, '"flexibility plan"')
    assert tab.locator("ol.hits li.hit h2").all_inner_texts() == ["Valdoria budget note"]


def test_an_article_at_0130_local_is_found_by_its_local_day(tab, journal_url):
    _search(tab, journal_url, "lorvant")
    tab.fill("#since", "2012-03-27")
    tab.fill("#until", "2012-03-27")
    tab.click("form.dates button[type=submit]")
    tab.wait_for_selector("ol.hits li.hit")
    assert tab.locator("ol.hits li.hit h2").all_inner_texts() == ["Lorvant harbour dues rise before dawn"]
    shown = tab.locator("ol.hits li.hit .meta time").inner_text()
    assert shown == "27 Mar 2012 01:30 MSK"


def test_the_undated_bucket_and_facet_counts_that_add_up(tab, journal_url):
    _search(tab, journal_url, "lorvant OR wexmoor OR valdoria")
    total = _total(tab)
    years, sources = _facet_counts(tab, "Years"), _facet_counts(tab, "Sources")
    assert sum(years.values()) == total and sum(sources.values()) == total
    assert years["undated"] == 2 and sources["unknown source"] == 1
    link = tab.locator("a.undated-count")
    assert link.inner_text() == "2 undated"
    link.click()
    tab.wait_for_selector("ol.hits li.hit")
    assert _total(tab) == 2
    assert sorted(tab.locator("ol.hits li.hit h2").all_inner_texts()) == [
        "Lorvant dockers meet", "Wexmoor orchard blossoms early"]
    assert tab.locator("ol.hits li.hit .meta .undated").count() == 2
