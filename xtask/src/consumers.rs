//! The package as its users get it, tested from the tarball `npm pack`
//! makes: unpacked under a CDN-like path, installed into a Vite app and a
//! webpack app and built for production, the standalone file on hosts that
//! serve `.wasm` badly or not at all, and all of it under a strict CSP.
//! The pages are laid out in `target/consumers/www/` and checked by the node
//! tests in `tests/consumers/`. The example apps in `examples/` (React 19 +
//! Vite, Vue 3 + Vite, SvelteKit, Next.js) are installed with `npm ci` from
//! their lock files, given the tarball, built for production and driven the
//! same way; Next.js is served by its own `next start`.

use crate::run::{run, step};
use crate::serve::{self, Quirk};
use crate::{standalone, tools};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// The policy the CSP tests send; the README quotes it.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

fn io(what: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", what.display())
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(io(to))?;
    for entry in std::fs::read_dir(from).map_err(io(from))? {
        let entry = entry.map_err(|e| e.to_string())?;
        std::fs::copy(entry.path(), to.join(entry.file_name())).map_err(io(&entry.path()))?;
    }
    Ok(())
}

/// `npm pack` into `work`; returns the tarball's path.
fn pack(root: &Path, work: &Path) -> Result<PathBuf, String> {
    let json = crate::run::npm_pack(root, &["--pack-destination".as_ref(), work.as_os_str()])?;
    let name = json[0]["filename"]
        .as_str()
        .ok_or("npm pack named no file")?;
    println!("packed {name}");
    Ok(work.join(name))
}

/// A fixture page with `{{version}}` and `{{entry}}` filled in, as the
/// site's pages are; any other key is an error.
fn page(dir: &Path, name: &str, version: &str, entry: &str) -> Result<String, String> {
    let path = dir.join("pages").join(name);
    let text = std::fs::read_to_string(&path).map_err(io(&path))?;
    let keys = [("version", version), ("entry", entry)]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .into();
    crate::site::fill(&text, &keys).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    std::fs::write(path, text).map_err(io(path))
}

/// `npm ci` in `dir` (when its lock file changed), then the tarball on top,
/// as a user's `npm install care-atlas` would put it, offline.
pub fn install_tarball(dir: &Path, tarball: &Path) -> Result<(), String> {
    tools::ensure_npm_packages(dir)?;
    // Same version each build: remove it, or npm may keep the old files.
    // Were it ever a link (to pkg/), remove the link only.
    let installed = dir.join("node_modules/care-atlas");
    match std::fs::symlink_metadata(&installed) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::remove_file(&installed).map_err(io(&installed))?
        }
        Ok(_) => std::fs::remove_dir_all(&installed).map_err(io(&installed))?,
        Err(_) => {}
    }
    run(
        dir,
        Command::new("npm")
            .args([
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--offline",
            ])
            .arg(tarball),
    )
}

/// The example apps: folder under `examples/`, and the folder its production
/// build is written to, served statically (`None`: it runs its own server).
const EXAMPLES: [(&str, Option<&str>); 4] = [
    ("react-vite", Some("dist")),
    ("vue-vite", Some("dist")),
    ("sveltekit", Some("build")),
    ("next", None),
];

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(io(to))?;
    for entry in std::fs::read_dir(from).map_err(io(from))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let (src, dest) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_tree(&src, &dest)?;
        } else {
            std::fs::copy(&src, &dest).map_err(io(&src))?;
        }
    }
    Ok(())
}

/// `next start` for examples/next on a free port of 127.0.0.1, stopped when dropped.
struct NextServer {
    child: Child,
    url: String,
}

