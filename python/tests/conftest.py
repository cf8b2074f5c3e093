"""Shared fixtures: the repository's invented test articles and the command-line tool whose
report the Python package must equal."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
BATCHES = REPOSITORY / "tests" / "batches"


@pytest.fixture(scope="session")
def batch_docs() -> list[dict]:
    """The cross-article test batch (tests/batches/*.txt; invented articles), as
    ``{"id", "text"}`` dicts whose ids are the file names, in file-name order."""
    paths = sorted(BATCHES.glob("*.txt"))
    assert len(paths) >= 5, f"expected the test batch in {BATCHES}"
    return [{"id": path.name, "text": path.read_text(encoding="utf-8")} for path in paths]


@pytest.fixture(scope="session")
def cli() -> Path:
    """The ``article-analyzer`` binary: ``$ARTICLE_ANALYZER_CLI`` when set, else the debug
    build of this repository, brought up to date with cargo (quick when ``cargo test`` has
    just built it), so the comparison is with the engine's current source."""
    given = os.environ.get("ARTICLE_ANALYZER_CLI")
    if given:
        return Path(given)
    subprocess.run(
        ["cargo", "build", "--quiet", "--bin", "article-analyzer"],
        cwd=REPOSITORY,
        check=True,
    )
    return REPOSITORY / "target" / "debug" / "article-analyzer"


@pytest.fixture(scope="session")
def run_cli(cli: Path):
    """Runs ``article-analyzer analyze --jsonl [ARGS]`` on documents and returns its report."""

    def run(docs: list[dict], *args: str) -> dict:
        lines = "".join(json.dumps(doc) + "\n" for doc in docs)
        finished = subprocess.run(
            [str(cli), "analyze", "--jsonl", *args],
            input=lines.encode("utf-8"),
            capture_output=True,
            check=False,
        )
        assert finished.returncode == 0, finished.stderr.decode("utf-8", "replace")
        return json.loads(finished.stdout)

    return run
