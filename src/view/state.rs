//! The reader's state — the year shown, the selection, keyboard focus, hover,
//! play, index mode, the table's order — as one value that changes only
//! through [`Reader::apply`]: an [`Input`] in, the [`Effects`] out (what to
//! redraw, what to tell the page, what to announce).
//!
//! The web layer turns browser events into inputs and renders the effects;
//! nothing here touches the browser, so every transition is tested natively.

use crate::data::{AreaId, Level};
use crate::view::inset::Inset;
use crate::view::map::{Fit, MapLayer};
use crate::view::nav::{self, Dir};
use crate::view::options::{Options, ViewKind};
use crate::view::selection::Selection;
use crate::view::table::{Column, Sort};

/// Type-ahead letters typed within this many ms of each other make one word.
pub const TYPE_AHEAD_MS: f64 = 800.0;

/// The parts of the picture an input made stale. The web layer redraws them
/// once, in a fixed order, when it flushes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dirty {
    /// Sizes, the map's shapes and paths: everything is laid out again.
    pub layout: bool,
    /// Title, summary, legend and source line.
    pub text: bool,
    /// The map's listbox (words, selection, keyboard focus) and the picker.
    pub keys: bool,
    /// The map's fills.
    pub map: bool,
    /// Outlines and rings over the map.
    pub overlay: bool,
    /// The trend, now.
    pub trend: bool,
    /// The trend, once the pointer rests (a sweep across the map is not
    /// redrawn area by area).
    pub trend_soon: bool,
    /// The table's rows (redrawn only when the table is the view).
    pub table: bool,
    /// The trend's mark of the map's year and its values.
    pub year_mark: bool,
    /// The slider, play button and index checkbox.
    pub controls: bool,
}

impl Dirty {
    /// Everything, for new options or a new size; the trend is redrawn at once,
    /// so `trend_soon` stays off.
    pub const ALL: Dirty = Dirty {
        layout: true,
        text: true,
        keys: true,
        map: true,
        overlay: true,
        trend: true,
        trend_soon: false,
        table: true,
        year_mark: true,
        controls: true,
    };

    /// Adds what another input made stale.
    pub fn merge(&mut self, o: Dirty) {
        self.layout |= o.layout;
        self.text |= o.text;
        self.keys |= o.keys;
        self.map |= o.map;
        self.overlay |= o.overlay;
        self.trend |= o.trend;
        self.trend_soon |= o.trend_soon;
        self.table |= o.table;
        self.year_mark |= o.year_mark;
        self.controls |= o.controls;
    }

    /// Whether anything needs redrawing.
    pub fn any(&self) -> bool {
        *self != Dirty::default()
    }

    /// What a new year makes stale.
    fn year() -> Dirty {
        Dirty {
            text: true,
            keys: true,
            map: true,
            overlay: true,
            table: true,
            year_mark: true,
            controls: true,
            ..Dirty::default()
        }
    }

    /// What a new selection makes stale.
    fn selection() -> Dirty {
        Dirty {
            text: true,
            keys: true,
            overlay: true,
            trend: true,
            ..Dirty::default()
        }
    }
}

/// Events for the page, dispatched once the state is no longer borrowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Emit {
    /// The year shown changed: `care-atlas-yearchange`, whose detail is the year.
    YearChanged(u16),
    /// The selection changed: `care-atlas-select`, with the selection as it is
    /// when dispatched.
    SelectionChanged,
}

/// What happens to the tooltip.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Tip {
    /// Leave it as it is.
    #[default]
    Keep,
    /// Hide it.
    Hide,
    /// Beside a point on the map, in CSS px.
    At {
        /// The area it describes.
        area: AreaId,
        /// Horizontal position in the map's CSS px.
        x: f64,
        /// Vertical position in the map's CSS px.
        y: f64,
    },
    /// At the area's label point (keyboard focus has no pointer position).
    Anchor(AreaId),
}

/// What a screen reader is told, worded by the web layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Say {
    /// The area keyboard focus is on: its name, figure and whether it is selected.
    Area(AreaId),
    /// A line's figure under the trend's keyboard cursor.
    TrendValue {
        /// The line's area.
        area: AreaId,
        /// The data year under the cursor.
        year: u16,
    },
}

