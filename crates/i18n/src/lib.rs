//! English and Vietnamese words of the UI, a crate of its own so that its checks run
//! natively. Each language is one `Strings` value, so
//! the compiler refuses a language with a missing string. Words of a choice (an enum's
//! variants) are a struct with a field per choice, read by an exhaustive `match`
//! (`words!`), never by a number. Placeholders: `{n}`, `{c}`, `{o}`, `{pattern}`.

#[macro_use]
mod words;

mod backup;
mod dash;
mod en;
mod history;
mod imp;
mod keys;
mod list;
mod products;
mod safety;
mod seg;
mod vi;

pub use backup::{backup_strings, BackupStrings, DelimiterWords, SectionWords};
pub use dash::{dash_strings, CompareWords, DashStrings, GrainWords, XsellKindWords};
pub use history::{history_strings, HistoryStrings};
pub use imp::{
    imp_strings, CountWords, DateOrderWords, FileKindWords, ImpStrings, InvalidWords,
    MatchKeyWords, ModeWords, PresetWords, ReasonWords, TargetWords,
};
pub use keys::{keys_strings, KeysStrings};
pub use list::{list_strings, ListStrings};
pub use products::{products_strings, ProductsStrings};
pub use safety::{safety_strings, SafetyStrings};
pub use seg::{
    seg_strings, CutWords, FeatureWords, FieldWords, GroupWords, OpWords, PartyKindWords,
    RiskWords, SegStrings, SegmentWords, StageWords,
};

use clientele_core::clv::FitError;
use clientele_core::format::Locale;
use clientele_core::model::*;
use clientele_core::validate::Problem;

pub fn strings(locale: Locale) -> &'static Strings {
    match locale {
        Locale::En => &en::EN,
        Locale::Vi => &vi::VI,
    }
}

words! {
    AcquisitionWords for AcquisitionChannel {
        walk_in: WalkIn,
        website: Website,
        social: Social,
        marketplace: Marketplace,
        referral: Referral,
        advertising: Advertising,
        event: Event,
        other: Other,
    }
}

words! {
    /// Country names (`model::Country`).
    CountryWords for Country {
        vn: Vn,
        us: Us,
        gb: Gb,
        au: Au,
        ca: Ca,
        cn: Cn,
        jp: Jp,
        kr: Kr,
        tw: Tw,
        hk: Hk,
        sg: Sg,
        th: Th,
        my: My,
        id: Id,
        ph: Ph,
        kh: Kh,
        la: La,
        india: In,
        fr: Fr,
        de: De,
        it: It,
        es: Es,
        nl: Nl,
        ru: Ru,
        nz: Nz,
        ae: Ae,
    }
}

words! {
    ConsentChannelWords for ConsentChannel {
        email: Email,
        sms: Sms,
        phone: Phone,
        messaging: Messaging,
        post: Post,
    }
}

words! {
    GenderWords for Gender {
        female: Female,
        male: Male,
        other: Other,
    }
}

words! {
    IncomeWords for IncomeBand {
        low: Low,
        lower_middle: LowerMiddle,
        middle: Middle,
        upper_middle: UpperMiddle,
        high: High,
    }
}

words! {
    InteractionChannelWords for InteractionChannel {
        phone: Phone,
        email: Email,
        sms: Sms,
        web: Web,
        social: Social,
        chat: Chat,
        in_person: InPerson,
    }
}

words! {
    OrderStatusWords for OrderStatus {
        paid: Paid,
        pending: Pending,
        refunded: Refunded,
        cancelled: Cancelled,
    }
}

words! {
    SalesChannelWords for SalesChannel {
        online: Online,
        in_store: InStore,
        phone: Phone,
        marketplace: Marketplace,
        social: Social,
    }
}

words! {
    /// Problems with what was typed; `invalid_date` has `{pattern}`.
    ProblemWords for Problem {
        required: Required,
        invalid_email: InvalidEmail,
        invalid_phone: InvalidPhone,
        invalid_date: InvalidDate,
        implausible_birthday: ImplausibleBirthday,
        too_long: TooLong,
        negative: Negative,
        empty: Empty,
        duplicate_tag: DuplicateTag,
        invalid_number: InvalidNumber,
        duplicate_name: DuplicateName,
        invalid_rule: InvalidRule,
        unknown_organisation: UnknownOrganisation,
    }
}

