use super::*;
use crate::id::Id;
use crate::model::Customer;
use crate::purchases::{Bought, PurchaseFact};
use crate::record::Record;
use crate::search::fold;
use crate::segment::presets;
use proptest::prelude::*;

// Product names whose byte order ("Bánh" < "Dép" < "cà phê" < "Ép" < "áo") differs
// from their folded order (áo < Bánh < cà phê < Dép < Ép): ties break by the latter.
const A: &str = "áo";
const B: &str = "Bánh";
const C: &str = "cà phê";
const D: &str = "Dép";
const E: &str = "Ép";

/// (products, categories, deleted) of one customer.
type Spec = (Vec<String>, Vec<String>, bool);

fn spec(products: &[&str], categories: &[&str], deleted: bool) -> Spec {
    let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    (owned(products), owned(categories), deleted)
}

fn id(n: usize) -> Id {
    Id::new_v7(n as u64 + 1, [n as u8; 10])
}

/// A database of one customer per spec (customer `i` has id `id(i)`); customers who
/// bought nothing have no purchase fact.
fn db_of(specs: &[Spec]) -> Db {
    let customers = specs
        .iter()
        .enumerate()
        .map(|(i, (_, _, deleted))| {
            let data = Customer {
                display_name: format!("C{i}"),
                deleted: *deleted,
                ..Default::default()
            };
            let clock = crate::fixtures::stamp(1, 1);
            Record::new(id(i), data, clock)
        })
        .collect();
    let mut db = Db::load(customers, vec![], vec![]);
    let facts: Vec<PurchaseFact> = specs
        .iter()
        .enumerate()
        .filter(|(_, (p, c, _))| !p.is_empty() || !c.is_empty())
        .map(|(i, (p, c, _))| PurchaseFact {
            customer: id(i),
            products: p.clone(),
            categories: c.clone(),
            stores: vec!["Cửa hàng Huế".into()],
            ..Default::default()
        })
        .collect();
    db.load_purchases(vec![(0, facts)]);
    db
}

/// The hand fixture: ten baskets of products, and three customers who are not one.
fn fixture() -> Db {
    let t = "Thời trang";
    let (u, g) = ("Đồ uống", "Giày dép");
    db_of(&[
        spec(&[A, B, C], &[t, u], false),    // 1
        spec(&["ÁO", B, C], &[t, u], false), // 2 (same product as áo, folded)
        spec(&[A, B], &[t], false),          // 3
        spec(&[A, B, D], &[t, g], false),    // 4
        spec(&[A, C], &[t, u], false),       // 5
        spec(&[C, D], &[u, g], false),       // 6
        spec(&[C, D], &[u, g], false),       // 7
        spec(&[D], &[g], false),             // 8
        spec(&[B, E], &[t, g], false),       // 9
        spec(&[B, E], &[t, g], false),       // 10
        spec(&[A, B, C, D, E], &[t], true),  // deleted: not a basket
        spec(&[], &[], false),               // bought nothing: not a basket
        spec(&[], &[A], false),              // a category named "áo", no product
    ])
}

fn fixture_settings() -> Settings {
    Settings {
        kind: TermKind::Product,
        min_support: 0.2,
        min_confidence: 0.0,
        max_len: 3,
        min_count: 2,
    }
}

/// A rule as texts: (antecedent, consequent, count, support, confidence, lift).
type Shown = (Vec<String>, String, u32, f64, f64, f64);

fn shown(rules: &Rules) -> Vec<Shown> {
    rules
        .rules
        .iter()
        .map(|r| {
            let ante = r.antecedent.iter().map(|&t| rules.name(t).to_string());
            let cons = rules.name(r.consequent).to_string();
            (
                ante.collect(),
                cons,
                r.count,
                r.support,
                r.confidence,
                r.lift,
            )
        })
        .collect()
}

fn rule(ante: &[&str], cons: &str, count: u32, s: f64, c: f64, l: f64) -> Shown {
    let ante = ante.iter().map(|x| x.to_string()).collect();
    (ante, cons.to_string(), count, s, c, l)
}

/// Frequent itemsets as sorted texts with counts, sorted.
fn itemsets_shown(db: &Db, s: &Settings) -> (u32, Vec<(Vec<String>, u32)>) {
    let items = Items::of(db, s.kind);
    let (n, sets) = itemsets(db, s, &items);
    let mut v: Vec<(Vec<String>, u32)> = sets
        .into_iter()
        .map(|(set, c)| {
            let mut t: Vec<String> = set
                .iter()
                .map(|&i| items.terms[i as usize].1.clone())
                .collect();
            t.sort();
            (t, c)
        })
        .collect();
    v.sort();
    (n, v)
}

