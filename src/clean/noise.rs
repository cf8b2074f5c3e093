//! Rules that judge one paragraph on its own: bylines, date lines, photo credits and
//! captions, copyright lines, related-content markers, share/subscribe/cookie/navigation
//! prompts and markup debris. The phrases and patterns come from [`super::lexicon`] (the
//! files of `src/clean/lexicon/`); what stays here is how they combine with a paragraph's
//! length and shape. Whether a paragraph belongs to the article body is decided by the
//! region logic in `clean`, not here.

use std::borrow::Cow;

use super::features::{Features, Tokens, SHORT_PARAGRAPH_WORDS};
use super::lexicon::{lexicon, opening, Phrase, PhraseScope, NOTICE_MAX_WORDS, PROMPT_MAX_WORDS};
use crate::report::BlockKind;
use crate::text::dates::{find_dates, is_month_word, is_relative_stamp};
use crate::text::patterns::{line_words, word_line};
use crate::text::{count_words, is_capitalized, word_hash};

/// A verdict reached from one paragraph alone.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalNoise {
    /// What the paragraph is.
    pub kind: BlockKind,
    /// Why, in words a user understands.
    pub reason: Cow<'static, str>,
}

impl LocalNoise {
    fn new(kind: BlockKind, reason: impl Into<Cow<'static, str>>) -> Self {
        LocalNoise {
            kind,
            reason: reason.into(),
        }
    }
}

/// Judges a paragraph from its own text and tokens.
pub fn local_noise(text: &str, features: &Features, tokens: &Tokens) -> Option<LocalNoise> {
    let line = tokens.word_line.as_str();
    if features.letters == 0 && features.numbers == 0 {
        return Some(LocalNoise::new(
            BlockKind::Boilerplate,
            "markup or separator without words",
        ));
    }
    if is_copyright(text, features) {
        return Some(LocalNoise::new(BlockKind::Boilerplate, "copyright notice"));
    }
    // The word count first: a paragraph longer than a byline is none, and most are
    // (`is_measured_byline` says no to them too, after the lookups of 30 words).
    if features.words <= BYLINE_MAX_WORDS
        && has_byline_opening_word(tokens, BYLINE_MAX_WORDS)
        && is_measured_byline(text, features, tokens)
    {
        return Some(LocalNoise::new(
            BlockKind::Byline,
            "byline naming the author",
        ));
    }
    if is_date_line(text, features, line) {
        return Some(LocalNoise::new(BlockKind::Date, "date or time line"));
    }
    if is_credit(text, features, tokens) {
        return Some(LocalNoise::new(BlockKind::Credit, "photo credit"));
    }
    if is_caption(text, features) {
        return Some(LocalNoise::new(BlockKind::Caption, "photo caption"));
    }
    if is_commenter_line(text, features) {
        return Some(LocalNoise::new(BlockKind::Boilerplate, COMMENTER_REASON));
    }
    // The marker the paragraph opens with, looked up once for both rules.
    if let Some(phrase) = lexicon().related_markers.prefix_of(tokens.hashes()) {
        if features.words <= 25 && link_label_ends_with_colon(text, phrase.words.len()) {
            return Some(LocalNoise::new(BlockKind::Related, LINK_LINE_REASON));
        }
        if is_related_marker(phrase, text, features, tokens.hashes()) {
            return Some(LocalNoise::new(BlockKind::Related, RELATED_MARKER_REASON));
        }
    }
    boilerplate_phrase(features, tokens.hashes())
        .map(|reason| LocalNoise::new(BlockKind::Boilerplate, reason))
}

fn is_copyright(text: &str, features: &Features) -> bool {
    // The sign is one character, not a pattern: a plain search finds it.
    features.words <= 40
        && (text.contains('©') || lexicon().copyright_opening.is_match(opening(text)))
}

/// The byline opening (`lexicon/byline_openings.txt`) a word line starts with: its length
/// in words, and whether more words follow it.
pub fn byline_opening_of(line: &str) -> Option<(usize, bool)> {
    let opening = lexicon().byline_opening.find(line)?.as_str();
    let followed = opening.ends_with(' ');
    Some((opening.trim_end().matches(' ').count() + 1, followed))
}

/// Length in words of the byline opening a word line starts with, when a word (the name)
/// follows it.
pub fn byline_opening(line: &str) -> Option<usize> {
    byline_opening_of(line)
        .filter(|&(_, followed)| followed)
        .map(|(words, _)| words)
}

/// Longest line, in words, that can hold a byline.
pub const BYLINE_MAX_WORDS: usize = 30;

