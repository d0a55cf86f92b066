//! Words of the Import page, in English and Vietnamese (one value per language, so a
//! missing string does not compile). Placeholders: `{n}`, `{u}`, `{r}`, `{p}`,
//! `{file}`, `{field}`, `{line}`.

mod en;
mod vi;

use clientele_core::amount::AmountError;
use clientele_core::dates::{DateError, DateOrder};
use clientele_core::format::Locale;
use clientele_core::import::cells::Reason;
use clientele_core::import::file::FileError;
use clientele_core::import::mapping::{FileKind, MappingError, Preset, Target};
use clientele_core::import::plan::Mode;
use clientele_core::import::text::TextError;

pub fn imp_strings(locale: Locale) -> &'static ImpStrings {
    match locale {
        Locale::En => &en::EN,
        Locale::Vi => &vi::VI,
    }
}

words! {
    FileKindWords for FileKind {
        customers: Customers,
        orders: Orders,
        interactions: Interactions,
    }
}

words! {
    /// "… export recognised."
    PresetWords for Preset {
        shopify_orders: ShopifyOrders,
        shopify_customers: ShopifyCustomers,
        woo_commerce_orders: WooCommerceOrders,
    }
}

words! {
    ModeWords for Mode {
        create: Create,
        update: Update,
        create_and_update: CreateAndUpdate,
    }
}

words! {
    DateOrderWords for DateOrder {
        day_first: DayFirst,
        month_first: MonthFirst,
    }
}

words! {
    /// The name of each `Target` but `Ignore` and `Custom` (read by
    /// `ImpStrings::target`).
    TargetWords {
        external_id,
        full_name,
        given_name,
        family_name,
        company,
        email,
        phone,
        street,
        ward,
        district,
        city,
        country,
        birthday,
        gender,
        occupation,
        tags,
        interests,
        notes,
        source,
        created_at,
        email_consent,
        sms_consent,
        kind,
        income,
        values,
        acquisition,
        computed,
        order_ref,
        order_date,
        total,
        currency,
        product,
        sku,
        category,
        quantity,
        unit_price,
        status,
        cancelled_at,
        refunded_amount,
        sales_channel,
        store,
        line_item_spec,
        interaction_date,
        interaction_channel,
        direction,
        subject,
        note,
    }
}

words! {
    /// The keys that match customers (`plan::MatchBy`).
    MatchKeyWords {
        external_id,
        email,
        phone,
    }
}

words! {
    /// What rows with problems do.
    InvalidWords {
        skip,
        block,
    }
}

words! {
    /// The counts of an import plan (`plan::Counts`).
    CountWords {
        records,
        new,
        updated,
        duplicate,
        invalid,
        not_found,
        new_customers,
    }
}

words! {
    /// Why a row was refused, per `Reason` (read by `ImpStrings::reason`).
    ReasonWords {
        date_ambiguous,
        no_such_day,
        bad_time,
        not_a_date,
        bad_grouping,
        too_many_decimals,
        too_large,
        not_an_amount,
        email,
        phone,
        quantity,
        choice,
        yes_no,
        currency,
        line_item,
        too_long,
        /// `{field}`: the empty field.
        missing,
        no_customer,
        empty,
        negative,
        birthday,
        /// `{n}` values found, `{u}` columns expected.
        extra_values,
    }
}

/// Serialize: the checks of `tests/placeholders.rs` walk every string.
#[derive(serde::Serialize)]
pub struct ImpStrings {
    pub nav: &'static str,
    pub title: &'static str,
    pub explain: &'static str,
    pub kind_label: &'static str,
    pub kinds: FileKindWords,
    pub choose_file: &'static str,
    pub drop_hint: &'static str,
    /// "{file}: {n} columns"
    pub file_summary: &'static str,
    pub presets: PresetWords,
    pub mapping_title: &'static str,
    pub col_column: &'static str,
    pub col_sample: &'static str,
    pub col_field: &'static str,
    pub ignore: &'static str,
    pub custom: &'static str,
    pub custom_name: &'static str,
    pub targets: TargetWords,
    pub mode_label: &'static str,
    pub modes: ModeWords,
    pub match_label: &'static str,
    pub match_keys: MatchKeyWords,
    pub date_order_label: &'static str,
    pub date_orders: DateOrderWords,
    pub date_ambiguous: &'static str,
    pub date_conflicting: &'static str,
    pub currency_label: &'static str,
    pub invalid_label: &'static str,
    pub invalid_options: InvalidWords,
    pub check: &'static str,
    /// "Reading: {n} rows ({r} rows/s)"
    pub reading: &'static str,
    /// "Writing: {n} records ({r} per second)"
    pub writing: &'static str,
    pub progress_label: &'static str,
    pub summary_title: &'static str,
    pub counts: CountWords,
    pub problems_title: &'static str,
    pub col_line: &'static str,
    pub col_value: &'static str,
    pub col_problem: &'static str,
    /// "Showing the first {n}."
    pub problems_more: &'static str,
    pub preview_title: &'static str,
    pub col_customer: &'static str,
    pub col_reference: &'static str,
    pub col_when: &'static str,
    pub col_total: &'static str,
    pub col_items: &'static str,
    pub col_subject: &'static str,
    /// "Import {n} records"
    pub import_button: &'static str,
    pub nothing: &'static str,
    pub blocked: &'static str,
    pub back: &'static str,
    /// "{file}: {n} new, {u} updated."
    pub imported: &'static str,
    pub history_title: &'static str,
    pub no_history: &'static str,
    pub col_file: &'static str,
    pub col_kind: &'static str,
    pub col_new: &'static str,
    pub col_updated: &'static str,
    pub col_skipped: &'static str,
    pub revert: &'static str,
    /// "Revert {file}"
    pub revert_label: &'static str,
    pub reverted: &'static str,
    pub revert_title: &'static str,
    pub revert_body: &'static str,
    /// "Import reverted: {n} records deleted, {u} customers restored."
    pub reverted_done: &'static str,
    /// Why a row was refused (`reason`).
    pub reasons: ReasonWords,
    pub err_not_text: &'static str,
    pub err_unclosed: &'static str,
    pub err_empty: &'static str,
    pub err_unreadable: &'static str,
    pub err_twice: &'static str,
    pub err_no_customer: &'static str,
    pub err_missing: &'static str,
    pub err_custom_name: &'static str,
}

