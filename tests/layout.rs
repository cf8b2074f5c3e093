//! The engine's rooms and the direction of their dependencies, checked from the source.
//!
//! `src/` holds one folder (or file) per concern, from the lowest to the highest:
//! text → markup → clean → quotes → article → compare. A module may refer (by `crate::` path,
//! in code or in a doc link) only to its own room and to rooms below it; the report's types
//! (`report`, `error`) are shared by all and refer to no room. Inside a room, the files form no
//! cycle either (`super::` and `crate::room::` paths). The front doors (`lib.rs`, `wasm.rs`,
//! `src/bin/`) may use everything. A new dependency that points up, or closes a circle, fails
//! this test with the file and line that made it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The rooms, lowest first. `report` and `error` are the shared types, below every room.
const ROOMS: &[&str] = &["text", "markup", "clean", "quotes", "article", "compare"];
const SHARED: &[&str] = &["report", "error"];
const FRONT_DOORS: &[&str] = &["lib", "wasm"];

fn level(room: &str) -> Option<i32> {
    if SHARED.contains(&room) {
        return Some(-1);
    }
    ROOMS.iter().position(|r| *r == room).map(|p| p as i32)
}

/// A `.rs` file of the engine with its room and its module name inside the room.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Module {
    room: String,
    name: String,
    path: PathBuf,
}

fn engine_modules(src: &Path) -> Vec<Module> {
    let mut modules = Vec::new();
    for entry in fs::read_dir(src).expect("src/ is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            let room = path.file_name().unwrap().to_string_lossy().to_string();
            if room == "bin" {
                continue;
            }
            for file in fs::read_dir(&path).expect("room folder is readable") {
                let file = file.expect("directory entry").path();
                if file.extension().is_some_and(|e| e == "rs") {
                    let name = file.file_stem().unwrap().to_string_lossy().to_string();
                    modules.push(Module {
                        room: room.clone(),
                        name,
                        path: file,
                    });
                }
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            if !FRONT_DOORS.contains(&name.as_str()) {
                modules.push(Module {
                    room: name.clone(),
                    name: "mod".into(),
                    path,
                });
            }
        }
    }
    modules.sort();
    modules
}

/// Every identifier that follows `prefix` in `line` (`crate::clean::body` gives `clean`).
fn idents_after<'a>(line: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(prefix) {
        let before_ok = at == 0
            || !rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let after = &rest[at + prefix.len()..];
        let ident_len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if before_ok && ident_len > 0 {
            found.push(&after[..ident_len]);
        }
        rest = &after[ident_len..];
    }
    found
}

/// The second path segment after `crate::room::` in `line`, for each mention of `room`.
fn submodules_after_room<'a>(line: &'a str, room: &str) -> Vec<&'a str> {
    let prefix = format!("crate::{room}::");
    idents_after(line, &prefix)
}