// Every paragraph the byline test reads as words has its word line made by the measuring
// pass, which makes it for paragraphs of at most `SHORT_PARAGRAPH_WORDS` words.
const _: () = assert!(BYLINE_MAX_WORDS <= SHORT_PARAGRAPH_WORDS);

/// The part of a line where a byline starts: the whole line ("By Jane Doe"), a segment
/// between separators ("Opinion | By Jane Doe | May 3, 2024"), or the words after a date
/// ("Posted on May 3, 2024 by Jane Doe").
pub fn byline_segment(text: &str) -> Option<&str> {
    // Counted without allocating: this runs on most paragraphs, and most are longer.
    if crate::text::words(text).nth(BYLINE_MAX_WORDS).is_some() {
        return None;
    }
    // The word line is made only for lines that may need it (few do).
    let first_word_opens = crate::text::words(text)
        .next()
        .is_some_and(|first| lexicon().byline_openings.contains(&word_hash(first)));
    let line = first_word_opens.then(|| word_line(text));
    short_line_byline_segment(text, line.as_deref())
}

/// [`byline_segment`] of a text of at most [`BYLINE_MAX_WORDS`] words; `line`: its
/// [`word_line`] when its first word is a byline opening's first word, `None` otherwise.
fn short_line_byline_segment<'t>(text: &'t str, line: Option<&str>) -> Option<&'t str> {
    if line.is_some_and(|line| byline_opening(line).is_some()) {
        return Some(text);
    }
    for (offset, _) in text.match_indices(['|', '•', '·', '/']) {
        let rest = text[offset..].trim_start_matches(['|', '•', '·', '/', ' ']);
        let segment_end = rest.find(['|', '•']).unwrap_or(rest.len());
        let segment = &rest[..segment_end];
        if byline_opening(&word_line(segment)).is_some() {
            return Some(segment);
        }
    }
    // "... 2020 by Jane Doe" or "words written by Jane Doe": "by" after a date in a short line.
    // The "by" is looked for first: it is rare, and the date search is not cheap.
    let position = text
        .match_indices(" by ")
        .chain(text.match_indices(" By "))
        .map(|(i, _)| i)
        .min()?;
    let written_by = text[..position].to_ascii_lowercase().ends_with("written");
    if written_by || !find_dates(text).is_empty() {
        return Some(text[position + 1..].trim_start());
    }
    None
}

/// Whether one of the first `within` words of a paragraph is the first word of a byline's
/// opening: a byline, or an opening on a line of its own, holds one, so a paragraph without
/// one needs no closer look.
pub fn has_byline_opening_word(tokens: &Tokens, within: usize) -> bool {
    let openings = &lexicon().byline_openings;
    let words = tokens.hashes();
    // Eight words at a time without a branch on each answer (most paragraphs hold no such
    // word, and the lookups of eight words then overlap), the search ending at the first
    // eight that hold one.
    words[..within.min(words.len())].chunks(8).any(|eight| {
        eight
            .iter()
            .fold(false, |found, word| found | openings.contains(word))
    })
}

/// "By Jane Doe, Example News Correspondent": an opening, then a capitalised name.
pub fn is_byline(text: &str) -> bool {
    let Some(segment) = byline_segment(text) else {
        return false;
    };
    is_byline_segment(text, segment, &word_line(segment))
}

/// [`is_byline`] of a paragraph the cleaner measured: its word count, first word and word
/// line are known, so that its words are neither counted nor scanned again.
fn is_measured_byline(text: &str, features: &Features, tokens: &Tokens) -> bool {
    if features.words > BYLINE_MAX_WORDS {
        return false;
    }
    // A paragraph of at most `BYLINE_MAX_WORDS` words (no more than
    // `SHORT_PARAGRAPH_WORDS`, checked below) whose first word opens a byline has its word
    // line made (see `Tokens::word_line`).
    let line = tokens
        .first_word_opens_byline()
        .then_some(tokens.word_line.as_str());
    let Some(segment) = short_line_byline_segment(text, line) else {
        return false;
    };
    match line {
        // The segment is the whole paragraph: its line is the paragraph's.
        Some(line) if std::ptr::eq(segment, text) => is_byline_segment(text, segment, line),
        _ => is_byline_segment(text, segment, &word_line(segment)),
    }
}

/// The end of [`is_byline`]: whether `segment` of `text` (its byline segment), whose
/// [`word_line`] is `line`, opens like a byline followed by a name.
fn is_byline_segment(text: &str, segment: &str, line: &str) -> bool {
    let Some(opening) = byline_opening(line) else {
        return false;
    };
    let first_name_word = crate::text::words(segment).nth(opening).unwrap_or_default();
    let first_name_lowercase = line_words(line).nth(opening).unwrap_or_default();
    is_capitalized(first_name_word)
        && !crate::text::stopwords().contains(&word_hash(first_name_lowercase))
        && !text.trim_end().ends_with(['?', '!'])
}

