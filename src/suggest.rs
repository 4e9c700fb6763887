//! "Did you mean …?": the nearest valid word to a mistyped one, for the
//! messages about bad attributes and bad CSV lines.

/// Levenshtein distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let mut chars = Vec::with_capacity(b.len());
    for c in b.chars() {
        chars.push(c);
    }
    let b = chars;
    let mut row = Vec::with_capacity(b.len() + 1);
    for j in 0..=b.len() {
        row.push(j);
    }
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
///
/// Linear in the length of `bad`, however long: a word whose length differs
/// from a candidate's by more than the typos allowed cannot be within them,
/// so only candidates of about its length are compared (the distance is
/// quadratic, and a page can pass a megabyte).
pub fn nearest<'a>(bad: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    nearest_of(bad, &mut candidates.into_iter())
}

/// [`nearest`], compiled once (not once per kind of candidate list).
fn nearest_of<'a>(bad: &str, candidates: &mut dyn Iterator<Item = &'a str>) -> Option<&'a str> {
    let allowed = |c: &str| (c.len() / 3).max(2);
    let n = bad.chars().count();
    let bad = bad.to_ascii_lowercase();
    // The nearest within reach; the first of equals.
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if n.abs_diff(c.chars().count()) > allowed(c) {
            continue;
        }
        let d = distance(&bad, &c.to_ascii_lowercase());
        if d <= allowed(c) && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Longest text of the page's quoted back in a message, in characters.
pub const EXCERPT_CHARS: usize = 40;

/// Text of the page's as a message quotes it: whole if short, else its
/// start and how long it is ("aaaa… (1,048,576 characters)"), so a
/// megabyte of input does not become a megabyte of message.
pub fn excerpt(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text.into(),
        Some((end, _)) => format!(
            "{}… ({} characters)",
            &text[..end],
            crate::scale::format::number(text.chars().count() as f64, 0)
        )
        .into(),
    }
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

    /// Issue 14, defect 8: "did you mean" over a 1 MB `highlight` froze the
    /// page for 3–4 s (a quadratic distance against every code).
    #[test]
    fn a_megabyte_of_text_is_not_compared_and_is_quoted_short() {
        let huge = "E".repeat(1 << 20);
        let t = std::time::Instant::now();
        let codes: Vec<String> = (0..200).map(|i| format!("E06{i:06}")).collect();
        assert_eq!(nearest(&huge, codes.iter().map(String::as_str)), None);
        assert!(t.elapsed().as_millis() < 1000, "{:?}", t.elapsed());
        let e = excerpt(&huge);
        assert!(
            e.starts_with("EEEE") && e.ends_with("… (1,048,576 characters)"),
            "{e}"
        );
        assert!(e.chars().count() < 80);
        assert_eq!(excerpt("E12000001"), "E12000001");
    }
}
