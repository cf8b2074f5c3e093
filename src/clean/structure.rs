//! What a page's markup says about each paragraph (HTML input only): page furniture the
//! markup settles (navigation inside `<nav>`, a sidebar in `<aside>`, a caption in
//! `<figcaption>`, share buttons marked by their class, lists of links), and where the
//! article's own element is (`<article>`, `<main>`, `itemprop="articleBody"`), which the
//! body search then keeps to.
//!
//! Neither is absolute. An element counts for what it says only when it does not wrap most
//! of the page's text: pages wrap everything in a `<form>`, put a class naming comments on
//! `<body>`, or hold the article inside `<main>` with the sidebars; and the article's
//! element is trusted only when it holds a fair share of the page's text (a page may hold
//! several `<article>`s, teasers among them, and then the largest is the article).

use std::borrow::Cow;

use super::noise::BYLINE_MAX_WORDS;
use super::paragraph::Analysed;
use crate::markup::{Context, Element, HintKind, Hints, Page, Tag, NO_ELEMENT};
use crate::report::BlockKind;

/// What the markup settles a paragraph as: page furniture, removed, with a reason naming
/// the markup that says so.
#[derive(Debug, Clone, PartialEq)]
pub struct Furniture {
    /// The kind of block.
    pub kind: BlockKind,
    /// Why, in words a user understands ("navigation (inside <nav>)").
    pub reason: Cow<'static, str>,
    /// The class or id hint that settled it, if one did.
    pub hint: Option<HintKind>,
    /// Whether it stands apart from the article: navigation, a sidebar, comments, links to
    /// other articles, advertising (not the article's own header or footer, which hold its
    /// date and author).
    pub elsewhere: bool,
}

/// What the markup says about each paragraph of a page.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    /// The page block each paragraph came from.
    pub block_of: Vec<usize>,
    /// Furniture the markup settles, per paragraph.
    pub furniture: Vec<Option<Furniture>>,
    /// Per paragraph: whether it stands inside the article's element; `None` when the page
    /// has no element trusted to hold the article.
    pub in_article: Vec<Option<bool>>,
    /// Per paragraph: the class and id hints that count for it (its element's and its
    /// ancestors'), whatever settled it.
    pub hints: Vec<Hints>,
}

/// Largest share of the page's text an element may hold and still count for what its tag
/// or class says: past half, it wraps the article itself (a `<form>` around the whole page,
/// a `<body class="... comments-open">`).
pub const WRAPPER_SHARE: f64 = 0.5;

/// Smallest share of the page's text the article's element must hold to be trusted: a
/// quarter keeps out an `<article>` that is one teaser among others, and still trusts an
/// article beside long comment threads or sidebars.
pub const ARTICLE_ELEMENT_MIN_SHARE: f64 = 0.25;

/// Share of the largest candidate's text a tighter candidate inside it must hold to be
/// preferred (`<main>` around `<article>` around the text: the article is the tighter).
pub const TIGHTER_ELEMENT_SHARE: f64 = 0.8;

/// Link density from which a list item is a link in a list of links.
pub const LINK_ITEM_DENSITY: f64 = 0.5;

/// Most words of a list item judged by [`LINK_ITEM_DENSITY`]: a menu entry or a linked
/// headline; a longer item is a point of its own that cites its sources.
pub const LINK_ITEM_MAX_WORDS: usize = 15;

/// Link density from which any block is a list of links: prose cites a link or two per
/// sentence, far under this.
pub const LINK_BLOCK_DENSITY: f64 = 0.7;

/// Fewest words from which a link-dense block is judged by its density at all: a short
/// line that is one link may still be a heading or a "Read more" the text rules judge.
pub const LINK_BLOCK_MIN_WORDS: usize = 1;

/// The structural contexts that mark furniture: each counts only when the element that
/// opened it does not wrap the article.
const FURNITURE_CONTEXTS: [Context; 6] = [
    Context::NAV,
    Context::ASIDE,
    Context::HEADER,
    Context::FOOTER,
    Context::FORM,
    Context::FIGCAPTION,
];

