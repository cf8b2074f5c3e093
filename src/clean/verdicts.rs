//! The verdict on every paragraph (kept or removed, its kind and a reason a person
//! understands): from its place inside or outside the body, the local rules,
//! related-content regions and lists of headlines, then the finishing passes (captions above
//! credits, date labels, the headline and its copies, the standfirst, the author's
//! biography, repeats) and the user's corrections.

use std::borrow::Cow;

use super::body::{Vocabulary, JOINS_BODY_SHARE, ON_TOPIC_SHARE};
use super::metadata::Metadata;
use super::noise::RELATED_MARKER_REASON;
use super::paragraph::{Analysed, Quality};
use super::repeats::earlier_repeats;
use crate::report::{BlockKind, BlockOverride};
use crate::text::sorting;

/// Where each paragraph ended up, before assembly.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// What the paragraph is.
    pub kind: BlockKind,
    /// Whether it is part of the cleaned text.
    pub kept: bool,
    /// Why, in words a user understands (borrowed when it is a fixed phrase).
    pub reason: Cow<'static, str>,
}

impl Verdict {
    /// A paragraph removed as `kind`, for `reason`.
    pub fn removed(kind: BlockKind, reason: impl Into<Cow<'static, str>>) -> Self {
        Verdict {
            kind,
            kept: false,
            reason: reason.into(),
        }
    }

    /// A paragraph kept as `kind`, for `reason`.
    pub fn kept(kind: BlockKind, reason: impl Into<Cow<'static, str>>) -> Self {
        Verdict {
            kind,
            kept: true,
            reason: reason.into(),
        }
    }
}

/// Why a short line inside the body's run that is neither a heading nor a sentence goes.
pub const LABEL_REASON: &str = "short line that reads like a label or menu entry";

/// Verdict for a paragraph inside the body's run.
pub fn body_verdict(
    analysed: &[Analysed],
    index: usize,
    vocabulary: &Vocabulary,
    in_headline_list: bool,
    in_related_region: &mut bool,
) -> Verdict {
    let item = &analysed[index];
    if let Some(verdict) = related_region_verdict(item, in_related_region) {
        return verdict;
    }
    if let Some(noise) = &item.noise {
        return Verdict::removed(noise.kind, noise.reason.clone());
    }
    if *in_related_region {
        // A list of other articles ends where the body's prose resumes: on-topic sentences
        // that are not a teaser (a teaser comes before its article's date line).
        let continues_body = item.is_prose()
            && item.features.ends_sentence
            && !next_is_date(analysed, index)
            && vocabulary.topic_share(item.tokens.content(), true) >= ON_TOPIC_SHARE;
        if !continues_body {
            return Verdict::removed(BlockKind::Related, "item in a list of other articles");
        }
        *in_related_region = false;
    }
    match item.quality {
        Quality::Good | Quality::NearGood => Verdict::kept(BlockKind::Body, "article text"),
        Quality::Short | Quality::Bad => {
            let sentence = item.features.ends_sentence && item.features.words >= 3;
            let before_prose = next_prose(analysed, index).is_some();
            let list_in_body =
                item.paragraph.list_marker.is_some() && neighbours_are_body(analysed, index);
            if item.paragraph.heading_level > 0
                || (!sentence && before_prose && item.features.words <= 15)
            {
                Verdict::kept(BlockKind::Heading, "section heading inside the article")
            } else if item.is_code() {
                Verdict::kept(BlockKind::Body, "code or preformatted text")
            } else if sentence || list_in_body {
                Verdict::kept(BlockKind::Body, "short line of article text")
            } else if item.quality == Quality::Bad && in_headline_list {
                Verdict::removed(BlockKind::Related, "headline in a list of other articles")
            } else {
                Verdict::removed(BlockKind::Boilerplate, LABEL_REASON)
            }
        }
    }
}

/// Whether the paragraph after `index` is a date line.
pub fn next_is_date(analysed: &[Analysed], index: usize) -> bool {
    analysed
        .get(index + 1)
        .is_some_and(|next| next.noise_is(BlockKind::Date))
}

/// Index of the next paragraph that is prose, if it comes right after `index` (skipping
/// only paragraphs the local rules removed).
pub fn next_prose(analysed: &[Analysed], index: usize) -> Option<usize> {
    analysed[index + 1..]
        .iter()
        .position(|item| item.noise.is_none())
        .map(|offset| index + 1 + offset)
        .filter(|&next| analysed[next].is_prose())
}

