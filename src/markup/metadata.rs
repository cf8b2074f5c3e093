//! What a page's markup says about the article, gathered while the page is read: `<title>`,
//! the `<meta>` tags of `lexicon/metadata_sources.txt` (Open Graph, `article:*`, Dublin Core
//! and others), JSON-LD articles (headline, authors, datePublished), `rel="author"` and
//! `itemprop="author"` texts, `<time datetime>` values. Candidates only: which of them the
//! article's metadata takes, checked against what the visible page says, is the cleaner's
//! decision.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::sorting;

use super::elements::{Context, Tag};
use super::json::{parse_json, Json};
use super::tree::{has_word, Attributes, ElementIndex, Tree};

/// A metadata field a `<meta>` tag can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaField {
    /// The article's headline.
    Title,
    /// The site's name.
    Site,
    /// An author.
    Author,
    /// The publication date and time.
    Published,
    /// The date and time of the last update.
    Modified,
    /// The page's locale (`og:locale`: "en_GB").
    Locale,
}

/// One value found in the markup, with the trust its source has (lower is trusted more:
/// the line of the lexicon that named it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaValue {
    /// The value, trimmed.
    pub value: String,
    /// Its source's rank in the lexicon.
    pub rank: usize,
}

/// A text marked in the visible page (an author link, a `<time>`), with the block it stands
/// in: the index of the first block read after it opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedText {
    /// The text or attribute value.
    pub value: String,
    /// The index of the page block it stands in (or just before).
    pub block: usize,
}

/// An article described in a JSON-LD block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkedArticle {
    /// Its `@type`.
    pub kind: String,
    /// `headline` (or `name`).
    pub headline: Option<String>,
    /// The names of its `author`s that are people (organisations when no person is named).
    pub authors: Vec<String>,
    /// Whether `authors` are people (not organisations only).
    pub authors_are_people: bool,
    /// `datePublished` (or `dateCreated`).
    pub published: Option<String>,
    /// `dateModified`.
    pub modified: Option<String>,
}

/// Everything the markup says about the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMetadata {
    /// The text of the page's `<title>`, white space collapsed.
    pub title: Option<String>,
    /// `<meta>` values of each field, most trusted first.
    pub titles: Vec<MetaValue>,
    /// Site names from `<meta>` tags.
    pub sites: Vec<MetaValue>,
    /// Authors from `<meta>` tags (links to profiles left out).
    pub authors: Vec<MetaValue>,
    /// Publication dates from `<meta>` tags (and `itemprop="datePublished"` attributes).
    pub published: Vec<MetaValue>,
    /// Update dates from `<meta>` tags.
    pub modified: Vec<MetaValue>,
    /// Articles described in JSON-LD, in page order.
    pub linked_articles: Vec<LinkedArticle>,
    /// Texts of `rel="author"` links and `itemprop="author"` elements, in page order.
    pub marked_authors: Vec<MarkedText>,
    /// `datetime` values of `<time>` elements, in page order.
    pub times: Vec<MarkedText>,
    /// The page's language as `<html lang>` (or `xml:lang`) states it: "en-GB", "de".
    pub language: Option<String>,
    /// Locales from `<meta>` tags (`og:locale`: "en_GB"), most trusted first.
    pub locales: Vec<MetaValue>,
}

impl PageMetadata {
    /// Whether the page writes numeric dates day first ("02/10/2020" for the 2nd of October):
    /// when the locale it declares (the first of `og:locale` and `<html lang>` naming a
    /// region, else the language alone) is not one that puts the month first
    /// (`lexicon/month_first_locales.txt`). `false` when it declares none.
    pub fn writes_dates_day_first(&self) -> bool {
        let declared = self
            .locales
            .iter()
            .map(|locale| locale.value.as_str())
            .chain(self.language.as_deref())
            .map(str::trim)
            .filter(|tag| !tag.is_empty());
        let Some(locale) = declared
            .clone()
            .find(|tag| tag.contains(['-', '_']))
            .or_else(|| declared.clone().next())
        else {
            return false;
        };
        // "en-GB", "en_GB", "en-US-posix": the language and the region decide.
        let mut parts = locale.split(['-', '_']);
        let (language, region) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        !include_str!("lexicon/month_first_locales.txt")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .any(|entry| {
                let (entry_language, entry_region) = entry.split_once('-').unwrap_or((entry, ""));
                entry_language.eq_ignore_ascii_case(language)
                    && entry_region.eq_ignore_ascii_case(region)
            })
    }
}

