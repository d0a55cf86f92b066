//! `clientele rfm`: one row per customer with RFM values, scores and segment.

use crate::{as_of_arg, format_arg, orders, CliError, Format};
use clientele_core::segment::rfm::{self, ScoringRules, SegmentMap, Window};
use lexopt::ValueExt;
use std::path::PathBuf;

pub fn run(mut p: lexopt::Parser) -> Result<(), CliError> {
    use lexopt::Arg::*;
    let (mut file, mut as_of, mut format, mut window) = (None, None, Format::Csv, None);
    while let Some(arg) = p.next()? {
        match arg {
            Long("orders") => file = Some(PathBuf::from(p.value()?)),
            Long("as-of") => as_of = Some(as_of_arg(&mut p)?),
            Long("window-days") => {
                let v = p.value()?.string()?;
                window = Some(v.parse::<u32>().ok().filter(|d| *d > 0).ok_or_else(|| {
                    CliError::usage(format!(
                        "--window-days: '{v}' is not a whole number of days"
                    ))
                })?);
            }
            Long("format") => format = format_arg(&mut p)?,
            other => return Err(other.unexpected().into()),
        }
    }
    let file = file.ok_or_else(|| CliError::usage("--orders is required"))?;
    let as_of = as_of.ok_or_else(|| CliError::usage("--as-of is required"))?;
    let purchases = orders::read(&file)?;
    let values = rfm::values(
        &purchases.list,
        Window {
            as_of,
            days: window,
        },
    );
    let scored = rfm::score_all(values, &ScoringRules::default(), &SegmentMap::default());
    // Built whole before printing: an error above leaves no partial output.
    let out = match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let e = |e: csv::Error| CliError::io("cannot write CSV", e);
            w.write_record([
                "customer_id",
                "recency_days",
                "frequency",
                "monetary",
                "r",
                "f",
                "m",
                "segment",
            ])
            .map_err(e)?;
            for s in &scored {
                let v = &s.values;
                w.write_record([
                    purchases.ids[v.customer as usize].clone(),
                    v.recency_days.to_string(),
                    v.frequency.to_string(),
                    format!("{:.2}", v.monetary),
                    s.r.to_string(),
                    s.f.to_string(),
                    s.m.to_string(),
                    s.segment.code().to_string(),
                ])
                .map_err(e)?;
            }
            String::from_utf8(
                w.into_inner()
                    .map_err(|e| CliError::io("cannot write CSV", e))?,
            )
            .expect("CSV of UTF-8 is UTF-8")
        }
        Format::Json => {
            let rows: Vec<serde_json::Value> = scored
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "customer_id": purchases.ids[s.values.customer as usize],
                        "recency_days": s.values.recency_days,
                        "frequency": s.values.frequency,
                        "monetary": (s.values.monetary * 100.0).round() / 100.0,
                        "average": (s.values.average() * 100.0).round() / 100.0,
                        "r": s.r, "f": s.f, "m": s.m,
                        "segment": s.segment.code(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&rows).expect("JSON of plain values") + "\n"
        }
    };
    crate::emit(&out)?;
    Ok(())
}
