//! Which column of a file feeds which field: headers matched automatically in English
//! and Vietnamese ("Tên khách hàng", "Số điện thoại", "Ngày mua", "Tổng tiền"), the
//! exports of Shopify and WooCommerce recognised from their headers, and a key per
//! header set so a mapping the user corrected is reused for the next file like it.

use crate::search::fold;
use serde::{Deserialize, Serialize};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FileKind {
    Customers,
    /// One row per order, or one row per line item (rows of one order share its number).
    Orders,
    Interactions,
}

impl FileKind {
    pub const ALL: [FileKind; 3] = [
        FileKind::Customers,
        FileKind::Orders,
        FileKind::Interactions,
    ];

    /// What a file holds, from its headers: a recognised export's kind, else orders
    /// or interactions when at least two columns are theirs alone (one date column
    /// could be a customer's birthday), else customers.
    pub fn guess(headers: &[String]) -> FileKind {
        if let Some(p) = Preset::detect(headers) {
            return p.kind();
        }
        let own = |kind: FileKind, fields: &[Target]| {
            headers
                .iter()
                .filter(|h| fields.contains(&match_header(h, kind)))
                .count()
        };
        let orders = own(FileKind::Orders, &ORDER_FIELDS);
        let interactions = own(FileKind::Interactions, &INTERACTION_FIELDS);
        // Columns only customers files have (birthday, gender, tags...) count too:
        // a customers file with a `created_at` and a `channel` is not an orders file.
        let customers = own(
            FileKind::Customers,
            &CUSTOMER_FIELDS[..CUSTOMER_FIELDS.len() - 1],
        );
        match (orders, interactions) {
            (o, i) if o >= 2 && o >= i && o > customers => FileKind::Orders,
            (_, i) if i >= 2 && i > customers => FileKind::Interactions,
            _ => FileKind::Customers,
        }
    }
}

/// Where a column's values go.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Ignore,
    // Who: every kind of file names its customer with these.
    ExternalId,
    FullName,
    GivenName,
    FamilyName,
    /// The organisation: the customer itself when the row names no person.
    Company,
    Email,
    Phone,
    Street,
    Ward,
    District,
    City,
    Country,
    // Customers.
    Birthday,
    Gender,
    Occupation,
    Tags,
    Interests,
    Notes,
    Source,
    CreatedAt,
    /// Yes/no: accepts marketing email.
    EmailConsent,
    /// Yes/no: accepts marketing SMS.
    SmsConsent,
    /// Person or organisation.
    Kind,
    /// The income band (low … high).
    Income,
    /// What matters to the customer (psychographic), a list.
    Values,
    /// Where the customer came from first (walk-in, website...).
    Acquisition,
    /// A figure Clientele computes (orders, total spent, RFM scores, segment...),
    /// as its own exports write them: recognised, and not imported.
    Computed,
    // Orders.
    OrderRef,
    OrderDate,
    Total,
    Currency,
    Product,
    Sku,
    Category,
    Quantity,
    UnitPrice,
    /// Paid, pending, refunded, cancelled (shops' own words, Shopify's, WooCommerce's).
    Status,
    /// A date, when the order was cancelled: the order does not count.
    CancelledAt,
    /// The part of the total paid back.
    RefundedAmount,
    SalesChannel,
    Store,
    /// WooCommerce's `line_item_N`: `name:…|sku:…|quantity:…|total:…`.
    LineItemSpec,
    // Interactions.
    InteractionDate,
    InteractionChannel,
    Direction,
    Subject,
    Note,
    /// A custom field of the customer, by key.
    Custom(String),
}

