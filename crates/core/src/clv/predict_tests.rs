//! Summaries built from purchases, predictions, churn bands and the holdout check,
//! against the CDNOW sample's transactions and values computed with lifetimes 0.11.3.

use super::observe::{observe, observe_all, Observed, Periods, Unit};
use super::predict::{holdout_check, Horizon, Models, Risk};
use super::Summary;
use crate::time::Day;

const TRANSACTIONS: &str = include_str!("../../tests/data/cdnow_sample_transactions.txt");
const SUMMARY: &str = include_str!("../../tests/data/cdnow_sample_summary.csv");

fn day(s: &str) -> Day {
    Day::parse_iso(s).unwrap()
}

/// (customer, day, dollars) of each line: master id, sample id (1–2,357, the
/// summary's order), YYYYMMDD, CDs, value.
pub(super) fn transactions() -> Vec<(u32, Day, f64)> {
    TRANSACTIONS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Vec<&str> = l.split_whitespace().collect();
            let d = v[2];
            let date = format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]);
            (v[1].parse().unwrap(), day(&date), v[4].parse().unwrap())
        })
        .collect()
}

/// The paper's periods: 39 weeks of calibration from 1997-01-01, 39 of holdout.
fn periods(unit: Unit) -> Periods {
    Periods {
        calibration_end: day("1997-09-30"),
        holdout_end: Some(day("1998-06-30")),
        unit,
    }
}

fn observed(unit: Unit) -> Vec<Observed> {
    observe_all(transactions(), &periods(unit))
        .into_iter()
        .map(|(_, o)| o)
        .collect()
}

#[test]
fn one_customer_by_hand() {
    let p = Periods {
        calibration_end: Day(11),
        holdout_end: Some(Day(20)),
        unit: Unit::Days,
    };
    // Two purchases on the first day, repeats on days 3, 10 and 10, then two in the
    // holdout on one day, one more in it, and one after it.
    let buys = [
        (Day(0), 10.0),
        (Day(0), 5.0),
        (Day(3), 20.0),
        (Day(10), 12.0),
        (Day(10), 18.0),
        (Day(12), 7.0),
        (Day(12), 7.0),
        (Day(20), 1.0),
        (Day(21), 1.0),
    ];
    let o = observe(buys, &p).unwrap();
    assert_eq!(
        o.summary,
        Summary {
            frequency: 2.0,
            recency: 10.0,
            age: 11.0
        }
    );
    // Repeat days are worth 20 and 30.
    let spend = o.spend.unwrap();
    assert_eq!((spend.frequency, spend.mean), (2.0, 25.0));
    assert_eq!((o.first_value, o.holdout), (15.0, 2));
    let weeks = observe(
        buys,
        &Periods {
            unit: Unit::Weeks,
            ..p
        },
    )
    .unwrap();
    assert_eq!(
        (weeks.summary.recency, weeks.summary.age),
        (10.0 / 7.0, 11.0 / 7.0)
    );
    // Nobody to observe before their first purchase; a buyer on the last day has T = 0.
    assert_eq!(observe([(Day(12), 1.0)], &p), None);
    let last_day = observe([(Day(11), 4.0)], &p).unwrap();
    assert_eq!((last_day.summary.age, last_day.spend), (0.0, None));
}

#[test]
fn cdnow_transactions_give_the_published_summaries() {
    let ours = observed(Unit::Weeks);
    let published: Vec<Vec<f64>> = SUMMARY
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(|x| x.trim().parse().unwrap()).collect())
        .collect();
    assert_eq!(ours.len(), published.len());
    let two = |x: f64| (x * 100.0).round() / 100.0;
    for (i, (o, p)) in ours.iter().zip(&published).enumerate() {
        let s = o.summary;
        assert_eq!(
            (s.frequency, two(s.recency), two(s.age)),
            (p[1], p[2], p[3]),
            "customer {}",
            i + 1
        );
        // Published to the cent.
        let mean = o.spend.map_or(0.0, |s| s.mean);
        assert!(
            (mean - p[4]).abs() <= 0.005 + 1e-6,
            "customer {}: {mean} vs {}",
            i + 1,
            p[4]
        );
    }
}

