//! `clientele`: Clientele's core over files on disk. Thin: parse arguments, call the
//! core, print. Exit codes: 0 done, 2 bad input or arguments, 1 anything else.

mod clv;
mod csvfile;
mod customers;
mod demo;
mod import;
mod json;
mod orders;
mod rfm;
mod rulefile;
mod segment;

use lexopt::ValueExt;
use std::process::ExitCode;

/// Each command's usage, as `clientele COMMAND --help` prints it.
const COMMANDS: [(&str, &str); 5] = [
    (
        "demo",
        "  clientele demo --customers N [--seed S] [--end YYYY-MM-DD] --out DIR
      Writes seeded demo data as CSV files (customers, orders, order_items,
      interactions) into DIR. The same seed gives the same files.",
    ),
    (
        "rfm",
        "  clientele rfm --orders FILE --as-of YYYY-MM-DD [--window-days N] [--format csv|json]
      One row per customer: customer_id,recency_days,frequency,monetary,r,f,m,segment.
      FILE: CSV with a header holding at least customer_id,date,amount (ISO dates,
      decimal amounts); an optional status column drops refunded and cancelled rows.",
    ),
    (
        "clv",
        "  clientele clv --orders FILE --calibration-end YYYY-MM-DD [--holdout-end YYYY-MM-DD]
                [--unit days|weeks] [--horizon-days N] [--discount-rate R] [--format json]
      Fits BG/NBD (who comes back) and Gamma-Gamma (what they spend) to the
      purchases up to the calibration end, and prints JSON: the parameters, then per
      customer (with a purchase by then, by customer_id) frequency (purchase days
      after the first), recency (first to last purchase), T (first purchase to the
      calibration end), p_alive, expected_purchases and clv over the horizon
      (default 365 days), expected_avg_spend and churn_risk (low, medium, high;
      unknown with one purchase day). R: monthly discount rate (months of 30 days,
      default 0.01). With --holdout-end: each customer's holdout_purchases and a
      holdout check (mean predicted and actual purchases by calibration frequency).
      FILE: orders as for rfm.",
    ),
    (
        "segment",
        "  clientele segment --orders FILE [--customers FILE] [--items FILE] --rules RULES.json
                    [--as-of YYYY-MM-DD] [--currency CODE] [--format csv|json]
      The customers matching the rule in RULES.json, sorted by customer_id:
      customer_id,name,email,phone,city,country,tags,orders,total_spent,currency,
      last_order,recency_days,frequency,monetary,r,f,m,segment,stage.
      FILE: orders as for rfm, plus optional order_id, currency, channel, store columns.
      --customers: profiles by customer_id (columns as `demo` writes customers.csv);
      customers without orders are included. --items: order lines with order_id and
      product, category, sku (as `demo` writes order_items.csv), for product rules.
      RULES.json: {\"all\": [{\"field\": \"city\", \"op\": \"is\", \"value\": \"Hà Nội\"}, ...]}
      (or \"any\"; groups nest). --as-of defaults to today; money in --currency (VND).",
    ),
    (
        "import",
        "  clientele import [--kind customers|orders|interactions] [--date-order dmy|mdy]
                   [--currency CODE] [--format text|json] FILE...
      Checks shops' CSV exports as the app's Import page reads them, writing
      nothing: each file's columns and the fields they map to, the counts (new,
      duplicate, invalid...) and every problem with its line, column and reason.
      Without --kind, the kind is guessed from the headers as the app does
      (recognised exports, then order or interaction columns, else customers).
      Times without a zone are read as UTC+7; amounts without one in --currency (VND).
      Exit code 2 when any file has a problem.",
    ),
];

/// The usage of every command (`clientele --help`).
fn usage() -> String {
    let mut out = String::from("usage:\n");
    for (_, text) in COMMANDS {
        out.push_str(text);
        out.push('\n');
    }
    out.pop();
    out
}

/// An error for the person running the command: what is wrong, and the exit code.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    pub code: u8,
}

impl CliError {
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError {
            message: format!("{}\n\n{}", message.into(), usage()),
            code: 2,
        }
    }
    pub fn io(what: &str, e: impl std::fmt::Display) -> CliError {
        CliError {
            message: format!("{what}: {e}"),
            code: 1,
        }
    }
}

/// The output format of `rfm` and `segment`.
#[derive(PartialEq)]
pub enum Format {
    Csv,
    Json,
}

/// Reads the value of `--format`.
pub fn format_arg(p: &mut lexopt::Parser) -> Result<Format, CliError> {
    match p.value()?.string()?.as_str() {
        "csv" => Ok(Format::Csv),
        "json" => Ok(Format::Json),
        other => Err(CliError::usage(format!(
            "--format: '{other}' is not csv or json"
        ))),
    }
}

/// Reads the value of `--as-of`.
pub fn as_of_arg(p: &mut lexopt::Parser) -> Result<clientele_core::time::Day, CliError> {
    day_arg(p, "--as-of")
}

/// Reads the date value of the option `name`.
pub fn day_arg(p: &mut lexopt::Parser, name: &str) -> Result<clientele_core::time::Day, CliError> {
    let v = p.value()?.string()?;
    clientele_core::time::Day::parse_iso(&v)
        .ok_or_else(|| CliError::usage(format!("{name}: '{v}' is not a date YYYY-MM-DD")))
}

impl From<lexopt::Error> for CliError {
    fn from(e: lexopt::Error) -> CliError {
        CliError::usage(e.to_string())
    }
}

/// Prints `text` to standard output. A reader that stops early (`| head`) is not an
/// error: the command ends quietly, as Unix tools do.
pub fn emit(text: &str) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    quiet_on_broken_pipe(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// Prints `value` as pretty JSON and a line break, streamed to standard output; a
/// reader that stops early ends the command quietly (as `emit`).
pub fn emit_json<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    quiet_on_broken_pipe(written)
}

/// A write to standard output's result: a reader that stopped early is no error.
pub fn quiet_on_broken_pipe(written: std::io::Result<()>) -> Result<(), CliError> {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::io("stdout", e)),
        _ => Ok(()),
    }
}

fn run() -> Result<(), CliError> {
    let mut args = lexopt::Parser::from_env();
    let command = match args.next()? {
        Some(lexopt::Arg::Value(v)) => v.string()?,
        Some(lexopt::Arg::Long("help")) | Some(lexopt::Arg::Short('h')) | None => {
            return emit(&format!("{}\n", usage()));
        }
        Some(lexopt::Arg::Long("version")) | Some(lexopt::Arg::Short('V')) => {
            return emit(&format!("clientele {}\n", env!("CARGO_PKG_VERSION")));
        }
        Some(other) => return Err(other.unexpected().into()),
    };
    // `clientele COMMAND --help` (anywhere after the command): that command's usage.
    if let Some((_, text)) = COMMANDS.iter().find(|(name, _)| *name == command) {
        if std::env::args_os()
            .skip(2)
            .any(|a| a == "--help" || a == "-h")
        {
            return emit(&format!("usage:\n{text}\n"));
        }
    }
    match command.as_str() {
        "clv" => clv::run(args),
        "demo" => demo::run(args),
        "import" => import::run(args),
        "rfm" => rfm::run(args),
        "segment" => segment::run(args),
        other => Err(CliError::usage(format!("unknown command '{other}'"))),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("clientele: {}", e.message);
            ExitCode::from(e.code)
        }
    }
}
