//! The inner loop of a MinHash signature: for every hash function `h_i(x) = A_i * x + B_i`
//! (wrapping 64-bit arithmetic), the high 32 bits of the least value it takes over a set of
//! 64-bit values.
//!
//! The loop runs once per shingle and hash function (128 of them per shingle), the largest
//! single cost of an article's summary, so it is written for the vector units. Only the high
//! half of each minimum is kept, and dropping low bits never reverses an order, so
//! `min(h(x)) >> 32 == min(h(x) >> 32)`: the loop computes only the high half of each image,
//! as 32-bit lanes (eight functions a 256-bit register instead of four), from 32-bit pieces.
//! With `A = Ah * 2^32 + Al`, `x = xh * 2^32 + xl` (and `B` whole):
//!
//! `high32(A * x + B) = high32(Al * xl + B) + Ah * xl + Al * xh   (mod 2^32)`
//!
//! since `A * x = Al * xl + (Ah * xl + Al * xh) * 2^32 (mod 2^64)` and the cross terms touch
//! only the high half. `Al * xl` is a full 32 x 32 -> 64-bit product (`vpmuludq`), the cross
//! terms are 32-bit products (`vpmulld`), and the minimum is an unsigned 32-bit one
//! (`vpminud`): all in AVX2, which has no 64-bit multiply nor unsigned 64-bit minimum.
//!
//! The processor's instructions are chosen at run time (AVX2 on x86-64 processors that have
//! it), so one build runs everywhere and the values never depend on the processor; other
//! processors take the same arithmetic written portably, which the compiler vectorises for
//! their units. The wasm build, which has no vectors but a 64-bit multiply, takes the plain
//! 64-bit definition one function at a time.

/// Functions a vector of the AVX2 loop holds (32-bit lanes in 256 bits).
#[cfg(any(target_arch = "x86_64", test))]
const LANES: usize = 8;

/// Where each function of a group of [`LANES`] goes among the AVX2 loop's 64-bit products:
/// the first four places are one register's lanes, the last four the other's. `vshufps`
/// takes the high halves of two lanes of each register per 128 bits, which puts function
/// `f` back at place `f`: functions 0, 1, 4, 5 in the first register, 2, 3, 6, 7 in the
/// second.
#[cfg(any(target_arch = "x86_64", test))]
const PRODUCT_ORDER: [usize; LANES] = [0, 1, 4, 5, 2, 3, 6, 7];

/// `N` hash functions `h_i(x) = A_i * x + B_i` in the layouts the loops read, made once
/// (when compiling, for a `const` or `static`) from the `(A_i, B_i)` pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashFamily<const N: usize> {
    /// `A_i` whole (for the 64-bit loop of the wasm build). Each build keeps only the
    /// arrays its loops read (the unread ones would be data in the page's module).
    #[cfg(any(target_arch = "wasm32", test))]
    multipliers: [u64; N],
    /// `B_i` in order.
    offsets: [u64; N],
    /// The low half `Al` of each `A_i`.
    #[cfg(any(not(target_arch = "wasm32"), test))]
    multiplier_lows: [u32; N],
    /// The high half `Ah` of each `A_i`.
    #[cfg(any(not(target_arch = "wasm32"), test))]
    multiplier_highs: [u32; N],
    /// `Al` of each function as a 64-bit lane, in whole groups of [`LANES`] functions in
    /// the AVX2 loop's order ([`PRODUCT_ORDER`]); a last partial group in order.
    #[cfg(any(target_arch = "x86_64", test))]
    lows_for_products: [u64; N],
    /// `B_i` in the same order as `lows_for_products`.
    #[cfg(any(target_arch = "x86_64", test))]
    offsets_for_products: [u64; N],
}

