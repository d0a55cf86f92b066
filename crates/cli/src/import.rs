//! `clientele import`: checks shops' export files as the app's Import page reads them
//! (same mapping, same rules), writing nothing: for checking many files at once.

use crate::CliError;
use clientele_core::dates::{DateOrder, OrderGuess};
use clientele_core::import::cells::Reading;
use clientele_core::import::file::CsvFile;
use clientele_core::import::mapping::{FileKind, Mapping, Preset};
use clientele_core::import::plan::{analyse, Importer, Plan, Settings};
use clientele_core::import::rows::Row;
use clientele_core::model::Currency;
use clientele_core::time::Day;
use clientele_core::Db;
use lexopt::ValueExt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Rows read to decide the date order and the amounts' marks (as the app does).
const SAMPLE_ROWS: usize = 200;
const CHUNK: usize = 1 << 20;

/// How the reports are printed.
#[derive(PartialEq)]
enum Output {
    Text,
    Json,
}

struct Options {
    kind: Option<FileKind>,
    date_order: Option<DateOrder>,
    currency: Currency,
    output: Output,
}

pub fn run(mut p: lexopt::Parser) -> Result<(), CliError> {
    use lexopt::Arg::*;
    let mut o = Options {
        kind: None,
        date_order: None,
        currency: Currency::VND,
        output: Output::Text,
    };
    let mut files = Vec::new();
    while let Some(arg) = p.next()? {
        match arg {
            Long("kind") => {
                let v = p.value()?.string()?;
                o.kind = Some(match v.as_str() {
                    "customers" => FileKind::Customers,
                    "orders" => FileKind::Orders,
                    "interactions" => FileKind::Interactions,
                    _ => {
                        return Err(CliError::usage(format!(
                            "--kind: '{v}' is not customers, orders or interactions"
                        )))
                    }
                });
            }
            Long("date-order") => {
                let v = p.value()?.string()?;
                o.date_order = Some(match v.as_str() {
                    "dmy" => DateOrder::DayFirst,
                    "mdy" => DateOrder::MonthFirst,
                    _ => {
                        return Err(CliError::usage(format!(
                            "--date-order: '{v}' is not dmy or mdy"
                        )))
                    }
                });
            }
            Long("currency") => {
                let v = p.value()?.string()?;
                o.currency = Currency::parse(&v).ok_or_else(|| {
                    CliError::usage(format!("--currency: '{v}' is not a currency code"))
                })?;
            }
            Long("format") => {
                let v = p.value()?.string()?;
                o.output = match v.as_str() {
                    "text" => Output::Text,
                    "json" => Output::Json,
                    _ => {
                        return Err(CliError::usage(format!(
                            "--format: '{v}' is not text or json"
                        )))
                    }
                };
            }
            Value(v) => files.push(PathBuf::from(v)),
            other => return Err(other.unexpected().into()),
        }
    }
    if files.is_empty() {
        return Err(CliError::usage("import: name at least one FILE"));
    }
    let reports: Vec<Report> = files.iter().map(|f| check(f, &o)).collect();
    let out = match o.output {
        Output::Text => reports.iter().map(Report::text).collect::<String>(),
        Output::Json => {
            let v: Vec<serde_json::Value> = reports.iter().map(Report::json).collect();
            serde_json::to_string_pretty(&v).expect("plain values") + "\n"
        }
    };
    crate::emit(&out)?;
    let bad = reports.iter().filter(|r| !r.clean()).count();
    if bad > 0 {
        return Err(CliError {
            message: format!("{bad} of {} files have problems", reports.len()),
            code: 2,
        });
    }
    Ok(())
}

/// What checking one file found.
struct Report {
    file: String,
    /// The file could not be read or mapped at all.
    error: Option<String>,
    kind: Option<FileKind>,
    preset: Option<Preset>,
    headers: Vec<String>,
    mapping: Option<Mapping>,
    plan: Option<Plan>,
}

impl Report {
    fn clean(&self) -> bool {
        self.error.is_none() && self.plan.as_ref().is_some_and(|p| p.counts.invalid == 0)
    }

