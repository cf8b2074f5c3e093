//! Python arguments read into the engine's types, with messages that say what was expected:
//! `TypeError` for a value of the wrong type or shape, `ValueError` for a value of the right
//! type that cannot be used.

use article_analyzer::{Article, BlockOverride, Document, Options};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyInt, PyMapping, PyString, PyTuple};

/// The options every entry point takes as keyword arguments, in Python's spelling (the
/// engine's `Options`, whose JSON names are camelCase).
const OPTION_NAMES: &[&str] = &["max_article_bytes", "quotes"];

/// What one article may be, for messages.
const DOCUMENT_SHAPE: &str =
    "a dict {\"id\": str, \"text\": str} (optionally with \"overrides\": [{\"block\": int, \"kept\": bool}]) or an (id, text) tuple";

/// Reads the keyword options of `caller`. An unknown name is a `TypeError`, as Python raises
/// for an unexpected keyword argument, and the message lists the names there are.
pub fn read_options(caller: &str, options: Option<&Bound<'_, PyDict>>) -> PyResult<Options> {
    let mut read = Options::default();
    let Some(options) = options else {
        return Ok(read);
    };
    for (name, value) in options.iter() {
        let name: String = name.extract()?;
        match name.as_str() {
            "max_article_bytes" => read.max_article_bytes = read_byte_count(caller, &value)?,
            "quotes" => read.quotes = read_flag(caller, "quotes", &value)?,
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "{caller}() got an unexpected keyword argument '{name}'; the options are {}",
                    OPTION_NAMES.join(", ")
                )))
            }
        }
    }
    Ok(read)
}

/// `max_article_bytes`: `None` (the default limit) or a whole number of bytes, 0 or more.
fn read_byte_count(caller: &str, value: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
    if value.is_none() {
        return Ok(None);
    }
    // bool is a subclass of int in Python; `max_article_bytes=True` is a mistake, not 1.
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "{caller}(): max_article_bytes must be a whole number of bytes (an int such as 1_000_000) or None, not {}",
            type_name(value)
        )));
    }
    value.extract::<usize>().map(Some).map_err(|_| {
        PyValueError::new_err(format!(
            "{caller}(): max_article_bytes must be 0 or more and at most {}, not {value}",
            usize::MAX
        ))
    })
}

/// A yes/no option: `None` (the default) or a `bool`; other values that Python would take as
/// true or false (`0`, `"no"`) are refused rather than guessed at.
fn read_flag(caller: &str, name: &str, value: &Bound<'_, PyAny>) -> PyResult<Option<bool>> {
    if value.is_none() {
        return Ok(None);
    }
    value
        .cast::<PyBool>()
        .map(|flag| Some(flag.is_true()))
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "{caller}(): {name} must be True or False, not {}",
                type_name(value)
            ))
        })
}

/// The documents of an iterable, in order. A `str`, `bytes` or a single dict is refused
/// up front: iterating over them would give characters, numbers or keys.
pub fn read_documents(caller: &str, docs: &Bound<'_, PyAny>) -> PyResult<Vec<Document>> {
    let expected = || format!("{caller}() expects an iterable of articles, each {DOCUMENT_SHAPE}");
    if docs.is_instance_of::<PyString>()
        || docs.is_instance_of::<PyBytes>()
        || docs.is_instance_of::<PyByteArray>()
    {
        return Err(PyTypeError::new_err(format!(
            "{}, not one {}; to analyse one text use clean(text), or pass [(\"some-id\", text)]",
            expected(),
            type_name(docs)
        )));
    }
    if docs.cast::<PyMapping>().is_ok() {
        return Err(PyTypeError::new_err(format!(
            "{}, not one {}; for one article pass a list: [doc]",
            expected(),
            type_name(docs)
        )));
    }
    let items = docs
        .try_iter()
        .map_err(|_| PyTypeError::new_err(format!("{}, not {}", expected(), type_name(docs))))?;
    // No capacity reserved from `len(docs)`: an object may claim any length (range(10**15)),
    // and reserving it would abort the process before the first item is refused.
    let mut read = Vec::new();
    for (index, item) in items.enumerate() {
        read.push(read_document(caller, &item?, Some(index))?);
    }
    Ok(read)
}

