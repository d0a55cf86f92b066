use super::*;
use crate::db::bucket_of;
use crate::facts::OrderFact;
use crate::id::Id;
use crate::model::{Customer, OrderStatus};
use crate::record::Record;
use crate::time::{Millis, MS_PER_DAY};
use chrono::Datelike;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const VND: Currency = Currency::VND;
const USD: Currency = Currency::USD;
use OrderStatus::{Cancelled, Paid, Pending, Refunded};

/// (customer number, placed at, total, currency, status)
type O = (u64, Millis, i64, Currency, OrderStatus);

fn id(n: u64) -> Id {
    Id::new_v7(n, [n as u8; 10])
}

/// Customers numbered `1..=deleted.len()`, deleted where `deleted[n - 1]`.
fn db_with(deleted: &[bool], orders: &[O]) -> Db {
    let customers: Vec<Record<Customer>> = deleted
        .iter()
        .enumerate()
        .map(|(i, &deleted)| {
            let n = i as u64 + 1;
            let data = Customer {
                display_name: format!("C{n}"),
                deleted,
                ..Default::default()
            };
            let stamp = crate::fixtures::stamp(1, 1);
            Record::new(id(n), data, stamp)
        })
        .collect();
    let mut by: HashMap<u32, Vec<OrderFact>> = HashMap::new();
    for (k, &(c, placed_at, total, currency, status)) in orders.iter().enumerate() {
        by.entry(bucket_of(id(c))).or_default().push(OrderFact {
            order: Id::new_v7(1000 + k as u64, [0; 10]),
            customer: id(c),
            placed_at,
            total,
            currency,
            status,
        });
    }
    Db::load(customers, by.into_iter().collect(), vec![])
}

fn day(y: i32, m: u32, d: u32) -> Day {
    Day::from_ymd(y, m, d).unwrap()
}

fn range(from: Day, to: Day) -> Range {
    Range { from, to }
}

/// An instant given in UTC.
fn utc(y: i32, m: u32, d: u32, h: i64, min: i64) -> Millis {
    day(y, m, d).start_millis() + (h * 60 + min) * 60_000
}

/// Hà Nội is UTC+7.
const HANOI: i32 = 420;

/// An instant given in Hà Nội's local time.
fn hanoi(y: i32, m: u32, d: u32, h: i64, min: i64) -> Millis {
    utc(y, m, d, h, min) - HANOI as i64 * 60_000
}

/// (start, end, revenue, orders, currency_orders, active, new, returning)
type Row = (Day, Day, i64, u32, u32, u32, u32, u32);

fn row(k: &PeriodKpis) -> Row {
    (
        k.start,
        k.end,
        k.revenue,
        k.orders,
        k.currency_orders,
        k.active,
        k.new,
        k.returning,
    )
}

/// Eight customers; C is deleted and F never ordered. Local days are Hà Nội's unless
/// said otherwise.
fn shop() -> Db {
    let orders = [
        // A: first order 2023-12-20; two orders on 2024-02-05, one in dollars.
        (1, hanoi(2023, 12, 20, 10, 0), 100, VND, Paid),
        (1, hanoi(2024, 1, 20, 10, 0), 200, VND, Paid),
        (1, hanoi(2024, 2, 5, 9, 0), 50, USD, Paid),
        (1, hanoi(2024, 2, 5, 18, 0), 300, VND, Pending),
        (1, hanoi(2024, 4, 2, 10, 0), 999, VND, Paid),
        // B: 2024-01-31 20:00 UTC is 2024-02-01 03:00 in Hà Nội.
        (2, utc(2024, 1, 31, 20, 0), 1000, VND, Paid),
        (2, hanoi(2024, 2, 10, 12, 0), 500, VND, Paid),
        (2, hanoi(2024, 3, 5, 12, 0), 700, VND, Paid),
        // C: deleted, so none of this counts.
        (3, hanoi(2024, 1, 20, 10, 0), 9999, VND, Paid),
        (3, hanoi(2024, 2, 20, 10, 0), 9999, VND, Paid),
        // D: first order 2024-01-10; the refund does not count.
        (4, hanoi(2024, 1, 10, 10, 0), 400, VND, Paid),
        (4, hanoi(2024, 1, 16, 10, 0), 600, VND, Paid),
        (4, hanoi(2024, 2, 2, 10, 0), 800, VND, Refunded),
        // E: 23:59 on 2024-03-10, then 00:00 on 2024-03-11 (both 2024-03-10 in UTC).
        (5, utc(2024, 3, 10, 16, 59), 50, VND, Paid),
        (5, utc(2024, 3, 10, 17, 0), 60, VND, Paid),
        // G: first order 2023-11-05, a cancelled one that does not count.
        (7, hanoi(2023, 11, 5, 10, 0), 10, VND, Paid),
        (7, hanoi(2024, 1, 25, 10, 0), 20, VND, Paid),
        (7, hanoi(2024, 1, 26, 10, 0), 30, VND, Cancelled),
        // H: first (only) order at 00:30 on 2023-12-01 (2023-11-30 in UTC).
        (8, hanoi(2023, 12, 1, 0, 30), 5, VND, Paid),
    ];
    db_with(
        &[false, false, true, false, false, false, false, false],
        &orders,
    )
}

