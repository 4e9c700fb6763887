//! The light and dark themes' colours: one source for the stylesheet's
//! custom properties and the canvases, and what the contrast tests check.

use super::colour::Rgb;

/// The colours of one theme (light or dark), as the canvases use them.
/// `Copy`: a derived `Clone` of its many fields is a sizeable function in the wasm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Body text, titles, labels, and England's line in the trend.
    pub text: Rgb,
    /// Secondary text, axis labels, swatch borders.
    pub muted: Rgb,
    /// The widget's background.
    pub background: Rgb,
    /// Boundaries between areas on the map, and England's outline: they
    /// must stand out from the page (3:1), however light the fills.
    pub border: Rgb,
    /// The trend's grid lines (kept under 3:1, so they stay quiet).
    pub grid: Rgb,
    /// Areas with no data: the fill under the hatching.
    pub no_data: Rgb,
    /// The hatching over areas with no data (3:1 against `no_data`).
    pub hatch: Rgb,
    /// Areas outside a focused region.
    pub faded: Rgb,
    /// Selected and highlighted lines and outlines, in turn; the first is
    /// the accent (`--care-atlas-accent`).
    pub lines: [Rgb; 6],
    /// The trend's line for a selected authority's region.
    pub region: Rgb,
    /// The trend's thin grey context lines (the other regions, or the
    /// focused region's authorities).
    pub context: Rgb,
    /// Keyboard focus ring.
    pub focus_ring: Rgb,
}

/// One colour of a theme and the custom property that carries it: `--ca-<name>`
/// inside the widget and, where a page may set it, `--care-atlas-<page>`.
/// The stylesheet writes the properties from this list and the canvases
/// read them back through it, so the two cannot disagree.
pub struct Slot {
    /// The widget's own property is `--ca-<name>`.
    pub name: &'static str,
    /// The page's property, `--care-atlas-<page>`, where a page may set this colour.
    pub page: Option<&'static str>,
    /// Reads the colour from a theme.
    pub get: fn(&Theme) -> Rgb,
    /// Writes the colour into a theme.
    pub set: fn(&mut Theme, Rgb),
}

/// Every colour a page or the stylesheet can carry.
pub const SLOTS: [Slot; 17] = [
    Slot {
        name: "text",
        page: Some("text"),
        get: |t| t.text,
        set: |t, c| t.text = c,
    },
    Slot {
        name: "bg",
        page: Some("background"),
        get: |t| t.background,
        set: |t, c| t.background = c,
    },
    Slot {
        name: "muted",
        page: Some("muted"),
        get: |t| t.muted,
        set: |t, c| t.muted = c,
    },
    Slot {
        name: "accent",
        page: Some("accent"),
        get: |t| t.lines[0],
        set: |t, c| t.lines[0] = c,
    },
    Slot {
        name: "grid",
        page: None,
        get: |t| t.grid,
        set: |t, c| t.grid = c,
    },
    Slot {
        name: "border",
        page: None,
        get: |t| t.border,
        set: |t, c| t.border = c,
    },
    Slot {
        name: "no-data",
        page: None,
        get: |t| t.no_data,
        set: |t, c| t.no_data = c,
    },
    Slot {
        name: "hatch",
        page: None,
        get: |t| t.hatch,
        set: |t, c| t.hatch = c,
    },
    Slot {
        name: "faded",
        page: None,
        get: |t| t.faded,
        set: |t, c| t.faded = c,
    },
    Slot {
        name: "region",
        page: None,
        get: |t| t.region,
        set: |t, c| t.region = c,
    },
    Slot {
        name: "context",
        page: None,
        get: |t| t.context,
        set: |t, c| t.context = c,
    },
    Slot {
        name: "focus",
        page: None,
        get: |t| t.focus_ring,
        set: |t, c| t.focus_ring = c,
    },
    Slot {
        name: "line-1",
        page: None,
        get: |t| t.lines[1],
        set: |t, c| t.lines[1] = c,
    },
    Slot {
        name: "line-2",
        page: None,
        get: |t| t.lines[2],
        set: |t, c| t.lines[2] = c,
    },
    Slot {
        name: "line-3",
        page: None,
        get: |t| t.lines[3],
        set: |t, c| t.lines[3] = c,
    },
    Slot {
        name: "line-4",
        page: None,
        get: |t| t.lines[4],
        set: |t, c| t.lines[4] = c,
    },
    Slot {
        name: "line-5",
        page: None,
        get: |t| t.lines[5],
        set: |t, c| t.lines[5] = c,
    },
];

