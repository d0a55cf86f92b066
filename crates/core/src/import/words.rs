//! The words shops and their systems use for choices: order statuses (Shopify's
//! financial statuses, WooCommerce's `wc-` statuses, Vietnamese), channels, gender,
//! party kind, income band, acquisition channel,
//! yes/no, and WooCommerce's line item cells. Compared folded (no case, no diacritics).

use super::mapping::fold_header;
use crate::model::{
    AcquisitionChannel, Direction, Gender, IncomeBand, InteractionChannel, OrderStatus, PartyKind,
    SalesChannel,
};

/// An order status from its word. Partly refunded orders stay paid: the refunded
/// amount is subtracted from their total (see `plan`).
pub fn status(raw: &str) -> Option<OrderStatus> {
    let s = fold_header(raw);
    let s = s.strip_prefix("wc ").unwrap_or(&s);
    Some(match s {
        "paid" | "partially paid" | "partially refunded" | "completed" | "complete"
        | "processing" | "delivered" | "shipped" | "fulfilled" | "success" | "successful"
        | "da thanh toan" | "hoan thanh" | "thanh cong" | "da giao" | "da giao hang"
        | "dang giao" | "dang xu ly" => OrderStatus::Paid,
        "pending" | "authorized" | "on hold" | "unpaid" | "awaiting payment" | "cho xu ly"
        | "cho thanh toan" | "chua thanh toan" | "cho xac nhan" => OrderStatus::Pending,
        "refunded" | "returned" | "hoan tien" | "da hoan tien" | "tra hang" | "da tra hang" => {
            OrderStatus::Refunded
        }
        "cancelled" | "canceled" | "voided" | "void" | "failed" | "expired" | "checkout draft"
        | "huy" | "da huy" | "that bai" => OrderStatus::Cancelled,
        _ => return None,
    })
}

pub fn sales_channel(raw: &str) -> Option<SalesChannel> {
    let s = fold_header(raw);
    Some(match s.as_str() {
        "online" | "web" | "website" | "online store" | "shopify" | "woocommerce"
        | "truc tuyen" | "ban online" | "android" | "iphone" => SalesChannel::Online,
        "in store" | "instore" | "store" | "shop" | "pos" | "point of sale" | "offline"
        | "tai cua hang" | "cua hang" | "tai quay" => SalesChannel::InStore,
        "phone" | "telephone" | "dien thoai" | "goi dien" | "hotline" => SalesChannel::Phone,
        "marketplace"
        | "shopee"
        | "lazada"
        | "tiki"
        | "tiktok shop"
        | "amazon"
        | "san"
        | "san tmdt"
        | "san thuong mai dien tu" => SalesChannel::Marketplace,
        "social" | "facebook" | "instagram" | "zalo" | "tiktok" | "mang xa hoi" => {
            SalesChannel::Social
        }
        _ => return by_code(&SalesChannel::ALL, SalesChannel::code, raw),
    })
}

pub fn interaction_channel(raw: &str) -> Option<InteractionChannel> {
    let s = fold_header(raw);
    Some(match s.as_str() {
        "phone" | "call" | "phone call" | "telephone" | "dien thoai" | "goi" | "goi dien" => {
            InteractionChannel::Phone
        }
        "email" | "e mail" | "mail" | "thu" => InteractionChannel::Email,
        "sms" | "text" | "text message" | "tin nhan" => InteractionChannel::Sms,
        "web" | "website" | "form" | "web form" => InteractionChannel::Web,
        "social" | "facebook" | "instagram" | "zalo" | "tiktok" | "mang xa hoi" => {
            InteractionChannel::Social
        }
        "chat" | "live chat" | "messenger" | "tro chuyen" => InteractionChannel::Chat,
        "in person" | "visit" | "in store" | "meeting" | "truc tiep" | "tai cua hang"
        | "gap mat" => InteractionChannel::InPerson,
        _ => return by_code(&InteractionChannel::ALL, InteractionChannel::code, raw),
    })
}

pub fn direction(raw: &str) -> Option<Direction> {
    let s = fold_header(raw);
    Some(match s.as_str() {
        "in" | "inbound" | "incoming" | "received" | "den" | "vao" | "nhan" => Direction::Inbound,
        "out" | "outbound" | "outgoing" | "sent" | "di" | "ra" | "gui" => Direction::Outbound,
        _ => return None,
    })
}

