"""The article page in a real browser: layers, panels, the entity page, keyboard, phone, and hostile text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ingest

pytestmark = [pytest.mark.browser, pytest.mark.model]

LAYERS = ("person", "org", "place", "group", "date", "quote", "cable")


@pytest.fixture
def page(page: Page) -> Page:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.set_default_timeout(10_000)
    return page


def _open(page: Page, live_server, article, query: str = "") -> None:
    page.goto(f"{live_server.url}{article.get_absolute_url()}{query}")
    # A marker on window: if any click below reloaded the page, it disappears.
    page.evaluate("window.__sameDocument = true")


def _still_same_document(page: Page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def test_layers_toggle_without_a_reload_and_keep_their_state_in_the_url(page, live_server, demo_article, screenshot):
    _open(page, live_server, demo_article)
    body = page.locator("#article-body")
    expect(body.locator("a.ann-person").first).to_be_visible()
    screenshot(page, "article-plain")
    for layer in LAYERS:
        toggle = page.locator(f'.layer-toggle[data-layer="{layer}"]')
        toggle.click()
        expect(toggle).to_have_attribute("aria-pressed", "false")
        expect(body).to_have_class(re.compile(rf"\bhide-{layer}\b"))
        assert layer in page.url.split("hide=")[1].split("&")[0].split(",")
    assert _still_same_document(page)
    screenshot(page, "article-all-layers-hidden")
    for layer in LAYERS:
        page.locator(f'.layer-toggle[data-layer="{layer}"]').click()
    expect(body).not_to_have_class(re.compile(r"\bhide-"))
    assert "hide=" not in page.url
    assert _still_same_document(page)
    # Reloading the URL with hidden layers shows the same state.
    page.locator('.layer-toggle[data-layer="date"]').click()
    page.reload()
    expect(page.locator("#article-body")).to_have_class(re.compile(r"\bhide-date\b"))
    expect(page.locator('.layer-toggle[data-layer="date"]')).to_have_attribute("aria-pressed", "false")


def test_panels_open_beside_the_text_and_lead_to_the_entity_page(page, live_server, demo_article, screenshot):
    _open(page, live_server, demo_article)
    page.locator("#article-body a.ann-person", has_text="Kayani").first.click()
    panel = page.locator("#entity-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("h2")).to_contain_text("Kayani")
    expect(panel).to_contain_text("person")
    # hx-push-url updates the address after the swap settles.
    expect(page).to_have_url(re.compile(r"[?&]entity="))
    screenshot(page, "article", docs=True)

    page.locator("#article-body a.ann-label-quote").first.click()
    quote_panel = page.locator("#quote-panel")
    expect(quote_panel).to_be_visible()
    expect(quote_panel.locator(".quote-text")).not_to_be_empty()
    expect(quote_panel).to_contain_text("Cue")
    expect(panel).to_be_hidden()
    screenshot(page, "quote-panel")

    page.locator("#article-body a.ann-cable").first.click()
    cable_panel = page.locator("#cable-panel")
    expect(cable_panel).to_be_visible()
    expect(cable_panel).to_contain_text("In the text")
    screenshot(page, "cable-panel")
    assert _still_same_document(page)

    cable_panel.locator("[data-close-panel]").click()
    expect(cable_panel).to_be_hidden()

    page.locator("#article-body a.ann-person", has_text="Kayani").first.click()
    page.locator("#entity-panel .panel-more a").click()
    expect(page).to_have_url(re.compile(r"/entities/\d+/$"))
    expect(page.locator("h1")).to_contain_text("Kayani")
    expect(page.locator(".timeline svg")).to_be_visible()
    screenshot(page, "entity", docs=True)


def test_keyboard_reaches_a_mark_and_opens_its_panel(page, live_server, demo_article):
    _open(page, live_server, demo_article)
    first_person = page.locator("#article-body a.ann-person").first
    first_person.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#entity-panel")).to_be_visible()
    expect(page.locator("#entity-panel h2")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#entity-panel")).to_be_hidden()


def test_without_javascript_links_go_to_full_pages(browser, live_server, demo_article):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}{demo_article.get_absolute_url()}")
    page.locator('.layer-toggle[data-layer="person"]').click()
    expect(page).to_have_url(re.compile(r"\?hide=person$"))
    expect(page.locator("#article-body")).to_have_class(re.compile(r"\bhide-person\b"))
    page.locator("#article-body a.ann-place").first.click()
    expect(page).to_have_url(re.compile(r"\?hide=person&entity=\d+#entity-panel$"))
    expect(page.locator("#entity-panel")).to_be_visible()
    context.close()


def test_article_is_readable_on_a_phone(page, live_server, demo_article, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, live_server, demo_article)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("#article-body a.ann-person").nth(1).click()
    expect(page.locator("#entity-panel")).to_be_in_viewport()
    screenshot(page, "article-phone")


def test_markup_in_the_raw_text_is_shown_as_text_and_never_runs(page, live_server, transactional_db, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(
        "Cables and code\n\n"
        "The page said <script>alert(1)</script> and then <img src=x onerror=alert(1)> before "
        'Hillary Clinton said "nothing runs here <b>bold</b>" to reporters in Washington.\n'
    )
    (article,) = ingest(path)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _open(page, live_server, article)
    body = page.locator("#article-body")
    expect(body).to_contain_text("<script>alert(1)</script>")
    expect(body).to_contain_text("<img src=x onerror=alert(1)>")
    assert body.locator("script, img, b").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []


STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'"


def test_article_page_works_under_a_strict_content_security_policy(page, live_server, demo_article):
    def with_csp(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": STRICT_CSP})

    page.route(re.compile(r".*/articles/\d+/.*"), with_csp)
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: violations.append(str(error)))
    _open(page, live_server, demo_article)
    page.locator('.layer-toggle[data-layer="person"]').click()
    expect(page.locator("#article-body")).to_have_class(re.compile(r"\bhide-person\b"))
    page.locator("#article-body a.ann-place").first.click()
    expect(page.locator("#entity-panel")).to_be_visible()
    assert violations == []
