//! One status and one next action per customer, reconciling the RFM segment, the
//! lifecycle stage and the model's chance that they are still a customer, so the app
//! never says "loyal, invite them back" next to "lapsed, almost surely gone".
//!
//! Whether they are still buying comes first (the stage from the shop's own rhythm,
//! and the model when it has one), then what they are worth decides how much effort
//! the action takes. The first rule that applies:
//!
//! 1. no purchase: **prospect**, make a first sale;
//! 2. stage lapsed, or P(alive) below `GONE_BELOW`: **gone**; valuable ones get a
//!    call, the others one last win-back offer;
//! 3. stage at risk, or P(alive) below `Risk::HIGH_BELOW` (with repeat purchases):
//!    **slipping away**; valuable ones get a call, the others a win-back offer;
//! 4. one purchase day: **new**, thank them and suggest a second purchase;
//! 5. stage loyal, or the RFM segment champions or loyal: **best**, thank them
//!    personally and offer something new first;
//! 6. otherwise **active**: suggest the next product.
//!
//! Valuable: an RFM monetary score of 4 or 5 (the top two fifths by spend), or the
//! segments champions, loyal and can't lose them. The product offered is the first
//! cross-sell suggestion; without one, the best seller they have not bought (said so).

use super::analysis::Analysis;
use super::lifecycle::Stage;
use super::rfm::Segment;
use crate::clv::potential::GONE_BELOW;
use crate::clv::predict::Risk;
use crate::db::Db;
use crate::purchases::TermKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Prospect,
    New,
    Active,
    Best,
    Slipping,
    Gone,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Prospect,
        Status::New,
        Status::Active,
        Status::Best,
        Status::Slipping,
        Status::Gone,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Prospect => "prospect",
            Status::New => "new",
            Status::Active => "active",
            Status::Best => "best",
            Status::Slipping => "slipping",
            Status::Gone => "gone",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// A welcome offer for a first purchase.
    FirstSale,
    /// Thank them for the first purchase and suggest a second.
    Thank,
    /// Suggest the next product.
    Suggest,
    /// Thank them personally; offer something new before others.
    Reward,
    /// Call them: ask what changed, with an offer.
    Call,
    /// Send a personal win-back offer.
    WinBack,
    /// One last win-back offer, then no more spending on them.
    LastTry,
}

/// The product named in the action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Product {
    /// From the cross-sell rules (a term number).
    Next(u32),
    /// The best seller they have not bought (a term number): no rule fits them.
    BestSeller(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub status: Status,
    pub action: Action,
    pub product: Option<Product>,
}

/// What the rules read of one customer.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Signals {
    /// Purchase days in the analysis window.
    pub purchase_days: u32,
    pub stage: Option<Stage>,
    pub segment: Option<Segment>,
    /// The RFM monetary score (0: no purchase).
    pub m: u8,
    /// The model's chance they are still a customer, when it has one.
    pub p_alive: Option<f64>,
}

impl Signals {
    pub fn at(a: &Analysis, position: u32) -> Signals {
        let i = position as usize;
        Signals {
            purchase_days: a.frequency.get(i).copied().unwrap_or(0),
            stage: a.stage.get(i).copied(),
            segment: a.segment.get(i).copied().flatten(),
            m: a.m.get(i).copied().unwrap_or(0),
            p_alive: a.potential.p_alive_at(position).filter(|p| p.is_finite()),
        }
    }

    fn valuable(&self) -> bool {
        self.m >= 4
            || matches!(
                self.segment,
                Some(Segment::Champions | Segment::Loyal | Segment::CantLoseThem)
            )
    }
}

/// The status and action of the rules in the module docs (no product).
pub fn judge(s: &Signals) -> (Status, Action) {
    let p = s.p_alive.unwrap_or(1.0);
    if s.purchase_days == 0 || s.stage == Some(Stage::Prospect) {
        return (Status::Prospect, Action::FirstSale);
    }
    if s.stage == Some(Stage::Lapsed) || p < GONE_BELOW {
        let action = if s.valuable() {
            Action::Call
        } else {
            Action::LastTry
        };
        return (Status::Gone, action);
    }
    // The model knows little of a one-day buyer (its risk is "unknown").
    if s.stage == Some(Stage::AtRisk) || (p < Risk::HIGH_BELOW && s.purchase_days > 1) {
        let action = if s.valuable() {
            Action::Call
        } else {
            Action::WinBack
        };
        return (Status::Slipping, action);
    }
    if s.purchase_days == 1 || s.stage == Some(Stage::FirstTime) {
        return (Status::New, Action::Thank);
    }
    if s.stage == Some(Stage::Loyal)
        || matches!(s.segment, Some(Segment::Champions | Segment::Loyal))
    {
        return (Status::Best, Action::Reward);
    }
    (Status::Active, Action::Suggest)
}

/// The verdict of the customer at `position`, with the product to offer.
pub fn verdict(db: &Db, a: &Analysis, position: u32) -> Verdict {
    let (status, action) = judge(&Signals::at(a, position));
    let product = match status {
        Status::Prospect => a.best_sellers.first().copied().map(Product::BestSeller),
        _ => a
            .next_at(position)
            .first()
            .copied()
            .map(Product::Next)
            .or_else(|| {
                let bought = &db.bought_at(position).terms;
                a.best_sellers
                    .iter()
                    .find(|t| bought.binary_search(t).is_err())
                    .map(|&t| Product::BestSeller(t))
            }),
    };
    Verdict {
        status,
        action,
        product,
    }
}

