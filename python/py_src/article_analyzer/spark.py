"""The analysis of a corpus too large for one machine, on Apache Spark.

    python -m article_analyzer.spark [--master URL] INPUT OUTPUT_DIR

INPUT is a JSON Lines file or a folder of them, or Parquet (a ``.parquet`` file or a folder
holding some), with the columns ``id`` and ``text`` (and optionally ``format``, read and not
yet used: the engine reads every text as plain text today). The job writes
``OUTPUT_DIR/articles/`` (JSON Lines part files, one Article object per line, exactly the
CLI's) and ``OUTPUT_DIR/cross.json`` (``storyGroups``, ``duplicates`` and ``quoteGroups`` in
the shapes and order of the CLI's report). The results equal ``article-analyzer analyze`` on
the same articles.

How the work is spread, as text-dedup's Spark MinHash spreads it: each article is analysed
and summarised on the executors (``mapInPandas``); the LSH bands, story terms and quote keys
become shuffle keys whose buckets give the candidate pairs; the statistics every article is
read against (story term counts, common quote stems) are reduces, broadcast; candidates are
scored on the executors with the engine's own functions; and only the pairs that pass (the
sparse graphs) reach the driver, which runs the final grouping (average linkage, quote
stars). Articles are numbered by their id's place in byte order, as the engine numbers them,
so every order the grouping depends on is an order of the data. See ``docs/spark.md``.

The package must be installed on the executors, and ``PYSPARK_PYTHON`` must name a Python
that has it (the job sets it to its own interpreter when it is unset, which is right for
``local[N]``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from operator import add
from pathlib import Path
from typing import IO, Iterable

#: Columns of the analysed articles: the Article as JSON, and the summaries as bytes.
ANALYSED_SCHEMA = (
    "id string, article string, fingerprint binary, story binary, quotes array<binary>"
)
#: Columns read from JSON Lines input (``format`` may be absent: null).
INPUT_SCHEMA = "id string, text string, format string"
#: Bits of a quote's code that hold its index in the article (the article's position is
#: above them): a quote is one int for the engine's ``bucket_pairs``.
QUOTE_INDEX_BITS = 32


class JobInputError(ValueError):
    """The input cannot be analysed as a batch: a missing column, an article without id or
    text, an id given twice. The message names what to fix."""


def _summarise_frames(frames, max_article_bytes=None):
    """Executors: analyses and summarises each article of each pandas frame."""
    import pandas as pd

    from article_analyzer.distributed import summarise

    for frame in frames:
        rows = [
            summarise(doc_id, text, max_article_bytes=max_article_bytes)
            for doc_id, text in zip(frame["id"], frame["text"])
        ]
        yield pd.DataFrame(
            {
                "id": frame["id"],
                "article": [row[0] for row in rows],
                "fingerprint": [row[1] for row in rows],
                "story": [row[2] for row in rows],
                "quotes": [row[3] for row in rows],
            }
        )


def read_documents(spark, source: str):
    """The input as a DataFrame of ``id``, ``text`` and ``format``."""
    from pyspark.sql import functions as F

    path = Path(source)
    if not path.exists():
        raise JobInputError(f"{source}: no such file or folder")
    parquet = path.suffix == ".parquet" or (
        path.is_dir() and any(path.glob("*.parquet"))
    )
    if parquet:
        frame = spark.read.parquet(source)
        missing = {"id", "text"} - set(frame.columns)
        if missing:
            raise JobInputError(
                f"{source}: the Parquet input has no column {', '.join(sorted(missing))}; "
                "it needs id and text (and optionally format)"
            )
        if "format" not in frame.columns:
            frame = frame.withColumn("format", F.lit(None).cast("string"))
        return frame.select("id", "text", "format")
    return spark.read.schema(INPUT_SCHEMA).option("mode", "FAILFAST").json(source)


def _check_documents(documents) -> None:
    """Refuses what ``analyze`` refuses: an article without id or text, an id twice."""
    from pyspark.sql import functions as F

    blank = documents.filter(
        F.col("id").isNull() | (F.col("id") == "") | F.col("text").isNull()
    ).first()
    if blank is not None:
        raise JobInputError(
            f"an article has no id or no text (id {blank['id']!r}): every line needs a "
            'non-empty "id" and a "text"'
        )
    repeated = documents.groupBy("id").count().filter("count > 1").first()
    if repeated is not None:
        raise JobInputError(
            f"the id {repeated['id']!r} is given {repeated['count']} times: ids must be "
            "unique (the report names articles by them)"
        )


def _quote_code(article: int, index: int) -> int:
    return (article << QUOTE_INDEX_BITS) | index


def _quote_of(code: int) -> tuple[int, int]:
    return code >> QUOTE_INDEX_BITS, code & ((1 << QUOTE_INDEX_BITS) - 1)


def _bucket_pairs(max_posting=None):
    """Executors: the candidate pairs of one shuffle key's bucket."""

    def pairs(bucket):
        from article_analyzer.distributed import bucket_pairs

        return bucket_pairs(list(bucket[1]), max_posting)

    return pairs


