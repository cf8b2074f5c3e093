//! Names read from runs of capitalised words: titles and honorifics stripped ("French
//! President Emmanuel Macron" → "Emmanuel Macron"), organisations told apart, the gender an
//! honorific implies.
//!
//! No parser: names are runs of capitalised words, which misreads some sentence openings
//! and places; the speaker table (`speakers`) sets those aside with what the article's
//! casing says, and attribution only asks about words next to a reporting verb.

use std::borrow::Cow;
use std::ops::Range;

use super::lexicon::{quote_lexicon, Gender};
use super::tokens::{strip_possessive, word_lists, LowerWord, Token};

/// A name read from a run of capitalised words of the text `'a`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameChunk<'a> {
    /// Token indices of the whole run, titles included.
    pub tokens: Range<usize>,
    /// Token indices of the words of [`name`](Self::name), one token per word (the last
    /// with its possessive ending, which the name leaves out): the speaker table reads
    /// each word's entry of the word table through them, without keying the text again.
    pub words: Range<usize>,
    /// The name without titles and possessive ending: the text itself when its words stand
    /// there one space apart (nearly always), else a copy with its words so joined. Most
    /// names read are looked at and dropped, so most are never copied.
    pub name: Cow<'a, str>,
    /// Title words standing before the name, lowercase ("president", "spokesman").
    pub titles: Vec<String>,
    /// Whether the name is an organisation's.
    pub organisation: bool,
    /// Gender an honorific or title implies ("Mrs.", "congresswoman").
    pub gender: Option<Gender>,
}

/// Whether token `index` can be part of a capitalised name.
fn is_name_word(tokens: &[Token], index: usize) -> bool {
    // Asked of every token a run may hold: told by the token's bits.
    tokens.get(index).is_some_and(Token::is_capitalised_word)
}

/// Whether `token` is one of the [`name_connectors`](super::lexicon::QuoteLexicon::name_connectors)
/// as written. Asked after every run: the lists the word carries rule out nearly every
/// word before its text is compared (the connectors are lowercase, so a word written as
/// one has that list in lowercase too).
fn is_connector(input: &str, token: &Token) -> bool {
    token.lists().connector() && quote_lexicon().is_name_connector(&input[token.start..token.end])
}

/// Reads the capitalised run starting at token `start` (lower-case title words right before
/// it, such as "press secretary", are taken as its titles). `None` when the run is no name.
pub fn name_at<'a>(input: &'a str, tokens: &[Token], start: usize) -> Option<NameChunk<'a>> {
    if !is_name_word(tokens, start) {
        return None;
    }
    let mut end = start + 1;
    loop {
        if is_name_word(tokens, end) {
            end += 1;
            continue;
        }
        let connector = tokens
            .get(end)
            .is_some_and(|token| is_connector(input, token));
        if connector && is_name_word(tokens, end + 1) {
            end += 2;
            continue;
        }
        break;
    }
    // Most runs of running text are one word opening a sentence ("The", "But", "He"):
    // told by the word's lists, without reading the run.
    if end == start + 1 && lone_word_is_no_name(input, &tokens[start]) {
        return None;
    }
    name_of_run(input, tokens, start..end)
}

/// Whether the word `token`, a run of one word, is surely no name by what
/// [`name_of_run`] says of it: a not-name, or a pronoun without a possessive ending (whose
/// stem would be read for its lists).
fn lone_word_is_no_name(input: &str, token: &Token) -> bool {
    let lists = token.lists();
    lists.not_name()
        || lists.pronoun() && {
            let word = &input[token.start..token.end];
            strip_possessive(word).len() == word.len()
        }
}

/// Reads the capitalised run ending just before token `end`.
pub fn name_before<'a>(input: &'a str, tokens: &[Token], end: usize) -> Option<NameChunk<'a>> {
    let mut start = end;
    while start > 0 {
        if is_name_word(tokens, start - 1) {
            start -= 1;
            continue;
        }
        let connector = start >= 2
            && is_connector(input, &tokens[start - 1])
            && is_name_word(tokens, start - 2)
            && start < end;
        if connector {
            start -= 2;
            continue;
        }
        break;
    }
    if start == end {
        return None;
    }
    name_of_run(input, tokens, start..end)
}