#[test]
fn monthly_kpis_in_hanoi() {
    let db = shop();
    let t = kpis(
        &db,
        range(day(2024, 1, 15), day(2024, 3, 10)),
        Grain::Month,
        HANOI,
        VND,
    );
    let rows: Vec<Row> = t.periods.iter().map(row).collect();
    assert_eq!(
        rows,
        vec![
            // A 200, D 600, G 20. D's first order (01-10) is in January but before
            // the range, so D returns; C is deleted.
            (day(2024, 1, 15), day(2024, 1, 31), 820, 3, 3, 3, 0, 3),
            // A 300 (+ 50 USD, an order but no revenue), B 1000 + 500 (new).
            (day(2024, 2, 1), day(2024, 2, 29), 1800, 4, 3, 2, 1, 1),
            // B 700 (returning), E 50 (new); E's 60 is on 03-11.
            (day(2024, 3, 1), day(2024, 3, 10), 750, 2, 2, 2, 1, 1),
        ]
    );
    // A, B, D, E, G are active; B and E are new (first orders in the range).
    assert_eq!(
        row(&t.total),
        (day(2024, 1, 15), day(2024, 3, 10), 3370, 9, 8, 5, 2, 3)
    );
    assert_eq!(t.periods[1].aov(), Some(600.0));
    assert_eq!(t.periods[1].repeat_rate(), Some(0.5));
    assert_eq!(t.total.aov(), Some(3370.0 / 8.0));
    assert_eq!(t.periods[0].repeat_rate(), Some(1.0));

    // In dollars: the same orders and customers, only A's 50 as revenue.
    let usd = kpis(
        &db,
        range(day(2024, 1, 15), day(2024, 3, 10)),
        Grain::Month,
        HANOI,
        USD,
    );
    let revenue: Vec<(i64, u32, u32)> = usd
        .periods
        .iter()
        .map(|k| (k.revenue, k.orders, k.currency_orders))
        .collect();
    assert_eq!(revenue, vec![(0, 3, 0), (50, 4, 1), (0, 2, 0)]);
    assert_eq!(usd.periods[0].aov(), None);
    assert_eq!(usd.periods[1].aov(), Some(50.0));
}

#[test]
fn monthly_kpis_in_utc_move_orders_across_midnight() {
    let db = shop();
    let t = kpis(
        &db,
        range(day(2024, 1, 15), day(2024, 3, 10)),
        Grain::Month,
        0,
        VND,
    );
    let rows: Vec<Row> = t.periods.iter().map(row).collect();
    assert_eq!(
        rows,
        vec![
            // B's first order is now on 01-31: January, new.
            (day(2024, 1, 15), day(2024, 1, 31), 1820, 4, 4, 4, 1, 3),
            // A 300 + 50 USD, B 500: both returning.
            (day(2024, 2, 1), day(2024, 2, 29), 800, 3, 2, 2, 0, 2),
            // B 700; both of E's orders are on 03-10.
            (day(2024, 3, 1), day(2024, 3, 10), 810, 3, 3, 2, 1, 1),
        ]
    );
    assert_eq!(
        row(&t.total),
        (day(2024, 1, 15), day(2024, 3, 10), 3430, 10, 9, 5, 2, 3)
    );
}

