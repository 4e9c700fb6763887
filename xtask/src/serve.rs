//! A small static file server for the site and the page tests, bound to
//! 127.0.0.1 only. It serves `.wasm` as `application/wasm`, which
//! `WebAssembly.instantiateStreaming` requires. Path prefixes can be given
//! [`Quirk`]s, so the package's tests can play the hosts it must survive.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "ts" | "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// How the files under a path prefix are served differently.
#[derive(Clone, Debug)]
pub enum Quirk {
    /// An extra response header, e.g. a Content-Security-Policy.
    Header(&'static str, &'static str),
    /// `.wasm` as `application/octet-stream`, as many static hosts send it.
    WasmAsOctetStream,
    /// `.wasm` refused (404), as on hosts that allow only some file types.
    NoWasm,
}

/// Quirks by URL path prefix (e.g. `/csp/`).
pub type Rules = Vec<(String, Quirk)>;

fn quirks<'a>(rules: &'a Rules, path: &'a str) -> impl Iterator<Item = &'a Quirk> + 'a {
    rules
        .iter()
        .filter(move |(prefix, _)| path.starts_with(prefix.as_str()))
        .map(|(_, q)| q)
}

/// Maps a request path to a file under `root`, refusing anything that escapes it.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let mut out = root.to_path_buf();
    for c in Path::new(path.trim_start_matches('/')).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    out.is_file().then_some(out)
}

fn respond(stream: &mut TcpStream, root: &Path, rules: &Rules) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let target = percent_decode(target);
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let is_wasm = path.ends_with(".wasm");
    let mut extra = String::new();
    let mut refuse = false;
    let mut wasm_type = "application/wasm";
    for q in quirks(rules, path) {
        match q {
            Quirk::Header(name, value) => extra += &format!("{name}: {value}\r\n"),
            Quirk::WasmAsOctetStream => wasm_type = "application/octet-stream",
            Quirk::NoWasm => refuse |= is_wasm,
        }
    }
    let file = resolve(root, &target).filter(|_| !refuse);
    let (status, ctype, body) = match (method, file) {
        ("GET" | "HEAD", Some(file)) => {
            let ctype = if is_wasm {
                wasm_type
            } else {
                content_type(&file)
            };
            ("200 OK", ctype, std::fs::read(&file)?)
        }
        ("GET" | "HEAD", None) => (
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"not found\n".to_vec(),
        ),
        _ => (
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"method not allowed\n".to_vec(),
        ),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n{extra}Connection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Binds 127.0.0.1:`port` (0 for any free port) and serves `root` on a
/// background thread. Returns the bound address.
pub fn start(root: PathBuf, port: u16) -> Result<SocketAddr, String> {
    start_with(root, port, Rules::new())
}

/// [`start`], with quirks for some path prefixes.
pub fn start_with(root: PathBuf, port: u16, rules: Rules) -> Result<SocketAddr, String> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    thread::spawn(move || {
        let rules = std::sync::Arc::new(rules);
        for stream in listener.incoming().flatten() {
            let (root, rules) = (root.clone(), rules.clone());
            thread::spawn(move || {
                let mut stream = stream;
                let _ = respond(&mut stream, &root, &rules);
            });
        }
    });
    Ok(addr)
}

/// The first free port from `first` on, so a second demo does not fail.
pub fn start_near(root: PathBuf, first: u16) -> Result<SocketAddr, String> {
    let mut last = String::new();
    for port in first..first.saturating_add(20) {
        match start(root.clone(), port) {
            Ok(a) => return Ok(a),
            Err(e) => last = e,
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_the_root() {
        let root = std::env::temp_dir();
        assert!(resolve(&root, "/../etc/passwd").is_none());
        assert!(resolve(&root, &percent_decode("/%2e%2e/x")).is_none());
    }

    #[test]
    fn wasm_is_served_as_wasm() {
        assert_eq!(content_type(Path::new("a/b.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("x.js")),
            "text/javascript; charset=utf-8"
        );
    }

    /// Serves one request to a server with `rules`; returns the raw response head.
    fn head(rules: Rules, path: &str) -> String {
        use std::io::Read;
        let dir = std::env::temp_dir().join(format!("care-atlas-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::write(dir.join("a/m.wasm"), b"\0asm").unwrap();
        let addr = start_with(dir, 0, rules).unwrap();
        let mut s = TcpStream::connect(addr).unwrap();
        write!(s, "HEAD {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn quirks_apply_under_their_prefix_only() {
        let csp = || {
            vec![(
                "/a/".to_string(),
                Quirk::Header("Content-Security-Policy", "default-src 'self'"),
            )]
        };
        assert!(head(csp(), "/a/m.wasm")
            .contains("\r\nContent-Security-Policy: default-src 'self'\r\n"));
        assert!(!head(csp(), "/b/m.wasm").contains("Content-Security-Policy"));
        let octet = vec![("/a/".to_string(), Quirk::WasmAsOctetStream)];
        assert!(head(octet, "/a/m.wasm").contains("Content-Type: application/octet-stream\r\n"));
        assert!(head(Rules::new(), "/a/m.wasm").contains("Content-Type: application/wasm\r\n"));
        let refuse = vec![("/a/".to_string(), Quirk::NoWasm)];
        assert!(head(refuse, "/a/m.wasm").starts_with("HTTP/1.1 404"));
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(percent_decode("/a%20b.html"), "/a b.html");
        assert_eq!(percent_decode("/100%"), "/100%");
    }
}
