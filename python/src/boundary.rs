//! The edge between Python and the engine: the engine runs with the GIL released and its
//! panics caught, its errors become Python exceptions, its results Python dicts and lists.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use article_analyzer::AnalyzeError;
use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use serde::Serialize;

create_exception!(
    article_analyzer,
    InternalError,
    PyRuntimeError,
    "The analyzer failed on its own (a bug, not a problem with the arguments). Please report \
     it with the text that caused it. The process and the objects it holds stay usable."
);

/// Runs engine work with the GIL released, so other Python threads go on meanwhile (two
/// threads analysing two batches use two cores), and with panics caught: a bug in the engine
/// raises [`InternalError`] instead of unwinding into the interpreter.
pub fn run_engine<T: Send>(py: Python<'_>, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.detach(|| catch_unwind(AssertUnwindSafe(work)))
        .map_err(|payload| {
            InternalError::new_err(format!(
                "article-analyzer failed on this input (a bug in the analyzer; please report it with the text): {}",
                panic_message(payload.as_ref())
            ))
        })
}

/// The text a panic was raised with, when it has one.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

/// The engine's refusal of a batch (an empty or repeated id, too many articles): the
/// arguments had the right types but values it cannot take, so `ValueError`, with the
/// engine's own message.
pub fn engine_error(error: AnalyzeError) -> PyErr {
    PyValueError::new_err(error.to_string())
}

/// An engine value as plain Python objects: structs become dicts with the contract's
/// (camelCase) keys, sequences lists, `None` `None`, enums their lowercase names, exactly
/// as in the CLI's JSON.
pub fn to_python<T: Serialize>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    pythonize::pythonize(py, value)
        .map(Bound::unbind)
        .map_err(|error| {
            InternalError::new_err(format!("could not convert the result to Python: {error}"))
        })
}
