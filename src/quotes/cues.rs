//! Reporting cues next to a quotation and the speaker read beside each: a verb after the
//! quotation ("…," she said / said the minister / "…" Smith fumed / "…," by Ann Lee), a verb,
//! a phrase ("put it") or a cue noun before it in the same sentence (X said: "…" / X told
//! reporters "…" / X's remarks / X was asked by Y), "according to X", ", saying" (with the
//! subject of the clause it continues), and colon introductions (a label after a dash, the
//! clause the colon ends). A verb in a subordinate clause opening the sentence, or one
//! without a subject, gives way to another.

use std::borrow::Cow;

use super::lexicon::{quote_lexicon, PREPOSITIONS};
use super::names::{name_at, name_before};
use super::sources::{
    lower, name_source, sentence_subject, source_after, source_before, word, Source,
};
use super::tokens::{ends_sentence_at, is_capitalised, Token};
use crate::text::{stopwords, word_hash, Lowercase};

/// Words at most between a quotation and a cue after it in the same sentence (room for a
/// name with a long appositive: “…,” X, the chairman of …, said).
pub const CUE_AFTER_WINDOW: usize = 16;

/// Words at most a sentence after a quotation may have to count as its attribution when the
/// quotation itself ends a sentence (“…” Smith said.).
pub const SHORT_TRAILING_SENTENCE: usize = 7;

/// Longest quoted phrase (in words) that, with nothing attributing it, is read as a title,
/// nickname or scare quote rather than a quotation.
pub const TITLE_MAX_WORDS: usize = 6;

/// Words after which a verb shares the subject of the clause before ("and said", "but
/// added", "went on to say").
pub const CLAUSE_JOINERS: &[&str] = &["and", "but", "to", "then", "or", "before", "after"];

/// A cue with the speaker found next to it, read from the text `'a`.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue<'a> {
    /// The reporting word or phrase ("said", "according to", ":"): borrowed from the text
    /// when written there in lowercase (nearly always), so that reading a cue copies
    /// nothing; only the cue a quotation keeps is copied, for its report.
    pub word: Cow<'a, str>,
    /// The speaker found next to it, if any.
    pub source: Option<Source>,
}

/// A cue after the quotation: "…," she said / said the minister / according to X.
///
/// `quote_ends_sentence` and `quote_ends_with_comma` say how the quoted words end.
pub fn cue_after<'a>(
    input: &'a str,
    left: &[Token],
    right: &[Token],
    quote_ends_sentence: bool,
    quote_ends_with_comma: bool,
) -> Option<Cue<'a>> {
    let lexicon = quote_lexicon();
    let sentence_end = (0..right.len())
        .find(|&i| ends_sentence_at(input, right, i))
        .unwrap_or(right.len());
    let sentence = &right[..sentence_end];
    if quote_ends_sentence {
        let words = sentence.iter().filter(|token| token.is_word()).count();
        if words > SHORT_TRAILING_SENTENCE {
            return None;
        }
    }
    // A dash introduces the speaker: "…" — Commissioner X.
    let mut skip = 0;
    while sentence.get(skip).is_some_and(|token| !token.is_word()) {
        if sentence[skip].is('-') && sentence.get(skip + 1).is_some() {
            if let Some(chunk) = name_at(input, sentence, skip + 1) {
                if chunk.tokens.end == sentence.len() {
                    return Some(Cue {
                        word: Cow::Borrowed("—"),
                        source: Some(name_source(input, sentence, &chunk)),
                    });
                }
            }
        }
        skip += 1;
    }
    // A byline after a quoted title or headline standing alone or after its label: “…,” by
    // Ann Lee. (Inside a sentence, "by" after a quotation names an agent of the sentence's
    // verb: "called it a “hit piece” by the Times".)
    let standing_alone = left.iter().all(|token| !token.is_word())
        || left
            .last()
            .is_some_and(|token| token.is('-') || token.is(':'));
    // The title is set off by a comma, inside or after its closing mark.
    let set_off = quote_ends_with_comma
        || right
            .iter()
            .take_while(|token| !token.is_word())
            .any(|token| token.is(','));
    if standing_alone
        && set_off
        && sentence
            .get(skip)
            .is_some_and(|token| token.is_word() && lower(input, token) == "by")
    {
        if let Some(source) = source_after(input, sentence, skip + 1) {
            return Some(Cue {
                word: Cow::Borrowed("by"),
                source: Some(source),
            });
        }
    }
    let mut words_seen = 0;
    for index in skip..sentence.len() {
        let token = &sentence[index];
        if !token.is_word() {
            continue;
        }
        words_seen += 1;
        if words_seen > CUE_AFTER_WINDOW {
            break;
        }
        let lower_word = lower(input, token);
        if lower_word == "according"
            && sentence
                .get(index + 1)
                .is_some_and(|t| lower(input, t) == "to")
        {
            return Some(Cue {
                word: Cow::Borrowed("according to"),
                source: source_after(input, sentence, index + 2),
            });
        }
        let Some(verb) = lexicon.verb(&lower_word) else {
            continue;
        };
        if verb.partial_only {
            continue;
        }
        let source = if index == skip && lower_word.ends_with("ing") {
            // "…," adding / saying: the subject of the clause before the quotation.
            continued_subject(input, left)
        } else if index == skip {
            source_after(input, sentence, index + 1)
        } else {
            // “…” and recalled …: the verb continues the clause the quotation is in, and
            // the words after it are its object.
            let joined = sentence[skip..index]
                .iter()
                .rev()
                .find(|t| t.is_word() && !lexicon.fillers.contains(lower(input, t).as_str()))
                .is_some_and(|t| CLAUSE_JOINERS.contains(&lower(input, t).as_str()));
            source_before(input, sentence, index, skip).or_else(|| {
                if joined {
                    continued_subject(input, left)
                } else {
                    source_after(input, sentence, index + 1)
                }
            })
        };
        return Some(Cue {
            word: lower_word.into_cow(),
            source,
        });
    }
    short_clause_cue(input, &sentence[skip..])
}

