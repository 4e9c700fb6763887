//! The site's pages, rendered when the site is built: `www/pages/*.html`
//! inside `www/layout.html`, with `{{key}}`s filled from the bundle (the
//! story's figures, the gallery, the builder's choices, the reference tables,
//! the sources). A key the page uses and the build does not know fails the
//! build, so nothing on the site is typed in that the bundle can say.

use crate::html::{self, Token};
use crate::story::{self, escape, Figures};
use care_atlas::data::{Bundle, Level};
use care_atlas::view::options::{self, Options};
use std::collections::BTreeMap;
use std::path::Path;

/// The pages, in the navigation's order: file, link text.
pub const PAGES: [(&str, &str); 6] = [
    ("index.html", "The North East story"),
    ("neighbours.html", "Compared with whom"),
    ("gallery.html", "Gallery"),
    ("builder.html", "Embed builder"),
    ("api.html", "API reference"),
    ("data.html", "Data and licence"),
];

/// Where the snippets tell people to load the package from.
pub fn cdn_url(version: &str, file: &str) -> String {
    format!("https://cdn.jsdelivr.net/npm/care-atlas@{version}/{file}")
}

/// Fills a template's `{{key}}`s with upon. A key is its whole dotted path
/// (`cla_rate.ne.last`), looked up as written; an unknown key, an unclosed
/// `{{` or any other template syntax is an error. Values are put in as they
/// are (they are HTML already: escape text before it becomes one).
pub fn fill(template: &str, keys: &BTreeMap<String, String>) -> Result<String, String> {
    let engine = upon::Engine::new();
    let compiled = engine.compile(template).map_err(|e| format!("{e:#}"))?;
    compiled
        .render_from_fn(&engine, |path| {
            let key: Vec<String> = path
                .iter()
                .map(|m| match m.access {
                    upon::ValueAccess::Key(k) => k.to_string(),
                    upon::ValueAccess::Index(i) => i.to_string(),
                })
                .collect();
            let key = key.join(".");
            keys.get(&key)
                .map(|v| upon::Value::String(v.clone()))
                .ok_or_else(|| format!("unknown key {{{{{key}}}}}"))
        })
        .to_string()
        .map_err(|e| format!("{e:#}"))
}

/// Splits a page into its header lines (`title: …`) and its body.
fn front_matter(page: &str) -> (BTreeMap<String, String>, &str) {
    let mut meta = BTreeMap::new();
    let mut body = page;
    while let Some((line, rest)) = body.split_once('\n') {
        match line.split_once(": ") {
            Some((k, v)) if !line.starts_with('<') && !k.contains(' ') => {
                meta.insert(k.to_string(), v.trim().to_string());
                body = rest;
            }
            _ => break,
        }
    }
    (meta, body.trim_start())
}

