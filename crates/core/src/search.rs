//! Search that ignores case and diacritics: "nguyen" finds "Nguyễn", "dang" finds
//! "Đặng". Each customer's searchable text (names, emails, phone digits) is folded once
//! into one haystack; a query scans it with `memchr::memmem`, and a query that extends
//! the previous one only re-checks the previous hits.

use memchr::memmem;

/// Folds one character to lowercase ASCII where it is a Latin letter with diacritics
/// (every Vietnamese letter, Latin-1 and Latin Extended-A); other characters are
/// lowercased as they are.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let base = match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' | 'ă' | 'Ă' | 'ą' | 'Ą' => 'a',
        'ạ' | 'Ạ' | 'ả' | 'Ả' | 'ấ' | 'Ấ' | 'ầ' | 'Ầ' | 'ẩ' | 'Ẩ' | 'ẫ' | 'Ẫ' | 'ậ' | 'Ậ' => {
            'a'
        }
        'ắ' | 'Ắ' | 'ằ' | 'Ằ' | 'ẳ' | 'Ẳ' | 'ẵ' | 'Ẵ' | 'ặ' | 'Ặ' => 'a',
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'Ē' | 'ĕ' | 'Ĕ' | 'ė' | 'Ė' | 'ę' | 'Ę' | 'ě' | 'Ě' => {
            'e'
        }
        'ẹ' | 'Ẹ' | 'ẻ' | 'Ẻ' | 'ẽ' | 'Ẽ' | 'ế' | 'Ế' | 'ề' | 'Ề' | 'ể' | 'Ể' | 'ễ' | 'Ễ' | 'ệ'
        | 'Ệ' => 'e',
        'ì'..='ï'
        | 'Ì'..='Ï'
        | 'ĩ'
        | 'Ĩ'
        | 'ī'
        | 'Ī'
        | 'ĭ'
        | 'Ĭ'
        | 'į'
        | 'Į'
        | 'ı'
        | 'İ'
        | 'ỉ'
        | 'Ỉ'
        | 'ị'
        | 'Ị' => 'i',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'Ō' | 'ŏ' | 'Ŏ' | 'ő' | 'Ő' | 'ơ' | 'Ơ' => {
            'o'
        }
        'ọ' | 'Ọ' | 'ỏ' | 'Ỏ' | 'ố' | 'Ố' | 'ồ' | 'Ồ' | 'ổ' | 'Ổ' | 'ỗ' | 'Ỗ' | 'ộ' | 'Ộ' => {
            'o'
        }
        'ớ' | 'Ớ' | 'ờ' | 'Ờ' | 'ở' | 'Ở' | 'ỡ' | 'Ỡ' | 'ợ' | 'Ợ' => 'o',
        'ù'..='ü'
        | 'Ù'..='Ü'
        | 'ũ'
        | 'Ũ'
        | 'ū'
        | 'Ū'
        | 'ŭ'
        | 'Ŭ'
        | 'ů'
        | 'Ů'
        | 'ű'
        | 'Ű'
        | 'ų'
        | 'Ų'
        | 'ư'
        | 'Ư' => 'u',
        'ụ' | 'Ụ' | 'ủ' | 'Ủ' | 'ứ' | 'Ứ' | 'ừ' | 'Ừ' | 'ử' | 'Ử' | 'ữ' | 'Ữ' | 'ự' | 'Ự' => {
            'u'
        }
        'ý' | 'Ý' | 'ÿ' | 'Ÿ' | 'ỳ' | 'Ỳ' | 'ỵ' | 'Ỵ' | 'ỷ' | 'Ỷ' | 'ỹ' | 'Ỹ' => {
            'y'
        }
        'đ' | 'Đ' | 'ď' | 'Ď' | 'ð' | 'Ð' => 'd',
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' | 'ĉ' | 'Ĉ' | 'ċ' | 'Ċ' => 'c',
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' | 'ņ' | 'Ņ' => 'n',
        'ś' | 'Ś' | 'š' | 'Š' | 'ş' | 'Ş' => 's',
        'ź' | 'Ź' | 'ž' | 'Ž' | 'ż' | 'Ż' => 'z',
        'ł' | 'Ł' => 'l',
        'ř' | 'Ř' => 'r',
        'ť' | 'Ť' => 't',
        'ğ' | 'Ğ' => 'g',
        'ß' => {
            out.push_str("ss");
            return;
        }
        // Combining marks (text typed in decomposed form): drop them.
        '\u{300}'..='\u{36f}' => return,
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(base);
}

/// Folds a whole string: lowercase, no diacritics.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The folded, searchable text of many entries, each with a caller-chosen key (the
/// position of the customer in the database).
#[derive(Default, Clone)]
pub struct SearchIndex {
    hay: String,
    /// Start offset in `hay` of each entry, and its key; ascending by offset.
    starts: Vec<(u32, u32)>,
}

