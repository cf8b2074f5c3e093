//! The words of an article's paragraphs, found once: where each stands, its [`word_hash`],
//! and what the rooms above ask of it (stopword, number, capital, length). The cleaner
//! fills the table while it measures every paragraph; the kept paragraphs' words then serve
//! the story summary and the duplicate fingerprint, which would otherwise scan and hash the
//! cleaned text's words a second time.
//!
//! [`word_hash`]: super::word_hash

use super::stopwords::stopwords;
use super::word_set::WordSet;
use super::words::{hashed_words, HashedWord, WordSpan};

/// What is known of a word token apart from its text and hash, worked out once per word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordTraits(u8);

impl WordTraits {
    const STOPWORD: u8 = 1;
    const DIGITS_ONLY: u8 = 1 << 1;
    const HAS_DIGIT: u8 = 1 << 2;
    const THREE_CHARS: u8 = 1 << 3;
    const CAPITALIZED: u8 = 1 << 4;
    const ASCII: u8 = 1 << 5;

    /// The traits of a word token (of [`hashed_words`](super::hashed_words)).
    pub fn of(word: &HashedWord<'_>) -> WordTraits {
        let digits = word.text.bytes().filter(u8::is_ascii_digit).count();
        Self::of_scanned(word, digits, stopwords())
    }

    /// [`WordTraits::of`] a word whose ASCII digits the scanner counted (`digits`, from
    /// [`WordScanner::last_word_digits`](super::words::WordScanner::last_word_digits)),
    /// given the stopword set (looked up once per paragraph, not once per word).
    fn of_scanned(word: &HashedWord<'_>, digits: usize, stopwords: &WordSet) -> WordTraits {
        let mut traits = Self::of_scanned_but_stopword(word, digits);
        traits.mark_stopword(word.hash, stopwords);
        traits
    }

    /// Sets the stopword bit of a word with this hash from the answer, with no branch on it
    /// (see `WordSet`).
    fn mark_stopword(&mut self, hash: u64, stopwords: &WordSet) {
        self.0 |= Self::STOPWORD * u8::from(stopwords.contains(&hash));
    }

    /// [`WordTraits::of_scanned`] without the stopword bit.
    fn of_scanned_but_stopword(word: &HashedWord<'_>, digits: usize) -> WordTraits {
        let bytes = word.text.as_bytes();
        let (three_chars, capitalized) = if word.ascii {
            Self::ascii_three_chars_and_capital(bytes.first().copied(), bytes.len())
        } else {
            Self::three_chars_and_capital(word.text)
        };
        Self::of_parts(bytes.len(), digits, three_chars, capitalized, word.ascii)
    }

    /// [`WordTraits::of_scanned_but_stopword`] of the word at `span` of `text`, which is
    /// sliced as a `&str` only when it is not all ASCII.
    #[inline(always)]
    fn of_span_but_stopword(text: &str, span: &WordSpan, digits: usize) -> WordTraits {
        let length = span.end - span.start;
        let (three_chars, capitalized) = if span.ascii {
            Self::ascii_three_chars_and_capital(text.as_bytes().get(span.start).copied(), length)
        } else {
            Self::three_chars_and_capital(&text[span.start..span.end])
        };
        Self::of_parts(length, digits, three_chars, capitalized, span.ascii)
    }

    /// Whether an ASCII word of `length` bytes, `first` its first, has three characters or
    /// more, and starts with a capital: a character per byte.
    #[inline(always)]
    fn ascii_three_chars_and_capital(first: Option<u8>, length: usize) -> (bool, bool) {
        let first = first.unwrap_or(b' ');
        (length >= 3, first.is_ascii_uppercase())
    }

    /// Whether a word with characters beyond ASCII has three characters or more, and starts
    /// with a capital: its characters counted.
    fn three_chars_and_capital(word: &str) -> (bool, bool) {
        (word.chars().nth(2).is_some(), super::is_capitalized(word))
    }