#[test]
fn rooms_refer_only_downwards_and_files_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = engine_modules(&src);
    assert!(
        modules.len() > 20,
        "expected the engine's modules under src/, found {modules:?}"
    );
    let mut problems = Vec::new();
    let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for module in &modules {
        let own_level = level(&module.room);
        if own_level.is_none() {
            problems.push(format!(
                "{}: room {:?} is not in the list of rooms of tests/layout.rs; add it in its place",
                module.path.display(),
                module.room
            ));
            continue;
        }
        let siblings: BTreeSet<&str> = modules
            .iter()
            .filter(|m| m.room == module.room && m.name != "mod")
            .map(|m| m.name.as_str())
            .collect();
        let text = fs::read_to_string(&module.path).expect("module is readable");
        let mut in_tests = false;
        for (number, line) in text.lines().enumerate() {
            if line.starts_with("#[cfg(test)]") {
                // Unit tests may use whatever helps them; the rule is for the code.
                in_tests = true;
            }
            if in_tests {
                continue;
            }
            let place = format!("{}:{}", module.path.display(), number + 1);
            for target in idents_after(line, "crate::") {
                let Some(target_level) = level(target) else {
                    // An item of the crate root (a re-export): only front doors may use it.
                    problems.push(format!(
                        "{place}: `crate::{target}` reaches the crate root from room {:?}; name the room that defines it",
                        module.room
                    ));
                    continue;
                };
                let own = own_level.unwrap();
                if target == module.room {
                    for sub in submodules_after_room(line, target) {
                        if siblings.contains(sub) && sub != module.name {
                            edges
                                .entry((module.room.clone(), module.name.clone()))
                                .or_default()
                                .insert(sub.to_string());
                        }
                    }
                } else if own == -1 || target_level >= own {
                    problems.push(format!(
                        "{place}: room {:?} refers to room {target:?}, which is not below it",
                        module.room
                    ));
                }
            }
            if module.name != "mod" {
                for target in idents_after(line, "super::") {
                    let target = if siblings.contains(target) {
                        target
                    } else {
                        "mod"
                    };
                    if target != module.name {
                        edges
                            .entry((module.room.clone(), module.name.clone()))
                            .or_default()
                            .insert(target.to_string());
                    }
                }
            } else {
                for sibling in &siblings {
                    let prefix = format!("{sibling}::");
                    if idents_after(line, &prefix).is_empty()
                        && !line.contains(&format!("use {sibling}::"))
                    {
                        continue;
                    }
                    if line.trim_start().starts_with("//") && !line.contains("[`") {
                        continue;
                    }
                    edges
                        .entry((module.room.clone(), "mod".into()))
                        .or_default()
                        .insert(sibling.to_string());
                }
            }
        }
    }
    // Cycles among the files of one room.
    for cycle in cycles(&edges) {
        problems.push(format!("files depend on each other in a circle: {cycle}"));
    }
    assert!(
        problems.is_empty(),
        "the layout rules are broken:\n{}",
        problems.join("\n")
    );
}

/// Each cycle of the file graph, written `room/a → room/b → room/a`.
fn cycles(edges: &BTreeMap<(String, String), BTreeSet<String>>) -> Vec<String> {
    let mut found = Vec::new();
    let mut done: BTreeSet<(String, String)> = BTreeSet::new();
    for start in edges.keys() {
        let mut path: Vec<(String, String)> = Vec::new();
        visit(start, edges, &mut path, &mut done, &mut found);
    }
    found
}

fn visit(
    node: &(String, String),
    edges: &BTreeMap<(String, String), BTreeSet<String>>,
    path: &mut Vec<(String, String)>,
    done: &mut BTreeSet<(String, String)>,
    found: &mut Vec<String>,
) {
    if let Some(at) = path.iter().position(|n| n == node) {
        let names: Vec<String> = path[at..]
            .iter()
            .chain(std::iter::once(node))
            .map(|(room, name)| format!("{room}/{name}"))
            .collect();
        found.push(names.join(" → "));
        return;
    }
    if done.contains(node) {
        return;
    }
    path.push(node.clone());
    if let Some(targets) = edges.get(node) {
        for target in targets {
            visit(&(node.0.clone(), target.clone()), edges, path, done, found);
        }
    }
    path.pop();
    done.insert(node.clone());
}

#[test]
fn the_checker_sees_an_upward_reference() {
    assert_eq!(
        idents_after("use crate::clean::body; // crate::compare", "crate::"),
        ["clean", "compare"]
    );
    assert_eq!(idents_after("x_crate::y", "crate::"), Vec::<&str>::new());
    assert!(level("text") < level("clean") && level("quotes") < level("compare"));
    let mut edges = BTreeMap::new();
    edges.insert(
        ("q".to_string(), "a".to_string()),
        BTreeSet::from(["b".to_string()]),
    );
    edges.insert(
        ("q".to_string(), "b".to_string()),
        BTreeSet::from(["a".to_string()]),
    );
    assert_eq!(cycles(&edges), ["q/a → q/b → q/a"]);
}
