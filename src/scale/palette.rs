//! Colour palettes for classes. Sequential palettes run light to dark so the
//! order reads by lightness alone, which keeps them readable with any colour
//! vision deficiency and in greyscale print.

use super::colour::Rgb;

/// A named sequential palette, given by anchor colours from low to high.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sequential {
    /// The name the `palette` attribute takes, e.g. `ylgnbu`.
    pub name: &'static str,
    anchors: &'static [Rgb],
}

/// Yellow–green–blue (the ColorBrewer YlGnBu anchors): the default for rates.
pub const YELLOW_GREEN_BLUE: Sequential = Sequential {
    name: "ylgnbu",
    anchors: &[
        Rgb(0xff, 0xff, 0xcc),
        Rgb(0xa1, 0xda, 0xb4),
        Rgb(0x41, 0xb6, 0xc4),
        Rgb(0x2c, 0x7f, 0xb8),
        Rgb(0x25, 0x34, 0x94),
    ],
};

/// Purple–white–orange (ColorBrewer's 5-class PuOr), for classes centred on
/// England: below it purple, close to it near white, above it orange. Safe
/// for the common colour vision deficiencies, as red–green schemes are not.
pub const DIVERGING: [Rgb; 5] = [
    Rgb(0x5e, 0x3c, 0x99),
    Rgb(0xb2, 0xab, 0xd2),
    Rgb(0xf7, 0xf7, 0xf7),
    Rgb(0xfd, 0xb8, 0x63),
    Rgb(0xe6, 0x61, 0x01),
];

/// Viridis (matplotlib's perceptually uniform map), light end first.
pub const VIRIDIS: Sequential = Sequential {
    name: "viridis",
    anchors: &[
        Rgb(0xfd, 0xe7, 0x25),
        Rgb(0x5e, 0xc9, 0x62),
        Rgb(0x21, 0x91, 0x8c),
        Rgb(0x3b, 0x52, 0x8b),
        Rgb(0x44, 0x01, 0x54),
    ],
};

/// Single-hue blues, for pages whose own colours clash with the others.
pub const BLUES: Sequential = Sequential {
    name: "blues",
    anchors: &[
        Rgb(0xef, 0xf3, 0xff),
        Rgb(0x6b, 0xae, 0xd6),
        Rgb(0x08, 0x30, 0x6b),
    ],
};

/// Every sequential palette, in the order the `palette` attribute lists them.
pub const SEQUENTIAL: [Sequential; 3] = [YELLOW_GREEN_BLUE, VIRIDIS, BLUES];

/// Colours for judgements, best first: blues for the better grades, reds
/// for the worse (a diverging scheme readable with red–green colour
/// blindness, the RdBu end colours), darkest at the extremes.
pub const JUDGEMENTS: [Rgb; 4] = [
    Rgb(0x21, 0x66, 0xac),
    Rgb(0x92, 0xc5, 0xde),
    Rgb(0xf4, 0xa5, 0x82),
    Rgb(0xb2, 0x18, 0x2b),
];

/// `n` colours for categories in order. Four categories (Ofsted's grades)
/// get [`JUDGEMENTS`]; other counts are spread over the same scheme.
pub fn categorical(n: usize) -> Vec<Rgb> {
    match n {
        0 => vec![],
        4 => JUDGEMENTS.to_vec(),
        1 => vec![JUDGEMENTS[0]],
        _ => {
            let mut colours = Vec::with_capacity(n);
            for i in 0..n {
                let t = i as f64 / (n - 1) as f64 * 3.0;
                let k = (t.floor() as usize).min(2);
                colours.push(JUDGEMENTS[k].mix(JUDGEMENTS[k + 1], t - k as f64));
            }
            colours
        }
    }
}

impl Sequential {
    /// The palette the `palette` attribute names.
    pub fn by_name(name: &str) -> Option<Sequential> {
        SEQUENTIAL.into_iter().find(|p| p.name == name)
    }

    /// The colour at `t` in 0..=1 along the anchors.
    pub fn at(&self, t: f64) -> Rgb {
        let t = t.clamp(0.0, 1.0) * (self.anchors.len() - 1) as f64;
        let i = (t.floor() as usize).min(self.anchors.len() - 2);
        self.anchors[i].mix(self.anchors[i + 1], t - i as f64)
    }

    /// `n` colours evenly spaced from the light end to the dark end.
    pub fn colours(&self, n: usize) -> Vec<Rgb> {
        match n {
            0 => vec![],
            1 => vec![self.at(0.5)],
            _ => {
                let mut colours = Vec::with_capacity(n);
                for i in 0..n {
                    colours.push(self.at(i as f64 / (n - 1) as f64));
                }
                colours
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_palette_darkens_monotonically_at_every_class_count() {
        for p in SEQUENTIAL {
            for n in 2..=9 {
                let cs = p.colours(n);
                assert_eq!(cs.len(), n);
                for w in cs.windows(2) {
                    assert!(
                        w[1].lightness() < w[0].lightness() - 0.03,
                        "{} with {n} classes: {} then {} not clearly darker",
                        p.name,
                        w[0],
                        w[1]
                    );
                }
            }
        }
    }

    #[test]
    fn five_classes_hit_the_anchors() {
        assert_eq!(
            YELLOW_GREEN_BLUE.colours(5),
            YELLOW_GREEN_BLUE.anchors.to_vec()
        );
    }
}
