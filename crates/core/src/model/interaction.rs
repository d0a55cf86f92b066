//! An interaction: a call, email, message, visit... with a customer.

use crate::id::Id;
use crate::record_fields;
use crate::time::Millis;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum InteractionChannel {
    #[default]
    Phone,
    Email,
    Sms,
    Web,
    Social,
    Chat,
    InPerson,
}

impl InteractionChannel {
    pub const ALL: [InteractionChannel; 7] = [
        InteractionChannel::Phone,
        InteractionChannel::Email,
        InteractionChannel::Sms,
        InteractionChannel::Web,
        InteractionChannel::Social,
        InteractionChannel::Chat,
        InteractionChannel::InPerson,
    ];

    /// The stable code, in files.
    pub fn code(self) -> &'static str {
        match self {
            InteractionChannel::Phone => "phone",
            InteractionChannel::Email => "email",
            InteractionChannel::Sms => "sms",
            InteractionChannel::Web => "web",
            InteractionChannel::Social => "social",
            InteractionChannel::Chat => "chat",
            InteractionChannel::InPerson => "in_person",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Direction {
    #[default]
    Inbound,
    Outbound,
}

impl Direction {
    /// The stable code, in files.
    pub fn code(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        }
    }
}

record_fields! {
    pub struct Interaction / InteractionField {
        customer: Id => Customer,
        at: Millis => At,
        channel: InteractionChannel => Channel,
        direction: Direction => Direction,
        subject: String => Subject,
        note: String => Note,
        deleted: bool => Deleted,
    }
}
