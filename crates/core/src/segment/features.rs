//! The features clustering works on, one row per customer who bought in the analysis
//! window: days since the last purchase, purchase days (log), spend (log), average
//! order (log), days since the first order, and whether they bought each of the shop's
//! most common categories. Logs tame the long tail of big spenders; columns are then
//! standardised so each weighs the same.

use super::analysis::Analysis;
use super::cluster::{standardise, Matrix, Scale};
use crate::db::Db;
use crate::purchases::TermKind;
use crate::time::{Day, MS_PER_DAY};

/// The fixed columns; category columns follow.
pub const BASE: usize = 5;

pub struct Features {
    /// Standardised rows.
    pub matrix: Matrix,
    /// The customer position of each row.
    pub positions: Vec<u32>,
    /// The category of each column after `BASE`.
    pub categories: Vec<String>,
    pub scale: Scale,
}

/// Builds the standardised feature rows (at most `top` category columns).
pub fn customer_features(db: &Db, a: &Analysis, top: usize) -> Features {
    let params = a.params.clone();
    let as_of = params.as_ref().map_or(Day(0), |p| p.as_of);
    let offset = params
        .as_ref()
        .map_or(0, |p| p.offset_minutes as i64 * 60_000);
    let scale = params
        .as_ref()
        .map_or(1.0, |p| p.currency.minor_per_major());
    let positions: Vec<u32> = (0..db.len() as u32)
        .filter(|&p| !db.at(p).is_deleted() && a.frequency.get(p as usize).is_some_and(|f| *f > 0))
        .collect();
    // The most common categories among these customers.
    let mut counts: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
    let category_ids = db.terms().numbered(TermKind::Category);
    for &p in &positions {
        for &(id, _) in &category_ids {
            if db.bought_at(p).has(id) {
                *counts.entry(id).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<&(u32, String)> = category_ids
        .iter()
        .filter(|(id, _)| counts.contains_key(id))
        .collect();
    ranked.sort_by(|a, b| counts[&b.0].cmp(&counts[&a.0]).then(a.1.cmp(&b.1)));
    ranked.truncate(top);
    let mut m = Matrix::new(BASE + ranked.len());
    let mut row = vec![0.0; BASE + ranked.len()];
    for &p in &positions {
        let i = p as usize;
        let stats = db.stats_at(p);
        let monetary = a.monetary[i] as f64 / scale;
        let first = stats
            .first_order
            .map(|t| as_of.0 - (t + offset).div_euclid(MS_PER_DAY) as i32)
            .unwrap_or(0);
        row[0] = a.recency[i] as f64;
        row[1] = (a.frequency[i] as f64).ln_1p();
        row[2] = monetary.max(0.0).ln_1p();
        row[3] = (monetary / a.frequency[i].max(1) as f64).max(0.0).ln_1p();
        row[4] = first.max(0) as f64;
        for (k, (id, _)) in ranked.iter().enumerate() {
            row[BASE + k] = if db.bought_at(p).has(*id) { 1.0 } else { 0.0 };
        }
        m.push_row(&row);
    }
    let scale = standardise(&mut m);
    Features {
        matrix: m,
        positions,
        categories: ranked.into_iter().map(|(_, n)| n.clone()).collect(),
        scale,
    }
}

/// Original units of a standardised centroid: days, purchase days, spend, average
/// order, days (logs undone), then the share of members buying each category.
pub fn centroid_values(f: &Features, centroid: &[f64]) -> Vec<f64> {
    let mut v = f.scale.original(centroid);
    for i in [1, 2, 3] {
        v[i] = v[i].exp_m1().max(0.0);
    }
    v
}