impl ImpStrings {
    pub fn target(&self, t: &Target) -> String {
        let w = &self.targets;
        let name = match t {
            Target::Ignore => return self.ignore.to_string(),
            Target::Custom(key) => {
                return format!("{}: {key}", self.custom.trim_end_matches('…'));
            }
            Target::ExternalId => w.external_id,
            Target::FullName => w.full_name,
            Target::GivenName => w.given_name,
            Target::FamilyName => w.family_name,
            Target::Company => w.company,
            Target::Email => w.email,
            Target::Phone => w.phone,
            Target::Street => w.street,
            Target::Ward => w.ward,
            Target::District => w.district,
            Target::City => w.city,
            Target::Country => w.country,
            Target::Birthday => w.birthday,
            Target::Gender => w.gender,
            Target::Occupation => w.occupation,
            Target::Tags => w.tags,
            Target::Interests => w.interests,
            Target::Notes => w.notes,
            Target::Source => w.source,
            Target::CreatedAt => w.created_at,
            Target::EmailConsent => w.email_consent,
            Target::SmsConsent => w.sms_consent,
            Target::Kind => w.kind,
            Target::Income => w.income,
            Target::Values => w.values,
            Target::Acquisition => w.acquisition,
            Target::Computed => w.computed,
            Target::OrderRef => w.order_ref,
            Target::OrderDate => w.order_date,
            Target::Total => w.total,
            Target::Currency => w.currency,
            Target::Product => w.product,
            Target::Sku => w.sku,
            Target::Category => w.category,
            Target::Quantity => w.quantity,
            Target::UnitPrice => w.unit_price,
            Target::Status => w.status,
            Target::CancelledAt => w.cancelled_at,
            Target::RefundedAmount => w.refunded_amount,
            Target::SalesChannel => w.sales_channel,
            Target::Store => w.store,
            Target::LineItemSpec => w.line_item_spec,
            Target::InteractionDate => w.interaction_date,
            Target::InteractionChannel => w.interaction_channel,
            Target::Direction => w.direction,
            Target::Subject => w.subject,
            Target::Note => w.note,
        };
        name.to_string()
    }

    /// Why a row was refused, in words.
    pub fn reason(&self, r: &Reason) -> String {
        let w = &self.reasons;
        let text = match r {
            Reason::Date(DateError::Ambiguous) => w.date_ambiguous,
            Reason::Date(DateError::NoSuchDay) => w.no_such_day,
            Reason::Date(DateError::BadTime) => w.bad_time,
            Reason::Date(DateError::Empty | DateError::NotADate) => w.not_a_date,
            Reason::Amount(AmountError::BadGrouping) => w.bad_grouping,
            Reason::Amount(AmountError::TooManyDecimals) => w.too_many_decimals,
            Reason::Amount(AmountError::TooLarge) => w.too_large,
            Reason::Amount(AmountError::Empty | AmountError::NotANumber) => w.not_an_amount,
            Reason::Email => w.email,
            Reason::Phone => w.phone,
            Reason::Quantity => w.quantity,
            Reason::Choice => w.choice,
            Reason::YesNo => w.yes_no,
            Reason::Currency => w.currency,
            Reason::LineItem => w.line_item,
            Reason::TooLong => w.too_long,
            Reason::Missing(t) => return w.missing.replace("{field}", &self.target(t)),
            Reason::NoCustomer => w.no_customer,
            Reason::Empty => w.empty,
            Reason::Negative => w.negative,
            Reason::Birthday => w.birthday,
            Reason::ExtraValues { found, expected } => {
                return w
                    .extra_values
                    .replace("{n}", &found.to_string())
                    .replace("{u}", &expected.to_string())
            }
        };
        text.to_string()
    }

    pub fn file_error(&self, e: &FileError) -> String {
        match e {
            FileError::Text(TextError::NotText { line, .. }) => {
                self.err_not_text.replace("{line}", &line.to_string())
            }
            FileError::Record(r) => self.err_unclosed.replace("{line}", &r.line.to_string()),
            FileError::Empty => self.err_empty.to_string(),
        }
    }

    pub fn mapping_error(&self, e: &MappingError) -> String {
        match e {
            MappingError::Twice { target, .. } => {
                self.err_twice.replace("{field}", &self.target(target))
            }
            MappingError::EmptyCustomKey { .. } => self.err_custom_name.to_string(),
            MappingError::NoCustomer => self.err_no_customer.to_string(),
            MappingError::Missing(t) => self.err_missing.replace("{field}", &self.target(t)),
        }
    }
}
