//! "Did you mean …?": the nearest valid word to a mistyped one, for the
//! messages about bad attributes and bad CSV lines.

/// Levenshtein distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The candidate nearest to `bad`, if it is plausibly a typo of it.
pub fn nearest<'a>(bad: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let bad = bad.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&bad, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_but_not_strangers() {
        let ids = ["cla_rate", "cin_rate", "cpp_rate"];
        assert_eq!(nearest("cla_rat", ids), Some("cla_rate"));
        assert_eq!(nearest("CLA_RATE", ids), Some("cla_rate"));
        assert_eq!(nearest("poverty", ids), None);
    }
}