pub fn neighbours_are_body(analysed: &[Analysed], index: usize) -> bool {
    let is_text = |item: &Analysed| {
        item.is_prose() || (item.paragraph.list_marker.is_some() && item.noise.is_none())
    };
    let before = index.checked_sub(1).is_some_and(|i| is_text(&analysed[i]));
    let after = analysed.get(index + 1).is_some_and(is_text);
    before && after
}

/// For each paragraph, whether it stands in a run of headline-like lines (and the dates
/// between them) holding at least two different headlines and three lines in all: a list of
/// other stories. A headline shown twice is one headline. Each run is judged once, so a page
/// of thousands of headlines costs time in proportion to their number.
pub fn headline_lists(analysed: &[Analysed]) -> Vec<bool> {
    let is_headline = |item: &Analysed| item.quality == Quality::Bad && item.noise.is_none();
    let in_run = |item: &Analysed| is_headline(item) || item.noise_is(BlockKind::Date);
    let mut in_list = vec![false; analysed.len()];
    let mut first = 0;
    while first < analysed.len() {
        if !in_run(&analysed[first]) {
            first += 1;
            continue;
        }
        let last = analysed[first..]
            .iter()
            .position(|item| !in_run(item))
            .map_or(analysed.len(), |i| first + i);
        let run = &analysed[first..last];
        let mut headlines: Vec<u64> = run
            .iter()
            .filter(|item| is_headline(item))
            .map(|item| item.key)
            .collect();
        sorting::sort(&mut headlines);
        headlines.dedup();
        if run.len() >= 3 && headlines.len() >= 2 {
            in_list[first..last].fill(true);
        }
        first = last;
    }
    in_list
}

/// Follows related-content regions: a marker opens one; inside it, dates belong to the
/// listed articles; page furniture (a footer link, a share prompt) closes it. Returns the
/// verdict when the paragraph's own rules or the region decide it.
pub fn related_region_verdict(item: &Analysed, in_related_region: &mut bool) -> Option<Verdict> {
    let noise = item.noise.as_ref()?;
    match noise.kind {
        BlockKind::Related => {
            // A marker opens a list; a single link line ("Read more: ...") stands alone.
            *in_related_region = noise.reason == RELATED_MARKER_REASON;
            Some(Verdict::removed(noise.kind, noise.reason.clone()))
        }
        BlockKind::Date if *in_related_region => Some(Verdict::removed(
            BlockKind::Related,
            "date of an article in a list of other articles",
        )),
        _ => {
            *in_related_region = false;
            None
        }
    }
}

/// Verdict for a paragraph outside the body's run.
pub fn outside_verdict(
    analysed: &[Analysed],
    index: usize,
    body_start: Option<usize>,
    body_end: Option<usize>,
    in_headline_list: bool,
    in_related_region: &mut bool,
) -> Verdict {
    let item = &analysed[index];
    if let Some(verdict) = related_region_verdict(item, in_related_region) {
        return verdict;
    }
    if *in_related_region && item.noise.is_none() {
        return Verdict::removed(BlockKind::Related, "item in a list of other articles");
    }
    let is_date = item.noise_is(BlockKind::Date);
    if is_date && in_headline_list {
        return Verdict::removed(
            BlockKind::Related,
            "date of an article in a list of other articles",
        );
    }
    if let Some(noise) = &item.noise {
        return Verdict::removed(noise.kind, noise.reason.clone());
    }
    if item.quality == Quality::Bad && item.paragraph.list_marker.is_none() && in_headline_list {
        return Verdict::removed(BlockKind::Related, "headline in a list of other articles");
    }
    let reason = match (body_start, body_end) {
        (Some(start), _) if index < start => {
            if item.paragraph.list_marker.is_some() {
                "menu entry before the article"
            } else {
                "page header before the article"
            }
        }
        (_, Some(end)) if index >= end => {
            if item.is_prose() {
                "text after the article's end (comments, teasers or footer)"
            } else {
                "page footer or links after the article"
            }
        }
        _ => "outside the article's main text",
    };
    Verdict::removed(BlockKind::Boilerplate, reason)
}

/// When no run of prose was found (a short note, a list), keep every paragraph the local
/// rules did not remove: never worse than returning the text as it came.
pub fn keep_plain_text(analysed: &[Analysed], verdicts: &mut [Verdict]) {
    for (item, verdict) in analysed.iter().zip(verdicts.iter_mut()) {
        if item.noise.is_none() {
            *verdict = Verdict::kept(
                BlockKind::Body,
                "text (no clear article body was found, so all text is kept)",
            );
        }
    }
}

