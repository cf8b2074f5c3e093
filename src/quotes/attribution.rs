//! Says who said each quotation and how: finds the reporting cue next to the quotation
//! (a verb after it — "…," she said / said the minister — or before it — X said: "…", X told
//! reporters "…", X said the reform would "…"; "according to X"; ", saying"; "X's remarks";
//! a colon introduction), reads the speaker next to the cue, strips titles and appositives,
//! resolves pronouns and descriptions ("he", "the president") to the article's earlier
//! mentions, lets a cue-less quotation inherit the speaker of the one just before (or take
//! the one a name line signs, or the one the sentence or paragraph before introduces), and
//! gives every speaker as the fullest name the article uses, or as the description the
//! article gives when no name answers it. It also decides each quotation's kind (direct,
//! partial, block) and drops unattributed quoted titles and nicknames, and single quoted
//! words (a word pointed at, not a statement).
//!
//! It reads only the words between a quotation and its neighbours, so the whole article is
//! attributed in time linear in its length.

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

use super::casing::dateline;
use super::cues::{cue_after, cue_before, Cue, TITLE_MAX_WORDS};
use super::lexicon::{quote_lexicon, Gender};
use super::marks::Quotation;
use super::names::name_at;
use super::sources::{name_source, sentence_subject, Source};
use super::speakers::SpeakerTable;
use super::tokens::{ends_sentence_at, is_capitalised, ParagraphTokens, Token};
use super::word_table::Word;
use crate::report::{Quote, QuoteKind};
use crate::text::{count_words, Lowercase};

/// Context bytes read on each side of a quotation at most, so that a huge paragraph with a
/// few marks does not make attribution slow.
const CONTEXT_BYTES: usize = 600;

/// Words at most between a quotation's closing comma and the verb of its own attribution
/// (“…,” the party's new leader said): a name of three words, or a title and a name.
const ATTRIBUTION_NEAR_WORDS: usize = 5;

/// Words at most between two quoted phrases that read as one list or one phrase (“A,” “B”
/// and also “C”; a “label” who “did this”): a conjunction and an adverb, or a relative
/// pronoun, leave room for little more.
const STRUNG_TOGETHER_MAX_WORDS: usize = 3;

