//! The word lists and patterns the cleaner reads (boilerplate phrases, related-content
//! markers, credit and caption cues, byline openings and role words, date-line words, date
//! labels). They live as plain text files in `src/clean/lexicon/` so that rules are data:
//! adding a phrase or a pattern never means adding an `if`. Word lists are looked up by
//! word hash; patterns become one [`Rule`] per rule family, built here once.

use crate::text::patterns::without_comments;
use crate::text::sorting;
use std::collections::HashSet;
use std::sync::OnceLock;

use crate::text::patterns::{
    alternatives, lexicon_lines, literal_alternatives, Rule, IGNORING_ASCII_CASE,
};
use crate::text::{
    word_hash, word_hashes, FirstWordFilter, HashMapOfWords, HashSetOfWords, WordSet,
};

/// Where a boilerplate phrase applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseScope {
    /// Only short blocks: a few words more than the phrase itself.
    Line,
    /// Any block of up to [`NOTICE_MAX_WORDS`] words.
    Notice,
    /// Blocks of up to [`PROMPT_MAX_WORDS`] words: one-sentence invitations ("Get the
    /// latest news in your inbox") whose words could also stand in a longer sentence.
    Prompt,
}

/// Longest block a `notice` phrase can mark as boilerplate.
pub const NOTICE_MAX_WORDS: usize = 80;

/// Longest block a `prompt` phrase can mark as boilerplate.
pub const PROMPT_MAX_WORDS: usize = 20;

/// A multi-word phrase with what it means.
#[derive(Debug)]
pub struct Phrase {
    /// The phrase's words as [`word_hash`]es.
    pub words: Vec<u64>,
    /// Reason shown to the user when the phrase removes a block.
    pub reason: &'static str,
    /// Where the phrase applies.
    pub scope: PhraseScope,
}

/// A set of phrases indexed by their first word, for matching inside a sequence of word
/// hashes (see [`word_hash`]).
#[derive(Debug, Default)]
pub struct PhraseSet {
    by_first_word: HashMapOfWords<Vec<Phrase>>,
    /// The openings of the phrases ([`PhraseSet::opening_key`]), one bit each: most places
    /// of a text are ruled out by one bit test, without a lookup in `by_first_word`. By
    /// the first two words and not the first alone, since the phrases open with common
    /// words ("you", "this", "our", "next"), which ruled out little.
    openings: PairFilter,
    /// The words of the phrases of one word.
    single_words: FirstWordFilter,
}

/// The bit filter of the phrase sets' openings (4,096 bits, 512 bytes): the boilerplate
/// phrases' two hundred openings set about one bit in twenty, as [`FirstWordFilter`] is
/// sized for its lists.
type PairFilter = crate::text::HashFilter<64>;

impl PhraseSet {
    fn insert(&mut self, phrase: Phrase) {
        match phrase.words[..] {
            [] => return,
            [single] => self.single_words.insert(single),
            [first, second, ..] => self.openings.insert(Self::opening_key(first, second)),
        }
        let first = phrase.words[0];
        self.by_first_word.entry(first).or_default().push(phrase);
    }