/// The targets of every kind of file: who the customer is (IDENTITY) and where
/// (ADDRESS); then those of each kind. Together, in this order, every target but
/// Ignore and Custom.
static IDENTITY: [Target; 7] = [
    Target::ExternalId,
    Target::FullName,
    Target::GivenName,
    Target::FamilyName,
    Target::Company,
    Target::Email,
    Target::Phone,
];
static ADDRESS: [Target; 5] = [
    Target::Street,
    Target::Ward,
    Target::District,
    Target::City,
    Target::Country,
];
static CUSTOMER_FIELDS: [Target; 15] = [
    Target::Birthday,
    Target::Gender,
    Target::Occupation,
    Target::Tags,
    Target::Interests,
    Target::Notes,
    Target::Source,
    Target::CreatedAt,
    Target::EmailConsent,
    Target::SmsConsent,
    Target::Kind,
    Target::Income,
    Target::Values,
    Target::Acquisition,
    Target::Computed,
];
static ORDER_FIELDS: [Target; 15] = [
    Target::OrderRef,
    Target::OrderDate,
    Target::Total,
    Target::Currency,
    Target::Product,
    Target::Sku,
    Target::Category,
    Target::Quantity,
    Target::UnitPrice,
    Target::Status,
    Target::CancelledAt,
    Target::RefundedAmount,
    Target::SalesChannel,
    Target::Store,
    Target::LineItemSpec,
];
static INTERACTION_FIELDS: [Target; 5] = [
    Target::InteractionDate,
    Target::InteractionChannel,
    Target::Direction,
    Target::Subject,
    Target::Note,
];

impl Target {
    /// How many targets `all` lists.
    pub const COUNT: usize = 47;

    /// Every target but Ignore and Custom, in the order of their declaration.
    pub fn all() -> impl Iterator<Item = &'static Target> {
        IDENTITY
            .iter()
            .chain(&ADDRESS)
            .chain(&CUSTOMER_FIELDS)
            .chain(&ORDER_FIELDS)
            .chain(&INTERACTION_FIELDS)
    }

    /// The place of a target in `all` (None: Ignore or Custom), for its label.
    pub fn index(&self) -> Option<usize> {
        Target::all().position(|t| t == self)
    }

    /// The targets a column of a `kind` file can take (besides Ignore and Custom).
    pub fn choices(kind: FileKind) -> Vec<Target> {
        let own: &[Target] = match kind {
            FileKind::Customers => &CUSTOMER_FIELDS,
            FileKind::Orders => &ORDER_FIELDS,
            FileKind::Interactions => &INTERACTION_FIELDS,
        };
        IDENTITY
            .iter()
            .chain(&ADDRESS)
            .chain(own)
            .cloned()
            .collect()
    }

    /// A stable name, for files and messages.
    pub fn name(&self) -> String {
        match self {
            Target::Custom(key) => format!("custom:{key}"),
            other => format!("{other:?}"),
        }
    }

    /// Several columns may feed it (their values are joined).
    pub fn repeatable(&self) -> bool {
        matches!(
            self,
            Target::Ignore
                | Target::Street
                | Target::Tags
                | Target::Interests
                | Target::Values
                | Target::Computed
                | Target::Notes
                | Target::LineItemSpec
                | Target::Note
                | Target::Email
                | Target::Phone
        )
    }
}