/// Attributes `quotations` (found in `paragraphs` of `input`) and converts them to the
/// report's quotes with UTF-16 offsets.
pub fn attribute(input: &str, paragraphs: &[Range<usize>], quotations: &[Quotation]) -> Vec<Quote> {
    // Most of attribution's work is reading the article's names: none of it is needed
    // for an article without quotations.
    if quotations.is_empty() {
        return Vec::new();
    }
    // The buffers of the article this thread attributed last: taken, filled, put back. Not
    // in the page's wasm, where the code they take counts more (every kilobyte of the page
    // does).
    let reuse = cfg!(not(target_arch = "wasm32"));
    let (spare_tokens, spare_words) = reuse
        .then(|| SPARE_BUFFERS.take())
        .flatten()
        .unwrap_or_default();
    let (paragraph_tokens, words) =
        ParagraphTokens::read_reusing(input, paragraphs, spare_tokens, spare_words);
    let quoted: Vec<Range<usize>> = quotations.iter().map(|q| q.inner.clone()).collect();
    let table = SpeakerTable::build(input, &paragraph_tokens, words, &quoted);
    let mut quotes: Vec<(Quote, usize)> = Vec::new();
    let mut cursor = crate::text::offsets::Utf16Cursor::new(input);
    let mut previous: Option<(Option<String>, usize)> = None;
    // The index of the last quotation attributed.
    let mut last_attributed: Option<usize> = None;
    let mut narration = Narration::new(&paragraph_tokens);
    // The tokens around the quotation being attributed: one buffer for all of them.
    let mut around: Vec<Token> = Vec::new();
    for (index, quotation) in quotations.iter().enumerate() {
        let paragraph = &paragraphs[quotation.first_paragraph];
        let last_paragraph = &paragraphs[quotation.last_paragraph];
        let earlier = index.checked_sub(1).map(|i| &quotations[i]);
        let first_in_paragraph =
            earlier.is_none_or(|before| before.last_paragraph != quotation.first_paragraph);
        let surroundings = Surroundings::read(
            input,
            paragraphs,
            quotations,
            &mut narration,
            index,
            &mut around,
        );
        let left_bound = surroundings.left_bound;
        let sentence_start = surroundings.sentence_start;
        let sentence_start_byte = surroundings.sentence_start_byte;
        let (left, right) = around.split_at(surroundings.left_len);
        // The sentence before the quotation's own one, in the same paragraph.
        let previous_sentence = {
            let before = &left[..sentence_start.saturating_sub(1)];
            let start = (0..before.len())
                .rev()
                .find(|&i| ends_sentence_at(input, before, i))
                .map_or(0, |i| i + 1);
            &left[start..sentence_start]
        };
        // Whether the previous quotation stands in the sentence before this one's.
        let previous_sentence_quotes = !first_in_paragraph
            && earlier.is_some_and(|before| {
                previous_sentence
                    .first()
                    .is_some_and(|token| before.close > token.start)
            });
        let left = &left[sentence_start..];
        let inner = &input[quotation.inner.clone()];
        let word_count = count_words(inner);

        let ends_sentence = inner.ends_with(['.', '!', '?']) && !inner.ends_with("...");
        // "…?” he asked: a question or exclamation mark does not end the attribution's
        // sentence the way a full stop does.
        let full_stop = inner.ends_with('.') && !inner.ends_with("...");
        // A quotation opening its paragraph may be introduced by the previous one ("…
        // describes it in the following way:").
        let introduction = if left.is_empty()
            && first_in_paragraph
            && left_bound == paragraph.start
            && quotation.first_paragraph > 0
            && input[paragraphs[quotation.first_paragraph - 1].clone()]
                .trim_end()
                .ends_with(':')
        {
            paragraph_before(input, paragraphs, quotations, &mut narration, index)
        } else {
            Vec::new()
        };
        let left: &[Token] = if introduction.is_empty() {
            left
        } else {
            &introduction
        };
        let after_cue = cue_after(input, left, right, full_stop, inner.ends_with(','));
        let before_cue = cue_before(input, left, word_count);
        // A cue with its speaker in the quotation's own sentence before it (X said the
        // levy would “…”) outweighs a reporting verb of a clause that follows, unless that
        // clause is the quotation's own attribution: a comma closing the quotation and a
        // name or pronoun with its verb right after it (“…,” Smith said).
        let attribution_follows = after_cue
            .as_ref()
            .is_some_and(|after| is_own_attribution(input, inner, right, after));
        let cue = match (after_cue, before_cue) {
            (Some(after), _) if attribution_follows => Some(after),
            (Some(_), Some(before)) if before.source.is_some() => Some(before),
            (Some(after), _) if after.source.is_some() => Some(after),
            (after, Some(before)) if before.source.is_some() || after.is_none() => Some(before),
            (after, _) => after,
        };
        // The previous quotation ended in this sentence (“…,” she said, adding “…”).
        // Only a quotation that was attributed (not a title set aside) passes its speaker on
        // this way.
        let in_quoted_sentence =
            !first_in_paragraph && earlier.is_some_and(|before| before.close > sentence_start_byte);
        let same_sentence = in_quoted_sentence && last_attributed == index.checked_sub(1);
        // Quoted phrases strung together, a few words apart at most (“A,” “B” and “C”;
        // a “label” who “did this”), are one source's words.
        let strung_together = in_quoted_sentence
            && earlier.is_some_and(|before| {
                input[before.close..quotation.open]
                    .split_whitespace()
                    .filter(|word| word.chars().any(char::is_alphanumeric))
                    .count()
                    <= STRUNG_TOGETHER_MAX_WORDS
            });

        let mid_sentence =
            left.iter().any(Token::is_word) && !left.last().is_some_and(|token| token.is(':'));
        let starts_lower = inner
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_lowercase);
        let kind = if quotation.is_block() {
            QuoteKind::Block
        } else if starts_lower || (mid_sentence && !ends_sentence && word_count <= TITLE_MAX_WORDS)
        {
            QuoteKind::Partial
        } else {
            QuoteKind::Direct
        };

        let mid_or_continuing = mid_sentence && !same_sentence;
        // The speaker of the quotation before, when it stands in this paragraph or the one
        // before: borrowed, and copied only when this quotation takes it.
        let inherited_speaker = previous
            .as_ref()
            .filter(|(_, paragraph)| quotation.first_paragraph <= paragraph + 1)
            .and_then(|(speaker, _)| speaker.as_ref());
        let inherited = || inherited_speaker.cloned();
        let (speaker, cue_word) = match cue {
            Some(cue) => {
                let speaker = speaker_of_cue(
                    input,
                    &table,
                    left,
                    cue.source,
                    quotation.open,
                    inherited_speaker,
                );
                (speaker, Some(cue.word))
            }
            // A quotation opening its sentence right after an attributed one (or continuing
            // its sentence) inherits its speaker.
            // A quotation opening its sentence after one whose subject reports speech
            // ("X recalled how it began. “…”") is that subject's.
            None if !mid_or_continuing => {
                // A quotation set apart in its own paragraph may be signed on the next line.
                let closes_paragraph = !input[quotation.close..last_paragraph.end]
                    .chars()
                    .any(char::is_alphanumeric);
                let signed = (closes_paragraph && first_in_paragraph && left.is_empty())
                    .then(|| paragraph_tokens.of(quotation.last_paragraph + 1))
                    .and_then(|next| signature(input, next))
                    .and_then(|source| resolve(&table, source, quotation.open));
                // A quotation opening its paragraph is introduced by the last sentence of the
                // paragraph before, as one opening a sentence is by the sentence before.
                let lead_in;
                let previous_sentence = if previous_sentence.is_empty()
                    && left.is_empty()
                    && first_in_paragraph
                    && quotation.first_paragraph > 0
                {
                    lead_in =
                        paragraph_before(input, paragraphs, quotations, &mut narration, index);
                    &lead_in[..]
                } else {
                    previous_sentence
                };
                let introduced = || {
                    if left.iter().any(Token::is_word) {
                        return None;
                    }
                    let source = cue_before(input, previous_sentence, word_count)?.source?;
                    pronoun_or_name(&table, source, quotation.open, inherited_speaker)
                };
                let subject = || person_subject(input, &table, previous_sentence, quotation.open);
                (
                    signed
                        .or_else(|| {
                            // The sentence before attributed the quotation before (“…,” said
                            // X, a farmer from Lyon. “…”): the speaker goes on.
                            previous_sentence_quotes
                                .then(inherited)
                                .flatten()
                                .or_else(introduced)
                        })
                        .or_else(inherited)
                        .or_else(subject),
                    None,
                )
            }
            None => (None, None),
        };
        let attributed = speaker.is_some() || cue_word.is_some();
        // A quotation woven into a sentence with no reporting word ("X thanked him for
        // “…”", "X slammed the plan for promoting “…”") is the words of the sentence's
        // subject.
        let subject = || {
            mid_sentence
                .then(|| sentence_subject(input, left))
                .flatten()
                .and_then(|source| resolve(&table, source, quotation.open))
        };
        // One of several quoted phrases of a sentence whose subject is a known person
        // ("X called it “a” and later “b”"), or strung together with the one before (“A,”
        // “B” and “C”), is kept with the others.
        let with_others = strung_together
            || in_quoted_sentence && subject().is_some_and(|name| table.is_known_person(&name));
        if !attributed
            && !with_others
            && word_count <= TITLE_MAX_WORDS
            && (kind == QuoteKind::Partial || is_title_case(inner))
        {
            // A title, nickname or scare quote that nothing attributes.
            continue;
        }
        let speaker = speaker.or_else(subject);
        if attributed || speaker.is_some() {
            match &mut previous {
                // The speaker's copy goes into the buffer of the one before: no allocation
                // per attributed quotation.
                Some((kept, paragraph)) => {
                    kept.clone_from(&speaker);
                    *paragraph = quotation.last_paragraph;
                }
                None => previous = Some((speaker.clone(), quotation.last_paragraph)),
            }
            last_attributed = Some(index);
        } else if !mid_sentence {
            previous = None;
        }
        if is_one_word(inner) {
            // One word set apart by quote marks is a word pointed at (a scare quote, a term,
            // a name) or an interjection, not a statement: it is no quotation to report.
            continue;
        }
        let text = if quotation.is_block() {
            quotation
                .pieces
                .iter()
                .map(|piece| &input[piece.clone()])
                .collect::<Vec<_>>()
                .join("\n\n")
        } else {
            inner.to_string()
        };
        let start = cursor.to_utf16(quotation.inner.start);
        let end = cursor.to_utf16(quotation.inner.end);
        quotes.push((
            Quote {
                text,
                speaker,
                // The cue's word, borrowed from the text until now, is copied for the report.
                cue: cue_word.map(Cow::into_owned),
                start,
                end,
                kind,
            },
            quotation.first_paragraph,
        ));
    }
    drop(narration);
    if reuse && paragraph_tokens.capacity() <= SPARE_TOKENS_MAX {
        SPARE_BUFFERS.set(Some((paragraph_tokens, table.into_words().into_spare())));
    }
    quotes.into_iter().map(|(quote, _)| quote).collect()
}