/// One document: a mapping with `id`, `text` and optional `overrides` (other keys are
/// ignored, as the CLI ignores them in JSONL), or an `(id, text)` tuple. `position` is its
/// place in the batch, for messages.
pub fn read_document(
    caller: &str,
    doc: &Bound<'_, PyAny>,
    position: Option<usize>,
) -> PyResult<Document> {
    let which = Which { caller, position };
    if let Ok(pair) = doc.cast::<PyTuple>() {
        if pair.len() != 2 {
            return Err(PyTypeError::new_err(format!(
                "{} is a tuple of {} items; expected {DOCUMENT_SHAPE}",
                which.article(None),
                pair.len()
            )));
        }
        let id = read_document_id(&which, &pair.get_item(0)?)?;
        let text = read_field_text(&which, &id, &pair.get_item(1)?)?;
        return Ok(Document::new(id, text));
    }
    let Ok(fields) = doc.cast::<PyMapping>() else {
        return Err(PyTypeError::new_err(format!(
            "{} is {}; expected {DOCUMENT_SHAPE}",
            which.article(None),
            a_type_name(doc)
        )));
    };
    let field = |key: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        if fields.contains(key)? {
            fields.get_item(key).map(Some)
        } else {
            Ok(None)
        }
    };
    let id = match field("id")? {
        Some(id) => read_document_id(&which, &id)?,
        None => {
            return Err(PyTypeError::new_err(format!(
                "{} has no \"id\"; expected {DOCUMENT_SHAPE}",
                which.article(None)
            )))
        }
    };
    let text = match field("text")? {
        Some(text) => read_field_text(&which, &id, &text)?,
        None => {
            return Err(PyTypeError::new_err(format!(
                "{} has no \"text\"; expected {DOCUMENT_SHAPE}",
                which.article(Some(&id))
            )))
        }
    };
    let overrides = match field("overrides")? {
        Some(overrides) if !overrides.is_none() => read_overrides(&which, &id, &overrides)?,
        _ => Vec::new(),
    };
    Ok(Document {
        id,
        text,
        overrides,
    })
}

/// The text argument of `clean` and `extract_quotes`.
pub fn read_text(caller: &str, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let as_str = text.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{caller}() expects the article text as a str, got {}{}",
            type_name(text),
            decode_hint(text)
        ))
    })?;
    to_rust_string(as_str)
        .map_err(|error| PyValueError::new_err(format!("{caller}(): the article text {error}")))
}

/// One of the two text arguments of `diff_texts`; `which` is "first" or "second".
pub fn read_diff_text(caller: &str, which: &str, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let as_str = text.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{caller}() expects two texts (str); the {which} is {}{}",
            a_type_name(text),
            decode_hint(text)
        ))
    })?;
    to_rust_string(as_str)
        .map_err(|error| PyValueError::new_err(format!("{caller}(): the {which} text {error}")))
}

/// What `diff_articles` reads of an article, for messages.
const ARTICLE_SHAPE: &str =
    "an Article dict as clean() or analyze() returns it (only \"text\" is needed; \"id\" and \"title\" are read when present)";

/// One of the two article arguments of `diff_articles`: a mapping of which only `id`,
/// `title` and `text` are read (the page's `diffArticles` reads the same three). A missing
/// or `None` id is empty and a missing or `None` title none, as in an article `clean`
/// returns; `which` is "first" or "second".
pub fn read_article(caller: &str, which: &str, article: &Bound<'_, PyAny>) -> PyResult<Article> {
    let Ok(fields) = article.cast::<PyMapping>() else {
        return Err(PyTypeError::new_err(format!(
            "{caller}() expects two articles; the {which} is {}, not {ARTICLE_SHAPE}{}",
            a_type_name(article),
            if article.is_instance_of::<PyString>() {
                "; to compare two texts use diff_texts(a, b)"
            } else {
                ""
            }
        )));
    };
    let field = |key: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        if fields.contains(key)? {
            let value = fields.get_item(key)?;
            Ok((!value.is_none()).then_some(value))
        } else {
            Ok(None)
        }
    };
    let string = |key: &str, value: Bound<'_, PyAny>| -> PyResult<String> {
        let as_str = value.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "{caller}(): the {which} article's \"{key}\" is {}; a str was expected{}",
                a_type_name(&value),
                decode_hint(&value)
            ))
        })?;
        to_rust_string(as_str).map_err(|error| {
            PyValueError::new_err(format!(
                "{caller}(): the {which} article's \"{key}\" {error}"
            ))
        })
    };
    let Some(text) = field("text")? else {
        return Err(PyTypeError::new_err(format!(
            "{caller}(): the {which} article has no \"text\"; expected {ARTICLE_SHAPE}"
        )));
    };
    Ok(Article {
        id: field("id")?
            .map(|id| string("id", id))
            .transpose()?
            .unwrap_or_default(),
        title: field("title")?
            .map(|title| string("title", title))
            .transpose()?,
        text: string("text", text)?,
        ..Article::default()
    })
}