/// The result of one input.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Effects {
    /// What to redraw.
    pub dirty: Dirty,
    /// Events for the page, in order.
    pub emit: Vec<Emit>,
    /// What happens to the tooltip.
    pub tip: Tip,
    /// What the live region announces; `None`: nothing.
    pub say: Option<Say>,
    /// The input was used (a key's default action is then prevented; a year
    /// asked for by the page had data).
    pub used: bool,
    /// The trend's read-out moves to the keyboard cursor's year.
    pub trend_cursor: bool,
    /// The trend's read-out is cleared.
    pub trend_clear: bool,
    /// Keyboard focus moves to the active tab (arrow keys on the tab list).
    pub focus_tab: bool,
}

impl Effects {
    fn dirty(dirty: Dirty) -> Effects {
        Effects {
            dirty,
            used: true,
            ..Effects::default()
        }
    }
}

/// The map as the keyboard moves over it.
pub struct MapCtx<'a> {
    /// The areas drawn, in the layer's order.
    pub layer: &'a MapLayer,
    /// How the world fits the canvas (the arrow keys move by screen direction).
    pub fit: &'a Fit,
    /// The London inset, when shown: boroughs are where their tiles are.
    pub inset: Option<&'a Inset>,
    /// An area's name, for Home, End and type-ahead.
    pub name: &'a dyn Fn(AreaId) -> String,
}

/// The trend as the keyboard moves over it: its years and labelled lines, top first.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendCtx {
    /// The first year on the chart's axis.
    pub first: u16,
    /// The last year on the chart's axis.
    pub last: u16,
    /// The labelled lines' areas, top first (the order ArrowUp and ArrowDown move in).
    pub lines: Vec<AreaId>,
}

/// Everything that can happen to a widget.
pub enum Input<'a> {
    /// The page's attributes, newly read and valid, with the measure's years
    /// and each area's level.
    Configure {
        /// The options, checked against the bundle.
        opts: Options,
        /// Years a view moves through under these options, ascending
        /// ([`Options::years_for`]). Handed the options so that the caller
        /// need not keep a copy of them.
        years: &'a dyn Fn(&Options, ViewKind) -> Vec<u16>,
        /// Each area's level, to drop selected areas of another level.
        level_of: &'a dyn Fn(AreaId) -> Level,
    },
    /// The attributes are not usable: nothing is shown until they are.
    Unusable,
    /// The page or a reader asked for a year.
    SetYear(u16),
    /// The slider moved to the year at this index.
    YearIndex(usize),
    /// Play's next year; unused at the last.
    StepYear,
    /// Play starts from the first year when at the last.
    Rewind,
    /// Play started (`true`) or stopped.
    Playing(bool),
    /// The pointer moved over the map: hover and tooltip follow it.
    MapPointer {
        /// The area under the pointer, if any.
        hit: Option<AreaId>,
        /// Pointer position in the map's CSS px.
        x: f64,
        /// Pointer position in the map's CSS px.
        y: f64,
    },
    /// A click or tap on the map: toggles the area under it and shows its tooltip.
    MapClick {
        /// The area under the pointer, if any (none hides the tooltip).
        hit: Option<AreaId>,
        /// Pointer position in the map's CSS px.
        x: f64,
        /// Pointer position in the map's CSS px.
        y: f64,
    },
    /// The trend's pointer is near this area's line (or none).
    TrendPointer(Option<AreaId>),
    /// A click on the trend near this area's line (England's cannot be picked):
    /// toggles it.
    TrendClick(Option<AreaId>),
    /// The pointer left the map or the trend: hover, tooltip and read-out go.
    PointerLeave,
    /// Adds the area to the selection, or removes it.
    Toggle(AreaId),
    /// Replaces the selection (the page's `select()`); at most
    /// [`MAX_SELECTED`](crate::view::selection::MAX_SELECTED) are kept, the first ones.
    Select(Vec<AreaId>),
    /// The index checkbox: the trend shows % change since a base year, or values.
    IndexMode {
        /// Index mode on.
        on: bool,
        /// The base year when none is set yet (by `base-year` or an earlier choice).
        default_base: u16,
    },
    /// A column's header button: sorts by it, or reverses the order if it already
    /// sorts by it (values start highest first, the rest A to Z).
    SortBy(Column),
    /// The map gained (`on`) or lost keyboard focus; gaining it focuses the last
    /// focused area if it is still on the map, else a selected or highlighted
    /// one, else the first by name.
    MapFocus {
        /// Focus gained.
        on: bool,
        /// The map as drawn.
        map: MapCtx<'a>,
    },
    /// A key pressed on the map: arrows, Home, End, Enter or Space, Escape, or
    /// letters for type-ahead.
    MapKey {
        /// `KeyboardEvent.key`.
        key: &'a str,
        /// Ctrl, Alt or Meta was held: letters are then not type-ahead.
        modified: bool,
        /// The time in ms, to join letters typed within [`TYPE_AHEAD_MS`].
        now: f64,
        /// The map as drawn.
        map: MapCtx<'a>,
    },
    /// The picker chose an area: select it and focus it.
    Pick(AreaId),
    /// The trend gained (`on`) or lost keyboard focus; gaining it puts the
    /// cursor on the last year of the top line (or where it was).
    TrendFocus {
        /// Focus gained.
        on: bool,
        /// The chart as drawn; `None` when there is none.
        trend: Option<TrendCtx>,
    },
    /// A tab was chosen: its view is shown, with the reader's area, year
    /// (the nearest the view has, if not that one) and selection.
    Tab(ViewKind),
    /// A key on the tab list: Left and Right move to the previous and next
    /// tab (wrapping), Home and End to the first and last, and show it.
    TabKey(&'a str),
    /// The bars or the scatter gained (`on`) or lost keyboard focus; gaining
    /// it puts the cursor on the last item it was on, or a selected one, or the first.
    ChartFocus {
        /// Focus gained.
        on: bool,
        /// The bars or points, in keyboard order (rank, or x).
        items: &'a [AreaId],
    },
    /// A key on the bars or the scatter: arrows step to the previous or next
    /// item, Home and End to the first and last, Enter or Space selects,
    /// Escape hides the tooltip.
    ChartKey {
        /// `KeyboardEvent.key`.
        key: &'a str,
        /// The bars or points, in keyboard order.
        items: &'a [AreaId],
    },
    /// A key pressed on the trend: arrows move the cursor by year and line, Home
    /// and End to the first and last year, Escape clears the read-out.
    TrendKey {
        /// `KeyboardEvent.key`.
        key: &'a str,
        /// The chart as drawn; `None` when there is none.
        trend: Option<TrendCtx>,
    },
}