/// The most tokens a thread's spare buffers keep room for between articles: 12 MB of
/// tokens, the buffers of an article of about 2 MB of text, far above a news article's
/// size, so that one huge input does not hold its memory for the thread's life.
const SPARE_TOKENS_MAX: usize = 1 << 19;

thread_local! {
    /// The token list and word list of the article this thread attributed last, emptied
    /// and filled again by the next: an article allocates none of them anew.
    static SPARE_BUFFERS: Cell<Option<(ParagraphTokens, Vec<Word>)>> = const { Cell::new(None) };
}

/// Whether the cue `after`, read after a quotation whose words are `inner`, is the
/// quotation's own attribution: a comma closing the quotation, then a name and its verb and
/// nothing else (“…,” Smith said; “…,” said Smith), not a clause of its own (“…,” and said
/// that X; “…,” X said: “…”).
fn is_own_attribution(input: &str, inner: &str, right: &[Token], after: &Cue) -> bool {
    let lexicon = quote_lexicon();
    let comma_closes = inner.ends_with(',') || right.first().is_some_and(|t| t.is(','));
    // A name: a pronoun after the quotation most often repeats the subject before it (X said
    // “…,” she said).
    let named = matches!(after.source, Some(Source::Name { .. }));
    // The first few words after the quotation, on the stack (asked of most quotations).
    let mut near = [""; ATTRIBUTION_NEAR_WORDS];
    let mut count = 0;
    for token in right.iter().filter(|token| token.is_word()) {
        let Some(slot) = near.get_mut(count) else {
            break;
        };
        *slot = &input[token.start..token.end];
        count += 1;
    }
    let words = &near[..count];
    // A clause ending in a colon introduces the next quotation.
    let introduces_next = right
        .iter()
        .take_while(|token| !token.ends_sentence())
        .any(|token| token.is(':'));
    let own_clause = !introduces_next
        && words
            .iter()
            .position(|word| word.eq_ignore_ascii_case(&after.word))
            .is_some_and(|verb| {
                words[..verb].iter().all(|word| {
                    let lower = Lowercase::of(word);
                    is_capitalised(word)
                        || lower == "the"
                        || lexicon.is_title(&lower)
                        || lexicon.pronouns.contains_key(lower.as_str())
                        || lexicon.fillers.contains(lower.as_str())
                })
            });
    comma_closes && named && own_clause
}

