//! The widget's stylesheet, scoped by its shadow root: the page's CSS does
//! not reach in, ours does not leak out. Colours come from custom properties
//! a host page may set (`--care-atlas-text`, `--care-atlas-accent`, …).

pub const CSS: &str = r#"
:host { display: block; font: inherit; color: var(--care-atlas-text, #1b1b1b);
  --ca-bg: var(--care-atlas-background, #ffffff); --ca-muted: var(--care-atlas-muted, #505a5f);
  --ca-accent: var(--care-atlas-accent, #b3125a); contain: content; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.frame { background: var(--ca-bg); container-type: inline-size; }
.title { font-weight: 700; font-size: 1.05em; margin: 0 0 .5em; line-height: 1.3; }
.message { border: 2px solid #b10e1e; color: #6b0010; background: #fff4f4; padding: .75em 1em; margin: 0 0 .75em; line-height: 1.4; }
.message[hidden], .tip[hidden], .body[hidden] { display: none; }
.map-wrap { position: relative; }
.body.wide { display: grid; grid-template-columns: var(--map-w) 1fr; grid-template-rows: auto 1fr; column-gap: 24px; align-items: start; }
.body.wide .map-wrap { grid-row: 1 / span 2; }
.body.wide .legend { margin-top: 0; }
canvas { display: block; }
.map { touch-action: manipulation; cursor: crosshair; }
.tip { position: absolute; pointer-events: none; z-index: 2; max-width: 16em; background: var(--ca-bg); color: inherit;
  border: 1px solid var(--ca-muted); border-radius: 4px; padding: .4em .6em; font-size: .875em; line-height: 1.35;
  box-shadow: 0 2px 6px rgba(0,0,0,.2); }
.tip strong { display: block; }
.tip .v { font-weight: 700; font-size: 1.1em; }
.tip .d { color: var(--ca-muted); font-size: .9em; }
.legend { display: flex; flex-wrap: wrap; gap: .25em 1em; margin: .5em 0 1em; padding: 0; list-style: none; font-size: .875em; }
.legend-title { flex-basis: 100%; color: var(--ca-muted); }
.legend li { display: flex; align-items: center; gap: .4em; }
.sw { width: 1.1em; height: 1.1em; border: 1px solid var(--ca-muted); flex: none; }
.sw.nodata { background: repeating-linear-gradient(45deg, #d4d4d4 0 3px, #ffffff 3px 6px); }
.trend-title { margin: 0 0 .25em; font-size: .95em; font-weight: 700; }
.trend-plot { position: relative; }
.labels { position: absolute; inset: 0; pointer-events: none; font-size: 12px; line-height: 16px; color: var(--ca-muted); }
.labels span { position: absolute; white-space: nowrap; }
.labels .y { transform: translate(-100%, -50%); }
.labels .x { transform: translate(-50%, 0); }
.labels .end { transform: translate(0, -50%); font-weight: 700; }
.labels .end.focus { color: var(--ca-accent); }
.labels .end.england { color: var(--care-atlas-text, #1b1b1b); }
.source { margin: .75em 0 0; font-size: .8em; color: var(--ca-muted); line-height: 1.4; }
"#;
