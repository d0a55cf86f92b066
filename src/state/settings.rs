//! User settings (language, currency, date format, theme), remembered in localStorage,
//! and the formatting helpers that follow them.

use crate::i18n::{seg_strings, strings, SegStrings, Strings};
use crate::platform;
use crate::storage;
use clientele_core::export::CsvStyle;
use clientele_core::format::{self, DateFormat, Locale};
use clientele_core::model::Currency;
use clientele_core::segment::lifecycle::Thresholds;
use clientele_core::segment::rfm::{ScoringRules, SegmentMap};
use clientele_core::time::{Day, Millis};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub locale: Locale,
    /// ISO code of the shop's main currency.
    pub currency: String,
    pub date_format: DateFormat,
    pub theme: Theme,
    /// How customers are scored and staged (Segments page).
    pub analysis: AnalysisSettings,
    /// How CSV exports are written (delimiter, byte order mark).
    pub csv: CsvStyle,
    /// ISO 3166-1 alpha-2 code of the shop's country: a new customer's by default.
    pub country: String,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisSettings {
    /// Only the last this many days count (all history when `None`).
    pub window_days: Option<u32>,
    pub scoring: ScoringRules,
    pub map: SegmentMap,
    /// Lifecycle thresholds set by hand; derived from the data when `None`.
    pub stages: Option<Thresholds>,
    /// Months lifetime values are computed over (12 when `None`).
    pub clv_months: Option<u32>,
    /// Discount rate of lifetime values, percent per month (1 when `None`).
    pub clv_discount: Option<f64>,
}

impl AnalysisSettings {
    pub const CLV_MONTHS: u32 = 12;
    pub const CLV_DISCOUNT: f64 = 1.0;

    /// The months lifetime values can be computed over.
    pub const MONTHS: [u32; 5] = [3, 6, 12, 24, 36];

    /// Months lifetime values are computed over (a stored value not offered: 12).
    pub fn clv_months(&self) -> u32 {
        self.clv_months
            .filter(|m| Self::MONTHS.contains(m))
            .unwrap_or(Self::CLV_MONTHS)
    }

