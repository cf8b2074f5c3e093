//! Work shared among threads, natively: a batch's articles are analysed independently of
//! one another, so several can be analysed at once. Standard threads rather than a thread
//! pool crate: one scoped pipeline is all the engine needs, and the WebAssembly build (one
//! thread in the page) never compiles this file.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// `work` applied to every item `next` hands out, on `threads` threads, each result given to
/// `sink` on the caller's thread in the items' order: a pipeline without a barrier. Workers
/// take the next item as they finish one; the caller reads items while the workers analyse,
/// and at most `in_flight` items (at least one per thread) are taken and not yet given to
/// `sink`, so memory stays bounded whatever the number of items, and a long item holds back
/// only the writing of those after it, never the other workers (until `in_flight` of them
/// wait). `next` and `sink` run on the caller's thread and share `state`.
///
/// The first error of `sink` stops the pipeline: no more items are taken, the workers finish
/// the item in hand, and the error is returned. One thread runs all of it on the caller's
/// thread, one item after another.
pub fn stream<S, T, R, E>(
    threads: usize,
    in_flight: usize,
    state: &mut S,
    mut next: impl FnMut(&mut S) -> Option<T>,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(&mut S, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    if threads <= 1 {
        while let Some(item) = next(state) {
            sink(state, work(item))?;
        }
        return Ok(());
    }
    let in_flight = in_flight.max(threads);
    let shared = Pipeline {
        state: Mutex::new(PipelineState {
            queue: VecDeque::with_capacity(in_flight),
            results: VecDeque::with_capacity(in_flight),
            first_unsunk: 0,
            closed: false,
            worker_failed: false,
        }),
        item_ready: Condvar::new(),
        front_ready: Condvar::new(),
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| shared.work(&work));
        }
        // Whatever way this thread leaves (an error of `sink`, the end, a panic in `next` or
        // `sink`), the workers are told to stop, so that the scope's join cannot wait for
        // ever.
        let _closer = Closer(&shared);
        let (mut taken, mut sunk) = (0usize, 0usize);
        let mut input_ended = false;
        loop {
            while !input_ended && taken - sunk < in_flight {
                match next(state) {
                    Some(item) => {
                        shared.push(taken, item);
                        taken += 1;
                    }
                    None => input_ended = true,
                }
            }
            if sunk == taken {
                return Ok(());
            }
            // A worker that panicked leaves its item unfinished: stop here, and the scope
            // passes the panic on when it joins the workers.
            let Some(ready) = shared.take_ready() else {
                return Ok(());
            };
            for result in ready {
                sink(state, result)?;
                sunk += 1;
            }
        }
    })
}

/// What the caller's thread and the workers of [`stream`] share.
struct Pipeline<T, R> {
    state: Mutex<PipelineState<T, R>>,
    /// Signalled when an item joins the queue, or the pipeline closes.
    item_ready: Condvar,
    /// Signalled when the result the caller waits for (the first not yet given to the sink)
    /// is ready, or a worker failed.
    front_ready: Condvar,
}

struct PipelineState<T, R> {
    /// Items taken and not yet given to a worker, with their place in the input.
    queue: VecDeque<(usize, T)>,
    /// One slot for every item taken and not yet given to the sink, in input order: the
    /// reorder buffer.
    results: VecDeque<Option<R>>,
    /// The place in the input of `results`' first slot.
    first_unsunk: usize,
    /// No more items come: the workers stop once the queue is empty (it is emptied when the
    /// caller stops early).
    closed: bool,
    /// A worker panicked.
    worker_failed: bool,
}

impl<T, R> Pipeline<T, R> {
    fn lock(&self) -> MutexGuard<'_, PipelineState<T, R>> {
        // The lock is never held while foreign code runs, so a poisoned state is whole.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Queues the item at `place` for a worker, with an empty slot for its result.
    fn push(&self, place: usize, item: T) {
        let mut state = self.lock();
        state.queue.push_back((place, item));
        state.results.push_back(None);
        drop(state);
        self.item_ready.notify_one();
    }