#[test]
fn weekly_kpis_start_on_monday_and_follow_the_offset() {
    let db = shop();
    // 2024-02-28 is a Wednesday: the first week is clipped, so is the last.
    let r = range(day(2024, 2, 28), day(2024, 3, 12));
    let t = kpis(&db, r, Grain::Week, HANOI, VND);
    let rows: Vec<Row> = t.periods.iter().map(row).collect();
    assert_eq!(
        rows,
        vec![
            // Nothing: C's order of 02-20 is before, and C is deleted anyway.
            (day(2024, 2, 28), day(2024, 3, 3), 0, 0, 0, 0, 0, 0),
            // B 700 (returning), E 50 on 03-10 (new).
            (day(2024, 3, 4), day(2024, 3, 10), 750, 2, 2, 2, 1, 1),
            // E again on 03-11 (local): E had bought the day before.
            (day(2024, 3, 11), day(2024, 3, 12), 60, 1, 1, 1, 0, 1),
        ]
    );
    assert_eq!(row(&t.total), (r.from, r.to, 810, 3, 3, 2, 1, 1));
    assert_eq!(t.periods[0].aov(), None);
    assert_eq!(t.periods[0].repeat_rate(), None);

    // In UTC both of E's orders are on Sunday 03-10; the last week is empty.
    let t = kpis(&db, r, Grain::Week, 0, VND);
    let rows: Vec<Row> = t.periods.iter().map(row).collect();
    assert_eq!(
        rows[1],
        (day(2024, 3, 4), day(2024, 3, 10), 810, 3, 3, 2, 1, 1)
    );
    assert_eq!(
        rows[2],
        (day(2024, 3, 11), day(2024, 3, 12), 0, 0, 0, 0, 0, 0)
    );

    // Two whole weeks: B's first order (02-01 local) is new in the first.
    let t = kpis(
        &db,
        range(day(2024, 1, 29), day(2024, 2, 11)),
        Grain::Week,
        HANOI,
        VND,
    );
    let rows: Vec<Row> = t.periods.iter().map(row).collect();
    assert_eq!(
        rows,
        vec![
            (day(2024, 1, 29), day(2024, 2, 4), 1000, 1, 1, 1, 1, 0),
            // A 300 + 50 USD, B 500.
            (day(2024, 2, 5), day(2024, 2, 11), 800, 3, 2, 2, 0, 2),
        ]
    );
    assert_eq!(
        row(&t.total),
        (day(2024, 1, 29), day(2024, 2, 11), 1800, 4, 3, 2, 1, 1)
    );
}

#[test]
fn daily_kpis_include_empty_days() {
    let db = shop();
    let t = kpis(
        &db,
        range(day(2024, 3, 8), day(2024, 3, 11)),
        Grain::Day,
        HANOI,
        VND,
    );
    let rows: Vec<Row> = t.periods.iter().map(row).collect();
    let d = |n| day(2024, 3, n);
    assert_eq!(
        rows,
        vec![
            (d(8), d(8), 0, 0, 0, 0, 0, 0),
            (d(9), d(9), 0, 0, 0, 0, 0, 0),
            (d(10), d(10), 50, 1, 1, 1, 1, 0),
            (d(11), d(11), 60, 1, 1, 1, 0, 1),
        ]
    );
    assert_eq!(t.periods[2].aov(), Some(50.0));
}

#[test]
fn an_empty_range_has_no_periods() {
    let db = shop();
    let r = range(day(2024, 3, 8), day(2024, 3, 7));
    let t = kpis(&db, r, Grain::Day, HANOI, VND);
    assert!(t.periods.is_empty());
    assert_eq!(row(&t.total), (r.from, r.to, 0, 0, 0, 0, 0, 0));
    assert!(cohorts(&db, r, HANOI).rows.is_empty());
}

#[test]
fn weeks_start_on_monday() {
    // 2024-03-03 is a Sunday, 2024-03-04 a Monday.
    assert_eq!(Grain::Week.start_of(day(2024, 3, 3)), day(2024, 2, 26));
    assert_eq!(Grain::Week.start_of(day(2024, 3, 4)), day(2024, 3, 4));
    assert_eq!(Grain::Week.next_start(day(2024, 3, 3)), day(2024, 3, 4));
    assert_eq!(Grain::Week.next_start(day(2024, 3, 4)), day(2024, 3, 11));
    // Before the epoch: 1969-12-31 was a Wednesday.
    assert_eq!(Grain::Week.start_of(day(1969, 12, 31)), day(1969, 12, 29));
    assert_eq!(Grain::Week.start_of(Day(0)), day(1969, 12, 29));
    for n in -800..800 {
        let start = Grain::Week.start_of(Day(n));
        assert_eq!(start.to_naive().weekday(), chrono::Weekday::Mon, "{n}");
        assert!(start <= Day(n) && Day(n).0 - start.0 < 7, "{n}");
    }
    assert_eq!(Grain::Day.start_of(Day(5)), Day(5));
    assert_eq!(Grain::Day.next_start(Day(5)), Day(6));
}