fn name_of_run<'a>(input: &'a str, tokens: &[Token], run: Range<usize>) -> Option<NameChunk<'a>> {
    // Word `index` of the run, and what the word lists say of it: read where needed rather
    // than gathered into lists, since most runs are one sentence-opening word ("The",
    // "But") given up after one look.
    let count = run.len();
    let word = |index: usize| {
        let token = tokens[run.start + index];
        &input[token.start..token.end]
    };
    // What the word lists say of each word, carried by its token (read once per distinct
    // word of the article).
    let facts = |index: usize| tokens[run.start + index].lists();
    // Sentence openings and dates standing in front of the name.
    let mut first = 0;
    while first < count && facts(first).not_name() {
        first += 1;
    }
    // An owner before the name: "The Post’s Ruth Marcus" names Ruth Marcus.
    if let Some(owner) = (0..count.saturating_sub(1)).rev().find(|&index| {
        let word = word(index);
        strip_possessive(word).len() + 1 < word.len()
    }) {
        first = first.max(owner + 1);
    }
    let mut last = count;
    while last > first && facts(last - 1).connector() {
        last -= 1;
    }
    if first >= last {
        return None;
    }
    let organisation = (first..last).any(|index| facts(index).organisation());
    let mut name_start = first;
    // Title words opening the run ("President" in "President Luc Dumas").
    let mut titles_in_run = None;
    if !organisation {
        if let Some(last_title) = (first..last).rev().find(|&index| facts(index).title()) {
            if last_title + 1 < last {
                titles_in_run = Some(first..=last_title);
                name_start = last_title + 1;
            } else {
                return None; // only titles: "the President", "Sen."
            }
        }
    }
    // The name's last word without its possessive ending, read once: the name's other
    // words are as written.
    let last_word = word(last - 1);
    let last_stem = strip_possessive(last_word);
    let name_word = |index: usize| {
        if index + 1 == last {
            last_stem
        } else {
            word(index)
        }
    };
    // A lone word that is a title or a not-name cannot be a name.
    if (name_start..last).all(|index| {
        // Only the last word may lose an ending, and then says what its stem says.
        let facts = if index + 1 == last && last_stem.len() < last_word.len() {
            word_lists(last_stem)
        } else {
            facts(index)
        };
        facts.not_name() || facts.pronoun()
    }) {
        return None;
    }
    // The titles, read only for a run that is a name: the lower-case ones right before
    // it ("press secretary Josh Earnest"), then those opening it.
    let mut titles: Vec<String> = Vec::new();
    let mut before = run.start;
    while before > 0 && run.start - before < 3 {
        let token = tokens[before - 1];
        let word = &input[token.start..token.end];
        if token.is_word() && token.lists().title() {
            titles.push(LowerWord::of(word).as_str().to_string());
            before -= 1;
        } else {
            break;
        }
    }
    if let Some(in_run) = titles_in_run {
        titles.extend(in_run.map(|index| LowerWord::of(word(index)).as_str().to_string()));
    }
    let words = &tokens[run.start + name_start..run.start + last];
    let one_space_apart = words.windows(2).all(|pair| {
        pair[1].start == pair[0].end + 1 && input.as_bytes().get(pair[0].end) == Some(&b' ')
    });
    let name = if one_space_apart {
        // The last word's stem is a prefix of it: the name ends where the stem does.
        let start = words[0].start;
        let last_start = words[words.len() - 1].start;
        Cow::Borrowed(&input[start..last_start + last_stem.len()])
    } else {
        let span = words[0].start..words[words.len() - 1].end;
        let mut name = String::with_capacity(span.len());
        for index in name_start..last {
            if index > name_start {
                name.push(' ');
            }
            name.push_str(name_word(index));
        }
        Cow::Owned(name)
    };
    let gender = titles.iter().find_map(|title| gender_of_title(title));
    Some(NameChunk {
        words: run.start + name_start..run.start + last,
        tokens: run,
        name,
        titles,
        organisation,
        gender,
    })
}