    /// The traits (but the stopword bit) of a word of `length` bytes with `digits` ASCII
    /// digits and the other answers given.
    #[inline(always)]
    fn of_parts(
        length: usize,
        digits: usize,
        three_chars: bool,
        capitalized: bool,
        ascii: bool,
    ) -> WordTraits {
        let mut traits = 0;
        // A digit is one byte: a word of digits only has as many digits as bytes.
        if digits == length {
            traits |= Self::DIGITS_ONLY;
        }
        if digits > 0 {
            traits |= Self::HAS_DIGIT;
        }
        if three_chars {
            traits |= Self::THREE_CHARS;
        }
        if capitalized {
            traits |= Self::CAPITALIZED;
        }
        if ascii {
            traits |= Self::ASCII;
        }
        WordTraits(traits)
    }

    /// Whether the word is an English stopword ([`stopwords`]).
    pub fn is_stopword(self) -> bool {
        self.0 & Self::STOPWORD != 0
    }

    /// Whether the word is made only of ASCII digits.
    pub fn is_number(self) -> bool {
        self.0 & Self::DIGITS_ONLY != 0
    }

    /// Whether the word holds an ASCII digit.
    pub fn has_digit(self) -> bool {
        self.0 & Self::HAS_DIGIT != 0
    }

    /// Whether the word has three characters or more.
    pub fn has_three_chars(self) -> bool {
        self.0 & Self::THREE_CHARS != 0
    }

    /// Whether the word starts with an uppercase letter ([`is_capitalized`](super::is_capitalized)).
    pub fn is_capitalized(self) -> bool {
        self.0 & Self::CAPITALIZED != 0
    }

    /// Whether the word is all ASCII.
    pub fn is_ascii(self) -> bool {
        self.0 & Self::ASCII != 0
    }

    /// [`is_content_word`](super::is_content_word) of the word, without looking it up again.
    pub fn is_content_word(self) -> bool {
        !self.is_stopword() && (self.has_three_chars() || self.has_digit())
    }
}

/// One word of the table: its span in its paragraph's text, its hash and traits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableWord {
    /// Byte offset of the word in its paragraph's text.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// Its [`word_hash`](super::word_hash).
    pub hash: u64,
    /// What else is known of it.
    pub traits: WordTraits,
}

impl TableWord {
    /// The word of `word`, found at `start` of its paragraph's text.
    pub fn new(start: usize, word: &HashedWord<'_>, traits: WordTraits) -> TableWord {
        TableWord {
            start,
            end: start + word.text.len(),
            hash: word.hash,
            traits,
        }
    }
}

/// A kept paragraph of an article: its words in the table and where its text starts in the
/// article's cleaned text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeptParagraph {
    words: std::ops::Range<usize>,
    offset: usize,
}

/// The words of every paragraph of an article (as the cleaner measured them), and which
/// paragraphs its cleaned text joins.
///
/// The cleaned text is the kept paragraphs' texts, one blank line (`"\n\n"`) apart. A word
/// never spans that blank line (a line break is no word character, and an apostrophe or a
/// hyphen joins a word only to a word character right after it), so the words of the
/// cleaned text are those of its paragraphs, in order, moved by where each paragraph starts.
/// The table stands for the text only when splitting the text at `"\n\n"` gives back its
/// paragraphs, as it does when they hold no line break ([`ArticleWords::paragraphs`] checks);
/// otherwise readers scan the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleWords {
    words: Vec<TableWord>,
    kept: Vec<KeptParagraph>,
    /// Length of the cleaned text the kept paragraphs make.
    text_length: usize,
    /// Whether a kept paragraph holds a line break, which could split the text elsewhere
    /// than between paragraphs.
    broken: bool,
}

impl ArticleWords {
    /// A table with room for the words of a text of `text_length` bytes (English runs at
    /// about six bytes a word), so that it is allocated once.
    pub fn with_capacity(text_length: usize) -> ArticleWords {
        ArticleWords {
            words: Vec::with_capacity(text_length / 5 + 1),
            ..ArticleWords::default()
        }
    }

