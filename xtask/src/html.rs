//! HTML as a list of tokens, read with html5gum (a WHATWG-compliant
//! tokenizer): what the site's build reads back, the story's figures and the
//! gallery's embeds. Attributes keep the order they were written in; text
//! and attribute values are decoded (`&amp;` is `&`).

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// A start tag and its attributes, in order.
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End {
        name: String,
    },
    Text(String),
    /// A syntax error the tokenizer recovered from, by its WHATWG name
    /// (`eof-in-tag`, `duplicate-attribute`, …).
    Error(String),
}

impl Token {
    /// Whether this is the start tag `name`.
    pub fn is_start(&self, name: &str) -> bool {
        matches!(self, Token::Start { name: n, .. } if n == name)
    }

    pub fn is_end(&self, name: &str) -> bool {
        matches!(self, Token::End { name: n } if n == name)
    }

    /// A start tag's attribute (the first, if written twice).
    pub fn attr(&self, name: &str) -> Option<&str> {
        match self {
            Token::Start { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// Whether a start tag's `class` lists `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Token::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// A start tag as it would be written (for messages), other tokens as text.
impl std::fmt::Display for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Token::Start { name, attrs } => {
                write!(f, "<{name}")?;
                for (k, v) in attrs {
                    write!(f, " {k}={v:?}")?;
                }
                f.write_str(">")
            }
            Token::End { name } => write!(f, "</{name}>"),
            Token::Text(t) => f.write_str(t),
            Token::Error(e) => write!(f, "HTML syntax error: {e}"),
        }
    }
}

fn string(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The tokens of `html`. Comments and doctypes are left out; the contents of
/// `<script>` and `<style>` are text.
pub fn tokens(html: &str) -> Vec<Token> {
    let mut tag: Option<(String, Vec<(String, String)>)> = None;
    let mut emitter = CallbackEmitter::new(move |event: CallbackEvent<'_>, _: Span<()>| {
        match event {
            CallbackEvent::OpenStartTag { name } => tag = Some((string(name), Vec::new())),
            CallbackEvent::AttributeName { name } => {
                let name = string(name);
                if let Some((_, attrs)) = tag.as_mut() {
                    // As the standard says (this emitter leaves it to us):
                    // the first stands, a repeat is an error and dropped.
                    if attrs.iter().any(|(k, _)| *k == name) {
                        attrs.push((String::new(), String::new()));
                        return Some(Token::Error("duplicate-attribute".into()));
                    }
                    attrs.push((name, String::new()));
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some((_, value_of)) = tag.as_mut().and_then(|(_, a)| a.last_mut()) {
                    value_of.push_str(&String::from_utf8_lossy(value));
                }
            }
            CallbackEvent::CloseStartTag { .. } => {
                return tag.take().map(|(name, mut attrs)| {
                    attrs.retain(|(k, _)| !k.is_empty());
                    Token::Start { name, attrs }
                })
            }
            CallbackEvent::EndTag { name } => return Some(Token::End { name: string(name) }),
            CallbackEvent::String { value } => return Some(Token::Text(string(value))),
            CallbackEvent::Error(e) => return Some(Token::Error(e.as_str().to_string())),
            CallbackEvent::Comment { .. } | CallbackEvent::Doctype { .. } => {}
        }
        None
    });
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(html, emitter)
        .map(|t| match t {
            Ok(t) => t,
            Err(never) => match never {},
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_keep_their_order_and_text_is_decoded() {
        let t = tokens(r#"<p><data b="2" a='1 &amp; 2' hidden>x &lt; y</data></p>"#);
        assert_eq!(
            t[1],
            Token::Start {
                name: "data".into(),
                attrs: vec![
                    ("b".into(), "2".into()),
                    ("a".into(), "1 & 2".into()),
                    ("hidden".into(), String::new())
                ]
            }
        );
        assert_eq!(t[2], Token::Text("x < y".into()));
        assert!(t[3].is_end("data") && t[4].is_end("p") && t.len() == 5);
    }

    #[test]
    fn syntax_errors_are_tokens() {
        assert_eq!(tokens(r#"<a b="c"#), [Token::Error("eof-in-tag".into())]);
        let t = tokens(r#"<a b="1" b="2">"#);
        assert!(
            t.contains(&Token::Error("duplicate-attribute".into())),
            "{t:?}"
        );
        assert_eq!(t.last().and_then(|t| t.attr("b")), Some("1"));
    }

    #[test]
    fn scripts_are_text() {
        let t = tokens("<script>if (a<b) x = '<data>';</script><data>");
        assert_eq!(t[1], Token::Text("if (a<b) x = '<data>';".into()));
        assert!(t[3].is_start("data"));
    }
}
