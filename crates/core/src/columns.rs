//! The customer fields rules test, laid out as columns by position, so a rule reads a
//! few plain arrays instead of chasing each record's strings and lists through memory.
//! Texts are folded (case and diacritics) and numbered once: a rule decides for each
//! distinct value, then looks customers up by number.
//!
//! `Db` keeps the columns in step with its records (`set` on every write).

use crate::model::{ConsentChannel, Customer};
use crate::search::fold_char;
use crate::time::Day;
use smallvec::SmallVec;
use std::collections::HashMap;

/// Writes `s` trimmed and folded, the way rules compare texts, into `out`.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    for c in s.trim().chars() {
        fold_char(c, out);
    }
}

/// A text trimmed and folded the way rules compare texts.
pub fn folded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Distinct folded texts, numbered in order of first use.
#[derive(Clone, Debug, Default)]
pub struct Dictionary {
    values: Vec<String>,
    numbers: HashMap<String, u32>,
}

impl Dictionary {
    pub fn number(&mut self, raw: &str) -> u32 {
        let f = folded(raw);
        if let Some(&n) = self.numbers.get(&f) {
            return n;
        }
        let n = self.values.len() as u32;
        self.values.push(f.clone());
        self.numbers.insert(f, n);
        n
    }

    /// Every folded value, by number (values no longer used stay: they cost little).
    pub fn values(&self) -> &[String] {
        &self.values
    }
}

/// One text per customer.
#[derive(Clone, Debug, Default)]
pub struct TextColumn {
    pub dict: Dictionary,
    pub at: Vec<u32>,
}

/// A set of texts per customer (tags, interests), each number once; a few are kept
/// inline, so most customers need no second lookup in memory.
#[derive(Clone, Debug, Default)]
pub struct ListColumn {
    pub dict: Dictionary,
    pub at: Vec<SmallVec<[u32; 4]>>,
}

/// The text fields with a column, in the order of `Columns::text`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    Occupation,
    Country,
    City,
    District,
    Source,
}

impl TextField {
    pub const ALL: [TextField; 5] = [
        TextField::Occupation,
        TextField::Country,
        TextField::City,
        TextField::District,
        TextField::Source,
    ];

    fn of(self, c: &Customer) -> &str {
        match self {
            TextField::Occupation => &c.occupation,
            TextField::Country => &c.address.country,
            TextField::City => &c.address.city,
            TextField::District => &c.address.district,
            TextField::Source => &c.source,
        }
    }
}

/// The list fields with a column, in the order of `Columns::list`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListField {
    Interests,
    Values,
    Tags,
}

impl ListField {
    pub const ALL: [ListField; 3] = [ListField::Interests, ListField::Values, ListField::Tags];

    fn of(self, c: &Customer) -> &[String] {
        match self {
            ListField::Interests => &c.interests,
            ListField::Values => &c.values,
            ListField::Tags => &c.tags,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Columns {
    pub live: Vec<bool>,
    pub birthday: Vec<Option<Day>>,
    /// Party kind, gender, income band, acquisition channel: variant number + 1.
    pub kind: Vec<u8>,
    pub gender: Vec<u8>,
    pub income: Vec<u8>,
    pub acquisition: Vec<u8>,
    /// Bit `1 << channel` set when consent is granted.
    pub consent: Vec<u8>,
    pub text: [TextColumn; 5],
    pub list: [ListColumn; 3],
}

pub fn consent_bit(ch: ConsentChannel) -> u8 {
    1 << (ch as u8)
}

impl Columns {
    /// Appends a customer (the next position).
    pub fn push(&mut self, c: &Customer) {
        self.live.push(false);
        self.birthday.push(None);
        self.kind.push(0);
        self.gender.push(0);
        self.income.push(0);
        self.acquisition.push(0);
        self.consent.push(0);
        for t in &mut self.text {
            t.at.push(0);
        }
        for l in &mut self.list {
            l.at.push(SmallVec::new());
        }
        self.set(self.live.len() - 1, c);
    }

    /// Sets the customer at position `p` (which exists).
    pub fn set(&mut self, p: usize, c: &Customer) {
        self.live[p] = !c.deleted;
        self.birthday[p] = c.birthday;
        self.kind[p] = c.kind as u8 + 1;
        self.gender[p] = c.gender.map_or(0, |g| g as u8 + 1);
        self.income[p] = c.income.map_or(0, |i| i as u8 + 1);
        self.acquisition[p] = c.channel.map_or(0, |a| a as u8 + 1);
        self.consent[p] = c
            .consent
            .iter()
            .filter(|x| x.granted)
            .fold(0, |bits, x| bits | consent_bit(x.channel));
        for (field, col) in TextField::ALL.into_iter().zip(&mut self.text) {
            col.at[p] = col.dict.number(field.of(c));
        }
        for (field, col) in ListField::ALL.into_iter().zip(&mut self.list) {
            let mut numbers: SmallVec<[u32; 4]> =
                field.of(c).iter().map(|v| col.dict.number(v)).collect();
            numbers.sort_unstable();
            numbers.dedup();
            col.at[p] = numbers;
        }
    }

    pub fn text(&self, f: TextField) -> &TextColumn {
        &self.text[f as usize]
    }

    pub fn list(&self, f: ListField) -> &ListColumn {
        &self.list[f as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Consent, Gender};

    #[test]
    fn texts_are_numbered_folded_and_lists_deduplicated() {
        let mut cols = Columns::default();
        let mut a = Customer::default();
        a.address.city = "Hà Nội".into();
        a.tags = vec!["VIP".into(), "vip ".into(), "Mới".into()];
        a.gender = Some(Gender::Male);
        a.consent = vec![
            Consent {
                channel: ConsentChannel::Sms,
                granted: true,
                on: Day(1),
            },
            Consent {
                channel: ConsentChannel::Email,
                granted: false,
                on: Day(1),
            },
        ];
        let mut b = Customer::default();
        b.address.city = " ha noi".into();
        b.deleted = true;
        cols.push(&a);
        cols.push(&b);
        let city = cols.text(TextField::City);
        assert_eq!(city.at[0], city.at[1]);
        assert_eq!(city.dict.values()[city.at[0] as usize], "ha noi");
        let tags = cols.list(ListField::Tags);
        assert_eq!(tags.at[0].len(), 2, "VIP and vip are one tag");
        assert!(tags.at[1].is_empty());
        assert_eq!(cols.live, vec![true, false]);
        assert_eq!(cols.gender, vec![Gender::Male as u8 + 1, 0]);
        assert_eq!(cols.consent[0], consent_bit(ConsentChannel::Sms));
        b.deleted = false;
        b.tags = vec!["Mới".into()];
        cols.set(1, &b);
        assert!(cols.live[1]);
        assert_eq!(cols.list(ListField::Tags).at[1].as_slice(), &[1]);
    }
}
