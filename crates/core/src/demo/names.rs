//! Word lists for the demo data: Vietnamese and English names, places, products.

use crate::model::{AcquisitionChannel, IncomeBand, SalesChannel};

pub const VN_FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 2),
    ("Lý", 1),
];
pub const VN_MIDDLE_F: &[&str] = &[
    "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Mai", "Phương", "Kim", "Bảo",
];
pub const VN_MIDDLE_M: &[&str] = &[
    "Văn", "Hữu", "Đức", "Minh", "Quốc", "Gia", "Thanh", "Công", "Hoàng",
];
pub const VN_GIVEN_F: &[&str] = &[
    "An", "Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương", "Lan",
    "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thủy",
    "Trang", "Trâm", "Uyên", "Vân", "Vy", "Yến",
];
pub const VN_GIVEN_M: &[&str] = &[
    "An", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Hải", "Hiếu", "Hòa", "Hùng", "Huy",
    "Khang", "Khánh", "Khoa", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phát", "Phong", "Phúc",
    "Quân", "Sơn", "Tài", "Thắng", "Thịnh", "Trung", "Tuấn", "Việt",
];
pub const EN_GIVEN_F: &[&str] = &[
    "Emma",
    "Olivia",
    "Ava",
    "Sophia",
    "Isabella",
    "Mia",
    "Charlotte",
    "Amelia",
    "Grace",
    "Chloe",
    "Lucy",
    "Hannah",
];
pub const EN_GIVEN_M: &[&str] = &[
    "Liam", "Noah", "Oliver", "James", "William", "Benjamin", "Lucas", "Henry", "Jack", "Thomas",
    "Daniel", "Samuel",
];
pub const EN_FAMILY: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor",
    "Clark", "Walker", "Wright", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell",
    "Mitchell", "Roberts",
];
pub const VN_COMPANY_PREFIX: &[&str] = &[
    "Công ty TNHH",
    "Công ty Cổ phần",
    "Cửa hàng",
    "Doanh nghiệp Tư nhân",
];
pub const VN_COMPANY_CORE: &[&str] = &[
    "Thương mại Sài Gòn Xanh",
    "Dịch vụ Hồng Phát",
    "Thời trang Minh Châu",
    "Nhà hàng Phố Cổ",
    "Khách sạn Biển Đông",
    "Cà phê Đất Việt",
    "Mỹ phẩm Ngọc Lan",
    "Quà tặng An Khang",
    "Văn phòng phẩm Trường Thành",
];
pub const EN_COMPANY_CORE: &[&str] = &[
    "Harbour",
    "Bluebird",
    "Summit",
    "Lotus",
    "Evergreen",
    "Northwind",
    "Riverside",
];
pub const EN_COMPANY_SUFFIX: &[&str] = &[
    "Trading Ltd",
    "Hospitality Group",
    "Events Co.",
    "Retail Pte Ltd",
];
pub const EMAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "icloud.com",
    "fpt.vn",
    "vnn.vn",
];
pub const VN_MOBILE_PREFIX: &[&str] = &[
    "090", "091", "093", "094", "096", "097", "098", "086", "088", "070", "077", "081",
];

pub struct Place {
    pub city: &'static str,
    pub country: &'static str,
    pub dial: &'static str,
    pub districts: &'static [&'static str],
    pub streets: &'static [&'static str],
}

