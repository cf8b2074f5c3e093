//! Measurements of one paragraph that the cleaner's decisions rest on: length, word counts,
//! stopword density, capitalisation, sentence punctuation. Computed in one pass per
//! paragraph; no decisions here.

use super::lexicon::lexicon;
use crate::text::is_utf8_continuation;
use crate::text::patterns::word_line_of_words;
use crate::text::{ascii_prefix_len, ends_sentence, is_letter, is_unspaced_script, ArticleWords};
use crate::text::{bytes_in_range, load_eight, EACH, HIGH_BITS};

/// Paragraphs with at most this many words may get their lowercase words as strings, for
/// the rules that read words (bylines, date lines); longer ones only get hashes.
pub const SHORT_PARAGRAPH_WORDS: usize = 30;

/// The words of one paragraph, tokenised once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tokens {
    /// [`Tokens::hashes`] then [`Tokens::content`]: one allocation per paragraph, not two.
    words: Vec<u64>,
    /// Where the content words start in `words`.
    content_start: usize,
    /// The paragraph's [`word_line`] (lowercase words, one space apart), made only for
    /// paragraphs of at most [`SHORT_PARAGRAPH_WORDS`] words that hold a number or open like
    /// a byline: the only ones rules read as words. Empty for the others.
    pub word_line: String,
}

impl Tokens {
    /// Every word as a [`word_hash`](crate::text::word_hash) (lowercase-insensitive), in order.
    pub fn hashes(&self) -> &[u64] {
        &self.words[..self.content_start]
    }

    /// Hashes of the content words: no stopwords, numbers or words under three characters.
    pub fn content(&self) -> &[u64] {
        &self.words[self.content_start..]
    }

    /// Whether the first word is one that opens a byline ("by", "reporting"): with a
    /// number, what has a short paragraph's [`word_line`](Tokens::word_line) made, and what
    /// the byline test reads it for.
    pub fn first_word_opens_byline(&self) -> bool {
        self.hashes()
            .first()
            .is_some_and(|first| lexicon().byline_openings.contains(first))
    }
}

/// Measurements of one paragraph's normalised text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Characters (not bytes).
    pub chars: usize,
    /// Word tokens.
    pub words: usize,
    /// Words that are English stopwords.
    pub stopwords: usize,
    /// Words starting with an uppercase letter.
    pub capitalized: usize,
    /// Capitalised words that are not stopwords and not the first word.
    pub inner_capitalized: usize,
    /// Words that are not stopwords and not the first word.
    pub inner_content_words: usize,
    /// Words made only of digits.
    pub numbers: usize,
    /// Whether any word holds a digit ("2025-06-30", "4:56", "12.03.2025").
    pub has_digits: bool,
    /// Characters of scripts written without spaces (CJK, Thai).
    pub unspaced_chars: usize,
    /// Sentence-ending punctuation followed by a space or the end.
    pub sentence_ends: usize,
    /// Whether the text ends like a sentence.
    pub ends_sentence: bool,
    /// Letters in the text.
    pub letters: usize,
    /// Characters typical of program code: `= ( ) { } [ ] ; < > \\`.
    pub code_symbols: usize,
}

/// Measures `text` and tokenises it, in one pass over its words and one over its characters.
#[cfg(test)]
pub fn measure(text: &str) -> (Features, Tokens) {
    let (features, tokens, _) = measure_into(text, &mut ArticleWords::default());
    (features, tokens)
}