#[test]
fn holdout_check_agrees_with_lifetimes() {
    let customers = observed(Unit::Weeks);
    let models = Models::fit(&customers, Unit::Weeks).unwrap();
    let rows = holdout_check(
        &models.bgnbd.model,
        &customers,
        periods(Unit::Weeks).holdout_length(),
        7,
    );
    // lifetimes 0.11.3: calibration_and_holdout_data(freq="D") on CDNOW_sample.txt,
    // BetaGeoFitter on weeks, conditional_expected_number_of_purchases_up_to_time(39),
    // grouped by calibration frequency (7 and more together).
    let want = [
        (1411, 0.225_087_337_8, 0.236_711_552_1),
        (439, 0.523_131_129_7, 0.697_038_724_4),
        (214, 1.044_134_100_6, 1.392_523_364_5),
        (100, 1.520_279_528_7, 1.56),
        (62, 2.163_865_854_1, 2.532_258_064_5),
        (38, 2.653_845_980_4, 2.947_368_421_1),
        (29, 3.504_042_458_4, 3.862_068_965_5),
        (64, 6.157_190_822_4, 6.359_375),
    ];
    assert_eq!(rows.len(), want.len());
    for (row, (n, predicted, actual)) in rows.iter().zip(want) {
        assert_eq!(row.customers, n, "{row:?}");
        assert!((row.actual - actual).abs() < 1e-9, "{row:?}");
        // The two fits agree to about 5 digits, and so do their predictions.
        assert!(
            (row.predicted - predicted).abs() < 1e-4 * predicted,
            "{row:?} {predicted}"
        );
    }
}

#[test]
fn predictions_do_not_depend_on_the_unit() {
    let (days, weeks) = (observed(Unit::Days), observed(Unit::Weeks));
    let by_day = Models::fit(&days, Unit::Days).unwrap();
    let by_week = Models::fit(&weeks, Unit::Weeks).unwrap();
    // α is in the unit: 7 times larger in days.
    let (d, w) = (by_day.bgnbd.model, by_week.bgnbd.model);
    assert!((d.alpha / w.alpha - 7.0).abs() < 1e-3, "{d:?} {w:?}");
    assert!(
        (d.r - w.r).abs() < 1e-4 && (d.a - w.a).abs() < 1e-4,
        "{d:?} {w:?}"
    );
    let h = Horizon::default();
    for (od, ow) in days.iter().zip(&weeks).step_by(97) {
        let (pd, pw) = (
            by_day.predict(od, &h).unwrap(),
            by_week.predict(ow, &h).unwrap(),
        );
        assert!((pd.p_alive - pw.p_alive).abs() < 1e-4, "{pd:?} {pw:?}");
        assert!(
            (pd.clv - pw.clv).abs() < 1e-3 * pw.clv.max(1.0),
            "{pd:?} {pw:?}"
        );
        assert_eq!(pd.risk, pw.risk);
    }
}

#[test]
fn predictions_of_the_example_customer() {
    let customers = observed(Unit::Weeks);
    let models = Models::fit(&customers, Unit::Weeks).unwrap();
    // The first customer (master id 4): x = 2, tₓ = 30.43, T = 38.86, repeat mean 22.35.
    let p = models
        .predict(
            &customers[0],
            &Horizon {
                days: 365.0,
                monthly_discount: 0.01,
            },
        )
        .unwrap();
    let bg = models.bgnbd.model;
    assert!((p.p_alive - bg.p_alive(&customers[0].summary)).abs() < 1e-12);
    // lifetimes 0.11.3 on the same fit: P(alive) 0.72662, 52.14-week expectation 1.56219.
    assert!((p.p_alive - 0.726_620_3).abs() < 1e-4, "{p:?}");
    assert!((p.expected_purchases - 1.562_189_7).abs() < 1e-4, "{p:?}");
    assert_eq!(p.risk, Risk::Low);
    // A one-day buyer has no band; value is still predicted from everyone's spend.
    let once = customers.iter().find(|o| o.spend.is_none()).unwrap();
    let q = models.predict(once, &Horizon::default()).unwrap();
    assert_eq!((q.p_alive, q.risk), (1.0, Risk::Unknown));
    let gg = models.gamma_gamma.model;
    assert!((q.expected_spend - gg.p * gg.v / (gg.q - 1.0)).abs() < 1e-9);
    assert!(q.clv > 0.0 && q.clv < p.clv);
}

#[test]
fn risk_bands_follow_p_alive() {
    assert_eq!(Risk::of(3.0, 0.95), Risk::Low);
    assert_eq!(Risk::of(3.0, 0.7), Risk::Low);
    assert_eq!(Risk::of(3.0, 0.69), Risk::Medium);
    assert_eq!(Risk::of(3.0, 0.3), Risk::Medium);
    assert_eq!(Risk::of(3.0, 0.29), Risk::High);
    assert_eq!(Risk::of(0.0, 1.0), Risk::Unknown);
}
