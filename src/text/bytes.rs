//! Counting bytes of UTF-8 text in branch-free runs the compiler vectorises.

/// Longest run of bytes whose count fits the one-byte counters of [`count_bytes`].
const COUNT_RUN: usize = u8::MAX as usize;

/// Number of bytes that satisfy `predicate`. Counted in runs of [`COUNT_RUN`] bytes with a
/// one-byte counter, which lets the compiler test 16 or 32 bytes per instruction.
pub fn count_bytes(bytes: &[u8], predicate: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(COUNT_RUN)
        .map(|run| {
            run.iter()
                .fold(0u8, |count, &b| count + u8::from(predicate(b)))
        })
        .map(usize::from)
        .sum()
}

/// Number of adjacent byte pairs that satisfy `predicate`, counted like [`count_bytes`].
pub fn count_byte_pairs(bytes: &[u8], predicate: impl Fn(u8, u8) -> bool) -> usize {
    let (Some(firsts), Some(seconds)) =
        (bytes.get(..bytes.len().saturating_sub(1)), bytes.get(1..))
    else {
        return 0;
    };
    firsts
        .chunks(COUNT_RUN)
        .zip(seconds.chunks(COUNT_RUN))
        .map(|(run, next)| {
            run.iter()
                .zip(next)
                .fold(0u8, |count, (&b, &n)| count + u8::from(predicate(b, n)))
        })
        .map(usize::from)
        .sum()
}

/// Whether `byte` continues a multi-byte UTF-8 character (rather than starting one).
pub fn is_utf8_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_counts_cross_run_boundaries() {
        // 1,000 bytes: more than three counting runs, with pairs straddling their edges.
        let bytes: Vec<u8> = (0..1000)
            .map(|i| if i % 3 == 0 { b'.' } else { b' ' })
            .collect();
        assert_eq!(count_bytes(&bytes, |b| b == b'.'), 334);
        assert_eq!(count_byte_pairs(&bytes, |a, b| a == b'.' && b == b' '), 333);
        assert_eq!(count_byte_pairs(&bytes, |a, b| a == b' ' && b == b' '), 333);
        assert_eq!(count_byte_pairs(b".", |_, _| true), 0);
        assert_eq!(count_bytes(&[], |_| true), 0);
    }
}
