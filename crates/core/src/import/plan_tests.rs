use super::*;
use crate::dates::DateOrder;
use crate::import::cells::Reading;
use crate::import::file::read_all;
use crate::import::mapping::Target;
use crate::model::{Currency, OrderStatus};
use crate::time::Day;

pub(crate) const TODAY: Day = Day(20_400); // 2025-11-08

/// Settings for planning in tests: dates in UTC+7, VND, a fixed stamp and seed.
pub(crate) fn settings(mode: Mode) -> Settings {
    Settings {
        mode,
        match_by: MatchBy::default(),
        reading: Reading {
            date_order: None,
            offset_minutes: 7 * 60,
            currency: Currency::VND,
            today: TODAY,
        },
        stamp: crate::fixtures::stamp(1_000, 9),
        seed: 1,
        now: 1_762_560_000_000,
    }
}

fn run_with(
    db: &Db,
    csv: &str,
    mapping: Option<Mapping>,
    kind: FileKind,
    s: Settings,
) -> (Mapping, Plan) {
    let (header, rows) = read_all(csv.as_bytes()).unwrap();
    let mapping = mapping.unwrap_or_else(|| Mapping::guess(&header, kind));
    let (guess, marks) = analyse(&mapping, &rows);
    let mut s = s;
    if let OrderGuess::Decided(o) = guess {
        s.reading.date_order = Some(o);
    }
    let mut imp = Importer::new(db, &mapping, marks, s).unwrap();
    for r in rows {
        imp.row(db, r);
    }
    (mapping, imp.finish(db))
}

fn run(db: &Db, csv: &str, kind: FileKind, mode: Mode) -> Plan {
    run_with(db, csv, None, kind, settings(mode)).1
}

/// The database after writing a plan, as the app and the CLI do.
fn apply(db: &mut Db, plan: &Plan) {
    for (r, _) in plan.customers() {
        db.put_customer(r);
    }
    for (b, orders) in plan.orders.iter().enumerate() {
        if !orders.is_empty() {
            let mut facts: Vec<_> = db.bucket_order_facts(b as u32).to_vec();
            facts.extend(crate::facts::OrderFact::of(&orders.unpack()));
            db.set_order_facts(b as u32, facts);
        }
    }
}

fn names(plan: &Plan) -> Vec<String> {
    plan.customers().map(|(r, _)| r.data.name()).collect()
}

/// The customers a plan creates or changes, decoded.
pub(crate) fn changes(plan: &Plan) -> Vec<super::Change> {
    plan.customers().collect()
}

/// The orders a plan creates, decoded.
pub(crate) fn orders(plan: &Plan) -> Vec<Record<Order>> {
    plan.orders.iter().flat_map(|b| b.unpack()).collect()
}

const VI_CUSTOMERS: &str =
    "\u{feff}Mã KH,Tên khách hàng,Số điện thoại,Email,Ngày sinh,Tỉnh/Thành phố,Nhãn
KH01,Nguyễn Văn An,0912 345 678,an@example.vn,15/08/1990,Hà Nội,\"VIP, sỉ\"
KH02,Trần Thị Bình,+84 913 000 111,,02/01/1985,Đà Nẵng,
KH03,Lê Cường,không có số,cuong@example.vn,,Huế,
KH04,Phạm Dung,0914 222 333,dung@example,31/02/1991,,
";

#[test]
fn customers_with_vietnamese_headers_and_bad_rows() {
    let db = Db::new();
    let plan = run(
        &db,
        VI_CUSTOMERS,
        FileKind::Customers,
        Mode::CreateAndUpdate,
    );
    assert_eq!(plan.counts.records, 4);
    assert_eq!(plan.counts.new, 2);
    assert_eq!(plan.counts.invalid, 2);
    assert_eq!(names(&plan), ["Nguyễn Văn An", "Trần Thị Bình"]);
    let an = &changes(&plan)[0].0.data;
    assert_eq!(an.external_id, "KH01");
    assert_eq!(an.phones, ["0912 345 678"]);
    assert_eq!(an.birthday, Day::from_ymd(1990, 8, 15));
    assert_eq!(an.address.city, "Hà Nội");
    assert_eq!(an.tags, ["VIP", "sỉ"]);
    // Each bad row: its line (the header is line 1), its column and why.
    let problems: Vec<(u32, Option<usize>, &str, Reason)> = plan
        .problems
        .iter()
        .map(|p| (p.line, p.column, p.value.as_str(), p.reason.clone()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (4, Some(2), "không có số", Reason::Phone),
            (5, Some(3), "dung@example", Reason::Email),
            (
                5,
                Some(4),
                "31/02/1991",
                Reason::Date(crate::dates::DateError::NoSuchDay)
            ),
        ]
    );
    assert_eq!(plan.preview.len(), 2);
    assert!(plan.orders.iter().all(crate::packed::Packed::is_empty));
}

