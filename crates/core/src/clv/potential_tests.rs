//! The potential of every customer in a database agrees with the models run on the
//! same purchases as a file.

use super::observe::{observe_all, Periods, Unit};
use super::potential::{observe_db, Cache, Potential};
use super::predict::{Horizon, Models, Risk};
use super::predict_tests::transactions;
use crate::db::{bucket_of, Db};
use crate::facts::OrderFact;
use crate::id::Id;
use crate::model::{Currency, Customer, OrderStatus};
use crate::record::Record;
use crate::time::Day;
use std::collections::HashMap;

fn id(c: u32) -> Id {
    Id::new_v7(c as u64, [(c % 251) as u8; 10])
}

/// The CDNOW sample's customers and orders (dollars as cents, at noon UTC), customer
/// 1 deleted, and customer 2 with one more order in another currency.
fn cdnow_db() -> Db {
    let mut by: HashMap<u32, Vec<OrderFact>> = HashMap::new();
    let mut last = 0;
    let mut fact = |c: u32, day: Day, total: i64, currency| {
        last += 1;
        by.entry(bucket_of(id(c))).or_default().push(OrderFact {
            order: Id::new_v7(10_000_000 + last, [0; 10]),
            customer: id(c),
            placed_at: day.start_millis() + 43_200_000,
            total,
            currency,
            status: OrderStatus::Paid,
        });
    };
    for (c, day, dollars) in transactions() {
        fact(c, day, (dollars * 100.0).round() as i64, Currency::USD);
    }
    fact(
        2,
        Day::parse_iso("1997-05-01").unwrap(),
        5_000_000,
        Currency::VND,
    );
    let customers = (1..=2357)
        .map(|c| {
            let data = Customer {
                display_name: format!("C{c}"),
                deleted: c == 1,
                ..Default::default()
            };
            Record::new(id(c), data, crate::fixtures::stamp(1, 1))
        })
        .collect();
    let mut facts: Vec<(u32, Vec<OrderFact>)> = by.into_iter().collect();
    for (_, f) in &mut facts {
        f.sort_by_key(|f| (f.customer, f.placed_at));
    }
    Db::load(customers, facts, vec![])
}

#[test]
fn every_live_customer_gets_what_the_models_say() {
    let db = cdnow_db();
    let as_of = Day::parse_iso("1997-09-30").unwrap();
    let h = Horizon::default();
    let potential = Potential::compute(&db, as_of, 0, Currency::USD, h);
    // The same purchases as a file, without customer 1.
    let periods = Periods {
        calibration_end: as_of,
        holdout_end: None,
        unit: Unit::Days,
    };
    let file: Vec<_> = transactions().into_iter().filter(|t| t.0 != 1).collect();
    let observed = observe_all(file, &periods);
    let list: Vec<_> = observed.iter().map(|(_, o)| *o).collect();
    let file_fit = Models::fit(&list, Unit::Days).unwrap();
    let models = potential.models.clone().unwrap().unwrap();
    // The same fit (customers in another order: sums differ in the last digits).
    let (a, b) = (models.bgnbd.model, file_fit.bgnbd.model);
    let (c, d) = (models.gamma_gamma.model, file_fit.gamma_gamma.model);
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * y.abs();
    assert!(
        close(a.r, b.r) && close(a.alpha, b.alpha) && close(a.a, b.a) && close(a.b, b.b),
        "{a:?} {b:?}"
    );
    assert!(
        close(c.p, d.p) && close(c.q, d.q) && close(c.v, d.v),
        "{c:?} {d:?}"
    );
    for (c, o) in &observed {
        let p = db.position(id(*c)).unwrap();
        let want = models.predict(o, &h).unwrap();
        assert_eq!(
            potential.p_alive[p as usize], want.p_alive as f32,
            "customer {c}"
        );
        assert_eq!(
            potential.expected[p as usize],
            want.expected_purchases as f32
        );
        let clv = potential.clv[p as usize];
        assert!(
            (clv - want.clv).abs() <= 1e-9 * want.clv,
            "customer {c}: {clv} vs {want:?}"
        );
        assert_eq!(potential.risk_at(p), Some(want.risk));
    }
    // The deleted customer has nothing.
    let gone = db.position(id(1)).unwrap();
    assert!(potential.clv[gone as usize].is_nan() && potential.risk_at(gone).is_none());
    // Some customers fall in every band.
    for band in Risk::ALL {
        assert!(
            (0..db.len() as u32).any(|p| potential.risk_at(p) == Some(band)),
            "{band:?}"
        );
    }
}

