//! Words of the Dashboard, in English and Vietnamese (one value per language, so a
//! missing string does not compile). Placeholders: `{n}`, `{p}`, `{k}`, `{x}`.

mod en;
mod vi;

use clientele_core::format::Locale;
use clientele_core::trends::Grain;

pub fn dash_strings(locale: Locale) -> &'static DashStrings {
    match locale {
        Locale::En => &en::EN,
        Locale::Vi => &vi::VI,
    }
}

words! {
    GrainWords for Grain {
        day: Day,
        week: Week,
        month: Month,
    }
}

words! {
    /// The comparison periods (the app's `Compare`).
    CompareWords {
        previous,
        year_before,
        none,
    }
}

words! {
    /// What cross-sell rules are mined over.
    XsellKindWords {
        products,
        categories,
    }
}

/// Serialize: the checks of `tests/placeholders.rs` walk every string.
#[derive(serde::Serialize)]
pub struct DashStrings {
    pub nav: &'static str,
    pub title: &'static str,
    pub no_data: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub grain: &'static str,
    pub grains: GrainWords,
    pub compare: &'static str,
    pub compares: CompareWords,
    pub bad_range: &'static str,
    pub compared_with: &'static str,
    pub revenue: &'static str,
    pub orders: &'static str,
    pub aov: &'static str,
    pub repeat_rate: &'static str,
    pub active: &'static str,
    pub new_customers: &'static str,
    pub no_change: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub trend_title: &'static str,
    pub trend_explain: &'static str,
    /// After the label of a period still running (the last one, today).
    pub so_far: &'static str,
    /// Under the trend when its last period is still running.
    pub unfinished_note: &'static str,
    pub this_period: &'static str,
    pub before_period: &'static str,
    pub segments_title: &'static str,
    pub segments_explain: &'static str,
    pub col_segment: &'static str,
    pub col_customers: &'static str,
    pub col_share: &'static str,
    pub grid_title: &'static str,
    pub grid_explain: &'static str,
    pub cohorts_title: &'static str,
    pub cohorts_explain: &'static str,
    pub cohort_month: &'static str,
    pub months_after: &'static str,
    pub no_cohorts: &'static str,
    pub clv_title: &'static str,
    pub clv_explain: &'static str,
    pub clv_total: &'static str,
    pub clv_customers: &'static str,
    pub no_model: &'static str,
    pub at_risk_title: &'static str,
    pub at_risk_explain: &'static str,
    pub col_name: &'static str,
    pub col_spent: &'static str,
    pub col_last: &'static str,
    pub col_chance: &'static str,
    pub none_at_risk: &'static str,
    pub make_segment: &'static str,
    pub segment_name: &'static str,
    pub segment_made: &'static str,
    pub save_svg: &'static str,
    pub save_png: &'static str,
    pub saved: &'static str,
    pub save_failed: &'static str,
    pub computing: &'static str,
    pub chart_of: &'static str,
    pub bar_label: &'static str,
    pub cohort_cell: &'static str,
    pub grid_cell: &'static str,
    pub clv_bin: &'static str,
    pub model_title: &'static str,
    pub model_explain: &'static str,
    pub calibration_end: &'static str,
    pub check_until: &'static str,
    pub bad_check_range: &'static str,
    pub actual: &'static str,
    pub predicted: &'static str,
    pub check_point: &'static str,
    pub check_total: &'static str,
    pub check_axis: &'static str,
    pub check_details: &'static str,
    pub col_repeat: &'static str,
    pub col_predicted: &'static str,
    pub col_actual: &'static str,
    pub params: &'static str,
    pub log_likelihood: &'static str,
    pub repeat_buyers: &'static str,
    pub params_explain: &'static str,
    pub xsell_title: &'static str,
    pub xsell_explain: &'static str,
    pub xsell_kind: &'static str,
    pub col_bought: &'static str,
    pub col_also: &'static str,
    pub col_support: &'static str,
    pub col_confidence: &'static str,
    pub col_lift: &'static str,
    pub no_rules: &'static str,
    pub xsell_count: &'static str,
    /// A page more of a long list (`{k}`), `{n}` not shown yet.
    pub show_more: &'static str,
    pub show_fewer: &'static str,
    pub xsell_make: &'static str,
    pub xsell_target: &'static str,
    pub xsell_segment: &'static str,
    pub xsell_kinds: XsellKindWords,
}

impl DashStrings {
    /// "{x}: {n}" for a chart's data point.
    pub fn bar(&self, x: &str, n: &str) -> String {
        self.bar_label.replace("{x}", x).replace("{n}", n)
    }
}
