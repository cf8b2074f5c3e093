//! Comparing articles: a batch of analysed articles and what they share (duplicates,
//! story groups, quote groups), and what differs between two of them (diffs).
//!
//! The top room of the engine: it may use every room below (text, cleaning, quotes, and
//! the per-article analysis in `article`); nothing below knows of batches.

mod background;
mod batch;
mod candidates;
pub mod diff;
pub mod distributed;
pub mod duplicates;
mod linkage;
#[cfg(not(target_arch = "wasm32"))]
mod parallel;
mod quote_changes;
mod quote_groups;
mod stories;
mod story_summary;
mod summary;
mod summary_bytes;

#[cfg(not(target_arch = "wasm32"))]
pub use batch::Streamed;
pub use batch::{Batch, MAX_DOCUMENTS};
