//! `cargo run -p pipeline` (what `cargo xtask data` runs): rebuilds
//! `data/care-atlas.bin`, its packs `data/care-atlas.<family>.pack` and
//! `data/manifest.txt` from the official files
//! and prints the manifest.

use std::process::ExitCode;

fn main() -> ExitCode {
    let root = pipeline::root();
    let written = pipeline::build(&pipeline::sources_dir(&root)).and_then(|built| {
        let packs = built
            .packs
            .iter()
            .map(|(name, bytes)| (format!("data/{name}"), &bytes[..]));
        for (path, bytes) in [
            (pipeline::BUNDLE_PATH.to_string(), &built.bytes[..]),
            (
                pipeline::MANIFEST_PATH.to_string(),
                built.manifest.as_bytes(),
            ),
        ]
        .into_iter()
        .chain(packs)
        {
            std::fs::write(root.join(&path), bytes).map_err(|e| format!("{path}: {e}"))?;
        }
        // A family that no longer has a pack leaves no stale file behind.
        for entry in std::fs::read_dir(root.join("data")).map_err(|e| format!("data/: {e}"))? {
            let name = entry.map_err(|e| e.to_string())?.file_name();
            let name = name.to_string_lossy();
            if name.ends_with(".pack") && !built.packs.iter().any(|(n, _)| *n == name) {
                std::fs::remove_file(root.join("data").join(&*name))
                    .map_err(|e| format!("data/{name}: {e}"))?;
            }
        }
        Ok(built.manifest)
    });
    match written {
        Ok(manifest) => {
            print!("{manifest}");
            println!(
                "\nwrote {}, its packs (data/*.pack) and {}",
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