/// [`measure`], which also adds the text's words to `table` (spans within `text`); with
/// where they are in it.
pub fn measure_into(
    text: &str,
    table: &mut ArticleWords,
) -> (Features, Tokens, std::ops::Range<usize>) {
    let mut features = Features {
        ends_sentence: ends_sentence(text),
        ..Features::default()
    };
    let words = table.push_paragraph(text);
    let table_words = table.words(words.clone());
    let count = table_words.len();
    // Every word, then the content words after them, in one vector allocated once: sized
    // for every word being a content word, then cut to the content words found. Each
    // word's hash is written to both halves and the content half moves on only past a
    // content word, so the loop takes no branch on a word's kind. (Allocated, then filled
    // with zeros: `vec![0; n]` would ask for zeroed memory, which glibc serves without its
    // per-thread cache of small blocks, at several times the cost.)
    #[allow(clippy::slow_vector_initialization)] // measured faster here, as said above
    let mut hashes = Vec::with_capacity(count * 2);
    hashes.resize(count * 2, 0);
    let (all, content) = hashes.split_at_mut(count);
    let mut content_words = 0;
    for (index, word) in table_words.iter().enumerate() {
        let traits = word.traits;
        let hash = word.hash;
        all[index] = hash;
        content[content_words] = hash;
        let is_stopword = traits.is_stopword();
        let number = traits.is_number();
        content_words += usize::from(!is_stopword && !number && traits.has_three_chars());
        features.stopwords += usize::from(is_stopword);
        let capitalized = traits.is_capitalized();
        features.capitalized += usize::from(capitalized);
        let inner_content = index > 0 && !is_stopword;
        features.inner_content_words += usize::from(inner_content);
        features.inner_capitalized += usize::from(inner_content && capitalized);
        features.has_digits |= traits.has_digit();
        features.numbers += usize::from(number);
    }
    features.words = count;
    hashes.truncate(count + content_words);
    let mut tokens = Tokens {
        words: hashes,
        content_start: count,
        word_line: String::new(),
    };
    let may_be_read_as_words = features.has_digits || tokens.first_word_opens_byline();
    if features.words <= SHORT_PARAGRAPH_WORDS && may_be_read_as_words {
        // The words are in the table already: the line is made from their spans.
        let words = table_words.iter().map(|word| &text[word.start..word.end]);
        tokens.word_line = word_line_of_words(text.len(), words);
    }
    measure_characters(text, &mut features);
    if features.ends_sentence {
        features.sentence_ends += 1;
    }
    (features, tokens, words)
}

/// Character counts. Most of them are counts of bytes, taken in branch-free passes that
/// the compiler vectorises: every byte that does not continue a multi-byte character
/// starts one, ASCII letters, and ASCII sentence ends (`.`, `!` or `?` followed by a
/// space). Only non-ASCII characters are decoded, one by one.
fn measure_characters(text: &str, features: &mut Features) {
    let bytes = text.as_bytes();
    // The page's build has no vectors: there eight bytes at a time in a 64-bit number.
    let counts = if cfg!(target_arch = "wasm32") {
        byte_counts_by_eights(bytes)
    } else {
        byte_counts(bytes)
    };
    features.chars += counts.chars;
    features.letters += counts.letters;
    features.code_symbols += counts.code_symbols;
    features.sentence_ends += counts.sentence_ends;
    // From one non-ASCII character to the next, skipping the ASCII between eight bytes at
    // a time.
    let mut at = ascii_prefix_len(bytes);
    while let Some(c) = text[at..].chars().next() {
        if is_letter(c) {
            features.letters += 1;
            features.unspaced_chars += usize::from(is_unspaced_script(c));
        }
        // Full-width sentence ends need no following space.
        features.sentence_ends += usize::from(matches!(c, '。' | '！' | '？'));
        at += c.len_utf8();
        at += ascii_prefix_len(&bytes[at..]);
    }
}

/// What [`measure_characters`] counts by bytes.
#[derive(Debug, Default, PartialEq)]
struct ByteCounts {
    /// Bytes that start a character.
    chars: usize,
    /// ASCII letters.
    letters: usize,
    /// `=`, `(`, `)`, `{`, `}`, `[`, `]`, `;`, `<`, `>` and `\\`.
    code_symbols: usize,
    /// `.`, `!` or `?` followed by a space.
    sentence_ends: usize,
}

/// Longest run of bytes [`byte_counts`] counts in one-byte counters (which let the compiler
/// test 16 or 32 bytes per instruction) before adding them up: no more than a counter
/// holds (255), and a whole number of 16- and 32-byte vectors, so that only a paragraph's
/// last run leaves bytes to the loop's byte-at-a-time tail (with runs of 255 bytes, every
/// run left 15, 1.5 times as many tail bytes in all as the vector loop's steps).
const COUNT_RUN: usize = 7 * 32;
const _: () = assert!(COUNT_RUN <= u8::MAX as usize);

