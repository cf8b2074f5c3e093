//! Errors the analyzer reports to its callers, with messages a person can act on.

use std::fmt;

/// Why an analysis request could not be carried out. Problems with one article's content
/// (empty, cut, re-decoded) are not errors: they become warnings on that article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnalyzeError {
    /// Two documents share one id, so the report could not tell them apart.
    DuplicateId(String),
    /// A document has an empty id.
    EmptyId {
        /// Position of the document in the batch (0-based).
        index: usize,
    },
    /// The batch holds more articles than the analyzer accepts at once.
    TooManyDocuments {
        /// How many were given.
        given: usize,
        /// The limit.
        limit: usize,
    },
}

impl fmt::Display for AnalyzeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnalyzeError::DuplicateId(id) => write!(
                f,
                "two articles have the id {id:?}; give each article its own id"
            ),
            AnalyzeError::EmptyId { index } => write!(
                f,
                "article number {} has an empty id; give it a name such as a file name",
                index + 1
            ),
            AnalyzeError::TooManyDocuments { given, limit } => write!(
                f,
                "{given} articles were given but at most {limit} can be analysed at once; split the batch"
            ),
        }
    }
}

impl std::error::Error for AnalyzeError {}