#[test]
fn months_are_calendar_months() {
    let m = Grain::Month;
    assert_eq!(m.start_of(day(2024, 2, 29)), day(2024, 2, 1));
    assert_eq!(m.next_start(day(2024, 2, 29)), day(2024, 3, 1));
    assert_eq!(m.next_start(day(2024, 1, 31)), day(2024, 2, 1));
    assert_eq!(m.start_of(day(2024, 1, 31)), day(2024, 1, 1));
    assert_eq!(m.next_start(day(2023, 12, 31)), day(2024, 1, 1));
    let february = |y| m.next_start(day(y, 2, 10)).0 - m.start_of(day(y, 2, 10)).0;
    assert_eq!(
        [
            february(2023),
            february(2024),
            february(1900),
            february(2000)
        ],
        [28, 29, 28, 29]
    );
    // month_start inverts month_index, across eras and before the epoch.
    for index in (-400 * 12)..(2500 * 12) {
        let start = month_start(index);
        let (y, mo) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        assert_eq!(Some(start), Day::from_ymd(y, mo, 1), "{index}");
        assert_eq!(month_index(start), index);
        assert_eq!(month_index(Day(start.0 - 1)), index - 1);
    }
}

#[test]
fn periods_are_clipped_to_the_range() {
    let r = range(day(2024, 1, 31), day(2024, 3, 1));
    assert_eq!(
        Grain::Month.periods(r),
        vec![
            range(day(2024, 1, 31), day(2024, 1, 31)),
            range(day(2024, 2, 1), day(2024, 2, 29)),
            range(day(2024, 3, 1), day(2024, 3, 1)),
        ]
    );
    assert_eq!(Grain::Day.periods(r).len(), 31);
    assert_eq!(
        Grain::Week.periods(r).first(),
        Some(&range(day(2024, 1, 31), day(2024, 2, 4)))
    );
    // Wednesday 01-31 to Friday 03-01: five weeks, the last from Monday 02-26.
    assert_eq!(Grain::Week.periods(r).len(), 5);
    assert_eq!(
        Grain::Week.periods(r).last(),
        Some(&range(day(2024, 2, 26), day(2024, 3, 1)))
    );
    assert_eq!(
        Grain::Month.periods(range(day(2024, 1, 2), day(2024, 1, 1))),
        vec![]
    );
}

#[test]
fn previous_range_and_change() {
    // March has 31 days: the 31 days before it end on leap day.
    let march = range(day(2024, 3, 1), day(2024, 3, 31));
    assert_eq!(march.days(), 31);
    assert_eq!(previous(march), range(day(2024, 1, 30), day(2024, 2, 29)));
    let one = range(day(2024, 1, 1), day(2024, 1, 1));
    assert_eq!(previous(one), range(day(2023, 12, 31), day(2023, 12, 31)));
    assert!(previous(range(Day(5), Day(4))).is_empty());

    assert_eq!(change(150.0, 100.0), Some(0.5));
    assert_eq!(change(0.0, 100.0), Some(-1.0));
    assert_eq!(change(100.0, 100.0), Some(0.0));
    assert_eq!(change(5.0, 0.0), None);
    assert_eq!(change(-50.0, -100.0), Some(0.5), "a smaller loss is up");
    assert_eq!(change(f64::NAN, 1.0), None);
}

#[test]
fn cohorts_by_month_of_first_order() {
    let db = shop();
    // The range ends on 03-03, but its months are taken whole, to 03-31.
    let c = cohorts(&db, range(day(2023, 12, 15), day(2024, 3, 3)), HANOI);
    let rows: Vec<(Day, u32, Vec<u32>)> = c
        .rows
        .iter()
        .map(|r| (r.month, r.size, r.active.clone()))
        .collect();
    assert_eq!(
        rows,
        vec![
            // A (Dec, Jan, Feb; April is past the range) and H (Dec only).
            (day(2023, 12, 1), 2, vec![2, 1, 1, 0]),
            // D (Jan; the February refund does not count). C is deleted; G's
            // first order (November) is before the range.
            (day(2024, 1, 1), 1, vec![1, 0, 0]),
            // B, from 02-01 local, again on 03-05.
            (day(2024, 2, 1), 1, vec![1, 1]),
            // E, from 03-10.
            (day(2024, 3, 1), 1, vec![1]),
        ]
    );
    let dec = &c.rows[0];
    assert_eq!(dec.retention(0), Some(1.0));
    assert_eq!(dec.retention(1), Some(0.5));
    assert_eq!(dec.retention(3), Some(0.0));
    assert_eq!(dec.retention(4), None);
}