struct Sources {
    metas: HashMap<&'static str, (MetaField, usize)>,
    article_types: Vec<&'static str>,
    page_types: Vec<&'static str>,
}

fn sources() -> &'static Sources {
    static SOURCES: OnceLock<Sources> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let mut sources = Sources {
            metas: HashMap::new(),
            article_types: Vec::new(),
            page_types: Vec::new(),
        };
        let lines = include_str!("lexicon/metadata_sources.txt")
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'));
        for (rank, line) in lines.enumerate() {
            let mut columns = line.split_whitespace();
            match (columns.next(), columns.next(), columns.next()) {
                (Some("meta"), Some(name), Some(field)) => {
                    let field = match field {
                        "title" => MetaField::Title,
                        "site" => MetaField::Site,
                        "author" => MetaField::Author,
                        "modified" => MetaField::Modified,
                        "locale" => MetaField::Locale,
                        _ => MetaField::Published,
                    };
                    sources.metas.insert(name, (field, rank));
                }
                (Some("type"), Some(name), None) => sources.article_types.push(name),
                (Some("page-type"), Some(name), None) => sources.page_types.push(name),
                _ => {}
            }
        }
        sources
    })
}

/// Most values of each list kept: a page may repeat a tag thousands of times.
const MAX_VALUES: usize = 64;

/// Longest `<title>`, author text or meta value kept, in bytes.
const MAX_VALUE_BYTES: usize = 2048;

/// Longest language tag kept ("zh-Hant-TW" is ten bytes; BCP 47 allows longer, but no
/// more than this is needed to read the language and the region).
const MAX_LOCALE_BYTES: usize = 35;

/// Most JSON-LD read from one page, in bytes: article descriptions take a few kilobytes.
pub const MAX_JSON_LD_BYTES: usize = 1024 * 1024;

/// What is being captured from the text now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    Title,
    JsonLd,
    Author,
}

/// Gathers the metadata while the page builder reads the tree.
#[derive(Debug, Default)]
pub struct MetadataCollector {
    metadata: PageMetadata,
    capture: Option<(Capture, ElementIndex, usize)>,
    buffer: Vec<u8>,
    json_ld: Vec<String>,
    json_ld_bytes: usize,
}

impl MetadataCollector {
    /// An element opened; `block` is the index the next page block will have.
    pub fn opened(
        &mut self,
        tree: &Tree,
        element: ElementIndex,
        attributes: &Attributes,
        block: usize,
    ) {
        let node = &tree.elements[element as usize];
        let in_svg = node.context.has(Context::FOREIGN);
        match node.tag {
            Tag::Html if self.metadata.language.is_none() => {
                self.metadata.language = attributes
                    .text(b"lang")
                    .or_else(|| attributes.text(b"xml:lang"))
                    .filter(|language| !language.is_empty() && language.len() <= MAX_LOCALE_BYTES);
            }
            Tag::Meta => self.meta(attributes),
            Tag::Title if !in_svg && self.metadata.title.is_none() => {
                self.start(Capture::Title, element, block)
            }
            Tag::Script => {
                let json_ld = attributes.get(b"type").is_some_and(|kind| {
                    kind.trim_ascii()
                        .eq_ignore_ascii_case(b"application/ld+json")
                });
                if json_ld && self.json_ld_bytes < MAX_JSON_LD_BYTES {
                    self.start(Capture::JsonLd, element, block);
                }
            }
            Tag::Time => {
                if let Some(datetime) = attributes.text(b"datetime") {
                    push_limited(
                        &mut self.metadata.times,
                        MarkedText {
                            value: datetime,
                            block,
                        },
                    );
                }
            }
            _ => {}
        }
        let rendered = !node.context.has(Context::NOT_RENDERED);
        let itemprop = attributes.get(b"itemprop");
        if node.tag != Tag::Meta && itemprop.is_some_and(|value| has_word(value, b"datePublished"))
        {
            if let Some(date) = attributes
                .text(b"datetime")
                .or_else(|| attributes.text(b"content"))
            {
                self.push_meta(
                    MetaField::Published,
                    date,
                    sources().metas["datepublished"].1,
                );
            }
        }
        let author_link = node.tag == Tag::A
            && attributes
                .get(b"rel")
                .is_some_and(|rel| has_word(rel, b"author"));
        let author_item = node.tag != Tag::Meta
            && itemprop
                .is_some_and(|value| has_word(value, b"author") || has_word(value, b"creator"));
        if rendered && (author_link || author_item) && self.capture.is_none() {
            if let Some(content) = attributes.text(b"content").filter(|c| !c.is_empty()) {
                push_limited(
                    &mut self.metadata.marked_authors,
                    MarkedText {
                        value: content,
                        block,
                    },
                );
            } else {
                self.start(Capture::Author, element, block);
            }
        }
    }