#[test]
fn filling_in_slices_gives_the_same() {
    let db = cdnow_db();
    let as_of = Day::parse_iso("1997-09-30").unwrap();
    let h = Horizon {
        days: 180.0,
        monthly_discount: 0.02,
    };
    let whole = Potential::compute(&db, as_of, 0, Currency::USD, h);
    let observed = observe_db(&db, as_of, 0, Currency::USD);
    let mut sliced = Potential::fit(db.len(), &observed, h);
    let mut cache = Cache::default();
    for chunk in observed.chunks(100) {
        sliced.fill(chunk, &mut cache);
    }
    assert_eq!(sliced.risk, whole.risk);
    assert_eq!(sliced.clv.iter().filter(|v| v.is_finite()).count(), 2356);
    for (a, b) in sliced.clv.iter().zip(&whole.clv) {
        assert!(a == b || (a.is_nan() && b.is_nan()));
    }
}

#[test]
fn too_little_data_says_why() {
    let db = Db::load(vec![], vec![], vec![]);
    let p = Potential::compute(&db, Day(100), 0, Currency::VND, Horizon::default());
    assert_eq!(p.models, Some(Err(super::FitError::NoCustomers)));
}

#[test]
fn valuable_customers_at_risk_and_their_segment_rule() {
    use super::potential::valuable_at_risk;
    use crate::segment::analysis::{Analysis, Params};
    use crate::segment::eval::{Compiled, Context};
    use crate::segment::presets;
    let db = cdnow_db();
    let as_of = Day::parse_iso("1998-06-30").unwrap();
    let mut analysis = Analysis::compute(&db, &Params::new(as_of, Currency::USD));
    analysis.potential = Potential::compute(&db, as_of, 0, Currency::USD, Horizon::default());
    let (threshold, found) = valuable_at_risk(&db, &analysis.potential, Currency::USD);
    assert!(!found.is_empty());
    // The top fifth of buyers: about a fifth of the 2,356 live customers spent as much.
    let spent = |p: u32| db.stats_at(p).spent_in(Currency::USD);
    let at_least = (0..db.len() as u32)
        .filter(|&p| db.columns().live[p as usize] && spent(p) >= threshold)
        .count();
    assert!((450..=500).contains(&at_least), "{at_least}");
    for w in found.windows(2) {
        assert!(spent(w[0]) >= spent(w[1]));
    }
    for &p in &found {
        assert!(analysis.potential.p_alive[p as usize] < 0.3 && spent(p) >= threshold);
    }
    // The segment rule finds exactly them.
    let rule = presets::at_risk(threshold, Currency::USD);
    rule.check().unwrap();
    let ctx = Context {
        db: &db,
        analysis: &analysis,
    };
    let mut members = Compiled::new(&rule, &ctx).members(&ctx, 0..db.len() as u32);
    let mut want = found.clone();
    members.sort_unstable();
    want.sort_unstable();
    assert_eq!(members, want);
}