pub const VN_CITIES: &[(Place, u32)] = &[
    (
        Place {
            city: "TP. Hồ Chí Minh",
            country: "VN",
            dial: "",
            districts: &[
                "Quận 1",
                "Quận 3",
                "Quận 7",
                "Bình Thạnh",
                "Phú Nhuận",
                "Gò Vấp",
                "Tân Bình",
                "Thủ Đức",
            ],
            streets: &[
                "Nguyễn Huệ",
                "Lê Lợi",
                "Hai Bà Trưng",
                "Điện Biên Phủ",
                "Cách Mạng Tháng Tám",
                "Nguyễn Thị Minh Khai",
            ],
        },
        35,
    ),
    (
        Place {
            city: "Hà Nội",
            country: "VN",
            dial: "",
            districts: &[
                "Hoàn Kiếm",
                "Ba Đình",
                "Đống Đa",
                "Cầu Giấy",
                "Hai Bà Trưng",
                "Tây Hồ",
                "Thanh Xuân",
                "Long Biên",
            ],
            streets: &[
                "Hàng Bài",
                "Tràng Tiền",
                "Kim Mã",
                "Xuân Thủy",
                "Láng Hạ",
                "Phố Huế",
                "Lạc Long Quân",
            ],
        },
        30,
    ),
    (
        Place {
            city: "Đà Nẵng",
            country: "VN",
            dial: "",
            districts: &["Hải Châu", "Thanh Khê", "Sơn Trà", "Ngũ Hành Sơn"],
            streets: &["Bạch Đằng", "Trần Phú", "Nguyễn Văn Linh", "Võ Nguyên Giáp"],
        },
        8,
    ),
    (
        Place {
            city: "Hải Phòng",
            country: "VN",
            dial: "",
            districts: &["Hồng Bàng", "Lê Chân", "Ngô Quyền"],
            streets: &["Lạch Tray", "Điện Biên Phủ", "Trần Phú"],
        },
        6,
    ),
    (
        Place {
            city: "Cần Thơ",
            country: "VN",
            dial: "",
            districts: &["Ninh Kiều", "Cái Răng", "Bình Thủy"],
            streets: &["Hòa Bình", "30 Tháng 4", "Trần Hưng Đạo"],
        },
        5,
    ),
    (
        Place {
            city: "Thừa Thiên Huế",
            country: "VN",
            dial: "",
            districts: &["Phú Hội", "Vĩnh Ninh", "Thuận Hòa"],
            streets: &["Lê Lợi", "Hùng Vương", "Trần Hưng Đạo"],
        },
        4,
    ),
    (
        Place {
            city: "Khánh Hòa",
            country: "VN",
            dial: "",
            districts: &["Nha Trang", "Cam Ranh"],
            streets: &["Trần Phú", "Nguyễn Thiện Thuật"],
        },
        4,
    ),
    (
        Place {
            city: "Đồng Nai",
            country: "VN",
            dial: "",
            districts: &["Biên Hòa", "Long Khánh"],
            streets: &["Phạm Văn Thuận", "Đồng Khởi"],
        },
        4,
    ),
    (
        Place {
            city: "Bà Rịa - Vũng Tàu",
            country: "VN",
            dial: "",
            districts: &["Vũng Tàu", "Bà Rịa"],
            streets: &["Thùy Vân", "Lê Hồng Phong"],
        },
        4,
    ),
];

pub const FOREIGN_CITIES: &[(Place, u32)] = &[
    (
        Place {
            city: "TP. Hồ Chí Minh",
            country: "VN",
            dial: "",
            districts: &["Quận 1", "Quận 2", "Quận 7"],
            streets: &["Thảo Điền", "Nguyễn Huệ"],
        },
        50,
    ),
    (
        Place {
            city: "Hà Nội",
            country: "VN",
            dial: "",
            districts: &["Tây Hồ", "Hoàn Kiếm"],
            streets: &["Xuân Diệu", "Tràng Tiền"],
        },
        25,
    ),
    (
        Place {
            city: "Singapore",
            country: "SG",
            dial: "+65",
            districts: &["Orchard", "Tanjong Pagar"],
            streets: &["Orchard Road", "Robinson Road"],
        },
        10,
    ),
    (
        Place {
            city: "London",
            country: "GB",
            dial: "+44 20",
            districts: &["Camden", "Islington"],
            streets: &["High Street", "Church Road"],
        },
        8,
    ),
    (
        Place {
            city: "Sydney",
            country: "AU",
            dial: "+61 2",
            districts: &["Surry Hills", "Newtown"],
            streets: &["George Street", "King Street"],
        },
        7,
    ),
];

pub const OCCUPATIONS: &[&str] = &[
    "Nhân viên văn phòng",
    "Kỹ sư",
    "Giáo viên",
    "Bác sĩ",
    "Sinh viên",
    "Kinh doanh tự do",
    "Kế toán",
    "Nhà thiết kế",
    "Lập trình viên",
    "Y tá",
    "Quản lý",
    "Nội trợ",
    "Teacher",
    "Engineer",
    "Designer",
];
pub const INCOME: &[(IncomeBand, u32)] = &[
    (IncomeBand::Low, 15),
    (IncomeBand::LowerMiddle, 30),
    (IncomeBand::Middle, 30),
    (IncomeBand::UpperMiddle, 17),
    (IncomeBand::High, 8),
];
pub const INTERESTS: &[&str] = &[
    "thời trang",
    "làm đẹp",
    "cà phê",
    "du lịch",
    "thể thao",
    "sách",
    "nấu ăn",
    "công nghệ",
    "âm nhạc",
    "chăm sóc sức khỏe",
    "nuôi dạy con",
    "trang trí nhà cửa",
];
/// What matters to a customer (psychographic values).
pub const VALUES: &[&str] = &[
    "gia đình",
    "chất lượng",
    "tiết kiệm",
    "sống xanh",
    "sức khỏe",
    "tiện lợi",
    "đẳng cấp",
    "truyền thống",
];
pub const ACQUISITION: &[(AcquisitionChannel, u32)] = &[
    (AcquisitionChannel::WalkIn, 25),
    (AcquisitionChannel::Social, 25),
    (AcquisitionChannel::Website, 15),
    (AcquisitionChannel::Marketplace, 15),
    (AcquisitionChannel::Referral, 10),
    (AcquisitionChannel::Advertising, 7),
    (AcquisitionChannel::Event, 3),
];
pub const SOURCES: &[&str] = &[
    "Facebook",
    "Zalo",
    "Google",
    "TikTok",
    "Shopee",
    "Giới thiệu từ bạn bè",
    "Hội chợ",
    "Tờ rơi",
    "Instagram",
];
pub const TAGS: &[(&str, f64)] = &[
    ("VIP", 0.05),
    ("newsletter", 0.3),
    ("wholesale", 0.03),
    ("sinh viên", 0.08),
];
pub const NOTES: &[&str] = &[
    "Thích được gọi điện vào buổi chiều.",
    "Prefers email over phone.",
    "Khách quen của cửa hàng Quận 1.",
    "Hay mua quà tặng dịp lễ.",
    "Asked to be told about new arrivals.",
];
pub const SALES_CHANNELS: &[(SalesChannel, u32)] = &[
    (SalesChannel::InStore, 40),
    (SalesChannel::Online, 25),
    (SalesChannel::Marketplace, 20),
    (SalesChannel::Social, 10),
    (SalesChannel::Phone, 5),
];

