//! Plain JavaScript values — objects, arrays, strings, numbers, `null` —
//! written field by field: what the query API returns and the element's
//! events carry.
//!
//! Why not serde: its derived `Serialize` plus serde-wasm-bindgen's
//! serializer, monomorphised per struct, cost about 7 KB gzip of the wasm.
//! Here each answer implements [`ToJs`] once against a [`Sink`] passed as
//! `&mut dyn`, so there is one compiled body per struct whoever receives
//! it: in the browser a sink that builds the JavaScript objects
//! (`src/web/api.rs`), natively [`Tree`], which records the same calls as a
//! value tests can read. Numbers cross as `f64`, never as text: they arrive
//! exactly as computed, and no float formatting (or string escaping) is
//! linked into the wasm.

use std::ops::Index;

/// Receives one value, depth first. Containers open with `object` or
/// `array` and close with `end`; inside an object each value follows its
/// `key`.
pub trait Sink {
    /// Opens `{`.
    fn object(&mut self);
    /// Opens `[`.
    fn array(&mut self);
    /// Closes the innermost open object or array.
    fn end(&mut self);
    /// The name of the next value in the open object.
    fn key(&mut self, k: &'static str);
    /// A string, as it is (no escaping: it crosses as a string).
    fn string(&mut self, s: &str);
    /// A number, exactly (no text in between).
    fn number(&mut self, v: f64);
    /// `null`.
    fn null(&mut self);
}

/// A Rust value JavaScript receives as a plain value.
pub trait ToJs {
    /// Writes the value into `out`.
    fn to_js(&self, out: &mut dyn Sink);
}

/// `{ key: value, … }`: the keys, separated by spaces, and their values, in
/// the order given (JavaScript keeps it, so `Object.keys` lists the fields
/// as the typings declare them). The keys as one string rather than a key
/// beside each value: half the code per field in the wasm.
pub fn object(out: &mut dyn Sink, keys: &'static str, values: &[&dyn ToJs]) {
    out.object();
    let mut keys = keys.split(' ');
    for v in values {
        out.key(keys.next().unwrap_or_default());
        v.to_js(out);
    }
    debug_assert!(keys.next().is_none(), "more keys than values");
    out.end();
}

impl ToJs for str {
    fn to_js(&self, out: &mut dyn Sink) {
        out.string(self)
    }
}

impl ToJs for String {
    fn to_js(&self, out: &mut dyn Sink) {
        out.string(self)
    }
}

impl ToJs for f64 {
    fn to_js(&self, out: &mut dyn Sink) {
        out.number(*self)
    }
}

impl ToJs for u8 {
    fn to_js(&self, out: &mut dyn Sink) {
        out.number(f64::from(*self))
    }
}

impl ToJs for u16 {
    fn to_js(&self, out: &mut dyn Sink) {
        out.number(f64::from(*self))
    }
}

impl ToJs for usize {
    fn to_js(&self, out: &mut dyn Sink) {
        // Counts of areas and neighbours: far below 2^53, so exact.
        out.number(*self as f64)
    }
}

impl<T: ToJs + ?Sized> ToJs for &T {
    fn to_js(&self, out: &mut dyn Sink) {
        (**self).to_js(out)
    }
}

/// `None` is `null` (never a missing key: every field the typings declare is present).
impl<T: ToJs> ToJs for Option<T> {
    fn to_js(&self, out: &mut dyn Sink) {
        match self {
            Some(v) => v.to_js(out),
            None => out.null(),
        }
    }
}

impl<T: ToJs> ToJs for [T] {
    fn to_js(&self, out: &mut dyn Sink) {
        out.array();
        for v in self {
            v.to_js(out);
        }
        out.end();
    }
}

impl<T: ToJs> ToJs for Vec<T> {
    fn to_js(&self, out: &mut dyn Sink) {
        self.as_slice().to_js(out)
    }
}

impl<T: ToJs, const N: usize> ToJs for [T; N] {
    fn to_js(&self, out: &mut dyn Sink) {
        self.as_slice().to_js(out)
    }
}

/// A plain value as JavaScript would receive it, for native tests: keys in
/// order, numbers as `f64`.
#[derive(Clone, Debug, PartialEq)]
pub enum Tree {
    /// `null`.
    Null,
    /// A number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Tree>),
    /// An object's keys and values, in order.
    Object(Vec<(&'static str, Tree)>),
}

static NULL: Tree = Tree::Null;

impl Tree {
    /// What `v` gives JavaScript. Panics if `v` writes an unbalanced or
    /// keyless value (a bug in its `to_js`).
    pub fn of(v: &(impl ToJs + ?Sized)) -> Tree {
        let mut b = TreeSink::default();
        v.to_js(&mut b);
        assert!(b.open.is_empty(), "unclosed object or array");
        b.done.expect("no value written")
    }

    /// The value under `k`, if this is an object that has it.
    pub fn get(&self, k: &str) -> Option<&Tree> {
        match self {
            Tree::Object(fields) => fields.iter().find(|(x, _)| *x == k).map(|(_, v)| v),
            _ => None,
        }
    }

    /// An object's keys in order (empty for anything else).
    pub fn keys(&self) -> Vec<&'static str> {
        match self {
            Tree::Object(fields) => fields.iter().map(|(k, _)| *k).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        *self == Tree::Null
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Tree::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Tree]> {
        match self {
            Tree::Array(a) => Some(a),
            _ => None,
        }
    }
}

/// `tree["key"]`: `null` when absent, like serde_json's `Value`.
impl Index<&str> for Tree {
    type Output = Tree;
    fn index(&self, k: &str) -> &Tree {
        self.get(k).unwrap_or(&NULL)
    }
}

/// `tree[i]`: `null` when out of range or not an array.
impl Index<usize> for Tree {
    type Output = Tree;
    fn index(&self, i: usize) -> &Tree {
        self.as_array().and_then(|a| a.get(i)).unwrap_or(&NULL)
    }
}

impl PartialEq<&str> for Tree {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<f64> for Tree {
    fn eq(&self, other: &f64) -> bool {
        *self == Tree::Number(*other)
    }
}

/// Builds a [`Tree`] from a sink's calls.
#[derive(Default)]
struct TreeSink {
    /// Open containers, each with the key it will be stored under.
    open: Vec<(Option<&'static str>, Tree)>,
    key: Option<&'static str>,
    done: Option<Tree>,
}

impl TreeSink {
    fn put(&mut self, v: Tree) {
        match self.open.last_mut() {
            None => {
                assert!(self.done.is_none(), "two values at the top level");
                self.done = Some(v);
            }
            Some((_, Tree::Array(a))) => a.push(v),
            Some((_, Tree::Object(o))) => {
                let k = self.key.take().expect("a value in an object without a key");
                assert!(o.iter().all(|(x, _)| *x != k), "key {k} written twice");
                o.push((k, v));
            }
            Some(_) => unreachable!("only containers are open"),
        }
    }
}

impl Sink for TreeSink {
    fn object(&mut self) {
        self.open.push((self.key.take(), Tree::Object(Vec::new())));
    }
    fn array(&mut self) {
        self.open.push((self.key.take(), Tree::Array(Vec::new())));
    }
    fn end(&mut self) {
        let (k, v) = self.open.pop().expect("end without an open container");
        assert!(self.key.is_none(), "a key without a value");
        self.key = k;
        self.put(v);
    }
    fn key(&mut self, k: &'static str) {
        assert!(
            matches!(self.open.last(), Some((_, Tree::Object(_)))) && self.key.is_none(),
            "key {k} outside an object or after another key"
        );
        self.key = Some(k);
    }
    fn string(&mut self, s: &str) {
        self.put(Tree::String(s.to_string()))
    }
    fn number(&mut self, v: f64) {
        self.put(Tree::Number(v))
    }
    fn null(&mut self) {
        self.put(Tree::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pair<'a>(&'a str, Option<f64>);

    impl ToJs for Pair<'_> {
        fn to_js(&self, out: &mut dyn Sink) {
            object(out, "name value list", &[&self.0, &self.1, &[1u16, 2]])
        }
    }

    #[test]
    fn values_nest_in_order_with_null_for_none() {
        let t = Tree::of(&[Pair("a\"\\\u{2028}😀", Some(0.1 + 0.2)), Pair("", None)]);
        assert_eq!(t[0].keys(), ["name", "value", "list"]);
        // Strings and numbers pass untouched: no escaping, no rounding.
        assert_eq!(t[0]["name"], "a\"\\\u{2028}😀");
        assert_eq!(t[0]["value"], 0.1 + 0.2);
        assert!(t[1]["value"].is_null() && t[1].get("value").is_some());
        assert_eq!(
            t[1]["list"],
            Tree::Array(vec![Tree::Number(1.0), Tree::Number(2.0)])
        );
        assert!(t[2].is_null() && t["x"].is_null());
    }

    struct Keyless;
    impl ToJs for Keyless {
        fn to_js(&self, out: &mut dyn Sink) {
            out.object();
            out.number(1.0);
            out.end();
        }
    }

    #[test]
    #[should_panic(expected = "without a key")]
    fn a_value_without_a_key_is_a_bug_the_tree_reports() {
        Tree::of(&Keyless);
    }
}