/// Whether a word (lowercase) may stand beside a date in a date line without making it prose:
/// a listed word (`lexicon/date_line_words.txt`), a month, or a number, time or numeric date.
fn is_date_line_word(word: &str) -> bool {
    lexicon().date_line_words.contains(&word_hash(word))
        // "4:56", "2023-11-08": a byte test reads plainer than a pattern here.
        || word
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b':')
        || is_month_word(word)
}

/// A line that is only a date or time stamp, perhaps with labels ("Updated: ..."). `line`
/// is the paragraph's [`word_line`] (empty when the paragraph was not read as words).
pub fn is_date_line(text: &str, features: &Features, line: &str) -> bool {
    if features.words == 0 || features.words > 20 {
        return false;
    }
    if is_relative_stamp(line) {
        return true;
    }
    // At most two other words: the count stops at the third (most lines with a number are
    // prose, and a word's test is three lookups).
    features.has_digits
        && line_words(line)
            .filter(|w| !is_date_line_word(w))
            .nth(2)
            .is_none()
        && (!find_dates(text).is_empty() || line_words(line).any(is_month_word))
}

/// Whether a parenthesised or bracketed text names a photo source ("Name/Agency via Getty").
fn names_photo_source(inner: &str) -> bool {
    let words = crate::text::word_hashes(inner);
    (inner.contains('/') && words.len() <= 14)
        || lexicon().credit_markers.find(&words).next().is_some()
}

/// "(Name/Pool/Agency via Getty Images)", "Photo: Jane Doe / Agency", "Getty Images".
pub fn is_credit(text: &str, features: &Features, tokens: &Tokens) -> bool {
    if features.words > 20 {
        return false;
    }
    let trimmed = text.trim();
    let wrapped = (trimmed.starts_with('(') && trimmed.ends_with(')'))
        || (trimmed.starts_with('[') && trimmed.ends_with(']'));
    if wrapped && names_photo_source(&trimmed[1..trimmed.len() - 1]) {
        return true;
    }
    if lexicon().credit_opening.is_match(opening(trimmed)) {
        return true;
    }
    features.words <= 8
        && !features.ends_sentence
        && lexicon()
            .credit_markers
            .find(tokens.hashes())
            .any(|phrase| phrase.words.len() >= 2 || features.words <= 3)
        && (trimmed.contains('/')
            || ["getty", "shutterstock", "afp"]
                .iter()
                .any(|agency| tokens.hashes().contains(&word_hash(agency))))
}

/// A caption: it opens like one ("FILE - ", "Pictured:") or ends with a credit in
/// parentheses ("... speaks in Boston. (Jane Doe/Herald)").
pub fn is_caption(text: &str, features: &Features) -> bool {
    if features.words > 90 {
        return false;
    }
    let trimmed = text.trim_end();
    if trimmed.ends_with(')') {
        if let Some(open) = trimmed.rfind('(') {
            let inner = &trimmed[open + 1..trimmed.len() - 1];
            if open > 0 && names_photo_source(inner) && count_words(inner) <= 12 {
                return true;
            }
        }
    }
    if has_inline_credit(trimmed) {
        return true;
    }
    lexicon().caption_start.is_match(opening(text))
}

/// Most words after the credit label that ends a caption.
const INLINE_CREDIT_MAX_WORDS: usize = 8;

/// Whether a caption ends with a labelled credit (`lexicon/credit_labels.txt`) naming a short
/// source: at most [`INLINE_CREDIT_MAX_WORDS`] words after the last label, which does not
/// open the text.
fn has_inline_credit(text: &str) -> bool {
    // Every label ends with a colon (`credit_labels.txt` says so, a test checks it): a text
    // without one (most paragraphs) needs no look at its last words either.
    if !text.contains(':') {
        return false;
    }
    // A label has no space in it, so one that few enough words follow lies in the text's
    // last words: the search looks only there (a label before them has too many words
    // after it, and a later label would be the last one anyway). This keeps the search
    // short on the long paragraphs that come here, whatever the regex engine's speed.
    let tail_start = text
        .split_whitespace()
        .rev()
        .nth(INLINE_CREDIT_MAX_WORDS)
        .map_or(0, |word| word.as_ptr() as usize - text.as_ptr() as usize);
    let tail = &text[tail_start..];
    // Nor does a tail without a colon, which most are.
    if !tail.contains(':') {
        return false;
    }
    lexicon()
        .credit_label
        .find_iter(tail)
        .last()
        .is_some_and(|label| {
            tail_start + label.start() > 0
                && count_words(&tail[label.end()..]) <= INLINE_CREDIT_MAX_WORDS
        })
}

