//! The tree builder: turns the tokenizer's start tags, end tags and text into a flat table
//! of elements (each with its parent, its inherited [`Context`] and its class and id hints),
//! with the HTML standard's rules that shape the text of real pages: implied end tags (`p`
//! closed by a block, `li`, `dt`, `dd`, headings, `td`, `tr`, `option`), void elements, stray
//! end tags ignored, misnested formatting elements closed, `head` and `body` implied.
//!
//! What it leaves out of the standard (none of it changes the text of real pages: measured
//! against html5ever's full tree builder on every dev page, the same words in the same
//! blocks): the adoption agency's reparenting, foster parenting of text inside tables, and
//! the active formatting elements' reconstruction.
//!
//! No recursion anywhere, and every search of the open elements stops after
//! [`MAX_SCOPE_SEARCH`] entries, so a page of 100,000 nested `<div>`s costs linear time and
//! no stack. Every change is reported to a [`TreeSink`] (the page builder), in document
//! order.

use std::collections::HashMap;

use super::elements::{classify, Behaviour, Context, Tag};
use super::hints::{read_hints, ElementHints, HintAttribute};

/// Most open elements an end tag or an implied end tag looks through. Real pages nest a
/// few dozen deep; a hostile page nesting 100,000 deep would make every search quadratic.
pub const MAX_SCOPE_SEARCH: usize = 512;

/// The index of an element in [`Tree::elements`].
pub type ElementIndex = u32;

/// The parent of the root element.
pub const NO_ELEMENT: ElementIndex = u32::MAX;

/// One element of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// Its parent ([`NO_ELEMENT`] for the root). Parents come before their children.
    pub parent: ElementIndex,
    /// What kind of element it is.
    pub tag: Tag,
    /// Its context: its parent's and its own.
    pub context: Context,
    /// What its own class and id words say it holds.
    pub hints: ElementHints,
    /// The level of the nearest heading around it or itself (1 to 6), 0 outside headings.
    pub heading_level: u8,
    /// The nearest `<article>`, `<main>` or `itemprop="articleBody"` element around it or
    /// itself, [`NO_ELEMENT`] when there is none.
    pub container: ElementIndex,
    /// Its name, as an index into the tree's names.
    name: u32,
}

/// The attributes of the start tag being read: only those the extraction uses are kept
/// (see [`Attributes::is_wanted`]); the first of two with the same name wins, as in HTML.
#[derive(Debug, Default)]
pub struct Attributes {
    bytes: Vec<u8>,
    /// Name start, value start (the name's end), value end.
    spans: Vec<(usize, usize, usize)>,
    skipping_value: bool,
}

/// Longest attribute value kept: metadata values and class lists are far shorter; a
/// megabyte-long attribute is read past, not stored.
pub const MAX_ATTRIBUTE_BYTES: usize = 16 * 1024;

impl Attributes {
    /// Forgets the previous tag's attributes.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.spans.clear();
        self.skipping_value = false;
    }

    /// Whether the extraction reads attributes of this name.
    fn is_wanted(name: &[u8]) -> bool {
        matches!(
            name,
            b"id"
                | b"class"
                | b"hidden"
                | b"style"
                | b"role"
                | b"rel"
                | b"href"
                | b"itemprop"
                | b"property"
                | b"name"
                | b"content"
                | b"datetime"
                | b"type"
                | b"lang"
                | b"xml:lang"
        )
    }

    /// Starts an attribute (its value, if any, follows in [`Attributes::push_value`]).
    pub fn push_name(&mut self, name: &[u8]) {
        self.skipping_value = !Self::is_wanted(name);
        if self.skipping_value {
            return;
        }
        let start = self.bytes.len();
        self.bytes.extend_from_slice(name);
        let end = self.bytes.len();
        self.spans.push((start, end, end));
    }

    /// Adds the value of the attribute last started.
    pub fn push_value(&mut self, value: &[u8]) {
        if self.skipping_value {
            return;
        }
        let Some(last) = self.spans.last_mut() else {
            return;
        };
        let room = MAX_ATTRIBUTE_BYTES.saturating_sub(last.2 - last.1);
        self.bytes
            .extend_from_slice(&value[..value.len().min(room)]);
        last.2 = self.bytes.len();
    }

    /// The value of the first attribute of this name (empty for an attribute without one).
    pub fn get(&self, name: &[u8]) -> Option<&[u8]> {
        self.spans
            .iter()
            .find(|(start, value_start, _)| &self.bytes[*start..*value_start] == name)
            .map(|&(_, value_start, value_end)| &self.bytes[value_start..value_end])
    }

    /// The value of the first attribute of this name, as text.
    pub fn text(&self, name: &[u8]) -> Option<String> {
        self.get(name)
            .map(|value| String::from_utf8_lossy(value).trim().to_string())
    }
}