/// [`ByteCounts`] in one branch-free pass over the bytes (each byte with the one after it,
/// for the sentence ends), which the native compiler vectorises: four counts from each load
/// of the bytes rather than a pass each.
fn byte_counts(bytes: &[u8]) -> ByteCounts {
    // The symbols as three ranges of neighbours and two bytes, five vector tests instead of
    // eleven: `(` `)`; `;` `<` `=` `>`; `[` `\` `]`; `{`; `}`.
    let is_code_symbol = |b: u8| {
        (b.wrapping_sub(b'(') < 2)
            | (b.wrapping_sub(b';') < 4)
            | (b.wrapping_sub(b'[') < 3)
            | (b == b'{')
            | (b == b'}')
    };
    let mut counts = ByteCounts::default();
    let Some((&last, firsts)) = bytes.split_last() else {
        return counts;
    };
    for (run, next) in firsts.chunks(COUNT_RUN).zip(bytes[1..].chunks(COUNT_RUN)) {
        let (mut chars, mut letters, mut code_symbols, mut sentence_ends) = (0u8, 0u8, 0u8, 0u8);
        for (&b, &next) in run.iter().zip(next) {
            chars += u8::from(!is_utf8_continuation(b));
            letters += u8::from(b.is_ascii_alphabetic());
            code_symbols += u8::from(is_code_symbol(b));
            sentence_ends += u8::from(((b == b'.') | (b == b'!') | (b == b'?')) & (next == b' '));
        }
        counts.chars += usize::from(chars);
        counts.letters += usize::from(letters);
        counts.code_symbols += usize::from(code_symbols);
        counts.sentence_ends += usize::from(sentence_ends);
    }
    // The last byte, which ends no sentence: no space follows it.
    counts.chars += usize::from(!is_utf8_continuation(last));
    counts.letters += usize::from(last.is_ascii_alphabetic());
    counts.code_symbols += usize::from(is_code_symbol(last));
    counts
}

/// [`byte_counts`] for the wasm build, which has no vector instructions: eight bytes at a
/// time in a 64-bit number, each kind marked in the bytes' top bits (see
/// [`bytes_in_range`]) and counted with `count_ones`, in one pass instead of four. The last
/// bytes (fewer than nine: a sentence end reads the byte after it) are counted the same way
/// from a copy padded with zero bytes, which are of no kind but characters, not counted.
fn byte_counts_by_eights(bytes: &[u8]) -> ByteCounts {
    let one = |chunk: u64, byte: u8| bytes_in_range(chunk, byte, byte);
    let mut counts = ByteCounts::default();
    let mut count = |chunk: u64, next: u64, length: usize| {
        // 10xxxxxx: the top bit set, the next one clear.
        let continuations = chunk & !(chunk << 1) & HIGH_BITS;
        // 0x20 makes a capital lowercase and no other byte a lowercase letter.
        let letters = bytes_in_range(chunk | (0x20 * EACH), b'a', b'z');
        let code_symbols = bytes_in_range(chunk, b'(', b')')
            | bytes_in_range(chunk, b';', b'>')
            | bytes_in_range(chunk, b'[', b']')
            | one(chunk, b'{')
            | one(chunk, b'}');
        let sentence_ends =
            (one(chunk, b'.') | one(chunk, b'!') | one(chunk, b'?')) & one(next, b' ');
        counts.chars += length - continuations.count_ones() as usize;
        counts.letters += letters.count_ones() as usize;
        counts.code_symbols += code_symbols.count_ones() as usize;
        counts.sentence_ends += sentence_ends.count_ones() as usize;
    };
    let mut at = 0;
    while let (Some(chunk), Some(next)) = (bytes.get(at..at + 8), bytes.get(at + 1..at + 9)) {
        count(load_eight(chunk), load_eight(next), 8);
        at += 8;
    }
    let rest = &bytes[at..];
    let mut padded = [0u8; 16];
    padded[..rest.len()].copy_from_slice(rest);
    count(load_eight(&padded), load_eight(&padded[1..]), rest.len());
    counts
}