/// Where the words around one quotation stand: its paragraph up to the quotation (from the
/// start of the paragraph or [`CONTEXT_BYTES`] before), then the rest of the paragraph
/// after it (as far), with the words of other quotations dropped and their marks kept. The
/// tokens themselves are in the buffer [`Surroundings::read`] fills.
struct Surroundings {
    /// How many of the tokens stand before the quotation (the rest stand after it).
    left_len: usize,
    /// Byte offset the tokens before the quotation start from.
    left_bound: usize,
    /// Index among the tokens of the first token of the quotation's sentence.
    sentence_start: usize,
    /// Byte offset of the quotation's sentence (the quotation's own when it opens it).
    sentence_start_byte: usize,
}

impl Surroundings {
    /// Reads the surroundings of quotation `index` into `tokens` (cleared first: one
    /// buffer serves every quotation of the article, instead of a new list for each).
    fn read(
        input: &str,
        paragraphs: &[Range<usize>],
        quotations: &[Quotation],
        narration: &mut Narration,
        index: usize,
        tokens: &mut Vec<Token>,
    ) -> Self {
        let quotation = &quotations[index];
        let paragraph = &paragraphs[quotation.first_paragraph];
        let last_paragraph = &paragraphs[quotation.last_paragraph];
        let left_bound = paragraph
            .start
            .max(quotation.open.saturating_sub(CONTEXT_BYTES));
        let right_bound = last_paragraph
            .end
            .min(quotation.close + CONTEXT_BYTES)
            .max(quotation.close);
        // The sentence may hold earlier quotations (X called it “…” and said “…”) and go on
        // past later ones (“…,” Texas delegate Ann Lee, wearing a “Vote Lee” pin, said):
        // their marks stay, their words are the speakers', not the sentence's, and go.
        tokens.clear();
        tokens.extend_from_slice(narration.between(
            input,
            paragraphs,
            quotations,
            quotation.first_paragraph,
            left_bound..quotation.open,
        ));
        let left_len = tokens.len();
        let sentence_start = (0..tokens.len())
            .rev()
            .find(|&i| ends_sentence_at(input, tokens, i))
            .map_or(0, |i| i + 1);
        let sentence_start_byte = tokens
            .get(sentence_start)
            .map_or(quotation.open, |token| token.start);
        tokens.extend_from_slice(narration.between(
            input,
            paragraphs,
            quotations,
            quotation.last_paragraph,
            quotation.close..right_bound,
        ));
        Surroundings {
            left_len,
            left_bound,
            sentence_start,
            sentence_start_byte,
        }
    }
}