/// The reader's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reader {
    /// The page's options last applied; `None` while they are unusable.
    pub opts: Option<Options>,
    /// Years with data for the measure, ascending.
    pub years: Vec<u16>,
    /// The data year shown.
    pub year: u16,
    /// The reader (or the page, through a method) moved the year since the
    /// options last set it: new options keep it where they can.
    year_moved: bool,
    /// The areas the reader (or the `selected` attribute) picked.
    pub selection: Selection,
    /// The area under the pointer, or under the trend's keyboard cursor.
    pub hovered: Option<AreaId>,
    /// The area keyboard focus is on, and whether the map has focus.
    pub focused: Option<AreaId>,
    /// Whether the map has keyboard focus.
    pub map_has_focus: bool,
    /// Play is running.
    pub playing: bool,
    /// Index mode's base year (the trend shows % change since it).
    pub base_year: Option<u16>,
    /// The table's order.
    pub sort: Sort,
    /// Keyboard position in the trend: a year and a labelled line.
    pub trend_cursor: Option<(u16, usize)>,
    /// The view shown: the `view` attribute's, or the tab the reader chose.
    pub view: ViewKind,
    /// Each view the tabs offer (or the one view) with its years.
    view_years: Vec<(ViewKind, Vec<u16>)>,
    /// The bar or point keyboard focus is on.
    pub chart_cursor: Option<AreaId>,
    /// Whether the bars or the scatter have keyboard focus.
    pub chart_has_focus: bool,
    typed: String,
    typed_at: f64,
    /// The last arrow move (from, direction), so the opposite arrow undoes it.
    last_move: Option<(AreaId, Dir)>,
}

/// The year in `years` nearest to `y` (the earlier of two as near).
pub fn nearest_year(years: &[u16], y: u16) -> Option<u16> {
    years.iter().copied().min_by_key(|&c| (c.abs_diff(y), c))
}

