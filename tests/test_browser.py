"""The timeline picture in a real headless Chromium (Debian's chromium and chromium-driver)."""

import os
import shutil
import time
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
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


def test_timeline_page_shows_events_and_a_series_chart(browser, server):
    browser.get(server + "/timeline")
    marks = _wait_for(browser, "return document.querySelectorAll('#axis .event').length")
    items = browser.execute_script("return document.querySelectorAll('#events-list li').length")
    points = _wait_for(browser, "return document.querySelectorAll('#series .point').length")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "timeline.png"))
    assert marks >= 50 and items == marks
    assert points >= 2
    first = browser.execute_script("return document.querySelector('#events-list li a').textContent")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in first)


def test_kind_filter_narrows_the_events(browser, server):
    browser.get(server + "/timeline")
    total = _wait_for(browser, "return document.querySelectorAll('#events-list li').length")
    browser.execute_script(
        "const s = document.getElementById('kind'); s.value = 'meeting'; s.dispatchEvent(new Event('change'));"
    )
    meetings = browser.execute_script("return document.querySelectorAll('#events-list li').length")
    assert 0 < meetings < total