/// The light theme, the default. The tests hold both themes to WCAG contrast
/// against their background: text 7:1, muted text and lines 4.5:1, map
/// boundaries and the focus ring 3:1 (and the hatching 3:1 against its fill).
pub const LIGHT: Theme = Theme {
    text: Rgb(0x1b, 0x1b, 0x1b),
    muted: Rgb(0x50, 0x5a, 0x5f),
    background: Rgb(0xff, 0xff, 0xff),
    border: Rgb(0x80, 0x86, 0x8a),
    grid: Rgb(0xe1, 0xe4, 0xe6),
    no_data: Rgb(0xf0, 0xf0, 0xf0),
    hatch: Rgb(0x76, 0x76, 0x76),
    faded: Rgb(0xe8, 0xea, 0xeb),
    lines: [
        Rgb(0xb3, 0x12, 0x5a),
        Rgb(0x0b, 0x5c, 0xad),
        Rgb(0x8a, 0x4b, 0x00),
        Rgb(0x1b, 0x73, 0x40),
        Rgb(0x6b, 0x3f, 0xa0),
        Rgb(0x0e, 0x6f, 0x78),
    ],
    region: Rgb(0x5f, 0x67, 0x6c),
    context: Rgb(0xc3, 0xc8, 0xcb),
    focus_ring: Rgb(0x0b, 0x5c, 0xad),
};

/// The dark theme (`theme="dark"`, or `auto` when the reader prefers dark).
pub const DARK: Theme = Theme {
    text: Rgb(0xf2, 0xf2, 0xf2),
    muted: Rgb(0xb6, 0xbe, 0xc4),
    background: Rgb(0x1d, 0x21, 0x25),
    border: Rgb(0x80, 0x88, 0x8e),
    grid: Rgb(0x3a, 0x41, 0x47),
    no_data: Rgb(0x2e, 0x33, 0x38),
    hatch: Rgb(0x9a, 0xa1, 0xa6),
    faded: Rgb(0x33, 0x39, 0x3e),
    lines: [
        Rgb(0xff, 0x8a, 0xc4),
        Rgb(0x8c, 0xbd, 0xff),
        Rgb(0xf5, 0xb0, 0x6b),
        Rgb(0x7e, 0xd9, 0xa4),
        Rgb(0xc9, 0xab, 0xff),
        Rgb(0x6c, 0xd6, 0xe0),
    ],
    region: Rgb(0xa7, 0xaf, 0xb5),
    context: Rgb(0x4f, 0x57, 0x5d),
    focus_ring: Rgb(0x8c, 0xbd, 0xff),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_line_colours_meet_wcag_aa_in_both_themes() {
        for (name, t) in [("light", &LIGHT), ("dark", &DARK)] {
            let bg = t.background;
            assert!(t.text.contrast(bg) >= 7.0, "{name} text");
            assert!(
                t.muted.contrast(bg) >= 4.5,
                "{name} muted text {:.2}",
                t.muted.contrast(bg)
            );
            // Lines are labelled in their own colour, so they meet the text bar.
            for c in t.lines {
                assert!(
                    c.contrast(bg) >= 4.5,
                    "{name} line {c}: {:.2}",
                    c.contrast(bg)
                );
            }
            assert!(t.region.contrast(bg) >= 4.5, "{name} region line and label");
            assert!(t.focus_ring.contrast(bg) >= 3.0, "{name} focus ring");
            assert!(
                t.border.contrast(bg) >= 3.0,
                "{name} map boundaries {:.2}",
                t.border.contrast(bg)
            );
            assert!(t.grid.contrast(bg) < 3.0, "{name} grid lines stay quiet");
            assert!(
                t.hatch.contrast(t.no_data) >= 3.0,
                "{name} no-data hatching"
            );
        }
    }

    #[test]
    fn line_colours_are_told_apart_by_more_than_hue() {
        for t in [&LIGHT, &DARK] {
            for (i, a) in t.lines.iter().enumerate() {
                for b in &t.lines[i + 1..] {
                    assert_ne!(a, b);
                }
            }
        }
    }

    #[test]
    fn every_colour_of_a_theme_has_exactly_one_slot() {
        // Set each slot to a colour of its own: a slot that writes another's
        // field, or a field no slot writes, leaves two alike.
        let mut t = LIGHT;
        for (i, s) in SLOTS.iter().enumerate() {
            (s.set)(&mut t, Rgb(i as u8, 0, 0));
        }
        for (i, s) in SLOTS.iter().enumerate() {
            assert_eq!((s.get)(&t), Rgb(i as u8, 0, 0), "slot {}", s.name);
        }
        let all = [
            t.text,
            t.muted,
            t.background,
            t.border,
            t.grid,
            t.no_data,
            t.hatch,
            t.faded,
            t.region,
            t.context,
            t.focus_ring,
        ];
        let mut seen: Vec<Rgb> = all.into_iter().chain(t.lines).collect();
        seen.sort_by_key(|c| c.0);
        seen.dedup();
        assert_eq!(seen.len(), SLOTS.len());
    }
}