/// Receives the tree's changes in document order.
pub trait TreeSink {
    /// An element was opened (after its implied end tags closed others); `attributes` are
    /// its start tag's.
    fn opened(&mut self, tree: &Tree, element: ElementIndex, attributes: &Attributes);
    /// An element is about to close; it is still the current one.
    fn closing(&mut self, tree: &Tree, element: ElementIndex);
    /// Text inside the current element (raw text for `script`, `style`, `title`...).
    fn text(&mut self, tree: &Tree, text: &[u8]);
    /// A `<br>`.
    fn line_break(&mut self, tree: &Tree);
}

/// An open element.
#[derive(Debug, Clone, Copy)]
struct Open {
    element: ElementIndex,
    tag: Tag,
    behaviour: Behaviour,
    /// The innermost open block element: this one when it is a block.
    block_owner: ElementIndex,
}

/// The tree being built.
#[derive(Debug, Default)]
pub struct Tree {
    /// Every element, in document order.
    pub elements: Vec<Element>,
    stack: Vec<Open>,
    names: Vec<Box<[u8]>>,
    name_ids: HashMap<Box<[u8]>, u32>,
    head_seen: bool,
    body_seen: bool,
}

impl Tree {
    /// An empty tree.
    pub fn new() -> Tree {
        Tree::default()
    }

    /// The context of the current element (the document's root has none).
    pub fn context(&self) -> Context {
        self.stack.last().map_or(Context::NONE, |open| {
            self.elements[open.element as usize].context
        })
    }

    /// The current element.
    pub fn current(&self) -> Option<ElementIndex> {
        self.stack.last().map(|open| open.element)
    }

    /// The innermost open block element, which owns the text read now.
    pub fn block_owner(&self) -> ElementIndex {
        self.stack
            .last()
            .map_or(NO_ELEMENT, |open| open.block_owner)
    }

    /// Whether `element`, the current element, is a block element (its start and end end a
    /// block of text).
    pub fn current_is_block(&self, element: ElementIndex) -> bool {
        self.stack
            .last()
            .is_some_and(|open| open.element == element && open.block_owner == element)
    }

