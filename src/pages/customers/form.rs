//! The customer form, for a new customer and for editing one. Validation is the core's
//! (`validate::customer`); errors are shown next to their fields and nothing is saved.

use crate::components::choices::country_options;
use crate::components::{
    choices, focus_first_invalid, focus_id, Choice, ChoiceField, SelectField, TextField,
};
use crate::i18n::Strings;
use crate::platform;
use crate::state::{use_data, use_settings, AppError};
use clientele_core::command::RecordCommand;
use clientele_core::db::SameContact;
use clientele_core::model::*;
use clientele_core::validate::{self, FieldError, Problem};
use clientele_core::{Id, Record};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Splits "a, b; c" into trimmed, non-empty parts.
fn list(s: &str) -> Vec<String> {
    s.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}

fn enum_code<T: std::fmt::Debug>(v: Option<T>) -> String {
    v.map(choices::code).unwrap_or_default()
}

const GENDERS: [Gender; 3] = [Gender::Female, Gender::Male, Gender::Other];

/// The fields a new customer's form shows first; the others are behind "More details".
const ESSENTIAL: [&str; 7] = [
    "kind",
    "display_name",
    "company",
    "phones",
    "emails",
    "city",
    "tags",
];

/// One custom field row of the form.
#[derive(Clone, Copy)]
struct CustomRow {
    key: u32,
    name: RwSignal<String>,
    kind: RwSignal<CustomKind>,
    value: RwSignal<String>,
}

impl Choice for CustomKind {
    fn code(self) -> &'static str {
        CustomKind::code(self)
    }
}

impl CustomRow {
    fn new(key: u32, f: Option<&CustomField>, settings: &crate::state::SettingsState) -> CustomRow {
        let value = match f.map(|f| &f.value) {
            None => String::new(),
            Some(CustomValue::Text(t) | CustomValue::Choice(t)) => t.clone(),
            Some(CustomValue::Number(n)) => {
                clientele_core::format::decimal(*n, 2, settings.locale())
                    .trim_end_matches(['0'])
                    .trim_end_matches(['.', ','])
                    .to_string()
            }
            Some(CustomValue::Date(d)) => settings.date(*d),
        };
        let kind = f.map_or(CustomKind::Text, |f| f.value.kind());
        CustomRow {
            key,
            name: RwSignal::new(f.map(|f| f.key.clone()).unwrap_or_default()),
            kind: RwSignal::new(kind),
            value: RwSignal::new(value),
        }
    }
}

/// The form's fields, as text the person edits.
#[derive(Clone, Copy)]
struct Fields {
    kind: RwSignal<String>,
    display_name: RwSignal<String>,
    given_name: RwSignal<String>,
    family_name: RwSignal<String>,
    emails: RwSignal<String>,
    phones: RwSignal<String>,
    birthday: RwSignal<String>,
    gender: RwSignal<String>,
    occupation: RwSignal<String>,
    income: RwSignal<String>,
    street: RwSignal<String>,
    ward: RwSignal<String>,
    district: RwSignal<String>,
    city: RwSignal<String>,
    country: RwSignal<String>,
    interests: RwSignal<String>,
    values: RwSignal<String>,
    tags: RwSignal<String>,
    channel: RwSignal<String>,
    source: RwSignal<String>,
    notes: RwSignal<String>,
    consent: RwSignal<Vec<ConsentChannel>>,
    company: RwSignal<String>,
    custom: RwSignal<Vec<CustomRow>>,
}

impl Fields {
    /// `company_name`: the name of the customer's organisation, if any.
    fn new(c: &Customer, settings: &crate::state::SettingsState, company_name: String) -> Fields {
        let date = |d| settings.date(d);
        let s = |v: &str| RwSignal::new(v.to_string());
        Fields {
            kind: s(&choices::code(c.kind)),
            display_name: s(&c.display_name),
            given_name: s(&c.given_name),
            family_name: s(&c.family_name),
            emails: s(&c.emails.join(", ")),
            phones: s(&c.phones.join(", ")),
            birthday: RwSignal::new(c.birthday.map(date).unwrap_or_default()),
            gender: RwSignal::new(enum_code(c.gender)),
            occupation: s(&c.occupation),
            income: RwSignal::new(enum_code(c.income)),
            street: s(&c.address.street),
            ward: s(&c.address.ward),
            district: s(&c.address.district),
            city: s(&c.address.city),
            country: s(&c.address.country.to_uppercase()),
            interests: s(&c.interests.join(", ")),
            values: s(&c.values.join(", ")),
            tags: s(&c.tags.join(", ")),
            channel: RwSignal::new(enum_code(c.channel)),
            source: s(&c.source),
            notes: s(&c.notes),
            consent: RwSignal::new(
                c.consent
                    .iter()
                    .filter(|x| x.granted)
                    .map(|x| x.channel)
                    .collect(),
            ),
            company: RwSignal::new(company_name),
            custom: RwSignal::new(
                c.custom
                    .iter()
                    .enumerate()
                    .map(|(i, f)| CustomRow::new(i as u32, Some(f), settings))
                    .collect(),
            ),
        }
    }