    /// Adds the words of the next paragraph (paragraphs in order), with their spans within
    /// `text`, its text; returns where they are in the table.
    pub fn push_paragraph(&mut self, text: &str) -> std::ops::Range<usize> {
        let first = self.words.len();
        let stopwords = stopwords();
        let mut scanner = hashed_words(text);
        while let Some(span) = scanner.next_span_inlined() {
            let traits = WordTraits::of_span_but_stopword(text, &span, scanner.last_word_digits());
            self.words.push(TableWord {
                start: span.start,
                end: span.end,
                hash: span.hash,
                traits,
            });
        }
        // The stopword bits in a loop of their own: each lookup waits for its word's hash, at
        // the end of the scan's chain of multiplies, and in the scan's loop the wait was
        // lost with every mispredicted word end; here the lookups of a paragraph's words
        // overlap, with no branch between them.
        for word in &mut self.words[first..] {
            word.traits.mark_stopword(word.hash, stopwords);
        }
        first..self.words.len()
    }

    /// The words at `range` of the table (as [`ArticleWords::push_paragraph`] returned it).
    pub fn words(&self, range: std::ops::Range<usize>) -> &[TableWord] {
        &self.words[range]
    }

    /// The number of words pushed so far: where the next paragraph's words start.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The number of words of the kept paragraphs (of the cleaned text).
    pub fn kept_len(&self) -> usize {
        self.kept
            .iter()
            .map(|paragraph| paragraph.words.len())
            .sum()
    }

    /// Whether no word was pushed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Room for `paragraphs` more kept paragraphs ([`keep`](Self::keep)), made at once.
    pub fn reserve_kept(&mut self, paragraphs: usize) {
        self.kept.reserve(paragraphs);
    }

    /// Marks the paragraph of `text` whose words are `words` as the next one the cleaned
    /// text joins (after a blank line unless it is the first).
    pub fn keep(&mut self, text: &str, words: std::ops::Range<usize>) {
        if !self.kept.is_empty() {
            self.text_length += 2;
        }
        // A paragraph's text holds no line break (the cleaner joins its lines); should one
        // ever, the table gives way to a scan rather than tell which breaks are harmless.
        self.broken |= text.as_bytes().contains(&b'\n');
        self.kept.push(KeptParagraph {
            words,
            offset: self.text_length,
        });
        self.text_length += text.len();
    }

    /// The table of `text` scanned here, its paragraphs the pieces between its blank lines
    /// (`"\n\n"`), as a reader of a cleaned text splits it: for a text without the
    /// cleaner's table.
    pub fn scan(text: &str) -> ArticleWords {
        let mut table = ArticleWords::with_capacity(text.len());
        for piece in text.split("\n\n") {
            let words = table.push_paragraph(piece);
            table.kept.push(KeptParagraph {
                words,
                offset: piece.as_ptr() as usize - text.as_ptr() as usize,
            });
        }
        // The pieces are the text's own split, whatever line breaks they hold.
        table.text_length = text.len();
        table
    }