impl<const N: usize> HashFamily<N> {
    /// The family of the given `(multiplier, offset)` pairs, in order.
    pub const fn new(functions: &[(u64, u64); N]) -> Self {
        let mut family = HashFamily {
            #[cfg(any(target_arch = "wasm32", test))]
            multipliers: [0; N],
            offsets: [0; N],
            #[cfg(any(not(target_arch = "wasm32"), test))]
            multiplier_lows: [0; N],
            #[cfg(any(not(target_arch = "wasm32"), test))]
            multiplier_highs: [0; N],
            #[cfg(any(target_arch = "x86_64", test))]
            lows_for_products: [0; N],
            #[cfg(any(target_arch = "x86_64", test))]
            offsets_for_products: [0; N],
        };
        let mut i = 0;
        while i < N {
            let (multiplier, offset) = functions[i];
            family.offsets[i] = offset;
            #[cfg(any(target_arch = "wasm32", test))]
            {
                family.multipliers[i] = multiplier;
            }
            #[cfg(any(not(target_arch = "wasm32"), test))]
            {
                family.multiplier_lows[i] = multiplier as u32;
                family.multiplier_highs[i] = (multiplier >> 32) as u32;
            }
            #[cfg(any(target_arch = "x86_64", test))]
            {
                let place = if i < N / LANES * LANES {
                    i - i % LANES + PRODUCT_ORDER[i % LANES]
                } else {
                    i
                };
                family.lows_for_products[place] = multiplier as u32 as u64;
                family.offsets_for_products[place] = offset;
            }
            i += 1;
        }
        family
    }

