//! The models fitted to the CDNOW sample give the published parameters.

use super::bgnbd::BgNbd;
use super::gamma_gamma::{GammaGamma, Spend};
use super::*;

const CDNOW: &str = include_str!("../../tests/data/cdnow_sample_summary.csv");

/// (summary in weeks, mean repeat spend) of each of the 2,357 customers.
fn cdnow() -> Vec<(Summary, f64)> {
    CDNOW
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Vec<f64> = l.split(',').map(|x| x.trim().parse().unwrap()).collect();
            (
                Summary {
                    frequency: v[1],
                    recency: v[2],
                    age: v[3],
                },
                v[4],
            )
        })
        .collect()
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

#[test]
fn bgnbd_on_cdnow_gives_the_published_parameters() {
    let data: Vec<Summary> = cdnow().into_iter().map(|(s, _)| s).collect();
    assert_eq!(data.len(), 2357);
    let fit = BgNbd::fit(&data).unwrap();
    let m = fit.model;
    // Fader, Hardie & Lee (2005), table: r = 0.243, α = 4.414, a = 0.793, b = 2.426,
    // LL = −9582.4.
    assert_eq!(
        (
            round(m.r, 3),
            round(m.alpha, 3),
            round(m.a, 3),
            round(m.b, 3)
        ),
        (0.243, 4.414, 0.793, 2.426),
        "{m:?}"
    );
    assert_eq!(round(fit.log_likelihood, 1), -9582.4);
    // And as lifetimes 0.11.3 (scipy) finds it on the same data, to 5 digits.
    let five = |got: f64, want: f64| (got - want).abs() <= 1e-5 * want;
    assert!(
        five(m.r, 0.242_592_928)
            && five(m.alpha, 4.413_532_265)
            && five(m.a, 0.792_885_966)
            && five(m.b, 2.425_752_383),
        "{m:?}"
    );
}

#[test]
fn gamma_gamma_on_cdnow_repeat_buyers_gives_the_published_parameters() {
    let buyers: Vec<Spend> = cdnow()
        .into_iter()
        .filter(|(s, _)| s.frequency > 0.0)
        .map(|(s, mean)| Spend {
            frequency: s.frequency,
            mean,
        })
        .collect();
    assert_eq!(buyers.len(), 946);
    let m = GammaGamma::fit(&buyers).unwrap().model;
    // Fader, Hardie & Lee (2005, "RFM and CLV"): p = 6.25, q = 3.74, v = 15.44.
    let near = |got: f64, want: f64, tol: f64| (got - want).abs() <= tol;
    assert!(
        near(m.p, 6.25, 0.005) && near(m.q, 3.74, 0.005) && near(m.v, 15.44, 0.01),
        "{m:?}"
    );
    // The maximum of this data's likelihood, as lifetimes 0.11.3 (scipy) finds it:
    // p = 6.248802496, q = 3.744588461, v = 15.447748065 (the paper prints 15.44;
    // the maximum is 0.05% from it).
    let six = |got: f64, want: f64| (got - want).abs() <= 1e-6 * want;
    assert!(
        six(m.p, 6.248_802_496) && six(m.q, 3.744_588_461) && six(m.v, 15.447_748_065),
        "{m:?}"
    );
}

#[test]
fn degenerate_summaries_are_refused_with_their_reason() {
    let s = |frequency, recency, age| Summary {
        frequency,
        recency,
        age,
    };
    assert_eq!(BgNbd::fit(&[]), Err(FitError::NoCustomers));
    assert_eq!(
        BgNbd::fit(&[s(1.0, 5.0, 3.0)]),
        Err(FitError::BadSummary { index: 0 })
    );
    assert_eq!(
        BgNbd::fit(&[s(0.0, 0.0, 3.0), s(f64::NAN, 0.0, 3.0)]),
        Err(FitError::BadSummary { index: 1 })
    );
    // Everyone bought for the first time on the last day.
    assert_eq!(
        BgNbd::fit(&vec![s(0.0, 0.0, 0.0); 50]),
        Err(FitError::NoTime)
    );
    // Nobody came back: nothing to learn about dropping out.
    let once: Vec<Summary> = (0..100).map(|i| s(0.0, 0.0, 10.0 + i as f64)).collect();
    assert_eq!(
        BgNbd::fit(&once),
        Err(FitError::TooFewRepeatBuyers {
            found: 0,
            needed: bgnbd::MIN_REPEAT_BUYERS
        })
    );
    // The messages say what is wrong in words.
    assert!(FitError::NoTime.to_string().contains("last day"));
}

#[test]
fn lifetime_value_agrees_with_lifetimes() {
    let bg = BgNbd {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };
    let gg = GammaGamma {
        p: 6.25,
        q: 3.74,
        v: 15.44,
    };
    let c = Summary {
        frequency: 2.0,
        recency: 30.43,
        age: 38.86,
    };
    let spend = gg.expected_spend(&Spend {
        frequency: 2.0,
        mean: 22.35,
    });
    // lifetimes 0.11.3: conditional_expected_average_profit and
    // customer_lifetime_value(time=12, discount_rate=0.01, freq="W"), run here.
    assert!((spend - 24.663_713_910_761_157).abs() < 1e-9, "{spend}");
    let month = 4.345;
    let value = lifetime_value(&bg, &c, spend, 12.0 * month, month, 0.01).unwrap();
    assert!((value - 36.289_211_125_599_52).abs() < 1e-6, "{value}");
    // Without discounting it is the spend times the purchases expected.
    let plain = lifetime_value(&bg, &c, spend, 52.0, month, 0.0).unwrap();
    let want = spend * bg.expected_purchases(&c, 52.0).unwrap();
    assert!((plain - want).abs() < 1e-9 * want, "{plain} {want}");
    assert!(value < plain);
}
