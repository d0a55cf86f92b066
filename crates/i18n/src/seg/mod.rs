//! Words of the Segments pages, in English and Vietnamese (like `Strings`, one value
//! per language, so a missing string does not compile). Placeholders: `{n}`, `{r}`,
//! `{fm}`, `{x}`.

mod en;
mod vi;

use clientele_core::clv::predict::Risk;
use clientele_core::format::Locale;
use clientele_core::model::PartyKind;
use clientele_core::segment::lifecycle::Stage;
use clientele_core::segment::rfm::Segment;
use clientele_core::segment::rules::{Field, Group, Op};
use clientele_core::segment::verdict::{Action, Status};

pub fn seg_strings(locale: Locale) -> &'static SegStrings {
    match locale {
        Locale::En => &en::EN,
        Locale::Vi => &vi::VI,
    }
}

words! {
    SegmentWords for Segment {
        champions: Champions,
        loyal: Loyal,
        potential_loyalists: PotentialLoyalists,
        new: New,
        promising: Promising,
        need_attention: NeedAttention,
        about_to_sleep: AboutToSleep,
        at_risk: AtRisk,
        cant_lose_them: CantLoseThem,
        hibernating: Hibernating,
        lost: Lost,
    }
}

words! {
    /// A customer's one status (`segment::verdict`).
    StatusWords for Status {
        prospect: Prospect,
        new: New,
        active: Active,
        best: Best,
        slipping: Slipping,
        gone: Gone,
    }
}

words! {
    /// The next step for a customer; `{x}`, in the `_with` set, is a product.
    ActionWords for Action {
        first_sale: FirstSale,
        thank: Thank,
        suggest: Suggest,
        reward: Reward,
        call: Call,
        win_back: WinBack,
        last_try: LastTry,
    }
}

words! {
    StageWords for Stage {
        prospect: Prospect,
        first_time: FirstTime,
        repeat: Repeat,
        loyal: Loyal,
        at_risk: AtRisk,
        lapsed: Lapsed,
    }
}

words! {
    /// Churn risk bands.
    RiskWords for Risk {
        low: Low,
        medium: Medium,
        high: High,
        unknown: Unknown,
    }
}

words! {
    GroupWords for Group {
        demographic: Demographic,
        geographic: Geographic,
        psychographic: Psychographic,
        behavioural: Behavioural,
        custom: Custom,
    }
}

words! {
    OpWords for Op {
        is: Is,
        is_not: IsNot,
        gt: Gt,
        ge: Ge,
        lt: Lt,
        le: Le,
        between: Between,
        contains: Contains,
        not_contains: NotContains,
        starts_with: StartsWith,
        has: Has,
        has_not: HasNot,
        any_of: AnyOf,
        none_of: NoneOf,
        all_of: AllOf,
        is_empty: IsEmpty,
        not_empty: NotEmpty,
        yes: Yes,
        no: No,
        before: Before,
        after: After,
    }
}

words! {
    PartyKindWords for PartyKind {
        person: Person,
        organisation: Organisation,
    }
}

words! {
    /// The name of each field of `Field::FIXED` (read by `SegStrings::field`; consent
    /// and custom fields have their own words).
    FieldWords {
        kind,
        age,
        gender,
        occupation,
        income,
        country,
        city,
        district,
        interests,
        values,
        tags,
        orders,
        total_spent,
        average_spend,
        days_since_last_order,
        days_since_first_order,
        product,
        category,
        sku,
        sales_channel,
        store,
        rfm_segment,
        stage,
        recency_score,
        frequency_score,
        monetary_score,
        fm_score,
        clv,
        p_alive,
        churn_risk,
        next_product,
        interactions,
        days_since_last_interaction,
        acquisition,
        source,
    }
}

words! {
    /// The labels of the R, F and M cut points.
    CutWords {
        recency,
        frequency,
        monetary,
    }
}

