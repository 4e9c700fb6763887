//! DfE's statistical neighbours: for each authority, the 10 authorities most
//! like it on DfE's socio-economic model, each with a closeness band.
//!
//! Two models are bundled and never mixed: the **2025 model** (153
//! authorities on today's geography) and the **2021 model** (the April 2021
//! geography: Cumbria, North Yorkshire and Somerset as counties, plus the
//! lists DfE kept for authorities abolished before 2021). They share about
//! half of each authority's neighbours, so every comparison names its model.
//!
//! # Geography
//! Each list is stored on the areas of its model's own date: the 2021 model
//! names Cumbria, not Cumberland. Two rules carry a model onto other years:
//! - a neighbour is looked up by its code *in each data year*
//!   ([`Bundle::area_at`]), so a code change of the same area (North
//!   Yorkshire's county code becoming a unitary code) keeps its figures;
//!   a neighbour that did not exist that year (Cumbria in 2024) is a gap,
//!   named as such, never dropped or replaced;
//! - an authority the model does not list gets a **stand-in** chosen by the
//!   pipeline and stored here: the same area under its older code
//!   ([`Via::SameArea`]), or the authority it was carved from
//!   ([`Via::Predecessor`]: Cumberland and Westmorland and Furness use
//!   Cumbria's 2021 list). Every other area has no list, and says so.
//!
//! # Format
//! In the full engine's frame, after the measures' definitions (see
//! [`super::format`]): a count of models, then per model its code, its lists (subject, count,
//! then area and closeness per neighbour) and its stand-ins (area, stand-in).

use super::model::{AreaId, Bundle};
use super::wire::{Reader, Writer};
use super::DecodeError;

/// Which of DfE's statistical neighbour models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NeighbourModel {
    /// DfE's 2025 model: 153 authorities, today's geography. The default,
    /// as on DfE's "outcomes and enablers" dashboard.
    Dfe2025,
    /// DfE's April 2021 groupings, on the geography of April 2021.
    Dfe2021,
}

impl NeighbourModel {
    /// Both models, newest first.
    pub const ALL: [NeighbourModel; 2] = [NeighbourModel::Dfe2025, NeighbourModel::Dfe2021];

    /// The word attributes and the query API use: `2025` or `2021`.
    pub fn keyword(self) -> &'static str {
        match self {
            NeighbourModel::Dfe2025 => "2025",
            NeighbourModel::Dfe2021 => "2021",
        }
    }

    /// The model named by a keyword.
    pub fn from_keyword(k: &str) -> Option<NeighbourModel> {
        Self::ALL.into_iter().find(|m| m.keyword() == k.trim())
    }

    /// Its name in sentences: "DfE's 2025 model".
    pub fn name(self) -> &'static str {
        match self {
            NeighbourModel::Dfe2025 => "DfE's 2025 model",
            NeighbourModel::Dfe2021 => "DfE's 2021 model",
        }
    }

    fn code(self) -> u8 {
        self as u8
    }
}

/// How close DfE's model finds a neighbour, closest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Closeness {
    /// "Extremely close".
    ExtremelyClose,
    /// "Very close".
    VeryClose,
    /// "Close".
    Close,
    /// "Somewhat close".
    SomewhatClose,
    /// "Not close".
    NotClose,
}

impl Closeness {
    /// Every band, closest first.
    pub const ALL: [Closeness; 5] = [
        Closeness::ExtremelyClose,
        Closeness::VeryClose,
        Closeness::Close,
        Closeness::SomewhatClose,
        Closeness::NotClose,
    ];