impl Features {
    /// Whether the text looks like a line of program code or a shell command: dense in
    /// code symbols. Code samples belong to technical articles' bodies.
    pub fn is_code_like(&self) -> bool {
        self.chars >= 6 && self.code_symbols * 12 >= self.chars && !self.ends_sentence
    }

    /// Share of words that are English stopwords.
    pub fn stopword_density(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.stopwords as f64 / self.words as f64
        }
    }

    /// A length measure that works for spaced and unspaced scripts: words, or for text
    /// mostly in CJK or Thai, characters divided by two (about a word's worth).
    pub fn word_length(&self) -> usize {
        if self.unspaced_chars * 2 > self.letters {
            self.unspaced_chars / 2 + self.words
        } else {
            self.words
        }
    }

    /// Whether the text reads like a headline or menu entry: a few words, no sentence end,
    /// most content words capitalised ("Brothel Ring Busted in Boston", "Local News").
    pub fn is_title_case(&self) -> bool {
        self.words >= 1
            && !self.ends_sentence
            && (self.inner_content_words == 0
                || self.inner_capitalized * 10 >= self.inner_content_words * 7)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_and_menus_measure_differently() {
        let (prose, _) = measure(
            "The council said it would vote on the plan in the spring. It did not say why.",
        );
        assert!(prose.stopword_density() > 0.4);
        assert_eq!(prose.sentence_ends, 2);
        assert!(!prose.is_title_case());
        let (menu, _) = measure("Local News and Politics");
        assert!(menu.is_title_case());
    }

    #[test]
    fn word_counts_are_the_definitions_over_the_words() {
        use crate::text::{hashed_words, WordTraits};
        for text in [
            "",
            ".,;",
            "The",
            "Council",
            "the Council of Europe met in 2024 and 12 others",
            "Vote 2024: The BIG Plan, a 3-year plan for Europe's 27",
            "By Jane Doe",
            "ÉTÉ à Paris: the Élysée and 東京 said 9",
            "and And AND the The",
        ] {
            let (features, tokens) = measure(text);
            let words: Vec<_> = hashed_words(text)
                .map(|word| (word.hash, WordTraits::of(&word)))
                .collect();
            let count = |test: &dyn Fn(usize, WordTraits) -> bool| {
                (words.iter().enumerate())
                    .filter(|&(index, &(_, traits))| test(index, traits))
                    .count()
            };
            assert_eq!(features.words, words.len(), "{text:?}");
            let stopwords = count(&|_, traits| traits.is_stopword());
            assert_eq!(features.stopwords, stopwords, "{text:?}");
            let capitalized = count(&|_, traits| traits.is_capitalized());
            assert_eq!(features.capitalized, capitalized, "{text:?}");
            let inner = count(&|index, traits| index > 0 && !traits.is_stopword());
            assert_eq!(features.inner_content_words, inner, "{text:?}");
            let inner_capitalized = count(&|index, traits| {
                index > 0 && !traits.is_stopword() && traits.is_capitalized()
            });
            assert_eq!(features.inner_capitalized, inner_capitalized, "{text:?}");
            assert_eq!(features.numbers, count(&|_, traits| traits.is_number()));
            let has_digits = count(&|_, traits| traits.has_digit()) > 0;
            assert_eq!(features.has_digits, has_digits, "{text:?}");
            let hashes: Vec<u64> = words.iter().map(|&(hash, _)| hash).collect();
            assert_eq!(tokens.hashes(), hashes, "{text:?}");
            let content: Vec<u64> = (words.iter())
                .filter(|(_, traits)| {
                    !traits.is_stopword() && !traits.is_number() && traits.has_three_chars()
                })
                .map(|&(hash, _)| hash)
                .collect();
            assert_eq!(tokens.content(), content, "{text:?}");
        }
    }

    #[test]
    fn the_word_line_from_the_table_is_the_texts_word_line() {
        use crate::text::patterns::word_line;
        // Short paragraphs with a number or a byline opening: the ones given a word line.
        for text in [
            "Updated 14 April 2025, 9:01 AM EDT",
            "By Jane DOE-Smith and O’Brien’s team, 3 hours ago",
            "  “Don’t” — MÄRZ/2014-03-01 x-  ",
            "By İstanbul Ǆemal 東京 ﬁnal 2024 — ΣΟΦΙΑ'S",
            "Nov. 8th, 2023 -- 'quoted' - 7",
        ] {
            let (features, tokens) = measure(text);
            assert!(features.words <= SHORT_PARAGRAPH_WORDS, "{text:?}");
            assert_eq!(tokens.word_line, word_line(text), "{text:?}");
        }
        // Longer ones get none.
        let long = "By 1 ".repeat(SHORT_PARAGRAPH_WORDS);
        assert_eq!(measure(&long).1.word_line, "");
    }

    /// [`ByteCounts`] by the definition: a pass per kind.
    fn byte_counts_by_kind(bytes: &[u8]) -> ByteCounts {
        use crate::text::bytes::count_byte_pairs;
        use crate::text::count_bytes;
        ByteCounts {
            chars: count_bytes(bytes, |b| !is_utf8_continuation(b)),
            letters: count_bytes(bytes, |b| b.is_ascii_alphabetic()),
            code_symbols: count_bytes(bytes, |b| "=(){}[];<>\\".as_bytes().contains(&b)),
            sentence_ends: count_byte_pairs(bytes, |b, next| b".!?".contains(&b) && next == b' '),
        }
    }

    #[test]
    fn byte_counts_by_eights_and_in_one_pass_count_as_byte_by_byte() {
        // Every byte at every position, with chunks and tails of every length.
        for byte in 0..=255u8 {
            for position in 0..20 {
                let mut bytes = *b"a. (x) [y]; {z}? <b>!";
                bytes[position] = byte;
                for start in [0, 1, 3] {
                    for end in start..=bytes.len() {
                        let slice = &bytes[start..end];
                        let expected = byte_counts_by_kind(slice);
                        let context = format!("{byte:#x} at {position} of {start}..{end}");
                        assert_eq!(byte_counts_by_eights(slice), expected, "{context}");
                        assert_eq!(byte_counts(slice), expected, "{context}");
                    }
                }
            }
        }
        // Texts longer than a run of one-byte counters, with a sentence end across the
        // runs' border.
        let text = "Héllo, wörld. Ça va? Oui! f(x) = {a; b} [c] <d> \\ 東京 😀. end";
        for repeats in [1, 4, 5, 9] {
            for cut in [0, 1, 2, 7] {
                let long = text.repeat(repeats);
                let bytes = &long.as_bytes()[cut..];
                assert_eq!(byte_counts_by_eights(bytes), byte_counts_by_kind(bytes));
                assert_eq!(byte_counts(bytes), byte_counts_by_kind(bytes));
            }
        }
        // Runs whose every byte counts: the one-byte counters must not overflow.
        for long in [
            "a".repeat(600),
            ". ".repeat(300),
            "é".repeat(300),
            "=".repeat(511),
        ] {
            assert_eq!(
                byte_counts(long.as_bytes()),
                byte_counts_by_kind(long.as_bytes())
            );
        }
    }

    #[test]
    fn characters_are_counted_across_scripts() {
        let (features, _) = measure("Él dijo: «¡Sí!» Done. 東京。 Wait?! Yes… 😀 ok");
        assert_eq!(features.chars, 42);
        assert_eq!(features.letters, 23);
        assert_eq!(features.unspaced_chars, 2);
        // "Done. ", "東京。", "?! " (one, at the "!"), not "«¡Sí!»" (no space after "!").
        assert_eq!(features.sentence_ends, 3);
        assert_eq!(features.code_symbols, 0);
        let (code, _) = measure("let x = f(a[1]) <> {y}; \\n");
        assert_eq!(code.code_symbols, 11);
    }

    #[test]
    fn unspaced_scripts_get_a_word_length() {
        let (features, _) = measure("东京电力公司周二表示将开始排放处理过的水。");
        assert!(features.word_length() >= 8, "{features:?}");
    }
}