    /// The kept paragraphs of `text`, the cleaned text they were joined into: for each,
    /// where it starts in `text` and its words (spans within the paragraph). `None` when
    /// the table does not stand for `text` (another text, or one whose paragraphs hold
    /// line breaks), so that the caller scans it.
    pub fn paragraphs<'a>(
        &'a self,
        text: &str,
    ) -> Option<impl Iterator<Item = (usize, &'a [TableWord])> + 'a> {
        if self.broken || text.len() != self.text_length {
            return None;
        }
        Some(
            self.kept
                .iter()
                .map(|paragraph| (paragraph.offset, &self.words[paragraph.words.clone()])),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::test_texts::every_joining;
    use crate::text::{hashed_words, is_capitalized, is_content_word};

    fn table_of(paragraphs: &[&str]) -> (ArticleWords, String) {
        let mut table = ArticleWords::default();
        for paragraph in paragraphs {
            let words = table.push_paragraph(paragraph);
            table.keep(paragraph, words);
        }
        (table, paragraphs.join("\n\n"))
    }

    #[test]
    fn the_table_gives_the_words_a_scan_of_the_joined_text_finds() {
        let paragraphs = [
            "Don’t e-mail TORRES-Guillén's office-",
            "-now, 'at' 3.5 o’clock x-",
            "Ça va? 東京 the G7 at 12",
            "",
        ];
        let (table, text) = table_of(&paragraphs);
        let from_table: Vec<(&str, u64, WordTraits)> = table
            .paragraphs(&text)
            .expect("the table stands for its text")
            .flat_map(|(offset, words)| {
                let text = &text;
                words.iter().map(move |word| {
                    (
                        &text[offset + word.start..offset + word.end],
                        word.hash,
                        word.traits,
                    )
                })
            })
            .collect();
        let scanned: Vec<(&str, u64, WordTraits)> = hashed_words(&text)
            .map(|word| (word.text, word.hash, WordTraits::of(&word)))
            .collect();
        assert_eq!(from_table, scanned);
        assert_eq!(table.kept_len(), scanned.len());
        for word in hashed_words(&text) {
            let traits = WordTraits::of(&word);
            assert_eq!(traits.is_content_word(), is_content_word(&word), "{word:?}");
            assert_eq!(traits.is_capitalized(), is_capitalized(word.text));
            assert_eq!(traits.is_ascii(), word.ascii);
        }
    }

    #[test]
    fn the_scanners_digit_count_is_the_words_ascii_digits() {
        // Digits, letters, joiners (straight and curly apostrophe, hyphen), a non-ASCII
        // letter and a non-ASCII digit, separators: every word shape up to five pieces.
        let pieces = [
            "0", "9", "5", "/", ":", "a", "Z", "-", "'", "’", "é", "٣", " ", "@",
        ];
        let mut texts = every_joining(&pieces, 5, "");
        texts.push("1234567 12345678 123456789 abcdefgh 2024-06-30 x1 99th".into());
        for text in &texts {
            let mut scanner = hashed_words(text);
            while let Some(word) = scanner.next() {
                let digits = word.text.bytes().filter(u8::is_ascii_digit).count();
                assert_eq!(scanner.last_word_digits(), digits, "{text:?}: {word:?}");
                let traits = WordTraits::of_scanned(&word, digits, stopwords());
                assert_eq!(traits, WordTraits::of(&word), "{text:?}: {word:?}");
                assert_eq!(traits.has_digit(), digits > 0, "{text:?}: {word:?}");
                assert_eq!(
                    traits.is_number(),
                    word.text.bytes().all(|byte| byte.is_ascii_digit()),
                    "{text:?}: {word:?}"
                );
            }
            // The table, filled from the scanner's spans, against the words and their
            // traits by definition.
            let mut table = ArticleWords::default();
            let range = table.push_paragraph(text);
            let from_table: Vec<(&str, u64, WordTraits)> = table
                .words(range)
                .iter()
                .map(|word| (&text[word.start..word.end], word.hash, word.traits))
                .collect();
            let scanned: Vec<(&str, u64, WordTraits)> = hashed_words(text)
                .map(|word| (word.text, word.hash, WordTraits::of(&word)))
                .collect();
            assert_eq!(from_table, scanned, "{text:?}");
        }
    }

    #[test]
    fn a_scanned_table_splits_the_text_as_its_readers_do() {
        for text in [
            "",
            "a\n\n\nb 1.5",
            "One two.\n\nThree\n\n\n\nfour’s",
            "x-\n\n-y",
        ] {
            let table = ArticleWords::scan(text);
            let paragraphs: Vec<_> = table.paragraphs(text).expect("its own text").collect();
            let pieces: Vec<&str> = text.split("\n\n").collect();
            assert_eq!(paragraphs.len(), pieces.len(), "{text:?}");
            for ((offset, words), piece) in paragraphs.into_iter().zip(pieces) {
                let from_table: Vec<&str> = words
                    .iter()
                    .map(|word| &text[offset + word.start..offset + word.end])
                    .collect();
                let scanned: Vec<&str> = crate::text::words(piece).collect();
                assert_eq!(from_table, scanned, "{text:?}");
            }
        }
    }

    #[test]
    fn a_table_stands_only_for_its_own_text_without_inner_blank_lines() {
        let (table, text) = table_of(&["One two.", "Three four."]);
        assert!(table.paragraphs(&text).is_some());
        assert!(table.paragraphs("One two.\n\nThree four!!").is_none());
        for broken in [["a\n\nb", "c"], ["a\n", "b"], ["a", "\nb"], ["a\nb", "c"]] {
            let (table, text) = table_of(&broken);
            assert!(table.paragraphs(&text).is_none(), "{broken:?}");
        }
    }
}