impl Reader {
    /// Applies one input: the new state is in `self`, what to do about it is
    /// returned. Inputs other than [`Input::Configure`] do nothing while the
    /// options are unusable.
    pub fn apply(&mut self, input: Input) -> Effects {
        match input {
            Input::Configure {
                opts,
                years,
                level_of,
            } => self.configure(opts, years, level_of),
            Input::Unusable => {
                self.opts = None;
                self.playing = false;
                self.hovered = None;
                Effects::dirty(Dirty::ALL)
            }
            _ if self.opts.is_none() => Effects::default(),
            Input::Tab(view) => self.tab(view),
            Input::TabKey(key) => {
                let tabs = self.opts.as_ref().map_or(&[][..], |o| &o.tabs[..]);
                let n = tabs.len();
                let Some(i) = tabs.iter().position(|&t| t == self.view) else {
                    return Effects::default();
                };
                let next = match key {
                    "ArrowLeft" => (i + n - 1) % n,
                    "ArrowRight" => (i + 1) % n,
                    "Home" => 0,
                    "End" => n - 1,
                    _ => return Effects::default(),
                };
                let mut fx = self.tab(tabs[next]);
                fx.focus_tab = true;
                fx.used = true;
                fx
            }
            Input::ChartFocus { on, items } => {
                self.chart_has_focus = on;
                if !on {
                    self.hovered = None;
                    return Effects {
                        tip: Tip::Hide,
                        ..Effects::dirty(Dirty {
                            overlay: true,
                            ..Dirty::default()
                        })
                    };
                }
                let start = self
                    .chart_cursor
                    .filter(|c| items.contains(c))
                    .or_else(|| {
                        let sel = self.selection.areas();
                        items.iter().copied().find(|a| sel.contains(a))
                    })
                    .or(items.first().copied());
                match start {
                    Some(a) => self.chart_to(a),
                    None => Effects::default(),
                }
            }
            Input::ChartKey { key, items } => {
                let i = self
                    .chart_cursor
                    .and_then(|c| items.iter().position(|&a| a == c));
                let last = items.len().saturating_sub(1);
                let next = match (key, i) {
                    (_, _) if items.is_empty() => return Effects::default(),
                    ("ArrowDown" | "ArrowRight", Some(i)) => (i + 1).min(last),
                    ("ArrowUp" | "ArrowLeft", Some(i)) => i.saturating_sub(1),
                    ("ArrowDown" | "ArrowRight" | "ArrowUp" | "ArrowLeft", None) | ("Home", _) => 0,
                    ("End", _) => last,
                    ("Enter" | " ", Some(i)) => {
                        let a = items[i];
                        let mut fx = self.toggle(a);
                        fx.say = Some(Say::Area(a));
                        fx.tip = Tip::Anchor(a);
                        return fx;
                    }
                    ("Escape", _) => {
                        return Effects {
                            used: true,
                            tip: Tip::Hide,
                            ..Effects::default()
                        }
                    }
                    _ => return Effects::default(),
                };
                self.chart_to(items[next])
            }
            Input::SetYear(y) => self.set_year(y),
            Input::YearIndex(i) => match self.years.get(i) {
                Some(&y) => self.set_year(y),
                None => Effects::default(),
            },
            Input::StepYear => {
                let i = self.years.iter().position(|&y| y == self.year);
                match i.and_then(|i| self.years.get(i + 1)) {
                    Some(&y) => self.set_year(y),
                    None => Effects::default(),
                }
            }
            Input::Rewind => match (self.years.last(), self.years.first()) {
                (Some(&last), Some(&first)) if last == self.year => self.set_year(first),
                _ => Effects::default(),
            },
            Input::Playing(on) => {
                if self.playing == on {
                    return Effects::default();
                }
                self.playing = on;
                Effects::dirty(Dirty {
                    controls: true,
                    ..Dirty::default()
                })
            }
            Input::MapPointer { hit, x, y } => {
                let mut fx = self.hover(hit);
                fx.tip = match hit {
                    Some(area) => Tip::At { area, x, y },
                    None => Tip::Hide,
                };
                fx
            }
            Input::MapClick { hit, x, y } => match hit {
                Some(area) => {
                    let mut fx = self.toggle(area);
                    // On touch there is no hover: a tap that selects also
                    // shows the tooltip; one that deselects dismisses it.
                    fx.tip = if self.selection.contains(area) {
                        Tip::At { area, x, y }
                    } else {
                        Tip::Hide
                    };
                    fx
                }
                None => Effects {
                    tip: Tip::Hide,
                    ..Effects::default()
                },
            },
            Input::TrendPointer(near) => {
                // Only the map's outline follows: the trend keeps its lines while read.
                if near == self.hovered {
                    return Effects::default();
                }
                self.hovered = near;
                Effects::dirty(Dirty {
                    overlay: true,
                    ..Dirty::default()
                })
            }
            Input::TrendClick(near) => match near {
                Some(area) => {
                    self.hovered = None;
                    self.toggle(area)
                }
                None => Effects::default(),
            },
            Input::PointerLeave => {
                let mut fx = self.hover(None);
                fx.tip = Tip::Hide;
                fx.trend_clear = true;
                fx
            }
            Input::Toggle(area) => self.toggle(area),
            Input::Select(areas) => {
                self.selection = Selection::new(&areas);
                let mut fx = Effects::dirty(Dirty::selection());
                fx.emit.push(Emit::SelectionChanged);
                fx
            }
            Input::IndexMode { on, default_base } => {
                self.base_year = on.then(|| self.base_year.unwrap_or(default_base));
                let mut fx = Effects::dirty(Dirty {
                    controls: true,
                    trend: true,
                    ..Dirty::default()
                });
                fx.trend_clear = true;
                fx
            }
            Input::SortBy(column) => {
                self.sort = if self.sort.column == column {
                    Sort {
                        column,
                        descending: !self.sort.descending,
                    }
                } else {
                    Sort {
                        column,
                        descending: column == Column::Value,
                    }
                };
                Effects::dirty(Dirty {
                    table: true,
                    ..Dirty::default()
                })
            }
            Input::MapFocus { on, map } => self.map_focus(on, &map),
            Input::MapKey {
                key,
                modified,
                now,
                map,
            } => self.map_key(key, modified, now, &map),
            Input::Pick(area) => {
                let mut fx = if self.selection.contains(area) {
                    Effects::default()
                } else {
                    self.toggle(area)
                };
                let focus = self.focus(area);
                fx.dirty.merge(focus.dirty);
                fx.tip = focus.tip;
                fx.say = focus.say;
                fx.used = true;
                fx
            }
            Input::TrendFocus { on, trend } => {
                if !on {
                    self.hovered = None;
                    let mut fx = Effects::dirty(Dirty {
                        overlay: true,
                        ..Dirty::default()
                    });
                    fx.trend_clear = true;
                    return fx;
                }
                let Some(t) = trend else {
                    return Effects::default();
                };
                let cursor = self.trend_cursor.unwrap_or((t.last, 0));
                self.move_trend_cursor(cursor, &t)
            }
            Input::TrendKey { key, trend } => {
                let Some(t) = trend else {
                    return Effects::default();
                };
                let (year, line) = self.trend_cursor.unwrap_or((t.last, 0));
                let next = match key {
                    "ArrowLeft" => (year.saturating_sub(1).max(t.first), line),
                    "ArrowRight" => (year.saturating_add(1).min(t.last), line),
                    "ArrowUp" => (year, line.saturating_sub(1)),
                    "ArrowDown" => (year, line.saturating_add(1)),
                    "Home" => (t.first, line),
                    "End" => (t.last, line),
                    "Escape" => {
                        return Effects {
                            used: true,
                            trend_clear: true,
                            ..Effects::default()
                        }
                    }
                    _ => return Effects::default(),
                };
                self.move_trend_cursor(next, &t)
            }
        }
    }