fn nav(current: &str) -> String {
    let items: String = PAGES
        .iter()
        .map(|(file, text)| {
            let href = if *file == "index.html" { "./" } else { file };
            let here = if *file == current {
                r#" aria-current="page""#
            } else {
                ""
            };
            format!(r#"<li><a href="{href}"{here}>{text}</a></li>"#)
        })
        .collect();
    format!("<ul>{items}</ul>")
}

/// `name="value"` pairs of an embed, as written in a gallery line: read as
/// the attributes of a `<care-atlas>` start tag, so they mean what they
/// will mean on the page. Anything that is not attributes alone, or that the
/// HTML tokenizer reports an error in (a quote never closed, a name given
/// twice), is an error.
fn parse_attributes(s: &str) -> Result<Vec<(String, String)>, String> {
    match &html::tokens(&format!("<care-atlas {s}>"))[..] {
        [Token::Start { attrs, .. }] => Ok(attrs.clone()),
        tokens => Err(match tokens.iter().find(|t| matches!(t, Token::Error(_))) {
            Some(e) => format!("{e} in {s:?}"),
            None => format!("expected name=\"value\" pairs only in {s:?}"),
        }),
    }
}

fn element(attrs: &[(String, String)]) -> String {
    let a: String = attrs
        .iter()
        .map(|(k, v)| format!(" {k}=\"{}\"", escape(v)))
        .collect();
    format!("<care-atlas{a}></care-atlas>")
}

/// Checks an embed's attributes as the widget will, so the site never
/// ships one that shows an error.
fn validate(b: &Bundle, attrs: &[(String, String)]) -> Result<(), String> {
    for (k, _) in attrs {
        if care_atlas::view::attributes::get(k).is_none() {
            return Err(format!(
                "unknown attribute {k:?}; the element reads {:?}",
                care_atlas::view::attributes::names().collect::<Vec<_>>()
            ));
        }
    }
    Options::parse(b, |name| {
        attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    })
    .map(|_| ())
    .map_err(|e| e.message)
}

/// The gallery from `www/gallery.txt`: one embed per line, `caption | attributes`.
fn gallery(b: &Bundle, text: &str, version: &str) -> Result<String, String> {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (caption, attrs) = line.split_once('|').ok_or(format!(
            "gallery.txt line {}: expected caption | attributes",
            i + 1
        ))?;
        let attrs = parse_attributes(attrs)
            .and_then(|a| validate(b, &a).map(|()| a))
            .map_err(|e| format!("gallery.txt line {}: {e}", i + 1))?;
        let snippet = snippet(version, &attrs);
        out += &format!(
            "<figure class=\"embed\">\n<figcaption>{}</figcaption>\n{}\n\
             <details><summary>Embed code<span class=\"visually-hidden\">: {}</span></summary>\
             <pre><code>{}</code></pre></details>\n</figure>\n",
            escape(caption.trim()),
            element(&attrs),
            escape(caption.trim()),
            escape(&snippet)
        );
    }
    Ok(out)
}

/// The two lines a user pastes.
pub fn snippet(version: &str, attrs: &[(String, String)]) -> String {
    format!(
        "<script type=\"module\" src=\"{}\"></script>\n{}",
        cdn_url(version, "care-atlas.js"),
        element(attrs)
    )
}

/// One choice of an enumerated attribute.
struct Choice {
    value: String,
    label: String,
}

/// What the builder offers for an attribute, and what the reference lists.
/// The one place the site learns which values each attribute takes: from
/// the bundle and the crate's option lists. An attribute the element reads
/// that is not known here still gets a text field and a row.
fn choices(b: &Bundle, attr: &str) -> Option<Vec<Choice>> {
    let c = |value: &str, label: &str| Choice {
        value: value.to_string(),
        label: label.to_string(),
    };
    Some(match attr {
        "measure" => b.measures.iter().map(|m| c(&m.id, &m.label)).collect(),
        // The scatter's axes: numbers only (a judgement is refused).
        "x" | "y" => b
            .measures
            .iter()
            .filter(|m| m.kind != care_atlas::data::Kind::Category)
            .map(|m| c(&m.id, &m.label))
            .collect(),
        "tabs" => [
            "map,trend,bars,scatter,table",
            "map,bars,scatter",
            "map,trend,table",
            "bars,scatter",
        ]
        .iter()
        .map(|k| c(k, k))
        .collect(),
        "level" => options::MAP_LEVELS
            .iter()
            .map(|l| c(l.keyword(), l.keyword()))
            .collect(),
        "highlight" => b
            .areas
            .iter()
            .filter(|a| a.level != Level::Country)
            .map(|a| c(&a.code, &format!("{} ({})", a.name, a.code)))
            .collect(),
        "focus" => b
            .areas
            .iter()
            .filter(|a| a.level == Level::Region)
            .map(|a| c(&a.code, &format!("{} ({})", a.name, a.code)))
            .collect(),
        "selected" => b
            .areas
            .iter()
            .filter(|a| a.level != Level::Country)
            .map(|a| c(&a.code, &format!("{} ({})", a.name, a.code)))
            .collect(),
        "view" => options::ViewKind::ALL
            .iter()
            .map(|v| c(v.keyword(), v.keyword()))
            .collect(),
        "theme" => options::Theme::ALL
            .iter()
            .map(|t| c(t.keyword(), t.keyword()))
            .collect(),
        "palette" => care_atlas::scale::palette::SEQUENTIAL
            .iter()
            .map(|p| c(p.name, p.name))
            .collect(),
        "classes" => options::CLASS_KEYWORDS.iter().map(|k| c(k, k)).collect(),
        "summary" => ["hide", "show"].iter().map(|k| c(k, k)).collect(),
        // From the one attribute table, so a new keyword reaches the builder.
        "compare" | "neighbour-model" | "neighbour-stat" => {
            let a = care_atlas::view::attributes::get(attr)?;
            a.keywords().iter().map(|k| c(k, k)).collect()
        }
        // Years depend on the measure: the builder reads them from `years`.
        _ => return None,
    })
}