/// A short clause of a name or pronoun and one verb of any kind after a quotation (“…”
/// Smith fumed. / “…” he continued. / “…” Smith shot back with a laugh. / “…” reacted
/// Smith, a farmer.): a verb the lexicon does not list still attributes the quotation when
/// its clause holds nothing else (up to a comma, a conjunction or a preposition).
pub fn short_clause_cue<'a>(input: &'a str, clause: &[Token]) -> Option<Cue<'a>> {
    let lexicon = quote_lexicon();
    let clause = &clause[..clause
        .iter()
        .position(|token| token.is(',') || token.is(';') || token.is('('))
        .unwrap_or(clause.len())];
    let words: Vec<&Token> = clause.iter().filter(|token| token.is_word()).collect();
    if words.len() < 2 {
        return None;
    }
    // A verb of the clause is a content word in lowercase ("fumed", "went", "continues"),
    // not a function word ("as", "is", "has", "this") nor a participle or an adverb.
    let verb_like = |token: &Token| {
        let text = word(input, token);
        let lower = Lowercase::of(text);
        token.is_word()
            && !is_capitalised(text)
            && text.chars().count() >= 3
            && text.chars().all(char::is_alphabetic)
            && !lower.ends_with("ing")
            && !lower.ends_with("ly")
            && !stopwords().contains(&word_hash(&lower))
    };
    // After the verb: nothing, a particle ("back", "on", "out"), or a phrase a preposition
    // or conjunction opens ("with a laugh", "on Tuesday", "and left").
    let ends_clause = |rest: &[Token]| {
        let mut rest_words = rest.iter().filter(|token| token.is_word());
        rest_words.clone().next().is_none_or(|first| {
            let first = lower(input, first);
            PREPOSITIONS.contains(&first.as_str())
                || CLAUSE_JOINERS.contains(&first.as_str())
                || matches!(first.as_str(), "as" | "while" | "when")
                || rest_words.all(|word| PARTICLES.contains(&lower(input, word).as_str()))
        })
    };
    let first = words[0];
    let first_lower = lower(input, first);
    let subject_first = match lexicon.pronouns.get(first_lower.as_str()) {
        Some(&gender) if matches!(first_lower.as_str(), "he" | "she") => clause
            .iter()
            .position(|token| std::ptr::eq(token, words[1]))
            .map(|verb| {
                (
                    Source::Pronoun {
                        gender,
                        at: first.start,
                    },
                    verb,
                )
            }),
        Some(_) => None,
        None => name_at(input, clause, 0)
            .filter(|chunk| chunk.tokens.end < clause.len())
            .map(|chunk| (name_source(input, clause, &chunk), chunk.tokens.end)),
    };
    if let Some((source, verb)) = subject_first {
        return (verb_like(&clause[verb]) && ends_clause(&clause[verb + 1..])).then(|| Cue {
            word: lower(input, &clause[verb]).into_cow(),
            source: Some(source),
        });
    }
    // Inverted: “…” reacted Smith.
    if verb_like(first) && clause[0].is_word() {
        let chunk = name_at(input, clause, 1)?;
        return ends_clause(&clause[chunk.tokens.end..]).then(|| Cue {
            word: first_lower.into_cow(),
            source: Some(name_source(input, clause, &chunk)),
        });
    }
    None
}

