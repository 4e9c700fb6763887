//! Decode time of the embedded bundle, natively: `cargo run --release --example decode_bench`.
//! (`cargo xtask bench` runs this and the same measurement in Chromium.)
use care_atlas::data::{Bundle, EMBEDDED};
use std::time::Instant;

fn main() {
    let runs = 200;
    // Warm up caches and the allocator, then time.
    for _ in 0..10 {
        let _ = Bundle::decode(EMBEDDED);
    }
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let b = Bundle::decode(EMBEDDED).expect("bundle decodes");
            let ms = t.elapsed().as_secs_f64() * 1e3;
            std::hint::black_box(b);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "native decode of {} bytes: median {:.2} ms, fastest {:.2} ms, slowest {:.2} ms ({runs} runs)",
        EMBEDDED.len(),
        times[runs / 2],
        times[0],
        times[runs - 1]
    );
}