    /// Lowers each `minima[i]` to the least high half (`>> 32`) of `A_i * x + B_i`
    /// (wrapping) over every `x` of `values`, for the first `minima.len()` functions (at
    /// most `N`).
    pub fn lower_high_halves(&self, values: &[u64], minima: &mut [u32]) {
        let functions = minima.len().min(N);
        let minima = &mut minima[..functions];
        if values.is_empty() {
            return;
        }
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f") {
                // SAFETY: the processor has just said it runs these instructions.
                unsafe { self.lower_with_avx512(values, minima) };
                return;
            }
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: as above.
                unsafe { self.lower_with_avx2(values, minima) };
                return;
            }
        }
        #[cfg(target_arch = "wasm32")]
        self.lower_one_function_at_a_time(values, minima);
        #[cfg(not(target_arch = "wasm32"))]
        self.lower_without_intrinsics(values, minima);
    }

    /// The loop for machines without vectors (the wasm build has none, but has a 64-bit
    /// multiply): the plain 64-bit definition, one function at a time over every value, so
    /// that the function's multiplier, offset and minimum stay in registers and each step
    /// loads only the value.
    ///
    /// The values are taken two at a time into two running minima, joined at the end (a
    /// minimum does not depend on the order it is taken in): two independent chains of
    /// compare-and-select overlap where one chain waits on each step, and the wasm engine
    /// does not unroll loops itself. In Node this loop takes about two thirds of the time of
    /// the one-chain loop (docs/benchmarks.md, "WebAssembly per core, round twelve").
    #[cfg(any(target_arch = "wasm32", test))]
    fn lower_one_function_at_a_time(&self, values: &[u64], minima: &mut [u32]) {
        let pairs = values.chunks_exact(2);
        let last = pairs.remainder().first();
        for ((minimum, &multiplier), &offset) in
            minima.iter_mut().zip(&self.multipliers).zip(&self.offsets)
        {
            let image = |value: u64| multiplier.wrapping_mul(value).wrapping_add(offset);
            let (mut least_of_firsts, mut least_of_seconds) = (u64::MAX, u64::MAX);
            for pair in pairs.clone() {
                least_of_firsts = least_of_firsts.min(image(pair[0]));
                least_of_seconds = least_of_seconds.min(image(pair[1]));
            }
            if let Some(&value) = last {
                least_of_firsts = least_of_firsts.min(image(value));
            }
            let least = least_of_firsts.min(least_of_seconds);
            *minimum = (*minimum).min((least >> 32) as u32);
        }
    }

    /// [`lower_portably`] over the first `minima.len()` functions.
    #[cfg(any(not(target_arch = "wasm32"), test))]
    #[inline(always)]
    fn lower_without_intrinsics(&self, values: &[u64], minima: &mut [u32]) {
        let functions = minima.len();
        lower_portably(
            values,
            &self.multiplier_lows[..functions],
            &self.multiplier_highs[..functions],
            &self.offsets[..functions],
            minima,
        );
    }

    /// [`lower_portably`] with AVX-512 (sixteen 32-bit lanes at a time).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn lower_with_avx512(&self, values: &[u64], minima: &mut [u32]) {
        self.lower_without_intrinsics(values, minima);
    }

    /// The module's 32-bit arithmetic in AVX2 intrinsics, eight functions a register: each
    /// whole group of eight functions keeps its constants and minima in registers for the
    /// whole walk over the values (a value and group: two broadcasts of its halves, two
    /// 64-bit products with their offsets, one `vshufps` gathering their high halves, two
    /// 32-bit products for the cross terms, two adds and the minimum), two values a turn;
    /// the functions past the last whole group take [`lower_portably`].
    ///
    /// # Safety
    ///
    /// The processor must run AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn lower_with_avx2(&self, values: &[u64], minima: &mut [u32]) {
        use std::arch::x86_64::*;
        /// A group's constants: `Al` and `Ah` in the functions' order, and `Al` and `B` as
        /// 64-bit lanes in [`PRODUCT_ORDER`] (two registers each).
        struct Group {
            lows: __m256i,
            highs: __m256i,
            lows_for_products: [__m256i; 2],
            offsets_for_products: [__m256i; 2],
        }
        /// The high halves of the group's images of `*value`.
        #[inline]
        #[target_feature(enable = "avx2")]
        unsafe fn images(group: &Group, value: &u64) -> __m256i {
            // The value's halves, read as two 32-bit numbers (x86-64 is little-endian) and
            // each broadcast to every lane.
            let halves: *const i32 = (value as *const u64).cast();
            // SAFETY: both halves lie within the 8 bytes of `*value`.
            let value_low = _mm256_set1_epi32(halves.read_unaligned());
            let value_high = _mm256_set1_epi32(halves.add(1).read_unaligned());
            // `Al * xl + B` as 64-bit lanes (`vpmuludq` reads each lane's low half).
            let [first, second] = [0, 1].map(|half| {
                _mm256_add_epi64(
                    _mm256_mul_epu32(group.lows_for_products[half], value_low),
                    group.offsets_for_products[half],
                )
            });
            // Their high halves (32-bit places 1 and 3 of each 128 bits), in the functions'
            // order.
            let carried = _mm256_castps_si256(_mm256_shuffle_ps::<0b11_01_11_01>(
                _mm256_castsi256_ps(first),
                _mm256_castsi256_ps(second),
            ));
            let cross = _mm256_add_epi32(
                _mm256_mullo_epi32(group.highs, value_low),
                _mm256_mullo_epi32(group.lows, value_high),
            );
            _mm256_add_epi32(carried, cross)
        }
        let whole = minima.len() / LANES * LANES;
        let (grouped, rest) = minima.split_at_mut(whole);
        for (group, least_of_group) in grouped.chunks_exact_mut(LANES).enumerate() {
            let at = group * LANES;
            let lows: &[u32; LANES] = self.multiplier_lows[at..at + LANES].try_into().unwrap();
            let highs: &[u32; LANES] = self.multiplier_highs[at..at + LANES].try_into().unwrap();
            let lows_for_products = &self.lows_for_products[at..at + LANES];
            let offsets_for_products = &self.offsets_for_products[at..at + LANES];
            // SAFETY (every load and store here): each pointer is to an array or slice of
            // at least 32 bytes, and the unaligned forms ask for no alignment.
            let group = Group {
                lows: _mm256_loadu_si256(lows.as_ptr().cast()),
                highs: _mm256_loadu_si256(highs.as_ptr().cast()),
                lows_for_products: [0, LANES / 2]
                    .map(|from| _mm256_loadu_si256(lows_for_products[from..].as_ptr().cast())),
                offsets_for_products: [0, LANES / 2]
                    .map(|from| _mm256_loadu_si256(offsets_for_products[from..].as_ptr().cast())),
            };
            let mut least = _mm256_loadu_si256(least_of_group.as_ptr().cast());
            let pairs = values.chunks_exact(2);
            for last in pairs.remainder() {
                least = _mm256_min_epu32(least, images(&group, last));
            }
            for pair in pairs {
                let (first, second) = (images(&group, &pair[0]), images(&group, &pair[1]));
                least = _mm256_min_epu32(least, _mm256_min_epu32(first, second));
            }
            _mm256_storeu_si256(least_of_group.as_mut_ptr().cast(), least);
        }
        let end = whole + rest.len();
        lower_portably(
            values,
            &self.multiplier_lows[whole..end],
            &self.multiplier_highs[whole..end],
            &self.offsets[whole..end],
            rest,
        );
    }
}

