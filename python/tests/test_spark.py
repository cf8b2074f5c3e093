"""The Spark job (``python -m article_analyzer.spark``) in local mode gives the CLI's report:
every article equal, and cross.json equal to the report's cross-article fields. One small
session for the module (starting the JVM is most of the time)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

import article_analyzer.distributed as steps
from article_analyzer.spark import JobInputError, main, run
from conftest import BATCHES

CROSS_KEYS = ("storyGroups", "duplicates", "quoteGroups")


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("article-analyzer-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def every_batch() -> list[dict]:
    """All the cross-article test articles (the summit set, calls/, quakes/): duplicates,
    story groups and quote groups, with ids such as ``calls/dam-call.txt``."""
    paths = sorted(BATCHES.rglob("*.txt"))
    return [
        {"id": path.relative_to(BATCHES).as_posix(), "text": path.read_text(encoding="utf-8")}
        for path in paths
    ]


def read_output(folder: Path) -> tuple[dict, dict]:
    articles = {}
    for part in sorted((folder / "articles").glob("part-*")):
        for line in part.read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            assert article["id"] not in articles
            articles[article["id"]] = article
    cross = json.loads((folder / "cross.json").read_text(encoding="utf-8"))
    return articles, cross


def test_the_job_equals_the_cli_on_a_folder_of_jsonl(spark, every_batch, run_cli, tmp_path):
    source = tmp_path / "input"
    source.mkdir()
    # Two files in the folder, the articles not in id order: the order must not matter.
    shuffled = every_batch[1::2] + every_batch[0::2]
    for number, half in enumerate((shuffled[:7], shuffled[7:])):
        lines = "".join(json.dumps(doc) + "\n" for doc in half)
        (source / f"part-{number}.jsonl").write_text(lines, encoding="utf-8")
    run(spark, str(source), str(tmp_path / "out"))

    articles, cross = read_output(tmp_path / "out")
    report = run_cli(every_batch)
    assert articles == {article["id"]: article for article in report["articles"]}
    assert list(cross) == list(CROSS_KEYS)
    assert cross == {key: report[key] for key in CROSS_KEYS}
    # The batch tests the cross-article steps only if each of them finds something.
    assert any(len(group) > 1 for group in cross["storyGroups"])
    assert {pair["kind"] for pair in cross["duplicates"]} >= {"near"}
    assert cross["quoteGroups"]


def test_the_job_reads_parquet_and_ignores_the_format_column(
    spark, every_batch, run_cli, tmp_path
):
    import pandas as pd

    docs = [doc for doc in every_batch if doc["id"].startswith("summit")]
    frame = pd.DataFrame(
        {
            "id": [doc["id"] for doc in docs],
            "text": [doc["text"] for doc in docs],
            "format": ["text"] * len(docs),
        }
    )
    frame.to_parquet(tmp_path / "docs.parquet")
    run(spark, str(tmp_path / "docs.parquet"), str(tmp_path / "out"))
    articles, cross = read_output(tmp_path / "out")
    report = run_cli(docs)
    assert articles == {article["id"]: article for article in report["articles"]}
    assert cross == {key: report[key] for key in CROSS_KEYS}


def test_the_job_refuses_a_repeated_id_and_a_used_folder(spark, every_batch, tmp_path, capsys):
    doc = every_batch[0]
    source = tmp_path / "twice.jsonl"
    source.write_text(json.dumps(doc) + "\n" + json.dumps(doc) + "\n", encoding="utf-8")
    with pytest.raises(JobInputError, match="given 2 times"):
        run(spark, str(source), str(tmp_path / "out"))
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "cross.json").write_text("{}", encoding="utf-8")
    with pytest.raises(FileExistsError, match="already holds results"):
        run(spark, str(source), str(tmp_path / "used"))
    assert main([str(tmp_path / "missing.jsonl"), str(tmp_path / "out2")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_steps_refuse_bytes_of_another_summary(every_batch):
    _, fingerprint, story, _ = steps.summarise("a", every_batch[0]["text"])
    assert steps.exact_key(fingerprint) is not None
    with pytest.raises(ValueError):
        steps.exact_key(story)
    with pytest.raises(ValueError):
        steps.StoryStatistics(b"not statistics")
    with pytest.raises(ValueError, match="non-empty id"):
        steps.summarise("", "text")