def _duplicates(summaries):
    """Duplicate pairs as an RDD of ``(a, b, similarity, kind)`` (positions)."""

    def exact(item):
        from article_analyzer.distributed import exact_key

        key = exact_key(item[1])
        return [] if key is None else [(key, item[0])]

    def copy_pairs(members):
        from article_analyzer.distributed import exact_pairs

        return exact_pairs(members)

    def bands(item):
        from article_analyzer.distributed import band_keys

        representative, (_, fingerprint) = item
        return [
            ((band, key), (representative, fingerprint))
            for band, key in enumerate(band_keys(fingerprint))
        ]

    def bucket(item):
        from article_analyzer.distributed import bucket_near_pairs

        (band, _), members = item
        members = list(members)
        return bucket_near_pairs(band, members) if len(members) > 1 else []

    def near(item):
        from article_analyzer.distributed import near_pairs

        _, (((first, similarity), first_set), second_set) = item
        return near_pairs(first_set, second_set, similarity)

    fingerprints = summaries.mapValues(lambda summary: summary[0])
    copy_sets = fingerprints.flatMap(exact).groupByKey().map(lambda kv: sorted(kv[1]))
    representatives = copy_sets.map(lambda members: (members[0], members)).join(fingerprints)
    # The fingerprints travel with the band keys, and each bucket is scored where it lands:
    # a pair is scored in the first band its two share, so candidates need no shuffle of
    # their own (there are far more candidates than representatives).
    scored = representatives.flatMap(bands).groupByKey().flatMap(bucket)
    sets = copy_sets.map(lambda members: (members[0], members))
    near_found = (
        scored.map(lambda found: (found[0], (found[1], found[2])))
        .join(sets)
        .map(lambda kv: (kv[1][0][0], ((kv[0], kv[1][0][1]), kv[1][1])))
        .join(sets)
        .flatMap(near)
    )
    return copy_sets.flatMap(copy_pairs).union(near_found)


def _story_groups(spark, summaries, count: int, duplicate_pairs: list) -> list[list[int]]:
    """The stories of two or more articles (positions), grouped on the driver."""
    from article_analyzer.distributed import StoryGraph, story_frequencies

    def terms(item):
        from article_analyzer.distributed import story_terms

        return [(term, 1) for term in story_terms(item[1])]

    stories = summaries.mapValues(lambda summary: summary[1])
    # Terms held by one article weigh and file as terms nobody holds: only the rest are
    # gathered and broadcast.
    counts = stories.flatMap(terms).reduceByKey(add).filter(lambda tc: tc[1] >= 2).collect()
    statistics = spark.sparkContext.broadcast(story_frequencies(count, counts))

    def keys(items):
        from article_analyzer.distributed import StoryStatistics

        reader = StoryStatistics(statistics.value)
        for position, story in items:
            for key in reader.keys(story):
                yield key, position

    def scores(items):
        from article_analyzer.distributed import StoryStatistics

        reader = StoryStatistics(statistics.value)
        for second, ((first, first_story), second_story) in items:
            edge = reader.score(first, first_story, second, second_story)
            if edge is not None:
                yield edge

    candidates = stories.mapPartitions(keys).groupByKey().flatMap(_bucket_pairs()).distinct()
    edges = (
        candidates.join(stories)
        .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        .join(stories)
        .mapPartitions(scores)
        .collect()
    )
    graph = StoryGraph()
    for a, b, similarity, dates in edges:
        graph.add_edge(a, b, similarity, dates)
    for a, b, _, _ in duplicate_pairs:
        graph.add_copy(a, b)
    touched = spark.sparkContext.broadcast(frozenset(graph.items()))
    for position, story in stories.filter(lambda kv: kv[0] in touched.value).collect():
        graph.add_figures(position, story)
    touched.unpersist()
    statistics.unpersist()
    return graph.groups()