#[test]
fn cohorts_in_utc_move_first_orders_across_month_ends() {
    let db = shop();
    let c = cohorts(&db, range(day(2023, 12, 15), day(2024, 3, 3)), 0);
    let rows: Vec<(Day, u32, Vec<u32>)> = c
        .rows
        .iter()
        .map(|r| (r.month, r.size, r.active.clone()))
        .collect();
    assert_eq!(
        rows,
        vec![
            // H's first order is on 11-30 in UTC: in no cohort.
            (day(2023, 12, 1), 1, vec![1, 1, 1, 0]),
            // B starts on 01-31 and orders in February and March.
            (day(2024, 1, 1), 2, vec![2, 1, 1]),
            (day(2024, 2, 1), 0, vec![0, 0]),
            (day(2024, 3, 1), 1, vec![1]),
        ]
    );
    assert_eq!(c.rows[2].retention(0), None, "an empty cohort");
}

// Brute force: every order against every day, with chrono's calendar.

/// The local day of an instant, straight from milliseconds.
fn local_day(at: Millis, offset: i32) -> Day {
    Day((at + offset as i64 * 60_000).div_euclid(MS_PER_DAY) as i32)
}

/// What identifies the period of `d`, by chrono.
fn period_key(grain: Grain, d: Day) -> i64 {
    let n = d.to_naive();
    match grain {
        Grain::Day => d.0 as i64,
        Grain::Week => d.0 as i64 - n.weekday().num_days_from_monday() as i64,
        Grain::Month => n.year() as i64 * 12 + n.month0() as i64,
    }
}

fn brute_periods(grain: Grain, r: Range) -> Vec<Range> {
    let mut out: Vec<Range> = Vec::new();
    for n in r.from.0..=r.to.0 {
        match out.last_mut() {
            Some(p) if period_key(grain, p.from) == period_key(grain, Day(n)) => p.to = Day(n),
            _ => out.push(range(Day(n), Day(n))),
        }
    }
    out
}

/// Each live customer's counting orders as (local day, total, currency).
fn counting(
    deleted: &[bool],
    orders: &[O],
    offset: i32,
) -> BTreeMap<u64, Vec<(Day, i64, Currency)>> {
    let mut by: BTreeMap<u64, Vec<(Day, i64, Currency)>> = BTreeMap::new();
    for &(c, at, total, currency, status) in orders {
        if status.counts() && !deleted[c as usize - 1] {
            by.entry(c)
                .or_default()
                .push((local_day(at, offset), total, currency));
        }
    }
    by
}

fn brute_kpis(by: &BTreeMap<u64, Vec<(Day, i64, Currency)>>, r: Range, currency: Currency) -> Row {
    let (mut revenue, mut orders, mut currency_orders) = (0, 0, 0);
    let (mut active, mut new, mut returning) = (0, 0, 0);
    for list in by.values() {
        let first_ever = list.iter().map(|o| o.0).min().unwrap();
        let inside: Vec<&(Day, i64, Currency)> = list.iter().filter(|o| r.contains(o.0)).collect();
        for o in &inside {
            orders += 1;
            if o.2 == currency {
                revenue += o.1;
                currency_orders += 1;
            }
        }
        if let Some(first_here) = inside.iter().map(|o| o.0).min() {
            active += 1;
            if r.contains(first_ever) {
                new += 1;
            }
            if list.iter().any(|o| o.0 < first_here) {
                returning += 1;
            }
        }
    }
    (
        r.from,
        r.to,
        revenue,
        orders,
        currency_orders,
        active,
        new,
        returning,
    )
}

fn month_of(d: Day) -> i32 {
    let n = d.to_naive();
    n.year() * 12 + n.month0() as i32
}

