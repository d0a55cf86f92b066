//! `clientele segment`: the customers matching a rule file, over orders (and, if given,
//! customer profiles and order items) read from CSV files.
//!
//! Customer ids in the files are arbitrary texts. Each distinct one gets a synthetic
//! `Id` by order of first appearance (customers file first, then orders), so the core
//! evaluates the rule as it does in the app; output shows the ids as the files write
//! them, sorted. Customers only in the orders file have an empty profile; customers
//! only in the customers file have no orders (prospects).

use crate::csvfile::{bad, cell, Table};
use crate::customers::{self, CustomerFile};
use crate::orders::{self, OrderFile};
use crate::{as_of_arg, format_arg, rulefile, CliError, Format};
use clientele_core::clv::potential::Potential;
use clientele_core::clv::predict::Horizon;
use clientele_core::crosssell;
use clientele_core::db::bucket_of;
use clientele_core::export::{CsvStyle, Delimiter};
use clientele_core::facts::OrderFact;
use clientele_core::hlc::{DeviceId, Hlc};
use clientele_core::model::{Currency, Customer};
use clientele_core::purchases::{channel_bit, PurchaseFact};
use clientele_core::segment::analysis::{Analysis, Params};
use clientele_core::segment::eval::{Compiled, Context};
use clientele_core::segment::rules::{Condition, Field, Rule};
use clientele_core::segment::saved::{csv_lines, member_values, MEMBER_COLUMNS};
use clientele_core::time::Day;
use clientele_core::{Db, Id, Record};
use lexopt::ValueExt;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

struct Args {
    orders: PathBuf,
    customers: Option<PathBuf>,
    items: Option<PathBuf>,
    rules: PathBuf,
    as_of: Day,
    currency: Currency,
    format: Format,
}

fn parse(mut p: lexopt::Parser) -> Result<Args, CliError> {
    use lexopt::Arg::*;
    let (mut orders, mut customers, mut items, mut rules) = (None, None, None, None);
    let (mut as_of, mut currency, mut format) = (None, Currency::VND, Format::Csv);
    while let Some(arg) = p.next()? {
        match arg {
            Long("orders") => orders = Some(PathBuf::from(p.value()?)),
            Long("customers") => customers = Some(PathBuf::from(p.value()?)),
            Long("items") => items = Some(PathBuf::from(p.value()?)),
            Long("rules") => rules = Some(PathBuf::from(p.value()?)),
            Long("as-of") => as_of = Some(as_of_arg(&mut p)?),
            Long("currency") => {
                let v = p.value()?.string()?;
                currency = Currency::parse(&v).ok_or_else(|| {
                    CliError::usage(format!(
                        "--currency: '{v}' is not a three-letter currency code like VND"
                    ))
                })?;
            }
            Long("format") => format = format_arg(&mut p)?,
            other => return Err(other.unexpected().into()),
        }
    }
    Ok(Args {
        orders: orders.ok_or_else(|| CliError::usage("--orders is required"))?,
        customers,
        items,
        rules: rules.ok_or_else(|| CliError::usage("--rules is required"))?,
        as_of: as_of.unwrap_or_else(|| Day::from_naive(chrono::Local::now().date_naive())),
        currency,
        format,
    })
}

pub fn run(p: lexopt::Parser) -> Result<(), CliError> {
    let a = parse(p)?;
    let rule = rulefile::read(&a.rules)?;
    let customers = match &a.customers {
        Some(f) => Some(customers::read(f, a.as_of)?),
        None => None,
    };
    let orders = orders::read_rows(&a.orders, a.currency)?;
    let items = match &a.items {
        Some(f) => Some(read_items(f, &a.orders, &orders)?),
        None => None,
    };
    check_data(&rule, &a, customers.as_ref(), &orders, items.as_ref())?;
    let shop = Shop::build(customers, &orders, items.as_ref());
    let mut analysis = Analysis::compute(&shop.db, &Params::new(a.as_of, a.currency));
    add_potential(&rule, &a, &shop.db, &mut analysis)?;
    let ctx = Context {
        db: &shop.db,
        analysis: &analysis,
    };
    let compiled = Compiled::new(&rule, &ctx);
    let mut members = compiled.members(&ctx, 0..shop.db.len() as u32);
    members.sort_by(|x, y| shop.original(*x).cmp(shop.original(*y)));
    // Built whole before printing: an error above leaves no partial output.
    let out = match a.format {
        Format::Csv => csv_out(&shop, &analysis, &members),
        Format::Json => json_out(&shop, &analysis, &members),
    };
    crate::emit(&out)?;
    Ok(())
}

