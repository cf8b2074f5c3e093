//! Work shared among threads, natively: a batch's articles are analysed independently of
//! one another, so several can be analysed at once. Standard threads rather than a thread
//! pool crate: one scoped map is all the engine needs, and the WebAssembly build (one
//! thread in the page) never compiles this file.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `work` applied to every item on up to `threads` threads, the results in the items' order.
/// Threads take the next item as they finish one, so a long article does not hold the
/// others back; one thread (or one item) runs on the caller's thread.
pub fn map<T, R, F>(items: &[T], threads: usize, work: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(index) else { break };
                let result = work(item);
                // Each slot is written once, by the one thread that took its index.
                *slots[index]
                    .lock()
                    .unwrap_or_else(|poison| poison.into_inner()) = Some(result);
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|poison| poison.into_inner())
                .expect("every index below the item count was taken by a thread")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_whatever_the_threads() {
        let items: Vec<u64> = (0..1000).collect();
        let expected: Vec<u64> = items.iter().map(|n| n * n).collect();
        for threads in [0, 1, 2, 3, 8, 2000] {
            assert_eq!(
                map(&items, threads, |n| n * n),
                expected,
                "{threads} threads"
            );
        }
        assert!(map(&[] as &[u64], 4, |n| *n).is_empty());
    }
}