    fn start(&mut self, capture: Capture, element: ElementIndex, block: usize) {
        self.capture = Some((capture, element, block));
        self.buffer.clear();
    }

    /// Text inside the current element.
    pub fn text(&mut self, tree: &Tree, text: &[u8]) {
        let Some((capture, _, _)) = self.capture else {
            return;
        };
        let limit = match capture {
            Capture::JsonLd => MAX_JSON_LD_BYTES - self.json_ld_bytes.min(MAX_JSON_LD_BYTES),
            Capture::Title | Capture::Author => MAX_VALUE_BYTES,
        };
        if capture == Capture::Author && tree.context().has(Context::NOT_RENDERED) {
            return;
        }
        let room = limit.saturating_sub(self.buffer.len());
        self.buffer.extend_from_slice(&text[..text.len().min(room)]);
        if capture == Capture::Author {
            self.buffer.push(b' ');
        }
    }

    /// An element is closing.
    pub fn closing(&mut self, element: ElementIndex) {
        let Some((capture, captured, block)) = self.capture else {
            return;
        };
        if captured != element {
            return;
        }
        self.capture = None;
        let text = String::from_utf8_lossy(&self.buffer).into_owned();
        match capture {
            Capture::Title => {
                self.metadata.title = Some(collapse_spaces(&text)).filter(|t| !t.is_empty())
            }
            Capture::JsonLd => {
                self.json_ld_bytes += text.len();
                self.json_ld.push(text);
            }
            Capture::Author => {
                let value = collapse_spaces(&text);
                if !value.is_empty() {
                    push_limited(
                        &mut self.metadata.marked_authors,
                        MarkedText { value, block },
                    );
                }
            }
        }
    }

    fn meta(&mut self, attributes: &Attributes) {
        let Some(content) = attributes.text(b"content") else {
            return;
        };
        for key in [&b"property"[..], b"name", b"itemprop"] {
            let Some(name) = attributes.get(key) else {
                continue;
            };
            let name = String::from_utf8_lossy(name).trim().to_ascii_lowercase();
            if let Some(&(field, rank)) = sources().metas.get(name.as_str()) {
                self.push_meta(field, content, rank);
                return;
            }
        }
    }

    fn push_meta(&mut self, field: MetaField, value: String, rank: usize) {
        let value = collapse_spaces(&value);
        if value.is_empty() || value.len() > MAX_VALUE_BYTES {
            return;
        }
        if field == MetaField::Author && looks_like_address(&value) {
            return;
        }
        let list = match field {
            MetaField::Title => &mut self.metadata.titles,
            MetaField::Site => &mut self.metadata.sites,
            MetaField::Author => &mut self.metadata.authors,
            MetaField::Published => &mut self.metadata.published,
            MetaField::Modified => &mut self.metadata.modified,
            MetaField::Locale => &mut self.metadata.locales,
        };
        push_limited(list, MetaValue { value, rank });
    }

    /// The metadata, with the JSON-LD read and each list in order of trust.
    pub fn finish(mut self) -> PageMetadata {
        for script in &self.json_ld {
            if let Some(value) = parse_json(script) {
                linked_articles(&value, &mut self.metadata.linked_articles);
            }
        }
        let metadata = &mut self.metadata;
        for list in [
            &mut metadata.titles,
            &mut metadata.sites,
            &mut metadata.authors,
            &mut metadata.published,
            &mut metadata.modified,
            &mut metadata.locales,
        ] {
            // Stable, as the standard sort_by_key, without its code in the page.
            sorting::sort_by_key(list, |value| value.rank);
        }
        self.metadata
    }
}