    /// New options from the page. The reader's year and selection stay where
    /// they still make sense: the year unless the page changed the `year`
    /// attribute (or the new measure lacks it: then the nearest year with
    /// data), the selection unless the page changed `selected` (areas of
    /// another level leave it), index mode unless `base-year` changed.
    fn configure(
        &mut self,
        opts: Options,
        years_for: &dyn Fn(&Options, ViewKind) -> Vec<u16>,
        level_of: &dyn Fn(AreaId) -> Level,
    ) -> Effects {
        let prev = self.opts.take();
        // The reader's tab stays while the page keeps the same `view` and offers it.
        self.view = match &prev {
            Some(p) if p.view == opts.view && opts.tabs.contains(&self.view) => self.view,
            _ => opts.view,
        };
        let mut view_years = Vec::with_capacity(opts.tabs.len() + 1);
        for &v in &opts.tabs {
            view_years.push((v, years_for(&opts, v)));
        }
        view_years.push((opts.view, years_for(&opts, opts.view)));
        self.view_years = view_years;
        let years = self.years_of(self.view);
        let year_set_by_page = match &prev {
            None => true,
            Some(p) => opts.year_given && (!p.year_given || p.year != opts.year),
        };
        self.year = if year_set_by_page || !self.year_moved {
            self.year_moved = false;
            opts.year
        } else if years.contains(&self.year) {
            self.year
        } else {
            nearest_year(&years, self.year).unwrap_or(opts.year)
        };
        // A view whose years lack the page's (the scatter's are those both
        // its measures have) starts at the nearest it has.
        if !years.contains(&self.year) {
            self.year = nearest_year(&years, self.year).unwrap_or(self.year);
        }
        let selected_changed = prev.as_ref().is_none_or(|p| p.selected != opts.selected);
        if selected_changed {
            self.selection = Selection::new(&opts.selected);
        } else {
            let (level, highlight) = (opts.level, &opts.highlight);
            self.selection
                .retain(|a| highlight.contains(&a) || level_of(a) == level);
        }
        let base_changed = prev.as_ref().is_none_or(|p| p.base_year != opts.base_year);
        if base_changed {
            self.base_year = opts.base_year;
        } else {
            self.base_year = self.base_year.filter(|b| years.contains(b));
        }
        if prev.as_ref().is_none_or(|p| p.level != opts.level) {
            self.focused = None;
            self.trend_cursor = None;
            self.last_move = None;
            self.chart_cursor = None;
        }
        self.hovered = None;
        self.playing = false;
        self.years = years;
        self.opts = Some(opts);
        let mut fx = Effects::dirty(Dirty::ALL);
        fx.tip = Tip::Hide;
        if prev.is_some() && selected_changed {
            fx.emit.push(Emit::SelectionChanged);
        }
        fx
    }