    /// Waits for the first result not yet given to the sink and takes it with every ready
    /// one after it, in order; `None` when a worker failed.
    fn take_ready(&self) -> Option<Vec<R>> {
        let mut state = self.lock();
        loop {
            if state.worker_failed {
                return None;
            }
            if state.results.front().is_some_and(Option::is_some) {
                break;
            }
            state = self
                .front_ready
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        let mut ready = Vec::new();
        while let Some(result) = state.results.front_mut().and_then(Option::take) {
            state.results.pop_front();
            ready.push(result);
        }
        state.first_unsunk += ready.len();
        Some(ready)
    }

    /// A worker's loop: the next queued item, worked on outside the lock, its result put in
    /// its slot; until the pipeline closes with an empty queue.
    fn work(&self, work: &impl Fn(T) -> R) {
        let _alarm = FailureAlarm(self);
        loop {
            let (place, item) = {
                let mut state = self.lock();
                loop {
                    if let Some(next) = state.queue.pop_front() {
                        break next;
                    }
                    if state.closed {
                        return;
                    }
                    state = self
                        .item_ready
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            };
            let result = work(item);
            let mut state = self.lock();
            let slot = place - state.first_unsunk;
            state.results[slot] = Some(result);
            // The caller waits only for the first slot: a result behind it wakes no one.
            if slot == 0 {
                drop(state);
                self.front_ready.notify_one();
            }
        }
    }
}

/// Closes the pipeline when the caller's side of [`stream`] ends, however it ends.
struct Closer<'p, T, R>(&'p Pipeline<T, R>);

impl<T, R> Drop for Closer<'_, T, R> {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        state.closed = true;
        // Items taken but not started are dropped: after an error nothing more is sunk.
        state.queue.clear();
        drop(state);
        self.0.item_ready.notify_all();
    }
}

/// Tells the caller's side of [`stream`] when a worker panics, so that it stops waiting for
/// the result that worker will never give.
struct FailureAlarm<'p, T, R>(&'p Pipeline<T, R>);

impl<T, R> Drop for FailureAlarm<'_, T, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().worker_failed = true;
            self.0.front_ready.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Work that takes longer for some items than others, so that results come back out of
    /// order: item n sleeps when n is a multiple of 7.
    fn uneven(n: u64) -> u64 {
        if n % 7 == 0 {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        n * n
    }

    #[test]
    fn streamed_results_keep_the_items_order_within_the_bound() {
        let expected: Vec<u64> = (0..300).map(|n| n * n).collect();
        for (threads, in_flight) in [(1, 1), (2, 1), (2, 8), (3, 32), (8, 4)] {
            // (items taken, results sunk, the most ever in flight)
            let mut counts = (0usize, 0usize, 0usize);
            let mut items = 0..300u64;
            let mut results = Vec::new();
            stream(
                threads,
                in_flight,
                &mut counts,
                |counts| {
                    let item = items.next()?;
                    counts.0 += 1;
                    counts.2 = counts.2.max(counts.0 - counts.1);
                    Some(item)
                },
                uneven,
                |counts, result| {
                    counts.1 += 1;
                    results.push(result);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(results, expected, "{threads} threads");
            assert!(
                counts.2 <= in_flight.max(threads),
                "{threads} threads, {in_flight} in flight: {} taken ahead",
                counts.2
            );
        }
    }

    #[test]
    fn the_sinks_first_error_stops_the_stream() {
        for threads in [1, 2, 4] {
            let mut taken = 0;
            let mut sunk = Vec::new();
            let outcome = stream(
                threads,
                8,
                &mut taken,
                |taken| {
                    *taken += 1;
                    Some(*taken)
                },
                |n| n,
                |_, n| {
                    if n == 20 {
                        return Err(format!("stopped at {n}"));
                    }
                    sunk.push(n);
                    Ok(())
                },
            );
            assert_eq!(outcome, Err("stopped at 20".to_string()));
            assert_eq!(sunk, (1..20).collect::<Vec<_>>(), "{threads} threads");
            // The input is endless: only the bound stopped the reading ahead.
            assert!(taken < 20 + 8 + threads, "{threads} threads: {taken} taken");
        }
    }

    #[test]
    fn a_panicking_worker_ends_the_stream_with_its_panic() {
        let outcome = std::panic::catch_unwind(|| {
            let mut items = 0..100u64;
            stream(
                2,
                4,
                &mut (),
                |_| items.next(),
                |n| {
                    assert!(n != 10, "item 10 cannot be worked on");
                    n
                },
                |_, _| Ok::<(), ()>(()),
            )
        });
        assert!(outcome.is_err());
    }
}