#[test]
fn a_wrong_mapping_fixed_by_the_user() {
    // "Liên hệ" holds phone numbers, but no header word says so: unmapped, the
    // customers have no phone; mapped by hand, they do.
    let csv = "Họ tên,Liên hệ\nAn,0912345678\nBình,0913000111\n";
    let db = Db::new();
    let (m, plan) = run_with(&db, csv, None, FileKind::Customers, settings(Mode::Create));
    assert_eq!(m.columns, vec![Target::FullName, Target::Ignore]);
    assert!(changes(&plan)[0].0.data.phones.is_empty());
    let fixed = Mapping {
        columns: vec![Target::FullName, Target::Phone],
        ..m
    };
    let (_, plan) = run_with(
        &db,
        csv,
        Some(fixed),
        FileKind::Customers,
        settings(Mode::Create),
    );
    assert_eq!(changes(&plan)[1].0.data.phones, ["0913000111"]);
}

#[test]
fn modes_and_duplicates_by_id_email_and_normalised_phone() {
    let mut db = Db::new();
    let first = run(&db, VI_CUSTOMERS, FileKind::Customers, Mode::Create);
    apply(&mut db, &first);
    assert_eq!(db.len(), 2);

    // The same file again: nothing new, nothing changed.
    let again = run(
        &db,
        VI_CUSTOMERS,
        FileKind::Customers,
        Mode::CreateAndUpdate,
    );
    assert_eq!(
        (
            again.counts.new,
            again.counts.updated,
            again.counts.duplicate
        ),
        (0, 0, 2)
    );
    assert!(again.changes.is_empty());

    // Bình's phone written the other way, with a new tag and city: an update that
    // joins the tags and keeps what the row leaves empty.
    let csv = "Phone,Tags,City,Email\n0913 000 111,Khách quen,Huế,\n+84912345678,,,an2@example.vn\nNobody,,,\n";
    let update = run(&db, csv, FileKind::Customers, Mode::Update);
    assert_eq!(update.counts.updated, 2);
    assert_eq!(update.counts.invalid, 1);
    let (after, before) = &changes(&update)[0];
    assert_eq!(after.data.name(), "Trần Thị Bình");
    assert_eq!(after.data.tags, ["Khách quen"]);
    assert_eq!(after.data.address.city, "Huế");
    assert_eq!(after.data.birthday, Day::from_ymd(1985, 1, 2));
    assert_eq!(before.as_ref().unwrap().data.address.city, "Đà Nẵng");
    let an = &changes(&update)[1].0.data;
    assert_eq!(an.emails, ["an@example.vn", "an2@example.vn"]);
    assert_eq!(an.tags, ["VIP", "sỉ"]);
    // Only the fields that changed carry the import's stamp.
    let stamped: Vec<u8> = changes(&update)[1]
        .0
        .stamps
        .changed
        .iter()
        .map(|(f, _)| *f)
        .collect();
    assert_eq!(
        stamped,
        vec![Customer::number(&CustomerField::Emails(vec![]))]
    );

    // Create-only leaves customers already there alone; update-only creates nobody.
    let create = run(&db, csv, FileKind::Customers, Mode::Create);
    assert_eq!((create.counts.new, create.counts.duplicate), (0, 2));
    let csv = "Name,Email\nMới,moi@example.vn\n";
    let update = run(&db, csv, FileKind::Customers, Mode::Update);
    assert_eq!((update.counts.new, update.counts.not_found), (0, 1));

    // Matching by external id only: the email no longer matches anyone.
    let mut s = settings(Mode::CreateAndUpdate);
    s.match_by = MatchBy {
        external_id: true,
        email: false,
        phone: false,
    };
    let csv = "Customer ID,Name,Email\nKH01,An N.,an@example.vn\nKH99,Khác,an@example.vn\n";
    let (_, plan) = run_with(&db, csv, None, FileKind::Customers, s);
    assert_eq!((plan.counts.updated, plan.counts.new), (1, 1));
}