/// Headers (folded: lowercase, no diacritics, words separated by one space) that
/// name each target, in English and Vietnamese.
static NAMES: &[(Target, &[&str])] = &[
    (
        Target::ExternalId,
        &[
            "customer id",
            "id khach hang",
            "ma khach hang",
            "ma kh",
            "customer code",
            "external id",
            "customer number",
            "client id",
        ],
    ),
    (
        Target::FullName,
        &[
            "name",
            "full name",
            "customer name",
            "customer",
            "ten khach hang",
            "ho ten",
            "ho va ten",
            "ten kh",
            "khach hang",
            "ten day du",
            "billing name",
            "contact name",
            "display name",
        ],
    ),
    (
        Target::GivenName,
        &["first name", "given name", "ten", "billing first name"],
    ),
    (
        Target::FamilyName,
        &[
            "last name",
            "family name",
            "surname",
            "ho",
            "billing last name",
        ],
    ),
    (
        Target::Company,
        &[
            "company",
            "company name",
            "organisation",
            "organization",
            "cong ty",
            "ten cong ty",
            "doanh nghiep",
            "billing company",
        ],
    ),
    (
        Target::Email,
        &[
            "email",
            "e mail",
            "email address",
            "thu dien tu",
            "dia chi email",
            "billing email",
            "customer email",
        ],
    ),
    (
        Target::Phone,
        &[
            "phone",
            "phone number",
            "mobile",
            "telephone",
            "tel",
            "so dien thoai",
            "dien thoai",
            "sdt",
            "so dt",
            "di dong",
            "billing phone",
        ],
    ),
    (
        Target::Street,
        &[
            "address",
            "street",
            "address1",
            "address 1",
            "address2",
            "address 2",
            "dia chi",
            "so nha",
            "duong",
            "billing address1",
            "billing address 1",
            "billing address2",
            "billing address 2",
        ],
    ),
    (Target::Ward, &["ward", "phuong", "xa", "phuong xa"]),
    (
        Target::District,
        &["district", "quan", "huyen", "quan huyen"],
    ),
    (
        Target::City,
        &[
            "city",
            "province",
            "town",
            "thanh pho",
            "tinh",
            "tinh thanh pho",
            "tinh thanh",
            "billing city",
        ],
    ),
    (
        Target::Country,
        &[
            "country",
            "country code",
            "quoc gia",
            "nuoc",
            "billing country",
        ],
    ),
    (
        Target::Birthday,
        &[
            "birthday",
            "birth date",
            "date of birth",
            "dob",
            "ngay sinh",
            "sinh nhat",
        ],
    ),
    (Target::Gender, &["gender", "sex", "gioi tinh"]),
    (
        Target::Occupation,
        &["occupation", "job", "job title", "nghe nghiep"],
    ),
    (Target::Tags, &["tags", "tag", "nhan", "the"]),
    (Target::Interests, &["interests", "so thich", "quan tam"]),
    (Target::Notes, &["notes", "note", "ghi chu", "comments"]),
    (Target::Source, &["source", "nguon", "referrer", "campaign"]),
    (
        Target::CreatedAt,
        &[
            "created",
            "created at",
            "customer since",
            "signup date",
            "ngay tao",
            "ngay dang ky",
        ],
    ),
    (
        Target::EmailConsent,
        &[
            "accepts marketing",
            "accepts email marketing",
            "email consent",
            "dong y nhan email",
        ],
    ),
    (
        Target::SmsConsent,
        &["accepts sms marketing", "sms consent", "dong y nhan sms"],
    ),
    (
        Target::Kind,
        &[
            "kind",
            "customer kind",
            "customer type",
            "person or organisation",
            "loai khach hang",
            "loai kh",
        ],
    ),
    (
        Target::Income,
        &["income", "income band", "thu nhap", "muc thu nhap"],
    ),
    (
        Target::Values,
        &[
            "values",
            "personal values",
            "gia tri",
            "gia tri song",
            "gia tri ca nhan",
            "gia tri quan tam",
        ],
    ),
    (
        Target::Acquisition,
        &[
            "acquisition channel",
            "acquired through",
            "first channel",
            "kenh tiep can",
            "kenh thu hut",
        ],
    ),
    (
        Target::OrderRef,
        &[
            "order id",
            "order",
            "order number",
            "order no",
            "ma don hang",
            "ma don",
            "so don hang",
            "so hoa don",
            "ma hoa don",
            "invoice",
            "invoice number",
        ],
    ),
    (
        Target::OrderDate,
        &[
            "order date",
            "date",
            "created at",
            "purchase date",
            "ngay mua",
            "ngay dat hang",
            "ngay dat",
            "ngay",
            "ngay ban",
            "ngay hoa don",
            "thoi gian",
            "time",
            "timestamp",
            "date time",
        ],
    ),
    (
        Target::Total,
        &[
            "total",
            "order total",
            "amount",
            "total amount",
            "tong tien",
            "tong cong",
            "thanh tien",
            "tong thanh toan",
            "so tien",
            "doanh thu",
        ],
    ),
    (
        Target::Currency,
        &["currency", "order currency", "tien te", "loai tien"],
    ),
    (
        Target::Product,
        &[
            "product",
            "product name",
            "item",
            "item name",
            "lineitem name",
            "san pham",
            "ten san pham",
            "ten hang",
            "mat hang",
        ],
    ),
    (
        Target::Sku,
        &[
            "sku",
            "lineitem sku",
            "product code",
            "ma san pham",
            "ma sp",
            "ma hang",
        ],
    ),
    (
        Target::Category,
        &[
            "category",
            "product type",
            "danh muc",
            "loai san pham",
            "nhom hang",
        ],
    ),
    (
        Target::Quantity,
        &["quantity", "qty", "lineitem quantity", "so luong", "sl"],
    ),
    (
        Target::UnitPrice,
        &[
            "unit price",
            "price",
            "lineitem price",
            "don gia",
            "gia",
            "gia ban",
        ],
    ),
    (
        Target::Status,
        &[
            "status",
            "order status",
            "financial status",
            "payment status",
            "trang thai",
            "trang thai don hang",
            "thanh toan",
        ],
    ),
    (
        Target::CancelledAt,
        &["cancelled at", "canceled at", "ngay huy"],
    ),
    (
        Target::RefundedAmount,
        &["refunded amount", "refund", "so tien hoan", "hoan tien"],
    ),
    (
        Target::SalesChannel,
        &["channel", "sales channel", "kenh ban", "kenh ban hang"],
    ),
    (
        Target::Store,
        &["store", "location", "shop", "cua hang", "chi nhanh"],
    ),
    (
        Target::InteractionDate,
        &["interaction date", "contact date", "ngay lien he"],
    ),
    (
        Target::InteractionChannel,
        &[
            "interaction channel",
            "contact channel",
            "kenh lien he",
            "kenh",
        ],
    ),
    (
        Target::Direction,
        &["direction", "chieu", "inbound outbound"],
    ),
    (Target::Subject, &["subject", "title", "tieu de", "chu de"]),
    (
        Target::Note,
        &["interaction note", "content", "noi dung", "details"],
    ),
    // Last: a header that names a field of the file's kind wins over these.
    (
        Target::Computed,
        &[
            "orders",
            "order count",
            "orders count",
            "total orders",
            "number of orders",
            "total spent",
            "last order",
            "recency days",
            "recency",
            "frequency",
            "monetary",
            "r",
            "f",
            "m",
            "segment",
            "rfm segment",
            "stage",
            "lifecycle stage",
            "currency",
            "clv",
            "lifetime value",
            "p alive",
            "churn risk",
            "expected purchases",
            "so don",
            "tong chi tieu",
            "don gan nhat",
            "phan khuc",
            "giai doan",
        ],
    ),
];