/// The periods from `calibration_end` to 1998-06-30 (CDNOW's last purchase), in
/// days, and the customers of the CDNOW database observed over them.
fn observed_until(calibration_end: &str) -> (Periods, Vec<super::observe::Observed>) {
    let periods = Periods {
        calibration_end: Day::parse_iso(calibration_end).unwrap(),
        holdout_end: Some(Day::parse_iso("1998-06-30").unwrap()),
        unit: Unit::Days,
    };
    let observed = super::potential::observe_periods(&cdnow_db(), &periods, 0, Currency::USD)
        .into_iter()
        .map(|(_, o)| o)
        .collect();
    (periods, observed)
}

#[test]
fn the_model_check_predicts_the_holdout_of_the_live_customers() {
    use super::check::{check, TOP};
    use super::predict::holdout_check;
    let (periods, observed) = observed_until("1997-09-30");
    let got = check(&observed, &periods).unwrap();
    // Customer 1 is deleted; everyone else bought in the calibration period.
    assert_eq!(got.customers, 2356);
    // The holdout purchases, counted from the file: distinct days per customer.
    let mut days: Vec<(u32, Day)> = transactions()
        .into_iter()
        .filter(|(c, d, _)| *c != 1 && *d > periods.calibration_end)
        .map(|(c, d, _)| (c, d))
        .collect();
    days.sort_unstable();
    days.dedup();
    assert_eq!(got.actual.round() as usize, days.len());
    // The same rows as the check run on the file's customers.
    let file: Vec<_> = transactions().into_iter().filter(|t| t.0 != 1).collect();
    let list: Vec<_> = observe_all(file, &periods)
        .into_iter()
        .map(|(_, o)| o)
        .collect();
    let fit = Models::fit(&list, Unit::Days).unwrap();
    let want = holdout_check(&fit.bgnbd.model, &list, 273.0, TOP);
    assert_eq!(got.rows.len(), want.len());
    for (a, b) in got.rows.iter().zip(&want) {
        assert_eq!((a.frequency, a.customers), (b.frequency, b.customers));
        assert!((a.predicted - b.predicted).abs() <= 1e-6 * b.predicted.max(1e-9));
        assert_eq!(a.actual, b.actual);
    }
    let sum: f64 = want
        .iter()
        .map(|r| r.predicted * f64::from(r.customers))
        .sum();
    assert!((got.predicted - sum).abs() < 1e-6 * sum);
    assert_eq!(
        got.repeat_buyers as usize,
        list.iter().filter(|o| o.summary.frequency > 0.0).count()
    );
    // Those who bought more often before are predicted to buy more after.
    for w in got.rows.windows(2) {
        assert!(w[0].predicted < w[1].predicted, "{got:?}");
    }
}

#[test]
fn the_model_check_says_why_it_cannot_fit() {
    use super::check::check;
    // Before anyone's first purchase.
    let (periods, observed) = observed_until("1996-12-31");
    assert_eq!(
        check(&observed, &periods),
        Err(super::FitError::NoCustomers)
    );
}

/// Every customer of the CDNOW sample's file observed up to `calibration_end`, in days.
fn file_observed(calibration_end: &str) -> Vec<super::observe::Observed> {
    let periods = Periods {
        calibration_end: Day::parse_iso(calibration_end).unwrap(),
        holdout_end: None,
        unit: Unit::Days,
    };
    observe_all(transactions(), &periods)
        .into_iter()
        .map(|(_, o)| o)
        .collect()
}