words! {
    /// A clustering feature far from average: the five fixed columns of
    /// `segment::features`, then "buys {x}" for a category.
    FeatureWords {
        recency,
        frequency,
        spend,
        average_order,
        tenure,
        /// `{x}`: the category.
        category,
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
    pub segment_names: SegmentWords,
    pub segment_advice: SegmentWords,
    pub stage_names: StageWords,
    /// Churn risk bands.
    pub risk_names: RiskWords,
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
    pub groups: GroupWords,
    /// The fixed fields' names (`field`).
    pub fields: FieldWords,
    /// "Consent: {x}"
    pub consent_field: &'static str,
    /// "{x} (custom)"
    pub custom_field: &'static str,
    pub ops: OpWords,
    pub kinds: PartyKindWords,
    pub incomplete: &'static str,
    /// A rule's number that cannot be read.
    pub not_a_number: &'static str,
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
    /// A group's typical number of days with a purchase.
    pub average_purchase_days: &'static str,
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
    pub cuts_label: CutWords,
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
    /// Words for a feature far above / below average.
    pub feature_high: FeatureWords,
    pub feature_low: FeatureWords,
    /// "very {x}"
    pub very: &'static str,
    pub typical: &'static str,
    // Customer page
    pub customer_card: &'static str,
    pub status_names: StatusWords,
    /// One line on why a customer has their status.
    pub status_why: StatusWords,
    pub next_step: &'static str,
    pub actions: ActionWords,
    /// The same with the product to offer, `{x}`.
    pub actions_with: ActionWords,
    /// Under an action naming a best seller (`{x}`) because no rule fits them.
    pub best_seller_note: &'static str,
    pub how_decided: &'static str,
    pub rfm_segment: &'static str,
    pub scores: &'static str,
    pub stage: &'static str,
    pub in_segments: &'static str,
    pub in_no_segments: &'static str,
}

impl SegStrings {
    pub fn segment(&self, s: Segment) -> &'static str {
        self.segment_names.of(s)
    }
    pub fn advice(&self, s: Segment) -> &'static str {
        self.segment_advice.of(s)
    }
    pub fn stage_name(&self, s: Stage) -> &'static str {
        self.stage_names.of(s)
    }
    pub fn group(&self, g: Group) -> &'static str {
        self.groups.of(g)
    }
    pub fn op(&self, o: Op) -> &'static str {
        self.ops.of(o)
    }
    /// A field's name; consent and custom fields take `consent` (the channel's name).
    pub fn field(&self, f: &Field, consent: &str) -> String {
        let w = &self.fields;
        let name = match f {
            Field::Consent(_) => return self.consent_field.replace("{x}", consent),
            Field::Custom(name) => return self.custom_field.replace("{x}", name),
            Field::Kind => w.kind,
            Field::Age => w.age,
            Field::Gender => w.gender,
            Field::Occupation => w.occupation,
            Field::Income => w.income,
            Field::Country => w.country,
            Field::City => w.city,
            Field::District => w.district,
            Field::Interests => w.interests,
            Field::Values => w.values,
            Field::Tags => w.tags,
            Field::Orders => w.orders,
            Field::TotalSpent => w.total_spent,
            Field::AverageSpend => w.average_spend,
            Field::DaysSinceLastOrder => w.days_since_last_order,
            Field::DaysSinceFirstOrder => w.days_since_first_order,
            Field::Product => w.product,
            Field::Category => w.category,
            Field::Sku => w.sku,
            Field::SalesChannel => w.sales_channel,
            Field::Store => w.store,
            Field::RfmSegment => w.rfm_segment,
            Field::Stage => w.stage,
            Field::RecencyScore => w.recency_score,
            Field::FrequencyScore => w.frequency_score,
            Field::MonetaryScore => w.monetary_score,
            Field::FmScore => w.fm_score,
            Field::Clv => w.clv,
            Field::PAlive => w.p_alive,
            Field::ChurnRisk => w.churn_risk,
            Field::NextProduct => w.next_product,
            Field::Interactions => w.interactions,
            Field::DaysSinceLastInteraction => w.days_since_last_interaction,
            Field::Acquisition => w.acquisition,
            Field::Source => w.source,
        };
        name.to_string()
    }
    pub fn cell(&self, r: u8, fm: u8, n: &str) -> String {
        self.cell_label
            .replace("{r}", &r.to_string())
            .replace("{fm}", &fm.to_string())
            .replace("{n}", n)
    }
}