def _quote_groups(spark, summaries, ids) -> list[list[dict]]:
    """The quote groups in the report's shape: stars on the driver, changes on executors."""
    from article_analyzer.distributed import (
        QUOTE_MAX_POSTING,
        QuoteGraph,
        common_stems,
        quote_common_limit,
    )

    def groupable(item):
        from article_analyzer.distributed import quote_info

        position, summary = item
        for quote in summary[2]:
            index, stems, can_group = quote_info(quote)
            if can_group:
                yield _quote_code(position, index), (quote, stems)

    def stems(item):
        from article_analyzer.distributed import quote_stems

        return [(stem, 1) for stem in quote_stems(item[1][0])]

    quotes = summaries.flatMap(groupable).persist()
    limit = quote_common_limit(quotes.count())
    common = (
        quotes.flatMap(stems).reduceByKey(add).filter(lambda sc: sc[1] > limit).keys().collect()
    )
    matcher_bytes = spark.sparkContext.broadcast(common_stems(common))

    def keys(items):
        from article_analyzer.distributed import QuoteMatcher

        matcher = QuoteMatcher(matcher_bytes.value)
        for code, (quote, _) in items:
            for key in matcher.filing_keys(quote):
                yield key, code

    def matches(items):
        from article_analyzer.distributed import QuoteMatcher

        matcher = QuoteMatcher(matcher_bytes.value)
        for second, ((first, (first_quote, first_stems)), (second_quote, second_stems)) in items:
            (a, a_index), (b, b_index) = _quote_of(first), _quote_of(second)
            if matcher.quotes_match(a, first_quote, b, second_quote):
                yield (a, a_index, first_stems), (b, b_index, second_stems)

    candidates = (
        quotes.mapPartitions(keys)
        .groupByKey()
        .flatMap(_bucket_pairs(QUOTE_MAX_POSTING))
        .distinct()
    )
    matched = (
        candidates.join(quotes)
        .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        .join(quotes)
        .mapPartitions(matches)
        .collect()
    )
    matcher_bytes.unpersist()
    graph = QuoteGraph()
    for a, b in matched:
        graph.add_match(a, b)
    groups, centres = graph.stars()
    if not groups:
        quotes.unpersist()
        return []

    def change(item):
        from article_analyzer.distributed import quote_change

        _, ((group, member, code, centre_code, (member_quote, _)), (centre_quote, _)) = item
        article, index = _quote_of(code)
        same = code == centre_code
        return article, (
            group,
            member,
            index,
            quote_change(centre_quote, None if same else member_quote),
        )

    placements = [
        (
            _quote_code(*quote),
            (number, member, _quote_code(*quote), _quote_code(*group[centres[number]])),
        )
        for number, group in enumerate(groups)
        for member, quote in enumerate(group)
    ]
    refs = (
        spark.sparkContext.parallelize(placements)
        .join(quotes)
        .map(lambda kv: (kv[1][0][3], (*kv[1][0], kv[1][1])))
        .join(quotes)
        .map(change)
        .join(ids)
        .map(lambda kv: (kv[1][0][0], kv[1][0][1], kv[1][1], kv[1][0][2], kv[1][0][3]))
        .collect()
    )
    quotes.unpersist()
    out: list[list[dict]] = [[{} for _ in group] for group in groups]
    for group, member, article_id, index, quote_change in refs:
        out[group][member] = {"article": article_id, "quote": index, "change": quote_change}
    return out


def _write_cross(target: IO[str], story_groups: Iterable[list[str]], duplicates, quotes):
    """cross.json, the story groups streamed (every article is in one)."""
    target.write('{"storyGroups": [')
    for number, group in enumerate(story_groups):
        target.write(("," if number else "") + "\n  " + json.dumps(group, ensure_ascii=False))
    target.write('\n],\n"duplicates": ')
    json.dump(duplicates, target, ensure_ascii=False, indent=1)
    target.write(',\n"quoteGroups": ')
    json.dump(quotes, target, ensure_ascii=False, indent=1)
    target.write("}\n")


