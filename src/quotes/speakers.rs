//! The people and organisations an article names: a per-article table of entities with
//! every mention's position, the fullest name the article uses for each ("Macron" →
//! "Emmanuel Macron"), their gender (from honorifics and he/she/his/her near the mentions)
//! and the titles seen with them (so that "the president" can be resolved).

use std::collections::HashMap;
use std::ops::Range;

use super::lexicon::{quote_lexicon, Gender};
use super::names::{name_at, NameChunk};
use super::tokens::{is_capitalised, tokenize, PREPOSITIONS};

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