/// The tokens of each paragraph as the narrator writes it: the words of its quotations
/// dropped (their marks and closing punctuation kept, see [`push_narration`]) and a
/// dateline opening it set aside. Each paragraph is read once, however many quotations it
/// holds, so that attribution stays linear in the text's length.
struct Narration<'a> {
    /// The tokens of every paragraph, as written.
    paragraph_tokens: &'a ParagraphTokens,
    /// The paragraph read last, with its tokens; and the one before, which a quotation
    /// opening the next paragraph or running over two may ask for again.
    read: Vec<(usize, Vec<Token>)>,
}

impl<'a> Narration<'a> {
    /// The narration of the paragraphs whose tokens are `paragraph_tokens`.
    fn new(paragraph_tokens: &'a ParagraphTokens) -> Self {
        Narration {
            paragraph_tokens,
            read: Vec::new(),
        }
    }

    /// The narration tokens of paragraph `paragraph` starting inside `range` (byte
    /// offsets).
    fn between(
        &mut self,
        input: &str,
        paragraphs: &[Range<usize>],
        quotations: &[Quotation],
        paragraph: usize,
        range: Range<usize>,
    ) -> &[Token] {
        let position = match self.read.iter().position(|(index, _)| *index == paragraph) {
            Some(position) => position,
            None => {
                let span = &paragraphs[paragraph];
                // Two paragraphs at most are asked for around one quotation: the older
                // one's list is taken over for the new one, so that reading a paragraph
                // allocates nothing once two have been read.
                let mut tokens = if self.read.len() == 2 {
                    self.read.remove(0).1
                } else {
                    Vec::new()
                };
                tokens.clear();
                let written = self.paragraph_tokens.of(paragraph);
                let from = dateline(input, written).map_or(0, |dateline| dateline.end);
                let first = quotations.partition_point(|quotation| quotation.close <= span.start);
                let in_paragraph = quotations[first..]
                    .iter()
                    .take_while(|quotation| quotation.open < span.end)
                    .count();
                push_narration(
                    &mut tokens,
                    &written[from..],
                    &quotations[first..first + in_paragraph],
                );
                self.read.push((paragraph, tokens));
                self.read.len() - 1
            }
        };
        let tokens = &self.read[position].1;
        let from = tokens.partition_point(|token| token.start < range.start);
        let to = tokens.partition_point(|token| token.start < range.end);
        &tokens[from..to]
    }
}

/// The last sentence of the paragraph before the quotation `index` (as the narrator writes
/// it: without a dateline and the words of its quotations), which may introduce a
/// quotation opening the next paragraph.
fn paragraph_before(
    input: &str,
    paragraphs: &[Range<usize>],
    quotations: &[Quotation],
    narration: &mut Narration,
    index: usize,
) -> Vec<Token> {
    let Some(previous) = quotations[index].first_paragraph.checked_sub(1) else {
        return Vec::new();
    };
    let span = &paragraphs[previous];
    let from = span.start.max(span.end.saturating_sub(CONTEXT_BYTES));
    let tokens = narration.between(input, paragraphs, quotations, previous, from..span.end);
    tokens[last_sentence_start(input, tokens)..].to_vec()
}

