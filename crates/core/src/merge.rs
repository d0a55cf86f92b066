//! Merging two records of one customer (entered twice, or created on two devices):
//! the data of the one kept, completed from the other. Which one is kept is the
//! user's choice; nothing either holds is lost where both can hold it:
//!
//! - texts and single choices: the kept one's, or the other's when the kept one has
//!   none; notes are joined (the kept one's first);
//! - the address: the kept one's, or the other's when the kept one has none;
//! - lists (emails, phones, tags, interests, values): the kept one's, then the
//!   other's not already there (emails and tags without regard to case, phones in any
//!   form, `validate::phone_key`);
//! - custom fields: the kept one's, then the other's keys it lacks;
//! - consent: per channel, the later decision (the kept one's on the same day);
//! - customer since: the earlier.
//!
//! The orders and interactions of the other follow it (the app moves them), and the
//! other becomes a tombstone that names the kept one (`merged_into`), so an edit that
//! reaches it later can be sent on.

use crate::model::Customer;
use crate::validate::{email_key, phone_key};

/// The kept customer's data, completed from `other`'s.
pub fn combine(keep: &Customer, other: &Customer) -> Customer {
    let mut c = keep.clone();
    let text = |mine: &mut String, theirs: &String| {
        if mine.trim().is_empty() && !theirs.trim().is_empty() {
            *mine = theirs.clone();
        }
    };
    text(&mut c.given_name, &other.given_name);
    text(&mut c.family_name, &other.family_name);
    text(&mut c.display_name, &other.display_name);
    text(&mut c.occupation, &other.occupation);
    text(&mut c.source, &other.source);
    text(&mut c.external_id, &other.external_id);
    let (mine, theirs) = (c.notes.trim(), other.notes.trim());
    if !theirs.is_empty() && !mine.contains(theirs) {
        c.notes = if mine.is_empty() {
            theirs.to_string()
        } else {
            format!("{mine}\n\n{theirs}")
        };
    }
    if c.address.is_empty() {
        c.address = other.address.clone();
    }
    c.birthday = c.birthday.or(other.birthday);
    c.gender = c.gender.or(other.gender);
    c.income = c.income.or(other.income);
    c.channel = c.channel.or(other.channel);
    c.company = c.company.or(other.company);
    union(&mut c.emails, &other.emails, |s| Some(email_key(s)));
    union(&mut c.phones, &other.phones, |s| {
        phone_key(s).or_else(|| Some(s.trim().to_string()))
    });
    union(&mut c.tags, &other.tags, |s| Some(s.trim().to_lowercase()));
    union(&mut c.interests, &other.interests, |s| {
        Some(s.trim().to_lowercase())
    });
    union(&mut c.values, &other.values, |s| {
        Some(s.trim().to_lowercase())
    });
    for f in &other.custom {
        if !c.custom.iter().any(|m| m.key == f.key) {
            c.custom.push(f.clone());
        }
    }
    for theirs in &other.consent {
        match c.consent.iter_mut().find(|m| m.channel == theirs.channel) {
            Some(mine) if theirs.on > mine.on => *mine = *theirs,
            Some(_) => {}
            None => c.consent.push(*theirs),
        }
    }
    c.created_at = c.created_at.min(other.created_at);
    c.deleted = false;
    c.merged_into = None;
    c
}

/// Appends the items of `theirs` whose key no item of `mine` has.
fn union(mine: &mut Vec<String>, theirs: &[String], key: impl Fn(&str) -> Option<String>) {
    for t in theirs {
        let k = key(t);
        if !mine.iter().any(|m| key(m) == k) {
            mine.push(t.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Consent, ConsentChannel, CustomField, CustomValue};
    use crate::time::Day;

    fn consent(channel: ConsentChannel, granted: bool, on: i32) -> Consent {
        Consent {
            channel,
            granted,
            on: Day(on),
        }
    }

    #[test]
    fn keeps_the_kept_ones_fields_and_completes_them() {
        let keep = Customer {
            display_name: "Nguyễn Văn An".into(),
            emails: vec!["An@Example.vn".into()],
            phones: vec!["0912 345 678".into()],
            tags: vec!["VIP".into()],
            notes: "Thích trà.".into(),
            created_at: 500,
            consent: vec![consent(ConsentChannel::Email, false, 10)],
            custom: vec![CustomField {
                key: "size".into(),
                value: CustomValue::Text("M".into()),
            }],
            ..Default::default()
        };
        let other = Customer {
            display_name: "An Nguyễn".into(),
            given_name: "An".into(),
            emails: vec!["an@example.vn".into(), "an.work@example.vn".into()],
            phones: vec!["+84912345678".into(), "0987 000 111".into()],
            tags: vec!["vip".into(), "sỉ".into()],
            notes: "Giao hàng buổi sáng.".into(),
            created_at: 100,
            birthday: Some(Day(9000)),
            consent: vec![
                consent(ConsentChannel::Email, true, 20),
                consent(ConsentChannel::Sms, true, 5),
            ],
            custom: vec![
                CustomField {
                    key: "size".into(),
                    value: CustomValue::Text("L".into()),
                },
                CustomField {
                    key: "shoe".into(),
                    value: CustomValue::Text("39".into()),
                },
            ],
            ..Default::default()
        };
        let c = combine(&keep, &other);
        assert_eq!(c.display_name, "Nguyễn Văn An", "the kept one's name");
        assert_eq!(c.given_name, "An", "filled from the other");
        assert_eq!(c.emails, ["An@Example.vn", "an.work@example.vn"]);
        assert_eq!(
            c.phones,
            ["0912 345 678", "0987 000 111"],
            "+84 is the same phone"
        );
        assert_eq!(c.tags, ["VIP", "sỉ"]);
        assert_eq!(c.notes, "Thích trà.\n\nGiao hàng buổi sáng.");
        assert_eq!(c.created_at, 100);
        assert_eq!(c.birthday, Some(Day(9000)));
        assert_eq!(
            c.consent,
            [
                consent(ConsentChannel::Email, true, 20),
                consent(ConsentChannel::Sms, true, 5)
            ],
            "the later decision per channel"
        );
        let keys: Vec<_> = c.custom.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["size", "shoe"]);
        assert_eq!(c.custom[0].value, CustomValue::Text("M".into()));
    }

    #[test]
    fn merging_a_copy_changes_nothing() {
        let keep = Customer {
            display_name: "Trần Bình".into(),
            phones: vec!["0913 000 111".into()],
            notes: "Gọi sau 5 giờ.".into(),
            ..Default::default()
        };
        assert_eq!(combine(&keep, &keep), keep);
    }
}
