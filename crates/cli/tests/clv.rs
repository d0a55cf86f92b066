//! `clientele clv` as a user runs it.
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

mod common;
use common::*;

use chrono::{Days, NaiveDate};
use serde_json::Value;

/// splitmix64: the generated customers' dice.
fn mix(z: u64) -> u64 {
    let z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hand-made customers. h1: two orders on 2026-02-01 (one day), 03-15, a refund on
/// 04-10, 05-20; in the holdout 07-15 and twice on 08-01; 10-15 is after it.
/// h2: one order on the calibration end. h3: first buys after it.
const HAND: &str = "h1,2026-02-01,20,paid\nh1,2026-02-01T18:00:00Z,15,paid\n\
    h1,2026-03-15,40,paid\nh1,2026-04-10,30,refunded\nh1,2026-05-20,50,paid\n\
    h1,2026-07-15,25,paid\nh1,2026-08-01,25,paid\nh1,2026-08-01,5,paid\n\
    h1,2026-10-15,25,paid\nh2,2026-06-30,12,paid\nh3,2026-07-02,99,paid\n";

/// Orders `(customer, day offset from 2026-01-01, amount)` of 40 customers c01–c40,
/// each with their own pace, drop-out chance and spend, buying from some day of the
/// first half of 2026 until they drop out or 2026-09-30.
fn generated() -> Vec<(String, u64, u64)> {
    let mut rows = Vec::new();
    for i in 1..=40u64 {
        let h = |k: u64| mix(5 * 100_000 + i * 100 + k);
        let gap = [4, 7, 12, 20, 35, 60][(h(0) % 6) as usize];
        let drop = [5, 15, 30, 60][(h(1) % 4) as usize];
        let mean = 10 + h(2) % 150;
        let (mut day, mut k) = (h(3) % 170, 0);
        while day <= 272 {
            rows.push((format!("c{i:02}"), day, mean * (50 + h(10 + k) % 100) / 100));
            if (h(10 + k) >> 32) % 100 < drop {
                break;
            }
            k += 1;
            day += 1 + (h(10 + k) >> 16) % (2 * gap);
        }
    }
    rows
}

fn orders_csv() -> String {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut text = String::from("customer_id,date,amount,status\n");
    for (id, day, amount) in generated() {
        let date = start.checked_add_days(Days::new(day)).unwrap();
        text += &format!("{id},{date},{amount},paid\n");
    }
    text + HAND
}

/// `clv` on the orders, calibration to 2026-06-30, holdout to 2026-09-30: its JSON.
fn fit(name: &str, extra: &[&str]) -> Value {
    let f = file(name, orders_csv());
    let mut args = vec!["clv", "--orders", &f, "--calibration-end", "2026-06-30"];
    args.extend_from_slice(&["--holdout-end", "2026-09-30"]);
    args.extend_from_slice(extra);
    let out = clientele(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn customers(v: &Value) -> &Vec<Value> {
    v["customers"].as_array().unwrap()
}

fn customer<'v>(v: &'v Value, id: &str) -> &'v Value {
    customers(v)
        .iter()
        .find(|c| c["customer_id"] == id)
        .unwrap()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("a number: {v}"))
}

/// The numbers of `v` under `keys`.
fn nums<const N: usize>(v: &Value, keys: [&str; N]) -> [f64; N] {
    keys.map(|k| num(&v[k]))
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(1e-300)
}

