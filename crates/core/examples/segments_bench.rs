//! Native benchmark: the full analysis (RFM values, scores, segments, stages, grid)
//! and a set of saved segments over demo data. Run by `bench/segments.sh`:
//!
//!     cargo run --release -p clientele-core --example segments_bench -- 100000
//!
//! Prints the data size and the best and median of several runs, in milliseconds.
#![allow(clippy::unwrap_used)] // a benchmark run by hand: a failure stops it with its line

use clientele_core::db::Db;
use clientele_core::demo::{self, DemoConfig};
use clientele_core::model::Currency;
use clientele_core::segment::analysis::{Analysis, Params};
use clientele_core::segment::eval::{Compiled, Context};
use clientele_core::segment::rules::Rule;
use clientele_core::time::Day;
use std::time::Instant;

/// The saved segments of the benchmark: typical rules a shop would keep.
const RULES: [&str; 4] = [
    r#"{"all":[{"field":"city","op":"is","value":"Hà Nội"},{"field":"total_spent","op":">","value":2000000},{"field":"days_since_last_order","op":">","value":90}]}"#,
    r#"{"all":[{"field":"rfm_segment","op":"any_of","value":["champions","loyal"]},{"field":"consent:email","op":"yes"}]}"#,
    r#"{"any":[{"field":"category","op":"has","value":"Mỹ phẩm"},{"all":[{"field":"age","op":"between","value":[18,30]},{"field":"stage","op":"is","value":"at_risk"}]}]}"#,
    r#"{"all":[{"field":"tags","op":"has","value":"VIP"},{"field":"orders","op":">=","value":5}]}"#,
];

fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[0], v[v.len() / 2])
}

fn main() {
    let customers: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let end = Day::from_ymd(2026, 11, 25).expect("date");
    let cfg = DemoConfig {
        customers,
        seed: 1,
        end,
    };
    let mut all = Vec::with_capacity(customers);
    let mut orders = Vec::new();
    for i in 0..customers {
        let c = demo::customer(&cfg, i);
        let (o, _) = demo::history(&cfg, i, &c);
        orders.extend(o);
        all.push(c);
    }
    let n_orders = orders.iter().filter(|o| !o.is_deleted()).count();
    let db = Db::from_records(all, orders, []);
    let rules: Vec<Rule> = RULES
        .iter()
        .map(|r| serde_json::from_str(r).expect("rule"))
        .collect();
    let params = Params::new(end, Currency::VND);
    println!("data: {customers} customers, {n_orders} orders");
    let runs = 15;
    let (mut t_analysis, mut t_rules, mut t_total) = (Vec::new(), Vec::new(), Vec::new());
    let mut sizes = Vec::new();
    let mut t_each: Vec<Vec<f64>> = vec![Vec::new(); rules.len()];
    for _ in 0..runs {
        let t0 = Instant::now();
        let analysis = Analysis::compute(&db, &params);
        let t1 = Instant::now();
        let ctx = Context {
            db: &db,
            analysis: &analysis,
        };
        sizes = rules
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let t = Instant::now();
                let n = Compiled::new(r, &ctx)
                    .members(&ctx, 0..db.len() as u32)
                    .len();
                t_each[k].push(t.elapsed().as_secs_f64() * 1e3);
                n
            })
            .collect();
        let t2 = Instant::now();
        t_analysis.push((t1 - t0).as_secs_f64() * 1e3);
        t_rules.push((t2 - t1).as_secs_f64() * 1e3);
        t_total.push((t2 - t0).as_secs_f64() * 1e3);
    }
    let show = |name: &str, v: Vec<f64>| {
        let (best, median) = stats(v);
        println!("{name}: best {best:.1} ms, median {median:.1} ms ({runs} runs)");
    };
    show("analysis (RFM + segments + stages + grid)", t_analysis);
    show(&format!("{} saved segments", rules.len()), t_rules);
    for (k, v) in t_each.into_iter().enumerate() {
        show(&format!("  rule {}", k + 1), v);
    }
    show("total", t_total);
    println!("segment sizes: {sizes:?}");
    potential_and_cross_sell(&db, &params);
}

/// The steps the app adds to the analysis: lifetime values (observe, fit, fill) and
/// cross-sell (mine the rules, then each customer's next products).
fn potential_and_cross_sell(db: &Db, params: &Params) {
    use clientele_core::clv::potential::{observe_db, Cache, Potential};
    use clientele_core::crosssell::{self, Recommender};
    let runs = 3;
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); 6];
    let mut analysis = Analysis::compute(db, params);
    for _ in 0..runs {
        let mut lap = {
            let mut t = Instant::now();
            move || {
                let ms = t.elapsed().as_secs_f64() * 1e3;
                t = Instant::now();
                ms
            }
        };
        let observed = observe_db(db, params.as_of, params.offset_minutes, params.currency);
        times[0].push(lap());
        let mut potential = Potential::fit(db.len(), &observed, params.horizon);
        times[1].push(lap());
        let last = potential.models.clone().and_then(Result::ok);
        Potential::fit_from(db.len(), &observed, params.horizon, last.as_ref());
        times[5].push(lap());
        potential.fill(&observed, &mut Cache::default());
        times[2].push(lap());
        let rules = crosssell::mine(db, &crosssell::Settings::default());
        times[3].push(lap());
        analysis.set_next(db, &Recommender::new(&rules));
        times[4].push(lap());
    }
    let names = [
        "potential: observe",
        "potential: fit",
        "potential: fill",
        "cross-sell: mine",
        "cross-sell: next products",
        "potential: fit again from the last fit's parameters",
    ];
    for (name, v) in names.into_iter().zip(times) {
        let (best, median) = stats(v);
        println!("{name}: best {best:.1} ms, median {median:.1} ms ({runs} runs)");
    }
}
