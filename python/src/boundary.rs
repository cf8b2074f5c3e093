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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_engine_work_raises_internal_error_with_its_message() {
        Python::initialize();
        Python::attach(|py| {
            let failed = run_engine(py, || -> usize { panic!("index out of bounds") });
            let error = failed.expect_err("the panic is caught");
            assert!(error.is_instance_of::<InternalError>(py));
            assert!(error.is_instance_of::<PyRuntimeError>(py));
            let message = error.to_string();
            assert!(message.contains("index out of bounds"), "{message}");
            assert!(message.contains("please report it"), "{message}");
            // The interpreter goes on: the thread holds the GIL again and runs Python.
            assert_eq!(
                py.eval(c"1 + 1", None, None)
                    .unwrap()
                    .extract::<i32>()
                    .unwrap(),
                2
            );
        });
    }

    #[test]
    fn engine_work_returns_its_value() {
        Python::initialize();
        Python::attach(|py| assert_eq!(run_engine(py, || 6 * 7).unwrap(), 42));
    }

    #[test]
    fn an_engine_refusal_is_a_value_error_with_the_engine_message() {
        Python::initialize();
        Python::attach(|py| {
            let error = engine_error(AnalyzeError::DuplicateId("a".into()));
            assert!(error.is_instance_of::<PyValueError>(py));
            assert_eq!(
                error.to_string(),
                format!("ValueError: {}", AnalyzeError::DuplicateId("a".into()))
            );
        });
    }
}