def run(spark, source: str, output: str, max_article_bytes: int | None = None) -> None:
    """Analyses the articles of ``source`` with ``spark`` and writes ``output``/articles/
    and ``output``/cross.json. Raises ``JobInputError`` for input ``analyze`` would refuse,
    ``FileExistsError`` when ``output`` already holds results."""
    from pyspark import StorageLevel

    from article_analyzer.distributed import duplicate_pair

    target = Path(output)
    if (target / "articles").exists() or (target / "cross.json").exists():
        raise FileExistsError(
            f"{output} already holds results (articles/ or cross.json); give an empty folder"
        )
    documents = read_documents(spark, source)
    _check_documents(documents)
    analysed = documents.mapInPandas(
        lambda frames: _summarise_frames(frames, max_article_bytes), ANALYSED_SCHEMA
    ).persist(StorageLevel.MEMORY_AND_DISK)
    analysed.select("article").write.text(str(target / "articles"))

    # Positions: the ids in UTF-8 byte order, as the engine numbers a batch.
    ids = (
        analysed.select("id")
        .rdd.map(lambda row: row[0])
        .sortBy(lambda doc_id: doc_id.encode("utf-8"))
        .zipWithIndex()
    )
    positions = ids.persist(StorageLevel.MEMORY_AND_DISK)
    by_position = positions.map(lambda kv: (kv[1], kv[0])).persist(StorageLevel.MEMORY_AND_DISK)
    summaries = (
        analysed.select("id", "fingerprint", "story", "quotes")
        .rdd.map(lambda row: (row[0], (bytes(row[1]), bytes(row[2]), [bytes(q) for q in row[3]])))
        .join(positions)
        .map(lambda kv: (kv[1][1], kv[1][0]))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    count = positions.count()

    pairs = _duplicates(summaries).collect()
    pairs.sort(key=lambda pair: (pair[0], pair[1]))
    stories = _story_groups(spark, summaries, count, pairs)
    quote_groups = _quote_groups(spark, summaries, by_position)

    # Duplicate pairs with their ids (a join: the driver holds no id it does not need).
    pair_ids = dict(
        spark.sparkContext.parallelize(
            sorted({position for a, b, _, _ in pairs for position in (a, b)})
        )
        .map(lambda position: (position, None))
        .join(by_position)
        .map(lambda kv: (kv[0], kv[1][1]))
        .collect()
    )
    duplicates = [
        duplicate_pair(pair_ids[a], pair_ids[b], similarity, kind)
        for a, b, similarity, kind in pairs
    ]

    # Every article in one story: the driver's groups, and each other article alone, listed
    # by their first article; streamed to the file in that order.
    first_of = spark.sparkContext.parallelize(
        [(member, group[0]) for group in stories for member in group]
    )
    story_groups = (
        by_position.leftOuterJoin(first_of)
        .map(lambda kv: (kv[0] if kv[1][1] is None else kv[1][1], (kv[0], kv[1][0])))
        .groupByKey()
        .mapValues(lambda members: [doc_id for _, doc_id in sorted(members)])
        .sortByKey()
        .values()
    )
    target.mkdir(parents=True, exist_ok=True)
    with open(target / "cross.json", "w", encoding="utf-8") as file:
        _write_cross(file, story_groups.toLocalIterator(), duplicates, quote_groups)
    for cached in (summaries, by_position, positions, analysed):
        cached.unpersist()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m article_analyzer.spark",
        description="Analyse a corpus on Apache Spark: every article, then duplicates, story "
        "groups and quote groups across all of them (the CLI's analyze, distributed).",
    )
    parser.add_argument("--master", help="Spark master URL (default: Spark's own, e.g. local[*])")
    parser.add_argument(
        "--conf",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a Spark setting, e.g. spark.driver.memory=4g (repeatable)",
    )
    parser.add_argument(
        "--max-article-bytes",
        type=int,
        default=None,
        help="analyse at most this many UTF-8 bytes of each text (as the CLI's option)",
    )
    parser.add_argument("input", help="JSON Lines file or folder, or Parquet: id, text[, format]")
    parser.add_argument("output", help="folder for articles/ and cross.json (must not hold them)")
    arguments = parser.parse_args(argv)

    # The Python workers Spark starts must import this package: in local mode, this Python.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("article-analyzer")
    if arguments.master:
        builder = builder.master(arguments.master)
    for setting in arguments.conf:
        key, equals, value = setting.partition("=")
        if not equals:
            parser.error(f"--conf takes KEY=VALUE, not {setting!r}")
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    try:
        run(spark, arguments.input, arguments.output, arguments.max_article_bytes)
    except (JobInputError, FileExistsError) as error:
        print(f"article_analyzer.spark: {error}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