/// Reason given to a line that opens a list of other articles ("More News").
pub const RELATED_MARKER_REASON: &str = "heading of a list of other articles";

/// Reason given to a single line linking to another article ("Read more: ...", whatever
/// the case of the headline after the colon).
pub const LINK_LINE_REASON: &str = "link to another article";

/// Reason given to a commenter's name line.
pub const COMMENTER_REASON: &str = "name of a commenter";

/// "jane_doe says:", "12. John Roe said:": the name line above a reader's comment.
fn is_commenter_line(text: &str, features: &Features) -> bool {
    // The ending is a space and one word: it can only start at the line's last space, where
    // an anchored match is one short step.
    let trimmed = text.trim_end();
    features.words <= 7
        && trimmed
            .rfind(' ')
            .is_some_and(|last_space| lexicon().commenter_ending.is_match(&trimmed[last_space..]))
}

/// "More in Local News", "You may also like", "Related:": a short line opening a list of
/// other articles; `phrase` is the marker it opens with.
fn is_related_marker(phrase: &Phrase, text: &str, features: &Features, words: &[u64]) -> bool {
    if words.len() > 8 || text.trim_end().ends_with(['.', '!', '?']) {
        return false;
    }
    // "More in Local News", "Latest posts": the marker plus a few words naming the list.
    phrase.words.len() == words.len()
        || features.is_title_case()
        || (words.len() <= 3 && !features.has_digits)
}

/// Whether the first `label_words` words of `text` are followed by a colon and more text.
fn link_label_ends_with_colon(text: &str, label_words: usize) -> bool {
    let Some(last_label_word) = crate::text::words(text).nth(label_words - 1) else {
        return false;
    };
    let label_end =
        last_label_word.as_ptr() as usize - text.as_ptr() as usize + last_label_word.len();
    let rest = text[label_end..].trim_start();
    rest.starts_with(':') && rest.len() > 1
}