#[test]
fn a_warm_start_finds_the_same_maximum_in_fewer_steps() {
    let before = Models::fit(&file_observed("1997-09-30"), Unit::Days).unwrap();
    // A week later: some more purchases, everyone a week older.
    let now = file_observed("1997-10-07");
    let cold = Models::fit(&now, Unit::Days).unwrap();
    let warm = Models::fit_from(&now, Unit::Days, Some(&before)).unwrap();
    let (c, w) = (cold.bgnbd.model, warm.bgnbd.model);
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-4 * y.abs();
    assert!(
        close(c.r, w.r) && close(c.alpha, w.alpha) && close(c.a, w.a) && close(c.b, w.b),
        "{c:?} {w:?}"
    );
    let (c, w) = (cold.gamma_gamma.model, warm.gamma_gamma.model);
    assert!(
        close(c.p, w.p) && close(c.q, w.q) && close(c.v, w.v),
        "{c:?} {w:?}"
    );
    assert!((cold.bgnbd.log_likelihood - warm.bgnbd.log_likelihood).abs() < 1e-6);
    assert!(
        warm.bgnbd.iterations < cold.bgnbd.iterations
            && warm.gamma_gamma.iterations < cold.gamma_gamma.iterations,
        "warm {} + {}, cold {} + {}",
        warm.bgnbd.iterations,
        warm.gamma_gamma.iterations,
        cold.bgnbd.iterations,
        cold.gamma_gamma.iterations
    );
    // Models of another unit are not a start.
    let weeks = Models::fit_from(
        &now,
        Unit::Days,
        Some(&Models {
            unit: Unit::Weeks,
            ..before
        }),
    )
    .unwrap();
    assert_eq!(weeks.bgnbd.iterations, cold.bgnbd.iterations);
}

#[test]
fn a_fit_step_by_step_is_the_fit() {
    let list = file_observed("1997-09-30");
    let mut fitting = Models::fitting(&list, Unit::Days, None).unwrap();
    let mut steps = 1;
    let stepped = loop {
        if let Some(done) = fitting.step() {
            break done.unwrap();
        }
        steps += 1;
    };
    assert_eq!(stepped, Models::fit(&list, Unit::Days).unwrap());
    // One step per iteration of the BG/NBD search, and one to end it.
    assert_eq!(steps, stepped.bgnbd.iterations + 1);
}

#[test]
fn a_warm_start_that_fails_starts_again_from_scratch() {
    use super::gamma_gamma::GammaGamma;
    let list = file_observed("1997-09-30");
    let cold = Models::fit(&list, Unit::Days).unwrap();
    // A spend model no search can start from (its likelihood overflows there).
    let mut bad = cold;
    bad.gamma_gamma.model = GammaGamma {
        p: 1e300,
        q: 1e300,
        v: 1e300,
    };
    let spend: Vec<_> = list.iter().filter_map(|o| o.spend).collect();
    assert!(GammaGamma::fit_from(&spend, Some(bad.gamma_gamma.model)).is_err());
    assert_eq!(Models::fit_from(&list, Unit::Days, Some(&bad)), Ok(cold));
}

/// Customers from whom the models expect next to nothing carry no value to show:
/// their raw values are pennies ("$0.12" would read as a real value).
#[test]
fn tiny_outlooks_carry_no_value() {
    let db = cdnow_db();
    let as_of = Day::parse_iso("1997-09-30").unwrap();
    let potential = Potential::compute(&db, as_of, 0, Currency::USD, Horizon::default());
    let tiny: Vec<u32> = (0..db.len() as u32)
        .filter(|&p| potential.tiny_at(p))
        .collect();
    assert!(!tiny.is_empty(), "CDNOW has customers long gone");
    for &p in &tiny {
        assert_eq!(potential.shown_clv_at(p), None);
        let raw = potential.clv_at(p).unwrap();
        assert!(raw < 1.0, "position {p}: {raw}");
    }
    let shown = (0..db.len() as u32).filter(|&p| potential.shown_clv_at(p).is_some());
    assert!(
        shown.count() > tiny.len(),
        "most customers keep their value"
    );
}

/// Most likely to leave: the reachable first (lowest chance first), the gone after.
#[test]
fn leaving_puts_the_reachable_first() {
    use super::potential::leaving_key;
    let mut chances = [0.9, 0.01, 0.3, 0.0, 0.06, 0.04, f64::NAN];
    chances.sort_by(|a, b| leaving_key(*a).total_cmp(&leaving_key(*b)));
    assert_eq!(&chances[..6], &[0.06, 0.3, 0.9, 0.04, 0.01, 0.0]);
    assert!(chances[6].is_nan());
}
