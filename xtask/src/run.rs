//! Running commands with a visible log line, and small checks of the machine.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Runs `cmd` in `dir`, printing it first; an error names the command.
pub fn run(dir: &Path, cmd: &mut Command) -> Result<(), String> {
    cmd.current_dir(dir);
    let shown = format!("{cmd:?}").replace('"', "");
    println!("$ {shown}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Output of a command, or `None` if it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|s| s.trim() == "0")
}

/// Times a named step and prints how long it took.
pub fn step<T>(name: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    println!("\n==> {name}");
    let t = Instant::now();
    let r = f();
    let secs = t.elapsed().as_secs_f64();
    match &r {
        Ok(_) => println!("<== {name}: ok in {secs:.1} s"),
        Err(e) => println!("<== {name}: FAILED in {secs:.1} s: {e}"),
    }
    r
}

/// Runs `npm pack --json` in the package folder with `args`, returning what
/// npm says it packed (file list, tarball name).
pub fn npm_pack(root: &Path, args: &[&std::ffi::OsStr]) -> Result<serde_json::Value, String> {
    let out = Command::new("npm")
        .args(["pack", "--json", "--ignore-scripts"])
        .args(args)
        .current_dir(root.join("pkg"))
        .output()
        .map_err(|e| format!("npm pack: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "npm pack failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("npm pack output: {e}"))
}