#[test]
fn summaries_worked_out_by_hand_in_days_and_weeks() {
    let v = fit("days", &[]);
    // The shape: every parameter a number (checked further in the next test).
    let [_, alpha, _, _, _] = nums(&v["bgnbd"], ["r", "alpha", "a", "b", "log_likelihood"]);
    nums(&v["gamma_gamma"], ["p", "q", "v", "log_likelihood"]);
    let ids: Vec<&str> = customers(&v)
        .iter()
        .map(|c| c["customer_id"].as_str().unwrap())
        .collect();
    let mut expected: Vec<String> = (1..=40).map(|i| format!("c{i:02}")).collect();
    expected.extend(["h1".into(), "h2".into()]); // h3 first buys after the calibration end
    assert_eq!(ids, expected);
    for c in customers(&v) {
        let [p, e, clv, tx, t] = nums(c, ["p_alive", "expected_purchases", "clv", "recency", "T"]);
        assert!(
            (0.0..=1.0).contains(&p) && e >= 0.0 && clv >= 0.0 && tx <= t,
            "{c}"
        );
    }
    // h1: purchase days 02-01, 03-15, 05-20 (the refund is none): 2 repeats, 108 days
    // from first to last, 149 to 06-30; holdout days 07-15 and 08-01.
    let h1 = customer(&v, "h1");
    assert_eq!(nums(h1, ["frequency", "recency", "T"]), [2.0, 108.0, 149.0]);
    assert_eq!(h1["holdout_purchases"], 2);
    let h2 = customer(&v, "h2");
    assert_eq!(
        nums(h2, ["frequency", "recency", "T", "p_alive"]),
        [0.0, 0.0, 0.0, 1.0]
    );
    assert_eq!(h2["churn_risk"], "unknown");
    // The holdout check covers everyone, and its actual means are the customers' counts.
    let rows = v["holdout"].as_array().unwrap();
    let seen: f64 = customers(&v)
        .iter()
        .map(|c| num(&c["holdout_purchases"]))
        .sum();
    let people: f64 = rows.iter().map(|r| num(&r["customers"])).sum();
    let actual: f64 = rows
        .iter()
        .map(|r| num(&r["actual"]) * num(&r["customers"]))
        .sum();
    assert_eq!(people, 42.0);
    assert!(
        seen > 0.0 && close(actual, seen, 1e-12),
        "{actual} vs {seen}"
    );

    // In weeks, times are divided by 7; α scales with the unit, r, a, b and every
    // prediction do not.
    let w = fit("weeks", &["--unit", "weeks"]);
    let h1 = customer(&w, "h1");
    assert_eq!(
        nums(h1, ["frequency", "recency", "T"]),
        [2.0, 108.0 / 7.0, 149.0 / 7.0]
    );
    assert!(close(num(&w["bgnbd"]["alpha"]) * 7.0, alpha, 1e-6));
    for (d, w) in customers(&v).iter().zip(customers(&w)) {
        for k in ["p_alive", "expected_purchases", "clv"] {
            assert!(close(num(&d[k]), num(&w[k]), 1e-6), "{k}: {d} {w}");
        }
    }
}

/// BG/NBD ln L of one customer; Γ ratios as products (x is a whole number).
fn bgnbd_ll([r, alpha, a, b]: [f64; 4], [x, tx, t]: [f64; 3]) -> f64 {
    let (mut a1, mut a2) = (r * alpha.ln(), 0.0);
    for j in 0..x as u32 {
        let j = f64::from(j);
        a1 += (r + j).ln();
        a2 += ((b + j) / (a + b + j)).ln();
    }
    let alive = (alpha + t).powf(-(r + x));
    let gone = if x > 0.0 {
        a / (b + x - 1.0) * (alpha + tx).powf(-(r + x))
    } else {
        0.0
    };
    a1 + a2 + (alive + gone).ln()
}

