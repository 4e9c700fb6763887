//! `cargo run -p pipeline` (what `cargo xtask data` runs): rebuilds
//! `data/care-atlas.bin` and `data/manifest.txt` from the official files
//! and prints the manifest.

use std::process::ExitCode;

fn main() -> ExitCode {
    let root = pipeline::root();
    let written = pipeline::build(&pipeline::sources_dir(&root)).and_then(|built| {
        for (path, bytes) in [
            (pipeline::BUNDLE_PATH, &built.bytes[..]),
            (pipeline::MANIFEST_PATH, built.manifest.as_bytes()),
        ] {
            std::fs::write(root.join(path), bytes).map_err(|e| format!("{path}: {e}"))?;
        }
        Ok(built.manifest)
    });
    match written {
        Ok(manifest) => {
            print!("{manifest}");
            println!(
                "\nwrote {} and {}",
                pipeline::BUNDLE_PATH,
                pipeline::MANIFEST_PATH
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
