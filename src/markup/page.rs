//! A page as the cleaner reads it: its visible text as `source` (one block per block-level
//! element and per line of a `<br>`-broken one, blocks separated by a blank line), each block
//! with its span in `source`, its normalised text and what the markup says about it (the
//! owning element's tag, its ancestors, how much of it is link text, class and id hints), the
//! element table those refer to, and the metadata candidates.

use std::convert::Infallible;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

use super::decode::strip_byte_order_mark;
use super::elements::{Context, Tag};
use super::metadata::{MetadataCollector, PageMetadata};
use super::tree::{Attributes, Element, ElementIndex, Tree, TreeSink, NO_ELEMENT};
use crate::text::push_normalized;

/// One block of a page's visible text.
#[derive(Debug, Clone, PartialEq)]
pub struct PageBlock {
    /// Byte offset of the block's first character in [`Page::source`].
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
    /// Its text, normalised as the text room normalises a paragraph (lines joined by a
    /// space, entities decoded, white space collapsed).
    pub text: String,
    /// The block element that holds it (an index into [`Page::elements`]).
    pub owner: ElementIndex,
    /// That element's tag.
    pub tag: Tag,
    /// That element's context: the kinds of elements around it.
    pub context: Context,
    /// The level of the heading it is (or stands in), 0 when none.
    pub heading_level: u8,
    /// Characters of its text, white space aside.
    pub chars: usize,
    /// Characters of its text inside links, white space aside.
    pub link_chars: usize,
    /// Characters of its text inside bold or strong elements.
    pub strong_chars: usize,
    /// Whether a `<br>` (not the start of an element) began it.
    pub after_line_break: bool,
}

impl PageBlock {
    /// Share of the block's characters inside links.
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }

    /// The bits of its context, for tools that print them.
    pub fn context_bits(&self) -> u32 {
        self.context.bits()
    }

    /// Whether all its text is bold (a headline or label set in bold).
    pub fn is_strong(&self) -> bool {
        self.chars > 0 && self.strong_chars * 10 >= self.chars * 9
    }
}

/// A page read from HTML.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The visible text: the blocks' texts, each followed by a blank line but the last.
    pub source: String,
    /// The blocks, in page order.
    pub blocks: Vec<PageBlock>,
    /// Every element of the page (parents before their children).
    pub elements: Vec<Element>,
    /// What the markup says about the article.
    pub metadata: PageMetadata,
}

impl Page {
    /// Cuts the page's text to at most `limit` bytes: the blocks past the limit go, the
    /// block across it is cut at a character boundary. Returns whether anything was cut.
    pub fn truncate(&mut self, limit: usize) -> bool {
        if self.source.len() <= limit {
            return false;
        }
        let mut cut = limit;
        while !self.source.is_char_boundary(cut) {
            cut -= 1;
        }
        self.blocks.retain(|block| block.start < cut);
        if let Some(last) = self.blocks.last_mut() {
            if last.end > cut {
                last.end = cut;
                let mut text = String::new();
                push_normalized(&mut text, &self.source[last.start..cut].replace('\n', " "));
                last.text = text.trim().to_string();
            }
            cut = last.end;
        } else {
            cut = 0;
        }
        self.source.truncate(cut);
        true
    }
}

/// Reads a page's HTML (decoded text; see [`read_html_bytes`](super::decode::read_html_bytes) for bytes). Nothing in
/// it is run or fetched. Never fails: any input is some page, possibly without text.
pub fn read_page(html: &str) -> Page {
    let html = strip_byte_order_mark(html);
    let mut tree = Tree::new();
    let mut builder = PageBuilder {
        source: String::with_capacity(html.len() / 4),
        ..PageBuilder::default()
    };
    {
        let mut attributes = Attributes::default();
        let mut tag_name: Vec<u8> = Vec::new();
        let mut in_start_tag = false;
        let (tree, builder) = (&mut tree, &mut builder);
        let mut emitter = CallbackEmitter::new(
            |event: CallbackEvent<'_>, _: Span<()>| -> Option<Infallible> {
                match event {
                    CallbackEvent::OpenStartTag { name } => {
                        tag_name.clear();
                        tag_name.extend_from_slice(name);
                        attributes.clear();
                        in_start_tag = true;
                    }
                    // Attributes of end tags (a tokenizer error) are ignored.
                    CallbackEvent::AttributeName { name } if in_start_tag => {
                        attributes.push_name(name)
                    }
                    CallbackEvent::AttributeValue { value } if in_start_tag => {
                        attributes.push_value(value)
                    }
                    CallbackEvent::CloseStartTag { self_closing } => {
                        if in_start_tag {
                            tree.start_tag(&tag_name, self_closing, &attributes, builder);
                        }
                        in_start_tag = false;
                    }
                    CallbackEvent::EndTag { name } => {
                        in_start_tag = false;
                        tree.end_tag(name, builder);
                    }
                    CallbackEvent::String { value } => tree.text(value, builder),
                    _ => {}
                }
                None
            },
        );
        // Switch to raw text after <script>, <style>, <title>, <textarea>, <plaintext>...:
        // without it a script's "<" would be read as markup.
        emitter.naively_switch_states(true);
        for _ in Tokenizer::new_with_emitter(html, emitter) {}
    }
    tree.finish(&mut builder);
    builder.flush(&tree);
    Page {
        source: builder.source,
        blocks: builder.blocks,
        elements: tree.elements,
        metadata: builder.metadata.finish(),
    }
}