/// A header folded for matching: lowercase, no diacritics, punctuation as spaces.
pub fn fold_header(h: &str) -> String {
    let folded = fold(h.trim_start_matches('\u{feff}'));
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// The target a header names, among those a `kind` file can take.
pub fn match_header(header: &str, kind: FileKind) -> Target {
    // `custom:KEY`, as exports write custom fields.
    let raw = header.trim();
    if kind == FileKind::Customers && raw.len() > 7 && raw.is_char_boundary(7) {
        let (prefix, key) = raw.split_at(7);
        if prefix.eq_ignore_ascii_case("custom:") && !key.trim().is_empty() {
            return Target::Custom(key.trim().to_string());
        }
    }
    let h = fold_header(header);
    if h.is_empty() {
        return Target::Ignore;
    }
    let allowed = Target::choices(kind);
    // The interaction date and channel also answer to the plain words.
    let plain = |t: &Target| match (kind, t) {
        (FileKind::Interactions, Target::OrderDate) => Target::InteractionDate,
        (FileKind::Interactions, Target::SalesChannel) => Target::InteractionChannel,
        (FileKind::Interactions, Target::Notes) => Target::Note,
        (FileKind::Customers, Target::SalesChannel) => Target::Acquisition,
        (_, t) => t.clone(),
    };
    for (target, words) in NAMES {
        if words.contains(&h.as_str()) {
            let t = plain(target);
            if allowed.contains(&t) {
                return t;
            }
        }
    }
    if h.starts_with("line item ") && kind == FileKind::Orders {
        return Target::LineItemSpec;
    }
    Target::Ignore
}

/// An export recognised from its headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    ShopifyOrders,
    ShopifyCustomers,
    WooCommerceOrders,
}

impl Preset {
    pub fn kind(self) -> FileKind {
        match self {
            Preset::ShopifyCustomers => FileKind::Customers,
            Preset::ShopifyOrders | Preset::WooCommerceOrders => FileKind::Orders,
        }
    }

    pub fn detect(headers: &[String]) -> Option<Preset> {
        let h: Vec<String> = headers.iter().map(|x| fold_header(x)).collect();
        let has = |name: &str| h.iter().any(|x| x == name);
        if has("name") && has("financial status") && has("lineitem name") {
            Some(Preset::ShopifyOrders)
        } else if (has("customer id") || has("first name"))
            && (has("accepts email marketing") || has("accepts marketing"))
            && has("total spent")
        {
            Some(Preset::ShopifyCustomers)
        } else if has("order number") && has("order date") && has("billing email") {
            Some(Preset::WooCommerceOrders)
        } else {
            None
        }
    }