/// Appends to `out` the tokens of `written` (a paragraph's, in the order of the text)
/// without the words inside the quotations `quoted` (the byte spans of their words,
/// `inner`): their marks stay, and so does the punctuation ending one, which belongs to the
/// sentence around it (on “Morning Hour,” Olsen said; “We won.” Then …).
///
/// The tokens are in the order of their starts, so those inside one quotation's span stand
/// together, found by two binary searches, and only the last of them can be kept (the
/// token after it is outside the span); the tokens between quotations are copied a stretch
/// at a time. `quoted` is in the order of the text: one walk over it, in time linear in
/// the number of quotations however many tokens they hold. The definition, token by
/// token, is `drop_quoted_words` in the tests, which this gives for any spans.
fn push_narration(out: &mut Vec<Token>, written: &[Token], quoted: &[Quotation]) {
    let Some(first_quotation) = quoted.first() else {
        out.extend_from_slice(written);
        return;
    };
    // The tokens before the first quotation's words are all kept.
    let mut position = written.partition_point(|token| token.start < first_quotation.inner.start);
    out.extend_from_slice(&written[..position]);
    let mut spans = quoted.iter().map(|quotation| &quotation.inner).peekable();
    while let Some(token) = written.get(position) {
        // A quotation whose words end before the token holds none of the tokens after it.
        while spans.next_if(|span| span.end <= token.start).is_some() {}
        let rest = &written[position..];
        let Some(span) = spans.peek() else {
            out.extend_from_slice(rest);
            break;
        };
        // Kept: the tokens before the span; dropped: those inside it, but for the
        // punctuation ending it.
        let before = rest.partition_point(|token| token.start < span.start.min(span.end));
        let inside_end = before + rest[before..].partition_point(|token| token.start < span.end);
        out.extend_from_slice(&rest[..before]);
        if let Some(&last) = rest[before..inside_end].last() {
            if matches!(last.punct(), Some('.' | '!' | '?' | ',' | ';' | ':')) {
                out.push(last);
            }
        }
        // Never stuck: the token at `position` is before the span (kept) or inside it.
        position += inside_end;
    }
}

/// The index of the first token of the last sentence of `tokens`.
fn last_sentence_start(input: &str, tokens: &[Token]) -> usize {
    let end = tokens.len().saturating_sub(1);
    (0..end)
        .rev()
        .find(|&i| ends_sentence_at(input, tokens, i))
        .map_or(0, |i| i + 1)
}

/// The name signing a quotation from the paragraph after it (its `tokens`): a short line holding only a
/// name, maybe after a dash and before an affiliation ("- Luc Dumas.", "Anna Berg, Lyon
/// Institute."), as under a quotation set apart in its own paragraph.
fn signature(input: &str, tokens: &[Token]) -> Option<Source> {
    /// A signature line is a name and an affiliation: a dozen words at most.
    const SIGNATURE_MAX_WORDS: usize = 12;
    if tokens.iter().filter(|token| token.is_word()).count() > SIGNATURE_MAX_WORDS {
        return None;
    }
    let first = tokens.iter().position(|token| !token.is('-'))?;
    let chunk = name_at(input, tokens, first)?;
    let rest = &tokens[chunk.tokens.end..];
    let affiliation = rest.first().is_some_and(|token| token.is(','));
    let ends = rest.iter().all(|token| !token.is_word()) || affiliation;
    // A lone word on its own line is as often a label or a credit ("Reuters.", "Pause.")
    // as a name: a signature has its dash, a full name or an affiliation.
    let signs = first > 0 || chunk.name.contains(' ') || affiliation;
    if !ends || !signs || chunk.organisation {
        return None;
    }
    Some(name_source(input, tokens, &chunk))
}

/// The speaker a cue's `source` names, for a quotation at byte `position` whose sentence
/// before it is `left`; `inherited` is the speaker of the quotation before.
fn speaker_of_cue(
    input: &str,
    table: &SpeakerTable<'_>,
    left: &[Token],
    source: Option<Source>,
    position: usize,
    inherited: Option<&String>,
) -> Option<String> {
    match source {
        // A name opening the pronoun's own sentence comes first ("Olsen cited “…”
        // rules, which she said …"); then the last speaker.
        Some(Source::Pronoun {
            gender: gender @ (Gender::Masculine | Gender::Feminine),
            ..
        }) => {
            let fits = |name: &String| table.gender_of(name).is_none_or(|known| known == gender);
            let subject = match sentence_subject(input, left) {
                Some(subject @ Source::Name { .. }) => resolve(table, subject, position)
                    .filter(|name| table.is_known_person(name) && fits(name)),
                _ => None,
            };
            subject.or_else(|| pronoun_or_name(table, source?, position, inherited))
        }
        // "A senior aide said … the person added": a definite description no name answers
        // refers back to the someone a description introduced.
        Some(Source::Description {
            definite: true,
            ref text,
            ..
        }) => {
            let text = text.clone();
            let resolved = resolve(table, source?, position);
            if resolved.as_deref() == Some(text.as_str()) {
                inherited
                    .filter(|name| introduces_someone(name))
                    .cloned()
                    .or(resolved)
            } else {
                resolved
            }
        }
        Some(source) => resolve(table, source, position),
        // A cue without a subject ("and added", ", adding") continues the previous
        // speaker's sentence.
        None => inherited.cloned(),
    }
}

