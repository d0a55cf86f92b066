//! Native import benchmark: an orders CSV of N rows (default 1,000,000, about 50 MB)
//! read in 1 MB pieces (parse only), then planned (parse, map, validate, match,
//! build the records), with the peak memory of the process. Reference in the same
//! run: counting the file's lines with memchr (the least any reader must do).
//!   cargo run --release -p clientele-core --example import_bench -- [ROWS]
#![allow(unsafe_code)] // the counting allocator measures the heap; it only forwards to System
#![allow(clippy::unwrap_used)] // a benchmark run by hand: a failure stops it with its line

use clientele_core::import::cells::Reading;
use clientele_core::import::file::CsvFile;
use clientele_core::import::mapping::{FileKind, Mapping};
use clientele_core::import::plan::{analyse, Importer, Settings};
use clientele_core::model::Currency;
use clientele_core::time::Day;
use clientele_core::Db;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

const PIECE: usize = 1 << 20;

/// Counts the bytes allocated now and at most (the heap, as wasm memory would hold it).
struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn heap_mb(a: &AtomicUsize) -> f64 {
    a.load(Ordering::Relaxed) as f64 / 1e6
}

fn file(rows: usize) -> Vec<u8> {
    let mut s = String::from("Order,Email,Name,Date,Total,Status,Product,Quantity,Unit price\n");
    let products = ["Cà phê hạt", "Phin nhôm", "Trà sen", "Bánh pía", "Áo dài"];
    for i in 0..rows {
        let customer = (i * 7919) % 100_000;
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let q = 1 + i % 3;
        let price = 25_000 + (i % 40) * 5_000;
        s.push_str(&format!(
            "#{i},kh{customer}@example.vn,Khách {customer},{day:02}/{month:02}/2025 10:{:02},{},paid,{},{q},{price}\n",
            i % 60,
            q * price,
            products[i % products.len()],
        ));
    }
    s.into_bytes()
}

fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let bytes = file(rows);
    println!(
        "file: {rows} rows, {:.1} MB; peak memory after building it: {:.0} MB",
        bytes.len() as f64 / 1e6,
        peak_mb()
    );

    let t = Instant::now();
    let lines: usize = bytes
        .chunks(PIECE)
        .map(|c| memchr::memchr_iter(b'\n', c).count())
        .sum();
    let reference = t.elapsed().as_secs_f64();
    println!(
        "reference, memchr line count: {lines} lines in {:.3} s ({:.0} rows/s)",
        reference,
        lines as f64 / reference
    );

    let t = Instant::now();
    let mut f = CsvFile::new();
    let mut n = 0usize;
    for c in bytes.chunks(PIECE) {
        f.push(c, &mut |_| n += 1).unwrap();
    }
    f.finish(&mut |_| n += 1).unwrap();
    let parse = t.elapsed().as_secs_f64();
    println!("parse (decode, sniff, records): {n} rows in {parse:.3} s ({:.0} rows/s, {:.1}x the reference)", n as f64 / parse, parse / reference);

    let t = Instant::now();
    let header: Vec<String> = "Order,Email,Name,Date,Total,Status,Product,Quantity,Unit price"
        .split(',')
        .map(String::from)
        .collect();
    let mapping = Mapping::guess(&header, FileKind::Orders);
    let mut sample = Vec::new();
    let mut s = CsvFile::new();
    s.push(&bytes[..PIECE.min(bytes.len())], &mut |r| {
        if sample.len() < 200 {
            sample.push(r)
        }
    })
    .unwrap();
    let (guess, marks) = analyse(&mapping, &sample);
    let date_order = match guess {
        clientele_core::dates::OrderGuess::Decided(d) => Some(d),
        _ => Some(clientele_core::dates::DateOrder::DayFirst),
    };
    let reading = Reading {
        date_order,
        offset_minutes: 420,
        currency: Currency::VND,
        today: Day(20_400),
    };
    let settings = Settings::checking(reading, 1_762_560_000_000);
    let db = Db::new();
    let before = heap_mb(&NOW);
    PEAK.store(NOW.load(Ordering::Relaxed), Ordering::Relaxed);
    let mut imp = Importer::new(&db, &mapping, marks, settings).unwrap();
    let mut f = CsvFile::new();
    for c in bytes.chunks(PIECE) {
        f.push(c, &mut |r| imp.row(&db, r)).unwrap();
    }
    f.finish(&mut |r| imp.row(&db, r)).unwrap();
    let plan = imp.finish(&db);
    let planned = t.elapsed().as_secs_f64();
    let c = plan.counts;
    println!(
        "plan (parse, map, validate, match, build): {} orders, {} customers created, {} invalid in {planned:.3} s ({:.0} rows/s)",
        c.new, c.new_customers, c.invalid, rows as f64 / planned
    );
    println!(
        "heap beyond the file: the plan holds {:.0} MB, at most {:.0} MB while planning",
        heap_mb(&NOW) - before,
        heap_mb(&PEAK) - before
    );
    println!(
        "peak memory of the process (file + plan): {:.0} MB",
        peak_mb()
    );
}