/// Adverb particles that may end a short attribution clause ("shot back", "went on").
const PARTICLES: &[&str] = &[
    "back", "on", "out", "up", "off", "again", "in", "too", "later",
];

/// The speaker introducing a quotation with a colon ending `left`: a name right before the
/// colon ("… - Pollster Ann Lee:"), else the subject of the clause the colon ends ("The
/// crowd cheers, and then X continues:"), else of the sentence; `None` without a colon.
fn colon_source(input: &str, left: &[Token]) -> Option<Source> {
    let lexicon = quote_lexicon();
    if !left.last().is_some_and(|token| token.is(':')) {
        return None;
    }
    let colon = left.len() - 1;
    let named = name_before(input, left, colon)
        .filter(|chunk| chunk.tokens.end == colon)
        .map(|chunk| name_source(input, left, &chunk));
    let clause_start = left[..colon]
        .iter()
        .rposition(|token| token.is(','))
        .map_or(0, |comma| comma + 1);
    // The clause has a subject of its own when it opens with one (past "and then", "to
    // which"); one opening with its verb ("…, listed a show as his favourite:") shares the
    // sentence's.
    let own_subject = left[clause_start..colon]
        .iter()
        .filter(|token| token.is_word())
        .find(|token| {
            let word = lower(input, token);
            !CLAUSE_JOINERS.contains(&word.as_str())
                && !lexicon.fillers.contains(word.as_str())
                && !PREPOSITIONS.contains(&word.as_str())
                && !matches!(word.as_str(), "which" | "whom" | "who")
        })
        .is_some_and(|token| {
            let word = lower(input, token);
            is_capitalised(&input[token.start..token.end])
                || lexicon.pronouns.contains_key(word.as_str())
                || matches!(word.as_str(), "the" | "a" | "an")
        });
    named.or_else(|| {
        own_subject
            .then(|| sentence_subject(input, &left[clause_start..colon]))
            .flatten()
            .or_else(|| sentence_subject(input, &left[..colon]))
    })
}

/// The nearest reporting verb of `tokens` (any, "called" too) whose subject stands before
/// it, with that subject.
fn reporting_verb_with_subject<'a>(input: &'a str, tokens: &[Token]) -> Option<Cue<'a>> {
    let lexicon = quote_lexicon();
    (0..tokens.len()).rev().find_map(|index| {
        let token = &tokens[index];
        if !token.is_word() {
            return None;
        }
        let lower_word = lower(input, token);
        lexicon.verb(&lower_word)?;
        let source = source_before(input, tokens, index, 0)?;
        Some(Cue {
            word: lower_word.into_cow(),
            source: Some(source),
        })
    })
}