/// The speaker `source` names: "he" or "she" goes on with the last speaker (`inherited`)
/// when the gender fits, a reporter's pronoun most often staying with who spoke; anything
/// else is resolved.
fn pronoun_or_name(
    table: &SpeakerTable<'_>,
    source: Source,
    position: usize,
    inherited: Option<&String>,
) -> Option<String> {
    match source {
        Source::Pronoun {
            gender: gender @ (Gender::Masculine | Gender::Feminine),
            at,
        } => inherited
            .filter(|name| table.gender_of(name).is_none_or(|known| known == gender))
            .cloned()
            .or_else(|| table.resolve_pronoun(at.min(position), gender)),
        source => resolve(table, source, position),
    }
}

/// The subject of `sentence` when it is a person ("X recalled how it began. “…”"): a name,
/// "he" or "she" resolved to a person the article knows; only for a sentence with a word in
/// lowercase (a clause, not a label or a credit line).
fn person_subject(
    input: &str,
    table: &SpeakerTable<'_>,
    sentence: &[Token],
    position: usize,
) -> Option<String> {
    let clause = sentence.iter().any(|token| {
        token.is_word()
            && input[token.start..token.end]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
    });
    if !clause {
        return None;
    }
    match sentence_subject(input, sentence)? {
        source @ (Source::Name { .. }
        | Source::Pronoun {
            gender: Gender::Masculine | Gender::Feminine,
            ..
        }) => resolve(table, source, position).filter(|name| table.is_known_person(name)),
        _ => None,
    }
}

/// Whether the speaker `name` is a description introducing someone ("a senior aide",
/// "one voter", "another source"), as given for an unnamed speaker.
fn introduces_someone(name: &str) -> bool {
    matches!(name.split(' ').next(), Some("a" | "an" | "one" | "another"))
}

/// Whether `text` is a single word: one run of letters and digits, maybe with its
/// punctuation ("reckless", "Seriously?"). A compound written with hyphens ("hands-off",
/// "Minister-for-Everything") is a phrase made one word, usually someone's coinage, and counts as
/// more than one.
fn is_one_word(text: &str) -> bool {
    let mut words = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|word| word.chars().any(char::is_alphanumeric));
    words.next().is_some() && words.next().is_none()
}

/// Whether every word of `text` is capitalised (a title: "Saturday Night Live").
fn is_title_case(text: &str) -> bool {
    let lexicon = quote_lexicon();
    text.split_whitespace()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .all(|word| {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            is_capitalised(bare) || lexicon.not_names.contains(bare) || bare.len() <= 3
        })
}

