"""The dashboard at /_mock/ui in a real headless browser (Debian's chromium, driven by selenium).

A try-on is created through the API of a real mock server on the manual clock; the page must show
the project, a refused request with its reason, a clock that moves the task forward when "Advance
clock" is pressed, the task reaching ``Generation completed`` and its output thumbnail loaded; at
1280×800 and at a narrow width. No browser is downloaded: the system chromium and chromedriver are
used (CI installs them; ``.ci/run``). ``HUHU_DASHBOARD_SCREENSHOT=docs/dashboard.png`` saves the
screenshot the README shows.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from journal_support import TryOn, start_tryon
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from huhu_ext.testing import HuhuMockServer

CHROMIUM = os.environ.get("HUHU_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("HUHU_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
WAIT = 20.0


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    for path in (CHROMIUM, CHROMEDRIVER):
        assert os.path.exists(path), f"{path} is missing: apt-get install chromium chromium-driver"
    saved = os.environ.get("SE_OFFLINE")
    os.environ["SE_OFFLINE"] = "true"  # selenium must never fetch a driver or a browser
    profile = tempfile.mkdtemp(prefix="huhu-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}", "--window-size=1280,800"):
        options.add_argument(flag)
    driver = None
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        driver.set_window_size(1280, 800)
        yield driver
    finally:
        if driver is not None:
            driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        if saved is None:
            os.environ.pop("SE_OFFLINE", None)
        else:
            os.environ["SE_OFFLINE"] = saved


def wait_for(driver: WebDriver, condition: Callable[[WebDriver], Any], what: str) -> Any:
    try:
        return WebDriverWait(driver, WAIT, poll_frequency=0.1).until(condition)
    except TimeoutException:
        raise AssertionError(
            f"timed out waiting for {what}; page text:\n{page_text(driver)[:3000]}"
        ) from None


def page_text(driver: WebDriver) -> str:
    return str(driver.find_element(By.TAG_NAME, "body").text)


def text_of(driver: WebDriver, selector: str) -> str:
    """The text of the first element matching ``selector`` ("" if none), read in one script: the
    page swaps its panels while polling, so a found element may be gone a moment later."""
    text: str = driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : ''", selector
    )
    return text


def task_status(driver: WebDriver, task_id: str) -> str:
    return text_of(driver, f'tr.task[data-task="{task_id}"] .status').strip()


def viewport(driver: WebDriver, width: int, height: int) -> None:
    """Make the page's viewport (not the window) ``width`` × ``height``."""
    driver.set_window_size(width, height)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(width + width - inner[0], height + height - inner[1])


def thumbnails_loaded(driver: WebDriver, task_id: str) -> int:
    loaded: int = driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])]"
        ".filter(i => i.complete && i.naturalWidth > 0).length",
        f'tr.task[data-task="{task_id}"] img.output',
    )
    return loaded


