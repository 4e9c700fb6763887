//! British National Grid projection: transverse Mercator on the Airy 1830
//! ellipsoid with the Ordnance Survey's origin and scale, following the series
//! in the OS "Guide to coordinate systems in Great Britain".
//!
//! The boundaries arrive in WGS84 longitude and latitude and are projected
//! without the OSGB36 datum shift; that leaves every point about 100 m from
//! its true grid position, a uniform offset invisible at the scales drawn here,
//! while keeping England's shape true (a plate carrée map squashes it).

const A: f64 = 6_377_563.396;
const B: f64 = 6_356_256.909;
const F0: f64 = 0.999_601_271_7;
const LAT0: f64 = 49.0;
const LON0: f64 = -2.0;
const E0: f64 = 400_000.0;
const N0: f64 = -100_000.0;

/// Projects degrees of longitude and latitude to grid metres `[easting, northing]`.
pub fn to_grid(lon: f64, lat: f64) -> [f64; 2] {
    let phi = lat.to_radians();
    let phi0 = LAT0.to_radians();
    let dl = (lon - LON0).to_radians();
    let e2 = (A * A - B * B) / (A * A);
    let n = (A - B) / (A + B);
    let (n2, n3) = (n * n, n * n * n);
    let (s, c) = phi.sin_cos();
    let t = phi.tan();
    let (t2, t4) = (t * t, t.powi(4));
    let nu = A * F0 / (1.0 - e2 * s * s).sqrt();
    let rho = A * F0 * (1.0 - e2) * (1.0 - e2 * s * s).powf(-1.5);
    let eta2 = nu / rho - 1.0;
    let (dp, sp) = (phi - phi0, phi + phi0);
    let m = B
        * F0
        * ((1.0 + n + 1.25 * n2 + 1.25 * n3) * dp
            - (3.0 * n + 3.0 * n2 + 21.0 / 8.0 * n3) * dp.sin() * sp.cos()
            + (15.0 / 8.0) * (n2 + n3) * (2.0 * dp).sin() * (2.0 * sp).cos()
            - (35.0 / 24.0) * n3 * (3.0 * dp).sin() * (3.0 * sp).cos());
    let i = m + N0;
    let ii = nu / 2.0 * s * c;
    let iii = nu / 24.0 * s * c.powi(3) * (5.0 - t2 + 9.0 * eta2);
    let iiia = nu / 720.0 * s * c.powi(5) * (61.0 - 58.0 * t2 + t4);
    let iv = nu * c;
    let v = nu / 6.0 * c.powi(3) * (nu / rho - t2);
    let vi = nu / 120.0 * c.powi(5) * (5.0 - 18.0 * t2 + t4 + 14.0 * eta2 - 58.0 * t2 * eta2);
    let northing = i + ii * dl.powi(2) + iii * dl.powi(4) + iiia * dl.powi(6);
    let easting = E0 + iv * dl + v * dl.powi(3) + vi * dl.powi(5);
    [easting, northing]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproduces_the_ordnance_survey_worked_example() {
        // OS guide, worked example: 52°39′27.2531″N 1°43′4.5177″E on Airy 1830
        // is E 651409.903, N 313177.270.
        let lat = 52.0 + 39.0 / 60.0 + 27.2531 / 3600.0;
        let lon = 1.0 + 43.0 / 60.0 + 4.5177 / 3600.0;
        let [e, n] = to_grid(lon, lat);
        assert!((e - 651_409.903).abs() < 0.01, "easting {e}");
        assert!((n - 313_177.270).abs() < 0.01, "northing {n}");
    }

    #[test]
    fn true_origin_maps_to_the_false_origin() {
        let [e, n] = to_grid(LON0, LAT0);
        assert!((e - E0).abs() < 1e-6 && (n - N0).abs() < 1e-6);
    }

    #[test]
    fn east_is_right_and_north_is_up() {
        let [e1, n1] = to_grid(-2.0, 54.0);
        let [e2, _] = to_grid(-1.0, 54.0);
        let [_, n2] = to_grid(-2.0, 55.0);
        assert!(e2 > e1 && n2 > n1);
        // One degree of latitude is about 111 km.
        assert!((n2 - n1 - 111_000.0).abs() < 1_000.0);
    }
}