/// The speaker's name as the report gives it.
fn resolve(table: &SpeakerTable<'_>, source: Source, position: usize) -> Option<String> {
    match source {
        Source::Name {
            name,
            organisation,
            the,
        } => {
            let full = table.full_name(&name)?;
            if organisation && the && !full.starts_with("The ") {
                Some(format!("the {full}"))
            } else {
                Some(full)
            }
        }
        // A pronoun or a description refers to someone named before it, and before the
        // quotation (“…,” he said: the quotation's own words name no antecedent).
        Source::Pronoun { gender, at } => table.resolve_pronoun(at.min(position), gender),
        // "The president" is someone named before; "a spokesman", "one voter" someone new,
        // given as the article describes them, and so is a description that resolves to no
        // one named.
        Source::Description {
            head,
            text,
            definite,
            at,
        } => {
            let lexicon = quote_lexicon();
            // Its other title words ("minority" in "the Senate minority leader"), which the
            // mention must carry too.
            let modifiers: Vec<String> = text
                .split(' ')
                .skip(1)
                .map(str::to_lowercase)
                .filter(|word| *word != head && lexicon.is_title(word))
                .collect();
            let modifiers: Vec<&str> = modifiers.iter().map(String::as_str).collect();
            definite
                .then(|| table.resolve_description(at.min(position), &head, &modifiers))
                .flatten()
                .or(Some(text))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::test_numbers::TestNumbers;
    use crate::text::test_texts::every_joining;

    /// [`push_narration`] as it is defined, token by token: drops from `tokens` the words
    /// inside the quotations `quoted`, keeping a punctuation mark that is the last token
    /// inside one (the former code, moving the tokens kept forward in place).
    fn drop_quoted_words(tokens: &mut Vec<Token>, quoted: &[Quotation]) {
        if quoted.is_empty() {
            return;
        }
        let first_inside = tokens.partition_point(|token| token.start < quoted[0].inner.start);
        let mut next_span = 0;
        let mut kept = first_inside;
        for position in first_inside..tokens.len() {
            let token = tokens[position];
            while quoted
                .get(next_span)
                .is_some_and(|quotation| quotation.inner.end <= token.start)
            {
                next_span += 1;
            }
            let inside = quoted
                .get(next_span)
                .map(|quotation| &quotation.inner)
                .filter(|span| span.contains(&token.start));
            let keep = match inside {
                None => true,
                Some(span) => {
                    matches!(token.punct(), Some('.' | '!' | '?' | ',' | ';' | ':'))
                        && tokens
                            .get(position + 1)
                            .is_none_or(|next| !span.contains(&next.start))
                }
            };
            if keep {
                tokens[kept] = token;
                kept += 1;
            }
        }
        tokens.truncate(kept);
    }

    /// A quotation whose words are the bytes `inner` (the other fields are not read).
    fn quotation(inner: Range<usize>) -> Quotation {
        Quotation {
            open: inner.start.saturating_sub(1),
            close: inner.end + 1,
            inner,
            first_paragraph: 0,
            last_paragraph: 0,
            pieces: Vec::new(),
        }
    }

    #[test]
    fn narration_drops_the_quoted_words_as_defined() {
        let pieces = [
            "Ann",
            "said",
            "“We",
            "won.”",
            "\"No,\"",
            "it",
            "ends:",
            "—",
            "x!",
            "‘a’",
            "Dumas’s",
        ];
        let texts = every_joining(&pieces, 3, " ");
        // A fixed sequence of numbers: the spans tried.
        let mut numbers = TestNumbers::new(0x2545_f491_4f6c_dd1d);
        let mut next = |below: usize| numbers.below(below.max(1) as u64) as usize;
        let mut cases = 0;
        for text in &texts {
            let whole = 0..text.len();
            let (paragraph_tokens, _) = ParagraphTokens::read(text, std::slice::from_ref(&whole));
            let written = paragraph_tokens.of(0);
            // Offsets to cut at: every token's edges, and the text's ends.
            let mut cuts: Vec<usize> = written
                .iter()
                .flat_map(|token| [token.start, token.end])
                .collect();
            cuts.extend([0, text.len() + 1]);
            for round in 0..24 {
                // One to three spans; in order and apart most often, else in any order,
                // overlapping, empty or reversed.
                let count = 1 + next(3);
                let mut spans: Vec<Range<usize>> = (0..count)
                    .map(|_| cuts[next(cuts.len())]..cuts[next(cuts.len())])
                    .collect();
                if round % 4 != 0 {
                    for span in &mut spans {
                        if span.start > span.end {
                            *span = span.end..span.start;
                        }
                    }
                    spans.sort_by_key(|span| (span.start, span.end));
                }
                let quoted: Vec<Quotation> = spans.into_iter().map(quotation).collect();
                let mut expected = written.to_vec();
                drop_quoted_words(&mut expected, &quoted);
                let mut got = vec![Token::mark(0, 1, '#')];
                push_narration(&mut got, written, &quoted);
                assert_eq!(got[0], Token::mark(0, 1, '#'), "{text}");
                assert_eq!(got[1..], expected[..], "{text} {quoted:?}");
                cases += 1;
            }
            let mut got = Vec::new();
            push_narration(&mut got, written, &[]);
            assert_eq!(got, written, "{text}");
        }
        assert!(cases > 30_000);
    }
}
