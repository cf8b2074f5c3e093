//! One paragraph with everything measured about it: its features and tokens, the local
//! rules' verdict and a quality class (jusText's idea: length, stopword density, sentence
//! punctuation). Shared by the body decision, the verdicts and the metadata.

use super::features::{measure_into, Features, Tokens};
use super::noise::{local_noise, LocalNoise};
use super::repeats::sequence_key;
use super::stamps::split_stamps;
use crate::report::BlockKind;
use crate::text::segment::{paragraphs, ListMarker, Paragraph};
use crate::text::ArticleWords;

/// How much a paragraph looks like article prose, judged on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quality {
    /// Long running prose.
    Good,
    /// Prose of middling length or density.
    NearGood,
    /// Too short to judge (a heading, a one-line sentence, a label).
    Short,
    /// Menu entries, headlines of other stories, keyword lists.
    Bad,
}

/// One paragraph with everything measured about it.
#[derive(Debug)]
pub struct Analysed {
    /// The paragraph.
    pub paragraph: Paragraph,
    /// Its measurements.
    pub features: Features,
    /// Its words, tokenised once.
    pub tokens: Tokens,
    /// Where its words are in the article's word table.
    pub words: std::ops::Range<usize>,
    /// Hash of its word sequence ([`sequence_key`]): equal for repeated paragraphs.
    pub key: u64,
    /// Verdict of the local rules.
    pub noise: Option<LocalNoise>,
    /// Quality class.
    pub quality: Quality,
}

impl Analysed {
    /// Whether the local rules judged the paragraph to be of this kind.
    pub fn noise_is(&self, kind: BlockKind) -> bool {
        self.noise.as_ref().is_some_and(|noise| noise.kind == kind)
    }

    /// Whether the paragraph reads as prose (good or near-good quality).
    pub fn is_prose(&self) -> bool {
        matches!(self.quality, Quality::Good | Quality::NearGood)
    }

    /// Whether the paragraph looks like a line of code or a shell command.
    pub fn is_code(&self) -> bool {
        self.features.is_code_like() || starts_like_code(&self.paragraph.text)
    }
}

/// Paragraphs with more words than this skip the phrase rules (they are prose).
pub const PHRASE_RULE_MAX_WORDS: usize = 100;

/// Share of stopwords over the page's longer paragraphs above which the page is treated
/// as English (English prose runs at 0.4 to 0.5; other languages well under 0.15).
pub const ENGLISH_STOPWORD_SHARE: f64 = 0.2;

/// Measures and locally judges every paragraph; their words in one table.
pub fn analyse(input: &str) -> (Vec<Analysed>, ArticleWords) {
    analyse_paragraphs(input, paragraphs(input))
}

/// Measures and locally judges the given paragraphs of `input` (their spans point into it):
/// the paragraphs of pasted text, or the blocks of a page. Their words go into one table,
/// which the article's later readers share.
pub fn analyse_paragraphs(
    input: &str,
    paragraphs: Vec<Paragraph>,
) -> (Vec<Analysed>, ArticleWords) {
    let paragraphs = split_stamps(input, paragraphs);
    let mut table = ArticleWords::with_capacity(input.len());
    let mut analysed: Vec<Analysed> = paragraphs
        .into_iter()
        .map(|paragraph| {
            let (features, tokens, words) = measure_into(&paragraph.text, &mut table);
            let noise = if features.words <= PHRASE_RULE_MAX_WORDS {
                local_noise(&paragraph.text, &features, &tokens)
            } else {
                None
            };
            let key = sequence_key(tokens.hashes());
            Analysed {
                paragraph,
                features,
                tokens,
                words,
                key,
                noise,
                quality: Quality::Short,
            }
        })
        .collect();
    let english = is_english(&analysed);
    for item in &mut analysed {
        item.quality = quality(&item.paragraph, &item.features, english);
    }
    (analysed, table)
}

pub fn is_english(analysed: &[Analysed]) -> bool {
    let (stopwords, words) = analysed
        .iter()
        .filter(|item| item.features.words >= 10)
        .fold((0, 0), |(s, w), item| {
            (s + item.features.stopwords, w + item.features.words)
        });
    words == 0 || stopwords as f64 >= words as f64 * ENGLISH_STOPWORD_SHARE
}

pub fn quality(paragraph: &Paragraph, features: &Features, english: bool) -> Quality {
    let length = features.word_length();
    let list_item = paragraph.list_marker == Some(ListMarker::Bullet);
    if list_item && length < 10 {
        return Quality::Bad;
    }
    if features.is_title_case() && (3..=20).contains(&length) && paragraph.heading_level == 0 {
        return Quality::Bad;
    }
    if features.chars < 40 && length < 8 {
        return Quality::Short;
    }
    let density = features.stopword_density();
    let sentences = features.sentence_ends >= 1;
    if english {
        if length >= 15 && density >= 0.25 && sentences {
            Quality::Good
        } else if length >= 8 && (density >= 0.18 || features.ends_sentence) {
            // A lede full of names and titles is low in stopwords but still a sentence.
            Quality::NearGood
        } else if length >= 8 {
            Quality::Bad
        } else {
            Quality::Short
        }
    } else if length >= 15 && sentences {
        Quality::Good
    } else if length >= 8 {
        Quality::NearGood
    } else {
        Quality::Short
    }
}

/// Openings of lines of code and shell commands.
pub const CODE_OPENINGS: &[&str] = &[
    "import ",
    "from ",
    "def ",
    "class ",
    "return ",
    "const ",
    "let ",
    "var ",
    "function ",
    "#include",
    "$ ",
    "pip ",
    "npm ",
    "cargo ",
    "git ",
    "sudo ",
    "@",
];

/// Whether the paragraph opens like a line of code ("import os", "$ git push").
pub fn starts_like_code(text: &str) -> bool {
    text.len() < 200
        && CODE_OPENINGS
            .iter()
            .any(|opening| text.starts_with(opening))
        && !text.contains(". ")
}
