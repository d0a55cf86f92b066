//! Browser test of how segments are recomputed without blocking the page: rule
//! evaluation runs in slices with a yield to the event loop between them, gives the
//! same members as one pass, and stops when its result is no longer wanted.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

use clientele::state::{for_slices, Pacer, SLICE};
use clientele_core::db::{bucket_of, Db};
use clientele_core::demo::{self, DemoConfig};
use clientele_core::facts::{InteractionFact, OrderFact};
use clientele_core::model::Currency;
use clientele_core::purchases::PurchaseFact;
use clientele_core::segment::analysis::{Analysis, Params};
use clientele_core::segment::eval::{Compiled, Context};
use clientele_core::segment::rules::{Condition, Field, Op, Rule, Value};
use clientele_core::time::Day;
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn demo_db(customers: usize) -> (Db, Day) {
    let end = Day::from_ymd(2026, 11, 1).unwrap();
    let cfg = DemoConfig {
        customers,
        seed: 5,
        end,
    };
    let mut all = Vec::new();
    let mut orders: HashMap<u32, Vec<_>> = HashMap::new();
    for i in 0..customers {
        let c = demo::customer(&cfg, i);
        let (o, _) = demo::history(&cfg, i, &c);
        orders.entry(bucket_of(c.id)).or_default().extend(o);
        all.push(c);
    }
    let facts = orders.iter().map(|(b, o)| (*b, OrderFact::of(o))).collect();
    let purchases = orders
        .iter()
        .map(|(b, o)| (*b, PurchaseFact::of(o)))
        .collect();
    let mut db = Db::load(all, facts, Vec::<(u32, Vec<InteractionFact>)>::new());
    db.load_purchases(purchases);
    (db, end)
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// Sets a timer for "as soon as possible"; the flag turns true when it has run.
fn timer_fired() -> Rc<Cell<bool>> {
    let fired = Rc::new(Cell::new(false));
    let flag = fired.clone();
    let cb = wasm_bindgen::closure::Closure::once_into_js(move || flag.set(true));
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 0)
        .unwrap();
    fired
}

#[wasm_bindgen_test]
async fn sliced_evaluation_yields_and_agrees_with_one_pass() {
    let (db, end) = demo_db(30_000);
    let analysis = Analysis::compute(&db, &Params::new(end, Currency::VND));
    let rule = Rule::All(vec![
        Rule::Condition(Condition {
            field: Field::City,
            op: Op::Is,
            value: Value::Text("ha noi".into()),
        }),
        Rule::Condition(Condition {
            field: Field::TotalSpent,
            op: Op::Gt,
            value: Value::Number(2_000_000.0),
        }),
        Rule::Condition(Condition {
            field: Field::DaysSinceLastOrder,
            op: Op::Gt,
            value: Value::Number(90.0),
        }),
    ]);
    let ctx = Context {
        db: &db,
        analysis: &analysis,
    };
    let compiled = Compiled::new(&rule, &ctx);
    let one_pass = compiled.members(&ctx, 0..db.len() as u32);
    assert!(!one_pass.is_empty(), "the demo has such customers");

    // A timer set before the work must fire during it: the work yields.
    let fired = timer_fired();
    let mut found = Vec::new();
    let mut longest = 0.0f64;
    let mut fired_during = false;
    let slice = SLICE / 4;
    // A budget of 0: yield after every slice.
    let done = for_slices(
        db.len() as u32,
        slice,
        &mut Pacer::new(0.0),
        &|| false,
        |range| {
            fired_during |= fired.get();
            let t = now();
            found.extend(compiled.members(&ctx, range));
            longest = longest.max(now() - t);
        },
    )
    .await;
    assert!(done);
    assert!(fired_during, "the browser ran other tasks between slices");
    assert_eq!(found, one_pass);
    web_sys::console::log_1(&format!("longest slice of {slice}: {longest:.1} ms").into());

    // A stale run stops after its first slice.
    let mut slices = 0;
    let done = for_slices(
        db.len() as u32,
        slice,
        &mut Pacer::new(0.0),
        &|| true,
        |_| slices += 1,
    )
    .await;
    assert!(!done);
    assert_eq!(slices, 1);

    // Work that stays within the budget does not yield at all (no time lost).
    let fired = timer_fired();
    let mut slices = 0;
    let done = for_slices(
        db.len() as u32,
        slice,
        &mut Pacer::new(60_000.0),
        &|| false,
        |_| slices += 1,
    )
    .await;
    assert!(done && slices > 1);
    assert!(!fired.get(), "no yield within the budget");
}
