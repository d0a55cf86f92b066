//! Cross-sell rules: "customers who bought A also bought B".
//!
//! Each live customer who bought something of the chosen kind (products or
//! categories) is one basket: everything of that kind they bought, over all their
//! counting orders. Deleted customers and customers without such purchases are not
//! baskets. With N baskets, for sets of items X and an item y not in X:
//! - count(X): the baskets holding every item of X; support(X) = count(X) / N.
//! - X is frequent when count(X) ≥ `min_count` and support(X) ≥ `min_support`.
//! - The rule X → y (X ∪ {y} frequent) has support = support(X ∪ {y}); confidence =
//!   count(X ∪ {y}) / count(X), the share of X's buyers who also bought y; and lift =
//!   confidence / support({y}), how many times likelier y is among X's buyers than
//!   among all baskets. Lift 1 means buying X says nothing about y: only rules with
//!   lift above 1 and confidence at least `min_confidence` are kept.

mod fpgrowth;
mod recommend;
#[cfg(test)]
mod tests;

pub use recommend::{next_products, Recommender, Suggestion};

use crate::db::Db;
use crate::purchases::TermKind;
use std::collections::{BTreeMap, HashMap};

/// What to mine.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Products or categories (other kinds work too, but mean little).
    pub kind: TermKind,
    /// The least share of baskets a frequent itemset is in (0.01: 1 %).
    pub min_support: f64,
    /// The least confidence of a kept rule.
    pub min_confidence: f64,
    /// The most items of an itemset, the consequent included (2: "A → B", 3 also
    /// "A, B → C").
    pub max_len: usize,
    /// The least number of baskets a frequent itemset is in, however many there are.
    pub min_count: u32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            kind: TermKind::Product,
            min_support: 0.01,
            min_confidence: 0.2,
            max_len: 3,
            min_count: 3,
        }
    }
}

/// A rule X → y, over term numbers (see `Terms`).
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// X, in the order of the items' folded text.
    pub antecedent: Vec<u32>,
    /// y.
    pub consequent: u32,
    /// Baskets holding X and y.
    pub count: u32,
    pub support: f64,
    pub confidence: f64,
    pub lift: f64,
}

/// The mined rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    /// By lift, highest first; then confidence, highest first; then count, highest
    /// first; then the consequent's text, then the antecedent's texts.
    pub rules: Vec<Rule>,
    /// N, the number of baskets.
    pub baskets: u32,
    pub kind: TermKind,
    /// The shown text of every item in a rule.
    pub names: BTreeMap<u32, String>,
}

impl Rules {
    /// The shown text of an item of the rules ("" for other terms).
    pub fn name(&self, term: u32) -> &str {
        self.names.get(&term).map_or("", String::as_str)
    }

    /// The shown texts of items (an antecedent), in their order.
    pub fn names_of(&self, terms: &[u32]) -> Vec<&str> {
        terms.iter().map(|t| self.name(*t)).collect()
    }
}

/// Mines the rules of `db`'s customer baskets.
pub fn mine(db: &Db, s: &Settings) -> Rules {
    let items = Items::of(db, s.kind);
    let (baskets, sets) = itemsets(db, s, &items);
    let mut rules = rules_of(sets, baskets, s.min_confidence);
    // Local item numbers follow the text, so comparing them compares the texts.
    rules.sort_by(|a, b| {
        b.lift
            .total_cmp(&a.lift)
            .then(b.confidence.total_cmp(&a.confidence))
            .then(b.count.cmp(&a.count))
            .then(a.consequent.cmp(&b.consequent))
            .then_with(|| a.antecedent.cmp(&b.antecedent))
    });
    let mut names = BTreeMap::new();
    for r in &mut rules {
        for x in r.antecedent.iter_mut().chain([&mut r.consequent]) {
            let (term, text) = &items.terms[*x as usize];
            names.insert(*term, text.clone());
            *x = *term;
        }
    }
    Rules {
        rules,
        baskets,
        kind: s.kind,
        names,
    }
}

/// The terms of one kind, numbered 0.. in the order of their folded text.
struct Items {
    /// (term number, shown text) of each item.
    terms: Vec<(u32, String)>,
    /// The item of each term number, `u32::MAX` for other kinds.
    of_term: Vec<u32>,
}

impl Items {
    fn of(db: &Db, kind: TermKind) -> Items {
        let terms = db.terms().numbered(kind);
        let size = terms
            .iter()
            .map(|(t, _)| *t as usize + 1)
            .max()
            .unwrap_or(0);
        let mut of_term = vec![u32::MAX; size];
        for (i, (t, _)) in terms.iter().enumerate() {
            of_term[*t as usize] = i as u32;
        }
        Items { terms, of_term }
    }
}

/// The least count of a frequent itemset among `n` baskets (at least 1).
fn threshold(n: u32, s: &Settings) -> u32 {
    let share = if s.min_support.is_nan() {
        0.0
    } else {
        s.min_support.clamp(0.0, 1.0)
    };
    let n_f = n as f64;
    // The least c with c / n ≥ share; the product may round either way.
    let mut c = (share * n_f).ceil() as u32;
    while c > 0 && (c - 1) as f64 / n_f >= share {
        c -= 1;
    }
    while c < n && (c as f64) / n_f < share {
        c += 1;
    }
    c.max(s.min_count).max(1)
}

/// The number of baskets and the frequent itemsets, over local item numbers (each set
/// ascending), with their counts.
fn itemsets(db: &Db, s: &Settings, items: &Items) -> (u32, Vec<(Vec<u32>, u32)>) {
    let live = &db.columns().live;
    let mut baskets: Vec<Vec<u32>> = Vec::new();
    for (p, _) in live.iter().enumerate().filter(|(_, &l)| l) {
        let basket: Vec<u32> = db
            .bought_at(p as u32)
            .terms
            .iter()
            .filter_map(|&t| items.of_term.get(t as usize).copied())
            .filter(|&i| i != u32::MAX)
            .collect();
        if !basket.is_empty() {
            baskets.push(basket);
        }
    }
    let n = baskets.len() as u32;
    if n == 0 {
        return (0, Vec::new());
    }
    let sets = fpgrowth::frequent(&baskets, items.terms.len(), threshold(n, s), s.max_len);
    (n, sets)
}

/// The rules X → y of the frequent itemsets `sets` (every subset of a frequent set is
/// one of them) among `n` baskets, with lift above 1 and enough confidence.
fn rules_of(sets: Vec<(Vec<u32>, u32)>, n: u32, min_confidence: f64) -> Vec<Rule> {
    let count: HashMap<Vec<u32>, u32> = sets.into_iter().collect();
    let mut rules = Vec::new();
    for (set, &c) in count.iter().filter(|(set, _)| set.len() >= 2) {
        for (i, &y) in set.iter().enumerate() {
            let mut x = set.clone();
            x.remove(i);
            let cx = count[&x];
            let cy = count[&[y][..]];
            // Lift above 1, exactly: c/cx > cy/n.
            if c as u64 * n as u64 <= cx as u64 * cy as u64 {
                continue;
            }
            let confidence = c as f64 / cx as f64;
            if confidence < min_confidence {
                continue;
            }
            rules.push(Rule {
                antecedent: x,
                consequent: y,
                count: c,
                support: c as f64 / n as f64,
                confidence,
                lift: (c as f64 * n as f64) / (cx as f64 * cy as f64),
            });
        }
    }
    rules
}