    fn years_of(&self, view: ViewKind) -> Vec<u16> {
        self.view_years
            .iter()
            .find(|v| v.0 == view)
            .map(|v| v.1.clone())
            .unwrap_or_default()
    }

    /// Shows another tab's view; the year moves to the nearest it has.
    fn tab(&mut self, view: ViewKind) -> Effects {
        let offered = self.opts.as_ref().is_some_and(|o| o.tabs.contains(&view));
        if !offered || view == self.view {
            return Effects {
                used: offered,
                ..Effects::default()
            };
        }
        self.view = view;
        self.years = self.years_of(view);
        self.hovered = None;
        self.playing = false;
        let mut fx = Effects::dirty(Dirty::ALL);
        fx.tip = Tip::Hide;
        fx.trend_clear = true;
        if !self.years.contains(&self.year) {
            if let Some(y) = nearest_year(&self.years, self.year) {
                self.year = y;
                fx.emit.push(Emit::YearChanged(y));
            }
        }
        fx
    }

    /// Keyboard focus moves to a bar or point: tooltip and announcement.
    fn chart_to(&mut self, area: AreaId) -> Effects {
        self.chart_cursor = Some(area);
        self.hovered = Some(area);
        let mut fx = Effects::dirty(Dirty {
            overlay: true,
            ..Dirty::default()
        });
        fx.tip = Tip::Anchor(area);
        fx.say = Some(Say::Area(area));
        fx
    }

    fn set_year(&mut self, year: u16) -> Effects {
        if !self.years.contains(&year) {
            return Effects::default();
        }
        if year == self.year {
            return Effects {
                used: true,
                ..Effects::default()
            };
        }
        self.year = year;
        self.year_moved = true;
        let mut fx = Effects::dirty(Dirty::year());
        fx.tip = Tip::Hide;
        fx.emit.push(Emit::YearChanged(year));
        fx
    }

    fn hover(&mut self, hit: Option<AreaId>) -> Effects {
        if hit == self.hovered {
            return Effects::default();
        }
        self.hovered = hit;
        Effects::dirty(Dirty {
            overlay: true,
            trend_soon: true,
            ..Dirty::default()
        })
    }

    fn toggle(&mut self, area: AreaId) -> Effects {
        self.selection.toggle(area);
        let mut fx = Effects::dirty(Dirty::selection());
        fx.emit.push(Emit::SelectionChanged);
        fx.say = (self.focused == Some(area) && self.map_has_focus).then_some(Say::Area(area));
        fx
    }

    /// Keyboard focus moves to an area: ring, tooltip, listbox, announcement.
    fn focus(&mut self, area: AreaId) -> Effects {
        self.focused = Some(area);
        let mut fx = Effects::dirty(Dirty {
            overlay: true,
            keys: true,
            ..Dirty::default()
        });
        fx.tip = Tip::Anchor(area);
        fx.say = Some(Say::Area(area));
        fx
    }