/// Adds what the rule's lifetime value and next-product fields read: the models
/// fitted to the orders up to `--as-of` (refused with the reason when they cannot be),
/// and the cross-sell suggestions from the items.
fn add_potential(rule: &Rule, a: &Args, db: &Db, analysis: &mut Analysis) -> Result<(), CliError> {
    let mut conditions = Vec::new();
    placed(rule, "", &mut conditions);
    let uses = |f: &[Field]| conditions.iter().find(|(_, c)| f.contains(&c.field));
    if let Some((place, c)) = uses(&[Field::Clv, Field::PAlive, Field::ChurnRisk]) {
        let potential = Potential::compute(db, a.as_of, 0, a.currency, Horizon::default());
        if let Some(Err(e)) = &potential.models {
            return Err(CliError {
                message: format!(
                    "{}: rule {place}: field '{}' needs the lifetime value models, which cannot be fitted to {}: {e}",
                    a.rules.display(),
                    c.field,
                    a.orders.display()
                ),
                code: 2,
            });
        }
        analysis.potential = potential;
    }
    if uses(&[Field::NextProduct]).is_some() {
        let rules = crosssell::mine(db, &crosssell::Settings::default());
        analysis.set_next(db, &crosssell::Recommender::new(&rules));
    }
    Ok(())
}

/// The order lines of an items file: (order index in `orders.rows`, product,
/// category, SKU), and which of the three columns the file has.
struct Items {
    lines: Vec<(usize, String, String, String)>,
    has: [bool; 3],
}

const ITEM_COLUMNS: [&str; 3] = ["product", "category", "sku"];

fn read_items(path: &Path, orders_path: &Path, orders: &OrderFile) -> Result<Items, CliError> {
    if !orders.has_order_id {
        return Err(bad(
            orders_path,
            1,
            "order_id",
            "missing from the header (needed to join the order items of --items)",
        ));
    }
    // Each order id belongs to one customer; its first row stands for the order.
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (i, r) in orders.rows.iter().enumerate() {
        if r.order_id.is_empty() {
            continue;
        }
        if let Some(&first) = by_id.get(r.order_id.as_str()) {
            let f = &orders.rows[first];
            if f.customer != r.customer {
                return Err(bad(
                    orders_path,
                    r.line,
                    "order_id",
                    format!(
                        "'{}' is already the order of customer '{}' on line {}",
                        r.order_id, f.customer, f.line
                    ),
                ));
            }
        } else {
            by_id.insert(&r.order_id, i);
        }
    }
    let mut table = Table::open(path)?;
    table.require(
        &["order_id"],
        "needed: order_id, and product, category or sku",
    )?;
    let oi = table.find("order_id");
    let cols = ITEM_COLUMNS.map(|c| table.find(c));
    let mut lines = Vec::new();
    for row in table.rows() {
        let (line, row) = row?;
        let id = cell(&row, oi);
        if id.is_empty() {
            return Err(bad(path, line, "order_id", "empty"));
        }
        let &order = by_id.get(id).ok_or_else(|| {
            bad(
                path,
                line,
                "order_id",
                format!("'{id}' is not an order in {}", orders_path.display()),
            )
        })?;
        let [p, c, s] = cols.map(|i| cell(&row, i).to_string());
        lines.push((order, p, c, s));
    }
    Ok(Items {
        lines,
        has: cols.map(|c| c.is_some()),
    })
}

