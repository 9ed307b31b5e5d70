"""The pages in a real headless Chromium (Debian's chromium and chromium-driver); screenshots go to docs/screenshots/."""

import os
import shutil
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    if os.environ.get("CI"):
        pytest.fail("chromium and chromium-driver are required in CI (.ci/run installs them)", pytrace=False)
    pytest.skip("Debian packages chromium and chromium-driver are not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1280,1600", "--lang=zh-CN"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _wait_for(driver, script: str, timeout: float = 20.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.2)
    return driver.execute_script(script)


def _shot(driver, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return Math.min(document.body.scrollHeight + 40, 2400)")
    driver.set_window_size(1280, max(800, height))
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def test_timeline_shows_chinese_lanes_events_and_a_dated_series(browser, server):
    browser.get(server + "/timeline")
    marks = _wait_for(browser, "return document.querySelectorAll('#axis .event').length")
    items = browser.execute_script("return document.querySelectorAll('#events-list li').length")
    points = _wait_for(browser, "return document.querySelectorAll('#series .point').length")
    lanes = browser.execute_script("return [...document.querySelectorAll('#axis .lane-label')].map(e => e.textContent)")
    ticks = browser.execute_script("return [...document.querySelectorAll('#series .tick')].map(e => e.textContent)")
    _shot(browser, "timeline")
    assert marks >= 50 and items == marks
    assert "会议" in lanes and not any(lane.isascii() for lane in lanes)
    assert points >= 2 and any(t.endswith("年") for t in ticks)  # a time axis under the series


def test_filters_live_in_the_url(browser, server):
    browser.get(server + "/timeline")
    total = _wait_for(browser, "return document.querySelectorAll('#events-list li').length")
    browser.get(server + "/timeline?kind=meeting&from=2020&to=2021")
    _wait_for(browser, "return document.getElementById('kind').value === 'meeting' && "
                       "document.querySelectorAll('#events-list li').length")
    meetings = _wait_for(browser, "return document.querySelectorAll('#events-list li').length")
    words = browser.execute_script("return [...document.querySelectorAll('#events-list li strong')].map(e => e.textContent)")
    assert 0 < meetings < total
    assert all(w[:4] in ("2020", "2021") for w in words)
    browser.execute_script("const q = document.getElementById('q'); q.value = '联席'; q.dispatchEvent(new Event('change'));")
    assert _wait_for(browser, "return location.search.includes('q=') && location.search.includes('kind=meeting')")


def test_click_a_dot_then_the_article(browser, server):
    browser.set_window_size(1280, 1600)
    browser.get(server + "/timeline?kind=meeting")
    _wait_for(browser, "return document.querySelectorAll('#axis .event').length")
    browser.execute_script("document.querySelector('#axis .event').dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    assert _wait_for(browser, "return location.pathname.startsWith('/fact/meeting/') && document.querySelector('mark')")
    _shot(browser, "fact")
    article = browser.execute_script("return document.querySelector('.fl-mention a[href^=\"/document/\"]').href")
    browser.get(article)
    marks = _wait_for(browser, "return document.querySelectorAll('.fl-doc mark').length")
    _shot(browser, "document")
    assert marks >= 1


@pytest.mark.parametrize("name, path", [
    ("index", "/"),
    ("project", "/project/10"),
    ("meeting_series", "/meeting-series/重庆四川党政联席会议"),
    ("party", "/party/四川"),
])
def test_page_screenshots(browser, server, name, path):
    browser.set_window_size(1280, 1600)
    browser.get(server + path)
    assert _wait_for(browser, "return document.querySelector('h1') && document.querySelector('h1').textContent")
    _shot(browser, name)
