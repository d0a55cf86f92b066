use super::*;
use crate::fixtures::stamp;

use crate::id::Id;
use crate::model::{
    Address, Consent, ConsentChannel, Currency, CustomField, Gender, LineItem, Order, OrderStatus,
};
use crate::record::Record;
use crate::segment::analysis::{Analysis, Params};

const AS_OF: Day = Day(20_000);

struct Shop {
    customers: Vec<Record<Customer>>,
    orders: Vec<Record<Order>>,
}

impl Shop {
    fn person(&mut self, name: &str, city: &str, edit: impl FnOnce(&mut Customer)) -> Id {
        let n = self.customers.len() as u64 + 1;
        let mut c = Customer {
            display_name: name.into(),
            address: Address {
                city: city.into(),
                country: "VN".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        edit(&mut c);
        let id = Id::new_v7(n, [n as u8; 10]);
        self.customers.push(Record::new(id, c, stamp(1, 1)));
        id
    }

    fn order(&mut self, c: Id, days_ago: i32, total: i64, category: &str) {
        let n = 1000 + self.orders.len() as u64;
        let data = Order {
            customer: c,
            placed_at: Day(AS_OF.0 - days_ago).start_millis() + 3_600_000,
            items: vec![LineItem {
                product: format!("{category} item"),
                sku: format!("SKU-{category}"),
                category: category.into(),
                quantity: 1,
                unit_price: total,
            }],
            total,
            currency: Currency::VND,
            channel: SalesChannel::Online,
            store: "Website".into(),
            status: OrderStatus::Paid,
            deleted: false,
            reference: format!("#{n}"),
        };
        self.orders
            .push(Record::new(Id::new_v7(n, [0; 10]), data, stamp(1, 1)));
    }

    fn db(&self) -> Db {
        Db::from_records(self.customers.clone(), self.orders.clone(), [])
    }
}

fn names(db: &Db, rule: &Rule) -> Vec<String> {
    rule.check().expect("valid rule");
    let analysis = Analysis::compute(db, &Params::new(AS_OF, Currency::VND));
    let ctx = Context {
        db,
        analysis: &analysis,
    };
    let compiled = Compiled::new(rule, &ctx);
    let mut v: Vec<String> = compiled
        .members(&ctx, 0..db.len() as u32)
        .into_iter()
        .map(|p| db.at(p).data.name())
        .collect();
    v.sort();
    v
}

fn when(field: Field, op: Op, value: Value) -> Rule {
    Rule::Condition(Condition { field, op, value })
}

fn shop() -> Db {
    let mut s = Shop {
        customers: vec![],
        orders: vec![],
    };
    let an = s.person("An", "Hà Nội", |c| {
        c.birthday = Day::from_ymd(1990, 1, 1);
        c.gender = Some(Gender::Female);
        c.tags = vec!["VIP".into()];
        c.interests = vec!["Thời trang".into()];
        c.values = vec!["Gia đình".into(), "Sống xanh".into()];
        c.consent = vec![Consent {
            channel: ConsentChannel::Email,
            granted: true,
            on: Day(19_000),
        }];
        c.custom = vec![CustomField {
            key: "Size".into(),
            value: CustomValue::Number(38.0),
        }];
    });
    let binh = s.person("Bình", "ha noi", |c| {
        c.tags = vec!["vip".into(), "new".into()]
    });
    let cuong = s.person("Cường", "Huế", |c| {
        c.birthday = Day::from_ymd(2005, 6, 1)
    });
    s.person("Dung", "Hà Nội", |_| {});
    s.order(an, 200, 1_500_000, "Giày dép");
    s.order(an, 120, 1_000_000, "Thời trang");
    s.order(binh, 10, 3_000_000, "Giày dép");
    s.order(cuong, 400, 5_000_000, "Phụ kiện");
    s.db()
}

#[test]
fn the_issue_example_rule() {
    let db = shop();
    let rule = Rule::All(vec![
        when(Field::City, Op::Is, Value::Text("Hà Nội".into())),
        when(Field::TotalSpent, Op::Gt, Value::Number(2_000_000.0)),
        when(Field::DaysSinceLastOrder, Op::Gt, Value::Number(90.0)),
    ]);
    assert_eq!(
        names(&db, &rule),
        ["An"],
        "Bình bought 10 days ago; Cường is in Huế"
    );
}

#[test]
fn operators_by_kind() {
    let db = shop();
    let t = |s: &str| Value::Text(s.into());
    let list = |v: &[&str]| Value::Texts(v.iter().map(|s| s.to_string()).collect());
    let cases: Vec<(Rule, Vec<&str>)> = vec![
        (
            when(Field::City, Op::Is, t("ha noi")),
            vec!["An", "Bình", "Dung"],
        ),
        (when(Field::City, Op::IsNot, t("Hà Nội")), vec!["Cường"]),
        (when(Field::City, Op::StartsWith, t("hu")), vec!["Cường"]),
        (
            when(Field::City, Op::AnyOf, list(&["Huế", "Đà Nẵng"])),
            vec!["Cường"],
        ),
        (when(Field::Age, Op::Ge, Value::Number(30.0)), vec!["An"]),
        (
            when(Field::Age, Op::Between, Value::Numbers(vec![18.0, 25.0])),
            vec!["Cường"],
        ),
        (
            when(Field::Age, Op::IsEmpty, Value::None),
            vec!["Bình", "Dung"],
        ),
        (when(Field::Gender, Op::Is, t("female")), vec!["An"]),
        (
            when(Field::Gender, Op::IsNot, t("female")),
            vec!["Bình", "Cường", "Dung"],
        ),
        (when(Field::Tags, Op::Has, t("VIP")), vec!["An", "Bình"]),
        (
            when(Field::Tags, Op::AllOf, list(&["vip", "NEW"])),
            vec!["Bình"],
        ),
        (
            when(Field::Tags, Op::IsEmpty, Value::None),
            vec!["Cường", "Dung"],
        ),
        (when(Field::Interests, Op::Has, t("thoi trang")), vec!["An"]),
        (when(Field::Values, Op::Has, t("gia dinh")), vec!["An"]),
        (
            when(Field::Values, Op::AllOf, list(&["Sống xanh", "GIA ĐÌNH"])),
            vec!["An"],
        ),
        (
            when(Field::Values, Op::IsEmpty, Value::None),
            vec!["Bình", "Cường", "Dung"],
        ),
        (
            when(Field::Category, Op::Has, t("giay dep")),
            vec!["An", "Bình"],
        ),
        (
            when(Field::Category, Op::HasNot, t("Giày dép")),
            vec!["Cường", "Dung"],
        ),
        (
            when(Field::Category, Op::Has, t("Nobody bought this")),
            vec![],
        ),
        (
            when(Field::Product, Op::AnyOf, list(&["Phụ kiện item"])),
            vec!["Cường"],
        ),
        (
            when(Field::SalesChannel, Op::Has, t("online")),
            vec!["An", "Bình", "Cường"],
        ),
        (
            when(Field::Orders, Op::Is, Value::Number(0.0)),
            vec!["Dung"],
        ),
        (
            when(Field::AverageSpend, Op::Ge, Value::Number(1_250_000.0)),
            vec!["An", "Bình", "Cường"],
        ),
        (
            when(Field::DaysSinceFirstOrder, Op::Lt, Value::Number(30.0)),
            vec!["Bình"],
        ),
        (
            when(Field::DaysSinceLastOrder, Op::IsEmpty, Value::None),
            vec!["Dung"],
        ),
        (
            when(Field::Consent(ConsentChannel::Email), Op::Yes, Value::None),
            vec!["An"],
        ),
        (
            when(Field::Consent(ConsentChannel::Email), Op::No, Value::None),
            vec!["Bình", "Cường", "Dung"],
        ),
        (when(Field::Stage, Op::Is, t("prospect")), vec!["Dung"]),
        (
            when(Field::RfmSegment, Op::IsEmpty, Value::None),
            vec!["Dung"],
        ),
        // Three buyers: the best has 2 worse, so 1 + ⌊5·2/3⌋ = 4.
        (
            when(Field::RecencyScore, Op::Is, Value::Number(4.0)),
            vec!["Bình"],
        ),
        (
            when(Field::Custom("size".into()), Op::Gt, Value::Number(37.0)),
            vec!["An"],
        ),
        (
            when(Field::Custom("Size".into()), Op::IsEmpty, Value::None),
            vec!["Bình", "Cường", "Dung"],
        ),
        (
            Rule::Any(vec![
                when(Field::City, Op::Is, t("Huế")),
                Rule::All(vec![
                    when(Field::Tags, Op::Has, t("vip")),
                    when(Field::Orders, Op::Ge, Value::Number(2.0)),
                ]),
            ]),
            vec!["An", "Cường"],
        ),
    ];
    for (rule, expected) in cases {
        assert_eq!(names(&db, &rule), expected, "{rule:?}");
    }
}

#[test]
fn deleted_customers_never_match() {
    let mut db = shop();
    let p = (0..db.len() as u32)
        .find(|&p| db.at(p).data.name() == "Dung")
        .unwrap();
    let mut gone = db.at(p).clone();
    gone.data.deleted = true;
    db.put_customer(gone);
    assert_eq!(
        names(&db, &when(Field::Orders, Op::Is, Value::Number(0.0))),
        Vec::<String>::new()
    );
}

#[test]
fn edits_reach_the_columns_and_new_texts_after_compiling_are_tested() {
    let mut db = shop();
    let rule = when(Field::City, Op::StartsWith, Value::Text("đà".into()));
    let analysis = Analysis::compute(&db, &Params::new(Day(20_000), Currency::VND));
    let before = {
        let ctx = Context {
            db: &db,
            analysis: &analysis,
        };
        Compiled::new(&rule, &ctx)
    };
    let p = (0..db.len() as u32)
        .find(|&p| db.at(p).data.name() == "Dung")
        .unwrap();
    let mut moved = db.at(p).clone();
    moved.data.address.city = "Đà Nẵng".into();
    db.put_customer(moved);
    let ctx = Context {
        db: &db,
        analysis: &analysis,
    };
    assert_eq!(before.members(&ctx, 0..db.len() as u32), vec![p]);
    assert_eq!(names(&db, &rule), ["Dung"]);
}

#[test]
fn choice_columns_number_variants_in_declaration_order() {
    // The column (or analysis) stores `variant as u8 + 1`; `Field::choices` must list
    // each variant's code at that variant's number.
    use crate::model::{AcquisitionChannel, IncomeBand, PartyKind};
    use crate::segment::lifecycle::Stage;
    use crate::segment::rfm::Segment;
    fn check<T: Copy>(
        field: Field,
        all: &[T],
        number: impl Fn(T) -> usize,
        code: impl Fn(T) -> &'static str,
    ) {
        let choices = field.choices();
        assert_eq!(choices.len(), all.len(), "{field:?}");
        for &v in all {
            assert_eq!(choices[number(v)], code(v), "{field:?}");
        }
    }
    check(
        Field::Kind,
        &[PartyKind::Person, PartyKind::Organisation],
        |v| v as usize,
        PartyKind::code,
    );
    check(
        Field::Gender,
        &[Gender::Female, Gender::Male, Gender::Other],
        |v| v as usize,
        Gender::code,
    );
    check(
        Field::Income,
        &IncomeBand::ALL,
        |v| v as usize,
        IncomeBand::code,
    );
    check(
        Field::Acquisition,
        &AcquisitionChannel::ALL,
        |v| v as usize,
        AcquisitionChannel::code,
    );
    check(
        Field::RfmSegment,
        &Segment::ALL,
        |v| v as usize,
        Segment::code,
    );
    check(Field::Stage, &Stage::ALL, |v| v as usize, Stage::code);
    check(
        Field::ChurnRisk,
        &crate::clv::predict::Risk::ALL,
        |v| v as usize,
        crate::clv::predict::Risk::code,
    );
}

#[test]
fn potential_and_next_products() {
    let db = shop();
    let mut analysis = Analysis::compute(&db, &Params::new(AS_OF, Currency::VND));
    let n = db.len();
    let pos = |name: &str| {
        (0..n)
            .find(|&p| db.at(p as u32).data.name() == name)
            .unwrap()
    };
    // Set by hand: what the models and cross-sell rules would have said.
    let p = &mut analysis.potential;
    p.clv = vec![f64::NAN; n];
    p.p_alive = vec![f32::NAN; n];
    p.risk = vec![0; n];
    p.clv[pos("An")] = 2_500_000.4;
    p.clv[pos("Bình")] = 900_000.0;
    p.p_alive[pos("An")] = 0.8;
    p.p_alive[pos("Bình")] = 0.25;
    p.risk[pos("An")] = 1; // low
    p.risk[pos("Bình")] = 3; // high
    p.risk[pos("Cường")] = 4; // unknown
    let item = db.terms().find(TermKind::Product, "Phụ kiện item").unwrap();
    analysis.next = vec![crate::segment::analysis::NONE; n * crate::segment::analysis::NEXT];
    analysis.next[pos("Bình") * crate::segment::analysis::NEXT] = item;
    let ctx = Context {
        db: &db,
        analysis: &analysis,
    };
    let who = |rule: Rule| -> Vec<String> {
        let mut v: Vec<String> = Compiled::new(&rule, &ctx)
            .members(&ctx, 0..n as u32)
            .into_iter()
            .map(|p| db.at(p).data.name())
            .collect();
        v.sort();
        v
    };
    // Money is rounded to the currency (VND: whole đồng) as shown.
    assert_eq!(
        who(when(Field::Clv, Op::Ge, Value::Number(2_500_000.0))),
        ["An"]
    );
    assert_eq!(who(when(Field::Clv, Op::Lt, Value::Number(1e6))), ["Bình"]);
    // Without a value (no purchases, no model): only "is empty" holds.
    assert_eq!(
        who(when(Field::Clv, Op::IsEmpty, Value::None)),
        ["Cường", "Dung"]
    );
    // P(alive) in percent.
    assert_eq!(
        who(when(Field::PAlive, Op::Lt, Value::Number(30.0))),
        ["Bình"]
    );
    assert_eq!(
        who(when(Field::PAlive, Op::Ge, Value::Number(80.0))),
        ["An"]
    );
    assert_eq!(
        who(when(
            Field::ChurnRisk,
            Op::AnyOf,
            Value::Texts(vec!["high".into(), "unknown".into()])
        )),
        ["Bình", "Cường"]
    );
    assert_eq!(
        who(when(
            Field::NextProduct,
            Op::Has,
            Value::Texts(vec!["phu kien item".into()])
        )),
        ["Bình"]
    );
    assert_eq!(
        who(when(Field::NextProduct, Op::IsEmpty, Value::None)),
        ["An", "Cường", "Dung"]
    );
}