    /// The preset's own names for columns that generic matching would get wrong.
    fn target(self, header: &str) -> Option<Target> {
        let h = fold_header(header);
        use Target::*;
        let t = match (self, h.as_str()) {
            (Preset::ShopifyOrders, "name") => OrderRef,
            (Preset::ShopifyOrders, "created at") => OrderDate,
            (Preset::ShopifyOrders, "financial status") => Status,
            (Preset::ShopifyOrders, "phone") => Phone,
            (Preset::ShopifyOrders, "source") => SalesChannel,
            (Preset::ShopifyOrders, "billing address1" | "billing address2") => Street,
            (Preset::ShopifyOrders, "billing province name") => City,
            (Preset::ShopifyOrders, "billing province" | "shipping name" | "shipping phone") => {
                Ignore
            }
            (
                Preset::ShopifyOrders,
                "id"
                | "tags"
                | "notes"
                | "vendor"
                | "subtotal"
                | "shipping"
                | "taxes"
                | "discount amount"
                | "lineitem compare at price"
                | "lineitem discount"
                | "paid at"
                | "fulfilled at"
                | "accepts marketing"
                | "billing company",
            ) => Ignore,
            (Preset::ShopifyCustomers, "customer id") => ExternalId,
            (Preset::ShopifyCustomers, "note") => Notes,
            (
                Preset::ShopifyCustomers,
                "default address address1" | "default address address2" | "address1" | "address2",
            ) => Street,
            (Preset::ShopifyCustomers, "default address city") => City,
            (Preset::ShopifyCustomers, "default address country code" | "country code") => Country,
            (Preset::ShopifyCustomers, "default address company") => Company,
            (Preset::ShopifyCustomers, "default address phone") => Phone,
            (Preset::ShopifyCustomers, "accepts email marketing" | "accepts marketing") => {
                EmailConsent
            }
            (
                Preset::ShopifyCustomers,
                "total spent"
                | "total orders"
                | "tax exempt"
                | "country"
                | "province"
                | "province code"
                | "default address province code"
                | "zip"
                | "default address zip",
            ) => Ignore,
            (Preset::WooCommerceOrders, "order number") => OrderRef,
            (Preset::WooCommerceOrders, "order id" | "customer id" | "customer note") => Ignore,
            (Preset::WooCommerceOrders, "order date") => OrderDate,
            (Preset::WooCommerceOrders, "status") => Status,
            (Preset::WooCommerceOrders, "order total") => Total,
            (Preset::WooCommerceOrders, "order currency") => Currency,
            (Preset::WooCommerceOrders, "billing address 1" | "billing address 2") => Street,
            (Preset::WooCommerceOrders, "billing state") => City,
            (Preset::WooCommerceOrders, h) if h.starts_with("line item ") => LineItemSpec,
            (Preset::WooCommerceOrders, h) if h.starts_with("shipping ") => Ignore,
            _ => return None,
        };
        Some(t)
    }
}

/// A file's columns and where each goes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    pub kind: FileKind,
    pub columns: Vec<Target>,
    /// The export recognised, if any.
    #[serde(default)]
    pub preset: Option<Preset>,
}

impl Mapping {
    /// The mapping guessed from the headers: the preset's if one is recognised.
    pub fn guess(headers: &[String], kind: FileKind) -> Mapping {
        let preset = Preset::detect(headers).filter(|p| p.kind() == kind);
        let mut columns: Vec<Target> = headers
            .iter()
            .map(|h| {
                preset
                    .and_then(|p| p.target(h))
                    .unwrap_or_else(|| match_header(h, kind))
            })
            .collect();
        // A target that takes one column keeps the first column that named it.
        for i in 0..columns.len() {
            if !columns[i].repeatable() && columns[..i].contains(&columns[i]) {
                columns[i] = Target::Ignore;
            }
        }
        Mapping {
            kind,
            columns,
            preset,
        }
    }

