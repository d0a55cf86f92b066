//! `clientele demo`: writes seeded demo data as CSV files.
//! Files are written to temporary names and renamed at the end: no partial output.

use crate::CliError;
use clientele_core::demo::{self, DemoConfig};
use clientele_core::model::{
    AcquisitionChannel, Currency, Customer, Gender, IncomeBand, Interaction, Order,
};
use clientele_core::time::{iso_datetime, Day};
use clientele_core::Record;
use lexopt::ValueExt;
use std::path::{Path, PathBuf};

struct Args {
    customers: usize,
    seed: u64,
    end: Day,
    out: PathBuf,
}

fn parse(mut p: lexopt::Parser) -> Result<Args, CliError> {
    use lexopt::Arg::*;
    let (mut customers, mut seed, mut end, mut out) = (None, 1u64, None, None);
    while let Some(arg) = p.next()? {
        match arg {
            Long("customers") => {
                let v = p.value()?.string()?;
                let n: usize = v.parse().map_err(|_| {
                    CliError::usage(format!("--customers: '{v}' is not a whole number"))
                })?;
                if n == 0 || n > 10_000_000 {
                    return Err(CliError::usage(
                        "--customers: give a number from 1 to 10000000",
                    ));
                }
                customers = Some(n);
            }
            Long("seed") => {
                let v = p.value()?.string()?;
                seed = v
                    .parse()
                    .map_err(|_| CliError::usage(format!("--seed: '{v}' is not a whole number")))?;
            }
            Long("end") => {
                let v = p.value()?.string()?;
                end = Some(Day::parse_iso(&v).ok_or_else(|| {
                    CliError::usage(format!("--end: '{v}' is not a date YYYY-MM-DD"))
                })?);
            }
            Long("out") => out = Some(PathBuf::from(p.value()?)),
            other => return Err(other.unexpected().into()),
        }
    }
    let today = Day::from_naive(chrono::Local::now().date_naive());
    Ok(Args {
        customers: customers.ok_or_else(|| CliError::usage("--customers is required"))?,
        seed,
        end: end.unwrap_or(today),
        out: out.ok_or_else(|| CliError::usage("--out is required"))?,
    })
}

struct Writers {
    customers: csv::Writer<std::fs::File>,
    orders: csv::Writer<std::fs::File>,
    items: csv::Writer<std::fs::File>,
    interactions: csv::Writer<std::fs::File>,
}

const FILES: [&str; 4] = [
    "customers.csv",
    "orders.csv",
    "order_items.csv",
    "interactions.csv",
];

fn tmp(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.partial"))
}

fn writer(dir: &Path, name: &str) -> Result<csv::Writer<std::fs::File>, CliError> {
    csv::Writer::from_path(tmp(dir, name))
        .map_err(|e| CliError::io(&format!("cannot write {}", dir.join(name).display()), e))
}

pub fn run(args: lexopt::Parser) -> Result<(), CliError> {
    let a = parse(args)?;
    std::fs::create_dir_all(&a.out)
        .map_err(|e| CliError::io(&format!("cannot create {}", a.out.display()), e))?;
    let result = write_all(&a);
    if result.is_err() {
        for f in FILES {
            let _ = std::fs::remove_file(tmp(&a.out, f));
        }
        return result.map(|_| ());
    }
    for f in FILES {
        std::fs::rename(tmp(&a.out, f), a.out.join(f))
            .map_err(|e| CliError::io("cannot finish writing", e))?;
    }
    let (orders, interactions) = result?;
    crate::emit(&format!(
        "wrote {} customers, {orders} orders, {interactions} interactions to {}\n",
        a.customers,
        a.out.display()
    ))
}

