#!/usr/bin/env python3
"""Compares the Spark job's output folder with the CLI's report on the same articles.

    scripts/compare_spark_output.py REPORT.json SPARK_OUTPUT_DIR

Every Article of ``articles/`` must equal the report's article with its id (and every
report article must be there), and ``cross.json`` must equal the report's ``storyGroups``,
``duplicates`` and ``quoteGroups``. Prints what differs first and exits 1 on a difference.
Articles are compared by a digest of their canonical JSON, so the report's articles need
not all be held at once beside the job's.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

CROSS_KEYS = ("storyGroups", "duplicates", "quoteGroups")


def digest(article: dict) -> bytes:
    canonical = json.dumps(article, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def main(report_path: str, output: str) -> int:
    with open(report_path, encoding="utf-8") as file:
        report = json.load(file)
    expected = {}
    while report["articles"]:
        article = report["articles"].pop()
        expected[article["id"]] = digest(article)
    problems = []
    seen = set()
    for part in sorted((Path(output) / "articles").glob("part-*")):
        with open(part, encoding="utf-8") as file:
            for line in file:
                article = json.loads(line)
                doc_id = article["id"]
                if doc_id in seen:
                    problems.append(f"article {doc_id!r} written twice")
                seen.add(doc_id)
                if expected.get(doc_id) != digest(article):
                    problems.append(f"article {doc_id!r} differs from the CLI's")
    missing = expected.keys() - seen
    if missing:
        problems.append(f"{len(missing)} articles missing, e.g. {sorted(missing)[0]!r}")
    with open(Path(output) / "cross.json", encoding="utf-8") as file:
        cross = json.load(file)
    if list(cross) != list(CROSS_KEYS):
        problems.append(f"cross.json keys {list(cross)}, expected {list(CROSS_KEYS)}")
    for key in CROSS_KEYS:
        if cross.get(key) != report[key]:
            problems.append(f"{key} differ ({len(cross.get(key, []))} vs {len(report[key])})")
    for problem in problems[:20]:
        print(problem)
    if problems:
        print(f"DIFFERENT: {len(problems)} problem(s)")
        return 1
    print(
        f"equal: {len(seen)} articles, {len(cross['storyGroups'])} story groups "
        f"({sum(len(g) > 1 for g in cross['storyGroups'])} of two or more), "
        f"{len(cross['duplicates'])} duplicate pairs, {len(cross['quoteGroups'])} quote groups"
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