    /// DfE's words, in sentence case: "Very close".
    pub fn label(self) -> &'static str {
        match self {
            Closeness::ExtremelyClose => "Extremely close",
            Closeness::VeryClose => "Very close",
            Closeness::Close => "Close",
            Closeness::SomewhatClose => "Somewhat close",
            Closeness::NotClose => "Not close",
        }
    }

    /// The band in lower case, for mid-sentence: "very close".
    pub fn words(self) -> &'static str {
        match self {
            Closeness::ExtremelyClose => "extremely close",
            Closeness::VeryClose => "very close",
            Closeness::Close => "close",
            Closeness::SomewhatClose => "somewhat close",
            Closeness::NotClose => "not close",
        }
    }

    /// The band DfE's files print, in any case and spacing ("Very Close ").
    pub fn parse(text: &str) -> Option<Closeness> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|c| c.label().eq_ignore_ascii_case(t))
    }

    /// The query API's word: `extremely-close` … `not-close`.
    pub fn keyword(self) -> &'static str {
        match self {
            Closeness::ExtremelyClose => "extremely-close",
            Closeness::VeryClose => "very-close",
            Closeness::Close => "close",
            Closeness::SomewhatClose => "somewhat-close",
            Closeness::NotClose => "not-close",
        }
    }
}

/// One neighbour in a list: an area on the model's geography, and how close.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Neighbour {
    /// The neighbour (the area its DfE number named at the model's date).
    pub area: AreaId,
    /// DfE's closeness band.
    pub closeness: Closeness,
}

/// One model's lists.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NeighbourSet {
    /// Each listed authority and its neighbours, closest first as DfE orders them.
    pub lists: Vec<(AreaId, Vec<Neighbour>)>,
    /// Areas the model does not list, and the listed area whose list they use.
    pub stand_ins: Vec<(AreaId, AreaId)>,
}

/// Both models' lists, as the bundle holds them (an empty model: none bundled).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Neighbours {
    /// Indexed by [`NeighbourModel`] as `model as usize`.
    pub sets: [NeighbourSet; 2],
}

impl Neighbours {
    /// One model's lists.
    pub fn set(&self, model: NeighbourModel) -> &NeighbourSet {
        &self.sets[model as usize]
    }
}

/// Why an area's list is the one it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The model lists the area itself.
    Own,
    /// The model lists the same area under another code (a code change).
    SameArea,
    /// The model predates the area and lists the authority it was formed from.
    Predecessor,
}

/// An area's neighbours in one model, and whose list they are.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NeighbourGroup<'a> {
    /// The model.
    pub model: NeighbourModel,
    /// The area the model lists (the asked area, or its stand-in).
    pub subject: AreaId,
    /// Whether the list is the area's own or a stand-in's.
    pub via: Via,
    /// The neighbours, as DfE orders them.
    pub neighbours: &'a [Neighbour],
}

impl Bundle {
    /// The neighbours the model lists for exactly this area, with closeness;
    /// `None` when the model does not list it (see [`Bundle::neighbour_group`]
    /// for stand-ins).
    pub fn neighbours(&self, area: AreaId, model: NeighbourModel) -> Option<&[Neighbour]> {
        self.neighbours
            .set(model)
            .lists
            .iter()
            .find(|(a, _)| *a == area)
            .map(|(_, l)| l.as_slice())
    }

    /// The list an area uses in a model: its own, or its stand-in's (and
    /// which); `None` when the model covers neither the area nor an area it
    /// stands for (e.g. Cumbria in the 2025 model: it was split in two).
    pub fn neighbour_group(
        &self,
        area: AreaId,
        model: NeighbourModel,
    ) -> Option<NeighbourGroup<'_>> {
        let group = |subject, via| {
            self.neighbours(subject, model)
                .map(|neighbours| NeighbourGroup {
                    model,
                    subject,
                    via,
                    neighbours,
                })
        };
        if let Some(g) = group(area, Via::Own) {
            return Some(g);
        }
        let &(_, s) = self
            .neighbours
            .set(model)
            .stand_ins
            .iter()
            .find(|(a, _)| *a == area)?;
        let (a, b) = (self.area(area), self.area(s));
        let same = a.aliases.contains(&b.code) || b.aliases.contains(&a.code);
        group(
            s,
            if same {
                Via::SameArea
            } else {
                Via::Predecessor
            },
        )
    }
}

