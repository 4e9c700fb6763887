//! The widget's stylesheet, scoped by its shadow root: the page's CSS does
//! not reach in, ours does not leak out. Theme colours are written from
//! [`crate::scale::theme`], so the canvases and the HTML share one source;
//! a page may override them with `--care-atlas-text`, `--care-atlas-background`,
//! `--care-atlas-muted` and `--care-atlas-accent`.

use crate::scale::format::shortest;
use crate::scale::theme::{Theme, DARK, LIGHT, SLOTS};
use crate::view::layout::{GAP, TIP_MARGIN, ZOOM_BUTTON, ZOOM_GAP, ZOOM_INSET};

fn vars(t: &Theme) -> String {
    let mut out = String::new();
    for s in &SLOTS {
        let c = (s.get)(t);
        out += &match s.page {
            Some(p) => format!("--ca-{}: var(--care-atlas-{p}, {c}); ", s.name),
            None => format!("--ca-{}: {c}; ", s.name),
        };
    }
    out
}

pub fn css() -> String {
    // The theme comes from the parsed `theme` option, set on the frame as
    // `data-theme`, so what is validated is what is drawn ("Dark" included).
    format!(
        ".frame {{ {light} color-scheme: light; }}\n\
         .frame[data-theme=\"dark\"] {{ {dark} color-scheme: dark; }}\n\
         @media (prefers-color-scheme: dark) {{ .frame[data-theme=\"auto\"] {{ {dark} color-scheme: dark; }} }}\n\
         .body.wide.map-trend {{ display: grid; grid-template-columns: var(--map-w) 1fr; column-gap: {GAP}px; align-items: start; }}\n\
         .zoom {{ position: absolute; top: {ZOOM_INSET}px; right: {ZOOM_INSET}px; display: flex; flex-direction: column; gap: {ZOOM_GAP}px; z-index: 1; }}\n\
         .zoom button {{ width: {ZOOM_BUTTON}px; height: {ZOOM_BUTTON}px; padding: 0; line-height: 1; font-size: 16px; font-weight: 700; }}\n\
         .tip, .yeartip {{ max-width: min(17em, calc(100% - {TIP_MARGINS}px)); }}\n{RULES}",
        light = vars(&LIGHT),
        dark = vars(&DARK),
        // Printed as `{}` would, without Rust's float printing in the module.
        GAP = shortest(GAP),
        ZOOM_INSET = shortest(ZOOM_INSET),
        ZOOM_GAP = shortest(ZOOM_GAP),
        ZOOM_BUTTON = shortest(ZOOM_BUTTON),
        // The tooltip's placement (TipAxis) keeps this margin on both sides.
        TIP_MARGINS = shortest(2.0 * TIP_MARGIN),
    )
}