/// Reads what the markup says about the paragraphs `analysed` made of `page`'s blocks.
pub fn read_structure(page: &Page, analysed: &[Analysed]) -> Structure {
    let block_of = blocks_of_paragraphs(page, analysed);
    let elements = &page.elements;
    // Text outside links: the measure of how much of the page an element holds (menus and
    // lists of links weigh little, prose much).
    let mut text = vec![0.0f64; elements.len()];
    for block in &page.blocks {
        text[block.owner as usize] += block.chars.saturating_sub(block.link_chars) as f64;
    }
    for index in (0..elements.len()).rev() {
        let parent = elements[index].parent;
        if parent != NO_ELEMENT {
            text[parent as usize] += text[index];
        }
    }
    let total: f64 = elements
        .iter()
        .zip(&text)
        .filter(|(element, _)| element.parent == NO_ELEMENT)
        .map(|(_, text)| text)
        .sum();
    let article = article_element(elements, &text, total);
    // The article's element and the elements around it wrap the article whatever their
    // size (WordPress puts "tag-..." classes on every <article>); inside it, an element
    // wrapping most of the article's text is a wrapper too.
    let mut wraps_article = vec![false; elements.len()];
    let mut inside_article = vec![false; elements.len()];
    if let Some(article) = article {
        let mut current = article as u32;
        while current != NO_ELEMENT {
            wraps_article[current as usize] = true;
            current = elements[current as usize].parent;
        }
        for (index, element) in elements.iter().enumerate() {
            inside_article[index] = index == article
                || (element.parent != NO_ELEMENT && inside_article[element.parent as usize]);
        }
    }
    let article_text = article.map_or(total, |article| text[article]);
    let counts = |index: usize| {
        total == 0.0
            || (!wraps_article[index]
                && text[index] <= WRAPPER_SHARE * total
                && !(inside_article[index] && text[index] > WRAPPER_SHARE * article_text))
    };
    // Contexts and hints that count, inherited top-down (parents come first).
    let mut contexts = vec![Context::NONE; elements.len()];
    let mut hints = vec![Hints::default(); elements.len()];
    for (index, element) in elements.iter().enumerate() {
        let (parent_context, parent_element_context, parent_hints) = match element.parent {
            NO_ELEMENT => (Context::NONE, Context::NONE, Hints::default()),
            parent => (
                contexts[parent as usize],
                elements[parent as usize].context,
                hints[parent as usize],
            ),
        };
        let mut context = parent_context;
        let mut own_hints = parent_hints;
        if counts(index) {
            for furniture in FURNITURE_CONTEXTS {
                if element.context.has(furniture) && !parent_element_context.has(furniture) {
                    context |= furniture;
                }
            }
            own_hints = own_hints.union(element.hints.kinds);
        }
        contexts[index] = context;
        hints[index] = own_hints;
    }
    let mut furniture = Vec::with_capacity(analysed.len());
    let mut in_article = Vec::with_capacity(analysed.len());
    let mut paragraph_hints = Vec::with_capacity(analysed.len());
    for (item, &block_index) in analysed.iter().zip(&block_of) {
        let block = &page.blocks[block_index];
        let owner = block.owner as usize;
        let inside = article.map(|_| inside_article[owner]);
        in_article.push(inside);
        paragraph_hints.push(hints[owner]);
        furniture.push(settle(
            item,
            block,
            contexts[owner],
            hints[owner],
            inside.unwrap_or(false),
            |kind| hint_word(elements, owner, kind, &counts),
        ));
    }
    Structure {
        block_of,
        furniture,
        in_article,
        hints: paragraph_hints,
    }
}

impl Structure {
    /// Whether the markup sets paragraph `index` apart from the article (see
    /// [`Furniture::elsewhere`]).
    pub fn is_elsewhere(&self, index: usize) -> bool {
        self.furniture[index]
            .as_ref()
            .is_some_and(|furniture| furniture.elsewhere)
    }

    /// Whether a class or id sets paragraph `index` in a trail or menu of links to other
    /// pages (breadcrumbs, navigation), even where a region settled it first.
    pub fn in_trail_or_menu(&self, index: usize) -> bool {
        self.hints
            .get(index)
            .is_some_and(|hints| hints.has(HintKind::Breadcrumb) || hints.has(HintKind::Navigation))
    }

    /// Whether paragraphs `a` and `b` come from blocks of one parent element (siblings in
    /// one text).
    pub fn same_element(&self, page: &Page, a: usize, b: usize) -> bool {
        let parent = |paragraph: usize| {
            self.block_of
                .get(paragraph)
                .map(|&block| page.elements[page.blocks[block].owner as usize].parent)
        };
        matches!((parent(a), parent(b)), (Some(x), Some(y)) if x == y && x != NO_ELEMENT)
    }