/// Areas are stored as one byte above the section's base (the lowest area
/// id it names: authorities are numbered after England and the regions),
/// subjects first, then every neighbour, then the bands as steps from the
/// previous neighbour's (DfE lists closest first, so mostly 0): grouping
/// like with like lets gzip take the section from 7.9 KB to about 3 KB.
pub(super) fn encode(w: &mut Writer, n: &Neighbours) {
    let models: Vec<NeighbourModel> = NeighbourModel::ALL
        .into_iter()
        .filter(|&m| !n.set(m).lists.is_empty())
        .collect();
    let ids = models.iter().flat_map(|&m| {
        let set = n.set(m);
        set.lists
            .iter()
            .flat_map(|(s, l)| std::iter::once(*s).chain(l.iter().map(|x| x.area)))
            .chain(set.stand_ins.iter().flat_map(|(a, s)| [*a, *s]))
    });
    let base = ids.clone().map(|a| a.0).min().unwrap_or(0);
    assert!(
        ids.clone().all(|a| a.0 - base < 256),
        "neighbour areas span more than 256 ids"
    );
    let byte = |w: &mut Writer, a: AreaId| w.u8((a.0 - base) as u8);
    w.len(models.len());
    if models.is_empty() {
        return;
    }
    w.uvar(u64::from(base));
    for m in models {
        let set = n.set(m);
        w.u8(m.code());
        w.len(set.lists.len());
        for (subject, list) in &set.lists {
            byte(w, *subject);
            w.len(list.len());
        }
        for nb in set.lists.iter().flat_map(|(_, l)| l) {
            byte(w, nb.area);
        }
        for (_, list) in &set.lists {
            let mut prev = 0i64;
            for nb in list {
                w.ivar(nb.closeness as i64 - prev);
                prev = nb.closeness as i64;
            }
        }
        w.len(set.stand_ins.len());
        for (a, s) in &set.stand_ins {
            byte(w, *a);
            byte(w, *s);
        }
    }
}

pub(super) fn decode(r: &mut Reader, n_areas: usize) -> Result<Neighbours, DecodeError> {
    let invalid = |offset, what| DecodeError::Invalid { offset, what };
    let mut out = Neighbours::default();
    let n = r.len(3)?;
    if n == 0 {
        return Ok(out);
    }
    let at = r.offset();
    let base = r.uvar()?;
    if base >= n_areas as u64 {
        return Err(invalid(at, "neighbour area out of range"));
    }
    let area = |r: &mut Reader| -> Result<AreaId, DecodeError> {
        let at = r.offset();
        match base + u64::from(r.u8()?) {
            a if a < n_areas as u64 => Ok(AreaId(a as u16)),
            _ => Err(invalid(at, "neighbour area out of range")),
        }
    };
    for _ in 0..n {
        let at = r.offset();
        let model = match r.u8()? {
            0 => NeighbourModel::Dfe2025,
            1 => NeighbourModel::Dfe2021,
            _ => return Err(invalid(at, "unknown neighbour model")),
        };
        let set = &mut out.sets[model as usize];
        if !set.lists.is_empty() {
            return Err(invalid(at, "neighbour model given twice"));
        }
        let lists = r.len(2)?;
        if lists == 0 {
            return Err(invalid(at, "neighbour model without lists"));
        }
        let mut lens = Vec::with_capacity(lists);
        for _ in 0..lists {
            let at = r.offset();
            let subject = area(r)?;
            if set.lists.iter().any(|(s, _)| *s == subject) {
                return Err(invalid(at, "an authority listed twice in one model"));
            }
            lens.push(r.len(2)?);
            set.lists.push((subject, Vec::new()));
        }
        for ((_, list), &k) in set.lists.iter_mut().zip(&lens) {
            for _ in 0..k {
                let a = area(r)?;
                list.push(Neighbour {
                    area: a,
                    closeness: Closeness::Close,
                });
            }
        }
        for (_, list) in &mut set.lists {
            let mut prev = 0i64;
            for nb in list {
                let at = r.offset();
                prev = prev.saturating_add(r.ivar()?);
                nb.closeness = usize::try_from(prev)
                    .ok()
                    .and_then(|i| Closeness::ALL.get(i).copied())
                    .ok_or(invalid(at, "unknown closeness band"))?;
            }
        }
        for _ in 0..r.len(2)? {
            let a = area(r)?;
            let at = r.offset();
            let s = area(r)?;
            if !set.lists.iter().any(|(x, _)| *x == s) {
                return Err(invalid(at, "stand-in has no list"));
            }
            set.stand_ins.push((a, s));
        }
    }
    Ok(out)
}
