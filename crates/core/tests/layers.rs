//! The core's top-level modules form no cycle: each uses (`crate::name`, outside its
//! tests) only modules that do not use it back, directly or through others. A cycle
//! fails with the modules in it.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The part of a source file outside tests: up to its first `#[cfg(test)]`; test
/// files (`tests.rs`, `*_tests.rs`, `round_trip.rs`) count for nothing.
fn production(path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    if name == "tests.rs" || name.ends_with("_tests.rs") || name == "round_trip.rs" {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The top-level modules each module's files name after `crate::`.
fn uses(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).unwrap();
            let first = relative.components().next().unwrap().as_os_str();
            let module = first.to_string_lossy().trim_end_matches(".rs").to_string();
            if module == "lib" {
                continue;
            }
            let text = production(&path);
            let used = graph.entry(module.clone()).or_default();
            for (at, _) in text.match_indices("crate::") {
                let name: String = text[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    used.insert(name);
                }
            }
        }
    }
    graph
}

/// A cycle through `from` back to `start`, if any (depth first).
fn cycle(
    graph: &BTreeMap<String, BTreeSet<String>>,
    start: &str,
    from: &str,
    path: &mut Vec<String>,
    seen: &mut BTreeSet<String>,
) -> bool {
    for next in graph.get(from).into_iter().flatten() {
        if next == start {
            return true;
        }
        if seen.insert(next.clone()) {
            path.push(next.clone());
            if cycle(graph, start, next, path, seen) {
                return true;
            }
            path.pop();
        }
    }
    false
}

#[test]
fn no_module_uses_itself_through_others() {
    let graph = uses(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(graph.contains_key("db") && graph["db"].contains("facts"));
    for start in graph.keys() {
        let mut path = vec![start.clone()];
        if cycle(&graph, start, start, &mut path, &mut BTreeSet::new()) {
            path.push(start.clone());
            panic!("modules in a cycle: {}", path.join(" → "));
        }
    }
}
