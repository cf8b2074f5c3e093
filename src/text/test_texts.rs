//! Generated texts for the crate's unit tests: every way of joining a few pieces, so that a
//! test can hold a fast function to its definition over all the short shapes at once.

/// Every text of up to `rounds` of `pieces` joined by `separator`, in rounds: the empty text,
/// then each round appends every piece to every text made so far (so shorter texts come
/// first, and a text can be made more than once). `(pieces.len() + 1)^rounds` texts.
pub fn every_joining(pieces: &[&str], rounds: usize, separator: &str) -> Vec<String> {
    let mut texts = vec![String::new()];
    for _ in 0..rounds {
        let longer: Vec<String> = texts
            .iter()
            .flat_map(|text| {
                pieces
                    .iter()
                    .map(move |piece| format!("{text}{separator}{piece}"))
            })
            .collect();
        texts.extend(longer);
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_every_piece_to_every_text_in_rounds() {
        assert_eq!(
            every_joining(&["a", "b"], 2, "-"),
            ["", "-a", "-b", "-a", "-b", "-a-a", "-a-b", "-b-a", "-b-b"]
        );
        assert_eq!(every_joining(&["x", "y", "z"], 3, "").len(), 64);
        assert_eq!(every_joining(&["x"], 0, " "), [""]);
    }
}
