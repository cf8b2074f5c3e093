//! The inner loop of a MinHash signature: for every hash function `h_i(x) = A_i * x + B_i`
//! (wrapping 64-bit arithmetic), the least value it takes over a set of 64-bit values.
//!
//! The loop runs once per shingle and hash function (128 of them per shingle), the largest
//! single cost of an article's summary, so it is written for the vector units: the
//! multipliers and offsets as two arrays (one lane each), the minima kept as 64-bit values
//! (the caller takes the bits it wants at the end, which gives the same result as taking
//! them before the minimum, since dropping low bits never reverses an order), and, on x86-64
//! processors that have them, AVX-512 or AVX2 instructions chosen at run time, so that one
//! build runs everywhere and the values never depend on the processor. The wasm build, which
//! has no vectors, takes the functions one at a time instead.

/// Lowers each `minima[i]` to the least `multipliers[i] * x + offsets[i]` (wrapping) over
/// every `x` of `values`. The three slices are used up to the shortest one's length.
pub fn lower_to_least_images(
    values: &[u64],
    multipliers: &[u64],
    offsets: &[u64],
    minima: &mut [u64],
) {
    let functions = minima.len().min(multipliers.len()).min(offsets.len());
    let (multipliers, offsets, minima) = (
        &multipliers[..functions],
        &offsets[..functions],
        &mut minima[..functions],
    );
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512dq")
        {
            // SAFETY: the processor has just said it runs these instructions.
            unsafe { lower_with_avx512(values, multipliers, offsets, minima) };
            return;
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: as above.
            unsafe { lower_with_avx2(values, multipliers, offsets, minima) };
            return;
        }
    }
    #[cfg(target_arch = "wasm32")]
    lower_one_function_at_a_time(values, multipliers, offsets, minima);
    #[cfg(not(target_arch = "wasm32"))]
    lower_portably(values, multipliers, offsets, minima);
}

/// The loop for machines without vectors (the wasm build has none): one function at a time
/// over every value, so that the function's multiplier, offset and minimum stay in
/// registers and each step loads only the value.
#[cfg(any(target_arch = "wasm32", test))]
fn lower_one_function_at_a_time(
    values: &[u64],
    multipliers: &[u64],
    offsets: &[u64],
    minima: &mut [u64],
) {
    for ((minimum, &multiplier), &offset) in minima.iter_mut().zip(multipliers).zip(offsets) {
        let mut least = *minimum;
        for &value in values {
            least = least.min(multiplier.wrapping_mul(value).wrapping_add(offset));
        }
        *minimum = least;
    }
}

/// The loop for vectors, inlined into each instruction set's copy so the compiler
/// vectorises it for that set. Hash functions in the inner loop: their lanes sit side by side in memory,
/// and the value `x` is one broadcast register.
#[cfg(any(not(target_arch = "wasm32"), test))]
#[inline(always)]
fn lower_portably(values: &[u64], multipliers: &[u64], offsets: &[u64], minima: &mut [u64]) {
    for &value in values {
        for ((minimum, &multiplier), &offset) in minima.iter_mut().zip(multipliers).zip(offsets) {
            *minimum = (*minimum).min(multiplier.wrapping_mul(value).wrapping_add(offset));
        }
    }
}

/// [`lower_portably`] with AVX-512 (a 64-bit multiply and an unsigned 64-bit minimum per
/// lane, eight lanes at a time).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
fn lower_with_avx512(values: &[u64], multipliers: &[u64], offsets: &[u64], minima: &mut [u64]) {
    lower_portably(values, multipliers, offsets, minima);
}

/// [`lower_portably`] with AVX2 (four lanes at a time).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn lower_with_avx2(values: &[u64], multipliers: &[u64], offsets: &[u64], minima: &mut [u64]) {
    lower_portably(values, multipliers, offsets, minima);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::test_numbers::TestNumbers;

    /// The plain definition, one function and one value at a time.
    fn least_images(values: &[u64], multipliers: &[u64], offsets: &[u64]) -> Vec<u64> {
        multipliers
            .iter()
            .zip(offsets)
            .map(|(&a, &b)| {
                values
                    .iter()
                    .map(|&x| a.wrapping_mul(x).wrapping_add(b))
                    .min()
                    .unwrap_or(u64::MAX)
            })
            .collect()
    }

    fn pseudo_random(count: usize, seed: u64) -> Vec<u64> {
        let mut numbers = TestNumbers::new(seed);
        (0..count).map(|_| numbers.any()).collect()
    }

    #[test]
    fn every_instruction_set_gives_the_plain_definition() {
        // 131 functions: whole vectors and a remainder on every instruction set.
        let multipliers = pseudo_random(131, 1);
        let offsets = pseudo_random(131, 2);
        let values = pseudo_random(77, 3);
        let expected = least_images(&values, &multipliers, &offsets);

        let mut minima = vec![u64::MAX; 131];
        lower_to_least_images(&values, &multipliers, &offsets, &mut minima);
        assert_eq!(minima, expected);

        let mut portable = vec![u64::MAX; 131];
        lower_portably(&values, &multipliers, &offsets, &mut portable);
        assert_eq!(portable, expected);

        let mut scalar = vec![u64::MAX; 131];
        lower_one_function_at_a_time(&values, &multipliers, &offsets, &mut scalar);
        assert_eq!(scalar, expected);
    }

    #[test]
    fn values_given_in_two_parts_give_the_same_minima() {
        let multipliers = pseudo_random(128, 4);
        let offsets = pseudo_random(128, 5);
        let values = pseudo_random(40, 6);
        let mut whole = vec![u64::MAX; 128];
        lower_to_least_images(&values, &multipliers, &offsets, &mut whole);
        let mut parts = vec![u64::MAX; 128];
        lower_to_least_images(&values[..17], &multipliers, &offsets, &mut parts);
        lower_to_least_images(&values[17..], &multipliers, &offsets, &mut parts);
        assert_eq!(whole, parts);
    }

    #[test]
    fn slices_of_different_lengths_use_the_shortest() {
        let mut minima = vec![u64::MAX; 4];
        lower_to_least_images(&[3], &[2, 5], &[1, 1, 1], &mut minima);
        assert_eq!(minima, vec![7, 16, u64::MAX, u64::MAX]);
    }

    #[test]
    fn no_values_leave_the_minima_alone() {
        let mut minima = vec![9, u64::MAX];
        lower_to_least_images(&[], &[1, 2], &[3, 4], &mut minima);
        assert_eq!(minima, vec![9, u64::MAX]);
    }
}