/// The reporting phrase of the lexicon whose last word is the token at `last` ("put it",
/// "pointed out"): the index of its first word and the phrase.
fn phrase_ending_at(input: &str, tokens: &[Token], last: usize) -> Option<(usize, String)> {
    // Asked of every word before a quotation: the last word, lowercased once, rules out
    // nearly every phrase before any other word is read.
    let last_token = tokens.get(last).filter(|token| token.is_word())?;
    let last_word = lower(input, last_token);
    quote_lexicon().phrases.iter().find_map(|phrase| {
        if phrase.last() != Some(&last_word.as_str()) {
            return None;
        }
        let first = (last + 1).checked_sub(phrase.len())?;
        tokens[first..=last]
            .iter()
            .zip(phrase)
            .all(|(token, expected)| token.is_word() && lower(input, token) == *expected)
            .then(|| (first, phrase.join(" ")))
    })
}

/// Forms of "be" that make a past participle passive ("was asked", "has been told").
fn is_passive_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "was" | "were" | "is" | "are" | "been" | "being" | "be"
    )
}

/// Where a subordinate clause opening the sentence ends ("After the mayor spoke," "When X
/// asked,"): the token after its comma, or 0 when the sentence opens otherwise or the
/// clause reaches the quotation.
fn opening_clause_end(input: &str, left: &[Token]) -> usize {
    let Some(first) = left.iter().position(Token::is_word) else {
        return 0;
    };
    if !SUBORDINATORS.contains(&lower(input, &left[first]).as_str()) {
        return 0;
    }
    left[first..]
        .iter()
        .position(|token| token.is(','))
        .map_or(0, |comma| first + comma + 1)
}

/// Words that open a subordinate clause before the main one.
const SUBORDINATORS: &[&str] = &[
    "after", "when", "while", "although", "though", "because", "since", "if", "once", "before",
    "until", "whereas", "unless",
];

/// The author of a document that reports speech ("X issued a statement saying “…”"): the
/// subject of the clause whose object the document is, when `source` is such a document
/// introduced by "a"; else `source` itself.
fn author_of_document(input: &str, clause: &[Token], source: Source) -> Source {
    let document = matches!(
        &source,
        Source::Description { head, definite: false, text, .. }
            if quote_lexicon().documents.contains(head.as_str()) && !text.contains('’') && !text.contains('\'')
    );
    if !document {
        return source;
    }
    let Some(opening) = clause
        .iter()
        .rposition(|token| token.is_word() && matches!(lower(input, token).as_str(), "a" | "an"))
    else {
        return source;
    };
    match sentence_subject(input, &clause[..opening]) {
        Some(author @ (Source::Name { .. } | Source::Pronoun { .. })) => author,
        _ => source,
    }
}

/// The subject of the clause that a participle or a joined verb continues ("X said,
/// adding …", "X lamented … and criticized …"): the subject of the nearest reporting verb
/// before it, else the subject of the sentence.
fn continued_subject(input: &str, clause: &[Token]) -> Option<Source> {
    // Only the reporting verb of the clause right before: the one a participle after a
    // comma ("X said, adding"), or a verb after "and", continues. A verb further back sits in
    // another clause ("a film he calls “…”, waving to …").
    let last_clause = clause[..clause.len().saturating_sub(1)]
        .iter()
        .rposition(|token| token.is(','))
        .map_or(0, |comma| comma + 1);
    reporting_verb_with_subject(input, &clause[last_clause..])
        .and_then(|cue| cue.source)
        .or_else(|| sentence_subject(input, clause))
}