    /// The customer as typed, on top of `base` (which keeps what the form does not
    /// show), and every problem found: what cannot be read (dates, numbers, the
    /// company) and what the core refuses, all at once. `orgs` are the organisations
    /// (id, name) a typed company is looked up in.
    fn read(
        &self,
        base: &Customer,
        settings: &crate::state::SettingsState,
        orgs: &[(Id, String)],
    ) -> Result<Customer, Vec<FieldError>> {
        let date_format = settings.date_format();
        let mut errors = Vec::new();
        let mut c = base.clone();
        c.kind = choices::parse(
            &self.kind.get_untracked(),
            &[PartyKind::Person, PartyKind::Organisation],
        )
        .unwrap_or_default();
        c.display_name = self.display_name.get_untracked().trim().to_string();
        c.given_name = self.given_name.get_untracked().trim().to_string();
        c.family_name = self.family_name.get_untracked().trim().to_string();
        c.emails = list(&self.emails.get_untracked());
        c.phones = list(&self.phones.get_untracked());
        let birthday = self.birthday.get_untracked();
        c.birthday = if birthday.trim().is_empty() {
            None
        } else {
            match validate::parse_date(&birthday, date_format) {
                Some(d) => Some(d),
                None => {
                    errors.push(FieldError::new("birthday", Problem::InvalidDate));
                    None
                }
            }
        };
        c.gender = choices::parse(&self.gender.get_untracked(), &GENDERS);
        c.occupation = self.occupation.get_untracked().trim().to_string();
        c.income = choices::parse(&self.income.get_untracked(), &IncomeBand::ALL);
        c.address = Address {
            street: self.street.get_untracked().trim().into(),
            ward: self.ward.get_untracked().trim().into(),
            district: self.district.get_untracked().trim().into(),
            city: self.city.get_untracked().trim().into(),
            country: self.country.get_untracked().trim().to_uppercase(),
        };
        c.interests = list(&self.interests.get_untracked());
        c.values = list(&self.values.get_untracked());
        c.tags = list(&self.tags.get_untracked());
        c.channel = choices::parse(&self.channel.get_untracked(), &AcquisitionChannel::ALL);
        c.source = self.source.get_untracked().trim().to_string();
        c.notes = self.notes.get_untracked();
        let granted = self.consent.get_untracked();
        let today = platform::today();
        // Keep the date of consent that did not change; date the changes today.
        c.consent = ConsentChannel::ALL
            .iter()
            .filter_map(|&ch| {
                let now = granted.contains(&ch);
                match base.consent_for(ch) {
                    Some(old) if old.granted == now => Some(*old),
                    Some(_) => Some(Consent {
                        channel: ch,
                        granted: now,
                        on: today,
                    }),
                    None if now => Some(Consent {
                        channel: ch,
                        granted: true,
                        on: today,
                    }),
                    None => None,
                }
            })
            .collect();
        let company = self.company.get_untracked();
        c.company = None;
        if c.kind == PartyKind::Person && !company.trim().is_empty() {
            let mut names = clientele_core::search::NameIndex::default();
            for (oid, n) in orgs {
                names.insert(n, *oid);
            }
            match names.get(&company) {
                Some(oid) => c.company = Some(oid),
                None => errors.push(FieldError::new("company", Problem::UnknownOrganisation)),
            }
        }
        c.custom = Vec::new();
        for (i, row) in self.custom.get_untracked().iter().enumerate() {
            let text = row.value.get_untracked().trim().to_string();
            let value = match row.kind.get_untracked() {
                CustomKind::Number => {
                    match clientele_core::format::parse_decimal(&text, settings.locale()) {
                        Some(n) => CustomValue::Number(n),
                        None => {
                            errors.push(FieldError::at("custom", i, Problem::InvalidNumber));
                            continue;
                        }
                    }
                }
                CustomKind::Date => match validate::parse_date(&text, date_format) {
                    Some(d) => CustomValue::Date(d),
                    None => {
                        errors.push(FieldError::at("custom", i, Problem::InvalidDate));
                        continue;
                    }
                },
                CustomKind::Choice => CustomValue::Choice(text),
                CustomKind::Text => CustomValue::Text(text),
            };
            c.custom.push(CustomField {
                key: row.name.get_untracked().trim().to_string(),
                value,
            });
        }
        if let Err(more) = validate::customer(&c, platform::today()) {
            for e in more {
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
        }
        if errors.is_empty() {
            Ok(c)
        } else {
            Err(errors)
        }
    }
}

/// The words for one field error, e.g. "Email 2: not a valid email address".
pub fn error_text(t: &Strings, e: &FieldError, date_pattern: &str) -> String {
    let problem = t.problem(e.problem, date_pattern);
    match e.index {
        Some(i) if matches!(e.field, "emails" | "phones" | "tags") => {
            format!("{} {}: {problem}", t.item(e.field), i + 1)
        }
        _ => problem,
    }
}

#[component]
pub fn CustomerForm(
    /// The customer to edit; `None` for a new one.
    #[prop(optional)]
    existing: Option<Record<Customer>>,
    /// Called with the id after a successful save.
    on_saved: Callback<Id>,
    /// Called when the person cancels.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let t = move || settings.t();
    let base = existing
        .as_ref()
        .map(|r| r.data.clone())
        .unwrap_or_default();
    let id = existing.as_ref().map(|r| r.id);
    // Each organisation once (by name, case aside: "Ân" and "An" are two), never the
    // customer itself: a company typed is looked up here (`NameIndex`).
    let orgs = Memo::new(move |_| {
        let mut seen = std::collections::HashSet::new();
        data.with(|db| db.organisations())
            .into_iter()
            .filter(|(oid, n)| Some(*oid) != id && seen.insert(n.trim().to_lowercase()))
            .collect::<Vec<_>>()
    });
    let company_name = base
        .company
        .and_then(|cid| data.untracked(|db| db.customer(cid).map(|c| c.data.name())))
        .unwrap_or_default();
    let mut base = base;
    if existing.is_none() && base.address.country.is_empty() {
        base.address.country = settings.country();
    }
    let f = Fields::new(&base, &settings, company_name);
    // The fields past the essentials: open when editing, or when one has an error.
    let more = RwSignal::new(existing.is_some());
    let next_custom = StoredValue::new(base.custom.len() as u32);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let base = StoredValue::new(base);
    let err = move |field: &'static str| {
        Signal::derive(move || {
            let pattern = settings.date_format().pattern();
            let msgs: Vec<String> = errors.with(|es| {
                es.iter()
                    .filter(|e| e.field == field)
                    .map(|e| error_text(t(), e, pattern))
                    .collect()
            });
            (!msgs.is_empty()).then(|| msgs.join(" · "))
        })
    };
    let label = move |get| settings.text(get);