/// Where the data a field needs comes from.
enum Needs {
    /// The orders file's required columns.
    Orders,
    OrdersColumn(&'static str),
    CustomersColumn(String),
    /// Column `ITEM_COLUMNS[i]` of the items file.
    ItemsColumn(usize),
    Interactions,
}

fn needs(field: &Field) -> Needs {
    use Field::*;
    let customers = |c: &str| Needs::CustomersColumn(c.to_string());
    match field {
        Orders | TotalSpent | AverageSpend | DaysSinceLastOrder | DaysSinceFirstOrder
        | RfmSegment | Stage | RecencyScore | FrequencyScore | MonetaryScore | FmScore | Clv
        | PAlive | ChurnRisk => Needs::Orders,
        Product | NextProduct => Needs::ItemsColumn(0),
        Category => Needs::ItemsColumn(1),
        Sku => Needs::ItemsColumn(2),
        Store => Needs::OrdersColumn("store"),
        SalesChannel => Needs::OrdersColumn("channel"),
        Interactions | DaysSinceLastInteraction => Needs::Interactions,
        Kind => customers("kind"),
        Age => customers("birthday"),
        Gender => customers("gender"),
        Occupation => customers("occupation"),
        Income => customers("income_band"),
        Country => customers("country"),
        City => customers("city"),
        District => customers("district"),
        Interests => customers("interests"),
        Values => customers("values"),
        Tags => customers("tags"),
        Acquisition => customers("channel"),
        Source => customers("source"),
        Consent(ch) => Needs::CustomersColumn(format!("consent_{}", ch.code())),
        Custom(name) => Needs::CustomersColumn(format!("custom:{name}")),
    }
}

/// Every condition with its place, numbered as `Rule::check` numbers them.
fn placed<'r>(rule: &'r Rule, path: &str, out: &mut Vec<(String, &'r Condition)>) {
    match rule {
        Rule::All(v) | Rule::Any(v) => {
            for (i, r) in v.iter().enumerate() {
                let p = if path.is_empty() {
                    format!("{}", i + 1)
                } else {
                    format!("{path}.{}", i + 1)
                };
                placed(r, &p, out);
            }
        }
        Rule::Condition(c) => {
            let here = if path.is_empty() { "1" } else { path };
            out.push((here.to_string(), c));
        }
    }
}

/// Refuses a rule on data the files do not hold (rather than matching nobody).
fn check_data(
    rule: &Rule,
    a: &Args,
    customers: Option<&CustomerFile>,
    orders: &OrderFile,
    items: Option<&Items>,
) -> Result<(), CliError> {
    let mut conditions = Vec::new();
    placed(rule, "", &mut conditions);
    for (place, c) in conditions {
        let f = &c.field;
        let problem = match needs(f) {
            Needs::Orders => None,
            Needs::OrdersColumn(col) => {
                let has = match col {
                    "store" => orders.has_store,
                    _ => orders.has_channel,
                };
                (!has).then(|| {
                    format!(
                        "field '{f}' needs a '{col}' column in {}, which has none",
                        a.orders.display()
                    )
                })
            }
            Needs::CustomersColumn(col) => match (customers, &a.customers) {
                (Some(file), Some(path)) => (!file.has(&col)).then(|| {
                    format!(
                        "field '{f}' needs a '{col}' column in {}, which has none",
                        path.display()
                    )
                }),
                _ => Some(format!(
                    "field '{f}' needs customer profiles: give --customers FILE with a '{col}' column"
                )),
            },
            Needs::ItemsColumn(i) => {
                let col = ITEM_COLUMNS[i];
                match (items, &a.items) {
                    (Some(items), Some(path)) => (!items.has[i]).then(|| {
                        format!(
                            "field '{f}' needs a '{col}' column in {}, which has none",
                            path.display()
                        )
                    }),
                    _ => Some(format!(
                        "field '{f}' needs order items: give --items FILE with order_id and '{col}' columns (as in demo's order_items.csv)"
                    )),
                }
            }
            Needs::Interactions => Some(format!(
                "field '{f}' needs interactions, which `clientele segment` does not read"
            )),
        };
        if let Some(problem) = problem {
            return Err(CliError {
                message: format!("{}: rule {place}: {problem}", a.rules.display()),
                code: 2,
            });
        }
    }
    Ok(())
}

/// The database built from the files, and each customer's id as the files write it.
struct Shop {
    db: Db,
    original: HashMap<Id, String>,
}

/// The synthetic id of the `k`-th customer: time-ordered by `k` (positions follow
/// first appearance), spread over buckets by `k`.
fn synthetic(k: usize, tag: u8) -> Id {
    let b = (k as u32).to_le_bytes();
    Id::new_v7(k as u64 + 1, [tag, 0, 0, 0, 0, 0, b[0], b[1], b[2], b[3]])
}

fn push_new(list: &mut Vec<String>, s: &str) {
    if !s.is_empty() && !list.iter().any(|x| x == s) {
        list.push(s.to_string());
    }
}

impl Shop {
    fn build(customers: Option<CustomerFile>, orders: &OrderFile, items: Option<&Items>) -> Shop {
        let mut names: Vec<String> = Vec::new();
        let mut profiles: Vec<Customer> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (id, c) in customers.map(|f| f.rows).unwrap_or_default() {
            index.insert(id.clone(), names.len());
            names.push(id);
            profiles.push(c);
        }
        let mut customer_of = Vec::with_capacity(orders.rows.len());
        for r in &orders.rows {
            let k = *index.entry(r.customer.clone()).or_insert_with(|| {
                names.push(r.customer.clone());
                profiles.push(Customer::default());
                names.len() - 1
            });
            customer_of.push(k);
        }
        let ids: Vec<Id> = (0..names.len()).map(|k| synthetic(k, 0)).collect();
        let mut facts: HashMap<u32, Vec<OrderFact>> = HashMap::new();
        let mut bought: Vec<Option<PurchaseFact>> = vec![None; names.len()];
        for (i, r) in orders.rows.iter().enumerate() {
            if !r.counts() {
                continue;
            }
            let id = ids[customer_of[i]];
            facts.entry(bucket_of(id)).or_default().push(OrderFact {
                order: synthetic(i, 1),
                customer: id,
                placed_at: r.day.start_millis(),
                total: r.total,
                currency: r.currency,
                status: r.status,
            });
            let p = bought[customer_of[i]].get_or_insert_with(|| PurchaseFact {
                customer: id,
                ..Default::default()
            });
            push_new(&mut p.stores, &r.store);
            if let Some(ch) = r.channel {
                p.channels |= channel_bit(ch);
            }
        }
        for (order, product, category, sku) in items.map(|i| &i.lines[..]).unwrap_or(&[]) {
            let r = &orders.rows[*order];
            if !r.counts() {
                continue;
            }
            let k = customer_of[*order];
            let p = bought[k].get_or_insert_with(|| PurchaseFact {
                customer: ids[k],
                ..Default::default()
            });
            push_new(&mut p.products, product);
            push_new(&mut p.categories, category);
            push_new(&mut p.skus, sku);
        }
        let stamp = Hlc {
            millis: 0,
            counter: 0,
            device: DeviceId(0),
        };
        let records: Vec<Record<Customer>> = profiles
            .into_iter()
            .zip(&ids)
            .map(|(c, id)| Record::new(*id, c, stamp))
            .collect();
        let mut db = Db::load(records, facts.into_iter().collect(), vec![]);
        db.load_purchases(vec![(0, bought.into_iter().flatten().collect())]);
        Shop {
            db,
            original: ids.into_iter().zip(names).collect(),
        }
    }

