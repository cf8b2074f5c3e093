//! What the reader knows of each HTML element: the few the tree builder treats specially
//! ([`Tag`]), how each one behaves in the tree (void, block, scope boundary, ...: [`Behaviour`])
//! and what it tells about the text inside it ([`Context`], inherited by its descendants).

/// Elements the tree builder or the extraction treat specially; every other element is
/// [`Tag::Other`] (its name is compared where the HTML rules need it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Any element not listed here.
    Other,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Template,
    Select,
    Option,
    Optgroup,
    Svg,
    Math,
    A,
    P,
    Li,
    Dt,
    Dd,
    /// `h1` to `h6`.
    Heading(u8),
    Table,
    /// `tbody`, `thead`, `tfoot`.
    TableSection,
    Tr,
    /// `td`, `th`.
    Cell,
    Caption,
    Pre,
    Br,
    Button,
    Form,
    Time,
    /// `image`, which HTML reads as `img`.
    Image,
    Div,
    Address,
    Blockquote,
    Figcaption,
}

/// How an element behaves in the tree, as a set of bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Behaviour(u16);

impl Behaviour {
    /// No content and no end tag (`img`, `br`, `meta`).
    pub const VOID: Behaviour = Behaviour(1);
    /// Starts and ends a block of text (`p`, `div`, `li`, `td`...).
    pub const BLOCK: Behaviour = Behaviour(1 << 1);
    /// HTML's "special" category: stops the search of "any other end tag".
    pub const SPECIAL: Behaviour = Behaviour(1 << 2);
    /// Its start tag closes an open `p`.
    pub const CLOSES_P: Behaviour = Behaviour(1 << 3);
    /// A formatting element (`b`, `em`, `a`...): closed by its end tag wherever it stands.
    pub const FORMATTING: Behaviour = Behaviour(1 << 4);
    /// Bounds the default scope of end-tag searches (`td`, `table`, `button`, `html`...).
    pub const SCOPE: Behaviour = Behaviour(1 << 5);
    /// May stand in `<head>` without ending it.
    pub const IN_HEAD: Behaviour = Behaviour(1 << 6);
    /// Holds raw text, not markup (`script`, `style`, `title`, `textarea`...).
    pub const RAW_TEXT: Behaviour = Behaviour(1 << 7);

    const NONE: Behaviour = Behaviour(0);

    /// Whether every bit of `other` is set.
    pub fn has(self, other: Behaviour) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for Behaviour {
    type Output = Behaviour;
    fn bitor(self, other: Behaviour) -> Behaviour {
        Behaviour(self.0 | other.0)
    }
}

/// Where a piece of text stands: the kinds of elements around it, as a set of bits. An
/// element's context is its parent's plus its own, so each text block knows its ancestors
/// without walking up the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Context(u32);

impl Context {
    /// Inside `<article>`.
    pub const ARTICLE: Context = Context(1);
    /// Inside `<main>`.
    pub const MAIN: Context = Context(1 << 1);
    /// Inside `<nav>`.
    pub const NAV: Context = Context(1 << 2);
    /// Inside `<aside>`.
    pub const ASIDE: Context = Context(1 << 3);
    /// Inside `<header>`.
    pub const HEADER: Context = Context(1 << 4);
    /// Inside `<footer>`.
    pub const FOOTER: Context = Context(1 << 5);
    /// Inside `<figure>`.
    pub const FIGURE: Context = Context(1 << 6);
    /// Inside `<figcaption>`.
    pub const FIGCAPTION: Context = Context(1 << 7);
    /// Inside `<form>`.
    pub const FORM: Context = Context(1 << 8);
    /// Inside a heading, `h1` to `h6`.
    pub const HEADING: Context = Context(1 << 9);
    /// Inside a list (`ul`, `ol`, `dl`, `menu`) or a list item.
    pub const LIST: Context = Context(1 << 10);
    /// Inside a table.
    pub const TABLE: Context = Context(1 << 11);
    /// Inside `<pre>` (white space kept).
    pub const PRE: Context = Context(1 << 12);
    /// Inside a link (`<a href>`).
    pub const LINK: Context = Context(1 << 13);
    /// Inside `<blockquote>`.
    pub const BLOCKQUOTE: Context = Context(1 << 14);
    /// Not rendered: `head`, `script`, `style`, `template`, `noscript`, `select`, `svg`,
    /// elements with the `hidden` attribute or `display: none`.
    pub const NOT_RENDERED: Context = Context(1 << 15);
    /// Inside `svg` or `math`, where HTML's rules do not apply.
    pub const FOREIGN: Context = Context(1 << 16);
    /// Inside `<button>` or `<label>`: controls, not prose.
    pub const CONTROL: Context = Context(1 << 17);
    /// Inside an element marked `itemprop="articleBody"` (schema.org's article text).
    pub const ARTICLE_BODY: Context = Context(1 << 18);
    /// Inside bold or strong text (`b`, `strong`).
    pub const STRONG: Context = Context(1 << 19);

