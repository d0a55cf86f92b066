//! Enumerations as select options: the option value is the variant's name, the text
//! is its translation. One place for both directions of the conversion.

/// The value a select uses for an enum variant.
pub fn code<T: std::fmt::Debug>(v: T) -> String {
    format!("{v:?}")
}

/// (value, text) pairs for a select, one per variant, with `label` giving the text.
pub fn options<T: Copy + std::fmt::Debug>(
    all: &[T],
    label: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|&v| (code(v), label(v).to_string()))
        .collect()
}

/// Like `options`, with a first empty option for "not given".
pub fn options_or_none<T: Copy + std::fmt::Debug>(
    none: &str,
    all: &[T],
    label: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    let mut v = vec![(String::new(), none.to_string())];
    v.extend(options(all, label));
    v
}

/// The variant a select value stands for.
pub fn parse<T: Copy + std::fmt::Debug>(value: &str, all: &[T]) -> Option<T> {
    all.iter().copied().find(|v| code(*v) == value)
}

/// Every known currency as (code, "code (symbol)"), for currency pickers.
pub fn currency_options() -> Vec<(String, String)> {
    clientele_core::model::Currency::known()
        .map(|c| {
            (
                c.code().to_string(),
                format!("{} ({})", c.code(), c.symbol()),
            )
        })
        .collect()
}

/// The countries by name in the user's language (value: the ISO code), after a "not
/// set" choice; a `current` code not listed is offered too, as its code.
pub fn country_options(t: &crate::i18n::Strings, current: &str) -> Vec<(String, String)> {
    use clientele_core::model::Country;
    let mut v: Vec<(String, String)> = Country::ALL
        .into_iter()
        .map(|c| (c.code().to_string(), t.countries.of(c).to_string()))
        .collect();
    v.sort_by_cached_key(|(_, name)| clientele_core::search::fold(name));
    let current = current.trim().to_uppercase();
    if !current.is_empty() && Country::of(&current).is_none() {
        v.push((current.clone(), current));
    }
    v.insert(0, (String::new(), t.unspecified.to_string()));
    v
}