words! {
    /// The types of a custom field.
    CustomTypeWords for CustomKind {
        text: Text,
        number: Number,
        date: Date,
        choice: Choice,
    }
}

words! {
    /// Why the models could not be fitted, one per `FitError` variant (read by
    /// `Strings::fit_reason`).
    FitReasonWords {
        no_customers,
        bad_summary,
        no_time,
        /// `{found}`, `{needed}`
        too_few_repeat_buyers,
        /// `{found}`, `{needed}`
        too_few_spenders,
        same_spend,
        bad_spend,
        did_not_converge,
    }
}

/// Serialize: the checks of `tests/placeholders.rs` walk every string.
#[derive(serde::Serialize)]
pub struct Strings {
    pub acquisitions: AcquisitionWords,
    pub add_interaction: &'static str,
    pub add_line: &'static str,
    pub add_order: &'static str,
    pub all_tags: &'static str,
    pub back_to_customers: &'static str,
    pub cancel: &'static str,
    /// The list column of P(alive).
    pub col_alive: &'static str,
    pub col_channel: &'static str,
    /// The list column of the lifetime value.
    pub col_clv: &'static str,
    pub col_city: &'static str,
    pub col_contact: &'static str,
    pub col_date: &'static str,
    pub col_items: &'static str,
    pub col_last_order: &'static str,
    pub col_name: &'static str,
    pub col_orders: &'static str,
    pub col_spent: &'static str,
    pub col_status: &'static str,
    pub col_total: &'static str,
    pub consent_channels: ConsentChannelWords,
    pub consent_no: &'static str,
    pub consent_yes: &'static str,
    pub countries: CountryWords,
    /// The disclosure of a new customer's other fields.
    pub more_details: &'static str,
    /// The Settings field of the shop's own country (customers' default).
    pub field_shop_country: &'static str,
    pub company_hint: &'static str,
    pub customers_one: &'static str,
    pub customers_many: &'static str,
    pub customer_deleted: &'static str,
    pub customer_not_found: &'static str,
    pub customer_since: &'static str,
    pub customers_title: &'static str,
    pub date_hint_text: &'static str,
    pub delete_customer: &'static str,
    pub demo_explain: &'static str,
    pub demo_loaded: &'static str,
    pub demo_progress: &'static str,
    pub demo_replace_body: &'static str,
    pub demo_replace_title: &'static str,
    pub demo_size: &'static str,
    pub dismiss: &'static str,
    pub edit: &'static str,
    pub edit_customer: &'static str,
    pub erase_body: &'static str,
    pub erase_button: &'static str,
    pub erase_confirm: &'static str,
    pub erase_explain: &'static str,
    pub erase_title: &'static str,
    pub erased: &'static str,
    pub err_cancelled: &'static str,
    pub err_deleted: &'static str,
    pub err_exists: &'static str,
    /// What another tab is doing, per bulk job (`Job`), and when it is not known.
    pub elsewhere_import: &'static str,
    pub elsewhere_revert: &'static str,
    pub elsewhere_restore: &'static str,
    pub elsewhere_demo: &'static str,
    pub elsewhere_erase: &'static str,
    pub elsewhere_unknown: &'static str,
    /// Said with what another tab started.
    pub elsewhere_wait: &'static str,
    /// Said when a bulk job is refused because another tab runs one.
    pub elsewhere_try_later: &'static str,
    /// Said when another tab's bulk job ended and this tab shows its result.
    pub elsewhere_done: &'static str,
    pub err_invalid: &'static str,
    pub err_not_found: &'static str,
    pub err_price: &'static str,
    pub err_quantity: &'static str,
    pub err_storage_blocked: &'static str,
    pub err_storage_damaged: &'static str,
    pub err_storage_failed: &'static str,
    pub err_storage_newer: &'static str,
    pub err_storage_quota: &'static str,
    pub err_storage_unavailable: &'static str,
    pub field_address: &'static str,
    pub field_birthday: &'static str,
    pub field_category: &'static str,
    pub field_channel: &'static str,
    pub field_city: &'static str,
    pub field_company: &'static str,
    pub field_country: &'static str,
    pub field_currency: &'static str,
    pub field_date_format: &'static str,
    pub field_direction: &'static str,
    pub field_display_name: &'static str,
    pub field_district: &'static str,
    pub field_emails: &'static str,
    pub field_family_name: &'static str,
    pub field_gender: &'static str,
    pub field_given_name: &'static str,
    pub field_income: &'static str,
    pub field_interests: &'static str,
    /// Psychographic values (what matters to the customer).
    pub field_values: &'static str,
    pub field_kind: &'static str,
    pub field_language: &'static str,
    pub field_note: &'static str,
    pub field_notes: &'static str,
    pub field_occupation: &'static str,
    pub field_phones: &'static str,
    pub field_product: &'static str,
    pub field_quantity: &'static str,
    pub field_sku: &'static str,
    pub field_source: &'static str,
    pub updated: &'static str,
    pub field_store: &'static str,
    pub field_street: &'static str,
    pub field_subject: &'static str,
    pub field_tags: &'static str,
    pub field_theme: &'static str,
    pub field_unit_price: &'static str,
    pub field_ward: &'static str,
    pub fix_errors: &'static str,
    pub genders: GenderWords,
    pub inbound: &'static str,
    pub incomes: IncomeWords,
    pub interaction_channels: InteractionChannelWords,
    pub interactions_title: &'static str,
    pub item_email: &'static str,
    pub item_phone: &'static str,
    pub item_tag: &'static str,
    pub item_custom: &'static str,
    pub custom_title: &'static str,
    pub custom_name: &'static str,
    pub custom_type: &'static str,
    pub custom_value: &'static str,
    pub custom_add: &'static str,
    pub custom_remove: &'static str,
    pub custom_types: CustomTypeWords,
    pub kind_organisation: &'static str,
    pub kind_person: &'static str,
    pub line_item: &'static str,
    pub list_hint: &'static str,
    pub load_demo: &'static str,
    pub loading: &'static str,
    pub nav_customers: &'static str,
    pub nav_label: &'static str,
    pub nav_settings: &'static str,
    pub new_customer: &'static str,
    pub no_details: &'static str,
    pub no_interactions: &'static str,
    pub no_matches: &'static str,
    pub no_orders: &'static str,
    pub not_found_title: &'static str,
    pub order_statuses: OrderStatusWords,
    pub orders_title: &'static str,
    pub organisation: &'static str,
    pub other_language: &'static str,
    pub other_language_code: &'static str,
    pub outbound: &'static str,
    pub persist_button: &'static str,
    pub persist_explain: &'static str,
    pub persist_granted: &'static str,
    pub persist_no: &'static str,
    pub persist_refused: &'static str,
    pub persist_unsupported: &'static str,
    pub persist_yes: &'static str,
    // The Potential card of a customer.
    pub potential_title: &'static str,
    pub potential_clv: &'static str,
    pub potential_alive: &'static str,
    pub potential_risk: &'static str,
    /// Why the chance is 100 % when the risk is unknown (one purchase day).
    pub potential_unknown_risk: &'static str,
    /// Next to no purchase expected: no value or count is shown.
    pub potential_tiny: &'static str,
    pub potential_expected: &'static str,
    pub potential_next: &'static str,
    /// "because they bought {x}"
    pub potential_because: &'static str,
    /// "confidence {p}"
    pub potential_confidence: &'static str,
    pub potential_confidence_hint: &'static str,
    pub potential_no_next: &'static str,
    pub potential_no_purchases: &'static str,
    /// Purchases, but none the models read (other currencies only).
    pub potential_no_data: &'static str,
    pub potential_computing: &'static str,
    /// "… cannot be predicted yet: {reason}"
    pub potential_not_fitted: &'static str,
    /// Why the models could not be fitted (`Strings::fit_reason`).
    pub fit_reasons: FitReasonWords,
    pub problems: ProblemWords,
    pub records_summary_text: &'static str,
    pub remove_line: &'static str,
    pub sales_channels: SalesChannelWords,
    pub save: &'static str,
    pub save_order: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub section_consent: &'static str,
    pub section_contact: &'static str,
    pub section_identity: &'static str,
    pub section_profile: &'static str,
    pub settings_demo: &'static str,
    pub settings_display: &'static str,
    pub settings_erase: &'static str,
    pub settings_not_saved: &'static str,
    pub settings_storage: &'static str,
    pub skip_to_content: &'static str,
    pub sort_label: &'static str,
    pub sort_last_order: &'static str,
    pub sort_name: &'static str,
    pub sort_newest: &'static str,
    pub sort_spent: &'static str,
    pub sort_value: &'static str,
    pub sort_leaving: &'static str,
    pub storage_persistent: &'static str,
    pub storage_records: &'static str,
    pub storage_used: &'static str,
    pub switch_language: &'static str,
    pub tag_label: &'static str,
    pub theme_dark: &'static str,
    pub theme_light: &'static str,
    pub theme_system: &'static str,
    pub total_spent: &'static str,
    /// Another customer has a phone or email typed in the form.
    pub duplicate_contact: &'static str,
    pub open_customer: &'static str,
    pub save_anyway: &'static str,
    pub undo: &'static str,
    pub unknown: &'static str,
    pub unspecified: &'static str,
    pub years: &'static str,
}

