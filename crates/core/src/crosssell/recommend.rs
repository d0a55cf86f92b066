//! What to offer a customer next: items they have not bought, each suggested by the
//! best rule whose antecedent they bought all of.

use super::{Rule, Rules};
use crate::purchases::Bought;
use rustc_hash::FxHashMap;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// An item to offer, with the rule that suggests it ("because they bought X").
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The term number of the item (the rule's consequent).
    pub item: u32,
    pub rule: Rule,
}

/// Which of two rules makes the better suggestion: higher confidence (the chance the
/// customer buys it), then higher lift, then higher count; then the earlier in the
/// rules' order (`i`, `j`: their places there).
fn better(a: &Rule, i: usize, b: &Rule, j: usize) -> Ordering {
    b.confidence
        .total_cmp(&a.confidence)
        .then(b.lift.total_cmp(&a.lift))
        .then(b.count.cmp(&a.count))
        .then(i.cmp(&j))
}

/// The first `k` distinct consequents of `matching` (rules, best first), as suggestions.
fn take<'a>(matching: impl Iterator<Item = &'a Rule>, k: usize) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    for r in matching {
        if out.len() == k {
            break;
        }
        if !out.iter().any(|s| s.item == r.consequent) {
            out.push(Suggestion {
                item: r.consequent,
                rule: r.clone(),
            });
        }
    }
    out
}

/// At most `k` items the customer has not bought, best first: each item is scored by
/// the best of the rules suggesting it (antecedent all bought), in the order of
/// `better`. Reads every rule; for many customers, build a `Recommender` once.
pub fn next_products(rules: &Rules, bought: &Bought, k: usize) -> Vec<Suggestion> {
    let mut matching: Vec<(usize, &Rule)> = rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| !bought.has(r.consequent) && r.antecedent.iter().all(|&t| bought.has(t)))
        .collect();
    matching.sort_by(|(i, a), (j, b)| better(a, *i, b, *j));
    take(matching.into_iter().map(|(_, r)| r), k)
}

/// The rules indexed by the first item of their antecedent, to suggest items to many
/// customers: each customer reads only the rules starting with something they bought.
/// Gives the same suggestions as `next_products`.
pub struct Recommender {
    /// The rules, best suggestion first.
    rules: Vec<Rule>,
    /// The rules (places in `rules`, ascending) by the first item of their antecedent.
    by_first: FxHashMap<u32, Vec<u32>>,
}

impl Recommender {
    pub fn new(rules: &Rules) -> Recommender {
        let mut order: Vec<usize> = (0..rules.rules.len()).collect();
        order.sort_by(|&i, &j| better(&rules.rules[i], i, &rules.rules[j], j));
        let rules: Vec<Rule> = order.into_iter().map(|i| rules.rules[i].clone()).collect();
        let mut by_first: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for (i, r) in rules.iter().enumerate() {
            if let Some(&first) = r.antecedent.first() {
                by_first.entry(first).or_default().push(i as u32);
            }
        }
        Recommender { rules, by_first }
    }

    /// At most `k` items the customer has not bought, best first (see `next_products`).
    /// Reads the rules starting with something they bought in order, best first (a
    /// merge of those lists), and stops at the k-th item found.
    pub fn for_customer(&self, bought: &Bought, k: usize) -> Vec<Suggestion> {
        let mut out: Vec<Suggestion> = Vec::new();
        if k == 0 {
            return out;
        }
        let lists: Vec<&[u32]> = bought
            .terms
            .iter()
            .filter_map(|t| self.by_first.get(t))
            .map(Vec::as_slice)
            .collect();
        // (place of a list's next rule, list, its index in the list), smallest first.
        let mut heap: BinaryHeap<Reverse<(u32, usize, usize)>> = lists
            .iter()
            .enumerate()
            .filter_map(|(l, list)| Some(Reverse((*list.first()?, l, 0))))
            .collect();
        while let Some(Reverse((i, l, at))) = heap.pop() {
            if let Some(&next) = lists[l].get(at + 1) {
                heap.push(Reverse((next, l, at + 1)));
            }
            let r = &self.rules[i as usize];
            if bought.has(r.consequent)
                || out.iter().any(|s| s.item == r.consequent)
                || !r.antecedent[1..].iter().all(|&t| bought.has(t))
            {
                continue;
            }
            out.push(Suggestion {
                item: r.consequent,
                rule: r.clone(),
            });
            if out.len() == k {
                break;
            }
        }
        out
    }
}