    // Another customer with a phone or email typed here, until the owner decides.
    let duplicate = RwSignal::new(None::<SameContact>);
    // The one they chose to save beside anyway.
    let beside = StoredValue::new(None::<Id>);
    let save_now = move || {
        if saving.get_untracked() {
            return;
        }
        failure.set(None);
        let typed = match f.read(&base.get_value(), &settings, &orgs.get_untracked()) {
            Ok(c) => c,
            Err(es) => {
                if es.iter().any(|e| !ESSENTIAL.contains(&e.field)) {
                    more.set(true);
                }
                errors.set(es);
                focus_first_invalid();
                return;
            }
        };
        errors.set(Vec::new());
        let same = data.untracked(|db| db.same_contact(&typed, id));
        match same {
            Some(same) if beside.get_value() != Some(same.id) => {
                duplicate.set(Some(same));
                focus_id("duplicate-warning");
                return;
            }
            _ => duplicate.set(None),
        }
        let cmd = match id {
            None => {
                let mut c = typed;
                c.created_at = platform::now_ms();
                RecordCommand::Create {
                    id: platform::new_id(),
                    data: c,
                }
            }
            // Only what was changed here: a field another tab changed meanwhile
            // keeps its new value.
            Some(id) => RecordCommand::Update {
                id,
                changes: clientele_core::record::changes(&base.get_value(), &typed),
            },
        };
        let target = cmd.id();
        saving.set(true);
        leptos::task::spawn_local(async move {
            match data.customer_command(cmd).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    on_saved.run(target);
                }
                Err(AppError::Invalid(es)) => {
                    errors.set(es);
                    focus_first_invalid();
                }
                Err(e) => failure.set(Some(e.message(settings.t()))),
            }
            saving.set(false);
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save_now();
    };
    let save_anyway = move |_| {
        beside.set_value(duplicate.get_untracked().map(|d| d.id));
        save_now();
    };