fn sets(v: &[(&[&str], u32)]) -> Vec<(Vec<String>, u32)> {
    let mut v: Vec<(Vec<String>, u32)> = v
        .iter()
        .map(|(s, c)| {
            let mut t: Vec<String> = s.iter().map(|x| x.to_string()).collect();
            t.sort();
            (t, *c)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn fixture_itemsets_by_hand() {
    // Baskets: ABC, ABC, AB, ABD, AC, CD, CD, D, BE, BE (N = 10); min count 2.
    // Items: A 5, B 6, C 5, D 4, E 2. Pairs: AB 4 (1-4), AC 3 (1, 2, 5), BC 2 (1, 2),
    // CD 2 (6, 7), BE 2 (9, 10); AD, BD once. Triples: ABC 2; ABD once.
    let (n, got) = itemsets_shown(&fixture(), &fixture_settings());
    assert_eq!(n, 10);
    let want = sets(&[
        (&[A], 5),
        (&[B], 6),
        (&[C], 5),
        (&[D], 4),
        (&[E], 2),
        (&[A, B], 4),
        (&[A, C], 3),
        (&[B, C], 2),
        (&[C, D], 2),
        (&[B, E], 2),
        (&[A, B, C], 2),
    ]);
    assert_eq!(got, want);
}

#[test]
fn fixture_rules_by_hand() {
    // lift = count(XY)·N / (count(X)·count(Y)); kept only above 1:
    // BC→A 2·10/(2·5) = 2, conf 2/2 | E→B 20/(2·6) = 5/3, conf 1 | B→E 5/3, conf 2/6
    // A→B 40/(5·6) = 4/3, conf 4/5 | B→A 4/3, conf 4/6 | A→C, C→A 30/25 = 1.2, conf 3/5
    // AC→B 20/(3·6) = 10/9, conf 2/3.
    // Dropped: BC 20/30 < 1; CD 20/(5·4) = 1 and AB→C 20/(4·5) = 1 exactly.
    // C→A before A→C: same lift, confidence and count, and "áo" folds first.
    let rules = mine(&fixture(), &fixture_settings());
    assert_eq!(rules.baskets, 10);
    assert_eq!(rules.kind, TermKind::Product);
    let want = vec![
        rule(&[B, C], A, 2, 0.2, 1.0, 2.0),
        rule(&[E], B, 2, 0.2, 1.0, 5.0 / 3.0),
        rule(&[B], E, 2, 0.2, 1.0 / 3.0, 5.0 / 3.0),
        rule(&[A], B, 4, 0.4, 0.8, 4.0 / 3.0),
        rule(&[B], A, 4, 0.4, 2.0 / 3.0, 4.0 / 3.0),
        rule(&[C], A, 3, 0.3, 0.6, 1.2),
        rule(&[A], C, 3, 0.3, 0.6, 1.2),
        rule(&[A, C], B, 2, 0.2, 2.0 / 3.0, 10.0 / 9.0),
    ];
    assert_eq!(shown(&rules), want);
    let terms = fixture().terms().find(TermKind::Product, A).unwrap();
    assert_eq!(rules.name(terms), A, "the first spelling is shown");
}

#[test]
fn settings_filter_the_fixture() {
    let names = |s: &Settings| -> Vec<(Vec<String>, String)> {
        shown(&mine(&fixture(), s))
            .into_iter()
            .map(|r| (r.0, r.1))
            .collect()
    };
    let r = |a: &[&str], c: &str| (a.iter().map(|x| x.to_string()).collect(), c.to_string());
    let base = fixture_settings();
    // Support ≥ 0.25: count ≥ 3, so only AB (4) and AC (3) remain.
    let s = Settings {
        min_support: 0.25,
        ..base.clone()
    };
    assert_eq!(names(&s), [r(&[A], B), r(&[B], A), r(&[C], A), r(&[A], C)]);
    // The absolute floor wins over a lower share.
    let s = Settings {
        min_support: 0.0,
        min_count: 4,
        ..base.clone()
    };
    assert_eq!(names(&s), [r(&[A], B), r(&[B], A)]);
    let s = Settings {
        min_confidence: 0.7,
        ..base.clone()
    };
    assert_eq!(names(&s), [r(&[B, C], A), r(&[E], B), r(&[A], B)]);
    let s = Settings {
        max_len: 2,
        ..base.clone()
    };
    let pairs = [
        r(&[E], B),
        r(&[B], E),
        r(&[A], B),
        r(&[B], A),
        r(&[C], A),
        r(&[A], C),
    ];
    assert_eq!(names(&s), pairs);
    for max_len in [0, 1] {
        let s = Settings {
            max_len,
            ..base.clone()
        };
        assert!(names(&s).is_empty());
    }
}

#[test]
fn only_live_baskets_of_the_kind_count() {
    let db = fixture();
    // Categories: customers 1-10 and the last one (who has only categories) are
    // baskets, the deleted customer is not. Category "áo" is not product "áo".
    let s = Settings {
        kind: TermKind::Category,
        min_support: 0.0,
        min_count: 1,
        max_len: 1,
        ..fixture_settings()
    };
    let (n, got) = itemsets_shown(&db, &s);
    assert_eq!(n, 11);
    let want = sets(&[
        (&[A], 1),
        (&["Thời trang"], 7),
        (&["Đồ uống"], 5),
        (&["Giày dép"], 6),
    ]);
    assert_eq!(got, want);
    let s = Settings {
        kind: TermKind::Product,
        ..s
    };
    let (n, got) = itemsets_shown(&db, &s);
    assert_eq!(n, 10);
    assert_eq!(
        got,
        sets(&[(&[A], 5), (&[B], 6), (&[C], 5), (&[D], 4), (&[E], 2)])
    );
    // Stores are bought by everyone with a fact, but are not products.
    let store = db.terms().find(TermKind::Store, "Cửa hàng Huế").unwrap();
    let rules = mine(&db, &Settings::default());
    assert!(rules
        .rules
        .iter()
        .all(|r| r.consequent != store && !r.antecedent.contains(&store)));
}

#[test]
fn no_baskets_no_rules() {
    let db = db_of(&[spec(&[], &[], false), spec(&[A, B], &[], true)]);
    let rules = mine(&db, &Settings::default());
    assert_eq!((rules.baskets, rules.rules.len()), (0, 0));
    assert!(Recommender::new(&rules)
        .for_customer(db.bought_at(1), 3)
        .is_empty());
}

#[test]
fn threshold_is_the_least_count_with_enough_support() {
    let s = |min_support: f64, min_count: u32| Settings {
        min_support,
        min_count,
        ..Settings::default()
    };
    // 0.07 · 100 is 7.000000000000001 and 0.29 · 100 is 28.999999999999996 in floats.
    assert_eq!(threshold(100, &s(0.07, 0)), 7);
    assert_eq!(threshold(100, &s(0.29, 0)), 29);
    assert_eq!(threshold(100, &s(0.57, 0)), 57);
    assert_eq!(threshold(10, &s(0.25, 0)), 3);
    assert_eq!(threshold(10, &s(0.25, 5)), 5);
    assert_eq!(
        threshold(10, &s(0.0, 0)),
        1,
        "an itemset is in a basket at least"
    );
    assert_eq!(threshold(10, &s(3.0, 0)), 10);
    assert_eq!(threshold(10, &s(f64::NAN, 2)), 2);
}

/// Suggestions as (item, antecedent, consequent) texts.
fn suggested(rules: &Rules, v: &[Suggestion]) -> Vec<(String, Vec<String>)> {
    v.iter()
        .map(|s| {
            assert_eq!(s.item, s.rule.consequent);
            let ante = s.rule.antecedent.iter().map(|&t| rules.name(t).to_string());
            (rules.name(s.item).to_string(), ante.collect())
        })
        .collect()
}

#[test]
fn next_products_on_the_fixture() {
    let db = fixture();
    let rules = mine(&db, &fixture_settings());
    let rec = Recommender::new(&rules);
    let s = |item: &str, ante: &[&str]| {
        (
            item.to_string(),
            ante.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
        )
    };
    let check = |customer: usize, k: usize, want: Vec<(String, Vec<String>)>| {
        let bought = db.bought_at(db.position(id(customer)).unwrap());
        assert_eq!(suggested(&rules, &next_products(&rules, bought, k)), want);
        assert_eq!(suggested(&rules, &rec.for_customer(bought, k)), want);
    };
    // Customer 9 bought B, E: B→A (conf 2/3) before B→E's E (bought); E→B: B bought.
    check(8, 3, vec![s(A, &[B])]);
    // Customer 3 bought A, B: A→C (0.6) only; B→E gives E (1/3).
    check(2, 3, vec![s(C, &[A]), s(E, &[B])]);
    check(2, 1, vec![s(C, &[A])]);
    check(2, 0, vec![]);
    // Customer 8 bought D: no rule starts there.
    check(7, 3, vec![]);
    // Customer 6 bought C, D: C→A.
    check(5, 3, vec![s(A, &[C])]);
    // Customer 1 bought A, B, C: B→E only (A, B, C bought).
    check(0, 3, vec![s(E, &[B])]);
    // Confidence ranks before lift: for B alone, A (B→A: 2/3, lift 4/3) before E
    // (B→E: 1/3, lift 5/3); with B and C, BC→A (conf 1) is A's reason.
    let b = |terms: &[&str]| {
        let mut t: Vec<u32> = terms
            .iter()
            .map(|x| db.terms().find(TermKind::Product, x).unwrap())
            .collect();
        t.sort_unstable();
        Bought {
            terms: t.into_boxed_slice(),
            channels: 0,
        }
    };
    let want = vec![s(A, &[B]), s(E, &[B])];
    assert_eq!(suggested(&rules, &next_products(&rules, &b(&[B]), 5)), want);
    assert_eq!(suggested(&rules, &rec.for_customer(&b(&[B]), 5)), want);
    let want = vec![s(A, &[B, C]), s(E, &[B])];
    assert_eq!(
        suggested(&rules, &next_products(&rules, &b(&[B, C]), 5)),
        want
    );
    assert_eq!(suggested(&rules, &rec.for_customer(&b(&[B, C]), 5)), want);
}

/// Every itemset of 1 to `max_len` items of `0..items` in at least `min` transactions,
/// counted one by one.
fn brute_itemsets(
    transactions: &[Vec<u32>],
    items: u32,
    min: u32,
    max_len: usize,
) -> Vec<(Vec<u32>, u32)> {
    let mut out = Vec::new();
    for mask in 1u32..(1 << items) {
        if mask.count_ones() as usize > max_len {
            continue;
        }
        let set: Vec<u32> = (0..items).filter(|i| mask & (1 << i) != 0).collect();
        let c = transactions
            .iter()
            .filter(|t| set.iter().all(|i| t.contains(i)))
            .count() as u32;
        if c >= min.max(1) {
            out.push((set, c));
        }
    }
    out.sort();
    out
}

const PRODUCTS: [&str; 6] = ["áo", "Bánh", "cà phê", "Dép", "Ép", "gạo"];
const CATEGORIES: [&str; 3] = ["Thời trang", "Đồ uống", "Giày dép"];

fn picked(mask: u8, names: &[&str]) -> Vec<String> {
    (0..names.len())
        .filter(|i| mask & (1 << i) != 0)
        .map(|i| names[i].to_string())
        .collect()
}

fn customers() -> impl Strategy<Value = Vec<Spec>> {
    prop::collection::vec((0u8..64, 0u8..8, prop::bool::weighted(0.15)), 0..30).prop_map(|v| {
        v.into_iter()
            .map(|(p, c, deleted)| (picked(p, &PRODUCTS), picked(c, &CATEGORIES), deleted))
            .collect()
    })
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        prop::bool::ANY,
        prop::sample::select(vec![0.0, 0.05, 0.1, 0.2, 0.3]),
        prop::sample::select(vec![0.0, 0.3, 0.5, 0.8]),
        0usize..5,
        0u32..4,
    )
        .prop_map(
            |(category, min_support, min_confidence, max_len, min_count)| Settings {
                kind: if category {
                    TermKind::Category
                } else {
                    TermKind::Product
                },
                min_support,
                min_confidence,
                max_len,
                min_count,
            },
        )
}

proptest! {
    /// FP-Growth finds exactly the itemsets (and counts) that counting every subset finds.
    #[test]
    fn fp_growth_equals_brute_force(
        transactions in prop::collection::vec(prop::collection::btree_set(0u32..10, 0..7), 0..50),
        min in 0u32..6,
        max_len in 0usize..5,
    ) {
        let transactions: Vec<Vec<u32>> = transactions.into_iter().map(|t| t.into_iter().rev().collect()).collect();
        let mut got = fpgrowth::frequent(&transactions, 10, min, max_len);
        got.sort();
        prop_assert_eq!(got, brute_itemsets(&transactions, 10, min, max_len));
    }

    /// Mining a database agrees with counting its baskets by hand: the frequent
    /// itemsets, and each rule's count, support, confidence and lift; and the rules
    /// come in the promised order.
    #[test]
    fn mine_equals_brute_force(specs in customers(), s in settings()) {
        let db = db_of(&specs);
        let names: &[&str] = if s.kind == TermKind::Product { &PRODUCTS } else { &CATEGORIES };
        let baskets: Vec<Vec<u32>> = specs
            .iter()
            .filter(|(_, _, deleted)| !deleted)
            .map(|(p, c, _)| if s.kind == TermKind::Product { p } else { c })
            .map(|bought| (0..names.len() as u32).filter(|&i| bought.iter().any(|b| b == names[i as usize])).collect::<Vec<u32>>())
            .filter(|b| !b.is_empty())
            .collect();
        let n = baskets.len() as u32;
        let count = |set: &[u32]| baskets.iter().filter(|b| set.iter().all(|i| b.contains(i))).count() as u32;
        // Frequent: enough baskets by count and by share.
        let frequent: Vec<(Vec<u32>, u32)> = brute_itemsets(&baskets, names.len() as u32, 1, s.max_len)
            .into_iter()
            .filter(|(_, c)| *c >= s.min_count && *c as f64 / n as f64 >= s.min_support)
            .collect();
        let text = |set: &[u32]| { let mut v: Vec<String> = set.iter().map(|&i| names[i as usize].to_string()).collect(); v.sort(); v };
        let mut want: Vec<(Vec<String>, u32)> = frequent.iter().map(|(set, c)| (text(set), *c)).collect();
        want.sort();
        let (got_n, got) = itemsets_shown(&db, &s);
        prop_assert_eq!(got_n, n);
        prop_assert_eq!(got, want);

        let mut want_rules: Vec<(Vec<String>, String, u32)> = Vec::new();
        for (set, c) in frequent.iter().filter(|(set, _)| set.len() >= 2) {
            for &y in set {
                let x: Vec<u32> = set.iter().copied().filter(|&i| i != y).collect();
                let (cx, cy) = (count(&x), count(&[y]));
                // Lift above 1 (c/cx > cy/n), in integers to be exact.
                if *c * n > cx * cy && *c as f64 / cx as f64 >= s.min_confidence {
                    want_rules.push((text(&x), names[y as usize].to_string(), *c));
                }
            }
        }
        want_rules.sort();
        let rules = mine(&db, &s);
        prop_assert_eq!(rules.baskets, n);
        let mut got_rules = Vec::new();
        for r in shown(&rules) {
            let (ante, cons, c, support, confidence, lift) = r;
            let id = |t: &str| names.iter().position(|x| *x == t).unwrap() as u32;
            let x: Vec<u32> = ante.iter().map(|t| id(t)).collect();
            let (cxy, cx, cy) = (count(&[x.clone(), vec![id(&cons)]].concat()), count(&x), count(&[id(&cons)]));
            prop_assert_eq!(c, cxy);
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1.0);
            prop_assert!(close(support, cxy as f64 / n as f64));
            prop_assert!(close(confidence, cxy as f64 / cx as f64));
            prop_assert!(close(lift, (cxy as f64 / cx as f64) / (cy as f64 / n as f64)));
            // The antecedent in folded-text order.
            prop_assert!(ante.windows(2).all(|w| fold(&w[0]) < fold(&w[1])));
            got_rules.push((text(&x), cons, c));
        }
        got_rules.sort();
        prop_assert_eq!(got_rules, want_rules);
        // Lift, confidence, count descending; then texts ascending.
        let key = |r: &Shown| (-r.5, -r.4, u32::MAX - r.2, fold(&r.1), r.0.iter().map(|t| fold(t)).collect::<Vec<_>>());
        for w in shown(&rules).windows(2) {
            prop_assert!(key(&w[0]) < key(&w[1]), "{:?} before {:?}", w[0], w[1]);
        }
    }

    /// Suggestions: never bought, at most k, distinct, each item scored by its best
    /// applicable rule (confidence, then lift, then count, then the rules' order); the
    /// index gives the same as reading every rule.
    #[test]
    fn suggestions_follow_their_definition(specs in customers(), s in settings(), k in 0usize..5) {
        let db = db_of(&specs);
        let rules = mine(&db, &s);
        let rec = Recommender::new(&rules);
        for p in 0..db.len() as u32 {
            let bought = db.bought_at(p);
            let got = next_products(&rules, bought, k);
            prop_assert_eq!(&rec.for_customer(bought, k), &got);
            // Reference: the best rule of each item not bought, then the best items.
            let score = |(i, r): &(usize, &Rule)| (-r.confidence, -r.lift, u32::MAX - r.count, *i);
            let mut best: Vec<(usize, &Rule)> = Vec::new();
            for (i, r) in rules.rules.iter().enumerate() {
                if bought.has(r.consequent) || !r.antecedent.iter().all(|&t| bought.has(t)) {
                    continue;
                }
                match best.iter_mut().find(|(_, b)| b.consequent == r.consequent) {
                    Some(slot) => if score(&(i, r)) < score(slot) { *slot = (i, r) },
                    None => best.push((i, r)),
                }
            }
            best.sort_by(|a, b| score(a).partial_cmp(&score(b)).unwrap());
            best.truncate(k);
            let want: Vec<Suggestion> = best.into_iter().map(|(_, r)| Suggestion { item: r.consequent, rule: r.clone() }).collect();
            prop_assert_eq!(&got, &want);
            prop_assert!(got.len() <= k);
            prop_assert!(got.iter().all(|g| !bought.has(g.item)));
        }
    }
}

/// Times mining and suggesting on 100,000 customers buying about 5 of 300 products
/// each, with tastes (groups of 10 products bought together) and best sellers. Run:
/// `cargo test -p clientele-core --release crosssell::tests::speed -- --ignored --nocapture`
#[test]
#[ignore]
fn speed() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    // Squared uniform: low numbers likelier.
    let mut skewed = |n: usize| (rng.random::<f64>().powi(2) * n as f64) as usize;
    let specs: Vec<Spec> = (0..100_000)
        .map(|_| {
            let group = skewed(30);
            let mut p: Vec<String> = (0..3)
                .map(|_| format!("P{:03}", group * 10 + skewed(10)))
                .collect();
            p.extend((0..2).map(|_| format!("P{:03}", skewed(300))));
            p.sort();
            p.dedup();
            let c = p.iter().map(|x| format!("Cat{}", &x[1..3])).collect();
            (p, c, false)
        })
        .collect();
    let db = db_of(&specs);
    for min_support in [0.01, 0.001, 0.0002] {
        let s = Settings {
            min_support,
            ..Settings::default()
        };
        let t = std::time::Instant::now();
        let rules = mine(&db, &s);
        let mined = t.elapsed();
        let t = std::time::Instant::now();
        let rec = Recommender::new(&rules);
        let suggested: usize = (0..db.len() as u32)
            .map(|p| rec.for_customer(db.bought_at(p), 3).len())
            .sum();
        eprintln!(
            "min_support {min_support}: {} baskets, {} rules, mined in {mined:?}; {suggested} suggestions for all in {:?}",
            rules.baskets,
            rules.rules.len(),
            t.elapsed()
        );
    }
}

