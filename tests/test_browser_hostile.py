"""Security in the real browser: hostile payloads in every displayed field are shown as text and never run.

Visits the search page, the article pages, the speaker page, an export-free API-less route set over the
hostile index (titles, bodies, sources, speakers, topics, quotes and a ``javascript:`` URL all carry
payloads) and asserts that no dialog opened, no page error happened and the payload flag stayed unset.
"""

from __future__ import annotations

import urllib.parse

import pytest

from tests.test_browser_search import base_url, browser, page  # noqa: F401 - shared fixtures
from tests.test_webui_hostile import HOSTILE_DOC_ID, IMG, SCRIPT

pytestmark = pytest.mark.browser


def _assert_nothing_ran(tab) -> None:
    assert tab.dialogs == [] and tab.errors == []
    assert tab.evaluate("window.__xss === undefined")
    assert tab.locator("img[src='x']").count() == 0


@pytest.mark.parametrize("path", [
    "/?q=quokka", "/?q=zanzibar", "/articles/" + HOSTILE_DOC_ID, "/articles/" + HOSTILE_DOC_ID + "?q=quokka",
    "/speakers/" + urllib.parse.quote(f"Eve {IMG}", safe=""), "/?q=" + urllib.parse.quote(SCRIPT),
    "/?q=quokka&speaker=" + urllib.parse.quote(f"Mallory {SCRIPT}"), "/?topic=" + urllib.parse.quote(IMG),
    "/?q=quokka&speaker=" + urllib.parse.quote(f"Eve {IMG}"),  # her quote shown above the results
])
def test_hostile_fields_are_shown_as_text_and_never_execute(page, base_url, path):  # noqa: F811
    response = page.goto(base_url + path)
    assert response is not None and response.status in (200, 404)
    page.wait_for_load_state("load")
    _assert_nothing_ran(page)


def test_javascript_url_is_never_a_link(page, base_url):  # noqa: F811
    page.goto(base_url + "/articles/" + HOSTILE_DOC_ID)
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]
    assert "Eve" in page.inner_text("body") and "<img" in page.inner_text("body")