/// The block being read.
#[derive(Debug, Default)]
struct CurrentBlock {
    text: String,
    owner: Option<ElementIndex>,
    chars: usize,
    link_chars: usize,
    strong_chars: usize,
    pending_space: bool,
    after_line_break: bool,
}

/// Builds the blocks and the source from the tree's changes.
#[derive(Debug, Default)]
struct PageBuilder {
    source: String,
    blocks: Vec<PageBlock>,
    current: CurrentBlock,
    metadata: MetadataCollector,
    /// Whether the block to come follows a `<br>`.
    line_break: bool,
}

impl PageBuilder {
    /// Ends the current block, if it holds text.
    fn flush(&mut self, tree: &Tree) {
        let current = std::mem::take(&mut self.current);
        let visible = current.text.trim_end();
        let (Some(owner), false) = (current.owner, visible.is_empty()) else {
            return;
        };
        if !self.source.is_empty() {
            self.source.push_str("\n\n");
        }
        let start = self.source.len();
        self.source.push_str(visible);
        let end = self.source.len();
        let mut text = String::with_capacity(visible.len());
        for line in visible.split('\n') {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
            push_normalized(&mut text, line);
        }
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        if text.starts_with(' ') {
            text.remove(0);
        }
        let element = &tree.elements[owner as usize];
        self.blocks.push(PageBlock {
            start,
            end,
            text,
            owner,
            tag: element.tag,
            context: element.context,
            heading_level: element.heading_level,
            chars: current.chars,
            link_chars: current.link_chars,
            strong_chars: current.strong_chars,
            after_line_break: current.after_line_break,
        });
    }
}

impl TreeSink for PageBuilder {
    fn opened(&mut self, tree: &Tree, element: ElementIndex, attributes: &Attributes) {
        if tree.current_is_block(element) {
            self.flush(tree);
            self.line_break = false;
        }
        let block = self.blocks.len();
        self.metadata.opened(tree, element, attributes, block);
    }

    fn closing(&mut self, tree: &Tree, element: ElementIndex) {
        if tree.current_is_block(element) {
            self.flush(tree);
            self.line_break = false;
        }
        self.metadata.closing(element);
    }

    fn text(&mut self, tree: &Tree, text: &[u8]) {
        self.metadata.text(tree, text);
        let context = tree.context();
        if context.has(Context::NOT_RENDERED) {
            return;
        }
        let owner = tree.block_owner();
        if owner == NO_ELEMENT {
            return;
        }
        let current = &mut self.current;
        let strong = context.has(Context::STRONG);
        // The tokenizer hands over valid UTF-8 (the input is a str); U+0000 is dropped, as
        // the HTML standard's tree builder drops it from body text.
        let Ok(text) = std::str::from_utf8(text) else {
            return;
        };
        // A link that shows its own address is a source the text cites, printed as it is;
        // menus and lists of links show words. Its characters do not count as link text.
        let link = context.has(Context::LINK) && !shows_an_address(text);
        let mut added = 0;
        if context.has(Context::PRE) {
            for c in text.chars().filter(|&c| c != '\0') {
                let c = if c == '\r' { '\n' } else { c };
                if !(current.text.is_empty() && c == '\n') {
                    current.text.push(c);
                    added += usize::from(!c.is_whitespace());
                }
            }
            // A block of white space alone is no block.
            if current.text.trim().is_empty() {
                current.text.clear();
            }
        } else {
            for c in text.chars() {
                match c {
                    ' ' | '\t' | '\n' | '\r' | '\u{c}' => current.pending_space = true,
                    '\0' => {}
                    _ => {
                        if current.pending_space && !current.text.is_empty() {
                            current.text.push(' ');
                        }
                        current.pending_space = false;
                        current.text.push(c);
                        added += 1;
                    }
                }
            }
        }
        if added > 0 {
            if current.owner.is_none() {
                current.owner = Some(owner);
                current.after_line_break = self.line_break;
            }
            current.chars += added;
            if link {
                current.link_chars += added;
            }
            if strong {
                current.strong_chars += added;
            }
        }
    }