#[test]
fn a_rule_targets_the_buyers_of_its_antecedent_without_its_consequent() {
    use crate::segment::analysis::Analysis;
    use crate::segment::eval::{Compiled, Context};
    let db = fixture();
    let analysis = Analysis::default();
    let ctx = Context {
        db: &db,
        analysis: &analysis,
    };
    for kind in [TermKind::Product, TermKind::Category] {
        let rules = mine(
            &db,
            &Settings {
                kind,
                ..fixture_settings()
            },
        );
        for r in &rules.rules {
            let target = presets::cross_sell_target(&rules, r).unwrap();
            target.check().unwrap();
            let members = Compiled::new(&target, &ctx).members(&ctx, 0..db.len() as u32);
            // count(X) - count(X ∪ {y}) live customers, each with X and without y.
            let with_x = (r.count as f64 / r.confidence).round() as usize;
            assert_eq!(members.len(), with_x - r.count as usize, "{r:?}");
            for p in members {
                let bought: Vec<u32> = db.bought_at(p).terms.to_vec();
                assert!(r.antecedent.iter().all(|t| bought.contains(t)));
                assert!(!bought.contains(&r.consequent) && db.columns().live[p as usize]);
            }
        }
        // The fixture's categories go together less than by chance: no rule.
        assert_eq!(rules.rules.is_empty(), kind == TermKind::Category);
    }
    let stores = mine(
        &db,
        &Settings {
            kind: TermKind::Store,
            ..fixture_settings()
        },
    );
    assert!(stores
        .rules
        .iter()
        .all(|r| presets::cross_sell_target(&stores, r).is_none()));
}