pub fn gender(raw: &str) -> Option<Gender> {
    let s = fold_header(raw);
    Some(match s.as_str() {
        "f" | "female" | "woman" | "w" | "nu" | "ba" | "chi" => Gender::Female,
        "m" | "male" | "man" | "nam" | "ong" | "anh" => Gender::Male,
        "other" | "o" | "x" | "non binary" | "khac" => Gender::Other,
        _ => return None,
    })
}

/// A choice by its code (`lower_middle`, `walk_in`), its name as written by `{:?}`
/// (`LowerMiddle`, `WalkIn`) or its words: compared without case, spaces, `_` or `-`.
fn by_code<T: Copy>(all: &[T], code: fn(T) -> &'static str, raw: &str) -> Option<T> {
    let key = |s: &str| -> String {
        fold_header(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let k = key(raw);
    all.iter().copied().find(|x| key(code(*x)) == k)
}

pub fn party_kind(raw: &str) -> Option<PartyKind> {
    by_code(&PartyKind::ALL, PartyKind::code, raw).or_else(|| {
        Some(match fold_header(raw).as_str() {
            "individual" | "ca nhan" | "nguoi" => PartyKind::Person,
            "organization" | "company" | "business" | "to chuc" | "cong ty" | "doanh nghiep" => {
                PartyKind::Organisation
            }
            _ => return None,
        })
    })
}

pub fn income(raw: &str) -> Option<IncomeBand> {
    by_code(&IncomeBand::ALL, IncomeBand::code, raw).or_else(|| {
        Some(match fold_header(raw).as_str() {
            "thap" => IncomeBand::Low,
            "trung binh thap" => IncomeBand::LowerMiddle,
            "trung binh" => IncomeBand::Middle,
            "trung binh cao" | "kha" => IncomeBand::UpperMiddle,
            "cao" => IncomeBand::High,
            _ => return None,
        })
    })
}

pub fn acquisition(raw: &str) -> Option<AcquisitionChannel> {
    by_code(&AcquisitionChannel::ALL, AcquisitionChannel::code, raw).or_else(|| {
        Some(match fold_header(raw).as_str() {
            "walkin" | "in store" | "store" | "tai cua hang" => AcquisitionChannel::WalkIn,
            "web" | "online" | "trang web" => AcquisitionChannel::Website,
            "social media" | "facebook" | "zalo" | "mang xa hoi" => AcquisitionChannel::Social,
            "shopee" | "lazada" | "tiki" | "san thuong mai dien tu" => {
                AcquisitionChannel::Marketplace
            }
            "friend" | "word of mouth" | "gioi thieu" => AcquisitionChannel::Referral,
            "ads" | "ad" | "quang cao" => AcquisitionChannel::Advertising,
            "su kien" => AcquisitionChannel::Event,
            "khac" => AcquisitionChannel::Other,
            _ => return None,
        })
    })
}

pub fn yes_no(raw: &str) -> Option<bool> {
    let s = fold_header(raw);
    Some(match s.as_str() {
        "yes" | "y" | "true" | "1" | "x" | "subscribed" | "co" | "dong y" | "da dong y" => true,
        "no" | "n" | "false" | "0" | "unsubscribed" | "not subscribed" | "khong"
        | "khong dong y" | "tu choi" => false,
        _ => return None,
    })
}

/// A list in one cell: tags and interests separated by commas or semicolons.
pub fn list(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in raw.split([',', ';']) {
        let p = part.trim();
        if !p.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(p)) {
            out.push(p.to_string());
        }
    }
    out
}

/// A whole number of items, at least 1 (`2`, `2.0`, `2,00`).
pub fn quantity(raw: &str) -> Option<u32> {
    let s = raw.trim();
    let whole = s
        .split_once(['.', ','])
        .filter(|(_, frac)| frac.bytes().all(|b| b == b'0'))
        .map_or(s, |(w, _)| w);
    whole.parse::<u32>().ok().filter(|q| *q >= 1)
}

/// The parts of a WooCommerce line item cell: `name:Áo|sku:A1|quantity:2|total:20.00`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LineSpec<'a> {
    pub name: &'a str,
    pub sku: &'a str,
    pub quantity: &'a str,
    pub total: &'a str,
}