fn push_limited<T>(list: &mut Vec<T>, value: T) {
    if list.len() < MAX_VALUES {
        list.push(value);
    }
}

/// The text with every run of white space made one space, trimmed.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether an author value is a link (a profile page) rather than a name.
fn looks_like_address(value: &str) -> bool {
    value.starts_with("http://") || value.starts_with("https://") || value.starts_with("www.")
}

/// Most JSON values visited when looking for articles in one JSON-LD block.
const MAX_JSON_NODES: usize = 100_000;

/// The articles described in a JSON-LD value: objects whose `@type` is an article type,
/// wherever they stand (top level, `@graph`, `mainEntity`...). An author given only as a
/// reference (`{"@id": ...}`, as site generators write a `@graph`) is the named node of the
/// same block with that `@id`. A block that describes no article may describe its page
/// (`WebPage`) with the same fields: that page is read as the article.
fn linked_articles(value: &Json, found: &mut Vec<LinkedArticle>) {
    let mut objects = Vec::new();
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        if objects.len() >= MAX_JSON_NODES {
            break;
        }
        match value {
            Json::Array(items) => pending.extend(items.iter().rev()),
            Json::Object(members) => {
                objects.push(value);
                pending.extend(members.iter().rev().map(|(_, member)| member));
            }
            _ => {}
        }
    }
    let named: HashMap<&str, &Json> = objects
        .iter()
        .filter(|object| object.get("name").is_some())
        .filter_map(|object| Some((object.get("@id")?.as_str()?, *object)))
        .collect();
    let found_before = found.len();
    for types in [&sources().article_types, &sources().page_types] {
        for object in &objects {
            if found.len() >= MAX_VALUES {
                return;
            }
            let kind = object
                .get("@type")
                .into_iter()
                .flat_map(Json::items)
                .filter_map(Json::as_str)
                .find(|kind| types.contains(kind));
            if let Some(kind) = kind {
                found.push(linked_article(kind, object, &named));
            }
        }
        if found.len() > found_before {
            return;
        }
    }
}

