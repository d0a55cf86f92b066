//! Frequent itemsets by FP-Growth (Han, Pei and Yin, 2000), without candidate sets.
//!
//! Each transaction's frequent items, most frequent first, are one path of a prefix
//! tree (the FP-tree): transactions that start alike share nodes, and each node counts
//! the transactions through it. The itemsets whose least frequent item is `i` are then
//! `{i}` plus the itemsets of the paths leading to `i`'s nodes (its conditional pattern
//! base), each weighted by the count of the node it leads to: mined the same way, in a
//! smaller tree built from those paths.

use std::cmp::Reverse;

/// The root node; its item and count mean nothing.
const ROOT: u32 = 0;

/// An FP-tree over item ranks (0 = most frequent), as parallel node arrays.
struct Tree {
    item: Vec<u32>,
    count: Vec<u32>,
    parent: Vec<u32>,
    /// The nodes of each rank.
    header: Vec<Vec<u32>>,
}

impl Tree {
    /// The tree of `paths` (ranks ascending, each with a count) over ranks `0..ranks`.
    /// Sorted, a path shares with the tree exactly the prefix it shares with the path
    /// before it, so no node needs a lookup of its children.
    fn build(mut paths: Vec<(Vec<u32>, u32)>, ranks: usize) -> Tree {
        paths.sort_unstable();
        let mut t = Tree {
            item: vec![u32::MAX],
            count: vec![0],
            parent: vec![ROOT],
            header: vec![Vec::new(); ranks],
        };
        // The nodes of the previous path.
        let mut stack: Vec<u32> = Vec::new();
        let mut prev: &[u32] = &[];
        for (path, c) in &paths {
            let common = prev.iter().zip(path).take_while(|(a, b)| a == b).count();
            stack.truncate(common);
            for &n in &stack {
                t.count[n as usize] += c;
            }
            for &rank in &path[common..] {
                let id = t.item.len() as u32;
                t.item.push(rank);
                t.count.push(*c);
                t.parent.push(stack.last().copied().unwrap_or(ROOT));
                t.header[rank as usize].push(id);
                stack.push(id);
            }
            prev = path;
        }
        t
    }
}

/// Every itemset of 1 to `max_len` items contained in at least `min` (at least 1) of
/// `transactions` (each a list of distinct item numbers below `items`), with that
/// count. Each set's items are ascending; the sets come in no particular order.
pub(super) fn frequent(
    transactions: &[Vec<u32>],
    items: usize,
    min: u32,
    max_len: usize,
) -> Vec<(Vec<u32>, u32)> {
    let min = min.max(1);
    let mut counts = vec![0u32; items];
    for t in transactions {
        for &i in t {
            counts[i as usize] += 1;
        }
    }
    // Frequent items by rank: most frequent first, so the paths share more.
    let mut order: Vec<u32> = (0..items as u32)
        .filter(|&i| counts[i as usize] >= min)
        .collect();
    order.sort_by_key(|&i| (Reverse(counts[i as usize]), i));
    let mut rank = vec![u32::MAX; items];
    for (r, &i) in order.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    let paths: Vec<(Vec<u32>, u32)> = transactions
        .iter()
        .filter_map(|t| {
            let mut p: Vec<u32> = t
                .iter()
                .map(|&i| rank[i as usize])
                .filter(|&r| r != u32::MAX)
                .collect();
            p.sort_unstable();
            (!p.is_empty()).then_some((p, 1))
        })
        .collect();
    let tree = Tree::build(paths, order.len());
    let mut out = Vec::new();
    if max_len > 0 {
        grow(&tree, &mut Vec::new(), min, max_len, &mut out);
    }
    for (set, _) in &mut out {
        for x in set.iter_mut() {
            *x = order[*x as usize];
        }
        set.sort_unstable();
    }
    out
}

/// Adds to `out` every frequent itemset of `tree` joined with `suffix` (the items the
/// tree is conditional on), up to `max_len` items in all.
fn grow(
    tree: &Tree,
    suffix: &mut Vec<u32>,
    min: u32,
    max_len: usize,
    out: &mut Vec<(Vec<u32>, u32)>,
) {
    for (rank, nodes) in tree.header.iter().enumerate() {
        let total: u32 = nodes.iter().map(|&n| tree.count[n as usize]).sum();
        if total < min {
            continue;
        }
        suffix.push(rank as u32);
        out.push((suffix.clone(), total));
        if suffix.len() < max_len {
            // How many transactions with `rank` hold each item above it in the tree
            // (all of a lower rank: paths ascend).
            let mut counts = vec![0u32; rank];
            for &n in nodes {
                let c = tree.count[n as usize];
                let mut a = tree.parent[n as usize];
                while a != ROOT {
                    counts[tree.item[a as usize] as usize] += c;
                    a = tree.parent[a as usize];
                }
            }
            if suffix.len() + 1 == max_len {
                // The last item: its count is all that is needed, no tree.
                for (other, &c) in counts.iter().enumerate() {
                    if c >= min {
                        suffix.push(other as u32);
                        out.push((suffix.clone(), c));
                        suffix.pop();
                    }
                }
            } else {
                let paths: Vec<(Vec<u32>, u32)> = nodes
                    .iter()
                    .filter_map(|&n| {
                        let mut p = Vec::new();
                        let mut a = tree.parent[n as usize];
                        while a != ROOT {
                            let item = tree.item[a as usize];
                            if counts[item as usize] >= min {
                                p.push(item);
                            }
                            a = tree.parent[a as usize];
                        }
                        p.reverse();
                        (!p.is_empty()).then_some((p, tree.count[n as usize]))
                    })
                    .collect();
                grow(&Tree::build(paths, rank), suffix, min, max_len, out);
            }
        }
        suffix.pop();
    }
}
