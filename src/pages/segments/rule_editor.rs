//! The rule builder: nested AND/OR groups of conditions. Each condition picks a field
//! (grouped: demographic, geographic, psychographic, behavioural, custom), an operator
//! that fits the field, and a value in the form that fits the operator. Every part
//! holds its own signals, so typing in one value never re-renders the others.

use crate::components::next_id;
use crate::state::{use_data, use_settings, SettingsState};
use clientele_core::clv::predict::Risk;
use clientele_core::format::{self, Locale};
use clientele_core::model::{AcquisitionChannel, Gender, IncomeBand, PartyKind, SalesChannel};
use clientele_core::purchases::TermKind;
use clientele_core::segment::lifecycle::Stage;
use clientele_core::segment::rfm::Segment;
use clientele_core::segment::rules::{Arity, Condition, Field, Group, Kind, Op, Rule, Value};
use leptos::prelude::*;

static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

fn key() -> u32 {
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[derive(Clone, Copy)]
pub struct CondState {
    key: u32,
    field: RwSignal<String>,
    op: RwSignal<String>,
    value: RwSignal<String>,
    value2: RwSignal<String>,
    /// Codes checked, for "any of"/"none of"/"all of" over a fixed set.
    checked: RwSignal<Vec<String>>,
}

#[derive(Clone, Copy)]
pub struct GroupState {
    key: u32,
    any: RwSignal<bool>,
    pub items: RwSignal<Vec<Item>>,
}

#[derive(Clone, Copy)]
pub enum Item {
    Cond(CondState),
    Group(GroupState),
}

impl Item {
    fn key(&self) -> u32 {
        match self {
            Item::Cond(c) => c.key,
            Item::Group(g) => g.key,
        }
    }
}

fn number_text(n: f64, locale: Locale) -> String {
    if n.fract() == 0.0 {
        format::integer(n as i64, locale)
    } else {
        format::decimal(n, 2, locale)
    }
}

impl CondState {
    pub fn new(field: Field) -> CondState {
        let op = Op::for_kind(field.kind())[0];
        CondState {
            key: key(),
            field: RwSignal::new(field.code()),
            op: RwSignal::new(op.code().to_string()),
            value: RwSignal::new(String::new()),
            value2: RwSignal::new(String::new()),
            checked: RwSignal::new(Vec::new()),
        }
    }

    fn from(c: &Condition, locale: Locale) -> CondState {
        let s = CondState::new(c.field.clone());
        s.op.set(c.op.code().to_string());
        let numeric = matches!(c.field.kind(), Kind::Number | Kind::Money);
        match (&c.value, c.op.arity()) {
            (v, Arity::Two) => {
                if let Some((a, b)) = v.range() {
                    s.value.set(number_text(a, locale));
                    s.value2.set(number_text(b, locale));
                }
            }
            (v, Arity::Many) if !c.field.choices().is_empty() => s.checked.set(v.texts()),
            (v, Arity::Many) => s.value.set(v.texts().join(", ")),
            (Value::Number(n), _) if numeric => s.value.set(number_text(*n, locale)),
            (v, _) => s.value.set(v.texts().join(", ")),
        }
        s
    }

    fn field(&self) -> Field {
        Field::parse(&self.field.get()).unwrap_or(Field::City)
    }

    fn op(&self) -> Op {
        Op::parse(&self.op.get()).unwrap_or(Op::Is)
    }

    /// Whether the value is a number (or two).
    fn numeric(&self) -> bool {
        let (field, op) = (self.field(), self.op());
        matches!(field.kind(), Kind::Number | Kind::Money)
            || (matches!(field, Field::Custom(_))
                && matches!(op, Op::Gt | Op::Ge | Op::Lt | Op::Le | Op::Between))
    }

    /// A number typed that cannot be read (`2tr`, `2.000.000` can; `2 cái` cannot).
    pub fn unreadable(&self, locale: Locale) -> Option<String> {
        if !self.numeric() {
            return None;
        }
        let mut typed = vec![self.value.get()];
        if self.op().arity() == Arity::Two {
            typed.push(self.value2.get());
        }
        typed
            .into_iter()
            .map(|v| v.trim().to_string())
            .find(|v| !v.is_empty() && format::parse_decimal(v, locale).is_none())
    }

    /// The condition as typed (its value may not check out).
    pub fn condition(&self, locale: Locale) -> Condition {
        let field = self.field();
        let op = self.op();
        let numeric = self.numeric();
        let num = |s: String| format::parse_decimal(&s, locale);
        let value = match op.arity() {
            Arity::None => Value::None,
            Arity::Two => match (num(self.value.get()), num(self.value2.get())) {
                (Some(a), Some(b)) => Value::Numbers(vec![a, b]),
                _ => Value::Text(String::new()),
            },
            Arity::Many if !field.choices().is_empty() => Value::Texts(self.checked.get()),
            Arity::Many => Value::Texts(
                self.value
                    .get()
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
            ),
            Arity::One if numeric => match num(self.value.get()) {
                Some(n) => Value::Number(n),
                None => Value::Text(self.value.get()),
            },
            Arity::One => Value::Text(self.value.get().trim().to_string()),
        };
        Condition { field, op, value }
    }
}

impl GroupState {
    pub fn new(any: bool, items: Vec<Item>) -> GroupState {
        GroupState {
            key: key(),
            any: RwSignal::new(any),
            items: RwSignal::new(items),
        }
    }

    /// The editor's state for a rule (a lone condition becomes a group of one).
    pub fn from_rule(rule: &Rule, locale: Locale) -> GroupState {
        match rule {
            Rule::All(v) | Rule::Any(v) => GroupState::new(
                matches!(rule, Rule::Any(_)),
                v.iter().map(|r| item_of(r, locale)).collect(),
            ),
            Rule::Condition(c) => {
                GroupState::new(false, vec![Item::Cond(CondState::from(c, locale))])
            }
        }
    }

    pub fn rule(&self, locale: Locale) -> Rule {
        let items: Vec<Rule> = self
            .items
            .get()
            .iter()
            .map(|i| match i {
                Item::Cond(c) => Rule::Condition(c.condition(locale)),
                Item::Group(g) => g.rule(locale),
            })
            .collect();
        if self.any.get() {
            Rule::Any(items)
        } else {
            Rule::All(items)
        }
    }
}

fn item_of(rule: &Rule, locale: Locale) -> Item {
    match rule {
        Rule::Condition(c) => Item::Cond(CondState::from(c, locale)),
        _ => Item::Group(GroupState::from_rule(rule, locale)),
    }
}

/// The text for a choice code of `field` (the code itself if it is not one).
pub fn choice_label(settings: &SettingsState, field: &Field, code: &str) -> String {
    /// The words of the variant whose code is `code`.
    fn by_code<E: Copy, const N: usize>(
        all: [(E, &'static str); N],
        code_of: fn(E) -> &'static str,
        code: &str,
    ) -> Option<&'static str> {
        all.into_iter()
            .find(|(v, _)| code_of(*v) == code)
            .map(|(_, w)| w)
    }
    let t = settings.t();
    let s = settings.s();
    let word = match field {
        Field::Kind => by_code(s.kinds.all(), PartyKind::code, code),
        Field::Gender => by_code(t.genders.all(), Gender::code, code),
        Field::Income => by_code(t.incomes.all(), IncomeBand::code, code),
        Field::RfmSegment => by_code(s.segment_names.all(), Segment::code, code),
        Field::Stage => by_code(s.stage_names.all(), Stage::code, code),
        Field::ChurnRisk => by_code(s.risk_names.all(), Risk::code, code),
        Field::Acquisition => by_code(t.acquisitions.all(), AcquisitionChannel::code, code),
        Field::SalesChannel => by_code(t.sales_channels.all(), SalesChannel::code, code),
        _ => None,
    };
    word.map_or_else(|| code.to_string(), str::to_string)
}

fn field_name(settings: &SettingsState, f: &Field) -> String {
    let consent = match f {
        Field::Consent(c) => settings.t().consent_channel(*c),
        _ => "",
    };
    settings.s().field(f, consent)
}

/// The whole rule: the top group, which cannot be removed.
#[component]
pub fn RuleEditor(root: GroupState, #[prop(into)] show_errors: Signal<bool>) -> impl IntoView {
    view! { <GroupView group=root depth=0 on_remove=None show_errors=show_errors/> }
}

#[component]
fn GroupView(
    group: GroupState,
    depth: u32,
    on_remove: Option<Callback<()>>,
    show_errors: Signal<bool>,
) -> impl IntoView {
    let settings = use_settings();
    let s = move || settings.s();
    let id = next_id("g");
    let mode = move |ev| group.any.set(event_target_value(&ev) == "any");
    let add_condition = move |_| {
        group
            .items
            .update(|v| v.push(Item::Cond(CondState::new(Field::City))))
    };
    let add_group = move |_| {
        group.items.update(|v| {
            v.push(Item::Group(GroupState::new(
                true,
                vec![Item::Cond(CondState::new(Field::City))],
            )))
        })
    };
    let remove = move |k: u32| group.items.update(|v| v.retain(|i| i.key() != k));
    let group_class = if depth > 0 {
        "rule-group nested"
    } else {
        "rule-group"
    };
    view! {
        <fieldset class=group_class>
            <legend class="sr-only">{move || s().group_label}</legend>
            <div class="group-head">
                <label for=id.clone()>{move || s().group_label}</label>
                <select id=id on:change=mode prop:value=move || if group.any.get() { "any" } else { "all" }>
                    <option value="all">{move || s().match_all}</option>
                    <option value="any">{move || s().match_any}</option>
                </select>
                {on_remove.map(|cb| view! {
                    <button type="button" class="ghost" on:click=move |_| cb.run(())>{move || s().remove_group}</button>
                })}
            </div>
            <ul class="rule-items">
                <For each=move || group.items.get() key=|i| i.key() let:item>
                    {
                        let k = item.key();
                        let on_remove = Callback::new(move |_| remove(k));
                        match item {
                            Item::Cond(c) => view! { <li><CondView cond=c on_remove=on_remove show_errors=show_errors/></li> }.into_any(),
                            Item::Group(g) => view! { <li><GroupView group=g depth=depth + 1 on_remove=Some(on_remove) show_errors=show_errors/></li> }.into_any(),
                        }
                    }
                </For>
            </ul>
            <div class="row">
                <button type="button" on:click=add_condition>{move || s().add_condition}</button>
                {(depth < 3).then(|| view! { <button type="button" on:click=add_group>{move || s().add_group}</button> })}
            </div>
        </fieldset>
    }
}

/// Field options grouped for the select, custom fields from the data included.
fn field_groups(
    settings: &SettingsState,
    custom: &[String],
) -> Vec<(String, Vec<(String, String)>)> {
    let groups = [
        Group::Demographic,
        Group::Geographic,
        Group::Psychographic,
        Group::Behavioural,
    ];
    let all = Field::all();
    let mut out: Vec<(String, Vec<(String, String)>)> = groups
        .iter()
        .map(|g| {
            (
                settings.s().group(*g).to_string(),
                all.iter()
                    .filter(|f| f.group() == *g)
                    .map(|f| (f.code(), field_name(settings, f)))
                    .collect(),
            )
        })
        .collect();
    if !custom.is_empty() {
        out.push((
            settings.s().group(Group::Custom).to_string(),
            custom
                .iter()
                .map(|k| {
                    let f = Field::Custom(k.clone());
                    (f.code(), field_name(settings, &f))
                })
                .collect(),
        ));
    }
    out
}

#[component]
fn CondView(cond: CondState, on_remove: Callback<()>, show_errors: Signal<bool>) -> impl IntoView {
    let settings = use_settings();
    let data = use_data();
    let s = move || settings.s();
    let (fid, oid, vid, v2id, eid) = (
        next_id("cf"),
        next_id("co"),
        next_id("cv"),
        next_id("cv"),
        next_id("ce"),
    );
    let list_id = next_id("dl");
    let custom_keys = Memo::new(move |_| data.with(|db| db.custom_keys()));
    let field = Memo::new(move |_| cond.field());
    let op = Memo::new(move |_| cond.op());
    let on_field = move |ev| {
        let f = Field::parse(&event_target_value(&ev)).unwrap_or(Field::City);
        cond.field.set(f.code());
        let ops = Op::for_kind(f.kind());
        if !ops.contains(&cond.op()) {
            cond.op.set(ops[0].code().to_string());
        }
        cond.checked.set(Vec::new());
        cond.value.set(String::new());
        cond.value2.set(String::new());
    };
    let problem = Memo::new(move |_| {
        let c = cond.condition(settings.locale());
        c.check().err()
    });
    // A number that cannot be read is said at once; an empty value when saving.
    let error = move || match cond.unreadable(settings.locale()) {
        Some(v) => Some(s().not_a_number.replace("{value}", &v)),
        None => {
            (show_errors.get() && problem.with(Option::is_some)).then(|| s().incomplete.to_string())
        }
    };
    let ops = move || {
        let f = field.get();
        let mut v: Vec<Op> = Op::for_kind(f.kind()).to_vec();
        if matches!(f, Field::Custom(_)) {
            v.extend([Op::Gt, Op::Lt, Op::Before, Op::After]);
        }
        v
    };
    // Suggestions for text values: what the data holds.
    let suggestions = move || {
        let f = field.get();
        data.with(|db| match f {
            Field::City => db.distinct(|c| vec![c.address.city.clone()]),
            Field::District => db.distinct(|c| vec![c.address.district.clone()]),
            Field::Country => db.distinct(|c| vec![c.address.country.clone()]),
            Field::Occupation => db.distinct(|c| vec![c.occupation.clone()]),
            Field::Source => db.distinct(|c| vec![c.source.clone()]),
            Field::Interests => db.distinct(|c| c.interests.clone()),
            Field::Values => db.distinct(|c| c.values.clone()),
            Field::Tags => db.tags().into_iter().map(|(t, _)| t).collect(),
            Field::Product | Field::NextProduct => db.terms().of_kind(TermKind::Product),
            Field::Category => db.terms().of_kind(TermKind::Category),
            Field::Sku => db.terms().of_kind(TermKind::Sku),
            Field::Store => db.terms().of_kind(TermKind::Store),
            Field::Custom(k) => db.custom_values(&k),
            _ => Vec::new(),
        })
    };
    let hint = move || {
        let f = field.get();
        let o = op.get();
        if matches!(o, Op::Before | Op::After) {
            Some(s().date_iso_hint)
        } else if o.arity() == Arity::Many && f.choices().is_empty() {
            Some(s().values_hint)
        } else if f.kind() == Kind::Money {
            Some(s().money_hint)
        } else {
            None
        }
    };
    let eid2 = eid.clone();
    let value_input = move || {
        let f = field.get();
        let o = op.get();
        let vid = vid.clone();
        let list_id = list_id.clone();
        let v2id = v2id.clone();
        let label = move || s().value_label;
        match o.arity() {
            Arity::None => ().into_any(),
            Arity::Many if !f.choices().is_empty() => {
                let f2 = f.clone();
                view! {
                    <fieldset class="choices">
                        <legend>{label}</legend>
                        {f.choices().into_iter().map(|code| {
                            let text = choice_label(&settings, &f2, code);
                            let checked = move || cond.checked.with(|v| v.iter().any(|c| c == code));
                            let toggle = move |_| cond.checked.update(|v| {
                                if let Some(i) = v.iter().position(|c| c == code) { v.remove(i); } else { v.push(code.to_string()); }
                            });
                            view! { <label class="check"><input type="checkbox" prop:checked=checked on:change=toggle/>{text}</label> }
                        }).collect_view()}
                    </fieldset>
                }.into_any()
            }
            Arity::One if !f.choices().is_empty() => {
                let f2 = f.clone();
                let codes = f.choices();
                if cond.value.with_untracked(String::is_empty) || !codes.contains(&cond.value.get_untracked().as_str()) {
                    cond.value.set(codes[0].to_string());
                }
                view! {
                    <div class="field">
                        <label for=vid.clone()>{label}</label>
                        <select id=vid on:change=move |ev| cond.value.set(event_target_value(&ev)) prop:value=move || cond.value.get()>
                            {codes.into_iter().map(|code| view! { <option value=code>{choice_label(&settings, &f2, code)}</option> }).collect_view()}
                        </select>
                    </div>
                }.into_any()
            }
            Arity::Two => view! {
                <div class="field">
                    <label for=vid.clone()>{label}</label>
                    <input id=vid inputmode="decimal" prop:value=move || cond.value.get() on:input=move |ev| cond.value.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for=v2id.clone()>{move || s().value_to}</label>
                    <input id=v2id inputmode="decimal" prop:value=move || cond.value2.get() on:input=move |ev| cond.value2.set(event_target_value(&ev))/>
                </div>
            }.into_any(),
            _ => {
                let numeric = matches!(f.kind(), Kind::Number | Kind::Money) || matches!(o, Op::Gt | Op::Lt | Op::Ge | Op::Le);
                view! {
                    <div class="field grow">
                        <label for=vid.clone()>{label}</label>
                        <input
                            id=vid
                            list=list_id.clone()
                            inputmode=if numeric { "decimal" } else { "text" }
                            autocomplete="off"
                            aria-invalid=move || error().is_some().then_some("true")
                            aria-describedby=eid.clone()
                            prop:value=move || cond.value.get()
                            on:input=move |ev| cond.value.set(event_target_value(&ev))
                        />
                        <datalist id=list_id>
                            {move || suggestions().into_iter().take(500).map(|v| view! { <option value=v></option> }).collect_view()}
                        </datalist>
                    </div>
                }.into_any()
            }
        }
    };
    view! {
        <div class="condition" class:has-error=move || error().is_some()>
            <div class="field">
                <label for=fid.clone()>{move || s().field_label}</label>
                <select id=fid on:change=on_field prop:value=move || cond.field.get()>
                    {move || field_groups(&settings, &custom_keys.get()).into_iter().map(|(g, opts)| view! {
                        <optgroup label=g>
                            {opts.into_iter().map(|(v, text)| {
                                let selected = v == cond.field.get_untracked();
                                view! { <option value=v selected=selected>{text}</option> }
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=oid.clone()>{move || s().op_label}</label>
                <select id=oid on:change=move |ev| cond.op.set(event_target_value(&ev)) prop:value=move || cond.op.get()>
                    {move || ops().into_iter().map(|o| {
                        let selected = o.code() == cond.op.get_untracked();
                        view! { <option value=o.code() selected=selected>{s().op(o)}</option> }
                    }).collect_view()}
                </select>
            </div>
            {value_input}
            <button type="button" class="ghost remove" on:click=move |_| on_remove.run(()) aria-label=move || s().remove_condition>"×"</button>
            {move || hint().map(|h| view! { <p class="hint wide">{h}</p> })}
            <p class="error wide" id=eid2 aria-live="polite">{error}</p>
        </div>
    }
}
