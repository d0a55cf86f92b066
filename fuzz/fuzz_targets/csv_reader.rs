//! Any bytes, cut into pieces at any places, through the CSV file reader, the mapping
//! guess and the import planner: an error is fine, a panic is not.
#![no_main]

use clientele_core::import::cells::Reading;
use clientele_core::import::file::CsvFile;
use clientele_core::import::mapping::{FileKind, Mapping};
use clientele_core::import::plan::{analyse, Importer, Settings};
use clientele_core::model::Currency;
use clientele_core::time::Day;
use clientele_core::Db;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&control, bytes)) = data.split_first() else {
        return;
    };
    let piece = 1 + control as usize % 97;
    let mut file = CsvFile::new();
    let mut rows = Vec::new();
    let mut ok = true;
    for chunk in bytes.chunks(piece) {
        if file.push(chunk, &mut |r| rows.push(r)).is_err() {
            ok = false;
            break;
        }
    }
    if !ok || file.finish(&mut |r| rows.push(r)).is_err() {
        return;
    }
    let Some(header) = file.header().map(<[String]>::to_vec) else {
        return;
    };
    let kind = [FileKind::Customers, FileKind::Orders, FileKind::Interactions][control as usize % 3];
    let mapping = Mapping::guess(&header, kind);
    let (_, marks) = analyse(&mapping, &rows);
    let reading = Reading {
        date_order: None,
        offset_minutes: 420,
        currency: Currency::VND,
        today: Day(20_400),
    };
    let settings = Settings::checking(reading, 1_762_560_000_000);
    let db = Db::new();
    if let Ok(mut imp) = Importer::new(&db, &mapping, marks, settings) {
        for r in rows {
            imp.row(&db, r);
        }
        let _ = imp.finish(&db);
    }
});