    /// One hash of a phrase's first two words, for the openings' filter (which reads its
    /// top bits): the second word's bits turned so that its top bits do not cancel the
    /// first's, and mixed up by a multiply.
    fn opening_key(first: u64, second: u64) -> u64 {
        (first ^ second.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    /// Whether a phrase may start at word `at` of `words` (false: none does).
    fn may_start_at(&self, words: &[u64], at: usize) -> bool {
        let Some(&first) = words.get(at) else {
            return false;
        };
        self.single_words.may_contain(first)
            || words
                .get(at + 1)
                .is_some_and(|&second| self.openings.may_contain(Self::opening_key(first, second)))
    }

    /// The phrases occurring in `words`, longest match at each position.
    pub fn find<'a>(&'a self, words: &'a [u64]) -> impl Iterator<Item = &'a Phrase> + 'a {
        // The filter tested here, where the loop is, so that the places it rules out
        // (nearly all) cost no call of `longest_at`, which tests it again for its other
        // callers.
        (0..words.len())
            .filter(move |&at| self.may_start_at(words, at))
            .filter_map(move |at| self.longest_at(words, at))
    }

    /// The longest phrase starting at word `at`.
    pub fn longest_at(&self, words: &[u64], at: usize) -> Option<&Phrase> {
        if !self.may_start_at(words, at) {
            return None;
        }
        let first = &words[at];
        let candidates = self.by_first_word.get(first)?;
        // The first word is the key's. The rest compared a word at a time in this loop:
        // phrases are a few words long, and `starts_with` on the slices called `memcmp`
        // (natively; in the page's build the loop weighed more than it saved).
        let rest = &words[at + 1..];
        candidates
            .iter()
            .filter(|phrase| {
                if cfg!(target_arch = "wasm32") {
                    return words[at..].starts_with(&phrase.words);
                }
                let more = phrase.words.get(1..).unwrap_or_default();
                more.len() <= rest.len() && more.iter().zip(rest).all(|(a, b)| a == b)
            })
            .max_by_key(|phrase| phrase.words.len())
    }

    /// Whether `words` begins with one of the phrases; returns the longest.
    pub fn prefix_of(&self, words: &[u64]) -> Option<&Phrase> {
        self.longest_at(words, 0)
    }
}

/// What a labelled date is, by its label ("Published:", "Date", "Last updated").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateLabel {
    /// The article's publication: "Published", "Posted", "First published".
    Published,
    /// The page's own date, without saying which: "Date", "Created", "Written".
    Stated,
    /// A later change: "Updated", "Last modified", "Edited".
    Updated,
}

/// A label of a page's own date, as lowercase words.
#[derive(Debug)]
pub struct DateLabelPhrase {
    /// The label's words, lowercase ("last", "updated").
    pub words: Vec<&'static str>,
    /// What the date after it is.
    pub label: DateLabel,
}

/// All word lists, parsed once.
#[derive(Debug)]
pub struct Lexicon {
    /// Share/subscribe/cookie/navigation/footer phrases.
    pub boilerplate: PhraseSet,
    /// Openings of related-content regions.
    pub related_markers: PhraseSet,
    /// Words naming photo agencies and credit cues.
    pub credit_markers: PhraseSet,
    /// How a caption opens (`caption_starts.txt`), anchored at the block's start.
    pub caption_start: Rule,
    /// How a credit line opens (`credit_openings.txt`), anchored at the block's start.
    pub credit_opening: Rule,
    /// A credit label ending a caption (`credit_labels.txt`), anywhere.
    pub credit_label: Rule,
    /// How a copyright line opens (`copyright_openings.txt`), anchored at the block's start.
    pub copyright_opening: Rule,
    /// The last word of a commenter's name line (`commenter_endings.txt`) after its space,
    /// anchored at both ends: matched against the line from its last space.
    pub commenter_ending: Rule,
    /// A byline opening (`byline_openings.txt`) at the start of a
    /// [`word_line`](crate::text::patterns::word_line), then a space (a word follows) or the
    /// line's end.
    pub byline_opening: Rule,
    /// Most words in one byline opening.
    pub byline_opening_max_words: usize,
    /// First words of byline openings ("by", "written", "author"), as [`word_hash`]es: a
    /// paragraph without one among its first words is no byline, and needs no closer look.
    /// A [`WordSet`]: the first 30 words of most paragraphs are asked, and one bit test
    /// answers for most of them.
    pub byline_openings: WordSet,
    /// Role and outlet words that end an author's name in a byline.
    pub byline_stop_words: HashSet<&'static str>,
    /// Words that may stand beside a date in a date line (`date_line_words.txt`).
    pub date_line_words: HashSetOfWords,
    /// Labels of a page's own date, longest first (so that "last updated" is tried before
    /// "updated" would leave "last" behind).
    pub date_labels: Vec<DateLabelPhrase>,
}

