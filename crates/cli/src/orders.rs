//! Reading an orders CSV for batch analytics: a header with at least `customer_id`,
//! `date` and `amount` (any order, any case); other columns are ignored, except an
//! optional `status` (and, for `segment`, optional `order_id`, `currency`, `channel`
//! and `store`). Dates are ISO (`2026-01-31`, or a date-time such as
//! `2026-01-31T08:05:00Z`, whose date is taken); amounts are plain decimals
//! (`1234.5`). Rows whose status is refunded or cancelled, and rows with a negative
//! amount (refunds), are not purchases. The first bad row stops the reading with its
//! line and column.

use crate::csvfile::{bad, cell, Table};
use crate::CliError;
use clientele_core::import::file::CsvFile;
use clientele_core::import::rows::{Fields, Row};
use clientele_core::model::{Currency, OrderStatus, SalesChannel};
use clientele_core::segment::rfm::Purchase;
use clientele_core::time::Day;
use std::hash::BuildHasher;
use std::path::Path;

pub fn parse_day(s: &str) -> Option<Day> {
    let s = s.trim();
    // A date-time: the date part, when the rest looks like a time.
    if let (Some(date), Some(rest)) = (s.get(..10), s.get(10..)) {
        if rest.starts_with(['T', ' ']) && rest.len() >= 6 && rest.as_bytes()[3] == b':' {
            return Day::parse_iso(date);
        }
    }
    Day::parse_iso(s)
}

/// The columns every orders file has.
#[derive(Clone, Copy)]
struct Base {
    customer: usize,
    date: usize,
    amount: usize,
    status: Option<usize>,
}

impl Base {
    /// The columns of a header (names compared trimmed, without regard to case), or
    /// which of the needed ones it lacks, for both readers of orders files.
    fn of(path: &Path, header: &[String]) -> Result<Base, CliError> {
        let find = |name: &str| {
            header.iter().position(|h| {
                h.trim_start_matches('\u{feff}')
                    .trim()
                    .eq_ignore_ascii_case(name)
            })
        };
        match (find("customer_id"), find("date"), find("amount")) {
            (Some(customer), Some(date), Some(amount)) => Ok(Base {
                customer,
                date,
                amount,
                status: find("status"),
            }),
            _ => {
                let missing: Vec<&str> = ["customer_id", "date", "amount"]
                    .into_iter()
                    .filter(|n| find(n).is_none())
                    .collect();
                Err(bad(
                    path,
                    1,
                    &missing.join("', '"),
                    "missing from the header (needed: customer_id, date, amount)",
                ))
            }
        }
    }
}

fn open(path: &Path) -> Result<(Table, Base), CliError> {
    let table = Table::open(path)?;
    let base = Base::of(path, table.names())?;
    Ok((table, base))
}

/// The customer and day of a row, checked.
fn customer_day<'a>(
    path: &Path,
    line: u64,
    customer: &'a str,
    date: &str,
) -> Result<(&'a str, Day), CliError> {
    let customer = customer.trim();
    if customer.is_empty() {
        return Err(bad(path, line, "customer_id", "empty"));
    }
    let day = parse_day(date).ok_or_else(|| {
        bad(
            path,
            line,
            "date",
            format!("'{date}' is not an ISO date (YYYY-MM-DD)"),
        )
    })?;
    Ok((customer, day))
}

fn status(row: &Row, b: &Base) -> OrderStatus {
    status_of(cell(row, b.status))
}

/// An order's status from its cell: refunded and cancelled orders are no purchases.
fn status_of(cell: &str) -> OrderStatus {
    let cell = cell.trim();
    let is = |w: &str| cell.eq_ignore_ascii_case(w);
    if is("refunded") {
        OrderStatus::Refunded
    } else if is("cancelled") || is("canceled") {
        OrderStatus::Cancelled
    } else if is("pending") {
        OrderStatus::Pending
    } else {
        OrderStatus::Paid
    }
}

/// The purchases of an orders file (RFM, lifetime value). Customers are numbered
/// in the order of their ids, so that results in number order come sorted by id.
pub struct Purchases {
    /// Each customer's id as the file writes it, by number.
    pub ids: Vec<String>,
    pub list: Vec<Purchase<u32>>,
}

/// Reads the purchases of an orders file, streamed a megabyte at a time through the
/// core's CSV reader (the one the app's Import page uses), without an allocation
/// per row. The first bad row stops the reading with its line and column.
pub fn read(path: &Path) -> Result<Purchases, CliError> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| CliError {
        message: format!("cannot read {}: {e}", path.display()),
        code: 2,
    };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut csv = CsvFile::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut reading = Reading::new(path);
    loop {
        let n = file.read(&mut buf).map_err(unreadable)?;
        let each = &mut |h: &[String], f: Fields<'_>| reading.row(h, f);
        let done = if n == 0 {
            csv.finish_fields(each)
        } else {
            csv.push_fields(&buf[..n], each)
        };
        done.map_err(|e| CliError {
            message: format!("{}: {e}", path.display()),
            code: 2,
        })?;
        if let Some(e) = reading.failure.take() {
            return Err(e);
        }
        if n == 0 {
            break;
        }
    }
    if reading.base.is_none() {
        // A header alone: its columns are still checked.
        if let Some(h) = csv.header() {
            Base::of(path, h)?;
        }
    }
    Ok(reading.finish())
}

