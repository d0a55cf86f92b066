//! Which delimiter a CSV file uses: comma, semicolon (Excel where the comma is the
//! decimal mark) or tab (Excel's "Unicode text"). Decided from the first lines: the
//! candidate found the same number of times (outside quotes) on every line, most
//! often, wins; a quoted field may span lines.

pub const CANDIDATES: [char; 3] = [',', ';', '\t'];

/// Records of a sample that decide its delimiter.
const RECORDS: usize = 50;

/// Per record of `sample`, up to `RECORDS`, how many times each candidate appears
/// outside quotes (the last record is left out when the sample may have cut it).
fn counts(sample: &str, complete: bool) -> Vec<[usize; 3]> {
    let mut records = Vec::new();
    let mut current = [0usize; 3];
    let mut quoted = false;
    let mut any = false;
    for c in sample.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                if any {
                    records.push(current);
                    if records.len() == RECORDS {
                        return records;
                    }
                }
                current = [0; 3];
                any = false;
                continue;
            }
            '\r' if !quoted => continue,
            _ if !quoted => {
                if let Some(k) = CANDIDATES.iter().position(|d| *d == c) {
                    current[k] += 1;
                }
            }
            _ => {}
        }
        any = true;
    }
    if any && complete {
        records.push(current);
    }
    records
}

/// The delimiter of a file that starts with `sample` (`complete`: the sample is the
/// whole file). A comma when nothing decides.
pub fn delimiter(sample: &str, complete: bool) -> char {
    let records = counts(sample, complete);
    let mut best: Option<(usize, usize)> = None;
    for k in 0..CANDIDATES.len() {
        let first = records.first().map_or(0, |r| r[k]);
        if first == 0 || records.iter().any(|r| r[k] != first) {
            continue;
        }
        if best.is_none_or(|(_, n)| first > n) {
            best = Some((k, first));
        }
    }
    best.map_or(',', |(k, _)| CANDIDATES[k])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_of_real_exports() {
        assert_eq!(delimiter("name,email\nAn,an@x.vn\n", true), ',');
        // Excel with a comma decimal mark: semicolons, commas inside numbers.
        assert_eq!(delimiter("Tên;Tổng tiền\nAn;1,5\nBình;2,25\n", true), ';');
        assert_eq!(
            delimiter("Tên\tSố điện thoại\nAn\t0912, 0913\n", true),
            '\t'
        );
        // Commas inside quotes, a quoted field over two lines.
        assert_eq!(
            delimiter(
                "name;note\n\"Nguyễn, An\";\"line one\nline, two\"\nB;c\n",
                true
            ),
            ';'
        );
        // A sample cut mid-record: the cut record does not count.
        assert_eq!(delimiter("a;b;c\n1;2;3\n4;5", false), ';');
        assert_eq!(delimiter("single column\nvalue\n", true), ',');
        assert_eq!(delimiter("", true), ',');
    }
}