    fn line_break(&mut self, tree: &Tree) {
        if tree.context().has(Context::NOT_RENDERED) {
            return;
        }
        self.flush(tree);
        self.line_break = true;
    }
}

/// Whether a piece of link text is a web address ("https://...", "www...."), as an article
/// prints the address of a source it cites.
fn shows_an_address(text: &str) -> bool {
    let text = text.trim_start().as_bytes();
    [&b"http://"[..], b"https://", b"www."]
        .iter()
        .any(|scheme| {
            text.len() > scheme.len() && text[..scheme.len()].eq_ignore_ascii_case(scheme)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        read_page(html).blocks.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn blocks_follow_block_elements_and_line_breaks() {
        let page = read_page(
            "<html><head><title>T</title><style>p{}</style></head><body>\
             <h1>Ferry  returns</h1><p>First <b>bold</b> line<br>second line\
             <p>Next paragraph &amp; more<div>inside</div>tail</body></html>",
        );
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Ferry returns",
                "First bold line",
                "second line",
                "Next paragraph & more",
                "inside",
                "tail"
            ]
        );
        assert_eq!(page.blocks[0].heading_level, 1);
        assert!(page.blocks[2].after_line_break && !page.blocks[1].after_line_break);
        for block in &page.blocks {
            assert_eq!(&page.source[block.start..block.end], block.text.as_str());
        }
        assert_eq!(page.source.matches("\n\n").count(), page.blocks.len() - 1);
        assert_eq!(page.metadata.title.as_deref(), Some("T"));
    }

    #[test]
    fn unclosed_items_and_stray_end_tags_are_handled() {
        assert_eq!(
            texts("<ul><li>one<li>two</ul></span></div><p>three</p></p>"),
            ["one", "two", "three"]
        );
        assert_eq!(
            texts("<dl><dt>term<dd>meaning<dt>other</dl>"),
            ["term", "meaning", "other"]
        );
        assert_eq!(
            texts("<table><tr><td>a<td>b<tr><td>c</table>"),
            ["a", "b", "c"]
        );
    }

    #[test]
    fn hidden_and_raw_content_is_not_text() {
        assert_eq!(
            texts(
                "<p>shown</p><script>var x = '<p>not text</p>';</script>\
                 <template><p>inert</p></template><noscript>no</noscript>\
                 <div hidden>gone</div><div style='display: none'>gone too</div>\
                 <svg><title>icon</title></svg><select><option>choice</select><p>end"
            ),
            ["shown", "end"]
        );
    }

    #[test]
    fn links_and_contexts_are_recorded() {
        let page = read_page(
            "<nav><ul><li><a href='/'>Home</a></li></ul></nav>\
             <article><p>Text with <a href='/x'>a link</a>.</p>\
             <figure><figcaption>A caption</figcaption></figure></article>",
        );
        let home = &page.blocks[0];
        assert!(home.context.has(Context::NAV | Context::LIST));
        assert_eq!(home.link_density(), 1.0);
        let text = &page.blocks[1];
        assert!(text.context.has(Context::ARTICLE) && !text.context.has(Context::NAV));
        // Characters other than white space: "Textwithalink.", "alink".
        assert_eq!((text.chars, text.link_chars), (14, 5));
        assert!(page.blocks[2].context.has(Context::FIGCAPTION));
    }

    #[test]
    fn a_link_showing_its_address_is_no_link_text() {
        let page = read_page(
            "<p>Source: <a href='https://example.org/report'>https://example.org/report</a></p>             <p><a href='/news'>News</a> <a href='https://example.org'>Weather</a></p>",
        );
        assert_eq!(page.blocks[0].link_chars, 0);
        assert_eq!(page.blocks[1].link_chars, page.blocks[1].chars);
        assert!(!shows_an_address("ww") && !shows_an_address("é") && shows_an_address(" WWW.x"));
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        let page = read_page("<pre>\nfn main() {\n    run();\n}\n</pre>");
        let block = &page.blocks[0];
        assert_eq!(
            &page.source[block.start..block.end],
            "fn main() {\n    run();\n}"
        );
        assert_eq!(block.text, "fn main() { run(); }");
    }
}