const RULES: &str = r#"
:host { display: block; font: inherit; contain: layout style; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.frame { background: var(--ca-bg); color: var(--ca-text); letter-spacing: normal; word-spacing: normal; text-transform: none; text-align: start; text-indent: 0; white-space: normal; font-style: normal; font-weight: normal; direction: ltr; }
.title { font-weight: 700; font-size: 1.05em; margin: 0 0 .5em; line-height: 1.3; }
.summary { margin: 0 0 .75em; line-height: 1.45; }
[hidden] { display: none !important; }
.message { border: 2px solid #b10e1e; color: #6b0010; background: #fff4f4; padding: .75em 1em; margin: 0 0 .75em; line-height: 1.4; }
.loading { margin: 0 0 .75em; padding: 2em 1em; border: 1px dashed var(--ca-muted); color: var(--ca-text); text-align: center; line-height: 1.4; }
.warnings { border: 2px solid #8a4b00; background: color-mix(in srgb, #f5b06b 14%, var(--ca-bg)); padding: .5em 1em; margin: 0 0 .75em; font-size: .9em; line-height: 1.4; }
.warnings p { margin: 0 0 .25em; font-weight: 700; }
.warnings ul { margin: 0; padding-left: 1.2em; }
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: .5em 1em; margin: 0 0 .75em; font-size: .9em; }
.controls label { display: inline-flex; align-items: center; gap: .4em; min-height: 24px; }
.year { display: inline-flex; align-items: center; gap: .5em; flex: 1 1 16em; }
.exports { display: inline-flex; flex-wrap: wrap; gap: .5em; }
.year input[type=range] { flex: 1; min-width: 6em; height: 24px; accent-color: var(--ca-accent); margin: 0; }
.year output { font-variant-numeric: tabular-nums; font-weight: 700; min-width: 2.6em; }
button { font: inherit; color: var(--ca-text); background: var(--ca-bg); border: 1px solid var(--ca-muted); border-radius: 4px;
  min-height: 24px; min-width: 24px; padding: .2em .6em; cursor: pointer; }
button:hover { background: color-mix(in srgb, var(--ca-muted) 12%, var(--ca-bg)); }
button:focus-visible, input:focus-visible, canvas:focus-visible, th button:focus-visible { outline: 3px solid var(--ca-focus); outline-offset: 2px; }
input[type=checkbox] { flex: none; width: 24px; height: 24px; accent-color: var(--ca-accent); margin: 0; }
.body { display: block; }
.part { min-width: 0; }
.map-wrap { position: relative; overflow: hidden; }
canvas { display: block; }
.map-wrap svg.overlay { position: absolute; left: 0; top: 0; touch-action: pan-x pan-y; cursor: pointer; overflow: hidden; }
.map-wrap svg.overlay.zoomed { touch-action: none; cursor: grab; }
.zoom button:disabled { opacity: .45; cursor: default; }
.map-wrap svg.overlay * { pointer-events: none; }
.tip, .yeartip { position: absolute; pointer-events: none; z-index: 2; background: var(--ca-bg); color: var(--ca-text);
  border: 1px solid var(--ca-muted); border-radius: 4px; padding: .4em .6em; font-size: .875em; line-height: 1.35;
  box-shadow: 0 2px 6px rgba(0,0,0,.25); }
.tip strong, .yeartip strong { display: block; }
.tip .v { font-weight: 700; font-size: 1.1em; }
.tip .d { color: var(--ca-muted); font-size: .9em; }
.yeartip ul { list-style: none; margin: .2em 0 0; padding: 0; }
.yeartip li { white-space: nowrap; }
.trend-readout { margin: .3em 0 0; font-size: .875em; }
.trend-readout strong { margin-right: .5em; }
.trend-readout ul { display: inline; margin: 0; padding: 0; list-style: none; }
.trend-readout li { display: inline-block; margin-right: 1em; }
.trend-note { margin: .3em 0 0; font-size: .8em; color: var(--ca-muted); }
.mark { position: absolute; width: 0; border-left: 2px solid var(--ca-muted); pointer-events: none; padding-left: 3px; font-size: 11px; line-height: 1; white-space: nowrap; color: var(--ca-text); }
.yeartip .k, .trend-readout .k { display: inline-block; width: .8em; height: .25em; vertical-align: middle; margin-right: .4em; }
.legend { display: flex; flex-wrap: wrap; gap: .25em 1em; margin: .5em 0 1em; padding: 0; list-style: none; font-size: .875em; }
.legend-title { flex-basis: 100%; color: var(--ca-muted); }
.legend li { display: flex; align-items: center; gap: .4em; }
.legend .n { color: var(--ca-muted); }
.sw { width: 1.1em; height: 1.1em; border: 1px solid var(--ca-muted); flex: none; }
.sw.nodata { background: repeating-linear-gradient(45deg, var(--ca-hatch) 0 1.5px, var(--ca-no-data) 1.5px 5px); }
.sw.nodata.suppressed { background: repeating-linear-gradient(45deg, var(--ca-hatch) 0 1.5px, transparent 1.5px 6px), repeating-linear-gradient(-45deg, var(--ca-hatch) 0 1.5px, var(--ca-no-data) 1.5px 6px); }
.sw.nodata.notlive { background: repeating-linear-gradient(45deg, var(--ca-hatch) 0 1.5px, var(--ca-no-data) 1.5px 10px); }
.trend-title { margin: 0 0 .25em; font-size: .95em; font-weight: 700; }
.trend-plot { position: relative; }
.trend-plot canvas { touch-action: pan-y; }
.labels { position: absolute; inset: 0; pointer-events: none; font-size: 12px; line-height: 16px; color: var(--ca-muted); }
.labels span { position: absolute; white-space: nowrap; }
.labels .y { transform: translate(-100%, -50%); }
.labels .x { transform: translate(-50%, 0); }
.labels .end { transform: translate(0, -50%); font-weight: 700; white-space: pre; }
.labels .end.england { color: var(--ca-text); }
.labels .end.region { color: var(--ca-region); }
.neighbours { margin: .5em 0 0; }
.neighbours-title { margin: 0 0 .3em; font-weight: 700; }
.neighbours ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3em; }
.neighbours button { text-align: start; }
.neighbours button[aria-pressed=true] { font-weight: 700; border-width: 2px; }
.labels .end.neighbours { color: var(--ca-muted); font-style: italic; }
.rule { position: absolute; top: 10px; width: 0; border-left: 1px dashed var(--ca-muted); pointer-events: none; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9em; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 700; margin-bottom: .4em; }
th, td { text-align: left; padding: .3em .5em; border-bottom: 1px solid var(--ca-grid); vertical-align: top; }
td.num, th.num { text-align: right; }
th button { border: 0; background: none; padding: 0; font-weight: 700; min-height: 24px; text-align: inherit; }
th[aria-sort] button::after { content: " ↕" / ""; color: var(--ca-muted); }
th[aria-sort="ascending"] button::after { content: " ↑" / ""; }
th[aria-sort="descending"] button::after { content: " ↓" / ""; }
tr.benchmark td { font-weight: 700; border-bottom: 2px solid var(--ca-muted); }
td .note { color: var(--ca-muted); font-size: .9em; }
.source { margin: .75em 0 0; font-size: .8em; color: var(--ca-muted); line-height: 1.4; }
.keys { position: absolute; inset: 0; pointer-events: none; border-radius: 2px; }
.keys:focus { outline: none; }
.keys:focus-visible { outline: 3px solid var(--ca-focus); outline-offset: -3px; }
.keys [role=option] { width: 1px; height: 1px; margin-bottom: -1px; overflow: clip; color: transparent; forced-color-adjust: none; white-space: nowrap; }
.picker select, .measure-picker select { font: inherit; color: var(--ca-text); background: var(--ca-bg); border: 1px solid var(--ca-muted); border-radius: 4px; min-height: 24px; max-width: 14em; }
.picker select { width: 14em; max-width: 100%; }
.controls .measure-picker { max-width: 100%; min-width: 0; }
.measure-picker select { max-width: 24em; min-width: 0; flex: 1 1 auto; width: 100%; }
.tabs { display: flex; flex-wrap: wrap; gap: .25em; margin: 0 0 .75em; border-bottom: 1px solid var(--ca-muted); }
.tabs [role=tab] { border: 1px solid transparent; border-bottom: 0; border-radius: 4px 4px 0 0; margin-bottom: -1px; padding: .3em .8em; min-height: 32px; color: var(--ca-muted); }
.tabs [role=tab][aria-selected=true] { border-color: var(--ca-muted); border-bottom: 2px solid var(--ca-bg); color: var(--ca-text); font-weight: 700; }
.tabs [role=tab]:focus-visible { outline: 3px solid var(--ca-focus); outline-offset: -3px; }
.chart-wrap { position: relative; }
.chart-wrap canvas { touch-action: pan-y; cursor: pointer; }
.chart-wrap .labels { font-size: 12px; }
.labels .name { transform: translate(-100%, -50%); max-width: 40%; overflow: hidden; text-overflow: ellipsis; color: var(--ca-text); }
.labels .strong { font-weight: 700; }
.labels .val { transform: translate(0, -50%); color: var(--ca-text); }
.labels .ref { transform: translate(3px, 0); font-weight: 700; }
.labels .ref.left { transform: translate(calc(-100% - 3px), 0); }
.labels .axis-x { transform: translate(-100%, 0); color: var(--ca-text); }
.labels .axis-y { color: var(--ca-text); }
.labels .pname { transform: translate(0, -50%); color: var(--ca-text); }
.labels .pname.left { transform: translate(-100%, -50%); }
.chart-note { font-size: .9em; line-height: 1.45; margin: .5em 0; }
.chart-note p { margin: 0 0 .4em; }
details { margin: .5em 0; font-size: .95em; }
summary { cursor: pointer; min-height: 24px; }
summary:focus-visible { outline: 3px solid var(--ca-focus); outline-offset: 2px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
"#;