    fn name_id(&mut self, name: &[u8]) -> u32 {
        if let Some(&id) = self.name_ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.into());
        self.name_ids.insert(name.into(), id);
        id
    }

    fn open_has_name(&self, open: &Open, name: &[u8]) -> bool {
        *self.names[self.elements[open.element as usize].name as usize] == *name
    }

    // ---------------------------------------------------------------- the stack

    fn push(
        &mut self,
        name: &[u8],
        tag: Tag,
        behaviour: Behaviour,
        own_context: Context,
        attributes: &Attributes,
        sink: &mut impl TreeSink,
    ) {
        let parent = self.current();
        let inherited = parent.map(|p| &self.elements[p as usize]);
        let mut context = inherited.map_or(Context::NONE, |p| p.context) | own_context;
        let mut heading_level = inherited.map_or(0, |p| p.heading_level);
        let mut container = inherited.map_or(NO_ELEMENT, |p| p.container);
        if let Tag::Heading(level) = tag {
            heading_level = level;
        }
        context |= role_context(attributes);
        if is_hidden(attributes) {
            context |= Context::NOT_RENDERED;
        }
        if tag == Tag::A && attributes.get(b"href").is_some() {
            context |= Context::LINK;
        }
        if attributes
            .get(b"itemprop")
            .is_some_and(|value| has_word(value, b"articleBody"))
        {
            context |= Context::ARTICLE_BODY;
        }
        let index = self.elements.len() as ElementIndex;
        if own_context.has_any(Context::ARTICLE | Context::MAIN)
            || context.has_any(Context::ARTICLE_BODY) && container == NO_ELEMENT
            || role_context(attributes).has_any(Context::ARTICLE | Context::MAIN)
        {
            container = index;
        }
        let mut hints = ElementHints::default();
        if let Some(class) = attributes.get(b"class") {
            read_hints(class, HintAttribute::Class, &mut hints);
        }
        if let Some(id) = attributes.get(b"id") {
            read_hints(id, HintAttribute::Id, &mut hints);
        }
        let name = self.name_id(name);
        self.elements.push(Element {
            parent: parent.unwrap_or(NO_ELEMENT),
            tag,
            context,
            hints,
            heading_level,
            container,
            name,
        });
        let block_owner = match self.stack.last() {
            Some(open) if !behaviour.has(Behaviour::BLOCK) => open.block_owner,
            _ => index,
        };
        self.stack.push(Open {
            element: index,
            tag,
            behaviour,
            block_owner,
        });
        sink.opened(self, index, attributes);
    }

    fn pop(&mut self, sink: &mut impl TreeSink) {
        if let Some(open) = self.stack.last() {
            sink.closing(self, open.element);
            self.stack.pop();
        }
    }

    /// Pops elements until the stack holds `length` of them.
    fn pop_to_length(&mut self, length: usize, sink: &mut impl TreeSink) {
        while self.stack.len() > length {
            self.pop(sink);
        }
    }

    fn pop_through_tag(&mut self, tag: Tag, sink: &mut impl TreeSink) {
        if let Some(at) = self.stack.iter().rposition(|open| open.tag == tag) {
            self.pop_to_length(at, sink);
        }
    }

    /// Takes one element out of the middle of the stack (a misnested formatting element):
    /// the elements opened inside it stay open.
    fn remove_at(&mut self, at: usize, sink: &mut impl TreeSink) {
        if at + 1 == self.stack.len() {
            self.pop(sink);
        } else {
            sink.closing(self, self.stack[at].element);
            self.stack.remove(at);
        }
    }

    /// The position of the nearest open element matching `wanted`, searching from the
    /// current one down to a scope boundary (at most [`MAX_SCOPE_SEARCH`] elements).
    fn find_in_scope(
        &self,
        wanted: impl Fn(&Open) -> bool,
        extra_boundary: Option<Tag>,
        table_scope: bool,
    ) -> Option<usize> {
        for (searched, at) in (0..self.stack.len()).rev().enumerate() {
            if searched >= MAX_SCOPE_SEARCH {
                return None;
            }
            let open = &self.stack[at];
            if wanted(open) {
                return Some(at);
            }
            let boundary = if table_scope {
                matches!(open.tag, Tag::Html | Tag::Table | Tag::Template)
            } else {
                open.behaviour.has(Behaviour::SCOPE)
                    || Some(open.tag) == extra_boundary
                    || matches!(open.tag, Tag::Svg | Tag::Math)
            };
            if boundary {
                return None;
            }
        }
        None
    }

    fn close_paragraph(&mut self, sink: &mut impl TreeSink) {
        if let Some(at) = self.find_in_scope(|open| open.tag == Tag::P, Some(Tag::Button), false) {
            self.pop_to_length(at, sink);
        }
    }

    fn ensure_html(&mut self, sink: &mut impl TreeSink) {
        if self.stack.is_empty() {
            let (tag, behaviour, context) = classify(b"html");
            self.push(
                b"html",
                tag,
                behaviour,
                context,
                &Attributes::default(),
                sink,
            );
        }
    }

    /// Anything but head content ends the head and implies a body.
    fn ensure_body(&mut self, sink: &mut impl TreeSink) {
        if self.body_seen {
            return;
        }
        self.pop_through_tag(Tag::Head, sink);
        self.ensure_html(sink);
        self.body_seen = true;
        let (tag, behaviour, context) = classify(b"body");
        self.push(
            b"body",
            tag,
            behaviour,
            context,
            &Attributes::default(),
            sink,
        );
    }

    // ---------------------------------------------------------------- tokens

    /// A start tag with its attributes.
    pub fn start_tag(
        &mut self,
        name: &[u8],
        self_closing: bool,
        attributes: &Attributes,
        sink: &mut impl TreeSink,
    ) {
        let (tag, behaviour, own_context) = classify(name);
        match tag {
            Tag::Html => {
                if self.stack.is_empty() {
                    self.push(name, tag, behaviour, own_context, attributes, sink);
                }
                return;
            }
            Tag::Head => {
                if !self.head_seen && !self.body_seen {
                    self.head_seen = true;
                    self.ensure_html(sink);
                    self.push(name, tag, behaviour, own_context, attributes, sink);
                }
                return;
            }
            Tag::Body => {
                if !self.body_seen {
                    self.body_seen = true;
                    self.pop_through_tag(Tag::Head, sink);
                    self.ensure_html(sink);
                    self.push(name, tag, behaviour, own_context, attributes, sink);
                }
                return;
            }
            _ => {}
        }
        self.ensure_html(sink);
        if !behaviour.has(Behaviour::IN_HEAD) {
            self.ensure_body(sink);
        }
        if self.context().has(Context::FOREIGN) {
            // Inside svg or math HTML's rules do not apply, and "/>" closes an element.
            self.push(
                name,
                Tag::Other,
                Behaviour::default(),
                Context::NONE,
                attributes,
                sink,
            );
            if self_closing {
                self.pop(sink);
            }
            return;
        }
        if behaviour.has(Behaviour::CLOSES_P) {
            self.close_paragraph(sink);
        }
        let (tag, name) = match tag {
            Tag::Image => (Tag::Other, &b"img"[..]),
            _ => (tag, name),
        };
        self.close_implied_by(tag, sink);
        if tag == Tag::Br {
            sink.line_break(self);
            return;
        }
        self.push(name, tag, behaviour, own_context, attributes, sink);
        if behaviour.has(Behaviour::VOID) {
            self.pop(sink);
        }
    }

    /// The end tags a start tag implies: an open `li` before a new one, `dt`/`dd`, a
    /// heading directly inside a heading, a table cell, row or section, an `option`, a
    /// `button`, a link inside a link.
    fn close_implied_by(&mut self, tag: Tag, sink: &mut impl TreeSink) {
        match tag {
            Tag::Li | Tag::Dd | Tag::Dt => {
                let same = |other: Tag| match tag {
                    Tag::Li => other == Tag::Li,
                    _ => matches!(other, Tag::Dd | Tag::Dt),
                };
                for (searched, at) in (0..self.stack.len()).rev().enumerate() {
                    if searched >= MAX_SCOPE_SEARCH {
                        break;
                    }
                    let open = self.stack[at];
                    if same(open.tag) {
                        self.pop_to_length(at, sink);
                        break;
                    }
                    let passes = matches!(open.tag, Tag::P | Tag::Div | Tag::Address);
                    if open.behaviour.has(Behaviour::SPECIAL) && !passes {
                        break;
                    }
                }
            }
            Tag::Heading(_) => {
                if matches!(self.stack.last(), Some(open) if matches!(open.tag, Tag::Heading(_))) {
                    self.pop(sink);
                }
            }
            Tag::A => {
                if let Some(at) = self.find_in_scope(|open| open.tag == Tag::A, None, false) {
                    self.remove_at(at, sink);
                }
            }
            Tag::Cell | Tag::Tr | Tag::TableSection => {
                // The nearest open element of the same kind (a new row closes the open
                // row and the cell inside it).
                if let Some(at) = self.find_in_scope(|open| open.tag == tag, None, true) {
                    self.pop_to_length(at, sink);
                }
            }
            Tag::Option | Tag::Optgroup => {
                if matches!(self.stack.last(), Some(open) if open.tag == Tag::Option) {
                    self.pop(sink);
                }
            }
            Tag::Button => {
                if let Some(at) = self.find_in_scope(|open| open.tag == Tag::Button, None, false) {
                    self.pop_to_length(at, sink);
                }
            }
            _ => {}
        }
    }

    /// An end tag.
    pub fn end_tag(&mut self, name: &[u8], sink: &mut impl TreeSink) {
        let (tag, behaviour, _) = classify(name);
        match tag {
            // The body and the document stay open: text after them still belongs to the body.
            Tag::Html | Tag::Body => {}
            Tag::Head => self.pop_through_tag(Tag::Head, sink),
            Tag::Br => sink.line_break(self),
            Tag::P => {
                if let Some(at) =
                    self.find_in_scope(|open| open.tag == Tag::P, Some(Tag::Button), false)
                {
                    self.pop_to_length(at, sink);
                } else {
                    // A stray </p> stands for an empty paragraph: it ends the block.
                    let (tag, behaviour, context) = classify(b"p");
                    self.ensure_body(sink);
                    self.push(b"p", tag, behaviour, context, &Attributes::default(), sink);
                    self.pop(sink);
                }
            }
            Tag::Li => {
                let list = |open: &Open| open.tag == Tag::Li;
                let in_list_scope = self.find_in_scope(list, None, false).filter(|&at| {
                    // List item scope also stops at ul and ol.
                    !self.stack[at + 1..].iter().any(|open| {
                        self.open_has_name(open, b"ul") || self.open_has_name(open, b"ol")
                    })
                });
                if let Some(at) = in_list_scope {
                    self.pop_to_length(at, sink);
                }
            }
            Tag::Dd | Tag::Dt | Tag::Heading(_) => {
                let wanted = |open: &Open| match tag {
                    Tag::Heading(_) => matches!(open.tag, Tag::Heading(_)),
                    _ => open.tag == tag,
                };
                if let Some(at) = self.find_in_scope(wanted, None, false) {
                    self.pop_to_length(at, sink);
                }
            }
            Tag::Cell | Tag::Tr | Tag::TableSection | Tag::Table | Tag::Caption => {
                if let Some(at) = self.find_in_scope(
                    |open| open.tag == tag && self.open_has_name(open, name),
                    None,
                    true,
                ) {
                    self.pop_to_length(at, sink);
                }
            }
            Tag::Template => self.pop_through_tag(Tag::Template, sink),
            _ if behaviour.has(Behaviour::FORMATTING) => {
                // A simplified adoption agency: the element closes where it stands, the
                // blocks opened inside it stay open.
                if let Some(at) =
                    self.find_in_scope(|open| self.open_has_name(open, name), None, false)
                {
                    self.remove_at(at, sink);
                }
            }
            _ if behaviour.has(Behaviour::CLOSES_P)
                || behaviour.has(Behaviour::SCOPE)
                || tag == Tag::Form =>
            {
                if let Some(at) =
                    self.find_in_scope(|open| self.open_has_name(open, name), None, false)
                {
                    self.pop_to_length(at, sink);
                }
            }
            _ => {
                // "Any other end tag": closes the nearest open element of that name unless
                // a special element stands in between.
                for (searched, at) in (0..self.stack.len()).rev().enumerate() {
                    if searched >= MAX_SCOPE_SEARCH {
                        break;
                    }
                    let open = self.stack[at];
                    if self.open_has_name(&open, name) {
                        self.pop_to_length(at, sink);
                        break;
                    }
                    if open.behaviour.has(Behaviour::SPECIAL) {
                        break;
                    }
                }
            }
        }
    }

    /// Text (already decoded by the tokenizer).
    pub fn text(&mut self, text: &[u8], sink: &mut impl TreeSink) {
        let raw = self
            .stack
            .last()
            .is_some_and(|open| open.behaviour.has(Behaviour::RAW_TEXT));
        if !raw && !self.body_seen {
            if text.iter().all(|b| b.is_ascii_whitespace()) {
                return; // white space between head elements
            }
            self.ensure_html(sink);
            self.ensure_body(sink);
        }
        sink.text(self, text);
    }

    /// The end of the page: every open element closes.
    pub fn finish(&mut self, sink: &mut impl TreeSink) {
        self.pop_to_length(0, sink);
    }
}