/// Products bought by the most live customers, most first (ties by term number),
/// at most `k`.
pub fn best_sellers(db: &Db, k: usize) -> Vec<u32> {
    let terms = db.terms();
    let mut buyers: Vec<u32> = Vec::new();
    let live = &db.columns().live;
    for p in 0..db.len() as u32 {
        if !live.get(p as usize).copied().unwrap_or(false) {
            continue;
        }
        for &t in db.bought_at(p).terms.iter() {
            if terms.kind(t) == Some(TermKind::Product) {
                if buyers.len() <= t as usize {
                    buyers.resize(t as usize + 1, 0);
                }
                buyers[t as usize] += 1;
            }
        }
    }
    let mut v: Vec<(u32, u32)> = buyers
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(t, &n)| (t as u32, n))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter().take(k).map(|(t, _)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(days: u32, stage: Stage, segment: Option<Segment>, m: u8, p: Option<f64>) -> Signals {
        Signals {
            purchase_days: days,
            stage: Some(stage),
            segment,
            m,
            p_alive: p,
        }
    }

    #[test]
    fn a_loyal_segment_that_lapsed_is_gone_and_called_not_invited() {
        // The contradiction the issue found: RFM "loyal" next to lapsed, P(alive) < 1%.
        let s = sig(6, Stage::Lapsed, Some(Segment::Loyal), 4, Some(0.004));
        assert_eq!(judge(&s), (Status::Gone, Action::Call));
        let s = sig(6, Stage::Repeat, Some(Segment::Loyal), 4, Some(0.004));
        assert_eq!(
            judge(&s),
            (Status::Gone, Action::Call),
            "the model says gone"
        );
        let s = sig(2, Stage::Lapsed, Some(Segment::Hibernating), 1, None);
        assert_eq!(judge(&s), (Status::Gone, Action::LastTry));
    }

    #[test]
    fn each_rule_in_order() {
        assert_eq!(
            judge(&sig(0, Stage::Prospect, None, 0, None)),
            (Status::Prospect, Action::FirstSale)
        );
        assert_eq!(
            judge(&sig(3, Stage::AtRisk, Some(Segment::AtRisk), 2, Some(0.5))),
            (Status::Slipping, Action::WinBack)
        );
        assert_eq!(
            judge(&sig(
                5,
                Stage::Repeat,
                Some(Segment::CantLoseThem),
                5,
                Some(0.2)
            )),
            (Status::Slipping, Action::Call),
            "a high risk from the model"
        );
        assert_eq!(
            judge(&sig(1, Stage::FirstTime, Some(Segment::New), 1, Some(0.2))),
            (Status::New, Action::Thank),
            "a one-day buyer's low chance is the model knowing little"
        );
        assert_eq!(
            judge(&sig(
                8,
                Stage::Loyal,
                Some(Segment::Champions),
                5,
                Some(0.9)
            )),
            (Status::Best, Action::Reward)
        );
        assert_eq!(
            judge(&sig(3, Stage::Repeat, Some(Segment::Loyal), 3, Some(0.8))),
            (Status::Best, Action::Reward)
        );
        assert_eq!(
            judge(&sig(
                3,
                Stage::Repeat,
                Some(Segment::Promising),
                3,
                Some(0.8)
            )),
            (Status::Active, Action::Suggest)
        );
    }

    #[test]
    fn statuses_and_actions_agree() {
        // No "thank" for someone gone, no "reward" for someone slipping: every status
        // has its own actions.
        let ok = |s: Status, a: Action| match s {
            Status::Prospect => a == Action::FirstSale,
            Status::New => a == Action::Thank,
            Status::Active => a == Action::Suggest,
            Status::Best => a == Action::Reward,
            Status::Slipping => matches!(a, Action::Call | Action::WinBack),
            Status::Gone => matches!(a, Action::Call | Action::LastTry),
        };
        for stage in super::super::lifecycle::Stage::ALL {
            for seg in std::iter::once(None).chain(Segment::ALL.map(Some)) {
                for m in 0..=5 {
                    for p in [
                        None,
                        Some(0.0),
                        Some(0.04),
                        Some(0.2),
                        Some(0.6),
                        Some(0.99),
                    ] {
                        for days in [0, 1, 2, 9] {
                            let (s, a) = judge(&sig(days, stage, seg, m, p));
                            assert!(ok(s, a), "{s:?} with {a:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn offers_a_rule_s_product_else_the_best_seller_they_lack_saying_so() {
        use crate::fixtures::{customer, order};
        let (a, b, c) = (customer(1, "An"), customer(2, "Bình"), customer(3, "Chi"));
        let with = |o: crate::Record<crate::Order>, product: &str| {
            let mut o = o;
            o.data.items[0].product = product.into();
            o
        };
        let orders = vec![
            with(order(a.id, 1_000, 10), "Trà"),
            with(order(b.id, 2_000, 10), "Trà"),
            with(order(b.id, 3_000, 10), "Bánh"),
            with(order(c.id, 4_000, 10), "Bánh"),
            with(order(c.id, 5_000, 10), "Trà"),
        ];
        let db = Db::from_records(vec![a.clone(), b, c], orders, vec![]);
        let mut an = Analysis {
            frequency: vec![1; 3],
            stage: vec![Stage::FirstTime; 3],
            ..Default::default()
        };
        an.clear_next(&db);
        let tra = db.terms().find(TermKind::Product, "Trà").unwrap();
        let banh = db.terms().find(TermKind::Product, "Bánh").unwrap();
        assert_eq!(
            an.best_sellers,
            vec![tra.min(banh), tra.max(banh)],
            "two buyers each"
        );
        let p = db.position(a.id).unwrap();
        let v = verdict(&db, &an, p);
        assert_eq!(
            v.product,
            Some(Product::BestSeller(banh)),
            "An has Trà already"
        );
        an.next[p as usize * super::super::analysis::NEXT] = tra;
        assert_eq!(verdict(&db, &an, p).product, Some(Product::Next(tra)));
    }
}