def no_horizontal_scroll(driver: WebDriver) -> bool:
    return bool(driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"))


@pytest.fixture
def tryon(huhu_mock_server: HuhuMockServer) -> Iterator[tuple[HuhuMockServer, httpx.Client, TryOn]]:
    with httpx.Client(
        base_url=huhu_mock_server.base_url, headers={"Authorization": f"Bearer {huhu_mock_server.api_key}"}
    ) as api:
        yield huhu_mock_server, api, start_tryon(api, "browser-summer-shoot")


def test_dashboard_follows_a_tryon_at_1280x800(
    browser: WebDriver, tryon: tuple[HuhuMockServer, httpx.Client, TryOn], tmp_path: Path
) -> None:
    server, api, job = tryon
    again = api.post("/task/generate", json={"project_id": job.project_id, "task_ids": [job.task_id]})
    assert again.status_code == 422  # the task is already generating: a refusal with a reason
    browser.get(server.url + "/_mock/ui")
    viewport(browser, 1280, 800)
    assert browser.execute_script("return [window.innerWidth, window.innerHeight]") == [1280, 800]

    text = page_text(browser)
    assert "browser-summer-shoot" in text
    assert task_status(browser, job.task_id) == "Submitted"
    wait_for(browser, lambda d: "already generating" in page_text(d), "the refused request in the journal")
    refused = text_of(browser, "#journal-rows li.refused")
    assert f"task {job.task_id} is already generating (Submitted)" in refused
    assert "POST /task/generate" in refused and "422" in refused

    # the journal is live: a new request shows up without a reload
    api.post("/project", json={"project_nam": "typo"})
    wait_for(browser, lambda d: "body.project_name: is required" in page_text(d), "a new journal row")

    # "Advance clock" moves the task forward: Submitted → Generation → Generation completed
    seconds = browser.find_element(By.ID, "advance-seconds")
    seconds.clear()
    seconds.send_keys("30")
    browser.find_element(By.ID, "advance").click()
    wait_for(browser, lambda d: task_status(d, job.task_id) == "Generation", "the task in Generation")
    seconds.clear()
    seconds.send_keys("90")
    browser.find_element(By.ID, "advance").click()
    wait_for(browser, lambda d: task_status(d, job.task_id) == "Generation completed", "the task completed")
    wait_for(browser, lambda d: thumbnails_loaded(d, job.task_id) >= 1, "an output thumbnail that loads")
    assert no_horizontal_scroll(browser)

    # a fault added through the form is listed among the active faults
    browser.find_element(By.CSS_SELECTOR, '#fault-form input[name="path"]').clear()
    browser.find_element(By.CSS_SELECTOR, '#fault-form input[name="path"]').send_keys("/metering/plan")
    browser.find_element(By.ID, "add-fault").click()
    wait_for(browser, lambda d: "* /metering/plan" in text_of(d, "#faults"), "the new fault")
    assert "503" in text_of(browser, "#faults")
    assert len(server.state()["faults"]) == 1

    browser.get(server.url + "/_mock/ui")  # freshly drawn, top of the page, for the screenshot
    wait_for(browser, lambda d: thumbnails_loaded(d, job.task_id) >= 1, "the thumbnail after a reload")
    shot = Path(os.environ.get("HUHU_DASHBOARD_SCREENSHOT") or tmp_path / "dashboard.png")
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def test_dashboard_is_usable_at_a_narrow_width(
    browser: WebDriver, tryon: tuple[HuhuMockServer, httpx.Client, TryOn]
) -> None:
    server, api, job = tryon
    server.set_credits(0)
    second = start_tryon(api, "narrow-shoot", generate=False)
    refused = api.post("/task/generate", json={"project_id": second.project_id, "task_ids": [second.task_id]})
    assert refused.status_code == 402
    browser.get(server.url + "/_mock/ui")
    viewport(browser, 390, 844)
    assert no_horizontal_scroll(browser)
    for name in ("browser-summer-shoot", "narrow-shoot"):
        assert name in page_text(browser)
    wait_for(browser, lambda d: "balance 0 < cost" in page_text(d), "the 402 with its reason")
    advance = browser.find_element(By.ID, "advance")
    assert advance.is_displayed() and advance.size["width"] > 0
    browser.find_element(By.ID, "advance-seconds").clear()
    browser.find_element(By.ID, "advance-seconds").send_keys("200")
    advance.click()
    wait_for(browser, lambda d: task_status(d, job.task_id) == "Generation completed", "the task completed")
    wait_for(browser, lambda d: thumbnails_loaded(d, job.task_id) >= 1, "an output thumbnail that loads")
    assert no_horizontal_scroll(browser)
    browser.find_element(By.ID, "refused-only").click()
    visible = [r for r in browser.find_elements(By.CSS_SELECTOR, "#journal-rows li") if r.is_displayed()]
    assert visible and all(r.get_attribute("data-status") == "402" for r in visible)

    # a reset empties the page's journal too (the live page drops what the mock forgot)
    server.reset()
    wait_for(browser, lambda d: text_of(d, "#journal-rows") == "", "the journal emptied by a reset")
    wait_for(browser, lambda d: "narrow-shoot" not in text_of(d, "#projects"), "the projects emptied")