    let kind_options = Signal::derive(move || {
        choices::options(&[PartyKind::Person, PartyKind::Organisation], |k| match k {
            PartyKind::Person => t().kind_person,
            PartyKind::Organisation => t().kind_organisation,
        })
    });
    let gender_options = Signal::derive(move || {
        choices::options_or_none(t().unspecified, &GENDERS, |g| t().gender(g))
    });
    let income_options = Signal::derive(move || {
        choices::options_or_none(t().unspecified, &IncomeBand::ALL, |i| t().income(i))
    });
    let channel_options = Signal::derive(move || {
        choices::options_or_none(t().unspecified, &AcquisitionChannel::ALL, |c| {
            t().acquisition(c)
        })
    });
    let date_hint = Signal::derive(move || Some(t().date_hint(settings.date_format().pattern())));
    let list_hint = Signal::derive(move || Some(t().list_hint.to_string()));
    let has_errors = move || errors.with(|e| !e.is_empty());
    let country_options = Signal::derive(move || country_options(t(), &f.country.get()));
    let type_options = Signal::derive(move || {
        t().custom_types
            .all()
            .into_iter()
            .map(|(k, l)| (k, l.to_string()))
            .collect::<Vec<_>>()
    });
    // A custom row's errors: about its name (missing, used twice) or about its value.
    let row_error = move |row: u32, about_value: bool| {
        Signal::derive(move || {
            let i = f
                .custom
                .with(|rows| rows.iter().position(|r| r.key == row))?;
            let pattern = settings.date_format().pattern();
            errors.with(|es| {
                es.iter()
                    .filter(|e| e.field == "custom" && e.index == Some(i))
                    .find(|e| {
                        about_value
                            == matches!(e.problem, Problem::InvalidNumber | Problem::InvalidDate)
                    })
                    .map(|e| t().problem(e.problem, pattern))
            })
        })
    };