pub fn line_spec(raw: &str) -> Option<LineSpec<'_>> {
    let mut spec = LineSpec::default();
    for part in raw.split('|') {
        let (key, value) = part.split_once(':')?;
        match key.trim() {
            "name" => spec.name = value.trim(),
            "sku" => spec.sku = value.trim(),
            "quantity" | "qty" => spec.quantity = value.trim(),
            "total" => spec.total = value.trim(),
            _ => {}
        }
    }
    (!spec.name.is_empty()).then_some(spec)
}

/// A country as an ISO 3166 alpha-2 code where it is recognised.
pub fn country(raw: &str) -> String {
    let t = raw.trim();
    match fold_header(t).as_str() {
        "vietnam" | "viet nam" | "vn" | "vnm" => "VN".into(),
        "united states" | "usa" | "us" | "hoa ky" => "US".into(),
        "singapore" | "sg" => "SG".into(),
        "thailand" | "thai lan" | "th" => "TH".into(),
        "japan" | "nhat ban" | "jp" => "JP".into(),
        "korea" | "south korea" | "han quoc" | "kr" => "KR".into(),
        "china" | "trung quoc" | "cn" => "CN".into(),
        "france" | "phap" | "fr" => "FR".into(),
        "germany" | "duc" | "de" => "DE".into(),
        "united kingdom" | "uk" | "anh" | "gb" => "GB".into(),
        "australia" | "uc" | "au" => "AU".into(),
        _ if t.len() == 2 && t.bytes().all(|b| b.is_ascii_alphabetic()) => t.to_ascii_uppercase(),
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_of_shopify_woocommerce_and_vietnamese_shops() {
        assert_eq!(status("paid"), Some(OrderStatus::Paid));
        assert_eq!(status("partially_refunded"), Some(OrderStatus::Paid));
        assert_eq!(status("wc-completed"), Some(OrderStatus::Paid));
        assert_eq!(status("on-hold"), Some(OrderStatus::Pending));
        assert_eq!(status("voided"), Some(OrderStatus::Cancelled));
        assert_eq!(status("Đã hủy"), Some(OrderStatus::Cancelled));
        assert_eq!(status("Đã thanh toán"), Some(OrderStatus::Paid));
        assert_eq!(status("refunded"), Some(OrderStatus::Refunded));
        assert_eq!(status("maybe"), None);
    }

    #[test]
    fn choices_lists_and_quantities() {
        assert_eq!(gender("Nữ"), Some(Gender::Female));
        assert_eq!(gender("Nam"), Some(Gender::Male));
        assert_eq!(yes_no("Có"), Some(true));
        assert_eq!(yes_no("no"), Some(false));
        assert_eq!(yes_no("perhaps"), None);
        assert_eq!(sales_channel("Shopee"), Some(SalesChannel::Marketplace));
        assert_eq!(sales_channel("pos"), Some(SalesChannel::InStore));
        assert_eq!(
            interaction_channel("Gọi điện"),
            Some(InteractionChannel::Phone)
        );
        assert_eq!(direction("outbound"), Some(Direction::Outbound));
        assert_eq!(
            list("VIP, sỉ;vip ; "),
            vec!["VIP".to_string(), "sỉ".to_string()]
        );
        assert_eq!(quantity("2"), Some(2));
        assert_eq!(quantity("3,00"), Some(3));
        assert_eq!(quantity("0"), None);
        assert_eq!(quantity("1.5"), None);
        assert_eq!(country("Việt Nam"), "VN");
        assert_eq!(country("de"), "DE");
    }

    #[test]
    fn woocommerce_line_items() {
        assert_eq!(
            line_spec("name:Áo thun|product_id:12|sku:AT-1|quantity:2|total:200000|meta:"),
            Some(LineSpec {
                name: "Áo thun",
                sku: "AT-1",
                quantity: "2",
                total: "200000"
            })
        );
        assert_eq!(line_spec("just text"), None);
        assert_eq!(line_spec("sku:A|quantity:1"), None);
    }
}