impl NextServer {
    fn start(dir: &Path) -> Result<NextServer, String> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let child = Command::new("node")
            .args([
                "node_modules/next/dist/bin/next",
                "start",
                "-H",
                "127.0.0.1",
                "-p",
            ])
            .arg(port.to_string())
            .env("NEXT_TELEMETRY_DISABLED", "1")
            .current_dir(dir)
            .spawn()
            .map_err(|e| format!("could not start next: {e}"))?;
        let server = NextServer {
            child,
            url: format!("http://127.0.0.1:{port}/"),
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(30) {
                return Err("next start did not listen within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        println!("next start is serving examples/next at {}", server.url);
        Ok(server)
    }
}

impl Drop for NextServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Each example app: `npm ci`, the tarball, its production build (type-checked
/// by its own build script), copied under `www/examples/` when static.
fn build_examples(root: &Path, www: &Path, tarball: &Path) -> Result<(), String> {
    for (name, out) in EXAMPLES {
        step(
            &format!("consumers: example {name}: install and build"),
            || {
                let dir = root.join("examples").join(name);
                install_tarball(&dir, tarball)?;
                run(
                    &dir,
                    Command::new("npm")
                        .args(["run", "build"])
                        .env("NEXT_TELEMETRY_DISABLED", "1"),
                )?;
                match out {
                    Some(out) => copy_tree(&dir.join(out), &www.join("examples").join(name)),
                    None => Ok(()),
                }
            },
        )?;
    }
    Ok(())
}

/// Packs, lays out the served folder, installs the tarball, builds both
/// apps and runs the page tests. Needs `cargo xtask pkg` first.
pub fn test(root: &Path) -> Result<(), String> {
    let dir = root.join("tests/consumers");
    let work = root.join("target/consumers");
    let www = work.join("www");
    let version = standalone::package_version(root)?;

    let tarball = step("consumers: npm pack and lay out the hosts", || {
        if work.exists() {
            std::fs::remove_dir_all(&work).map_err(io(&work))?;
        }
        std::fs::create_dir_all(&work).map_err(io(&work))?;
        let tarball = pack(root, &work)?;
        run(&work, Command::new("tar").arg("-xzf").arg(&tarball))?;
        let package = work.join("package");
        copy_dir(&package, &www.join(format!("npm/care-atlas@{version}")))?;
        for host in ["octet", "nowasm"] {
            copy_dir(&package, &www.join(host))?;
            write(
                &www.join(host).join("standalone.html"),
                &page(&dir, "standalone.html", &version, "")?,
            )?;
            write(
                &www.join(host).join("entry.html"),
                &page(&dir, "entry.html", &version, "")?,
            )?;
        }
        write(
            &www.join("cdn/index.html"),
            &page(&dir, "cdn.html", &version, "")?,
        )?;
        write(
            &www.join("csp/index.html"),
            &page(&dir, "csp.html", &version, "care-atlas.js")?,
        )?;
        write(
            &www.join("csp/standalone.html"),
            &page(&dir, "csp.html", &version, standalone::FILE)?,
        )?;
        // A favicon of its own: the usual `data:` one is an image the policy refuses.
        write(
            &www.join("csp/icon.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>",
        )?;
        write(
            &www.join("csp/control.html"),
            &page(&dir, "csp-control.html", &version, "")?,
        )?;
        Ok(tarball)
    })?;

    step(
        "consumers: install the tarball (vite, webpack cached)",
        || {
            tools::ensure_npm_packages(&root.join("tests/page"))?;
            install_tarball(&dir, &tarball)
        },
    )?;
    step(
        "consumers: typings from the tarball (React 19, Preact, Solid JSX; no framework)",
        || {
            let types = root.join("tests/types");
            install_tarball(&types, &tarball)?;
            run(&types, Command::new("node").arg("--test"))
        },
    )?;
    for tool in ["vite", "webpack"] {
        step(&format!("consumers: {tool} production build"), || {
            run(
                &dir,
                Command::new("node")
                    .arg("build.mjs")
                    .arg(tool)
                    .arg(www.join(tool)),
            )
        })?;
    }

    build_examples(root, &www, &tarball)?;
    let next = NextServer::start(&root.join("examples/next"))?;

    step(
        "consumers: page tests (CDN path, Vite, webpack, standalone, CSP, example apps)",
        || {
            let rules = vec![
                (
                    "/csp/".to_string(),
                    Quirk::Header("Content-Security-Policy", CSP),
                ),
                ("/octet/".to_string(), Quirk::WasmAsOctetStream),
                ("/nowasm/".to_string(), Quirk::NoWasm),
            ];
            let addr = serve::start_with(www.clone(), 0, rules)?;
            let url = format!("http://{addr}/");
            println!("serving the consumer pages at {url}");
            run(
                &dir,
                Command::new("node")
                    .args(["--test", "--test-concurrency=1"])
                    .env("CARE_ATLAS_URL", &url)
                    .env("CARE_ATLAS_VERSION", &version)
                    .env("CARE_ATLAS_CSP", CSP)
                    .env("CARE_ATLAS_NEXT_URL", &next.url)
                    .env("CHROMIUM", tools::CHROMIUM),
            )
        },
    )
}