    /// The horizon and discount of lifetime values (a month: a twelfth of 365 days).
    pub fn horizon(&self) -> clientele_core::clv::predict::Horizon {
        clientele_core::clv::predict::Horizon {
            days: f64::from(self.clv_months()) * 365.0 / 12.0,
            // A stored rate outside 0–20 % (edited by hand): the default.
            monthly_discount: self
                .clv_discount
                .filter(|d| (0.0..=20.0).contains(d))
                .unwrap_or(Self::CLV_DISCOUNT)
                / 100.0,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        let vi = web_sys::window()
            .and_then(|w| w.navigator().language())
            .is_some_and(|l| l.to_ascii_lowercase().starts_with("vi"));
        Settings {
            locale: if vi { Locale::Vi } else { Locale::En },
            currency: "VND".into(),
            date_format: DateFormat::DayMonthYear,
            theme: Theme::System,
            analysis: AnalysisSettings::default(),
            csv: CsvStyle::default(),
            country: "VN".into(),
        }
    }
}

#[derive(Clone, Copy)]
pub struct SettingsState {
    pub settings: RwSignal<Settings>,
    /// False when localStorage refused to save (private mode): settings last this visit.
    pub saved: RwSignal<bool>,
}

impl SettingsState {
    /// `text` with `{n}` the months of a lifetime value `horizon` (as the analysis
    /// computed it, which follows the settings a moment later).
    pub fn with_months(
        &self,
        text: &str,
        horizon: &clientele_core::clv::predict::Horizon,
    ) -> String {
        let n = (horizon.days * 12.0 / 365.0).round();
        text.replace("{n}", &n.to_string())
    }
    pub fn t(&self) -> &'static Strings {
        strings(self.settings.with(|s| s.locale))
    }
    /// The words of the Import page.
    pub fn imp(&self) -> &'static crate::i18n::ImpStrings {
        crate::i18n::imp_strings(self.settings.with(|s| s.locale))
    }
    /// The words of the Export & backup page.
    pub fn bak(&self) -> &'static crate::i18n::BackupStrings {
        crate::i18n::backup_strings(self.settings.with(|s| s.locale))
    }
    /// The words of the keyboard (palette, shortcuts).
    pub fn keys(&self) -> &'static crate::i18n::KeysStrings {
        crate::i18n::keys_strings(self.settings.with(|s| s.locale))
    }
    /// The words of keeping the data safe, and of the first visit.
    pub fn safe(&self) -> &'static crate::i18n::SafetyStrings {
        crate::i18n::safety_strings(self.settings.with(|s| s.locale))
    }
    /// The words of correcting orders and interactions.
    pub fn h(&self) -> &'static crate::i18n::HistoryStrings {
        crate::i18n::history_strings(self.settings.with(|s| s.locale))
    }
    /// The words of the customer list's filters and bulk actions.
    pub fn lst(&self) -> &'static crate::i18n::ListStrings {
        crate::i18n::list_strings(self.settings.with(|s| s.locale))
    }
    /// The words of the Products page.
    pub fn p(&self) -> &'static crate::i18n::ProductsStrings {
        crate::i18n::products_strings(self.settings.with(|s| s.locale))
    }
    /// The words of the Dashboard.
    pub fn d(&self) -> &'static crate::i18n::DashStrings {
        crate::i18n::dash_strings(self.settings.with(|s| s.locale))
    }
    /// The words of the Segments pages.
    pub fn s(&self) -> &'static SegStrings {
        seg_strings(self.settings.with(|s| s.locale))
    }
    /// One UI string as a signal that follows the language, e.g. for a field label:
    /// `settings.text(|t| t.field_emails)`.
    pub fn text(&self, get: fn(&Strings) -> &'static str) -> Signal<String> {
        let settings = self.settings;
        Signal::derive(move || get(strings(settings.with(|s| s.locale))).to_string())
    }

    pub fn locale(&self) -> Locale {
        self.settings.with(|s| s.locale)
    }
    /// The shop's country code (a new customer's by default).
    pub fn country(&self) -> String {
        self.settings.with(|s| s.country.clone())
    }
    pub fn currency(&self) -> Currency {
        self.settings
            .with(|s| Currency::parse(&s.currency))
            .unwrap_or(Currency::VND)
    }
    pub fn csv(&self) -> CsvStyle {
        self.settings.with_untracked(|s| s.csv)
    }
    pub fn date_format(&self) -> DateFormat {
        self.settings.with(|s| s.date_format)
    }
    pub fn money(&self, minor: i64, currency: Currency) -> String {
        format::money(minor, currency, self.locale())
    }
    /// Money in major units (a predicted lifetime value), rounded to minor units.
    pub fn money_major(&self, major: f64, currency: Currency) -> String {
        self.money(
            (major * currency.minor_per_major()).round() as i64,
            currency,
        )
    }
    pub fn integer(&self, n: i64) -> String {
        format::integer(n, self.locale())
    }
    /// A chance as a whole percent: `0.873` → `87%`; `<1%` and `>99%` near the ends,
    /// so that 0% and 100% mean exactly that.
    pub fn chance(&self, share: f64) -> String {
        if share > 0.0 && share < 0.005 {
            "<1%".into()
        } else if (0.995..1.0).contains(&share) {
            ">99%".into()
        } else {
            format!("{}%", format::decimal(share * 100.0, 0, self.locale()))
        }
    }
    pub fn date(&self, day: Day) -> String {
        format::date(day, self.date_format())
    }
    pub fn date_of(&self, ms: Millis) -> String {
        self.date(platform::local_day(ms))
    }
    pub fn date_time(&self, ms: Millis) -> String {
        format::date_time(ms, platform::utc_offset_minutes(), self.date_format())
    }
    pub fn update(&self, f: impl FnOnce(&mut Settings)) {
        self.settings.update(f);
    }
}

pub fn provide_settings() -> SettingsState {
    let settings = RwSignal::new(storage::settings::load::<Settings>().unwrap_or_default());
    let saved = RwSignal::new(true);
    let state = SettingsState { settings, saved };
    Effect::new(move |_| {
        let s = settings.get();
        saved.set(storage::settings::save(&s));
        apply_to_document(&s);
    });
    provide_context(state);
    state
}

/// Sets `lang` and the theme on the root element.
fn apply_to_document(s: &Settings) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = root.set_attribute("lang", s.locale.code());
    let theme = match s.theme {
        Theme::System => "system",
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    let _ = root.set_attribute("data-theme", theme);
}

pub fn use_settings() -> SettingsState {
    expect_context::<SettingsState>()
}