impl Lexicon {
    /// The date label that `words` (lowercase) begin with, and its length in words.
    pub fn date_label_at(&self, words: &[impl AsRef<str>]) -> Option<(DateLabel, usize)> {
        self.date_labels.iter().find_map(|phrase| {
            (phrase.words.len() <= words.len()
                && phrase
                    .words
                    .iter()
                    .zip(words)
                    .all(|(label, word)| *label == word.as_ref()))
            .then_some((phrase.label, phrase.words.len()))
        })
    }

    /// The labels standing anywhere in `words` (lowercase), each with its position.
    pub fn date_labels_in<'a>(
        &'a self,
        words: &'a [impl AsRef<str>],
    ) -> impl Iterator<Item = (usize, DateLabel)> + 'a {
        (0..words.len()).filter_map(move |at| {
            self.date_label_at(&words[at..])
                .map(|(label, _)| (at, label))
        })
    }
}

/// The lexicon, parsed from the embedded files on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon {
        boilerplate: boilerplate_phrases(without_comments!(include_str!(
            "lexicon/boilerplate_phrases.txt"
        ))),
        related_markers: simple_phrases(
            without_comments!(include_str!("lexicon/related_markers.txt")),
            "related content",
        ),
        credit_markers: simple_phrases(
            without_comments!(include_str!("lexicon/credit_markers.txt")),
            "photo credit",
        ),
        caption_start: opening_rule(without_comments!(include_str!(
            "lexicon/caption_starts.txt"
        ))),
        credit_opening: opening_rule(without_comments!(include_str!(
            "lexicon/credit_openings.txt"
        ))),
        credit_label: Rule::new(&alternatives(without_comments!(include_str!(
            "lexicon/credit_labels.txt"
        )))),
        copyright_opening: opening_rule(without_comments!(include_str!(
            "lexicon/copyright_openings.txt"
        ))),
        commenter_ending: Rule::new(&format!(
            "{IGNORING_ASCII_CASE}^ {}$)",
            alternatives(without_comments!(include_str!(
                "lexicon/commenter_endings.txt"
            )))
        )),
        byline_opening: Rule::new(&format!(
            "^{}(?: |$)",
            literal_alternatives(byline_openings().map(|opening| opening.join(" ")))
        )),
        byline_opening_max_words: byline_openings()
            .map(|opening| opening.len())
            .max()
            .unwrap_or(0),
        byline_openings: WordSet::from(
            byline_openings()
                .filter_map(|opening| opening.first().copied())
                .map(word_hash)
                .collect::<HashSetOfWords>(),
        ),
        byline_stop_words: entries(without_comments!(include_str!("lexicon/byline_words.txt")))
            .collect(),
        date_line_words: entries(without_comments!(include_str!(
            "lexicon/date_line_words.txt"
        )))
        .flat_map(str::split_whitespace)
        .map(word_hash)
        .collect(),
        date_labels: date_labels(without_comments!(include_str!("lexicon/date_labels.txt"))),
    })
}

/// The byline openings, each as its words.
fn byline_openings() -> impl Iterator<Item = Vec<&'static str>> {
    entries(without_comments!(include_str!(
        "lexicon/byline_openings.txt"
    )))
    .map(|opening| opening.split_whitespace().collect())
}

/// Most bytes a pattern of the opening files (caption starts, credit and copyright
/// openings) may have; a test holds the files to it. Without repetition, a pattern matches
/// no more bytes than it has, so this bounds what an opening can match.
const OPENING_MAX_BYTES: usize = 80;