/// The context a `role` attribute gives (ARIA landmarks name the same regions as the
/// elements: `role="navigation"` is a `<nav>`).
fn role_context(attributes: &Attributes) -> Context {
    let Some(role) = attributes.get(b"role") else {
        return Context::NONE;
    };
    let mut context = Context::NONE;
    for word in role.split(|b| b.is_ascii_whitespace()) {
        context |= match word {
            b"navigation" | b"menu" | b"menubar" => Context::NAV,
            b"complementary" => Context::ASIDE,
            b"banner" => Context::HEADER,
            b"contentinfo" => Context::FOOTER,
            b"main" => Context::MAIN,
            b"article" => Context::ARTICLE,
            b"form" | b"search" => Context::FORM,
            _ => Context::NONE,
        };
    }
    context
}

/// Whether the element is hidden: the `hidden` attribute, or `display: none` /
/// `visibility: hidden` in its `style`. (A stylesheet may hide more; it is not read.)
fn is_hidden(attributes: &Attributes) -> bool {
    if attributes.get(b"hidden").is_some() {
        return true;
    }
    let Some(style) = attributes.get(b"style") else {
        return false;
    };
    let compact: Vec<u8> = style
        .iter()
        .filter(|b| !b.is_ascii_whitespace())
        .map(u8::to_ascii_lowercase)
        .collect();
    contains(&compact, b"display:none") || contains(&compact, b"visibility:hidden")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// Whether a space-separated attribute value holds `word`.
pub fn has_word(value: &[u8], word: &[u8]) -> bool {
    value
        .split(|b| b.is_ascii_whitespace())
        .any(|candidate| candidate.eq_ignore_ascii_case(word))
}
