//! Prints every value of the bundle as CSV: `cargo run --example dump`.
use care_atlas::data::{Basis, Cell};

fn main() {
    let b = care_atlas::data::complete().expect("bundle decodes");
    println!("measure,area_code,year,value,basis");
    for mi in b.measure_ids() {
        let m = b.measure(mi);
        for a in b.area_ids() {
            for y in m.years.0..=m.years.1 {
                match b.cell(mi, a, y) {
                    Cell::Value {
                        value,
                        decimals,
                        basis,
                    } => println!(
                        "{},{},{},{:.*},{}",
                        m.id,
                        b.area(a).code,
                        y,
                        usize::from(decimals),
                        value,
                        if basis == Basis::Official {
                            "official"
                        } else {
                            "derived"
                        }
                    ),
                    Cell::Missing(w) => println!("{},{},{},,{:?}", m.id, b.area(a).code, y, w),
                }
            }
        }
    }
}
