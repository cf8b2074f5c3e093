//! The people and organisations an article names: a light tokeniser, a capitalised-name
//! chunker that strips titles and honorifics ("French President Emmanuel Macron" → "Emmanuel
//! Macron"), and a per-article table of entities with every mention's position, the fullest
//! name the article uses for each ("Macron" → "Emmanuel Macron"), their gender (from
//! honorifics and he/she/his/her near the mentions) and the titles seen with them (so that
//! "the president" can be resolved). Used by [`crate::attribution`] to name speakers.
//!
//! No parser: names are runs of capitalised words, which misreads some sentence openings
//! and places; attribution only asks about words next to a reporting verb, where a
//! capitalised run is nearly always the speaker.

use std::collections::HashMap;
use std::ops::Range;

use crate::quote_lexicon::{quote_lexicon, Gender};

/// One token of the input: a word or a punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset in the input.
    pub start: usize,
    /// Byte offset just past the token.
    pub end: usize,
    /// Punctuation character (quote marks normalised to `"`), or `None` for a word.
    pub punct: Option<char>,
}

impl Token {
    /// Whether the token is a word.
    pub fn is_word(&self) -> bool {
        self.punct.is_none()
    }

    /// Whether the token is the punctuation `c`.
    pub fn is(&self, c: char) -> bool {
        self.punct == Some(c)
    }

    /// Whether the token ends a sentence.
    pub fn ends_sentence(&self) -> bool {
        matches!(self.punct, Some('.' | '!' | '?'))
    }
}