/// Reason from the boilerplate phrase list, if the paragraph is short enough for a phrase of
/// its kind to decide it.
fn boilerplate_phrase(features: &Features, words: &[u64]) -> Option<&'static str> {
    lexicon().boilerplate.find(words).find_map(|phrase| {
        let fits = match phrase.scope {
            PhraseScope::Line => {
                let limit = phrase.words.len() * 2 + 3;
                words.len() <= limit
                    && (!features.ends_sentence || words.len() <= phrase.words.len() + 1)
            }
            PhraseScope::Notice => words.len() <= NOTICE_MAX_WORDS,
            PhraseScope::Prompt => words.len() <= PROMPT_MAX_WORDS,
        };
        fits.then_some(phrase.reason)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::features::measure;

    fn judge(text: &str) -> Option<BlockKind> {
        let (features, tokens) = measure(text);
        local_noise(text, &features, &tokens).map(|noise| noise.kind)
    }

    #[test]
    fn recognises_page_furniture() {
        assert_eq!(
            judge("By Jane Doe, Example News Correspondent"),
            Some(BlockKind::Byline)
        );
        assert_eq!(
            judge("Published: November 8, 2023 at 4:56 p.m."),
            Some(BlockKind::Date)
        );
        assert_eq!(judge("Updated 3 hours ago"), Some(BlockKind::Date));
        assert_eq!(judge("date 2025-06-30"), Some(BlockKind::Date));
        assert_eq!(judge("12.03.2025"), Some(BlockKind::Date));
        assert_eq!(judge("15/05/2025 - 10:32"), Some(BlockKind::Date));
        assert_eq!(
            judge("(Jane Doe/Pool/Agency via Getty Images)"),
            Some(BlockKind::Credit)
        );
        assert_eq!(judge("Photo: Jane Doe"), Some(BlockKind::Credit));
        assert_eq!(
            judge("The mayor speaks at a news conference on Tuesday. (Jane Doe/Example Herald)"),
            Some(BlockKind::Caption)
        );
        assert_eq!(
            judge("© 2024 Example News. All rights reserved."),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(judge("More in Local News"), Some(BlockKind::Related));
        assert_eq!(judge("You May Also Like"), Some(BlockKind::Related));
        assert_eq!(
            judge("Read more: council delays the new budget"),
            Some(BlockKind::Related)
        );
        assert_eq!(
            judge("Get the latest news from the region delivered every morning"),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(
            judge("Sign up for our newsletter"),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(
            judge("This site uses cookies to improve your experience. Accept"),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(judge("* * *"), Some(BlockKind::Boilerplate));
        assert_eq!(judge("12. jane_doe says:"), Some(BlockKind::Boilerplate));
    }

    #[test]
    fn pattern_rules_keep_their_edges() {
        // Credit openings ignore ASCII case; caption openings of words need a space or colon.
        assert_eq!(judge("IMAGE VIA Example Agency"), Some(BlockKind::Credit));
        assert_eq!(
            judge("In this undated photo provided by the council, volunteers plant trees"),
            Some(BlockKind::Caption)
        );
        assert_eq!(
            judge("Topeka voters go to the polls on Tuesday to choose a new mayor."),
            None
        );
        assert_eq!(
            judge("In this photograph the river looks calm, but the water is rising fast."),
            None
        );
        // An inline credit label counts when few words follow the last one.
        assert!(has_inline_credit(
            "The mayor speaks in Boston. Photograph: Jane Doe/Example Agency"
        ));
        assert!(!has_inline_credit("Photograph: Jane Doe"));
        assert!(!has_inline_credit(
            "Credit: the council says the scheme is funded until next year, and that more money will come later"
        ));
        // Copyright openings, commenter endings.
        assert_eq!(judge("(c) Example News 2024"), Some(BlockKind::Boilerplate));
        assert_eq!(
            judge("COPYRIGHT Example News"),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(judge("John Roe REPLIED:"), Some(BlockKind::Boilerplate));
        assert_eq!(judge("jane says"), Some(BlockKind::Boilerplate));
        // Byline openings: the listed words, then a capitalised name.
        assert_eq!(judge("Reporting by Ana Ruiz"), Some(BlockKind::Byline));
        assert_eq!(judge("Author: Ana Ruiz"), Some(BlockKind::Byline));
        assert_eq!(byline_opening("written by ana ruiz"), Some(2));
        assert_eq!(byline_opening("by"), None, "a name must follow");
        assert_eq!(byline_opening_of("by"), Some((1, false)));
        assert_eq!(byline_opening("bystander reports"), None);
        // Date lines: at most two words that are neither date words nor a date.
        assert_eq!(
            judge("Last updated Monday, 3 March 2025, 10:01 GMT"),
            Some(BlockKind::Date)
        );
        assert_eq!(judge("Council meets again on 3 March 2025"), None);
    }

    #[test]
    fn a_measured_paragraph_is_a_byline_as_its_text_is() {
        let name_words = [
            "Jane",
            "DOE",
            "o’Brien",
            "Ana-Ruiz",
            "the",
            "2024",
            "|",
            "•",
            "/",
        ];
        let mut texts: Vec<String> = [
            "By Jane Doe, Example News Correspondent",
            "Opinion | By Jane Doe | April 13, 2020",
            "Posted on September 21, 2020 by Jane Doe",
            "words written by Jane Doe",
            "By the time the council met, the budget had already been spent.",
            "By Jane Doe?",
            "  by   jane doe",
            "Reporting by Ana Ruiz; Editing by Jo Lee",
        ]
        .iter()
        .map(|text| text.to_string())
        .collect();
        // Every opening word before names, separators and lowercase words, at lengths
        // around the longest byline.
        for opening in ["By", "by", "Written by", "Author:", "From", "Words", "|"] {
            for length in [0, 1, 2, 5, BYLINE_MAX_WORDS - 2, BYLINE_MAX_WORDS, 40] {
                let mut text = opening.to_string();
                for index in 0..length {
                    text.push(' ');
                    text.push_str(name_words[(index * 7 + length) % name_words.len()]);
                }
                texts.push(text);
            }
        }
        let mut bylines = 0;
        for text in &texts {
            let (features, tokens) = measure(text);
            let expected = is_byline(text);
            bylines += usize::from(expected);
            assert_eq!(
                is_measured_byline(text, &features, &tokens),
                expected,
                "{text:?}"
            );
        }
        assert!(bylines >= 5, "{bylines} bylines");
    }

    #[test]
    fn leaves_prose_alone() {
        assert_eq!(
            judge("By the time the council met, the budget had already been spent."),
            None
        );
        assert_eq!(judge("He declined to comment."), None);
        assert_eq!(
            judge("More than 100 people were evacuated from their homes on Monday."),
            None
        );
        assert_eq!(
            judge("The new home of the museum opened on March 3, 2024, after years of delay."),
            None
        );
    }
}