    fn text(&self) -> String {
        let mut s = format!("{}:", self.file);
        if let Some(e) = &self.error {
            return s + &format!(" {e}\n");
        }
        let (Some(kind), Some(mapping), Some(plan)) = (self.kind, &self.mapping, &self.plan) else {
            return s + "\n";
        };
        s += &format!(" {} file", kind_word(kind));
        if let Some(p) = self.preset {
            s += &format!(" ({p:?})");
        }
        s += "\n  columns:";
        for (h, t) in self.headers.iter().zip(&mapping.columns) {
            s += &format!(" {h} → {};", t.name());
        }
        let c = plan.counts;
        s += &format!(
            "\n  records {}, new {}, updated {}, duplicate {}, invalid {}, not found {}, customers created {}\n",
            c.records, c.new, c.updated, c.duplicate, c.invalid, c.not_found, c.new_customers
        );
        for p in &plan.problems {
            s += &format!("  line {}", p.line);
            if let Some(col) = p.column {
                s += &format!(
                    ", column {}",
                    self.headers.get(col).map_or("?", String::as_str)
                );
            }
            if !p.value.is_empty() {
                s += &format!(" ({:?})", p.value);
            }
            s += &format!(": {}\n", p.reason);
        }
        s
    }

    fn json(&self) -> serde_json::Value {
        use serde_json::json;
        let Some(plan) = &self.plan else {
            return json!({"file": self.file, "error": self.error});
        };
        let mapping = self.mapping.as_ref().expect("planned with a mapping");
        let c = plan.counts;
        json!({
            "file": self.file,
            "kind": self.kind.map(kind_word),
            "preset": self.preset.map(|p| format!("{p:?}")),
            "columns": self.headers.iter().zip(&mapping.columns)
                .map(|(h, t)| json!({"header": h, "field": t.name()}))
                .collect::<Vec<_>>(),
            "counts": {
                "records": c.records, "new": c.new, "updated": c.updated,
                "duplicate": c.duplicate, "invalid": c.invalid,
                "not_found": c.not_found, "customers_created": c.new_customers,
            },
            "problems": plan.problems.iter().map(|p| json!({
                "line": p.line,
                "column": p.column.and_then(|c| self.headers.get(c)),
                "value": p.value,
                "reason": p.reason.to_string(),
            })).collect::<Vec<_>>(),
        })
    }
}

fn kind_word(k: FileKind) -> &'static str {
    match k {
        FileKind::Customers => "customers",
        FileKind::Orders => "orders",
        FileKind::Interactions => "interactions",
    }
}

/// Streams the file's rows to `each` (1 MB at a time); returns the header.
fn stream(path: &Path, each: &mut impl FnMut(Row) -> bool) -> Result<Vec<String>, String> {
    let mut f = std::fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut reader = CsvFile::new();
    let mut buf = vec![0u8; CHUNK];
    let mut more = true;
    loop {
        let n = f.read(&mut buf).map_err(|e| format!("cannot read: {e}"))?;
        if n == 0 {
            break;
        }
        reader
            .push(&buf[..n], &mut |r| more = more && each(r))
            .map_err(|e| e.to_string())?;
        if !more {
            break;
        }
    }
    if more {
        reader
            .finish(&mut |r| more = more && each(r))
            .map_err(|e| e.to_string())?;
    }
    reader
        .header()
        .map(<[String]>::to_vec)
        .ok_or_else(|| "the file is empty".to_string())
}

fn check(path: &Path, o: &Options) -> Report {
    let mut report = Report {
        file: path.display().to_string(),
        error: None,
        kind: None,
        preset: None,
        headers: Vec::new(),
        mapping: None,
        plan: None,
    };
    if let Err(e) = plan(path, o, &mut report) {
        report.error = Some(e);
    }
    report
}

fn plan(path: &Path, o: &Options, report: &mut Report) -> Result<(), String> {
    let mut sample = Vec::new();
    let headers = stream(path, &mut |r| {
        sample.push(r);
        sample.len() < SAMPLE_ROWS
    })?;
    let kind = o.kind.unwrap_or_else(|| FileKind::guess(&headers));
    let mapping = Mapping::guess(&headers, kind);
    report.kind = Some(kind);
    report.preset = mapping.preset;
    report.headers = headers;
    let (guess, marks) = analyse(&mapping, &sample);
    let date_order = match (o.date_order, guess) {
        (Some(d), _) => Some(d),
        (None, OrderGuess::Decided(d)) => Some(d),
        (None, OrderGuess::NotNeeded) => None,
        (None, OrderGuess::Ambiguous | OrderGuess::Conflicting) => return Err(
            "the dates read both day-first and month-first: say which with --date-order dmy|mdy"
                .into(),
        ),
    };
    let now = chrono::Utc::now().timestamp_millis();
    let reading = Reading {
        date_order,
        offset_minutes: 7 * 60,
        currency: o.currency,
        today: Day::of_millis(now),
    };
    let settings = Settings::checking(reading, now);
    let db = Db::new();
    let mut importer = Importer::new(&db, &mapping, marks, settings).map_err(|e| e.to_string())?;
    stream(path, &mut |r| {
        importer.row(&db, r);
        true
    })?;
    report.plan = Some(importer.finish(&db));
    report.mapping = Some(mapping);
    Ok(())
}
