//! Invariants every diff must satisfy, whatever the two texts: ops in text order on both
//! sides at UTF-16 character boundaries, an equal op's two slices the same text but for white
//! space (which is not compared), every
//! character of `a` other than white space in exactly one equal or deleted op and every one of
//! `b` in an equal or inserted op, paragraphs in order with valid counterparts (a move's twin
//! pointing back), and the summary's paragraph counts those of the statuses.

use article_analyzer::{DiffKind, DiffOp, ParagraphChange, ParagraphStatus, TextDiff};

use super::{excerpt, utf16_len, Utf16ToByte};

/// Every violation of the diff invariants by `diff`, the diff of `a` and `b`.
pub fn diff_violations(a: &str, b: &str, diff: &TextDiff) -> Vec<String> {
    let mut problems = op_violations(a, b, &diff.ops);
    problems.extend(paragraph_violations(
        "a",
        a,
        &diff.a_paragraphs,
        &diff.b_paragraphs,
    ));
    problems.extend(paragraph_violations(
        "b",
        b,
        &diff.b_paragraphs,
        &diff.a_paragraphs,
    ));
    let count = |paragraphs: &[ParagraphChange], status| {
        paragraphs.iter().filter(|p| p.status == status).count()
    };
    let summary = &diff.summary;
    let expected = (
        count(&diff.b_paragraphs, ParagraphStatus::Added),
        count(&diff.a_paragraphs, ParagraphStatus::Removed),
        count(&diff.a_paragraphs, ParagraphStatus::Moved),
        count(&diff.a_paragraphs, ParagraphStatus::Changed),
        count(&diff.a_paragraphs, ParagraphStatus::Unchanged),
    );
    let given = (
        summary.paragraphs_added,
        summary.paragraphs_removed,
        summary.paragraphs_moved,
        summary.paragraphs_changed,
        summary.paragraphs_unchanged,
    );
    if given != expected {
        problems.push(format!(
            "summary counts (added, removed, moved, changed, unchanged) {given:?}, statuses say {expected:?}"
        ));
    }
    // (An article diff's summary speaks for its title too.)
    let only_equal = diff.ops.iter().all(|op| op.kind == DiffKind::Equal) && !summary.title_changed;
    if summary.identical != only_equal {
        problems.push(format!(
            "identical is {} but the ops are {}",
            summary.identical,
            if only_equal {
                "all equal"
            } else {
                "not all equal"
            }
        ));
    }
    if summary.sentence.is_empty() || !summary.sentence.ends_with('.') {
        problems.push(format!("sentence {:?} is not a sentence", summary.sentence));
    }
    problems
}

/// Panics with every diff invariant violation, if there are any.
pub fn assert_diff_invariants(a: &str, b: &str, diff: &TextDiff) {
    let problems = diff_violations(a, b, diff);
    assert!(
        problems.is_empty(),
        "the diff breaks invariants:\n- {}\na: {:?}\nb: {:?}",
        problems.join("\n- "),
        excerpt(a),
        excerpt(b)
    );
}

fn op_violations(a: &str, b: &str, ops: &[DiffOp]) -> Vec<String> {
    let mut problems = Vec::new();
    let (mut a_bytes, mut b_bytes) = (Utf16ToByte::new(a), Utf16ToByte::new(b));
    let (mut a_at, mut b_at) = (0, 0);
    let (mut a_kept, mut b_kept) = (String::new(), String::new());
    for (index, op) in ops.iter().enumerate() {
        if op.a_start < a_at || op.b_start < b_at || op.a_start > op.a_end || op.b_start > op.b_end
        {
            problems.push(format!("op {index} {op:?} is out of order or reversed"));
            continue;
        }
        (a_at, b_at) = (op.a_end, op.b_end);
        let a_range = a_bytes
            .byte_offset(op.a_start)
            .zip(a_bytes.byte_offset(op.a_end));
        let b_range = b_bytes
            .byte_offset(op.b_start)
            .zip(b_bytes.byte_offset(op.b_end));
        let (Some((a_start, a_end)), Some((b_start, b_end))) = (a_range, b_range) else {
            problems.push(format!(
                "op {index} {op:?} does not fall on UTF-16 character boundaries"
            ));
            continue;
        };
        let (a_part, b_part) = (&a[a_start..a_end], &b[b_start..b_end]);
        let visible = |part: &str| -> String { part.split_whitespace().collect() };
        match op.kind {
            DiffKind::Equal if visible(a_part) != visible(b_part) => problems.push(format!(
                "equal op {index} slices {:?} and {:?}",
                excerpt(a_part),
                excerpt(b_part)
            )),
            DiffKind::Delete if !b_part.is_empty() => {
                problems.push(format!("deletion {index} inserts {:?}", excerpt(b_part)))
            }
            DiffKind::Insert if !a_part.is_empty() => {
                problems.push(format!("insertion {index} deletes {:?}", excerpt(a_part)))
            }
            _ => {}
        }
        if op.kind != DiffKind::Insert {
            a_kept.extend(a_part.chars().filter(|c| !c.is_whitespace()));
        }
        if op.kind != DiffKind::Delete {
            b_kept.extend(b_part.chars().filter(|c| !c.is_whitespace()));
        }
    }
    if a_at > utf16_len(a) || b_at > utf16_len(b) {
        problems.push("ops run past the end of a text".into());
    }
    for (name, text, covered) in [("a", a, a_kept), ("b", b, b_kept)] {
        let all: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if all != covered {
            problems.push(format!(
                "the ops do not cover text {name}: {:?} against {:?}",
                excerpt(&covered),
                excerpt(&all)
            ));
        }
    }
    problems
}

fn paragraph_violations(
    name: &str,
    text: &str,
    paragraphs: &[ParagraphChange],
    others: &[ParagraphChange],
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut at = 0;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let label = format!("paragraph {index} of {name} {paragraph:?}");
        if paragraph.start < at
            || paragraph.start >= paragraph.end
            || paragraph.end > utf16_len(text)
        {
            problems.push(format!("{label} is empty, out of order or past the end"));
        }
        at = paragraph.end;
        let twin = paragraph.other.and_then(|other| others.get(other));
        match (paragraph.status, paragraph.other, twin) {
            (ParagraphStatus::Added | ParagraphStatus::Removed, None, _) => {}
            (ParagraphStatus::Added | ParagraphStatus::Removed, Some(_), _) => {
                problems.push(format!("{label} has a counterpart"))
            }
            (_, _, None) => problems.push(format!("{label} has no valid counterpart")),
            (ParagraphStatus::Moved, _, Some(twin))
                if twin.status != ParagraphStatus::Moved || twin.other != Some(index) =>
            {
                problems.push(format!("{label}: its twin {twin:?} does not point back"))
            }
            _ => {}
        }
    }
    problems
}