fn write_all(a: &Args) -> Result<(usize, usize), CliError> {
    let mut w = Writers {
        customers: writer(&a.out, FILES[0])?,
        orders: writer(&a.out, FILES[1])?,
        items: writer(&a.out, FILES[2])?,
        interactions: writer(&a.out, FILES[3])?,
    };
    let e = |e: csv::Error| CliError::io("cannot write CSV", e);
    w.customers.write_record(CUSTOMER_HEADER).map_err(e)?;
    w.orders
        .write_record([
            "order_id",
            "customer_id",
            "date",
            "amount",
            "currency",
            "channel",
            "store",
            "status",
        ])
        .map_err(e)?;
    w.items
        .write_record([
            "order_id",
            "customer_id",
            "date",
            "sku",
            "product",
            "category",
            "quantity",
            "unit_price",
        ])
        .map_err(e)?;
    w.interactions
        .write_record([
            "customer_id",
            "time",
            "channel",
            "direction",
            "subject",
            "note",
        ])
        .map_err(e)?;
    let cfg = DemoConfig {
        customers: a.customers,
        seed: a.seed,
        end: a.end,
    };
    let (mut n_orders, mut n_inter) = (0, 0);
    for i in 0..a.customers {
        let c = demo::customer(&cfg, i);
        let (orders, interactions) = demo::history(&cfg, i, &c);
        w.customers.write_record(customer_row(&c)).map_err(e)?;
        for o in &orders {
            write_order(&mut w, o).map_err(e)?;
        }
        for it in &interactions {
            w.interactions
                .write_record(interaction_row(it))
                .map_err(e)?;
        }
        n_orders += orders.len();
        n_inter += interactions.len();
    }
    for wr in [
        &mut w.customers,
        &mut w.orders,
        &mut w.items,
        &mut w.interactions,
    ] {
        wr.flush()
            .map_err(|e| CliError::io("cannot write CSV", e))?;
    }
    Ok((n_orders, n_inter))
}

const CUSTOMER_HEADER: [&str; 21] = [
    "customer_id",
    "kind",
    "display_name",
    "given_name",
    "family_name",
    "email",
    "phone",
    "street",
    "district",
    "city",
    "country",
    "birthday",
    "gender",
    "occupation",
    "income_band",
    "interests",
    "values",
    "source",
    "channel",
    "tags",
    "created_at",
];

fn customer_row(r: &Record<Customer>) -> Vec<String> {
    let c = &r.data;
    vec![
        r.id.to_string(),
        c.kind.code().to_string(),
        c.display_name.clone(),
        c.given_name.clone(),
        c.family_name.clone(),
        c.emails.join(";"),
        c.phones.join(";"),
        c.address.street.clone(),
        c.address.district.clone(),
        c.address.city.clone(),
        c.address.country.clone(),
        c.birthday.map(Day::iso).unwrap_or_default(),
        c.gender.map_or("", Gender::code).to_string(),
        c.occupation.clone(),
        c.income.map_or("", IncomeBand::code).to_string(),
        c.interests.join(";"),
        c.values.join(";"),
        c.source.clone(),
        c.channel.map_or("", AcquisitionChannel::code).to_string(),
        c.tags.join(";"),
        iso_datetime(c.created_at),
    ]
}

fn write_order(w: &mut Writers, r: &Record<Order>) -> Result<(), csv::Error> {
    let o = &r.data;
    let cur: Currency = o.currency;
    w.orders.write_record([
        r.id.to_string(),
        o.customer.to_string(),
        iso_datetime(o.placed_at),
        cur.plain_amount(o.total),
        cur.code().to_string(),
        o.channel.code().to_string(),
        o.store.clone(),
        format!("{:?}", o.status),
    ])?;
    for it in &o.items {
        w.items.write_record([
            r.id.to_string(),
            o.customer.to_string(),
            iso_datetime(o.placed_at),
            it.sku.clone(),
            it.product.clone(),
            it.category.clone(),
            it.quantity.to_string(),
            cur.plain_amount(it.unit_price),
        ])?;
    }
    Ok(())
}

fn interaction_row(r: &Record<Interaction>) -> Vec<String> {
    let i = &r.data;
    vec![
        i.customer.to_string(),
        iso_datetime(i.at),
        i.channel.code().to_string(),
        i.direction.code().to_string(),
        i.subject.clone(),
        i.note.clone(),
    ]
}