impl Strings {
    pub fn acquisition(&self, c: AcquisitionChannel) -> &'static str {
        self.acquisitions.of(c)
    }
    pub fn consent_channel(&self, c: ConsentChannel) -> &'static str {
        self.consent_channels.of(c)
    }
    pub fn gender(&self, g: Gender) -> &'static str {
        self.genders.of(g)
    }
    pub fn income(&self, i: IncomeBand) -> &'static str {
        self.incomes.of(i)
    }
    pub fn interaction_channel(&self, c: InteractionChannel) -> &'static str {
        self.interaction_channels.of(c)
    }
    pub fn sales_channel(&self, c: SalesChannel) -> &'static str {
        self.sales_channels.of(c)
    }
    pub fn order_status(&self, s: OrderStatus) -> &'static str {
        self.order_statuses.of(s)
    }
    /// "3 customers", with the number already formatted for the locale.
    pub fn customer_count(&self, n: usize, formatted: &str) -> String {
        if n == 1 {
            self.customers_one.to_string()
        } else {
            self.customers_many.replace("{n}", formatted)
        }
    }
    pub fn n_customers(&self, formatted: &str) -> String {
        self.customers_many.replace("{n}", formatted)
    }
    pub fn records_summary(&self, customers: &str, orders: &str) -> String {
        self.records_summary_text
            .replace("{c}", customers)
            .replace("{o}", orders)
    }
    pub fn date_hint(&self, pattern: &str) -> String {
        self.date_hint_text.replace("{pattern}", pattern)
    }
    pub fn problem(&self, p: Problem, date_pattern: &str) -> String {
        self.problems.of(p).replace("{pattern}", date_pattern)
    }
    /// Why the lifetime-value models could not be fitted, in words a shop owner
    /// understands.
    pub fn fit_reason(&self, e: &FitError) -> String {
        let w = &self.fit_reasons;
        let (text, found, needed) = match e {
            FitError::NoCustomers => (w.no_customers, 0, 0),
            FitError::BadSummary { .. } => (w.bad_summary, 0, 0),
            FitError::NoTime => (w.no_time, 0, 0),
            FitError::TooFewRepeatBuyers { found, needed } => {
                (w.too_few_repeat_buyers, *found, *needed)
            }
            FitError::TooFewSpenders { found, needed } => (w.too_few_spenders, *found, *needed),
            FitError::SameSpend => (w.same_spend, 0, 0),
            FitError::BadSpend => (w.bad_spend, 0, 0),
            FitError::DidNotConverge => (w.did_not_converge, 0, 0),
        };
        text.replace("{found}", &found.to_string())
            .replace("{needed}", &needed.to_string())
    }
    /// The word for one entry of a list field, for "Email 2: ...".
    pub fn item(&self, field: &str) -> &'static str {
        match field {
            "emails" => self.item_email,
            "phones" => self.item_phone,
            "custom" => self.item_custom,
            _ => self.item_tag,
        }
    }
}
