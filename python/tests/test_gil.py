"""The engine runs with the GIL released, so other Python threads go on meanwhile.

The probe makes a GIL-holding call observable without timing anything: another thread
counts, handing the GIL back after each step, and the switch interval is set so high that
the interpreter never takes the GIL from the calling thread by itself. Then the counter can
move during a call only if the call itself lets go of the GIL. The controls show the probe
telling the two cases apart: it sees no progress across a long C call that holds the GIL,
and sees progress across one the standard library documents as releasing it.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time

import pytest

import article_analyzer as aa

# One call's chance to let the counting thread run is the whole time the engine works.
# Several calls make the test independent of how busy the machine is: the counter must
# move during at least one of them, which fails only when no call ever releases the GIL.
ATTEMPTS = 5


def progress_during(call) -> int:
    """How many steps another Python thread made while ``call()`` ran."""
    steps = [0]
    stop = threading.Event()

    def count():
        while not stop.is_set():
            steps[0] += 1
            time.sleep(0)  # releases the GIL: the calling thread never waits long for it

    previous_interval = sys.getswitchinterval()
    counter = threading.Thread(target=count, daemon=True)
    counter.start()
    try:
        sys.setswitchinterval(1000.0)
        # A wait for the GIL that began before the change still uses the old interval;
        # once the counter has stepped after the change, every wait uses the new one.
        mark = steps[0]
        while steps[0] == mark:
            time.sleep(0.001)
        before = steps[0]
        call()
        after = steps[0]
    finally:
        sys.setswitchinterval(previous_interval)
        stop.set()
        counter.join()
    return after - before


def progress_in_attempts(call) -> int:
    for _ in range(ATTEMPTS):
        progress = progress_during(call)
        if progress:
            return progress
    return 0


def long_article(paragraphs: int = 4000) -> str:
    """An invented article of about 1 MB: enough engine work for the other thread to be
    scheduled, and quotes with speakers on every line."""
    lines = ["Riverton Opens Its New Footbridge", "By Jon Ekberg"]
    for number in range(paragraphs):
        lines.append(
            f'"The crossing on pier {number} will carry {number * 7 % 300} cyclists an hour," '
            f"said engineer Lena Ortiz, who inspected section {number} of the deck on Tuesday "
            f"with {number % 40} members of the town council."
        )
    return "\n\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def text() -> str:
    return long_article()


def test_the_probe_sees_no_progress_across_a_call_that_holds_the_gil():
    # sum() over a range runs in C without ever releasing the GIL, for about as long as the
    # calls below take.
    for _ in range(2):
        assert progress_during(lambda: sum(range(10_000_000))) == 0


def test_the_probe_sees_progress_across_a_call_that_releases_the_gil():
    # hashlib releases the GIL while it hashes large buffers.
    data = bytes(200_000_000)
    assert progress_in_attempts(lambda: hashlib.sha256(data).digest()) > 0


def test_clean_releases_the_gil(text):
    assert progress_in_attempts(lambda: aa.clean(text)) > 0


def test_extract_quotes_releases_the_gil(text):
    assert progress_in_attempts(lambda: aa.extract_quotes(text)) > 0


def test_analyze_releases_the_gil(text):
    assert progress_in_attempts(lambda: aa.analyze([("bridge", text)])) > 0


def test_diff_texts_releases_the_gil(text):
    edited = text.replace("cyclists", "riders")
    assert progress_in_attempts(lambda: aa.diff_texts(text, edited)) > 0


def test_diff_articles_releases_the_gil(text):
    a = {"id": "a", "title": "Footbridge", "text": text}
    b = {"id": "b", "title": "New footbridge", "text": text.replace("Tuesday", "Monday")}
    assert progress_in_attempts(lambda: aa.diff_articles(a, b)) > 0


def test_batch_add_releases_the_gil(text):
    batch = aa.Batch()

    def add_and_remove():
        batch.add(("bridge", text))
        batch.remove("bridge")

    assert progress_in_attempts(add_and_remove) > 0


def test_one_batch_shared_by_threads_takes_its_calls_in_turn(text):
    """Threads adding to one batch at once: each call waits for the one before (without the
    GIL), none is lost, and the result is the same as adding them one after another."""
    texts = {f"part-{number}": long_article(200 + number) for number in range(4)}
    shared = aa.Batch()
    errors = []

    def add(doc_id):
        try:
            shared.add((doc_id, texts[doc_id]))
        except Exception as error:  # reported below; a thread's exception is otherwise lost
            errors.append(error)

    threads = [threading.Thread(target=add, args=(doc_id,)) for doc_id in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(shared) == len(texts)
    report = aa.analyze(list(texts.items()))
    assert shared.cross_article() == {
        key: value for key, value in report.items() if key != "articles"
    }
