//! The markup room: reads a page's HTML (or its bytes, with their charset) into a [`Page`]:
//! the visible text as blocks, what the markup says about each block (its element, its
//! ancestors among `article`, `main`, `nav`, `aside`, `header`, `footer`, `figure`, `form`,
//! lists, tables and headings, its link density, the hints of class and id words) and the
//! metadata the markup states (`<title>`, `<meta>` tags, JSON-LD, author links, `<time>`).
//!
//! Tokens come from html5gum (WHATWG tokenizer: every character reference, raw text states);
//! the tree is built here ([`tree`]), flat and without recursion, so hostile nesting costs
//! linear time and no stack. Nothing in the HTML is run or fetched.
//!
//! May use the text room and the report's types only; the cleaning room reads its pages.

mod decode;
mod elements;
mod hints;
mod json;
mod metadata;
mod page;
mod tree;

pub use decode::{read_html_bytes, DecodedHtml};
pub use elements::{Context, Tag};
pub use hints::{HintKind, Hints};
pub use metadata::LinkedArticle;
pub use page::{read_page, Page, PageBlock};
pub use tree::{Element, NO_ELEMENT};