fn linked_article(kind: &str, value: &Json, named: &HashMap<&str, &Json>) -> LinkedArticle {
    let text = |key: &str| {
        value
            .get(key)
            .and_then(|field| field.items().iter().find_map(Json::as_str))
            .map(collapse_spaces)
            .filter(|text| !text.is_empty())
    };
    let mut people = Vec::new();
    let mut organisations = Vec::new();
    for author in value.get("author").into_iter().flat_map(Json::items) {
        let author = match author.get("name") {
            Some(_) => author,
            None => author
                .get("@id")
                .and_then(Json::as_str)
                .and_then(|id| named.get(id).copied())
                .unwrap_or(author),
        };
        let (name, organisation) = match author {
            Json::String(name) => (Some(name.as_str()), false),
            Json::Object(_) => (
                author.get("name").and_then(Json::as_str),
                author
                    .get("@type")
                    .into_iter()
                    .flat_map(Json::items)
                    .filter_map(Json::as_str)
                    .any(|kind| kind == "Organization" || kind == "NewsMediaOrganization"),
            ),
            _ => (None, false),
        };
        let Some(name) = name.map(collapse_spaces).filter(|name| !name.is_empty()) else {
            continue;
        };
        if looks_like_address(&name) {
            continue;
        }
        let list = if organisation {
            &mut organisations
        } else {
            &mut people
        };
        if !list.contains(&name) {
            list.push(name);
        }
    }
    LinkedArticle {
        kind: kind.to_string(),
        headline: text("headline").or_else(|| text("name")),
        authors_are_people: !people.is_empty(),
        authors: if people.is_empty() {
            organisations
        } else {
            people
        },
        published: text("datePublished").or_else(|| text("dateCreated")),
        modified: text("dateModified"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_locale_says_which_way_numeric_dates_read() {
        let page = |language: Option<&str>, locale: Option<&str>| PageMetadata {
            language: language.map(str::to_string),
            locales: locale
                .map(|value| MetaValue {
                    value: value.to_string(),
                    rank: 0,
                })
                .into_iter()
                .collect(),
            ..PageMetadata::default()
        };
        assert!(page(Some("en-GB"), None).writes_dates_day_first());
        assert!(page(Some("de"), None).writes_dates_day_first());
        assert!(page(Some("en"), Some("en_AU")).writes_dates_day_first());
        assert!(!page(Some("EN-us"), None).writes_dates_day_first());
        assert!(!page(Some("en-US-posix"), None).writes_dates_day_first());
        assert!(!page(Some("en"), None).writes_dates_day_first());
        assert!(!page(None, None).writes_dates_day_first());
        // A locale naming the region wins over a bare language, wherever it is declared.
        assert!(!page(Some("en-US"), Some("en")).writes_dates_day_first());
    }

    #[test]
    fn authors_given_by_reference_are_the_named_nodes() {
        let value = parse_json(
            r#"{"@graph": [
                {"@type": "Article", "@id": "https://example.org/a#article", "headline": "Lemons",
                 "author": {"@id": "https://example.org/#/person/1"},
                 "publisher": {"@id": "https://example.org/#org"}},
                {"@type": ["Person"], "@id": "https://example.org/#/person/1", "name": "Ann Lee"},
                {"@type": "Organization", "@id": "https://example.org/#org", "name": "Garden Post"}]}"#,
        )
        .unwrap();
        let mut found = Vec::new();
        linked_articles(&value, &mut found);
        assert_eq!(found[0].authors, ["Ann Lee"]);
        assert!(found[0].authors_are_people);
        // A block describing only its page: the page's node is read as the article; beside
        // an article, it is not.
        let page = r##"{"@graph": [{"@type": "WebPage", "name": "Lemons | Garden Post",
            "author": {"@id": "#p"}, "datePublished": "2020-04-21"},
            {"@type": "Person", "@id": "#p", "name": "Ann Lee"}]}"##;
        let mut found = Vec::new();
        linked_articles(&parse_json(page).unwrap(), &mut found);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, "WebPage");
        assert_eq!(found[0].authors, ["Ann Lee"]);
        assert_eq!(found[0].published.as_deref(), Some("2020-04-21"));
        let both = page.replace(
            r#"{"@type": "Person""#,
            r#"{"@type": "BlogPosting", "headline": "Lemons"}, {"@type": "Person""#,
        );
        let mut found = Vec::new();
        linked_articles(&parse_json(&both).unwrap(), &mut found);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, "BlogPosting");
        // A reference to nothing named names nobody.
        let value = parse_json(r##"{"@type": "Article", "author": {"@id": "#nobody"}}"##).unwrap();
        let mut found = Vec::new();
        linked_articles(&value, &mut found);
        assert!(found[0].authors.is_empty());
    }

    #[test]
    fn json_ld_articles_are_found_anywhere() {
        let value = parse_json(
            r#"{"@context": "https://schema.org", "@graph": [
                {"@type": "WebSite", "name": "The Harbour Times"},
                {"@type": ["ReportageNewsArticle"], "headline": "  Ferry  returns ",
                 "author": [{"@type": "Person", "name": "Ann Lee"}, "Bo Park",
                            {"@type": "Organization", "name": "Harbour Times"}],
                 "datePublished": "2024-05-17T08:00:00Z"}]}"#,
        )
        .unwrap();
        let mut found = Vec::new();
        linked_articles(&value, &mut found);
        assert_eq!(found.len(), 1);
        let article = &found[0];
        assert_eq!(article.kind, "ReportageNewsArticle");
        assert_eq!(article.headline.as_deref(), Some("Ferry returns"));
        assert_eq!(article.authors, ["Ann Lee", "Bo Park"]);
        assert_eq!(article.published.as_deref(), Some("2024-05-17T08:00:00Z"));
    }

    #[test]
    fn an_organisation_is_the_author_only_when_no_person_is() {
        let value = parse_json(
            r#"{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Wire Desk"}}"#,
        )
        .unwrap();
        let mut found = Vec::new();
        linked_articles(&value, &mut found);
        assert_eq!(found[0].authors, ["Wire Desk"]);
    }
}