/// Separator between entries: never produced by folding typed text.
const SEP: char = '\u{1}';

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// Adds an entry made of several text parts (names, emails, phones...).
    pub fn push<'a>(&mut self, key: u32, parts: impl IntoIterator<Item = &'a str>) {
        self.starts.push((self.hay.len() as u32, key));
        for p in parts {
            for c in p.chars() {
                if c != SEP {
                    fold_char(c, &mut self.hay);
                }
            }
            self.hay.push(' ');
        }
        self.hay.push(SEP);
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    fn entry(&self, i: usize) -> &str {
        let start = self.starts[i].0 as usize;
        let end = self
            .starts
            .get(i + 1)
            .map(|s| s.0 as usize)
            .unwrap_or(self.hay.len());
        &self.hay[start..end]
    }

    /// Keys of entries that contain every word of `query` (folded), in index order.
    /// An empty query matches nothing: callers show everything instead.
    pub fn search(&self, query: &str) -> Vec<u32> {
        self.find(query)
            .into_iter()
            .map(|e| self.key_at(e))
            .collect()
    }

    /// Like `search`, but returns entry positions (for `refine` and `key_at`).
    pub fn find(&self, query: &str) -> Vec<u32> {
        let words = query_words(query);
        let Some(first) = words.iter().max_by_key(|w| w.len()) else {
            return Vec::new();
        };
        let finder = memmem::Finder::new(first.as_bytes());
        let hay = self.hay.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0usize;
        while let Some(found) = finder.find(&hay[pos..]) {
            let at = pos + found;
            // The entry holding this match: the last start <= at.
            let i = self.starts.partition_point(|s| (s.0 as usize) <= at) - 1;
            if words
                .iter()
                .all(|w| w == first || self.entry(i).contains(w.as_str()))
            {
                out.push(i as u32);
            }
            // Continue after this entry: one hit per entry.
            pos = self
                .starts
                .get(i + 1)
                .map(|s| s.0 as usize)
                .unwrap_or(hay.len());
        }
        out
    }

    /// Narrows earlier results (entry positions from `find`) by a query that `extends`
    /// the earlier one: for typing, where each keystroke extends the previous query.
    pub fn refine(&self, previous: &[u32], query: &str) -> Vec<u32> {
        let words = query_words(query);
        if words.is_empty() {
            return Vec::new();
        }
        previous
            .iter()
            .copied()
            .filter(|&i| {
                let e = self.entry(i as usize);
                words.iter().all(|w| e.contains(w.as_str()))
            })
            .collect()
    }

    pub fn key_at(&self, entry: u32) -> u32 {
        self.starts[entry as usize].1
    }
}