    /// Problems with the mapping itself, before any row is read.
    pub fn check(&self) -> Result<(), MappingError> {
        for (i, t) in self.columns.iter().enumerate() {
            if !t.repeatable() && self.columns[..i].contains(t) {
                return Err(MappingError::Twice {
                    target: t.clone(),
                    column: i,
                });
            }
            if let Target::Custom(key) = t {
                if key.trim().is_empty() {
                    return Err(MappingError::EmptyCustomKey { column: i });
                }
            }
        }
        let has = |t: Target| self.columns.contains(&t);
        if !IDENTITY.iter().any(|t| self.columns.contains(t)) {
            return Err(MappingError::NoCustomer);
        }
        match self.kind {
            FileKind::Orders if !has(Target::OrderDate) => {
                Err(MappingError::Missing(Target::OrderDate))
            }
            FileKind::Orders
                if !(has(Target::Total) || has(Target::UnitPrice) || has(Target::LineItemSpec)) =>
            {
                Err(MappingError::Missing(Target::Total))
            }
            FileKind::Interactions if !has(Target::InteractionDate) => {
                Err(MappingError::Missing(Target::InteractionDate))
            }
            _ => Ok(()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("{} is chosen for two columns (the second is column {})", .target.name(), .column + 1)]
    Twice { target: Target, column: usize },
    #[error("column {}: a custom field needs a name", .column + 1)]
    EmptyCustomKey { column: usize },
    #[error("no column names the customer: map an email, phone, name or customer id column")]
    NoCustomer,
    #[error("no column is mapped to {}", .0.name())]
    Missing(Target),
}

/// The key under which a mapping is saved: the file's kind and its folded headers,
/// so the next export from the same system finds it.
pub fn header_key(kind: FileKind, headers: &[String]) -> String {
    let mut key = format!("{kind:?}");
    for h in headers {
        key.push('|');
        key.push_str(&fold_header(h));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(s: &str) -> Vec<String> {
        s.split(',').map(str::to_string).collect()
    }

    #[test]
    fn the_kind_of_file_is_guessed_from_its_headers() {
        let kind = |h: &str| FileKind::guess(&heads(h));
        assert_eq!(
            kind("Order,Email,Name,Date,Total,Status,Product,Quantity,Unit price"),
            FileKind::Orders
        );
        assert_eq!(
            kind("Mã đơn,Số điện thoại,Ngày mua,Tổng tiền"),
            FileKind::Orders
        );
        assert_eq!(
            kind("Ngày liên hệ,Email,Kênh,Tiêu đề,Nội dung"),
            FileKind::Interactions
        );
        assert_eq!(kind("Tên khách hàng,Email,Ngày sinh"), FileKind::Customers);
        assert_eq!(kind("Name,Email,Date"), FileKind::Customers);
        assert_eq!(kind(""), FileKind::Customers);
    }

    #[test]
    fn vietnamese_and_english_headers_match_with_or_without_diacritics() {
        let h = heads("Tên khách hàng,Số điện thoại,EMAIL,Ngay sinh,Tỉnh/Thành phố,Ghi chú,Cột lạ");
        let m = Mapping::guess(&h, FileKind::Customers);
        use Target::*;
        assert_eq!(
            m.columns,
            vec![FullName, Phone, Email, Birthday, City, Notes, Ignore]
        );
        let o = Mapping::guess(
            &heads("Mã đơn hàng,Ngày mua,SĐT,Sản phẩm,Số lượng,Đơn giá,Tổng tiền,Trạng thái"),
            FileKind::Orders,
        );
        assert_eq!(
            o.columns,
            vec![OrderRef, OrderDate, Phone, Product, Quantity, UnitPrice, Total, Status]
        );
        // Order columns mean nothing in a customers file.
        assert_eq!(match_header("Tổng tiền", FileKind::Customers), Ignore);
        assert_eq!(
            match_header("Ngày", FileKind::Interactions),
            InteractionDate
        );
        assert_eq!(match_header(" \u{feff}E-mail ", FileKind::Customers), Email);
    }

    #[test]
    fn a_target_named_twice_keeps_the_first_column() {
        let m = Mapping::guess(
            &heads("Name,Customer name,Phone,Mobile"),
            FileKind::Customers,
        );
        use Target::*;
        assert_eq!(m.columns, vec![FullName, Ignore, Phone, Phone]);
        assert_eq!(m.check(), Ok(()));
        let twice = Mapping {
            kind: FileKind::Customers,
            columns: vec![Email, Birthday, Birthday],
            preset: None,
        };
        assert_eq!(
            twice.check(),
            Err(MappingError::Twice {
                target: Birthday,
                column: 2
            })
        );
        assert_eq!(
            twice.check().unwrap_err().to_string(),
            "Birthday is chosen for two columns (the second is column 3)"
        );
    }

    #[test]
    fn mappings_that_cannot_work_are_refused() {
        use Target::*;
        let m = |kind, columns| {
            Mapping {
                kind,
                columns,
                preset: None,
            }
            .check()
        };
        assert_eq!(
            m(FileKind::Customers, vec![City, Notes]),
            Err(MappingError::NoCustomer)
        );
        assert_eq!(
            m(FileKind::Orders, vec![Email, Total]),
            Err(MappingError::Missing(OrderDate))
        );
        assert_eq!(
            m(FileKind::Orders, vec![Email, OrderDate]),
            Err(MappingError::Missing(Total))
        );
        assert_eq!(
            m(FileKind::Orders, vec![Email, OrderDate, UnitPrice]),
            Ok(())
        );
        assert_eq!(
            m(FileKind::Customers, vec![Email, Custom(" ".into())]),
            Err(MappingError::EmptyCustomKey { column: 1 })
        );
    }

    #[test]
    fn shopify_and_woocommerce_exports_are_recognised() {
        let shopify = heads("Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Notes,Cancelled at,Refunded Amount,Vendor,Id,Tags,Source,Phone");
        assert_eq!(Preset::detect(&shopify), Some(Preset::ShopifyOrders));
        let m = Mapping::guess(&shopify, FileKind::Orders);
        let at = |h: &str| m.columns[shopify.iter().position(|x| x == h).unwrap()].clone();
        use Target::*;
        assert_eq!(at("Name"), OrderRef);
        assert_eq!(at("Created at"), OrderDate);
        assert_eq!(at("Financial Status"), Status);
        assert_eq!(at("Total"), Total);
        assert_eq!(at("Lineitem name"), Product);
        assert_eq!(at("Lineitem price"), UnitPrice);
        assert_eq!(at("Lineitem quantity"), Quantity);
        assert_eq!(at("Cancelled at"), CancelledAt);
        assert_eq!(at("Refunded Amount"), RefundedAmount);
        assert_eq!(at("Billing Name"), FullName);
        assert_eq!(at("Billing Phone"), Phone);
        assert_eq!(at("Phone"), Phone);
        assert_eq!(at("Id"), Ignore);
        assert_eq!(at("Subtotal"), Ignore);
        assert_eq!(m.check(), Ok(()));

        let customers = heads("Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags");
        assert_eq!(Preset::detect(&customers), Some(Preset::ShopifyCustomers));
        let m = Mapping::guess(&customers, FileKind::Customers);
        assert_eq!(
            m.columns,
            vec![
                ExternalId,
                GivenName,
                FamilyName,
                Email,
                EmailConsent,
                Company,
                Street,
                Street,
                City,
                Ignore,
                Country,
                Ignore,
                Phone,
                Phone,
                SmsConsent,
                Ignore,
                Ignore,
                Notes,
                Ignore,
                Tags
            ]
        );

        let woo = heads("order_id,order_number,order_date,status,shipping_total,order_total,order_currency,billing_first_name,billing_last_name,billing_email,billing_phone,billing_city,billing_country,shipping_first_name,line_item_1,line_item_2");
        assert_eq!(Preset::detect(&woo), Some(Preset::WooCommerceOrders));
        let m = Mapping::guess(&woo, FileKind::Orders);
        assert_eq!(
            m.columns,
            vec![
                Ignore,
                OrderRef,
                OrderDate,
                Status,
                Ignore,
                Total,
                Currency,
                GivenName,
                FamilyName,
                Email,
                Phone,
                City,
                Country,
                Ignore,
                LineItemSpec,
                LineItemSpec
            ]
        );
    }

    #[test]
    fn every_target_is_listed_once_and_offered_to_some_kind() {
        assert_eq!(Target::all().count(), Target::COUNT);
        for (i, t) in Target::all().enumerate() {
            assert_eq!(t.index(), Some(i));
            assert!(
                FileKind::ALL
                    .iter()
                    .any(|k| Target::choices(*k).contains(t)),
                "{t:?}"
            );
        }
        assert_eq!(Target::Ignore.index(), None);
    }

    #[test]
    fn header_keys_ignore_case_diacritics_and_punctuation() {
        let a = header_key(FileKind::Customers, &heads("Tên KH,Số điện thoại"));
        let b = header_key(FileKind::Customers, &heads("ten kh,So dien-thoai"));
        assert_eq!(a, b);
        assert_ne!(
            a,
            header_key(FileKind::Orders, &heads("Tên KH,Số điện thoại"))
        );
    }
}
