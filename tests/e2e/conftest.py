"""A real Streamlit server and Debian's Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, skip_or_fail

ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


TIMEOUT = 30_000
"""Milliseconds any browser step may take on 2 busy cores."""


def wait_idle(page: Any) -> None:
    """Until the rerun a click or a keystroke started has finished: Streamlit says the script is not running,
    no element is still marked stale from the previous run, and the status widget is gone. (Waiting for the
    status widget alone passed while a page was half drawn: 9 of 13 needs on the profile page.)"""
    page.wait_for_timeout(300)  # the rerun a click starts reaches the server after a round trip
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=TIMEOUT)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=TIMEOUT)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=TIMEOUT)


def accept_and_draft(page: Any, accepted: int = 4) -> None:
    """On Misure: accept the first suggestions one by one, as a person does, then draft the plan."""
    import re

    from playwright.sync_api import expect

    for count in range(1, accepted + 1):
        page.get_by_role("button", name="Accetta", exact=True).first.click()
        # the tab's count is redrawn by the rerun the click started: only then is the next button the right one
        expect(page.get_by_role("tab", name=re.compile(rf"Scelte \({count}\)"))).to_be_visible()
        wait_idle(page)
    page.get_by_role("button", name=re.compile("Crea la bozza del piano")).click()
    expect(page.get_by_role("heading", name=re.compile("Piano ·"))).to_be_visible()
    wait_idle(page)


def chromium_path() -> str:
    for candidate in (os.environ.get("WORKBENCH_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    skip_or_fail("Chromium not found: install Debian's chromium (apt-get install chromium) or set WORKBENCH_CHROMIUM")
    raise AssertionError("unreachable")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def streamlit_server(
    env: dict[str, str], *extra_args: str, log: Path | None = None, port: int | None = None
) -> Iterator[str]:
    """`streamlit run app.py` on a free loopback port with ``env`` added; yields its URL, stops it afterwards."""
    port = port or _free_port()
    environment = {**os.environ, **env}
    for key in [k for k, v in env.items() if v == ""]:
        environment.pop(key, None)  # an empty value means: not set at all
    output = log.open("w", encoding="utf-8") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless=true",
            f"--server.port={port}",
            "--server.address=127.0.0.1",
            "--browser.gatherUsageStats=false",
            *extra_args,
        ],
        cwd=ROOT,
        env=environment,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"streamlit did not start on {url}")
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        if log and not isinstance(output, int):
            output.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with its own SQLite file, for the end-to-end session test."""
    pytest.importorskip("playwright", reason="pip install playwright (the Python package; the browser is Debian's)")
    chromium_path()
    database = tmp_path_factory.mktemp("e2e") / "e2e.db"
    env = {"WORKBENCH_DATABASE_URL": f"sqlite:///{database}", "WORKBENCH_USER": "e2e"}
    # no file watcher: a source file saved mid-run would make Streamlit re-import modules under cached objects
    with streamlit_server(env, "--server.fileWatcherType=none") as url:
        yield url


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