/// Longest paragraph taken for a caption because a photo credit follows it.
pub const MAX_CAPTION_WORDS: usize = 40;

/// Most words of a credit line that names only who took the picture ("Photo: Anna Moreno /
/// Harbor Times via Getty Images"); a longer one carries its caption itself.
pub const MAX_BARE_CREDIT_WORDS: usize = 10;

/// A one-sentence paragraph right above a photo credit line is that photo's caption,
/// when prose follows the credit (a photo inside the article). After the last paragraph,
/// a credit line may belong to a photo elsewhere, and the paragraph stays.
pub fn mark_captions_above_credits(analysed: &[Analysed], verdicts: &mut [Verdict]) {
    // For each paragraph, whether the next one the local rules did not remove is prose:
    // filled from the end in one pass, so long runs of furniture cost linear time.
    let mut prose_after = vec![false; analysed.len()];
    let mut next_is_prose = false;
    for index in (0..analysed.len()).rev() {
        prose_after[index] = next_is_prose;
        if analysed[index].noise.is_none() {
            next_is_prose = analysed[index].is_prose();
        }
    }
    for index in 1..analysed.len() {
        // A credit line that carries a caption of its own ("Photo: Waves break over the
        // wall. (Agency)") has no caption above it.
        let follows_credit = analysed[index].noise_is(BlockKind::Credit)
            && analysed[index].features.words <= MAX_BARE_CREDIT_WORDS;
        let caption = &analysed[index - 1];
        if follows_credit
            && prose_after[index]
            && caption.noise.is_none()
            && caption.features.words <= MAX_CAPTION_WORDS
            && caption.features.sentence_ends <= 1
        {
            verdicts[index - 1] =
                Verdict::removed(BlockKind::Caption, "photo caption (above a photo credit)");
        }
    }
}

/// Longest photo title, in words: a few names or a topic ("Merkel Macron summit").
/// Headlines, which can also stand above a lead photo's caption, run longer.
pub const MAX_PHOTO_TITLE_WORDS: usize = 6;

/// Share of a photo title's content words that its caption must repeat: the title names
/// what the caption describes, while a headline above a lead photo says what happened.
pub const PHOTO_TITLE_SHARE_IN_CAPTION: f64 = 0.5;

/// A short line right above a photo caption that names what the caption describes
/// ("Merkel Macron summit" above "German Chancellor Angela Merkel meets French President
/// Emmanuel Macron ... (Photo: ...)") is the photo's title: part of the caption, removed
/// with it, and never a heading or the article's headline.
pub fn mark_photo_titles(analysed: &[Analysed], verdicts: &mut [Verdict]) {
    for index in 1..analysed.len() {
        let is_caption = verdicts[index].kind == BlockKind::Caption;
        let line = &analysed[index - 1];
        if is_caption && is_photo_title(line, &analysed[index]) {
            verdicts[index - 1] = Verdict::removed(
                BlockKind::Caption,
                "title of the photo below (above its caption)",
            );
        }
    }
}

fn is_photo_title(line: &Analysed, caption: &Analysed) -> bool {
    let paragraph = &line.paragraph;
    if line.noise.is_some()
        || paragraph.list_marker.is_some()
        || paragraph.heading_level > 0
        || paragraph.emphasized
        || line.features.words > MAX_PHOTO_TITLE_WORDS
        || line.features.sentence_ends > 0
        || line.tokens.content().is_empty()
    {
        return false;
    }
    let in_caption = line
        .tokens
        .content()
        .iter()
        .filter(|word| caption.tokens.content().contains(word))
        .count();
    in_caption as f64 >= line.tokens.content().len() as f64 * PHOTO_TITLE_SHARE_IN_CAPTION
}

