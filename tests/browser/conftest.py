"""Browser tests drive Debian's Chromium through Playwright (never `playwright install`)."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(
    os.environ.get("THIDUA_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots")
)

# Playwright's sync API runs an event loop in this thread; the test's own database work is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    # This hook sees every collected test of the session: mark only the ones in this folder.
    for item in items:
        if HERE not in Path(str(item.path)).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if not shutil.which(CHROMIUM):
            item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt install chromium)"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1280, "height": 860}}


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