#[test]
fn a_customer_twice_in_one_file_is_a_duplicate_and_companies_are_linked() {
    let csv = "Name,Email,Company\nAn,an@x.vn,Công ty Hoa Sen\nAn again,AN@x.vn,\nBình,b@x.vn,công ty hoa sen\n,,Công ty Mới\n";
    let plan = run(&Db::new(), csv, FileKind::Customers, Mode::CreateAndUpdate);
    assert_eq!(plan.counts.duplicate, 1);
    assert_eq!(plan.counts.new, 3);
    // The organisation is created once (from An's row) and linked to both people;
    // a row with only a company is the organisation itself.
    assert_eq!(plan.counts.new_customers, 1);
    let n = names(&plan);
    assert_eq!(n, ["Công ty Hoa Sen", "An", "Bình", "Công ty Mới"]);
    let org = changes(&plan)[0].0.id;
    assert_eq!(changes(&plan)[1].0.data.company, Some(org));
    assert_eq!(changes(&plan)[2].0.data.company, Some(org));
    assert_eq!(changes(&plan)[3].0.data.kind, PartyKind::Organisation);
}

#[test]
fn tags_from_several_columns_are_kept_once() {
    let csv = "Name,Tags,Nhãn,Interests\nAn,VIP,\"sỉ, vip\",Trà; trà\n";
    let plan = run(&Db::new(), csv, FileKind::Customers, Mode::Create);
    let an = &changes(&plan)[0].0.data;
    assert_eq!(an.tags, ["VIP", "sỉ"]);
    assert_eq!(an.interests, ["Trà"]);
}

const SHOPIFY: &str = "Name,Email,Financial Status,Paid at,Currency,Subtotal,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Billing City,Billing Phone,Cancelled at,Refunded Amount,Id
#1001,an@example.vn,paid,2025-10-01 10:00:00 +0700,VND,300000,300000,2025-10-01 10:00:00 +0700,2,Cà phê hạt,100000,CF-1,Nguyễn Văn An,Hà Nội,0912345678,,0,1
#1001,an@example.vn,,,,,,2025-10-01 10:00:00 +0700,1,Phin,100000,PH-1,,,,,,1
#1002,binh@example.vn,partially_refunded,,VND,500000,500000,2025-10-02 09:30:00 +0700,5,Trà,100000,TR-1,Trần Bình,Huế,,,150000,2
#1003,an@example.vn,paid,,VND,200000,200000,2025-10-03 08:00:00 +0700,1,Cà phê hạt,200000,CF-1,Nguyễn Văn An,Hà Nội,,2025-10-03 12:00:00 +0700,,3
#1004,,paid,,VND,100000,100000,2025-10-04 08:00:00 +0700,1,Trà,100000,TR-1,Khách lẻ,,+84 912 345 678,,,4
#1005,chi@example.vn,refunded,,VND,90000,90000,2025-10-05 08:00:00 +0700,1,Trà,90000,TR-1,Chi,,,,90000,5
";

#[test]
fn shopify_orders_with_line_items_refunds_and_cancellations() {
    let mut db = Db::new();
    let (m, plan) = run_with(
        &db,
        SHOPIFY,
        None,
        FileKind::Orders,
        settings(Mode::CreateAndUpdate),
    );
    assert_eq!(
        m.preset,
        Some(crate::import::mapping::Preset::ShopifyOrders)
    );
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!(plan.counts.records, 5);
    assert_eq!(plan.counts.new, 5);
    // An (by email, then by phone in national form for #1004), Bình and Chi.
    assert_eq!(plan.counts.new_customers, 3);
    assert_eq!(names(&plan), ["Nguyễn Văn An", "Trần Bình", "Chi"]);
    let orders = orders(&plan);
    let by_ref = |r: &str| &orders.iter().find(|o| o.data.reference == r).unwrap().data;
    let o1 = by_ref("#1001");
    assert_eq!(o1.items.len(), 2);
    assert_eq!(o1.items[1].product, "Phin");
    assert_eq!(o1.total, 300_000);
    assert_eq!(o1.status, OrderStatus::Paid);
    assert_eq!(o1.channel, SalesChannel::Online);
    assert_eq!(o1.placed_at, 1_759_287_600_000);
    assert_eq!(by_ref("#1002").total, 350_000);
    assert_eq!(by_ref("#1003").status, OrderStatus::Cancelled);
    assert_eq!(by_ref("#1004").customer, o1.customer);
    assert_eq!(by_ref("#1005").status, OrderStatus::Refunded);

    apply(&mut db, &plan);
    let an = db.stats(o1.customer).unwrap();
    // #1001 and #1004 count; #1003 was cancelled.
    assert_eq!((an.orders, an.spent_in(Currency::VND)), (2, 400_000));

    // The same export again adds nothing.
    let again = run(&db, SHOPIFY, FileKind::Orders, Mode::CreateAndUpdate);
    assert_eq!((again.counts.new, again.counts.duplicate), (0, 5));
    assert_eq!(again.writes(), 0);
}