/// Appends the tokens of `input[range]` to `out`.
pub fn tokenize(input: &str, range: Range<usize>, out: &mut Vec<Token>) {
    let lexicon = quote_lexicon();
    let text = &input[range.clone()];
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let start = range.start + offset;
        if c.is_alphanumeric() {
            let mut end = offset + c.len_utf8();
            while let Some(&(next_offset, next)) = chars.peek() {
                // An apostrophe, hyphen, full stop or ampersand between two word characters
                // ("don't", "U.S", "AT&T").
                let joins = matches!(next, '\'' | '’' | '-' | '.' | '&')
                    && text[next_offset + next.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if next.is_alphanumeric() || joins {
                    end = next_offset + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            // Abbreviations keep their full stop: initials ("F."), titles ("Sen."), "U.S.".
            if let Some(&(dot_offset, '.')) = chars.peek() {
                let word = &text[offset..end];
                let initial = word.chars().count() == 1 && c.is_uppercase();
                let with_dot = format!("{}.", word.to_lowercase());
                if initial || word.contains('.') || lexicon.is_title(&with_dot) {
                    end = dot_offset + 1;
                    chars.next();
                }
            }
            out.push(Token {
                start,
                end: range.start + end,
                punct: None,
            });
        } else if !c.is_whitespace() {
            let punct = match c {
                '“' | '”' | '„' | '‘' | '\'' | '’' => '"',
                '—' | '–' => '-',
                other => other,
            };
            out.push(Token {
                start,
                end: start + c.len_utf8(),
                punct: Some(punct),
            });
        }
    }
}

/// Whether `word` starts with an upper-case letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `word` without a possessive ending ("Macron’s" → "Macron").
pub fn strip_possessive(word: &str) -> &str {
    for ending in ["’s", "'s", "’", "'"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    word
}

/// Prepositions: a name right after one is its object, not a clause's subject.
pub const PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "of", "from", "by", "with", "to", "for", "into", "about", "near", "like",
    "than", "over", "against", "toward", "towards",
];

/// Lower-case words that may join capitalised words into one name ("Secretary of State",
/// "Charles de Gaulle").
const NAME_CONNECTORS: &[&str] = &["of", "de", "la", "van", "von", "al", "bin", "der", "du"];

/// A name read from a run of capitalised words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameChunk {
    /// Token indices of the whole run, titles included.
    pub tokens: Range<usize>,
    /// The name without titles and possessive ending.
    pub name: String,
    /// Title words standing before the name, lowercase ("president", "spokesman").
    pub titles: Vec<String>,
    /// Whether the name is an organisation's.
    pub organisation: bool,
    /// Gender an honorific or title implies ("Mrs.", "congresswoman").
    pub gender: Option<Gender>,
}

/// Whether token `index` can be part of a capitalised name.
fn is_name_word(input: &str, tokens: &[Token], index: usize) -> bool {
    let Some(token) = tokens.get(index) else {
        return false;
    };
    token.is_word() && is_capitalised(&input[token.start..token.end])
}

/// Reads the capitalised run starting at token `start` (lower-case title words right before
/// it, such as "press secretary", are taken as its titles). `None` when the run is no name.
pub fn name_at(input: &str, tokens: &[Token], start: usize) -> Option<NameChunk> {
    if !is_name_word(input, tokens, start) {
        return None;
    }
    let mut end = start + 1;
    loop {
        if is_name_word(input, tokens, end) {
            end += 1;
            continue;
        }
        let connector = tokens.get(end).is_some_and(|token| {
            token.is_word() && NAME_CONNECTORS.contains(&&input[token.start..token.end])
        });
        if connector && is_name_word(input, tokens, end + 1) {
            end += 2;
            continue;
        }
        break;
    }
    name_of_run(input, tokens, start..end)
}

/// Reads the capitalised run ending just before token `end`.
pub fn name_before(input: &str, tokens: &[Token], end: usize) -> Option<NameChunk> {
    let mut start = end;
    while start > 0 {
        if is_name_word(input, tokens, start - 1) {
            start -= 1;
            continue;
        }
        let connector = start >= 2
            && tokens[start - 1].is_word()
            && NAME_CONNECTORS.contains(&&input[tokens[start - 1].start..tokens[start - 1].end])
            && is_name_word(input, tokens, start - 2)
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

fn name_of_run(input: &str, tokens: &[Token], run: Range<usize>) -> Option<NameChunk> {
    let lexicon = quote_lexicon();
    let words: Vec<&str> = tokens[run.clone()]
        .iter()
        .map(|token| &input[token.start..token.end])
        .collect();
    let lower: Vec<String> = words.iter().map(|word| word.to_lowercase()).collect();
    // Sentence openings and dates standing in front of the name.
    let mut first = 0;
    while first < words.len() && lexicon.not_names.contains(lower[first].as_str()) {
        first += 1;
    }
    // An owner before the name: "The Post’s Ruth Marcus" names Ruth Marcus.
    if let Some(owner) = words[..words.len().saturating_sub(1)]
        .iter()
        .rposition(|word| strip_possessive(word).len() + 1 < word.len())
    {
        first = first.max(owner + 1);
    }
    let mut last = words.len();
    while last > first && NAME_CONNECTORS.contains(&lower[last - 1].as_str()) {
        last -= 1;
    }
    if first >= last {
        return None;
    }
    let is_title = |word: &str| lexicon.is_title(word) || lexicon.is_title(strip_possessive(word));
    let organisation = lower[first..last].iter().any(|word| {
        lexicon
            .organisation_words
            .contains(strip_possessive(word.as_str()))
    });
    let mut titles: Vec<String> = Vec::new();
    // Lower-case titles right before the run ("press secretary Josh Earnest").
    let mut before = run.start;
    while before > 0 && run.start - before < 3 {
        let token = tokens[before - 1];
        let word = input[token.start..token.end].to_lowercase();
        if token.is_word() && is_title(&word) {
            titles.push(word);
            before -= 1;
        } else {
            break;
        }
    }
    let mut name_start = first;
    if !organisation {
        if let Some(last_title) = (first..last).rev().find(|&i| is_title(&lower[i])) {
            if last_title + 1 < last {
                titles.extend(lower[first..=last_title].iter().cloned());
                name_start = last_title + 1;
            } else {
                return None; // only titles: "the President", "Sen."
            }
        }
    }
    // A lone word that is a title or a not-name cannot be a name.
    let mut name_words: Vec<&str> = words[name_start..last].to_vec();
    if let Some(last_word) = name_words.last_mut() {
        *last_word = strip_possessive(last_word);
    }
    if name_words.iter().all(|word| {
        let word = word.to_lowercase();
        lexicon.not_names.contains(word.as_str()) || lexicon.pronouns.contains_key(word.as_str())
    }) {
        return None;
    }
    let gender = titles.iter().find_map(|title| gender_of_title(title));
    Some(NameChunk {
        tokens: run,
        name: name_words.join(" "),
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

/// One person or organisation of the article.
#[derive(Debug, Clone, Default)]
pub struct Entity {
    /// The fullest name the article uses.
    pub name: String,
    /// Whether it is an organisation.
    pub organisation: bool,
    /// Titles seen with it, lowercase.
    pub titles: Vec<String>,
    masculine: u32,
    feminine: u32,
}

impl Entity {
    /// The gender the article's pronouns and honorifics give it, if clear.
    pub fn gender(&self) -> Option<Gender> {
        if self.organisation {
            Some(Gender::Plural)
        } else if self.masculine > self.feminine {
            Some(Gender::Masculine)
        } else if self.feminine > self.masculine {
            Some(Gender::Feminine)
        } else {
            None
        }
    }

    /// Whether it is likely a person (not an organisation, not a lone place-like word).
    fn is_person(&self) -> bool {
        !self.organisation
            && (self.masculine + self.feminine > 0
                || !self.titles.is_empty()
                || self.name.contains(' '))
    }
}

/// A mention of an entity at a byte position.
#[derive(Debug, Clone, Copy)]
struct Mention {
    position: usize,
    entity: usize,
    /// Whether the mention stands inside a quotation (the speaker's words, where a name is
    /// rarely what a later pronoun refers to).
    quoted: bool,
    /// Whether a preposition governs the mention ("in an interview with X"): an object,
    /// which a later pronoun refers to less often than to a subject.
    object: bool,
}

/// How many mentions back a pronoun or description looks for its antecedent.
const ANTECEDENT_WINDOW: usize = 60;

/// How many tokens after a mention its pronouns are counted for the entity's gender.
const GENDER_WINDOW: usize = 20;

/// The entities of one article and where they are mentioned.
#[derive(Debug, Default)]
pub struct SpeakerTable {
    entities: Vec<Entity>,
    mentions: Vec<Mention>,
    by_name: HashMap<String, usize>,
    by_last_word: HashMap<String, usize>,
}

impl SpeakerTable {
    /// Builds the table from the article's paragraphs (byte spans of `input`); `quoted`
    /// holds the byte spans of its quotations, in order.
    pub fn build(input: &str, paragraphs: &[Range<usize>], quoted: &[Range<usize>]) -> Self {
        let lexicon = quote_lexicon();
        let mut chunks: Vec<(NameChunk, usize, Option<Gender>, bool)> = Vec::new();
        let mut tokens = Vec::new();
        for span in paragraphs {
            tokens.clear();
            tokenize(input, span.clone(), &mut tokens);
            let mut index = 0;
            while index < tokens.len() {
                let Some(chunk) = name_at(input, &tokens, index) else {
                    index += 1;
                    continue;
                };
                let after = chunk.tokens.end;
                // The first gendered pronoun before the next name.
                let pronoun = tokens[after..(after + GENDER_WINDOW).min(tokens.len())]
                    .iter()
                    .take_while(|token| {
                        !(token.is_word() && is_capitalised(&input[token.start..token.end]))
                            || matches!(
                                &input[token.start..token.end],
                                "He" | "She" | "His" | "Her"
                            )
                    })
                    .find_map(|token| {
                        let word = input[token.start..token.end].to_lowercase();
                        match lexicon.pronouns.get(word.as_str()) {
                            Some(gender @ (Gender::Masculine | Gender::Feminine)) => Some(*gender),
                            _ => None,
                        }
                    });
                let position = tokens[chunk.tokens.start].start;
                let object = chunk.tokens.start > 0 && {
                    let before = tokens[chunk.tokens.start - 1];
                    before.is_word()
                        && PREPOSITIONS
                            .contains(&input[before.start..before.end].to_lowercase().as_str())
                };
                index = after.max(index + 1);
                chunks.push((chunk, position, pronoun, object));
            }
        }
        let mut table = SpeakerTable::default();
        // Full names first, so that a surname met before the full name still maps to it.
        for (chunk, ..) in &chunks {
            if chunk.name.contains(' ') {
                table.entity_for(&chunk.name, chunk.organisation);
            }
        }
        let mut next_quote = 0;
        for (chunk, position, pronoun, object) in chunks {
            while next_quote < quoted.len() && quoted[next_quote].end <= position {
                next_quote += 1;
            }
            let in_quote = quoted
                .get(next_quote)
                .is_some_and(|span| span.contains(&position));
            let entity = table.entity_for(&chunk.name, chunk.organisation);
            let record = &mut table.entities[entity];
            for title in chunk.titles {
                if !record.titles.contains(&title) {
                    record.titles.push(title);
                }
            }
            match chunk.gender {
                Some(Gender::Masculine) => record.masculine += 3,
                Some(Gender::Feminine) => record.feminine += 3,
                _ => {}
            }
            match pronoun {
                Some(Gender::Masculine) => record.masculine += 1,
                Some(Gender::Feminine) => record.feminine += 1,
                _ => {}
            }
            table.mentions.push(Mention {
                position,
                entity,
                quoted: in_quote,
                object,
            });
        }
        table
    }

    /// The entity named `name`, created if new; a lone surname joins the full name that
    /// ends with it.
    fn entity_for(&mut self, name: &str, organisation: bool) -> usize {
        if let Some(&entity) = self.by_name.get(name) {
            return entity;
        }
        let last_word = name.rsplit(' ').next().unwrap_or(name).to_string();
        if !name.contains(' ') {
            if let Some(&entity) = self.by_last_word.get(&last_word) {
                self.by_name.insert(name.to_string(), entity);
                return entity;
            }
        }
        let entity = self.entities.len();
        self.entities.push(Entity {
            name: name.to_string(),
            organisation,
            ..Entity::default()
        });
        self.by_name.insert(name.to_string(), entity);
        self.by_last_word.entry(last_word).or_insert(entity);
        entity
    }

    /// The gender the article gives the entity named `name` (its fullest name).
    pub fn gender_of(&self, name: &str) -> Option<Gender> {
        self.by_name
            .get(name)
            .and_then(|&entity| self.entities[entity].gender())
    }

    /// The fullest name the article uses for `name`.
    pub fn full_name(&self, name: &str) -> String {
        if let Some(&entity) = self.by_name.get(name) {
            return self.entities[entity].name.clone();
        }
        let last_word = name.rsplit(' ').next().unwrap_or(name);
        match self.by_last_word.get(last_word) {
            Some(&entity) if self.entities[entity].name.len() > name.len() => {
                self.entities[entity].name.clone()
            }
            _ => name.to_string(),
        }
    }

    /// Mentions before byte `position`, nearest first; only those no preposition governs
    /// when `subjects` is set.
    fn mentions_before(
        &self,
        position: usize,
        subjects: bool,
    ) -> impl Iterator<Item = &Entity> + '_ {
        let end = self
            .mentions
            .partition_point(|mention| mention.position < position);
        self.mentions[..end]
            .iter()
            .rev()
            .take(ANTECEDENT_WINDOW)
            .filter(move |mention| !(mention.quoted || subjects && mention.object))
            .map(|mention| &self.entities[mention.entity])
    }

    /// The entity a pronoun of `gender` at byte `position` most likely refers to: the
    /// nearest person of that gender, a subject rather than a preposition's object.
    pub fn resolve_pronoun(&self, position: usize, gender: Gender) -> Option<String> {
        let find = |matches: &dyn Fn(&Entity) -> bool| {
            self.mentions_before(position, true)
                .find(|entity| matches(entity))
                .or_else(|| {
                    self.mentions_before(position, false)
                        .find(|entity| matches(entity))
                })
        };
        match gender {
            Gender::Speaker => None,
            Gender::Plural => find(&|entity| entity.organisation),
            Gender::Masculine | Gender::Feminine => {
                find(&|entity| entity.is_person() && entity.gender() == Some(gender))
                    .or_else(|| find(&|entity| entity.is_person() && entity.gender().is_none()))
            }
        }
        .map(|entity| entity.name.clone())
    }

    /// The entity a description such as "the president" (its head word, lowercase) at byte
    /// `position` refers to: the nearest earlier mention carrying that title.
    pub fn resolve_description(&self, position: usize, head: &str) -> Option<String> {
        self.mentions_before(position, false)
            .find(|entity| entity.titles.iter().any(|title| title == head))
            .map(|entity| entity.name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(text: &str) -> Option<NameChunk> {
        let mut tokens = Vec::new();
        tokenize(text, 0..text.len(), &mut tokens);
        name_before(text, &tokens, tokens.len())
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
    fn names_inside_quotations_are_no_antecedents() {
        let text = "Governor Paul Ames spoke. \"Ask Mr. Tom Reyes about it,\" he said.";
        let whole = 0..text.len();
        let open = text.find('"').unwrap() + 1;
        let close = text.rfind('"').unwrap();
        let quote = open..close;
        let table = SpeakerTable::build(
            text,
            std::slice::from_ref(&whole),
            std::slice::from_ref(&quote),
        );
        assert_eq!(
            table.resolve_pronoun(close, Gender::Masculine).as_deref(),
            Some("Paul Ames")
        );
    }

    #[test]
    fn pronouns_prefer_subjects_to_objects_of_prepositions() {
        let text = "Mr. Paul Ames spoke on Monday in an interview with Mr. Tom Reyes.";
        let whole = 0..text.len();
        let table = SpeakerTable::build(text, std::slice::from_ref(&whole), &[]);
        assert_eq!(
            table
                .resolve_pronoun(text.len(), Gender::Masculine)
                .as_deref(),
            Some("Paul Ames")
        );
    }

    #[test]
    fn gives_the_fullest_name_and_resolves_pronouns() {
        let text = "Chancellor Angela Merkel spoke. She was calm. Later Merkel left.";
        let whole = 0..text.len();
        let table = SpeakerTable::build(text, std::slice::from_ref(&whole), &[]);
        assert_eq!(table.full_name("Merkel"), "Angela Merkel");
        assert_eq!(
            table
                .resolve_pronoun(text.len(), Gender::Feminine)
                .as_deref(),
            Some("Angela Merkel")
        );
        assert_eq!(
            table
                .resolve_description(text.len(), "chancellor")
                .as_deref(),
            Some("Angela Merkel")
        );
    }
}