/// The standfirst, the sentence summing up the story, is part of the article: a sentence on
/// the body's topic right under the headline (before byline and date), or right above a
/// headline marked as one (bold, "#"): a page that marks its headline may set it under its
/// standfirst. Above a plain line, a sentence is more often a teaser or a page's motto.
pub fn keep_standfirst(
    analysed: &[Analysed],
    title: usize,
    vocabulary: &Vocabulary,
    verdicts: &mut [Verdict],
) {
    let headline = &analysed[title].paragraph;
    let marked = headline.emphasized || headline.heading_level > 0;
    // Past the headline's own copies ("**Headline**" twice).
    let is_copy = |index: usize| analysed[index].key == analysed[title].key;
    let above = (0..title)
        .rev()
        .find(|&index| !is_copy(index))
        .filter(|_| marked);
    let below = (title + 1..analysed.len()).find(|&index| !is_copy(index));
    let beside = [above, below];
    for index in beside.into_iter().flatten() {
        let Some(next) = analysed.get(index) else {
            continue;
        };
        let sentence_like = next.features.words >= 8
            && next.features.words <= 60
            && next.features.sentence_ends <= 2;
        if !verdicts[index].kept
            && verdicts[index].kind != BlockKind::Title
            && next.noise.is_none()
            && sentence_like
            && next.quality != Quality::Bad
            && vocabulary.topic_share(next.tokens.content(), false) >= JOINS_BODY_SHARE
        {
            verdicts[index] = Verdict::kept(
                BlockKind::Body,
                "standfirst: the summary beside the headline",
            );
        }
    }
}

/// Kept paragraphs at the end of the body checked for an author's biography.
pub const BIO_TAIL: usize = 3;

/// A paragraph among the last few of the body that opens with the author's name ("Jane
/// Doe is a reporter covering ...", "Jane has worked as ...") is the author's biography.
pub fn drop_author_bio(analysed: &[Analysed], author: &str, verdicts: &mut [Verdict]) {
    let names: Vec<Vec<u64>> = author
        .split("; ")
        .flat_map(|name| {
            let words = crate::text::word_hashes(name);
            // A first name alone ("Jane has worked as ..."), never a first word that is a
            // stopword ("The Associated Press": "The agency said ...").
            let first = words
                .first()
                .filter(|first| !crate::text::stopwords().contains(first))
                .map(|first| vec![*first]);
            std::iter::once(words).chain(first)
        })
        .filter(|words| !words.is_empty())
        .collect();
    let tail: Vec<usize> = (0..verdicts.len())
        .rev()
        .filter(|&i| verdicts[i].kept && verdicts[i].kind == BlockKind::Body)
        .take(BIO_TAIL)
        .collect();
    for index in tail {
        let words = analysed[index].tokens.hashes();
        if analysed[index].features.words >= 8 && names.iter().any(|name| words.starts_with(name)) {
            verdicts[index] = Verdict::removed(BlockKind::Boilerplate, "about the author");
        }
    }
}

/// Longest label ("Release date:", "Last updated:") taken as part of the date line below it.
pub const MAX_LABEL_WORDS: usize = 4;

/// A short line ending in a colon right above a date line is that date's label.
pub fn mark_date_labels(analysed: &[Analysed], verdicts: &mut [Verdict]) {
    for index in 1..analysed.len() {
        let label = &analysed[index - 1];
        let is_date = analysed[index].noise_is(BlockKind::Date);
        if is_date
            && label.noise.is_none()
            && label.features.words <= MAX_LABEL_WORDS
            && label.paragraph.text.trim_end().ends_with(':')
        {
            verdicts[index - 1] = Verdict::removed(BlockKind::Date, "label of the date line below");
        }
    }
}

/// Other copies of the headline (in a breadcrumb, repeated in bold) are duplicates of it.
pub fn mark_headline_copies(analysed: &[Analysed], title: usize, verdicts: &mut [Verdict]) {
    let key = analysed[title].key;
    for (index, item) in analysed.iter().enumerate() {
        if index != title && item.key == key && item.tokens.hashes().len() >= 2 {
            verdicts[index] = Verdict::removed(BlockKind::Duplicate, "repeats the headline");
        }
    }
}

pub fn apply_metadata(metadata: &Metadata, verdicts: &mut [Verdict]) {
    if let Some(index) = metadata.title {
        verdicts[index] = Verdict::removed(BlockKind::Title, "the article's headline");
    }
    if let Some(index) = metadata.byline {
        verdicts[index] = Verdict::removed(BlockKind::Byline, "byline naming the author");
    }
    if let Some(index) = metadata.date_block {
        // A date line the list rules took for a listed article's is the article's own once
        // the metadata has found it so (see `metadata`): its reason must not say otherwise.
        let relabel = matches!(
            verdicts[index].kind,
            BlockKind::Boilerplate | BlockKind::Related
        );
        if verdicts[index].kept || relabel {
            verdicts[index] = Verdict::removed(BlockKind::Date, "the article's date");
        }
    }
}