    fn original(&self, position: u32) -> &str {
        &self.original[&self.db.at(position).id]
    }
}

/// The members as the core's members CSV, with each id as the files write it.
fn csv_out(shop: &Shop, analysis: &Analysis, members: &[u32]) -> String {
    let style = CsvStyle {
        delimiter: Delimiter::Comma,
        bom: false,
    };
    csv_lines(members.iter().map(|&p| values(shop, analysis, p)), style)
}

/// A member's export values, with the customer id as the files write it.
fn values(shop: &Shop, analysis: &Analysis, p: u32) -> [String; 19] {
    let mut v = member_values(&shop.db, analysis, p);
    v[0] = shop.original(p).to_string();
    v
}

/// The members as a JSON array of objects with the CSV's fields: counts and money as
/// numbers, missing values as null.
fn json_out(shop: &Shop, analysis: &Analysis, members: &[u32]) -> String {
    use serde_json::Value;
    let rows: Vec<Value> = members
        .iter()
        .map(|&p| {
            let values = values(shop, analysis, p);
            let object = MEMBER_COLUMNS
                .iter()
                .zip(values)
                .map(|(&name, v)| {
                    let value = match name {
                        "orders" | "recency_days" | "frequency" | "r" | "f" | "m"
                        | "total_spent" | "monetary" => number(&v),
                        "last_order" | "segment" | "stage" if v.is_empty() => Value::Null,
                        _ => Value::String(v),
                    };
                    (name.to_string(), value)
                })
                .collect::<serde_json::Map<String, Value>>();
            Value::Object(object)
        })
        .collect();
    serde_json::to_string_pretty(&rows).expect("JSON of plain values") + "\n"
}

/// A count or an amount as a JSON number ("" is null).
fn number(v: &str) -> serde_json::Value {
    if v.is_empty() {
        return serde_json::Value::Null;
    }
    match v.parse::<i64>() {
        Ok(n) => n.into(),
        Err(_) => v.parse::<f64>().expect("a decimal amount").into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientele_core::export::csv::cell;
    use clientele_core::model::{OrderStatus, SalesChannel};
    use clientele_core::segment::saved::members_csv;
    use orders::OrderRow;

    fn row(customer: &str, day: i32, total: i64, status: OrderStatus) -> OrderRow {
        OrderRow {
            line: 2,
            order_id: format!("o-{customer}-{day}"),
            customer: customer.into(),
            day: Day(day),
            total,
            currency: Currency::VND,
            status,
            channel: Some(SalesChannel::Online),
            store: "Web".into(),
        }
    }

    /// The JSON's values are the CSV's, before quoting: checked against the core.
    #[test]
    fn member_values_agree_with_members_csv() {
        let mut c = Customer {
            display_name: "Trần, \"Bình\"".into(),
            phones: vec!["+84 90 123".into()],
            tags: vec!["VIP".into(), "=x".into()],
            ..Default::default()
        };
        c.address.city = "Hà Nội".into();
        let customers = CustomerFile {
            rows: vec![("b".into(), c), ("prospect".into(), Customer::default())],
            columns: vec![],
        };
        let orders = OrderFile {
            rows: vec![
                row("a", 100, 500, OrderStatus::Paid),
                row("b", 90, 2000, OrderStatus::Pending),
                row("b", 95, 7, OrderStatus::Refunded),
                row("a", 40, 300, OrderStatus::Paid),
            ],
            has_order_id: true,
            has_channel: true,
            has_store: true,
        };
        let shop = Shop::build(Some(customers), &orders, None);
        let analysis = Analysis::compute(&shop.db, &Params::new(Day(100), Currency::VND));
        assert_eq!(shop.db.len(), 3);
        let all: Vec<u32> = (0..3).collect();
        let plain = CsvStyle {
            delimiter: Delimiter::Comma,
            bom: false,
        };
        let csv = members_csv(&shop.db, &analysis, &all, plain);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some(MEMBER_COLUMNS.join(",").as_str()));
        for (&p, line) in all.iter().zip(lines) {
            let values = member_values(&shop.db, &analysis, p);
            let quoted: Vec<String> = values.iter().map(|v| cell(v, Delimiter::Comma)).collect();
            assert_eq!(quoted.join(","), line);
        }
        // Ids as the files write them, sorted; first appearance decides positions.
        assert_eq!(
            (0..3).map(|p| shop.original(p)).collect::<Vec<_>>(),
            ["b", "prospect", "a"]
        );
        let out = csv_out(&shop, &analysis, &[2, 0]);
        assert!(
            out.contains("\na,,,,,,,2,800,VND,1970-04-11,0,2,800,"),
            "{out}"
        );
        assert!(
            out.contains("\nb,\"Trần, \"\"Bình\"\"\",,'+84 90 123,Hà Nội,,VIP; =x,1,"),
            "{out}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&json_out(&shop, &analysis, &[0, 1])).unwrap();
        assert_eq!(
            json[0]["phone"], "+84 90 123",
            "raw, not spreadsheet-defused"
        );
        assert_eq!(json[0]["total_spent"], 2000);
        assert_eq!(json[1]["recency_days"], serde_json::Value::Null);
        assert_eq!(json[1]["stage"], "prospect");
    }
}
