//! The UI's words: placeholders filled in both languages.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

use clientele::i18n::strings;
use clientele_core::format::Locale;
use clientele_core::validate::Problem;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn placeholders_are_filled_in_both_languages() {
    for l in [Locale::En, Locale::Vi] {
        let t = strings(l);
        assert!(!t.customer_count(5, "5").contains('{'));
        assert!(t.customer_count(1234, "1.234").contains("1.234"));
        assert!(t.date_hint("dd/mm/yyyy").contains("dd/mm/yyyy"));
        assert!(!t.records_summary("1", "2").contains('{'));
        assert!(t
            .problem(Problem::InvalidDate, "dd/mm/yyyy")
            .contains("dd/mm/yyyy"));
    }
    assert_ne!(strings(Locale::En).save, strings(Locale::Vi).save);
}