    /// Whether paragraph `index` stands inside the element that holds paragraph `marker` and
    /// its siblings (the list a "More news" marker heads): the marker's parent element.
    ///
    /// A heading that links nowhere ends the list whatever element holds it: a list of other
    /// articles links each headline to its story, so an unlinked `<h1>`..`<h6>` opens a
    /// section of the page's own (a product box in a buying guide, the article's next part)
    /// even where the marker stood amid the article's paragraphs, in their element. Only a
    /// heading stacked right under a marker that is a heading itself stays in the list: the
    /// two are the box's kicker and title ("Related" over "Read further").
    pub fn in_list_of(&self, page: &Page, marker: usize, index: usize) -> bool {
        let (Some(&marker_block), Some(&block)) =
            (self.block_of.get(marker), self.block_of.get(index))
        else {
            return false;
        };
        let candidate = &page.blocks[block];
        let stacked_under_marker =
            index == marker + 1 && page.blocks[marker_block].heading_level > 0;
        if candidate.heading_level > 0 && candidate.link_chars == 0 && !stacked_under_marker {
            return false;
        }
        let list = page.elements[page.blocks[marker_block].owner as usize].parent;
        if list == NO_ELEMENT {
            return true;
        }
        let mut current = page.blocks[block].owner;
        for _ in 0..MAX_ANCESTRY {
            if current == list {
                return true;
            }
            if current == NO_ELEMENT {
                return false;
            }
            current = page.elements[current as usize].parent;
        }
        // Too deep to tell: as the text alone would say.
        true
    }
}

/// The page block each paragraph came from (a block split at a date stamp gives two
/// paragraphs): the last block starting at or before the paragraph.
fn blocks_of_paragraphs(page: &Page, analysed: &[Analysed]) -> Vec<usize> {
    let mut block = 0;
    analysed
        .iter()
        .map(|item| {
            while block + 1 < page.blocks.len()
                && page.blocks[block + 1].start <= item.paragraph.start
            {
                block += 1;
            }
            block
        })
        .collect()
}

/// The element holding the article: of the `<article>`, `<main>` and `articleBody`
/// elements, the one holding the most text, or a tighter one inside it holding nearly as
/// much; none when even the largest holds too little of the page.
fn article_element(elements: &[Element], text: &[f64], total: f64) -> Option<usize> {
    let candidates: Vec<usize> = (0..elements.len())
        .filter(|&index| elements[index].container as usize == index)
        .collect();
    let largest = candidates
        .iter()
        .map(|&index| text[index])
        .fold(0.0, f64::max);
    if total == 0.0 || largest < ARTICLE_ELEMENT_MIN_SHARE * total {
        return None;
    }
    // Of those holding nearly the most, the innermost (the last in document order among
    // nested ones: a child comes after its parent).
    let near_largest: Vec<usize> = candidates
        .into_iter()
        .filter(|&index| text[index] >= TIGHTER_ELEMENT_SHARE * largest)
        .collect();
    let mut chosen = *near_largest
        .iter()
        .max_by(|&&a, &&b| text[a].total_cmp(&text[b]))?;
    for &candidate in &near_largest {
        if is_inside(elements, candidate, chosen) {
            chosen = candidate;
        }
    }
    Some(chosen)
}

/// Most ancestors looked through to tell whether one element is inside another: article
/// elements nest a few deep at most.
const MAX_ANCESTRY: usize = 64;

/// Whether `inner` stands inside `outer`, following the chain of article elements.
fn is_inside(elements: &[Element], inner: usize, outer: usize) -> bool {
    let mut current = elements[inner].parent;
    for _ in 0..MAX_ANCESTRY {
        if current == NO_ELEMENT {
            return false;
        }
        let container = elements[current as usize].container;
        if container as usize == outer {
            return true;
        }
        if container == NO_ELEMENT {
            return false;
        }
        current = elements[container as usize].parent;
    }
    false
}

/// The nearest class or id word naming `kind` on the element or its ancestors (those whose
/// hints count), for the reason shown.
fn hint_word(
    elements: &[Element],
    owner: usize,
    kind: HintKind,
    counts: &dyn Fn(usize) -> bool,
) -> Option<String> {
    let mut current = owner as u32;
    for _ in 0..MAX_ANCESTRY {
        if current == NO_ELEMENT {
            return None;
        }
        let element = &elements[current as usize];
        if element.hints.kinds.has(kind) && counts(current as usize) {
            return element
                .hints
                .first
                .filter(|first| first.kind == kind)
                .map(|first| format!("{} \"{}\"", first.attribute.name(), first.word));
        }
        current = element.parent;
    }
    None
}

/// The kinds of hints that make a block furniture, most telling first, with the block kind
/// and what the reason calls it.
const HINT_FURNITURE: [(HintKind, BlockKind, &str); 14] = [
    (HintKind::Caption, BlockKind::Caption, "photo caption"),
    (HintKind::Credit, BlockKind::Credit, "photo credit"),
    (
        HintKind::Comments,
        BlockKind::Boilerplate,
        "readers' comments",
    ),
    (
        HintKind::Related,
        BlockKind::Related,
        "links to other articles",
    ),
    (HintKind::Share, BlockKind::Boilerplate, "share buttons"),
    (
        HintKind::Newsletter,
        BlockKind::Boilerplate,
        "sign-up prompt",
    ),
    (HintKind::Cookie, BlockKind::Boilerplate, "cookie notice"),
    (HintKind::Promo, BlockKind::Boilerplate, "advertising"),
    (
        HintKind::Breadcrumb,
        BlockKind::Boilerplate,
        "breadcrumb trail",
    ),
    (HintKind::Navigation, BlockKind::Boilerplate, "navigation"),
    (HintKind::Tags, BlockKind::Boilerplate, "tag links"),
    (HintKind::Sidebar, BlockKind::Boilerplate, "sidebar"),
    (HintKind::Footer, BlockKind::Boilerplate, "page footer"),
    (HintKind::Bio, BlockKind::Boilerplate, "about the author"),
];