    /// No context: the document's root.
    pub const NONE: Context = Context(0);

    /// The bits, in the order of the constants above (`ARTICLE` is bit 0).
    pub fn bits(self) -> u32 {
        self.0
    }

    /// Whether every bit of `other` is set.
    pub fn has(self, other: Context) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether any bit of `other` is set.
    pub fn has_any(self, other: Context) -> bool {
        self.0 & other.0 != 0
    }

    /// This context without the bits of `other`.
    pub fn without(self, other: Context) -> Context {
        Context(self.0 & !other.0)
    }
}

impl std::ops::BitOr for Context {
    type Output = Context;
    fn bitor(self, other: Context) -> Context {
        Context(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for Context {
    fn bitor_assign(&mut self, other: Context) {
        self.0 |= other.0;
    }
}

/// Everything the reader knows of one element name (lowercase, as the tokenizer gives it).
pub fn classify(name: &[u8]) -> (Tag, Behaviour, Context) {
    use Behaviour as B;
    use Context as C;
    // Block-level elements that close an open paragraph: the usual case.
    let block = B::BLOCK | B::SPECIAL | B::CLOSES_P;
    let not_rendered_raw = B::SPECIAL | B::IN_HEAD | B::RAW_TEXT;
    match name {
        b"a" => (Tag::A, B::FORMATTING, C::NONE),
        b"p" => (Tag::P, block, C::NONE),
        b"div" => (Tag::Div, block, C::NONE),
        b"span" => (Tag::Other, B::NONE, C::NONE),
        b"li" => (Tag::Li, block, C::LIST),
        b"ul" | b"ol" | b"dl" | b"menu" | b"dir" => (Tag::Other, block, C::LIST),
        b"dt" => (Tag::Dt, block, C::LIST),
        b"dd" => (Tag::Dd, block, C::LIST),
        b"h1" => (Tag::Heading(1), block, C::HEADING),
        b"h2" => (Tag::Heading(2), block, C::HEADING),
        b"h3" => (Tag::Heading(3), block, C::HEADING),
        b"h4" => (Tag::Heading(4), block, C::HEADING),
        b"h5" => (Tag::Heading(5), block, C::HEADING),
        b"h6" => (Tag::Heading(6), block, C::HEADING),
        b"article" => (Tag::Other, block, C::ARTICLE),
        b"main" => (Tag::Other, block, C::MAIN),
        b"nav" => (Tag::Other, block, C::NAV),
        b"aside" => (Tag::Other, block, C::ASIDE),
        b"header" => (Tag::Other, block, C::HEADER),
        b"footer" => (Tag::Other, block, C::FOOTER),
        b"figure" => (Tag::Other, block, C::FIGURE),
        b"figcaption" => (Tag::Figcaption, block, C::FIGCAPTION),
        b"blockquote" => (Tag::Blockquote, block, C::BLOCKQUOTE),
        b"address" => (Tag::Address, block, C::NONE),
        b"section" | b"center" | b"details" | b"dialog" | b"fieldset" | b"hgroup" | b"search"
        | b"summary" | b"listing" | b"xmp" | b"plaintext" => (Tag::Other, block, C::NONE),
        b"form" => (Tag::Form, block, C::FORM),
        b"pre" => (Tag::Pre, block, C::PRE),
        b"hr" => (Tag::Other, block | B::VOID, C::NONE),
        b"table" => (Tag::Table, block | B::SCOPE, C::TABLE),
        b"tbody" | b"thead" | b"tfoot" => (Tag::TableSection, B::BLOCK | B::SPECIAL, C::TABLE),
        b"tr" => (Tag::Tr, B::BLOCK | B::SPECIAL, C::TABLE),
        b"td" | b"th" => (Tag::Cell, B::BLOCK | B::SPECIAL | B::SCOPE, C::TABLE),
        b"caption" => (Tag::Caption, B::BLOCK | B::SPECIAL | B::SCOPE, C::TABLE),
        b"br" => (Tag::Br, B::VOID | B::SPECIAL, C::NONE),
        b"img" => (Tag::Other, B::VOID | B::SPECIAL, C::NONE),
        b"image" => (Tag::Image, B::VOID | B::SPECIAL, C::NONE),
        b"area" | b"embed" | b"input" | b"keygen" | b"wbr" | b"col" | b"param" | b"source"
        | b"track" | b"basefont" | b"bgsound" | b"frame" => {
            (Tag::Other, B::VOID | B::SPECIAL, C::NONE)
        }
        b"base" => (Tag::Other, B::VOID | B::SPECIAL | B::IN_HEAD, C::NONE),
        b"meta" => (Tag::Meta, B::VOID | B::SPECIAL | B::IN_HEAD, C::NONE),
        b"link" => (Tag::Link, B::VOID | B::SPECIAL | B::IN_HEAD, C::NONE),
        b"title" => (Tag::Title, not_rendered_raw, C::NOT_RENDERED),
        b"script" => (Tag::Script, not_rendered_raw, C::NOT_RENDERED),
        b"style" | b"noscript" | b"noframes" => (Tag::Other, not_rendered_raw, C::NOT_RENDERED),
        b"template" => (
            Tag::Template,
            B::SPECIAL | B::IN_HEAD | B::SCOPE,
            C::NOT_RENDERED,
        ),
        b"textarea" | b"iframe" | b"noembed" => {
            (Tag::Other, B::SPECIAL | B::RAW_TEXT, C::NOT_RENDERED)
        }
        // Media fallback content is shown only by browsers that cannot play the media.
        b"video" | b"audio" | b"canvas" | b"object" => (Tag::Other, B::SCOPE, C::NOT_RENDERED),
        b"select" => (Tag::Select, B::SPECIAL, C::NOT_RENDERED),
        b"option" => (Tag::Option, B::BLOCK, C::NONE),
        b"optgroup" => (Tag::Optgroup, B::BLOCK, C::NONE),
        b"svg" => (Tag::Svg, B::NONE, C::NOT_RENDERED | C::FOREIGN),
        b"math" => (Tag::Math, B::NONE, C::NOT_RENDERED | C::FOREIGN),
        b"button" => (Tag::Button, B::SPECIAL | B::SCOPE, C::CONTROL),
        b"label" => (Tag::Other, B::NONE, C::CONTROL),
        b"applet" | b"marquee" => (Tag::Other, B::SPECIAL | B::SCOPE, C::NONE),
        b"html" => (Tag::Html, B::SPECIAL | B::SCOPE, C::NONE),
        b"head" => (Tag::Head, B::SPECIAL, C::NOT_RENDERED),
        b"body" => (Tag::Body, B::SPECIAL | B::BLOCK, C::NONE),
        b"time" => (Tag::Time, B::NONE, C::NONE),
        b"b" | b"strong" => (Tag::Other, B::FORMATTING, C::STRONG),
        b"big" | b"code" | b"em" | b"font" | b"i" | b"nobr" | b"s" | b"small" | b"strike"
        | b"tt" | b"u" => (Tag::Other, B::FORMATTING, C::NONE),
        b"frameset" | b"colgroup" => (Tag::Other, B::SPECIAL, C::NONE),
        _ => (Tag::Other, B::NONE, C::NONE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_classified() {
        let (tag, behaviour, context) = classify(b"h3");
        assert_eq!(tag, Tag::Heading(3));
        assert!(behaviour.has(Behaviour::BLOCK | Behaviour::CLOSES_P));
        assert!(context.has(Context::HEADING));
        let (tag, behaviour, _) = classify(b"custom-widget");
        assert_eq!(tag, Tag::Other);
        assert!(!behaviour.has(Behaviour::BLOCK));
        assert!(classify(b"script").1.has(Behaviour::RAW_TEXT));
        assert!(classify(b"br").1.has(Behaviour::VOID));
    }

    #[test]
    fn contexts_combine() {
        let context = Context::ARTICLE | Context::LINK;
        assert!(context.has(Context::ARTICLE));
        assert!(context.has_any(Context::NAV | Context::LINK));
        assert!(!context.has_any(Context::NAV | Context::ASIDE));
        assert_eq!(context.without(Context::LINK), Context::ARTICLE);
    }
}
