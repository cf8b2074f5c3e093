"""The engine's cross-article work as separate steps, for running it on many machines (the
Spark job in ``article_analyzer.spark`` is built on them; the Rust side is the module
``article_analyzer::distributed``, whose documentation says which side runs each step).

Every function is one engine step: summaries go in and out as ``bytes``, positions (an
article's place in the batch's id order, ids compared as UTF-8 bytes) and keys as ints, and
the engine runs with the GIL released. Hash keys are signed 64-bit ints (Spark's LongType).

Per article (executors): ``summarise(id, text)`` → ``(article_json, fingerprint, story,
quotes)``.

Duplicates: ``exact_key(fingerprint)`` groups exact copies (``exact_pairs(members)``);
``band_keys(fingerprint)`` of each copy set's first member are the LSH shuffle keys (with
the band's number); ``bucket_near_pairs(band, members)`` scores a bucket's candidates
(each pair once over all buckets: in the first band it shares; ``near_similarity(a, b)``
scores one pair); ``near_pairs(first_set, second_set, similarity)``
gives the pairs of two sets; ``duplicate_pair(a_id, b_id, similarity, kind)`` the report's
shape.

Story groups: ``story_terms(story)`` are counted across the batch (a reduce), and
``story_frequencies(documents, counts)`` makes the statistics to broadcast;
``StoryStatistics(frequencies).keys(story)`` are the shuffle keys, ``.score(a, story_a, b,
story_b)`` a candidate's edge; the driver's ``StoryGraph`` takes edges, duplicate pairs and
the touched articles' summaries (``add_figures``) and gives ``groups()``.

Quote groups: ``quote_info(quote)`` (index, stem count, groupable), ``quote_stems(quote)``
counted across the groupable quotes; the stems counted more than
``quote_common_limit(groupable_quotes)`` make ``common_stems(stems)``, broadcast;
``QuoteMatcher(common).filing_keys(quote)`` are the shuffle keys (a bucket capped at
``QUOTE_MAX_POSTING``), ``.quotes_match(...)`` tests a candidate; the driver's ``QuoteGraph``
gives ``stars()``; ``quote_change(centre, member)`` each member's change.
"""

from article_analyzer._native import distributed as _steps

QUOTE_MAX_POSTING: int = _steps.QUOTE_MAX_POSTING
QuoteGraph = _steps.QuoteGraph
QuoteMatcher = _steps.QuoteMatcher
StoryGraph = _steps.StoryGraph
StoryStatistics = _steps.StoryStatistics
band_keys = _steps.band_keys
bucket_near_pairs = _steps.bucket_near_pairs
bucket_pairs = _steps.bucket_pairs
common_stems = _steps.common_stems
duplicate_pair = _steps.duplicate_pair
exact_key = _steps.exact_key
exact_pairs = _steps.exact_pairs
near_pairs = _steps.near_pairs
near_similarity = _steps.near_similarity
quote_change = _steps.quote_change
quote_common_limit = _steps.quote_common_limit
quote_info = _steps.quote_info
quote_stems = _steps.quote_stems
story_frequencies = _steps.story_frequencies
story_terms = _steps.story_terms
summarise = _steps.summarise

__all__ = [
    "QUOTE_MAX_POSTING",
    "QuoteGraph",
    "QuoteMatcher",
    "StoryGraph",
    "StoryStatistics",
    "band_keys",
    "bucket_near_pairs",
    "bucket_pairs",
    "common_stems",
    "duplicate_pair",
    "exact_key",
    "exact_pairs",
    "near_pairs",
    "near_similarity",
    "quote_change",
    "quote_common_limit",
    "quote_info",
    "quote_stems",
    "story_frequencies",
    "story_terms",
    "summarise",
]
