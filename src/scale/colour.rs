//! sRGB colours, interpolation in OKLab (so steps look even), and the WCAG
//! relative luminance and contrast ratio used to check palettes and themes.

use std::fmt;

/// An sRGB colour: red, green, blue, 0–255 each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb`, `#rgb`, `rgb(r, g, b)` or `rgb(r g b / a)` (the
    /// forms a page is likely to give its custom properties).
    pub fn parse(s: &str) -> Option<Rgb> {
        let s = s.trim();
        if let Some(body) = s.strip_prefix("rgba(").or_else(|| s.strip_prefix("rgb(")) {
            // The first three numbers (an alpha after them is ignored).
            let (mut nums, mut k) = ([0u8; 3], 0);
            for t in body
                .trim_end_matches(')')
                .split(|c: char| c == ',' || c == '/' || c.is_whitespace())
            {
                if t.is_empty() {
                    continue;
                }
                if k == 3 {
                    break;
                }
                nums[k] = t.parse::<u16>().ok()?.min(255) as u8;
                k += 1;
            }
            return (k == 3).then(|| Rgb(nums[0], nums[1], nums[2]));
        }
        let h = s.strip_prefix('#')?;
        let hex = |t: &str| u8::from_str_radix(t, 16).ok();
        match h.len() {
            6 => Some(Rgb(hex(&h[0..2])?, hex(&h[2..4])?, hex(&h[4..6])?)),
            3 => {
                let d = |i: usize| hex(&h[i..=i]).map(|v| v * 17);
                Some(Rgb(d(0)?, d(1)?, d(2)?))
            }
            _ => None,
        }
    }

    /// WCAG 2 relative luminance.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    fn to_oklab(self) -> [f64; 3] {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (lin(self.0), lin(self.1), lin(self.2));
        let l = (0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b).cbrt();
        let m = (0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b).cbrt();
        let s = (0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b).cbrt();
        [
            0.210_454_255_3 * l + 0.793_617_785 * m - 0.004_072_046_8 * s,
            1.977_998_495_1 * l - 2.428_592_205 * m + 0.450_593_709_9 * s,
            0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766 * s,
        ]
    }

    fn from_oklab([ll, a, b]: [f64; 3]) -> Rgb {
        let l = (ll + 0.396_337_777_4 * a + 0.215_803_757_3 * b).powi(3);
        let m = (ll - 0.105_561_345_8 * a - 0.063_854_172_8 * b).powi(3);
        let s = (ll - 0.089_484_177_5 * a - 1.291_485_548 * b).powi(3);
        let r = 4.076_741_662_1 * l - 3.307_711_591_3 * m + 0.230_969_929_2 * s;
        let g = -1.268_438_004_6 * l + 2.609_757_401_1 * m - 0.341_319_396_5 * s;
        let bl = -0.004_196_086_3 * l - 0.703_418_614_7 * m + 1.707_614_701 * s;
        let enc = |c: f64| {
            let c = c.clamp(0.0, 1.0);
            let v = if c <= 0.003_130_8 {
                12.92 * c
            } else {
                1.055 * c.powf(1.0 / 2.4) - 0.055
            };
            (v * 255.0).round() as u8
        };
        Rgb(enc(r), enc(g), enc(bl))
    }

    /// Perceptual lightness (OKLab L, 0 to 1).
    pub fn lightness(self) -> f64 {
        self.to_oklab()[0]
    }

    /// Mixes in OKLab: `t = 0` gives `self`, `t = 1` gives `other`.
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let (a, b) = (self.to_oklab(), other.to_oklab());
        Rgb::from_oklab([
            a[0] + (b[0] - a[0]) * t,
            a[1] + (b[1] - a[1]) * t,
            a[2] + (b[2] - a[2]) * t,
        ])
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_long_and_short_hex() {
        assert_eq!(Rgb::parse("#1a2B3c"), Some(Rgb(0x1a, 0x2b, 0x3c)));
        assert_eq!(Rgb::parse("#fff"), Some(Rgb(255, 255, 255)));
        assert_eq!(Rgb::parse("red"), None);
        assert_eq!(Rgb::parse("rgb(1, 2, 3)"), Some(Rgb(1, 2, 3)));
        assert_eq!(Rgb::parse(" rgb(10 20 30 / 50%)"), Some(Rgb(10, 20, 30)));
        assert_eq!(Rgb::parse("rgb(1,2)"), None);
        assert_eq!(Rgb(1, 2, 255).to_string(), "#0102ff");
    }

    #[test]
    fn contrast_of_black_on_white_is_21() {
        let c = Rgb(0, 0, 0).contrast(Rgb(255, 255, 255));
        assert!((c - 21.0).abs() < 1e-9);
        // A published reference: #767676 on white is 4.54:1.
        let g = Rgb(0x76, 0x76, 0x76).contrast(Rgb(255, 255, 255));
        assert!((g - 4.54).abs() < 0.01, "{g}");
    }

    #[test]
    fn oklab_round_trips_and_mix_ends_are_exact() {
        for c in [
            Rgb(0, 0, 0),
            Rgb(255, 255, 255),
            Rgb(12, 200, 99),
            Rgb(250, 10, 128),
        ] {
            assert_eq!(Rgb::from_oklab(c.to_oklab()), c);
        }
        let (a, b) = (Rgb(255, 255, 204), Rgb(37, 52, 148));
        assert_eq!(a.mix(b, 0.0), a);
        assert_eq!(a.mix(b, 1.0), b);
    }
}