pub fn drop_repeats(analysed: &[Analysed], title: Option<usize>, verdicts: &mut [Verdict]) {
    let words: Vec<(&[u64], u64)> = analysed
        .iter()
        .map(|item| (item.tokens.hashes(), item.key))
        .collect();
    let repeats = earlier_repeats(&words);
    for (index, earlier) in repeats.into_iter().enumerate() {
        let Some(earlier) = earlier else { continue };
        if !verdicts[index].kept {
            continue;
        }
        let reason = if Some(earlier) == title {
            Cow::Borrowed("repeats the headline")
        } else {
            Cow::Owned(format!("repeats paragraph {}", earlier + 1))
        };
        verdicts[index] = Verdict::removed(BlockKind::Duplicate, reason);
    }
}

/// Applies the user's corrections: a restored block is kept with its kind, a removed one is
/// dropped, and each says so in its reason. An index past the last block gets a warning.
pub fn apply_overrides(
    verdicts: &mut [Verdict],
    overrides: &[BlockOverride],
    warnings: &mut Vec<String>,
) {
    for correction in overrides {
        let Some(verdict) = verdicts.get_mut(correction.block) else {
            warnings.push(format!(
                "a correction names block {}, but the text has only {} blocks; it was ignored",
                correction.block,
                verdicts.len()
            ));
            continue;
        };
        if verdict.kept == correction.kept {
            continue;
        }
        verdict.kept = correction.kept;
        verdict.reason = Cow::Owned(if correction.kept {
            format!("restored by you (the cleaner said: {})", verdict.reason)
        } else {
            format!("removed by you (the cleaner kept it: {})", verdict.reason)
        });
    }
}

/// The verdict of every paragraph from where it stands (inside or outside the body) and
/// what the local rules and related-content regions say of it.
pub fn region_verdicts(
    analysed: &[Analysed],
    in_body: &[bool],
    vocabulary: &Vocabulary,
) -> Vec<Verdict> {
    region_verdicts_bounded(analysed, in_body, vocabulary, &ListBounds::default())
}

/// What besides the text says where lists of other articles are (a page's markup).
#[derive(Default)]
pub struct ListBounds<'a> {
    /// Whether paragraph `index` still stands in the list the marker paragraph `marker`
    /// opened (on a page the list is an element, and it ends where the element does);
    /// `None`: as long as the text rules say.
    pub in_list: Option<&'a dyn Fn(usize, usize) -> bool>,
    /// Per paragraph, whether it may be the headline of another article (on a page, only a
    /// line holding a link: a headline in a list links to its story); `None`: any line.
    pub may_be_headline: Option<&'a [bool]>,
}

/// [`region_verdicts`] with [`ListBounds`].
pub fn region_verdicts_bounded(
    analysed: &[Analysed],
    in_body: &[bool],
    vocabulary: &Vocabulary,
    bounds: &ListBounds,
) -> Vec<Verdict> {
    let in_list = |marker: usize, index: usize| bounds.in_list.is_none_or(|f| f(marker, index));
    let body_start = in_body.iter().position(|&b| b);
    let body_end = in_body.iter().rposition(|&b| b).map(|last| last + 1);
    let mut verdicts: Vec<Verdict> = Vec::with_capacity(analysed.len());
    // A list opened by a marker ("More news") after the article has begun runs on into the
    // next run of paragraphs: it ends where page furniture or the body's prose resumes, not
    // where a run ends. Before the article, the first body paragraph ends it.
    let mut in_related_region = false;
    let mut headline_lists = headline_lists(analysed);
    if let Some(may_be_headline) = bounds.may_be_headline {
        for (in_list, &may_be) in headline_lists.iter_mut().zip(may_be_headline) {
            *in_list &= may_be;
        }
    }
    let mut marker = 0;
    for (index, &body) in in_body.iter().enumerate() {
        if Some(index) == body_start || (in_related_region && !in_list(marker, index)) {
            in_related_region = false;
        }
        let opens_list = analysed[index]
            .noise
            .as_ref()
            .is_some_and(|noise| noise.reason == RELATED_MARKER_REASON);
        if opens_list {
            marker = index;
        }
        let verdict = if body {
            body_verdict(
                analysed,
                index,
                vocabulary,
                headline_lists[index],
                &mut in_related_region,
            )
        } else {
            outside_verdict(
                analysed,
                index,
                body_start,
                body_end,
                headline_lists[index],
                &mut in_related_region,
            )
        };
        verdicts.push(verdict);
    }
    if body_start.is_none() {
        keep_plain_text(analysed, &mut verdicts);
    }

    verdicts
}
