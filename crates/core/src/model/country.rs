//! The countries the app names (ISO 3166-1 alpha-2), for the customer form's country
//! list and the shop's own country. A customer's country is stored as its code, so a
//! code not listed here (typed before, or imported) is kept and shown as it is.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Country {
    Vn,
    Us,
    Gb,
    Au,
    Ca,
    Cn,
    Jp,
    Kr,
    Tw,
    Hk,
    Sg,
    Th,
    My,
    Id,
    Ph,
    Kh,
    La,
    In,
    Fr,
    De,
    It,
    Es,
    Nl,
    Ru,
    Nz,
    Ae,
}

impl Country {
    pub const ALL: [Country; 26] = [
        Country::Vn,
        Country::Us,
        Country::Gb,
        Country::Au,
        Country::Ca,
        Country::Cn,
        Country::Jp,
        Country::Kr,
        Country::Tw,
        Country::Hk,
        Country::Sg,
        Country::Th,
        Country::My,
        Country::Id,
        Country::Ph,
        Country::Kh,
        Country::La,
        Country::In,
        Country::Fr,
        Country::De,
        Country::It,
        Country::Es,
        Country::Nl,
        Country::Ru,
        Country::Nz,
        Country::Ae,
    ];

    /// The ISO 3166-1 alpha-2 code.
    pub fn code(self) -> &'static str {
        match self {
            Country::Vn => "VN",
            Country::Us => "US",
            Country::Gb => "GB",
            Country::Au => "AU",
            Country::Ca => "CA",
            Country::Cn => "CN",
            Country::Jp => "JP",
            Country::Kr => "KR",
            Country::Tw => "TW",
            Country::Hk => "HK",
            Country::Sg => "SG",
            Country::Th => "TH",
            Country::My => "MY",
            Country::Id => "ID",
            Country::Ph => "PH",
            Country::Kh => "KH",
            Country::La => "LA",
            Country::In => "IN",
            Country::Fr => "FR",
            Country::De => "DE",
            Country::It => "IT",
            Country::Es => "ES",
            Country::Nl => "NL",
            Country::Ru => "RU",
            Country::Nz => "NZ",
            Country::Ae => "AE",
        }
    }

    /// The country of a code, in any case.
    pub fn of(code: &str) -> Option<Country> {
        let code = code.trim();
        Country::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_two_capitals_each_once() {
        let mut seen = std::collections::HashSet::new();
        for c in Country::ALL {
            assert!(c.code().len() == 2 && c.code().chars().all(|x| x.is_ascii_uppercase()));
            assert!(seen.insert(c.code()), "{} twice", c.code());
            assert_eq!(Country::of(&c.code().to_lowercase()), Some(c));
        }
        assert_eq!(Country::of("XX"), None);
    }
}
