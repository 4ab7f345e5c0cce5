"""Real-browser journeys: Playwright driving Debian's Chromium against pytest-django's live server.

Fixtures and helpers:

- `page`: a Playwright page whose base URL is the live server (`page.goto("/")` works). It
  records console errors, uncaught exceptions, CSP violations and any request that would
  leave the machine (those are blocked), and fails the test on them.
Helpers, each a fixture that returns the function (ask for it by name in a test):

- `visit(page, path)`: open a page and `look` at it.
- `look(page)`: save a full-page screenshot to screenshots/<test>-<n>.png and fail on what
  was recorded so far. `sign_in` and `axe_check` look too, so every page a test checks
  is captured.
- `sign_in(page, user)`: through the real sign-in form.
- `axe_check(page)`: axe-core (node_modules/axe-core) injected with `page.evaluate`, which
  runs outside the page's CSP, so the CSP stays as strict as in production; fails on any
  violation of impact serious or critical, listed readably.

Run them with `.venv/bin/pytest -m browser` (Chromium at /usr/bin/chromium: `make chromium`).
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# (factories) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(settings.BASE_DIR)
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "screenshots"
PASSWORD = "correct-horse-battery-staple"  # tests.factories.UserFactory
BLOCKING_IMPACTS = {"serious", "critical"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Installed in every page before its own scripts: CSP violations reported with their directive.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} `
    + `at ${e.sourceFile || document.location.href}:${e.lineNumber}`);
});
"""


@dataclass
class Watch:
    """What a page did that a test should fail on, and its screenshots."""

    test_name: str
    problems: list[str] = field(default_factory=list)
    allowed: list[re.Pattern] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)
    navigated: bool = True  # since the last screenshot

    def record(self, problem: str) -> None:
        if not any(pattern.search(problem) for pattern in self.allowed):
            self.problems.append(problem)

    def take(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems


def _where(message) -> str:
    location = message.location
    return f" at {location['url']}:{location['lineNumber']}" if location.get("url") else ""


def _watch(page: Page) -> Watch:
    return page._portal_watch  # set by the page fixture


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make chromium` (Debian's chromium package).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _offline_settings(settings):
    """Nothing leaves the machine: no map tiles from the internet."""
    settings.MAP_TILE_URL = ""


@pytest.fixture
def page(browser, live_server, request) -> Page:
    if not (ROOT / "static" / "portal" / "portal.css").exists():
        pytest.fail("static/portal/portal.css is not built: run `npm run build:css` (or `make setup`).")
    own_host = urlsplit(live_server.url).netloc
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    watch = Watch(test_name=re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-"))
    page._portal_watch = watch
    for old in SCREENSHOTS.glob(f"{watch.test_name}-[0-9]*.png"):
        old.unlink()  # from an earlier run

    def route(route):
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            watch.record(f"request to another site (blocked): {route.request.url}")
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda msg: msg.type == "error" and watch.record(f"console error: {msg.text}{_where(msg)}"))
    page.on("framenavigated", lambda frame: frame == page.main_frame and setattr(watch, "navigated", True))
    page.on("pageerror", lambda error: watch.record(f"uncaught exception: {error}"))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and watch.record(f"{response.status} for {response.request.resource_type} {response.url}")
        ),
    )
    yield page
    problems = watch.take()
    context.close()
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)


def _look(page: Page, *, unless_seen: bool = False) -> Path | None:
    """Screenshot the page as it is now (screenshots/<test>-<n>.png) and fail on anything recorded.

    `unless_seen`: no new screenshot if there has been none since the last navigation.
    """
    watch = _watch(page)
    page.wait_for_load_state("load")
    path = None
    if watch.navigated or not unless_seen:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{watch.test_name}-{len(watch.screenshots) + 1}.png"
        page.screenshot(path=str(path), full_page=True)
        watch.screenshots.append(path)
        watch.navigated = False
    problems = watch.take()
    assert not problems, f"The browser reported problems on {page.url}:\n" + "\n".join(problems)
    return path


def _visit(page: Page, path: str, *, status: int = 200):
    """Open a path on the live server, check its status, and look at it."""
    if status >= 400:
        # The browser logs a failed main document as a console error: expected here.
        _watch(page).allowed.append(re.compile(rf"status of {status}\b"))
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path}: {response and response.status}"
    _look(page)
    return response


def _sign_in(page: Page, user, password: str = PASSWORD) -> None:
    """Sign in through the real form, and land signed in."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")
    assert page.get_by_text("Signed in as").is_visible(), f"not signed in; now on {page.url}"
    _look(page)


def _first_fix(summary: str) -> str:
    """axe's "Fix any of the following:\n  Element has no alt attribute\n ..." -> the first reason."""
    reasons = [line.strip() for line in summary.splitlines() if line.strip() and not line.startswith("Fix ")]
    return reasons[0] if reasons else summary.strip()


def _axe_check(page: Page) -> None:
    """No axe-core violation of impact serious or critical on the page as it is now."""
    _look(page, unless_seen=True)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text())
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"axe-core found {len(blocking)} serious or critical problem(s) on {page.url}:"]
        for violation in blocking:
            lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
            for node in violation["nodes"][:5]:
                lines.append(f"    at {' '.join(map(str, node['target']))}: {_first_fix(node['failureSummary'])}")
            if len(violation["nodes"]) > 5:
                lines.append(f"    ... and {len(violation['nodes']) - 5} more")
        pytest.fail("\n".join(lines), pytrace=False)


@pytest.fixture(name="look")
def look_fixture():
    return _look


@pytest.fixture(name="visit")
def visit_fixture():
    return _visit


@pytest.fixture(name="sign_in")
def sign_in_fixture():
    return _sign_in


@pytest.fixture(name="axe_check")
def axe_check_fixture():
    return _axe_check