#[test]
fn woocommerce_orders_and_generic_orders_without_numbers() {
    let woo = "order_id,order_number,order_date,status,order_total,order_currency,billing_first_name,billing_last_name,billing_email,billing_phone,line_item_1,line_item_2
10,W-10,2025-09-01 14:00:00,wc-completed,350.00,USD,Anna,Lee,anna@example.com,,name:Mug|sku:M1|quantity:2|total:100.00,name:Tea|quantity:1|total:250.00
11,W-11,2025-09-02 14:00:00,wc-cancelled,10.00,USD,Anna,Lee,anna@example.com,,name:Mug|quantity:x|total:10.00,
";
    let plan = run(&Db::new(), woo, FileKind::Orders, Mode::CreateAndUpdate);
    assert_eq!((plan.counts.new, plan.counts.invalid), (1, 1));
    assert_eq!(plan.problems[0].line, 3);
    assert_eq!(plan.problems[0].reason, Reason::Quantity);
    let o = &orders(&plan)[0].data;
    assert_eq!((o.total, o.currency), (35_000, Currency::USD));
    assert_eq!(o.items[0].unit_price, 5_000);
    assert_eq!(o.items[1].product, "Tea");

    // A shop's own sheet: one row per order, no order number, day-first dates.
    let sheet = "Ngày mua,Khách hàng,SĐT,Tổng tiền\n05/10/2025,An,0912345678,\"1.250.000\"\n13/10/2025,An,0912345678,150.000\n13/10/2025,An,0912345678,150.000\n,Bình,0913,10\n";
    let plan = run(&Db::new(), sheet, FileKind::Orders, Mode::CreateAndUpdate);
    let totals: Vec<i64> = orders(&plan).iter().map(|o| o.data.total).collect();
    assert_eq!(totals, vec![1_250_000, 150_000]);
    assert_eq!(plan.counts.duplicate, 1);
    assert_eq!(plan.counts.invalid, 1);
    assert_eq!(plan.problems[0].reason, Reason::Missing(Target::OrderDate));
}

#[test]
fn ambiguous_dates_wait_for_the_users_choice() {
    let csv = "Date,Email,Total\n05/10/2025,a@x.vn,100\n06/11/2025,a@x.vn,200\n";
    let (header, rows) = read_all(csv.as_bytes()).unwrap();
    let m = Mapping::guess(&header, FileKind::Orders);
    assert_eq!(analyse(&m, &rows).0, OrderGuess::Ambiguous);
    let db = Db::new();
    let mut imp = Importer::new(&db, &m, vec![], settings(Mode::Create)).unwrap();
    imp.row(&db, rows[0].clone());
    let plan = imp.finish(&db);
    assert_eq!(
        plan.problems[0].reason,
        Reason::Date(crate::dates::DateError::Ambiguous)
    );
    let mut s = settings(Mode::Create);
    s.reading.date_order = Some(DateOrder::MonthFirst);
    let (_, plan) = run_with(&Db::new(), csv, Some(m), FileKind::Orders, s);
    let first = orders(&plan)
        .iter()
        .map(|o| o.data.placed_at)
        .min()
        .unwrap();
    assert_eq!(
        Day::of_millis(first + 7 * 3_600_000),
        Day::from_ymd(2025, 5, 10).unwrap()
    );
}

#[test]
fn interactions_find_their_customer_and_rows_with_extra_values_are_refused() {
    let mut db = Db::new();
    let customers = run(&db, VI_CUSTOMERS, FileKind::Customers, Mode::Create);
    apply(&mut db, &customers);
    let csv = "Ngày liên hệ,Email,Kênh,Tiêu đề,Nội dung\n2025-10-01 09:00,an@example.vn,Gọi điện,Hỏi giá,Khách hỏi giá cà phê\n2025-10-02 09:00,an@example.vn,Zalo,,Gửi ảnh sản phẩm\n2025-10-03 09:00,an@example.vn,Fax,Lạ,\n2025-10-04,an@example.vn,email,A,B,C\n";
    let plan = run(&db, csv, FileKind::Interactions, Mode::CreateAndUpdate);
    assert_eq!((plan.counts.new, plan.counts.invalid), (2, 2));
    assert_eq!(plan.counts.new_customers, 0);
    let items: Vec<Interaction> = plan
        .interactions
        .iter()
        .flat_map(|b| b.iter())
        .map(|r| r.data)
        .collect();
    assert_eq!(items[0].channel, crate::model::InteractionChannel::Phone);
    assert_eq!(items[1].subject, "Gửi ảnh sản phẩm");
    assert_eq!(plan.problems[0].reason, Reason::Choice);
    assert_eq!(
        plan.problems[1].reason,
        Reason::ExtraValues {
            found: 6,
            expected: 5
        }
    );
}