/// The module's 32-bit arithmetic written portably, inlined into each instruction set's copy
/// so that the compiler vectorises it for that set: hash functions in the inner loop (their
/// lanes side by side in memory), the value's two halves broadcast. The four slices are
/// used up to the shortest one's length.
#[cfg(any(not(target_arch = "wasm32"), test))]
#[inline(always)]
fn lower_portably(
    values: &[u64],
    multiplier_lows: &[u32],
    multiplier_highs: &[u32],
    offsets: &[u64],
    minima: &mut [u32],
) {
    for &value in values {
        let (value_low, value_high) = (value as u32, (value >> 32) as u32);
        for (((minimum, &low), &high), &offset) in minima
            .iter_mut()
            .zip(multiplier_lows)
            .zip(multiplier_highs)
            .zip(offsets)
        {
            // `high32(Al * xl + B) + Ah * xl + Al * xh`: the module's note.
            let carried =
                ((u64::from(low) * u64::from(value_low)).wrapping_add(offset) >> 32) as u32;
            let image = carried
                .wrapping_add(high.wrapping_mul(value_low))
                .wrapping_add(low.wrapping_mul(value_high));
            *minimum = (*minimum).min(image);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::test_numbers::TestNumbers;

    /// Numbers at the edges of the 32-bit halves, where a carry or a wrap would show.
    const EDGES: [u64; 12] = [
        0,
        1,
        2,
        0xFFFF_FFFF,
        0x1_0000_0000,
        0x1_0000_0001,
        0xFFFF_FFFF_0000_0000,
        0xFFFF_FFFE_FFFF_FFFF,
        0xFFFF_FFFF_FFFF_FFFE,
        u64::MAX,
        0x8000_0000_0000_0000,
        0x7FFF_FFFF_8000_0000,
    ];

    /// The plain definition, one function and one value at a time, on top of `minima`.
    fn least_high_halves(functions: &[(u64, u64)], values: &[u64], minima: &[u32]) -> Vec<u32> {
        functions
            .iter()
            .zip(minima)
            .map(|(&(a, b), &minimum)| {
                values
                    .iter()
                    .map(|&x| (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32)
                    .fold(minimum, u32::min)
            })
            .collect()
    }

    /// Random numbers with the edges mixed in.
    fn numbers(count: usize, seed: u64) -> Vec<u64> {
        let mut numbers = TestNumbers::new(seed);
        (0..count)
            .map(|i| match i % 5 {
                0 => EDGES[numbers.below(EDGES.len() as u64) as usize],
                _ => numbers.any(),
            })
            .collect()
    }

    fn family(seed: u64) -> (Vec<(u64, u64)>, HashFamily<64>) {
        let multipliers = numbers(64, seed);
        let offsets = numbers(64, seed + 1);
        let pairs: Vec<(u64, u64)> = multipliers.into_iter().zip(offsets).collect();
        let family = HashFamily::new(&pairs.clone().try_into().unwrap());
        (pairs, family)
    }

    /// Every loop this processor can run, by name, on the same input.
    fn every_loop(
        family: &HashFamily<64>,
        values: &[u64],
        minima: &[u32],
    ) -> Vec<(&'static str, Vec<u32>)> {
        let mut results = Vec::new();
        let mut run = |name: &'static str, lower: &dyn Fn(&mut [u32])| {
            let mut lowered = minima.to_vec();
            lower(&mut lowered);
            results.push((name, lowered));
        };
        run("chosen at run time", &|m| {
            family.lower_high_halves(values, m)
        });
        run("one function at a time", &|m| {
            family.lower_one_function_at_a_time(values, m)
        });
        run("portable", &|m| family.lower_without_intrinsics(values, m));
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has just said it runs these instructions.
                run("avx2", &|m| unsafe { family.lower_with_avx2(values, m) });
            }
            if std::arch::is_x86_feature_detected!("avx512f") {
                // SAFETY: as above.
                run("avx512", &|m| unsafe {
                    family.lower_with_avx512(values, m)
                });
            }
        }
        results
    }

    #[test]
    fn every_loop_gives_the_plain_definition_for_every_count_of_functions() {
        // 0 to 40 functions: every remainder of whole vectors of 8 and 16 lanes.
        let (pairs, family) = family(1);
        let values = numbers(53, 3);
        for functions in 0..=40 {
            let start: Vec<u32> = numbers(functions, 7 + functions as u64)
                .into_iter()
                .map(|n| {
                    if n % 3 == 0 {
                        u32::MAX
                    } else {
                        (n >> 32) as u32
                    }
                })
                .collect();
            let expected = least_high_halves(&pairs[..functions], &values, &start);
            for (name, lowered) in every_loop(&family, &values, &start) {
                assert_eq!(lowered, expected, "{name}, {functions} functions");
            }
        }
    }

    #[test]
    fn every_loop_gives_the_plain_definition_for_every_count_of_values() {
        // 0 to 20 values: an odd count leaves the two-chain loop one value of its own.
        let (pairs, family) = family(11);
        for count in 0..=20 {
            let values = numbers(count, 13 + count as u64);
            let start = vec![u32::MAX; 64];
            let expected = least_high_halves(&pairs, &values, &start);
            for (name, lowered) in every_loop(&family, &values, &start) {
                assert_eq!(lowered, expected, "{name}, {count} values");
            }
        }
    }

    #[test]
    fn every_loop_gives_the_plain_definition_at_the_edges() {
        // Every edge as a multiplier, an offset and a value, against each other.
        let pairs: Vec<(u64, u64)> = (0..64)
            .map(|i| {
                (
                    EDGES[i % EDGES.len()],
                    EDGES[(i / EDGES.len() + i) % EDGES.len()],
                )
            })
            .collect();
        let family = HashFamily::new(&pairs.clone().try_into().unwrap());
        for value in EDGES {
            let start = vec![u32::MAX; 64];
            let expected = least_high_halves(&pairs, &[value], &start);
            for (name, lowered) in every_loop(&family, &[value], &start) {
                assert_eq!(lowered, expected, "{name}, value {value:#x}");
            }
        }
        let expected = least_high_halves(&pairs, &EDGES, &[u32::MAX; 64]);
        for (name, lowered) in every_loop(&family, &EDGES, &[u32::MAX; 64]) {
            assert_eq!(lowered, expected, "{name}, every edge");
        }
    }

    #[test]
    fn every_loop_gives_the_plain_definition_on_many_random_inputs() {
        for seed in 0..40 {
            let (pairs, family) = family(100 + 2 * seed);
            let count = TestNumbers::new(seed).below(300) as usize;
            let values = numbers(count, 1_000 + seed);
            let expected = least_high_halves(&pairs, &values, &[u32::MAX; 64]);
            for (name, lowered) in every_loop(&family, &values, &[u32::MAX; 64]) {
                assert_eq!(lowered, expected, "{name}, seed {seed}");
            }
        }
    }

    #[test]
    fn values_given_in_two_parts_give_the_same_minima() {
        let (_, family) = family(4);
        let values = numbers(40, 6);
        let mut whole = vec![u32::MAX; 61];
        family.lower_high_halves(&values, &mut whole);
        let mut parts = vec![u32::MAX; 61];
        family.lower_high_halves(&values[..17], &mut parts);
        family.lower_high_halves(&values[17..], &mut parts);
        assert_eq!(whole, parts);
    }

    #[test]
    fn more_minima_than_functions_leave_the_others_alone() {
        let family = HashFamily::new(&[(2, 1 << 32), (5 << 32, 7 << 32)]);
        let mut minima = vec![u32::MAX; 4];
        family.lower_high_halves(&[3], &mut minima);
        assert_eq!(minima, vec![1, 22, u32::MAX, u32::MAX]);
    }

    #[test]
    fn no_values_leave_the_minima_alone() {
        let (_, family) = family(8);
        let mut minima = vec![9, u32::MAX];
        family.lower_high_halves(&[], &mut minima);
        assert_eq!(minima, vec![9, u32::MAX]);
    }

    #[test]
    fn the_products_order_puts_each_group_in_the_shuffles_order() {
        let pairs: [(u64, u64); 10] =
            std::array::from_fn(|i| ((1 << 32) | i as u64, 10 + i as u64));
        let family = HashFamily::new(&pairs);
        assert_eq!(family.lows_for_products, [0, 1, 4, 5, 2, 3, 6, 7, 8, 9]);
        assert_eq!(
            family.offsets_for_products,
            [10, 11, 14, 15, 12, 13, 16, 17, 18, 19]
        );
    }
}