#[test]
fn the_numbers_are_the_models_at_their_maximum() {
    let v = fit("models", &[]);
    let bg = nums(&v["bgnbd"], ["r", "alpha", "a", "b"]);
    let [r, alpha, a, b] = bg;
    let xtt = |c: &Value| nums(c, ["frequency", "recency", "T"]);
    for c in customers(&v) {
        let [x, tx, t] = xtt(c);
        let odds = a / (b + x - 1.0) * ((alpha + t) / (alpha + tx)).powf(r + x);
        let p = if x == 0.0 { 1.0 } else { 1.0 / (1.0 + odds) };
        assert!(close(num(&c["p_alive"]), p, 1e-12), "{c}: {p}");
    }
    // The printed log-likelihood is the data's, and no parameter moved 0.1 % either
    // way raises it.
    let ll = |k: [f64; 4]| {
        customers(&v)
            .iter()
            .map(|c| bgnbd_ll(k, xtt(c)))
            .sum::<f64>()
    };
    let best = ll(bg);
    assert!(
        close(best, num(&v["bgnbd"]["log_likelihood"]), 1e-9),
        "{best}"
    );
    for i in 0..4 {
        for f in [0.999, 1.001] {
            let mut k = bg;
            k[i] *= f;
            assert!(ll(k) < best, "parameter {i} × {f}: {} ≥ {best}", ll(k));
        }
    }

    // Gamma-Gamma: each customer's purchase days and their values, by hand.
    let mut days: std::collections::BTreeMap<String, Vec<(u64, u64)>> = Default::default();
    for (id, day, amount) in generated().into_iter().filter(|r| r.1 <= 180) {
        let d = days.entry(id).or_default();
        match d.last_mut() {
            Some(last) if last.0 == day => last.1 += amount,
            _ => d.push((day, amount)),
        }
    }
    // h1's repeat days: 03-15 (40) and 05-20 (50), mean 45.
    days.insert("h1".into(), vec![(31, 35), (73, 40), (139, 50)]);
    days.insert("h2".into(), vec![(180, 12)]);
    let [p, q, gv] = nums(&v["gamma_gamma"], ["p", "q", "v"]);
    let (mut slope, mut buyers) = (0.0, 0.0);
    for (id, d) in &days {
        let c = customer(&v, id);
        let x = (d.len() - 1) as f64;
        assert_eq!(num(&c["frequency"]), x, "{id}");
        let m = d[1..].iter().map(|&(_, a)| a as f64).sum::<f64>() / x.max(1.0);
        let spend = p * (gv + x * m) / (p * x + q - 1.0); // p v / (q − 1) with x = 0
        assert!(
            close(num(&c["expected_avg_spend"]), spend, 1e-12),
            "{c}: m {m}"
        );
        if x > 0.0 {
            // ∂ ln L / ∂v, zero at the maximum.
            slope += q / gv - (p * x + q) / (gv + x * m);
            buyers += 1.0;
        }
    }
    assert!(
        buyers >= 10.0 && (slope * gv / buyers).abs() < 1e-6,
        "{slope} over {buyers}"
    );
}

/// `clv --orders FILE ARGS` is refused: exit code 2, nothing printed, `message` in
/// the error.
fn refused(file: &str, args: &str, message: &str) {
    let mut all = vec!["clv", "--orders", file];
    all.extend(args.split_whitespace());
    let out = clientele(&all);
    assert_eq!(out.status.code(), Some(2), "{args}");
    assert!(out.stdout.is_empty(), "{args}: no partial output");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(message), "{args}: {err}");
}

#[test]
fn bad_arguments_and_files_are_refused() {
    let f = file("ok", orders_csv());
    refused(&f, "", "--calibration-end is required");
    for case in [
        "--calibration-end 2026-02-30 => --calibration-end: '2026-02-30' is not a date",
        "--calibration-end 2026-06-30 --holdout-end 2026-06-30 => --holdout-end must be after",
        "--calibration-end 2026-06-30 --unit months => --unit: 'months' is not days or weeks",
        "--calibration-end 2026-06-30 --format csv => --format: 'csv' is not json",
    ] {
        let (args, message) = case.split_once(" => ").unwrap();
        refused(&f, args, message);
    }
    let cal = "--calibration-end 2026-06-30";
    // 12 customers, 3 of whom come back.
    let few: String = (0..15)
        .map(|i| format!("k{},2026-0{}-0{},10\n", i % 12, 1 + i / 12, 1 + i % 3))
        .collect();
    let few = file("few", format!("customer_id,date,amount\n{few}"));
    let why = "cannot fit the models: 3 customers bought again; at least 10 are needed";
    refused(&few, cal, &format!("{few}: {why}"));
    let bad = file(
        "bad",
        "customer_id,date,amount\nc1,2026-01-01,10\nc2,01/02/2026,5\n",
    );
    let why = "line 3, column 'date': '01/02/2026' is not an ISO date";
    refused(&bad, cal, &format!("{bad}: {why}"));
    refused(
        &f,
        &format!("{cal} --horizon-days 5000"),
        "--horizon-days: '5000' is out of range",
    );
    // A fit that runs away (a and b in the hundred thousands) predicts nothing: refused.
    let runaway = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/runaway_fit.csv");
    refused(runaway, cal, "the fit did not settle");
}
