//! Words of the Segments pages, in English and Vietnamese (like `Strings`, one value
//! per language, so a missing string does not compile). Placeholders: `{n}`, `{r}`,
//! `{fm}`, `{x}`.

mod en;
mod vi;

use clientele_core::format::Locale;
use clientele_core::segment::lifecycle::Stage;
use clientele_core::segment::rfm::Segment;
use clientele_core::segment::rules::{Field, Group, Op};

pub fn seg_strings(locale: Locale) -> &'static SegStrings {
    match locale {
        Locale::En => &en::EN,
        Locale::Vi => &vi::VI,
    }
}

/// Serialize: the checks of `tests/placeholders.rs` walk every string.
#[derive(serde::Serialize)]
pub struct SegStrings {
    pub nav: &'static str,
    pub title: &'static str,
    pub computing: &'static str,
    pub no_data: &'static str,
    // RFM grid
    pub grid_title: &'static str,
    pub grid_explain: &'static str,
    pub axis_r: &'static str,
    pub axis_fm: &'static str,
    /// "R{r} FM{fm}: {n} customers"
    pub cell_label: &'static str,
    pub show_revenue: &'static str,
    // Named segments
    pub named_title: &'static str,
    pub col_segment: &'static str,
    pub col_customers: &'static str,
    pub col_revenue: &'static str,
    pub col_advice: &'static str,
    pub segment_names: [&'static str; 11],
    pub segment_advice: [&'static str; 11],
    pub stage_names: [&'static str; 6],
    /// Churn risk bands, as `Risk::ALL`.
    pub risk_names: [&'static str; 4],
    pub stages_title: &'static str,
    pub no_purchases: &'static str,
    // Saved segments
    pub saved_title: &'static str,
    pub none_saved: &'static str,
    pub new_segment: &'static str,
    pub live: &'static str,
    pub static_list: &'static str,
    pub live_explain: &'static str,
    pub static_explain: &'static str,
    pub kind_label: &'static str,
    // Builder
    pub builder_title: &'static str,
    pub edit_title: &'static str,
    pub match_all: &'static str,
    pub match_any: &'static str,
    pub group_label: &'static str,
    pub add_condition: &'static str,
    pub add_group: &'static str,
    pub remove_condition: &'static str,
    pub remove_group: &'static str,
    pub field_label: &'static str,
    pub op_label: &'static str,
    pub value_label: &'static str,
    pub value_to: &'static str,
    pub values_hint: &'static str,
    pub money_hint: &'static str,
    pub date_iso_hint: &'static str,
    pub groups: [&'static str; 5],
    /// Indexed like `Field::FIXED`.
    pub fields: [&'static str; 35],
    /// "Consent: {x}"
    pub consent_field: &'static str,
    /// "{x} (custom)"
    pub custom_field: &'static str,
    /// Indexed like `Op::ALL`.
    pub ops: [&'static str; 21],
    pub kinds: [&'static str; 2],
    pub incomplete: &'static str,
    pub preview_title: &'static str,
    pub name_label: &'static str,
    pub description_label: &'static str,
    pub save_segment: &'static str,
    pub saved: &'static str,
    pub choose: &'static str,
    // Segment detail
    pub size: &'static str,
    pub share_customers: &'static str,
    pub revenue: &'static str,
    pub share_revenue: &'static str,
    pub average_spend: &'static str,
    pub average_recency: &'static str,
    pub days: &'static str,
    pub members: &'static str,
    pub export_csv: &'static str,
    pub exported: &'static str,
    pub edit_rule: &'static str,
    pub freeze: &'static str,
    pub frozen: &'static str,
    pub delete: &'static str,
    pub deleted: &'static str,
    pub delete_body: &'static str,
    pub not_found: &'static str,
    pub back: &'static str,
    pub col_r: &'static str,
    pub col_f: &'static str,
    pub col_m: &'static str,
    pub col_stage: &'static str,
    // Scoring settings
    pub settings_title: &'static str,
    pub window_label: &'static str,
    pub window_all: &'static str,
    /// "Last {n} days"
    pub window_days: &'static str,
    pub cuts_label: [&'static str; 3],
    pub cuts_hint: &'static str,
    pub cuts_invalid: &'static str,
    pub clv_months_label: &'static str,
    pub clv_months: &'static str,
    pub clv_discount_label: &'static str,
    pub clv_discount_hint: &'static str,
    pub clv_discount_invalid: &'static str,
    pub at_risk_label: &'static str,
    pub lapsed_label: &'static str,
    pub loyal_label: &'static str,
    /// "Derived from your data: {x}"
    pub derived_hint: &'static str,
    pub use_derived: &'static str,
    pub map_title: &'static str,
    pub map_cell: &'static str,
    /// "Cannot be reached now: {x}"
    pub unreachable: &'static str,
    pub reset_map: &'static str,
    pub apply: &'static str,
    // Clusters
    pub clusters_title: &'static str,
    pub clusters_explain: &'static str,
    pub k_label: &'static str,
    pub k_auto: &'static str,
    pub run_clusters: &'static str,
    pub running: &'static str,
    /// "Group {n}"
    pub cluster_name: &'static str,
    /// "Chose {n} groups (silhouette {x})"
    pub chose_k: &'static str,
    pub average_customer: &'static str,
    pub save_cluster: &'static str,
    /// Words for a feature far above / below average: recency, frequency, spend,
    /// average order, tenure, then "buys {x}" for a category.
    pub feature_high: [&'static str; 6],
    pub feature_low: [&'static str; 6],
    /// "very {x}"
    pub very: &'static str,
    pub typical: &'static str,
    // Customer page
    pub customer_card: &'static str,
    pub scores: &'static str,
    pub stage: &'static str,
    pub in_segments: &'static str,
    pub in_no_segments: &'static str,
}

impl SegStrings {
    pub fn segment(&self, s: Segment) -> &'static str {
        self.segment_names[s as usize]
    }
    pub fn advice(&self, s: Segment) -> &'static str {
        self.segment_advice[s as usize]
    }
    pub fn stage_name(&self, s: Stage) -> &'static str {
        self.stage_names[s as usize]
    }
    pub fn group(&self, g: Group) -> &'static str {
        self.groups[g as usize]
    }
    pub fn op(&self, o: Op) -> &'static str {
        self.ops[Op::ALL.iter().position(|x| *x == o).unwrap_or(0)]
    }
    /// A field's name; consent and custom fields take `consent` (the channel's name).
    pub fn field(&self, f: &Field, consent: &str) -> String {
        match f {
            Field::Consent(_) => self.consent_field.replace("{x}", consent),
            Field::Custom(name) => self.custom_field.replace("{x}", name),
            _ => {
                let i = Field::FIXED.iter().position(|x| x == f).unwrap_or(0);
                self.fields[i].to_string()
            }
        }
    }
    pub fn cell(&self, r: u8, fm: u8, n: &str) -> String {
        self.cell_label
            .replace("{r}", &r.to_string())
            .replace("{fm}", &fm.to_string())
            .replace("{n}", n)
    }
}