/// A cue before the quotation, in the same sentence: X said: "…" / X said the reform would
/// "…" / according to X, "…" / X's remarks / X, saying "…".
pub fn cue_before<'a>(input: &'a str, left: &[Token], quote_words: usize) -> Option<Cue<'a>> {
    let lexicon = quote_lexicon();
    if left.is_empty() {
        return None;
    }
    // A reporting verb whose subject cannot be found is most often not the one reporting
    // this quotation (a relative clause: "a sign that said “…”"); an earlier one in the
    // sentence with its subject is, and the subject-less one is kept for want of better.
    // A label before a colon: a name standing alone after a dash or at the start ("Polls
    // were right - Ann Lee: “…”") introduces the quotation whatever verb precedes the dash.
    if left.last().is_some_and(|token| token.is(':')) {
        let colon = left.len() - 1;
        let label = name_before(input, left, colon).filter(|chunk| {
            chunk.tokens.end == colon
                && (chunk.tokens.start == 0
                    || left[..chunk.tokens.start]
                        .iter()
                        .rev()
                        .find(|token| !token.is('"'))
                        .is_some_and(|token| token.is('-')))
        });
        if let Some(chunk) = label {
            return Some(Cue {
                word: Cow::Borrowed(":"),
                source: Some(name_source(input, left, &chunk)),
            });
        }
    }
    let mut subjectless: Option<Cue<'a>> = None;
    // A subordinate clause opening the sentence ("After X criticized Y, Z shot back, “…”")
    // is not where the quotation's reporting verb stands when the quotation comes after it.
    let opening_clause_end = opening_clause_end(input, left);
    // Before a colon, a clause of its own naming someone ("She said the plan was sound, to
    // which Ann Lee replied: “…”") introduces the quotation, not a verb before it.
    let colon_clause_start = if left.last().is_some_and(|token| token.is(':')) {
        let start = left
            .iter()
            .rposition(|token| token.is(','))
            .map_or(0, |comma| comma + 1);
        let named_subject = left[start..]
            .iter()
            .filter(|token| token.is_word())
            .find(|token| {
                let word = lower(input, token);
                !CLAUSE_JOINERS.contains(&word.as_str())
                    && !lexicon.fillers.contains(word.as_str())
                    && !PREPOSITIONS.contains(&word.as_str())
                    && !matches!(word.as_str(), "which" | "whom" | "who")
            })
            .is_some_and(|token| {
                is_capitalised(word(input, token))
                    && !lexicon.pronouns.contains_key(lower(input, token).as_str())
            });
        if named_subject {
            start
        } else {
            0
        }
    } else {
        0
    };
    for index in (opening_clause_end.max(colon_clause_start)..left.len()).rev() {
        let token = &left[index];
        if !token.is_word() {
            continue;
        }
        // Most words of the sentence are no cue of any kind: told so by the lists the
        // token carries, without a lowercase copy or a lookup. ("according" is no cue word
        // of the lists; no word outside ASCII lowercases to it.)
        // Its length first: the word is sliced out of the text only when it may be.
        if token.lists().cue_word().is_none()
            && (token.end - token.start != "according".len()
                || !word(input, token).eq_ignore_ascii_case("according"))
        {
            continue;
        }
        let lower_word = lower(input, token);
        if lower_word == "according" && left.get(index + 1).is_some_and(|t| lower(input, t) == "to")
        {
            return Some(Cue {
                word: Cow::Borrowed("according to"),
                source: source_after(input, left, index + 2),
            });
        }
        // Most words of the sentence are no cue of any kind: told by one lookup.
        let cue_word = lexicon.cue_word(&lower_word);
        if cue_word.is_none() {
            continue;
        }
        if cue_word.cue_noun() && index > 0 {
            // "Macron's remarks", "his statement".
            let owner = &left[index - 1];
            let owner_word = word(input, owner);
            let possessive = owner_word.ends_with("’s") || owner_word.ends_with("'s");
            let pronoun = lexicon
                .pronouns
                .get(owner_word.to_lowercase().as_str())
                .copied();
            if possessive || pronoun.is_some() {
                // "Dumas said Olsen's words …", "Girard dismissed Olsen's remarks as “…”":
                // words owned by the object of a clause are its subject's to describe.
                if let Some(subject) = sentence_subject(input, &left[..index - 1]) {
                    return Some(Cue {
                        word: lower_word.into_cow(),
                        source: Some(subject),
                    });
                }
                let source = match pronoun {
                    Some(gender) => Some(Source::Pronoun {
                        gender,
                        at: owner.start,
                    }),
                    None => name_before(input, left, index)
                        .map(|chunk| name_source(input, left, &chunk)),
                };
                return Some(Cue {
                    word: lower_word.into_cow(),
                    source,
                });
            }
        }
        // A phrase ("As X put it, “…”") reads as its first word's verb.
        let phrase = cue_word
            .ends_phrase()
            .then(|| phrase_ending_at(input, left, index))
            .flatten();
        let (index, lower_word, partial_only, takes_object) = match phrase {
            Some((first, phrase)) => (first, Cow::Owned(phrase), false, false),
            None => match cue_word.verb().then(|| lexicon.verb(&lower_word)).flatten() {
                Some(verb) => (
                    index,
                    lower_word.into_cow(),
                    verb.partial_only,
                    verb.takes_object,
                ),
                None => continue,
            },
        };
        let distance = left[index + 1..].iter().filter(|t| t.is_word()).count();
        // A verb like "called" attributes a long quotation only right before it ("what X
        // called “…”"); further away it is the verb of another clause.
        if partial_only && (distance > 4 || distance > 1 && quote_words > TITLE_MAX_WORDS * 2) {
            continue;
        }
        let before = (0..index)
            .rev()
            .find(|&i| left[i].is_word())
            .map(|i| lower(input, &left[i]));
        // "X was asked by Y “…”": in the passive the speaker is the agent after "by", and
        // the subject is who was spoken to.
        if before.as_deref().is_some_and(is_passive_auxiliary) && !lower_word.ends_with("ing") {
            let agent = left[index + 1..]
                .iter()
                .position(|t| t.is_word() && lower(input, t) == "by")
                .and_then(|by| source_after(input, left, index + 1 + by + 1));
            // Without an agent the speaker is not said ("X was asked: “…”").
            return Some(Cue {
                word: lower_word,
                source: agent,
            });
        }
        // A form in -ing right after a preposition ("by saying", "after telling") has the
        // sentence's subject.
        if lower_word.ends_with("ing")
            && index > 0
            && left[index - 1].is_word()
            && before
                .as_deref()
                .is_some_and(|word| PREPOSITIONS.contains(&word) || word == "while")
        {
            return Some(Cue {
                word: lower_word,
                source: sentence_subject(input, &left[..index]),
            });
        }
        // ", saying": the speaker is the subject of the clause it continues.
        if lower_word.ends_with("ing") && index > 0 && left[index - 1].is(',') {
            return Some(Cue {
                word: lower_word,
                source: continued_subject(input, &left[..index]),
            });
        }
        // A parenthetical attribution between commas (", says Ann Lee, an expert,") has its
        // subject after the verb.
        if index > 0 && left[index - 1].is(',') && !takes_object {
            if let Some(chunk) = name_at(input, left, index + 1) {
                if left
                    .get(chunk.tokens.end)
                    .is_some_and(|token| token.is(','))
                {
                    return Some(Cue {
                        word: lower_word,
                        source: Some(name_source(input, left, &chunk)),
                    });
                }
            }
        }
        // The words right after a verb before the quotation are its object ("X told Fox
        // News that …"), unless the verb opens the sentence ("Said X: …", "But, said X, …").
        let opens = left[..index].iter().all(|token| {
            !token.is_word() || {
                let before = lower(input, token);
                CLAUSE_JOINERS.contains(&before.as_str())
                    || lexicon.fillers.contains(before.as_str())
            }
        });
        let source = source_before(input, left, index, 0)
            .or_else(|| {
                opens
                    .then(|| source_after(input, left, index + 1))
                    .flatten()
            })
            .or_else(|| {
                // "Trump joked …, but went on to say": the subject of the clause before.
                let joined = left[..index]
                    .iter()
                    .rev()
                    .find(|t| t.is_word() && !lexicon.fillers.contains(lower(input, t).as_str()));
                joined
                    .is_some_and(|t| CLAUSE_JOINERS.contains(&lower(input, t).as_str()))
                    .then(|| continued_subject(input, &left[..index]))
                    .flatten()
            });
        let cue = Cue {
            word: lower_word,
            source: source.map(|source| author_of_document(input, &left[..index], source)),
        };
        if cue.source.is_some() {
            return Some(cue);
        }
        subjectless.get_or_insert(cue);
    }
    if let Some(cue) = subjectless {
        // "X delivered a retort:": a verb without a subject before a colon leaves the
        // colon's clause to say who speaks.
        let source = colon_source(input, left);
        return Some(Cue {
            word: cue.word,
            source,
        });
    }
    // A colon introduction: "Smith: “…”", "In a statement, the ministry wrote:".
    if left.last().is_some_and(|token| token.is(':')) {
        return Some(Cue {
            word: Cow::Borrowed(":"),
            source: colon_source(input, left),
        });
    }
    None
}