/// Years with data, per measure, as JSON for the builder's script.
fn years_json(b: &Bundle) -> String {
    let map: serde_json::Map<String, serde_json::Value> = b
        .measure_ids()
        .map(|m| (b.measure(m).id.clone(), serde_json::json!(b.years_of(m))))
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// For a measure's option: where its figures are published, for the
/// snippet's fallback link (`data-source-url`, `data-source-title`).
fn source_data(b: &Bundle, attr: &str, value: &str) -> String {
    let source = (attr == "measure")
        .then(|| b.measures.iter().find(|m| m.id == value))
        .flatten()
        .and_then(|m| b.sources.get(usize::from(m.source)));
    match source {
        Some(s) => format!(
            " data-source-url=\"{}\" data-source-title=\"{}\"",
            escape(&s.url),
            escape(&format!("{}: {}", s.publisher, s.publication))
        ),
        None => String::new(),
    }
}

/// The builder's form: one control per attribute the element reads.
fn builder_controls(b: &Bundle) -> String {
    let mut out = String::new();
    for attr in care_atlas::view::attributes::names() {
        let id = format!("b-{attr}");
        let control = if attr == "year" {
            format!(
                "<select id=\"{id}\" data-attr=\"year\" data-years=\"{}\" aria-describedby=\"{id}-hint\">\
                 <option value=\"\">The latest</option></select>\
                 <p class=\"hint\" id=\"{id}-hint\">Years with data for the chosen measure.</p>",
                escape(&years_json(b))
            )
        } else if let Some(list) = choices(b, attr) {
            let none = if matches!(attr, "highlight" | "selected" | "focus" | "tabs") {
                "<option value=\"\">None</option>"
            } else if matches!(attr, "x" | "y") {
                "<option value=\"\">The default</option>"
            } else {
                ""
            };
            let opts: String = list
                .iter()
                .map(|c| {
                    format!(
                        "<option value=\"{}\"{}>{}</option>",
                        escape(&c.value),
                        source_data(b, attr, &c.value),
                        escape(&c.label)
                    )
                })
                .collect();
            // Left out of the snippet when chosen: the element's own default.
            // The element's own defaults are left out of the snippet.
            let default = Options::parse(b, |_| None)
                .ok()
                .and_then(|o| match attr {
                    "level" => Some(o.level.keyword().to_string()),
                    "view" => Some(o.view.keyword().to_string()),
                    "theme" => Some(o.theme.keyword().to_string()),
                    "palette" => Some(o.palette.name.to_string()),
                    "classes" => Some(options::CLASS_KEYWORDS[0].to_string()),
                    "summary" => Some(if o.summary { "show" } else { "hide" }.to_string()),
                    "compare" => Some(o.compare.keyword().to_string()),
                    "neighbour-model" => Some(o.neighbour_model.keyword().to_string()),
                    "neighbour-stat" => Some(o.neighbour_stat.keyword().to_string()),
                    _ => None,
                })
                .map(|d| format!(" data-default=\"{d}\""))
                .unwrap_or_default();
            format!("<select id=\"{id}\" data-attr=\"{attr}\"{default}>{none}{opts}</select>")
        } else {
            format!("<input id=\"{id}\" data-attr=\"{attr}\" type=\"text\" autocomplete=\"off\">")
        };
        out += &format!(
            "<div class=\"field\"><label for=\"{id}\"><code>{attr}</code></label>{control}</div>\n"
        );
    }
    out
}

/// The reference table of attributes, generated from the same lists.
fn attribute_rows(b: &Bundle) -> String {
    let mut out = String::new();
    for attr in care_atlas::view::attributes::names() {
        let values = match (attr, choices(b, attr)) {
            ("year", _) => {
                let per: Vec<String> = b
                    .measure_ids()
                    .map(|m| {
                        format!(
                            "<code>{}</code>: {}",
                            b.measure(m).id,
                            options::year_list(&b.years_of(m))
                        )
                    })
                    .collect();
                format!("A year with data for the measure. {}.", per.join("; "))
            }
            (_, Some(list)) => {
                let items: Vec<String> = list
                    .iter()
                    .map(|c| {
                        if c.value == c.label {
                            format!("<code>{}</code>", escape(&c.value))
                        } else {
                            format!("<code>{}</code> {}", escape(&c.value), escape(&c.label))
                        }
                    })
                    .collect();
                let sep = if matches!(attr, "highlight" | "selected") {
                    "Area codes, separated by commas: "
                } else {
                    ""
                };
                format!("{sep}{}", items.join(", "))
            }
            (_, None) => "See the README.".to_string(),
        };
        // Defaults as the element itself resolves them with no attributes.
        let default = match (attr, Options::parse(b, |_| None)) {
            ("measure", Ok(o)) => format!("<code>{}</code>", escape(&b.measure(o.measure).id)),
            ("year", _) => "the latest year with data".to_string(),
            ("level", Ok(o)) => format!("<code>{}</code>", o.level.keyword()),
            ("highlight", Ok(o)) if o.highlight.is_empty() => "none".to_string(),
            ("selected" | "focus" | "base-year" | "height" | "data-src", _) => "none".to_string(),
            ("view", Ok(o)) => format!("<code>{}</code>", o.view.keyword()),
            ("theme", Ok(o)) => format!("<code>{}</code>", o.theme.keyword()),
            ("palette", Ok(o)) => format!("<code>{}</code>", o.palette.name),
            ("classes", _) => "<code>equal</code>".to_string(),
            ("summary", Ok(o)) => {
                format!("<code>{}</code>", if o.summary { "show" } else { "hide" })
            }
            _ => String::new(),
        };
        out += &format!(
            "<tr><th scope=\"row\"><code>{attr}</code></th><td>{values}</td><td>{default}</td></tr>\n"
        );
    }
    out
}

/// Measures and sources, from the bundle, for the data page.
fn sources(b: &Bundle) -> String {
    let mut out = String::from("<dl class=\"measures\">\n");
    for (i, m) in b.measures.iter().enumerate() {
        let src = b.sources.get(usize::from(m.source));
        out += &format!(
            "<dt><code>{}</code>: {}, {}</dt>\n<dd>{} Years: {}. Published by {}{}.</dd>\n",
            escape(&m.id),
            escape(&m.label),
            escape(&m.unit),
            escape(&m.definition),
            options::year_list(&b.years_of(care_atlas::data::MeasureId(i as u16))),
            src.map_or(String::new(), |s| escape(&s.publisher)),
            src.map_or(String::new(), |s| format!(
                " in <a href=\"{}\"><cite>{}</cite></a>, {}",
                escape(&s.url),
                escape(&s.publication),
                escape(&s.licence)
            )),
        );
    }
    out + "</dl>"
}

fn version_keys(version: &str) -> BTreeMap<String, String> {
    let mut k = BTreeMap::new();
    k.insert("version".into(), escape(version));
    k.insert("cdn.entry".into(), cdn_url(version, "care-atlas.js"));
    k.insert(
        "cdn.standalone".into(),
        cdn_url(version, crate::standalone::FILE),
    );
    k
}

/// The site's credit for every publisher in the bundle (each widget credits
/// only its own measure's): "Source: A; B; C. Open Government Licence v3.0."
/// and the boundaries' attribution.
fn site_attribution(b: &Bundle) -> String {
    let mut publishers: Vec<&str> = Vec::new();
    for s in &b.sources {
        if !publishers.contains(&s.publisher.as_str()) {
            publishers.push(&s.publisher);
        }
    }
    format!(
        "Source: {}. Open Government Licence v3.0. {}",
        publishers.join("; "),
        b.attribution
    )
}

/// Renders every page of `www/pages/` into `out`.
pub fn render(root: &Path, out: &Path, version: &str) -> Result<(), String> {
    let www = root.join("www");
    let read = |p: &str| std::fs::read_to_string(www.join(p)).map_err(|e| format!("www/{p}: {e}"));
    let b = care_atlas::data::complete().map_err(|e| e.to_string())?;
    let mut keys = Figures::new(&b)?.keys()?;
    keys.extend(story::Neighbourhood::new(&b)?.keys()?);
    keys.extend(version_keys(version));
    keys.insert("attribution".into(), escape(&site_attribution(&b)));
    keys.insert(
        "gallery".into(),
        gallery(&b, &read("gallery.txt")?, version)?,
    );
    keys.insert("builder.controls".into(), builder_controls(&b));
    keys.insert("api.attributes".into(), attribute_rows(&b));
    keys.insert("data.sources".into(), sources(&b));
    keys.insert("data.notes".into(), keys["story.notes"].clone());
    let layout = read("layout.html")?;
    for (file, _) in PAGES {
        let page = read(&format!("pages/{file}"))?;
        let (meta, body) = front_matter(&page);
        let mut k = keys.clone();
        k.insert("nav".into(), nav(file));
        for field in ["title", "description"] {
            let v = meta
                .get(field)
                .ok_or(format!("www/pages/{file} has no {field}: line"))?;
            k.insert(format!("page.{field}"), escape(v));
        }
        let content = fill(body, &k).map_err(|e| format!("www/pages/{file}: {e}"))?;
        k.insert("content".into(), content);
        let html = fill(&layout, &k).map_err(|e| format!("www/layout.html: {e}"))?;
        if file == "index.html" || file == "neighbours.html" {
            story::check(&html, &b)
                .map_err(|e| format!("the story's figures: {}", e.join("\n")))?;
        }
        std::fs::write(out.join(file), html).map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::check;

    fn root() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    fn rendered_story() -> (String, Bundle) {
        let dir = std::env::temp_dir().join(format!("care-atlas-site-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        render(&root(), &dir, "0.0.0-test").unwrap();
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
        (html, care_atlas::data::complete().unwrap())
    }

    #[test]
    fn every_number_in_the_story_is_the_bundles() {
        let (html, b) = rendered_story();
        let n = check(&html, &b).unwrap_or_else(|e| panic!("{}", e.join("\n")));
        // The lede, the list of measures and the table of every year.
        assert!(n > 60, "only {n} figures checked");
        // The North East's latest rate of children looked after, as published.
        let m = b.measure_id("cla_rate").unwrap();
        let ne = b.area_id(story::REGION).unwrap();
        let last = *b.years_of(m).last().unwrap();
        let v = b.cell(m, ne, last).value().unwrap();
        assert!(html.contains(&format!(
            "data-year=\"{last}\" data-basis=\"official\" value=\"{v}\">{}</data>",
            care_atlas::scale::format::number(v, 0)
        )));
    }

    #[test]
    fn the_check_catches_a_wrong_figure_a_typed_number_and_a_missing_mark() {
        let (html, b) = rendered_story();
        let ne = b.area_id(story::REGION).unwrap();
        let m = b.measure_id("cla_rate").unwrap();
        let last = *b.years_of(m).last().unwrap();
        let shown = care_atlas::scale::format::number(b.cell(m, ne, last).value().unwrap(), 0);
        let tag = format!(
            "data-basis=\"official\" value=\"{}\">{shown}</data>",
            b.cell(m, ne, last).value().unwrap()
        );
        assert!(html.contains(&tag));
        let wrong = html.replacen(&tag, &tag.replace(&format!(">{shown}<"), ">999<"), 1);
        assert!(check(&wrong, &b).is_err());
        let open = html.find("<article id=\"story\"").unwrap();
        let at = open + html[open..].find('>').unwrap() + 1;
        let typed = format!("{}<p>Up 42 per cent.</p>{}", &html[..at], &html[at..]);
        assert!(check(&typed, &b)
            .unwrap_err()
            .iter()
            .any(|e| e.contains("typed")));
        let unmarked = html.replacen(story::CALCULATED_MARK, "", 1);
        assert!(check(&unmarked, &b).is_err());
    }

    #[test]
    fn every_number_on_the_neighbours_page_is_the_bundles() {
        let dir = std::env::temp_dir().join(format!("care-atlas-nb-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        render(&root(), &dir, "0.0.0-test").unwrap();
        let html = std::fs::read_to_string(dir.join("neighbours.html")).unwrap();
        let b = care_atlas::data::complete().unwrap();
        let n = check(&html, &b).unwrap_or_else(|e| panic!("{}", e.join("\n")));
        assert!(n > 60, "only {n} figures checked");
        // A wrong median, rank or band is caught.
        for kind in ["nstat", "nrank", "band", "shared"] {
            let at = html.find(&format!("data-kind=\"{kind}\"")).unwrap();
            let close = at + html[at..].find('>').unwrap() + 1;
            let end = close + html[close..].find("</data>").unwrap();
            let wrong = format!("{}Z9{}", &html[..close], &html[end..]);
            assert!(check(&wrong, &b).is_err(), "{kind}");
        }
    }

    #[test]
    fn templates_fail_on_unknown_keys() {
        let mut k = BTreeMap::new();
        k.insert("a".to_string(), "1".to_string());
        k.insert("a.b.raw".to_string(), "<b>2</b>".to_string());
        assert_eq!(fill("x{{ a }}y{{a.b.raw}}", &k).unwrap(), "x1y<b>2</b>");
        let unknown = fill("{{b}}", &k).unwrap_err();
        assert!(unknown.contains("unknown key {{b}}"), "{unknown}");
        assert!(fill("{{a", &k).is_err());
        assert!(fill("{{a}} {{", &k).is_err());
        // Text around the tags is kept as it is, braces and all.
        assert_eq!(fill("a { b } }", &k).unwrap(), "a { b } }");
    }

    #[test]
    fn gallery_lines_are_checked_like_the_widget_checks_them() {
        let b = care_atlas::data::complete().unwrap();
        assert!(gallery(&b, "Map | measure=\"cla_rate\"", "1").is_ok());
        let bad = gallery(&b, "Map | measure=\"looked_after\"", "1").unwrap_err();
        assert!(
            bad.contains("line 1") && bad.contains("looked_after"),
            "{bad}"
        );
        assert!(gallery(&b, "Map | colour=\"red\"", "1").is_err());
    }

    #[test]
    fn gallery_attributes_are_read_as_html_reads_them() {
        let attrs = parse_attributes(r#" view="map" measure='cla_rate' data-src="a?b=1&amp;c=2" "#);
        let want = [
            ("view", "map"),
            ("measure", "cla_rate"),
            ("data-src", "a?b=1&c=2"),
        ];
        assert_eq!(
            attrs.unwrap(),
            want.map(|(k, v)| (k.to_string(), v.to_string()))
        );
        for bad in [
            r#"view="map"#,
            r#"view="map" view="trend""#,
            r#"view="map">x"#,
        ] {
            assert!(parse_attributes(bad).is_err(), "{bad}");
        }
    }
}