/// Gender an honorific or gendered title implies.
fn gender_of_title(title: &str) -> Option<Gender> {
    match title {
        "mr." | "mr" | "sir" | "lord" | "king" | "prince" | "father" | "congressman"
        | "spokesman" | "chairman" | "businessman" | "councilman" => Some(Gender::Masculine),
        "mrs." | "mrs" | "ms." | "ms" | "miss" | "dame" | "lady" | "queen" | "princess"
        | "sister" | "congresswoman" | "spokeswoman" | "chairwoman" | "businesswoman"
        | "councilwoman" => Some(Gender::Feminine),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::lexicon::NameWordLists;
    use crate::quotes::tokens::tokenize;
    use crate::quotes::word_table::WordTable;
    use crate::text::test_texts::every_joining;

    fn chunk(text: &str) -> Option<NameChunk<'_>> {
        let mut tokens = Vec::new();
        tokenize(text, 0..text.len(), &mut tokens, &mut WordTable::default());
        name_before(text, &tokens, tokens.len())
    }

    #[test]
    fn a_lone_word_said_to_be_no_name_is_none_as_its_run() {
        let pieces = [
            "The", "But", "He", "His", "Its", "He's", "Her’s", "They", "Monday", "Anna", "Sen.",
            "Ministry", "IT", "Mr.", "It’s", "Dumas", "Police", "said", ",", "the",
        ];
        let mut lone = 0;
        for text in every_joining(&pieces, 3, " ") {
            let mut tokens = Vec::new();
            tokenize(&text, 0..text.len(), &mut tokens, &mut WordTable::default());
            for (index, token) in tokens.iter().enumerate() {
                if token.is_capitalised_word() && lone_word_is_no_name(&text, token) {
                    assert_eq!(
                        name_of_run(&text, &tokens, index..index + 1),
                        None,
                        "{text}"
                    );
                    lone += 1;
                }
            }
        }
        assert!(lone > 1_000);
    }

    #[test]
    fn strips_titles_from_names() {
        assert_eq!(
            chunk("French President Emmanuel Macron").unwrap().name,
            "Emmanuel Macron"
        );
        assert_eq!(
            chunk("government spokesman Steffen Seibert").unwrap().name,
            "Steffen Seibert"
        );
        assert_eq!(chunk("Sen. Ted Cruz").unwrap().name, "Ted Cruz");
        assert_eq!(
            chunk("the Associated Press").unwrap().name,
            "Associated Press"
        );
        assert!(chunk("the President").is_none());
    }

    #[test]
    fn words_read_as_written_say_what_their_lowercase_says() {
        for word in [
            "President's",
            "PRESIDENT'S",
            "Ministry'",
            "De",
            "of",
            "Monday",
            "'s",
            "Anna",
            "Émile's",
            "Sen.",
        ] {
            let as_written = word_lists(word);
            let lower = word.to_lowercase();
            let lexicon = quote_lexicon();
            let lists = lexicon.name_word_lists(&lower);
            let stem = strip_possessive(&lower);
            let stem_lists = (stem.len() < lower.len()).then(|| lexicon.name_word_lists(stem));
            assert_eq!(as_written.not_name(), lists.not_name(), "{word}");
            assert_eq!(as_written.pronoun(), lists.pronoun(), "{word}");
            assert_eq!(
                as_written.title(),
                lists.title() || stem_lists.is_some_and(NameWordLists::title),
                "{word}"
            );
            assert_eq!(
                as_written.organisation(),
                stem_lists.unwrap_or(lists).organisation(),
                "{word}"
            );
            assert_eq!(
                as_written.connector(),
                quote_lexicon().is_name_connector(&lower),
                "{word}"
            );
        }
    }
}
