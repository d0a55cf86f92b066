use super::KeysStrings;

pub const VI: KeysStrings = KeysStrings {
    palette_title: "Đi tới hoặc thực hiện",
    palette_input: "Trang, thao tác hoặc khách hàng",
    palette_hint: "↑ ↓ để chọn, Enter để đi, Esc để đóng",
    commands: "Trang và thao tác",
    customers: "Khách hàng",
    nothing_found: "Không có gì khớp.",
    go_dashboard: "Đi tới Tổng quan",
    go_customers: "Đi tới Khách hàng",
    go_segments: "Đi tới Phân khúc",
    go_settings: "Đi tới Cài đặt",
    new_customer: "Thêm khách hàng",
    new_segment: "Tạo phân khúc",
    import: "Nhập tệp",
    backup: "Sao lưu hoặc xuất dữ liệu",
    shortcuts_title: "Phím tắt",
    key_search: "Tìm khách hàng",
    key_palette: "Đi tới một trang, tìm khách hàng, hoặc bắt đầu việc gì đó",
    key_shortcuts: "Danh sách này",
    key_escape: "Đóng hộp thoại hoặc biểu mẫu",
    close: "Đóng",
};