/// The state of `read`: the columns, the customers met, the purchases.
struct Reading<'a> {
    path: &'a Path,
    base: Option<Base>,
    width: usize,
    /// Customer numbers by id (`ids` holds the ids).
    numbers: hashbrown::HashTable<u32>,
    /// The number of the last row's customer (none at first).
    last: u32,
    ids: Vec<Box<str>>,
    list: Vec<Purchase<u32>>,
    failure: Option<CliError>,
}

impl<'a> Reading<'a> {
    fn new(path: &'a Path) -> Reading<'a> {
        Reading {
            path,
            base: None,
            width: 0,
            numbers: hashbrown::HashTable::new(),
            last: u32::MAX,
            ids: Vec::new(),
            list: Vec::new(),
            failure: None,
        }
    }

    fn row(&mut self, header: &[String], f: Fields<'_>) {
        if self.failure.is_some() {
            return;
        }
        if let Err(e) = self.purchase(header, &f) {
            self.failure = Some(e);
        }
    }

    fn purchase(&mut self, header: &[String], f: &Fields<'_>) -> Result<(), CliError> {
        let b = match self.base {
            Some(b) => b,
            None => {
                let b = Base::of(self.path, header)?;
                self.width = header.len();
                *self.base.insert(b)
            }
        };
        let line = u64::from(f.line);
        if f.len() != self.width {
            return Err(bad(
                self.path,
                line,
                "-",
                format!(
                    "{} values, but the header has {} columns",
                    f.len(),
                    self.width
                ),
            ));
        }
        let (customer, day) = customer_day(self.path, line, f.get(b.customer), f.get(b.date))?;
        let amount_text = f.get(b.amount).trim();
        let amount: f64 = amount_text
            .parse()
            .ok()
            .filter(|a: &f64| a.is_finite())
            .ok_or_else(|| {
                bad(
                    self.path,
                    line,
                    "amount",
                    format!("'{amount_text}' is not a decimal number like 1234.50"),
                )
            })?;
        if amount < 0.0 || !status_of(b.status.map_or("", |i| f.get(i))).counts() {
            return Ok(());
        }
        let n = self.number(customer);
        self.list.push(Purchase {
            customer: n,
            day,
            amount,
        });
        Ok(())
    }

    /// The number of a customer id, given in the order met. Rows of one customer
    /// often follow each other (an order's lines, exports sorted by customer): the
    /// last id is checked before the table.
    fn number(&mut self, customer: &str) -> u32 {
        if let Some(last) = self.ids.get(self.last as usize) {
            if **last == *customer {
                return self.last;
            }
        }
        let hash = |id: &str| rustc_hash::FxBuildHasher.hash_one(id);
        let ids = &self.ids;
        let h = hash(customer);
        if let Some(&n) = self.numbers.find(h, |&n| *ids[n as usize] == *customer) {
            self.last = n;
            return n;
        }
        let n = self.ids.len() as u32;
        self.ids.push(customer.into());
        let ids = &self.ids;
        self.numbers
            .insert_unique(h, n, |&k| hash(&ids[k as usize]));
        self.last = n;
        n
    }

    /// Renumbers the customers in the order of their ids.
    fn finish(self) -> Purchases {
        let mut order: Vec<u32> = (0..self.ids.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.ids[a as usize].cmp(&self.ids[b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (r, &n) in order.iter().enumerate() {
            rank[n as usize] = r as u32;
        }
        let mut list = self.list;
        for p in &mut list {
            p.customer = rank[p.customer as usize];
        }
        let mut ids: Vec<Option<Box<str>>> = self.ids.into_iter().map(Some).collect();
        let ids = order
            .iter()
            .map(|&n| ids[n as usize].take().map(String::from).unwrap_or_default())
            .collect();
        Purchases { ids, list }
    }
}

/// One row of an orders file, as `segment` uses it.
pub struct OrderRow {
    pub line: u64,
    /// Empty when the file has no `order_id` column.
    pub order_id: String,
    pub customer: String,
    pub day: Day,
    /// Minor units of `currency`.
    pub total: i64,
    pub currency: Currency,
    pub status: OrderStatus,
    pub channel: Option<SalesChannel>,
    pub store: String,
}

impl OrderRow {
    /// Whether the row is a purchase: not refunded or cancelled, not a negative amount.
    pub fn counts(&self) -> bool {
        self.status.counts() && self.total >= 0
    }
}

/// An orders file read whole, with which optional columns it has.
pub struct OrderFile {
    pub rows: Vec<OrderRow>,
    pub has_order_id: bool,
    pub has_channel: bool,
    pub has_store: bool,
}

/// An amount in minor units of `currency`; trailing zeros past its precision are
/// allowed ("100.00" VND is 100).
pub fn parse_amount(currency: Currency, s: &str) -> Option<i64> {
    let s = s.trim();
    currency.parse_amount(s).or_else(|| {
        s.contains('.')
            .then(|| currency.parse_amount(s.trim_end_matches('0')))
            .flatten()
    })
}

/// A sales channel by its rule code (`in_store`) or its name (`InStore`, `In store`).
pub fn parse_channel(s: &str) -> Option<SalesChannel> {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let k = key(s);
    SalesChannel::ALL.into_iter().find(|c| key(c.code()) == k)
}

/// Every row of an orders file, refunded and cancelled ones included (they are not
/// purchases, but their orders exist). Amounts without a `currency` cell are in
/// `default_currency`.
pub fn read_rows(path: &Path, default_currency: Currency) -> Result<OrderFile, CliError> {
    let (mut table, b) = open(path)?;
    let order_id = table.find("order_id");
    let currency = table.find("currency");
    let channel = table.find("channel");
    let store = table.find("store");
    let mut rows = Vec::new();
    for row in table.rows() {
        let (line, row) = row?;
        let (customer, day) = customer_day(
            path,
            line,
            cell(&row, Some(b.customer)),
            row.fields.get(b.date).map_or("", String::as_str),
        )?;
        let customer = customer.to_string();
        let currency = match cell(&row, currency) {
            "" => default_currency,
            code => Currency::parse(code).ok_or_else(|| {
                bad(
                    path,
                    line,
                    "currency",
                    format!("'{code}' is not a three-letter currency code like VND"),
                )
            })?,
        };
        let amount_text = cell(&row, Some(b.amount));
        let total = parse_amount(currency, amount_text).ok_or_else(|| {
            bad(
                path,
                line,
                "amount",
                format!(
                    "'{amount_text}' is not an amount in {currency} (a decimal number with at most {} decimals)",
                    currency.exponent()
                ),
            )
        })?;
        let channel = match cell(&row, channel) {
            "" => None,
            name => Some(parse_channel(name).ok_or_else(|| {
                bad(
                    path,
                    line,
                    "channel",
                    format!(
                        "'{name}' is not a sales channel (one of: {})",
                        SalesChannel::ALL.map(SalesChannel::code).join(", ")
                    ),
                )
            })?),
        };
        rows.push(OrderRow {
            line,
            order_id: cell(&row, order_id).to_string(),
            customer,
            day,
            total,
            currency,
            status: status(&row, &b),
            channel,
            store: cell(&row, store).to_string(),
        });
    }
    Ok(OrderFile {
        rows,
        has_order_id: order_id.is_some(),
        has_channel: channel.is_some(),
        has_store: store.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of one customer in a run, then met again later: each id keeps one number,
    /// and numbers follow the ids' order.
    #[test]
    fn customers_numbered_in_id_order() {
        let path =
            std::env::temp_dir().join(format!("clientele-orders-{}.csv", std::process::id()));
        let rows = ["b", "b", "a", "b", "c", "c", "a", "d", "b"];
        let mut text = String::from("customer_id,date,amount\n");
        for (i, id) in rows.iter().enumerate() {
            text += &format!("{id},2026-01-{:02},{i}\n", i + 1);
        }
        std::fs::write(&path, text).unwrap();
        let read = read(&path);
        std::fs::remove_file(&path).unwrap();
        let p = read.unwrap();
        assert_eq!(p.ids, ["a", "b", "c", "d"]);
        let got: Vec<&str> = p
            .list
            .iter()
            .map(|x| p.ids[x.customer as usize].as_str())
            .collect();
        assert_eq!(got, rows);
        let amounts: Vec<f64> = p.list.iter().map(|x| x.amount).collect();
        assert_eq!(
            amounts,
            (0..rows.len()).map(|i| i as f64).collect::<Vec<_>>()
        );
    }

    #[test]
    fn dates() {
        assert_eq!(parse_day("2026-01-31"), Day::from_ymd(2026, 1, 31));
        assert_eq!(
            parse_day("2026-01-31T08:05:00Z"),
            Day::from_ymd(2026, 1, 31)
        );
        assert_eq!(parse_day("2026-01-31 08:05"), Day::from_ymd(2026, 1, 31));
        assert_eq!(parse_day("31/01/2026"), None);
        assert_eq!(parse_day("2026-01-31Tnope"), None);
        assert_eq!(parse_day("2026-02-30"), None);
    }

    #[test]
    fn amounts_and_channels() {
        assert_eq!(parse_amount(Currency::VND, "2500000"), Some(2_500_000));
        assert_eq!(parse_amount(Currency::VND, "100.00"), Some(100));
        assert_eq!(parse_amount(Currency::VND, "100.50"), None);
        assert_eq!(parse_amount(Currency::USD, "12.5"), Some(1250));
        assert_eq!(parse_amount(Currency::USD, "-3"), Some(-300));
        assert_eq!(parse_amount(Currency::USD, "1e5"), None);
        assert_eq!(parse_channel("InStore"), Some(SalesChannel::InStore));
        assert_eq!(parse_channel("in_store"), Some(SalesChannel::InStore));
        assert_eq!(
            parse_channel("Marketplace"),
            Some(SalesChannel::Marketplace)
        );
        assert_eq!(parse_channel("fax"), None);
    }
}
