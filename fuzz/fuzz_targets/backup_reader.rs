//! Any bytes, cut into pieces at any places, through the backup reader: an error is
//! fine, a panic is not.
#![no_main]

use clientele_core::backup::BackupReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&control, bytes)) = data.split_first() else {
        return;
    };
    let piece = 1 + control as usize % 61;
    let mut r = BackupReader::new();
    for chunk in bytes.chunks(piece) {
        if r.push(chunk).is_err() {
            return;
        }
    }
    let _ = r.finish();
});