pub fn store_for(city: &str) -> &'static str {
    match city {
        "Hà Nội" => "Cửa hàng Hoàn Kiếm",
        "Đà Nẵng" => "Cửa hàng Hải Châu",
        "TP. Hồ Chí Minh" => "Cửa hàng Quận 1",
        _ => "Cửa hàng Quận 1",
    }
}

/// A product: name, SKU, unit price in VND.
pub type Product = (&'static str, &'static str, i64);

/// Categories with their products.
pub const CATEGORIES: &[(&str, &[Product])] = &[
    (
        "Thời trang",
        &[
            ("Áo thun cotton", "TT-001", 189_000),
            ("Quần jean", "TT-002", 459_000),
            ("Váy liền", "TT-003", 529_000),
            ("Áo khoác", "TT-004", 799_000),
        ],
    ),
    (
        "Giày dép",
        &[
            ("Giày thể thao", "GD-001", 1_190_000),
            ("Sandal", "GD-002", 349_000),
            ("Dép da", "GD-003", 279_000),
        ],
    ),
    (
        "Làm đẹp",
        &[
            ("Son môi", "LD-001", 259_000),
            ("Kem chống nắng", "LD-002", 319_000),
            ("Nước hoa", "LD-003", 1_450_000),
            ("Sữa rửa mặt", "LD-004", 165_000),
        ],
    ),
    (
        "Cà phê & Trà",
        &[
            ("Cà phê rang xay 500g", "CF-001", 145_000),
            ("Trà Thái Nguyên", "CF-002", 120_000),
            ("Phin cà phê", "CF-003", 65_000),
        ],
    ),
    (
        "Sách",
        &[
            ("Sách kỹ năng", "SA-001", 98_000),
            ("Truyện tranh", "SA-002", 35_000),
            ("Sách nấu ăn", "SA-003", 150_000),
        ],
    ),
    (
        "Gia dụng",
        &[
            ("Nồi chiên không dầu", "GD-101", 1_890_000),
            ("Bình giữ nhiệt", "GD-102", 245_000),
            ("Bộ dao bếp", "GD-103", 560_000),
        ],
    ),
    (
        "Điện tử",
        &[
            ("Tai nghe Bluetooth", "DT-001", 890_000),
            ("Sạc dự phòng", "DT-002", 420_000),
            ("Đồng hồ thông minh", "DT-003", 2_490_000),
        ],
    ),
];

pub const INTERACTIONS: &[(&str, &str)] = &[
    (
        "Hỏi về sản phẩm mới",
        "Khách hỏi về mẫu mới, đã gửi catalogue.",
    ),
    (
        "Khiếu nại giao hàng chậm",
        "Đơn giao trễ 2 ngày, đã xin lỗi và tặng mã giảm giá.",
    ),
    (
        "Cảm ơn sau mua hàng",
        "Gọi cảm ơn và hỏi ý kiến về sản phẩm.",
    ),
    ("Đổi size", "Khách muốn đổi sang size lớn hơn."),
    (
        "Question about opening hours",
        "Answered: 8:00–21:00 every day.",
    ),
    (
        "Feedback on service",
        "Very happy with the staff at the store.",
    ),
    ("Tư vấn quà tặng", "Gợi ý bộ quà tặng cho dịp Tết."),
];
