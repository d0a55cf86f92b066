use super::KeysStrings;

pub const EN: KeysStrings = KeysStrings {
    palette_title: "Go to or do",
    palette_input: "Page, action or customer",
    palette_hint: "↑ ↓ to choose, Enter to go, Esc to close",
    commands: "Pages and actions",
    customers: "Customers",
    nothing_found: "Nothing matches.",
    go_dashboard: "Go to the Dashboard",
    go_customers: "Go to Customers",
    go_segments: "Go to Segments",
    go_settings: "Go to Settings",
    new_customer: "New customer",
    new_segment: "New segment",
    import: "Import a file",
    backup: "Back up or export",
    shortcuts_title: "Keyboard shortcuts",
    key_search: "Search customers",
    key_palette: "Go to a page, find a customer, or start something",
    key_shortcuts: "This list",
    key_escape: "Close a dialog or a form",
    close: "Close",
};
