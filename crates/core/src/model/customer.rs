//! A customer: a person or an organisation (B2B), with contact data, demographics,
//! consent, tags and typed custom fields.

use crate::id::Id;
use crate::record_fields;
use crate::time::{Day, Millis};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum PartyKind {
    #[default]
    Person,
    Organisation,
}

impl PartyKind {
    pub const ALL: [PartyKind; 2] = [PartyKind::Person, PartyKind::Organisation];

    /// The stable code, in rules and files.
    pub fn code(self) -> &'static str {
        match self {
            PartyKind::Person => "person",
            PartyKind::Organisation => "organisation",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    Female,
    Male,
    Other,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Female, Gender::Male, Gender::Other];

    /// The stable code, in rules and files.
    pub fn code(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Other => "other",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum IncomeBand {
    Low,
    LowerMiddle,
    Middle,
    UpperMiddle,
    High,
}

impl IncomeBand {
    pub const ALL: [IncomeBand; 5] = [
        IncomeBand::Low,
        IncomeBand::LowerMiddle,
        IncomeBand::Middle,
        IncomeBand::UpperMiddle,
        IncomeBand::High,
    ];

    /// The stable code, in rules and files.
    pub fn code(self) -> &'static str {
        match self {
            IncomeBand::Low => "low",
            IncomeBand::LowerMiddle => "lower_middle",
            IncomeBand::Middle => "middle",
            IncomeBand::UpperMiddle => "upper_middle",
            IncomeBand::High => "high",
        }
    }
}

/// Where the customer came from first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AcquisitionChannel {
    WalkIn,
    Website,
    Social,
    Marketplace,
    Referral,
    Advertising,
    Event,
    Other,
}

impl AcquisitionChannel {
    pub const ALL: [AcquisitionChannel; 8] = [
        AcquisitionChannel::WalkIn,
        AcquisitionChannel::Website,
        AcquisitionChannel::Social,
        AcquisitionChannel::Marketplace,
        AcquisitionChannel::Referral,
        AcquisitionChannel::Advertising,
        AcquisitionChannel::Event,
        AcquisitionChannel::Other,
    ];

    /// The stable code, in rules and files.
    pub fn code(self) -> &'static str {
        match self {
            AcquisitionChannel::WalkIn => "walk_in",
            AcquisitionChannel::Website => "website",
            AcquisitionChannel::Social => "social",
            AcquisitionChannel::Marketplace => "marketplace",
            AcquisitionChannel::Referral => "referral",
            AcquisitionChannel::Advertising => "advertising",
            AcquisitionChannel::Event => "event",
            AcquisitionChannel::Other => "other",
        }
    }
}

/// A channel the customer may (or may not) be contacted through for marketing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ConsentChannel {
    Email,
    Sms,
    Phone,
    Messaging,
    Post,
}

impl ConsentChannel {
    pub const ALL: [ConsentChannel; 5] = [
        ConsentChannel::Email,
        ConsentChannel::Sms,
        ConsentChannel::Phone,
        ConsentChannel::Messaging,
        ConsentChannel::Post,
    ];

    /// The stable code, in rules and files.
    pub fn code(self) -> &'static str {
        match self {
            ConsentChannel::Email => "email",
            ConsentChannel::Sms => "sms",
            ConsentChannel::Phone => "phone",
            ConsentChannel::Messaging => "messaging",
            ConsentChannel::Post => "post",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub channel: ConsentChannel,
    pub granted: bool,
    /// When the customer gave or withdrew it.
    pub on: Day,
}

#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Address {
    pub street: String,
    pub ward: String,
    pub district: String,
    /// City or province.
    pub city: String,
    /// ISO 3166-1 alpha-2 code, e.g. "VN".
    pub country: String,
}

impl Address {
    /// No part of the address is filled in.
    pub fn is_empty(&self) -> bool {
        [
            &self.street,
            &self.ward,
            &self.district,
            &self.city,
            &self.country,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// The value of a typed custom field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CustomValue {
    Text(String),
    Number(f64),
    Date(Day),
    Choice(String),
}

impl CustomValue {
    pub fn kind(&self) -> CustomKind {
        match self {
            CustomValue::Text(_) => CustomKind::Text,
            CustomValue::Number(_) => CustomKind::Number,
            CustomValue::Date(_) => CustomKind::Date,
            CustomValue::Choice(_) => CustomKind::Choice,
        }
    }
}

/// The type of a custom field, without its value (what a form offers to choose).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CustomKind {
    Text,
    Number,
    Date,
    Choice,
}

impl CustomKind {
    pub const ALL: [CustomKind; 4] = [
        CustomKind::Text,
        CustomKind::Number,
        CustomKind::Date,
        CustomKind::Choice,
    ];

    /// The stable code, in forms.
    pub fn code(self) -> &'static str {
        match self {
            CustomKind::Text => "text",
            CustomKind::Number => "number",
            CustomKind::Date => "date",
            CustomKind::Choice => "choice",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomField {
    pub key: String,
    pub value: CustomValue,
}

record_fields! {
    /// A customer's data; every field carries its own clock stamp in the `Record`.
    pub struct Customer / CustomerField {
        kind: PartyKind => Kind,
        given_name: String => GivenName,
        family_name: String => FamilyName,
        /// The name shown everywhere; for organisations, the company name.
        display_name: String => DisplayName,
        emails: Vec<String> => Emails,
        phones: Vec<String> => Phones,
        address: Address => Address,
        birthday: Option<Day> => Birthday,
        gender: Option<Gender> => Gender,
        occupation: String => Occupation,
        income: Option<IncomeBand> => Income,
        interests: Vec<String> => Interests,
        /// Free text: the campaign, referrer or shop that brought the customer.
        source: String => Source,
        channel: Option<AcquisitionChannel> => Channel,
        /// The organisation this person works for (B2B).
        company: Option<Id> => Company,
        tags: Vec<String> => Tags,
        custom: Vec<CustomField> => Custom,
        consent: Vec<Consent> => Consent,
        notes: String => Notes,
        created_at: Millis => CreatedAt,
        deleted: bool => Deleted,
        /// What matters to the customer (psychographic: "family", "sustainability").
        #[serde(default)]
        values: Vec<String> => Values,
        /// The customer's id in the shop's other system (POS, online store), kept from
        /// imports so that importing the same file again finds the same customer.
        #[serde(default)]
        external_id: String => ExternalId,
        /// Set on the tombstone of a customer merged into another (`merge`): the one
        /// kept, so a change that reaches this one later can be sent on.
        #[serde(default)]
        merged_into: Option<Id> => MergedInto,
    }
}

impl Customer {
    /// The name to show: the display name, or given + family name.
    pub fn name(&self) -> String {
        if !self.display_name.trim().is_empty() {
            return self.display_name.trim().to_string();
        }
        let mut n = String::new();
        for part in [&self.given_name, &self.family_name] {
            let p = part.trim();
            if !p.is_empty() {
                if !n.is_empty() {
                    n.push(' ');
                }
                n.push_str(p);
            }
        }
        n
    }

    pub fn consent_for(&self, channel: ConsentChannel) -> Option<&Consent> {
        self.consent.iter().find(|c| c.channel == channel)
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_prefers_display_name_then_parts() {
        let mut c = Customer {
            given_name: " An ".into(),
            family_name: "Nguyễn".into(),
            ..Default::default()
        };
        assert_eq!(c.name(), "An Nguyễn");
        c.display_name = "Nguyễn Văn An".into();
        assert_eq!(c.name(), "Nguyễn Văn An");
    }
}