/// The folded words of a query; phone-like words lose their separators.
pub fn query_words(query: &str) -> Vec<String> {
    // A phone number, however written (`+84 912 345 678`, `0912.345.678`): one word
    // of digits in the national form, as the index holds it.
    let q = query.trim();
    let digits = q.chars().filter(char::is_ascii_digit).count();
    if (digits >= 7 || q.starts_with('+') && digits >= 3)
        && q.chars()
            .all(|c| c.is_ascii_digit() || " +-.()".contains(c))
    {
        let compact: String = q
            .chars()
            .enumerate()
            .filter(|&(i, c)| c.is_ascii_digit() || (c == '+' && i == 0))
            .map(|(_, c)| c)
            .collect();
        return vec![national_phone(&compact)];
    }
    fold(query)
        .split_whitespace()
        .map(|w| {
            let digits: String = w.chars().filter(|c| c.is_ascii_digit()).collect();
            if digits.len() >= 3 && w.chars().all(|c| c.is_ascii_digit() || "+-.()".contains(c)) {
                digits
            } else {
                w.to_string()
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A phone number's digits (a leading `+` kept) in Vietnam's national form:
/// `+84912345678` and `84912345678` are `0912345678`; others as they are.
pub fn national_phone(digits: &str) -> String {
    match digits.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => match digits.strip_prefix("84") {
            Some(rest) if digits.len() == 11 => format!("0{rest}"),
            _ => digits.to_string(),
        },
    }
}

/// Whether `query` extends `previous` so that `refine` gives the same answer as a new
/// search: every previous word is a prefix-extended by the same word now.
pub fn extends(previous: &str, query: &str) -> bool {
    let p = query_words(previous);
    let q = query_words(query);
    !p.is_empty() && p.len() <= q.len() && p.iter().zip(&q).all(|(a, b)| b.contains(a.as_str()))
}

/// Names (of organisations) looked up as typed, case aside, then with diacritics
/// folded: "ân" finds "Ân", and "an" finds "An", but "Ân" and "An" are two names;
/// a name typed without its marks ("an" when only "Ân" exists) still finds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NameIndex {
    exact: std::collections::HashMap<String, crate::id::Id>,
    folded: std::collections::HashMap<String, crate::id::Id>,
}

impl NameIndex {
    /// Adds a name (the first of equal names stays).
    pub fn insert(&mut self, name: &str, id: crate::id::Id) {
        let name = name.trim();
        self.exact.entry(name.to_lowercase()).or_insert(id);
        self.folded.entry(fold(name)).or_insert(id);
    }

    pub fn get(&self, name: &str) -> Option<crate::id::Id> {
        let name = name.trim();
        self.exact
            .get(&name.to_lowercase())
            .or_else(|| self.folded.get(&fold(name)))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn phones_found_in_either_form() {
        let mut idx = SearchIndex::new();
        idx.push(0, ["Trần Thị Bình", "0912 345 678", "0912345678"]);
        idx.push(1, ["Lê Văn Cường", "+65 6123 4567", "+6561234567"]);
        for q in [
            "+84 912 345 678",
            "+84912345678",
            "84912345678",
            "0912.345.678",
            "0912345678",
        ] {
            assert_eq!(idx.find(q), vec![0], "{q}");
        }
        assert_eq!(idx.find("+65 6123 4567"), vec![1]);
        assert_eq!(query_words("+84 912"), vec!["0912"]);
        // Short numbers stay words (a house number, part of a phone).
        assert_eq!(query_words("12 Lê Lợi"), vec!["12", "le", "loi"]);
        assert_eq!(national_phone("+6561234567"), "+6561234567");
    }

    #[test]
    fn folding_vietnamese() {
        assert_eq!(fold("Nguyễn Thị Đặng Hương"), "nguyen thi dang huong");
        assert_eq!(fold("TRƯỜNG Ữ ỳ Ơ"), "truong u y o");
        assert_eq!(fold("Nguye\u{302}\u{303}n"), "nguyen", "decomposed input");
        assert_eq!(fold("Straße Müller Łódź"), "strasse muller lodz");
    }

    fn index(entries: &[&str]) -> SearchIndex {
        let mut idx = SearchIndex::new();
        for (i, e) in entries.iter().enumerate() {
            idx.push(i as u32 * 10, [*e]);
        }
        idx
    }

    #[test]
    fn finds_without_diacritics_and_case() {
        let idx = index(&[
            "Nguyễn Văn An an@x.vn 0912345678",
            "Trần Bình",
            "NGUYEN Hoa",
        ]);
        assert_eq!(idx.search("nguyen"), vec![0, 20]);
        assert_eq!(idx.search("Nguyễn"), vec![0, 20]);
        assert_eq!(idx.search("an nguyen"), vec![0]);
        assert_eq!(idx.search("0912 345"), vec![0]);
        assert_eq!(idx.search("binh"), vec![10]);
        assert_eq!(idx.search("zzz"), Vec::<u32>::new());
        assert_eq!(idx.search("   "), Vec::<u32>::new());
    }

    #[test]
    fn a_word_does_not_match_across_two_entries() {
        let idx = index(&["ab", "cd"]);
        assert!(idx.search("bc").is_empty());
        assert!(idx.search("b c").is_empty());
    }

    #[test]
    fn refine_matches_a_fresh_search() {
        let idx = index(&["Nguyễn Văn An", "Nguyễn Hoa", "Ngô An"]);
        let p = idx.find("ng");
        assert!(extends("ng", "nguyen a"));
        let r: Vec<u32> = idx
            .refine(&p, "nguyen a")
            .into_iter()
            .map(|i| idx.key_at(i))
            .collect();
        assert_eq!(r, idx.search("nguyen a"));
        assert!(!extends("ng", "an"));
    }

    proptest! {
        #[test]
        fn search_agrees_with_a_naive_scan(
            entries in prop::collection::vec("[a-cđĐăẮ ]{0,8}", 0..20),
            query in "[a-cd ]{1,4}",
        ) {
            let refs: Vec<&str> = entries.iter().map(String::as_str).collect();
            let idx = index(&refs);
            let words = query_words(&query);
            let expected: Vec<u32> = if words.is_empty() { vec![] } else {
                entries.iter().enumerate()
                    .filter(|(_, e)| { let f = fold(e); words.iter().all(|w| f.contains(w.as_str())) })
                    .map(|(i, _)| i as u32 * 10).collect()
            };
            prop_assert_eq!(idx.search(&query), expected);
        }
    }

    #[test]
    fn names_differing_only_in_marks_are_two_names() {
        use crate::fixtures::id;
        let mut n = NameIndex::default();
        n.insert("A", id(1));
        n.insert(" ậ ", id(2));
        n.insert("Công ty Sao Mai", id(3));
        assert_eq!(n.get("A"), Some(id(1)));
        assert_eq!(n.get("Ậ"), Some(id(2)), "case aside");
        assert_eq!(n.get("ậ"), Some(id(2)));
        assert_eq!(
            n.get("cong ty sao mai"),
            Some(id(3)),
            "without marks, when unambiguous"
        );
        assert_eq!(n.get("Sao"), None);
    }
}
