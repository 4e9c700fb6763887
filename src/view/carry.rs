//! What of the reader's own moves survives the page changing the widget's
//! attributes. A framework re-renders and sets, say, `highlight`; the widget
//! re-reads every attribute, but the year the reader moved to, the areas they
//! selected and the "change since" mode they switched on stay, unless the
//! page changed the attribute that sets that very thing.

/// The attributes that set what the reader can then change, as last read
/// (`None`: absent).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageSaid {
    pub year: Option<String>,
    pub selected: Option<String>,
    pub base_year: Option<String>,
}

impl PageSaid {
    /// Reads them with the element's `getAttribute`.
    pub fn read(attr: impl Fn(&str) -> Option<String>) -> PageSaid {
        PageSaid {
            year: attr("year"),
            selected: attr("selected"),
            base_year: attr("base-year"),
        }
    }
}

/// Which of the reader's choices to keep on a refresh: those whose attribute
/// the page left alone. Nothing is kept on the first reading (`before` is
/// `None`), nor after an error, which drops the reader's state with the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keep {
    pub year: bool,
    pub selection: bool,
    pub base_year: bool,
}

pub fn keep(before: Option<&PageSaid>, now: &PageSaid) -> Keep {
    match before {
        None => Keep {
            year: false,
            selection: false,
            base_year: false,
        },
        Some(b) => Keep {
            year: b.year == now.year,
            selection: b.selected == now.selected,
            base_year: b.base_year == now.base_year,
        },
    }
}

/// The year to show after a refresh. The reader's year stays when the page
/// left `year` alone, the reader had moved away from the page's year, and it
/// still has data (the measure may have changed); otherwise the page's year
/// (the attribute, or the latest with data) is shown.
pub fn year_after(
    keep_year: bool,
    shown: u16,
    page_year_before: u16,
    page_year: u16,
    years: &[u16],
) -> u16 {
    if keep_year && shown != page_year_before && years.contains(&shown) {
        shown
    } else {
        page_year
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(year: Option<&str>, selected: Option<&str>) -> PageSaid {
        PageSaid {
            year: year.map(String::from),
            selected: selected.map(String::from),
            base_year: None,
        }
    }

    #[test]
    fn the_first_reading_keeps_nothing() {
        let k = keep(None, &said(None, None));
        assert_eq!((k.year, k.selection, k.base_year), (false, false, false));
    }

    #[test]
    fn a_page_changing_another_attribute_keeps_the_readers_year_and_selection() {
        let k = keep(
            Some(&said(None, Some("E12000001"))),
            &said(None, Some("E12000001")),
        );
        assert!(k.year && k.selection && k.base_year);
        assert_eq!(
            year_after(k.year, 2016, 2025, 2025, &[2013, 2016, 2025]),
            2016
        );
    }

    #[test]
    fn a_page_changing_the_year_or_selection_wins() {
        let k = keep(
            Some(&said(Some("2020"), None)),
            &said(Some("2018"), Some("E12000002")),
        );
        assert!(!k.year && !k.selection);
        assert_eq!(
            year_after(k.year, 2016, 2020, 2018, &[2016, 2018, 2020]),
            2018
        );
    }

    #[test]
    fn a_year_the_new_measure_lacks_gives_way_to_the_pages() {
        assert_eq!(year_after(true, 2011, 2025, 2025, &[2013, 2025]), 2025);
    }

    #[test]
    fn a_year_the_reader_never_moved_follows_the_pages_default() {
        // The latest year of the old measure was shown; the new one's latest is shown.
        assert_eq!(
            year_after(true, 2025, 2025, 2024, &[2022, 2024, 2025]),
            2024
        );
    }
}