    view! {
        <form class="card form" on:submit=save novalidate>
            <Show when=has_errors>
                <p class="form-error" role="alert">{move || t().fix_errors}</p>
            </Show>
            {move || failure.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <fieldset>
                <legend>{move || t().section_identity}</legend>
                <div class="grid">
                    <SelectField label=label(|t| t.field_kind) value=f.kind options=kind_options/>
                    <TextField label=label(|t| t.field_display_name) value=f.display_name error=err("display_name") required=true autocomplete="name"/>
                    <TextField label=label(|t| t.field_phones) value=f.phones error=err("phones") hint=list_hint kind="tel" autocomplete="off"/>
                    <TextField label=label(|t| t.field_emails) value=f.emails error=err("emails") hint=list_hint kind="email" autocomplete="off"/>
                    <TextField label=label(|t| t.field_city) value=f.city/>
                    <TextField label=label(|t| t.field_tags) value=f.tags error=err("tags") hint=list_hint/>
                    <Show when=move || f.kind.get() == choices::code(PartyKind::Person)>
                        <TextField label=label(|t| t.field_company) value=f.company error=err("company") list="company-list" hint=Signal::derive(move || Some(t().company_hint.to_string()))/>
                        <datalist id="company-list">
                            {move || orgs.get().into_iter().map(|(_, n)| view! { <option value=n></option> }).collect_view()}
                        </datalist>
                    </Show>
                </div>
            </fieldset>
            <details class="more" prop:open=move || more.get() on:toggle=move |ev| {
                let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                if open != more.get_untracked() { more.set(open); }
            }>
            <summary>{move || t().more_details}</summary>
            <fieldset>
                <legend>{move || t().section_contact}</legend>
                <div class="grid">
                    <TextField label=label(|t| t.field_given_name) value=f.given_name error=err("given_name") autocomplete="given-name"/>
                    <TextField label=label(|t| t.field_family_name) value=f.family_name error=err("family_name") autocomplete="family-name"/>
                    <TextField label=label(|t| t.field_street) value=f.street error=err("street")/>
                    <TextField label=label(|t| t.field_ward) value=f.ward/>
                    <TextField label=label(|t| t.field_district) value=f.district/>
                    <SelectField label=label(|t| t.field_country) value=f.country options=country_options/>
                </div>
            </fieldset>
            <fieldset>
                <legend>{move || t().section_profile}</legend>
                <div class="grid">
                    <TextField label=label(|t| t.field_birthday) value=f.birthday error=err("birthday") hint=date_hint/>
                    <SelectField label=label(|t| t.field_gender) value=f.gender options=gender_options/>
                    <TextField label=label(|t| t.field_occupation) value=f.occupation error=err("occupation")/>
                    <SelectField label=label(|t| t.field_income) value=f.income options=income_options/>
                    <TextField label=label(|t| t.field_interests) value=f.interests hint=list_hint/>
                    <TextField label=label(|t| t.field_values) value=f.values hint=list_hint/>
                    <SelectField label=label(|t| t.field_channel) value=f.channel options=channel_options/>
                    <TextField label=label(|t| t.field_source) value=f.source error=err("source")/>
                </div>
            </fieldset>
            <fieldset>
                <legend>{move || t().section_consent}</legend>
                <div class="checks">
                    {ConsentChannel::ALL.iter().map(|&ch| {
                        let checked = move || f.consent.with(|v| v.contains(&ch));
                        view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=checked on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    f.consent.update(|v| { v.retain(|x| *x != ch); if on { v.push(ch); } });
                                }/>
                                {move || t().consent_channel(ch)}
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <fieldset>
                <legend>{move || t().custom_title}</legend>
                <For each=move || f.custom.get() key=|r| r.key let:row>
                    {
                        let list_id = format!("custom-values-{}", row.key);
                        let choices = Signal::derive(move || data.with(|db| db.custom_values(&row.name.get())));
                        view! {
                            <div class="grid custom-row">
                                <TextField label=label(|t| t.custom_name) value=row.name error=row_error(row.key, false)/>
                                <ChoiceField label=label(|t| t.custom_type) value=row.kind options=type_options/>
                                <TextField label=label(|t| t.custom_value) value=row.value list=list_id.clone() error=row_error(row.key, true)
                                    hint=Signal::derive(move || (row.kind.get() == CustomKind::Date)
                                        .then(|| t().date_hint(settings.date_format().pattern())))/>
                                <datalist id=list_id>
                                    {move || (row.kind.get() == CustomKind::Choice).then(|| choices.get().into_iter().map(|c| view! { <option value=c></option> }).collect_view())}
                                </datalist>
                                <button type="button" class="link" on:click=move |_| f.custom.update(|rows| rows.retain(|r| r.key != row.key))>
                                    {move || t().custom_remove}
                                </button>
                            </div>
                        }
                    }
                </For>
                <button type="button" on:click=move |_| {
                    let k = next_custom.get_value();
                    next_custom.set_value(k + 1);
                    f.custom.update(|rows| rows.push(CustomRow::new(k, None, &settings)));
                }>{move || t().custom_add}</button>
            </fieldset>
            <TextField label=label(|t| t.field_notes) value=f.notes error=err("notes") multiline=true/>
            </details>
            {move || duplicate.get().map(|d| {
                let tr = t();
                view! {
                    <div class="duplicate" id="duplicate-warning" role="alert" tabindex="-1">
                        <p>{tr.duplicate_contact.replace("{contact}", &d.contact).replace("{name}", &d.name)}</p>
                        <div class="buttons">
                            <a class="button" href=format!("/customers/{}", d.id)>{tr.open_customer.replace("{name}", &d.name)}</a>
                            <button type="button" on:click=save_anyway disabled=move || saving.get()>{tr.save_anyway}</button>
                        </div>
                    </div>
                }
            })}
            <div class="actions">
                <button type="button" on:click=move |_| on_cancel.run(())>{move || t().cancel}</button>
                <button type="submit" class="primary" disabled=move || saving.get()>{move || t().save}</button>
            </div>
        </form>
    }
}

#[component]
pub fn NewCustomerPage() -> impl IntoView {
    let settings = use_settings();
    let navigate = use_navigate();
    let nav2 = navigate.clone();
    view! {
        <section class="page narrow">
            <h1>{move || settings.t().new_customer}</h1>
            <CustomerForm
                on_saved=Callback::new(move |id: Id| navigate(&format!("/customers/{id}"), Default::default()))
                on_cancel=Callback::new(move |_| nav2("/customers", Default::default()))
            />
        </section>
    }
}