/// What the markup settles one paragraph as, if anything.
fn settle(
    item: &Analysed,
    block: &crate::markup::PageBlock,
    context: Context,
    hints: Hints,
    inside_article: bool,
    hint_word: impl Fn(HintKind) -> Option<String>,
) -> Option<Furniture> {
    // A quotation is content even inside an embed's wrapper a class calls "social" or an
    // advertisement's calls "promo" (an embedded post quoted in the article).
    let quotation = block.context.has(Context::BLOCKQUOTE);
    let hint_furniture = |table: &[(HintKind, BlockKind, &'static str)]| {
        table.iter().find_map(|&(kind, block_kind, name)| {
            if !hints.has(kind) || (quotation && matches!(kind, HintKind::Share | HintKind::Promo))
            {
                return None;
            }
            let reason = match hint_word(kind) {
                Some(word) => Cow::Owned(format!("{name} ({word})")),
                None => Cow::Borrowed(name),
            };
            Some(Furniture {
                kind: block_kind,
                reason,
                hint: Some(kind),
                elsewhere: matches!(
                    kind,
                    HintKind::Related
                        | HintKind::Comments
                        | HintKind::Navigation
                        | HintKind::Promo
                        | HintKind::Breadcrumb
                ) || (kind == HintKind::Sidebar && !inside_article),
            })
        })
    };
    let furniture = |kind: BlockKind, reason: &'static str| {
        Some(Furniture {
            kind,
            reason: Cow::Borrowed(reason),
            hint: None,
            // An <aside> inside the article is about the article (an author box, a pull
            // quote); outside it, a sidebar.
            elsewhere: context.has(Context::NAV)
                || (context.has(Context::ASIDE) && !inside_article),
        })
    };
    if context.has(Context::FIGCAPTION) {
        return furniture(BlockKind::Caption, "photo caption (<figcaption>)");
    }
    // What a class names most precisely (a caption, links to other articles, comments)
    // says more than the region it stands in.
    if let Some(settled) = hint_furniture(&HINT_FURNITURE[..4]) {
        return Some(settled);
    }
    if context.has(Context::NAV) {
        return furniture(BlockKind::Boilerplate, "navigation (inside <nav>)");
    }
    if context.has(Context::ASIDE) {
        return furniture(BlockKind::Boilerplate, "sidebar (inside <aside>)");
    }
    if context.has(Context::FOOTER) {
        return furniture(BlockKind::Boilerplate, "footer (inside <footer>)");
    }
    // The article's own <header> holds its headline, byline and date: the text rules and
    // the metadata read them.
    if context.has(Context::HEADER) && !inside_article {
        return furniture(BlockKind::Boilerplate, "page header (inside <header>)");
    }
    if context.has(Context::FORM) {
        return furniture(BlockKind::Boilerplate, "form (inside <form>)");
    }
    if let Some(settled) = hint_furniture(&HINT_FURNITURE[4..]) {
        return Some(settled);
    }
    if block.context.has(Context::CONTROL) {
        return furniture(BlockKind::Boilerplate, "button or form label");
    }
    // A short line in an element a class calls the byline or the author is the byline,
    // whatever its words look like ("A and B USA TODAY" reads like a heading): templates
    // name the byline's element, and a byline is never longer than the text rules allow.
    if hints.has(HintKind::Byline) && !quotation && item.features.words <= BYLINE_MAX_WORDS {
        let reason = match hint_word(HintKind::Byline) {
            Some(word) => Cow::Owned(format!("byline ({word})")),
            None => Cow::Borrowed("byline"),
        };
        return Some(Furniture {
            kind: BlockKind::Byline,
            reason,
            hint: Some(HintKind::Byline),
            elsewhere: false,
        });
    }
    let density = block.link_density();
    let words = item.features.words;
    if words >= LINK_BLOCK_MIN_WORDS {
        if block.tag == Tag::Li && density >= LINK_ITEM_DENSITY && words <= LINK_ITEM_MAX_WORDS {
            return furniture(BlockKind::Boilerplate, "link in a list of links");
        }
        if density >= LINK_BLOCK_DENSITY {
            return furniture(
                BlockKind::Boilerplate,
                "link list (most of its text is links)",
            );
        }
    }
    None
}