fn brute_cohorts(
    by: &BTreeMap<u64, Vec<(Day, i64, Currency)>>,
    r: Range,
) -> Vec<(Day, u32, Vec<u32>)> {
    let (m0, m1) = (month_of(r.from), month_of(r.to));
    let mut rows: Vec<(Day, u32, Vec<u32>)> = (m0..=m1)
        .map(|m| {
            let start = Day::from_ymd(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1).unwrap();
            (start, 0, vec![0; (m1 - m + 1) as usize])
        })
        .collect();
    for list in by.values() {
        let first = month_of(list.iter().map(|o| o.0).min().unwrap());
        if first < m0 || first > m1 {
            continue;
        }
        let months: BTreeSet<i32> = list.iter().map(|o| month_of(o.0)).collect();
        let row = &mut rows[(first - m0) as usize];
        row.1 += 1;
        for k in 0..=(m1 - first) {
            if months.contains(&(first + k)) {
                row.2[k as usize] += 1;
            }
        }
    }
    rows
}

proptest! {
    #[test]
    fn agrees_with_brute_force(
        deleted in prop::collection::vec(prop::bool::weighted(0.2), 1..7),
        raw in prop::collection::vec((0u64..7, -100 * 1440i64..100 * 1440, 1i64..1000, any::<bool>(), 0usize..4), 0..40),
        from in -110i32..100,
        days in 0i32..120,
        grain in 0usize..3,
        offset in -720i32..=840,
        in_usd in any::<bool>(),
    ) {
        // Orders within 100 days of 2024-02-15 (month ends, a leap day), at any minute.
        let base = utc(2024, 2, 15, 0, 0);
        let orders: Vec<O> = raw
            .iter()
            .map(|&(c, minute, total, usd, s)| {
                let c = c % deleted.len() as u64 + 1;
                let currency = if usd { USD } else { VND };
                (c, base + minute * 60_000, total, currency, OrderStatus::ALL[s])
            })
            .collect();
        let db = db_with(&deleted, &orders);
        let r = range(Day(day(2024, 2, 15).0 + from), Day(day(2024, 2, 15).0 + from + days));
        let grain = Grain::ALL[grain];
        let currency = if in_usd { USD } else { VND };
        let t = kpis(&db, r, grain, offset, currency);

        let by = counting(&deleted, &orders, offset);
        let spans = brute_periods(grain, r);
        let got: Vec<Range> = t.periods.iter().map(|k| range(k.start, k.end)).collect();
        prop_assert_eq!(&got, &spans);
        for (k, span) in t.periods.iter().zip(&spans) {
            prop_assert_eq!(row(k), brute_kpis(&by, *span, currency));
            prop_assert_eq!(k.new + k.returning, k.active);
        }
        prop_assert_eq!(row(&t.total), brute_kpis(&by, r, currency));
        // Sums over the periods, against the total computed on its own.
        prop_assert_eq!(t.periods.iter().map(|k| k.revenue).sum::<i64>(), t.total.revenue);
        prop_assert_eq!(t.periods.iter().map(|k| k.orders).sum::<u32>(), t.total.orders);
        prop_assert_eq!(t.periods.iter().map(|k| k.currency_orders).sum::<u32>(), t.total.currency_orders);

        let c = cohorts(&db, r, offset);
        let got: Vec<(Day, u32, Vec<u32>)> = c.rows.iter().map(|r| (r.month, r.size, r.active.clone())).collect();
        prop_assert_eq!(got, brute_cohorts(&by, r));
        for row in &c.rows {
            prop_assert_eq!(row.active[0], row.size);
        }
    }
}

/// This month, up to today, is unfinished: its revenue is so far. A range that ends
/// mid-month in the past, or a month ended, is not.
#[test]
fn the_running_period_is_unfinished() {
    let db = Db::new();
    let day = |s: &str| Day::parse_iso(s).unwrap();
    let today = day("2026-12-07");
    let trend = |from: &str, to: &str, grain| {
        kpis(
            &db,
            Range::new(day(from), day(to)),
            grain,
            420,
            Currency::VND,
        )
    };
    assert!(trend("2026-01-01", "2026-12-07", Grain::Month).last_unfinished(Grain::Month, today));
    assert!(trend("2026-11-01", "2026-12-07", Grain::Week).last_unfinished(Grain::Week, today));
    assert!(!trend("2026-01-01", "2026-11-30", Grain::Month).last_unfinished(Grain::Month, today));
    assert!(!trend("2026-01-01", "2026-06-15", Grain::Month).last_unfinished(Grain::Month, today));
    assert!(!trend("2026-12-01", "2026-12-07", Grain::Day).last_unfinished(Grain::Day, today));
}