/// The id argument of `Batch.remove`.
pub fn read_id(caller: &str, id: &Bound<'_, PyAny>) -> PyResult<String> {
    let as_str = id.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{caller}() expects an article id (a str), got {}",
            type_name(id)
        ))
    })?;
    to_rust_string(as_str)
        .map_err(|error| PyValueError::new_err(format!("{caller}(): the id {error}")))
}

/// Where a document stands, for messages: "analyze(): article number 3".
struct Which<'a> {
    caller: &'a str,
    position: Option<usize>,
}

impl Which<'_> {
    /// The start of a message about this article, with its id when known.
    fn article(&self, id: Option<&str>) -> String {
        let mut start = match self.position {
            Some(position) => format!("{}(): article number {}", self.caller, position + 1),
            None => format!("{}(): the article", self.caller),
        };
        if let Some(id) = id {
            start.push_str(&format!(" {id:?}"));
        }
        start
    }
}

fn read_document_id(which: &Which<'_>, id: &Bound<'_, PyAny>) -> PyResult<String> {
    let as_str = id.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{} has an id of type {}; ids are str (for a number, str(n))",
            which.article(None),
            type_name(id)
        ))
    })?;
    to_rust_string(as_str)
        .map_err(|error| PyValueError::new_err(format!("{}: its id {error}", which.article(None))))
}

fn read_field_text(which: &Which<'_>, id: &str, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let as_str = text.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{} has a text of type {}; the text must be a str{}",
            which.article(Some(id)),
            type_name(text),
            decode_hint(text)
        ))
    })?;
    to_rust_string(as_str).map_err(|error| {
        PyValueError::new_err(format!("{}: its text {error}", which.article(Some(id))))
    })
}

fn read_overrides(
    which: &Which<'_>,
    id: &str,
    overrides: &Bound<'_, PyAny>,
) -> PyResult<Vec<BlockOverride>> {
    pythonize::depythonize::<Vec<BlockOverride>>(overrides).map_err(|error| {
        PyTypeError::new_err(format!(
            "{} has overrides that are not a list of {{\"block\": int, \"kept\": bool}} dicts: {error}",
            which.article(Some(id))
        ))
    })
}

/// A Python `str` as UTF-8. Only a `str` holding lone surrogates (what
/// `errors="surrogateescape"` leaves for undecodable bytes) has none; the error says how to
/// get a clean one.
fn to_rust_string(text: &Bound<'_, PyString>) -> Result<String, String> {
    text.to_str().map(str::to_owned).map_err(|_| {
        "holds lone surrogates (as errors=\"surrogateescape\" leaves for undecodable bytes), which are not Unicode text; decode the bytes with errors=\"replace\" instead".to_string()
    })
}

/// For bytes where text was expected: how to decode them.
fn decode_hint(value: &Bound<'_, PyAny>) -> &'static str {
    if value.is_instance_of::<PyBytes>() || value.is_instance_of::<PyByteArray>() {
        " (decode the bytes first: data.decode(\"utf-8\", errors=\"replace\"))"
    } else {
        ""
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "an unknown type".into())
}

/// "an int", "a list": the type with its article, for "is ..." messages.
fn a_type_name(value: &Bound<'_, PyAny>) -> String {
    let name = type_name(value);
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}