/// The start of `text` that an opening pattern is matched against: no more than an opening
/// can match ([`OPENING_MAX_BYTES`]): what lies beyond cannot change whether an opening
/// matches, and most paragraphs are far longer.
pub fn opening(text: &str) -> &str {
    let mut end = text.len().min(OPENING_MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The patterns of a file of openings (`caption_starts.txt`, `credit_openings.txt`,
/// `copyright_openings.txt`) as one rule matching at the start of a text, ignoring ASCII
/// case (every opening is ASCII). Anchored, so a rule tries its texts at the text's start
/// only, and the first byte rules out most paragraphs.
fn opening_rule(file: &str) -> Rule {
    Rule::new(&format!("{IGNORING_ASCII_CASE}^{})", alternatives(file)))
}

/// The date labels, longest first.
fn date_labels(file: &'static str) -> Vec<DateLabelPhrase> {
    let mut labels: Vec<DateLabelPhrase> = entries(file)
        .filter_map(|line| {
            let (phrase, kind) = line.split_once('\t')?;
            let label = match kind.trim() {
                "published" => DateLabel::Published,
                "updated" => DateLabel::Updated,
                _ => DateLabel::Stated,
            };
            Some(DateLabelPhrase {
                words: phrase.split_whitespace().collect(),
                label,
            })
        })
        .collect();
    sorting::sort_by_key(&mut labels, |phrase| std::cmp::Reverse(phrase.words.len()));
    labels
}

/// Non-empty, non-comment lines of a lexicon file.
fn entries(file: &'static str) -> impl Iterator<Item = &'static str> {
    lexicon_lines(file)
}

fn simple_phrases(file: &'static str, reason: &'static str) -> PhraseSet {
    let mut set = PhraseSet::default();
    for line in entries(file) {
        set.insert(Phrase {
            words: word_hashes(line),
            reason,
            scope: PhraseScope::Line,
        });
    }
    set
}

fn boilerplate_phrases(file: &'static str) -> PhraseSet {
    let mut set = PhraseSet::default();
    for line in entries(file) {
        let mut fields = line.split('\t');
        let phrase = fields.next().unwrap_or_default();
        let reason = fields.next().unwrap_or("page furniture");
        let scope = match fields.next() {
            Some("notice") => PhraseScope::Notice,
            Some("prompt") => PhraseScope::Prompt,
            _ => PhraseScope::Line,
        };
        set.insert(Phrase {
            words: word_hashes(phrase),
            reason,
            scope,
        });
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phrase_sets_find_the_longest_phrase_at_every_place() {
        let lexicon = lexicon();
        for set in [
            &lexicon.boilerplate,
            &lexicon.related_markers,
            &lexicon.credit_markers,
        ] {
            let phrases: Vec<&Phrase> = set.by_first_word.values().flatten().collect();
            // The phrases' own words, and two that open none, in generated sequences.
            let mut vocabulary: Vec<u64> = phrases.iter().flat_map(|p| p.words.clone()).collect();
            vocabulary.extend([word_hash("the"), word_hash("council")]);
            vocabulary.sort_unstable();
            vocabulary.dedup();
            let mut numbers = crate::text::test_numbers::TestNumbers::new(0x2545_F491_4F6C_DD1D);
            let mut next = |bound: usize| numbers.below(bound as u64) as usize;
            for round in 0..4_000 {
                let mut words: Vec<u64> = (0..next(12))
                    .map(|_| vocabulary[next(vocabulary.len())])
                    .collect();
                // Every phrase whole, somewhere, now and then.
                let planted = phrases[round % phrases.len()];
                let at = next(words.len() + 1);
                words.splice(at..at, planted.words.iter().copied());
                for at in 0..=words.len() {
                    // The definition: the longest phrase the words at `at` begin with.
                    let expected = phrases
                        .iter()
                        .filter(|phrase| words[at..].starts_with(&phrase.words))
                        .map(|phrase| phrase.words.len())
                        .max();
                    let found = set.longest_at(&words, at).map(|phrase| phrase.words.len());
                    assert_eq!(found, expected, "{words:?} at {at}");
                }
                let found = set.find(&words).count();
                let expected = (0..words.len())
                    .filter(|&at| set.longest_at(&words, at).is_some())
                    .count();
                assert!(found >= 1 && found == expected);
            }
        }
    }

    #[test]
    fn lists_are_loaded() {
        let lexicon = lexicon();
        assert!(crate::text::stopwords().contains(&word_hash("The")));
        let words = word_hashes("Please sign up for our newsletter");
        // has_inline_credit searches only blocks with a colon, and commenter endings only
        // from the last space: the files must keep to that.
        for label in lexicon_lines(include_str!("lexicon/credit_labels.txt")) {
            assert!(
                label.ends_with(':'),
                "credit label {label:?} must end with a colon"
            );
        }
        for ending in lexicon_lines(include_str!("lexicon/commenter_endings.txt")) {
            assert!(
                !ending.contains(' '),
                "commenter ending {ending:?} must be one word"
            );
        }
        // Openings are matched against the first OPENING_MAX_BYTES of a block.
        for file in [
            include_str!("lexicon/caption_starts.txt"),
            include_str!("lexicon/credit_openings.txt"),
            include_str!("lexicon/copyright_openings.txt"),
        ] {
            for pattern in lexicon_lines(file) {
                assert!(
                    !pattern.contains(['*', '+', '{']) && pattern.len() <= OPENING_MAX_BYTES,
                    "opening pattern {pattern:?} may match more than {OPENING_MAX_BYTES} bytes"
                );
            }
        }
        assert_eq!(opening("Photo: é"), "Photo: é");
        assert_eq!(opening(&"é".repeat(50)).len(), OPENING_MAX_BYTES);
        let found: Vec<_> = lexicon.boilerplate.find(&words).map(|p| p.reason).collect();
        assert!(found.contains(&"newsletter prompt"), "{found:?}");
        assert!(lexicon
            .related_markers
            .prefix_of(&word_hashes("You May Also Like"))
            .is_some());
        assert!(lexicon
            .related_markers
            .prefix_of(&word_hashes("the president"))
            .is_none());
        assert_eq!(
            lexicon.date_label_at(&["last", "updated", "may"]),
            Some((DateLabel::Updated, 2))
        );
        assert_eq!(
            lexicon.date_label_at(&["posted", "on"]),
            Some((DateLabel::Published, 1))
        );
        assert_eq!(lexicon.date_label_at(&["the", "date"]), None);
        let found: Vec<_> = lexicon
            .date_labels_in(&["crime", "published", "on"])
            .collect();
        assert_eq!(found, [(1, DateLabel::Published)]);
    }

    #[test]
    fn a_rule_answers_as_its_regex_does() {
        use crate::text::patterns::word_line;
        let lexicon = lexicon();
        let rules = [
            &lexicon.caption_start,
            &lexicon.credit_opening,
            &lexicon.copyright_opening,
            &lexicon.credit_label,
            &lexicon.commenter_ending,
            &lexicon.byline_opening,
        ];
        // Every first character (ASCII, a letter with an accent, the Kelvin sign and the
        // long s, which Unicode folds onto "k" and "s") before the rest of openings, and
        // the same after a few words.
        let firsts = (0x20u8..0x7f)
            .map(char::from)
            .chain(['é', '\u{212A}', 'ſ'])
            .map(String::from);
        let rests = [
            "",
            "hoto: Jane",
            "hotos: x",
            "ILE PHOTO: x",
            "ile - x",
            "opyright 2024",
            "c) 2024",
            ") 2024",
            "n this undated photo x",
            "redit: x",
            "OURCE: x",
            "mage: x",
            "hotograph: Jane Doe/Agency",
            "ays:",
            "aid:",
            "y ana ruiz",
            "ritten by jo",
            " x",
        ];
        let mut probes: Vec<String> = firsts
            .flat_map(|first| rests.map(|rest| format!("{first}{rest}")))
            .flat_map(|probe| [format!("The mayor {probe}"), format!("jo {probe}"), probe])
            .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for entry in std::fs::read_dir(root).expect("the fixtures are readable") {
            let text = std::fs::read_to_string(entry.expect("a fixture").path());
            for line in text.unwrap_or_default().lines() {
                let trimmed = line.trim();
                let last_word = trimmed.rfind(' ').map_or("", |space| &trimmed[space..]);
                probes.extend([
                    opening(trimmed).to_string(),
                    trimmed.to_string(),
                    word_line(trimmed),
                    last_word.to_string(),
                ]);
            }
        }
        for rule in rules {
            let regex = rule.regex();
            for probe in &probes {
                let ranges = |found: &mut dyn Iterator<Item = std::ops::Range<usize>>| {
                    found.collect::<Vec<_>>()
                };
                assert_eq!(
                    ranges(&mut rule.find_iter(probe).map(|found| found.range())),
                    ranges(&mut regex.find_iter(probe).map(|found| found.range())),
                    "{} on {probe:?}",
                    regex.as_str()
                );
                assert_eq!(rule.is_match(probe), regex.is_match(probe));
                assert_eq!(
                    rule.find(probe).map(|found| found.range()),
                    regex.find(probe).map(|found| found.range())
                );
            }
        }
        let read = |rule: &Rule| {
            let mut texts = rule.texts();
            texts.sort_unstable();
            texts
        };
        assert_eq!(read(&lexicon.copyright_opening), ["(c) ", "copyright"]);
        assert_eq!(
            read(&lexicon.commenter_ending),
            [" replied:", " said:", " says", " says:", " wrote:"]
        );
        assert!(read(&lexicon.caption_start).contains(&"in this undated photo:".to_string()));
    }

    /// The rules match as their patterns do under the regex crate (their specification) on
    /// every paragraph of the test texts, and on what the rules are given of it: its
    /// opening, its word line, its last word.
    #[test]
    fn the_rules_match_as_their_patterns_on_the_test_texts() {
        use crate::text::patterns::word_line;
        let lexicon = lexicon();
        let rules = [
            &lexicon.caption_start,
            &lexicon.credit_opening,
            &lexicon.credit_label,
            &lexicon.copyright_opening,
            &lexicon.commenter_ending,
            &lexicon.byline_opening,
        ];
        let mut texts: Vec<String> = [
            "Photo: Jane Doe",
            "IMAGE VIA Agency",
            "In this undated photo provided",
            "file - x",
            "(c) 2024",
            "COPYRIGHT Example",
            "jane SAYS:",
            "by ana ruiz",
            "written by",
            "30 June 30 2024",
            "8 de noviembre de 2023",
            "8 de de 2024",
            "2025-06-30t10 x",
            "123456/12/25/2024",
            "10/25.12.2023",
            "1.2.3.4 then 3.4.2020",
            "updated 3 hours ago",
            "caf\u{e9} m\u{e4}rz 2014",
            "The mayor spoke. Photograph: Jane Doe/Agency",
        ]
        .map(String::from)
        .to_vec();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let mut directories = vec![root.join("fixtures"), root.join("batches")];
        while let Some(directory) = directories.pop() {
            for entry in std::fs::read_dir(&directory).expect("the test texts are readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    directories.push(path);
                } else if path.extension().is_some_and(|extension| extension == "txt") {
                    let text = std::fs::read_to_string(&path).expect("a test text is UTF-8");
                    for paragraph in text.split('\n').filter(|line| !line.trim().is_empty()) {
                        let trimmed = paragraph.trim_end();
                        let last_word = trimmed.rfind(' ').map_or("", |space| &trimmed[space..]);
                        texts.extend([
                            paragraph.to_string(),
                            opening(paragraph).to_string(),
                            opening(paragraph.trim()).to_string(),
                            word_line(paragraph),
                            last_word.to_string(),
                        ]);
                    }
                }
            }
        }
        assert!(texts.len() > 1000, "the test texts should give many probes");
        for rule in rules {
            let regex = rule.regex();
            for text in &texts {
                let by_rule: Vec<_> = rule.find_iter(text).map(|found| found.range()).collect();
                let by_regex: Vec<_> = regex.find_iter(text).map(|found| found.range()).collect();
                assert_eq!(by_rule, by_regex, "{} on {text:?}", regex.as_str());
            }
        }
    }
}