    fn map_focus(&mut self, on: bool, map: &MapCtx) -> Effects {
        self.map_has_focus = on;
        if !on {
            let mut fx = Effects::dirty(Dirty {
                overlay: true,
                ..Dirty::default()
            });
            fx.tip = Tip::Hide;
            return fx;
        }
        let in_focus = |a: AreaId| map.layer.get(a).is_some_and(|x| x.in_focus);
        let first_in_focus = |areas: &[AreaId]| areas.iter().copied().find(|&a| in_focus(a));
        let highlight = self.opts.as_ref().map_or(&[][..], |o| &o.highlight[..]);
        let start = self
            .focused
            .filter(|&f| in_focus(f))
            .or_else(|| first_in_focus(self.selection.areas()))
            .or_else(|| first_in_focus(highlight))
            .or_else(|| {
                let order = nav::by_name(map.layer, |i| (map.name)(map.layer.areas[i].id));
                order.first().map(|&i| map.layer.areas[i].id)
            });
        match start {
            Some(a) => self.focus(a),
            None => Effects::default(),
        }
    }

    fn map_key(&mut self, key: &str, modified: bool, now: f64, map: &MapCtx) -> Effects {
        let layer = map.layer;
        let cur = self
            .focused
            .and_then(|f| layer.areas.iter().position(|a| a.id == f));
        let name = |i: usize| (map.name)(layer.areas[i].id);
        let order = nav::by_name(layer, name);
        let mut moved = None;
        let target = if let Some(dir) = Dir::from_key(key) {
            match (cur, self.last_move) {
                // The opposite arrow retraces the last step, so moves are reversible.
                // (By area, not index: a new year can renumber the layer's areas.)
                (Some(c), Some((from, d))) if d.opposite() == dir && layer.get(from).is_some() => {
                    layer.areas.iter().position(|a| a.id == from).or(Some(c))
                }
                (Some(c), _) => {
                    let next = nav::step(layer, map.fit, map.inset, c, dir);
                    moved = next.map(|_| (layer.areas[c].id, dir));
                    next.or(Some(c))
                }
                (None, _) => order.first().copied(),
            }
        } else {
            match key {
                "Home" => order.first().copied(),
                "End" => order.last().copied(),
                // A space within a typed name is part of it ("north e").
                " " if !self.typed.is_empty() && now - self.typed_at <= TYPE_AHEAD_MS => {
                    self.typed_at = now;
                    self.typed.push(' ');
                    nav::find_by_prefix(&order, name, &self.typed, cur)
                }
                "Enter" | " " => {
                    return match self.focused {
                        Some(f) => {
                            let mut fx = self.toggle(f);
                            fx.say = Some(Say::Area(f));
                            fx
                        }
                        None => Effects {
                            used: true,
                            ..Effects::default()
                        },
                    };
                }
                "Escape" => {
                    self.hovered = None;
                    let mut fx = Effects::dirty(Dirty {
                        overlay: true,
                        ..Dirty::default()
                    });
                    fx.tip = Tip::Hide;
                    return fx;
                }
                k if !modified && k.chars().count() == 1 && !k.starts_with(' ') => {
                    if now - self.typed_at > TYPE_AHEAD_MS {
                        self.typed.clear();
                    }
                    self.typed_at = now;
                    self.typed.push_str(k);
                    nav::find_by_prefix(&order, name, &self.typed, cur)
                }
                _ => return Effects::default(),
            }
        };
        self.last_move = moved;
        match target {
            Some(i) => self.focus(layer.areas[i].id),
            None => Effects {
                used: true,
                ..Effects::default()
            },
        }
    }

    fn move_trend_cursor(&mut self, (year, line): (u16, usize), t: &TrendCtx) -> Effects {
        if t.lines.is_empty() {
            return Effects::default();
        }
        let year = year.clamp(t.first, t.last);
        let line = line.min(t.lines.len() - 1);
        self.trend_cursor = Some((year, line));
        let area = t.lines[line];
        let mut fx = Effects {
            used: true,
            trend_cursor: true,
            say: Some(Say::TrendValue { area, year }),
            ..Effects::default()
        };
        if self.hovered != Some(area) {
            self.hovered = Some(area);
            fx.dirty.overlay = true;
        }
        fx
    }
}
