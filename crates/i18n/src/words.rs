//! `words!`: the words of a fixed set of choices, one named field per choice, so that
//! no text is looked up by a number.

/// Declares a struct of words (`Serialize`, for the placeholder checks).
///
/// `Name for Enum { field: Variant, ... }`: one field per unit variant of `Enum`, with
/// `of` (an exhaustive `match`: a new variant does not compile until both languages
/// have its words) and `all` (every variant with its words, in the order listed,
/// for select options).
///
/// `Name { field, ... }`: named fields only, for choices that are not such an enum
/// (the caller's own `match` picks the field).
macro_rules! words {
    ($(#[$meta:meta])* $name:ident for $enum:ident { $($field:ident: $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(serde::Serialize)]
        pub struct $name {
            $(pub $field: &'static str,)+
        }

        impl $name {
            /// The words of `v`.
            pub fn of(&self, v: $enum) -> &'static str {
                match v {
                    $($enum::$variant => self.$field,)+
                }
            }

            /// Every variant with its words, in the order of the fields.
            pub fn all(&self) -> [($enum, &'static str); [$(stringify!($field)),+].len()] {
                [$(($enum::$variant, self.$field)),+]
            }
        }
    };
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(serde::Serialize)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: &'static str,)+
        }
    };
}
