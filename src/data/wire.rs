//! Byte-level primitives of the bundle format: LEB128 varints, zigzag signed
//! integers, length-prefixed UTF-8 strings, and the CRC-32 that guards the payload.
//!
//! The reader never panics: every read checks the remaining length and returns
//! a [`DecodeError`] naming the offset, so a truncated or corrupt bundle gives a
//! message rather than a crash inside someone's web page.

use super::DecodeError;

/// Appends primitives to a growing byte vector.
#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }

    /// Unsigned LEB128: 7 bits a byte, high bit set on all but the last.
    // Hand-written, not a crate (leb128, integer-encoding): this ships in the wasm, where ten lines cost less.
    pub fn uvar(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.bytes.push(byte);
                return;
            }
            self.bytes.push(byte | 0x80);
        }
    }

    /// Signed values zigzag-encoded so small magnitudes of either sign stay short.
    pub fn ivar(&mut self, v: i64) {
        self.uvar(((v << 1) ^ (v >> 63)) as u64);
    }

    pub fn len(&mut self, n: usize) {
        self.uvar(n as u64);
    }

    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }
}

/// Reads primitives from a byte slice, tracking the offset for error messages.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Added to `pos` in errors, so offsets name the position in the whole file.
    base: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8], base: usize) -> Self {
        Reader {
            bytes,
            pos: 0,
            base,
        }
    }

    pub fn offset(&self) -> usize {
        self.base + self.pos
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let s = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(DecodeError::Truncated {
                offset: self.offset(),
                wanted: n,
            }),
        }
    }

    /// The next `n` bytes as a reader of their own (offsets still name the
    /// position in the whole file).
    pub fn sub(&mut self, n: usize) -> Result<Reader<'a>, DecodeError> {
        let base = self.offset();
        Ok(Reader::new(self.take(n)?, base))
    }

    pub fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    pub fn u16(&mut self) -> Result<u16, DecodeError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    pub fn u32(&mut self) -> Result<u32, DecodeError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    // Hand-written LEB128 like the writer's: no crate in the wasm for a dozen lines.
    pub fn uvar(&mut self) -> Result<u64, DecodeError> {
        let start = self.offset();
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            // The tenth byte holds bit 63 only: more would be dropped silently.
            if shift == 63 && byte & 0x7e != 0 {
                break;
            }
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(DecodeError::Invalid {
            offset: start,
            what: "varint longer than 64 bits",
        })
    }

    pub fn ivar(&mut self) -> Result<i64, DecodeError> {
        let u = self.uvar()?;
        Ok((u >> 1) as i64 ^ -((u & 1) as i64))
    }

    /// A count, checked against the bytes left so a corrupt length cannot make
    /// the decoder allocate gigabytes: every counted item takes at least
    /// `min_item_bytes` bytes.
    pub fn len(&mut self, min_item_bytes: usize) -> Result<usize, DecodeError> {
        let at = self.offset();
        let n = self.uvar()?;
        let left = (self.bytes.len() - self.pos) as u64;
        if n.saturating_mul(min_item_bytes.max(1) as u64) > left {
            return Err(DecodeError::Invalid {
                offset: at,
                what: "count larger than the bytes that follow",
            });
        }
        Ok(n as usize)
    }

    pub fn str(&mut self) -> Result<String, DecodeError> {
        let at = self.offset();
        let n = self.len(1)?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| DecodeError::Invalid {
            offset: at,
            what: "string is not UTF-8",
        })
    }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as used by zip and PNG.
/// A byte at a time through a table built on each call (2,048 steps, and no
/// bytes in the module, where a stored table would be 1 KB): bit by bit, the
/// core's 64 KB took 2 to 7 ms of the first paint in Chromium, whose first
/// run of a function is its baseline compiler's code.
// Hand-written, not a crate (crc32fast carries tables and SIMD paths): it ships in the wasm.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in (0u32..).zip(table.iter_mut()) {
        let mut c = i;
        for _ in 0..8 {
            let mask = (c & 1).wrapping_neg();
            c = (c >> 1) ^ (0xEDB8_8320 & mask);
        }
        *t = c;
    }
    let mut crc = !0u32;
    for &b in bytes {
        crc = (crc >> 8) ^ table[((crc ^ u32::from(b)) & 0xFF) as usize];
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_every_width() {
        let values: [i64; 9] = [0, 1, -1, 63, -64, 64, 300, -70_000, i64::MAX / 3];
        let mut w = Writer::default();
        for v in values {
            w.ivar(v);
            w.uvar(v.unsigned_abs());
        }
        let mut r = Reader::new(&w.bytes, 0);
        for v in values {
            assert_eq!(r.ivar().unwrap(), v);
            assert_eq!(r.uvar().unwrap(), v.unsigned_abs());
        }
        assert!(r.is_empty());
    }

    #[test]
    fn small_signed_values_take_one_byte() {
        let mut w = Writer::default();
        w.ivar(-64);
        w.ivar(63);
        assert_eq!(w.bytes.len(), 2);
    }

    #[test]
    fn truncated_read_names_the_offset() {
        let mut r = Reader::new(&[0x80, 0x80], 10);
        match r.uvar() {
            Err(DecodeError::Truncated { offset, .. }) => assert_eq!(offset, 12),
            other => panic!("expected truncation, got {other:?}"),
        }
    }

    /// Issue 14, defect 11: a tenth byte above 1 overflowed 64 bits and its
    /// high bits were dropped, so a crafted varint decoded to a different number.
    #[test]
    fn a_varint_past_64_bits_is_refused() {
        let mut w = Writer::default();
        w.uvar(u64::MAX);
        assert_eq!(Reader::new(&w.bytes, 0).uvar(), Ok(u64::MAX));
        let mut over = w.bytes.clone();
        over[9] = 0x02;
        assert!(matches!(
            Reader::new(&over, 0).uvar(),
            Err(DecodeError::Invalid { offset: 0, .. })
        ));
    }

    #[test]
    fn absurd_count_is_refused_before_allocating() {
        let mut w = Writer::default();
        w.uvar(1 << 40);
        let mut r = Reader::new(&w.bytes, 0);
        assert!(matches!(r.len(1), Err(DecodeError::Invalid { .. })));
    }

    /// The table's byte steps equal the definition's bit steps, on every
    /// byte value and on a longer run of varied bytes.
    #[test]
    fn crc32_by_table_equals_crc32_bit_by_bit() {
        let bitwise = |bytes: &[u8]| {
            let mut crc = !0u32;
            for &b in bytes {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        };
        for b in 0..=255u8 {
            assert_eq!(crc32(&[b]), bitwise(&[b]), "byte {b}");
        }
        let mut x = 0x2545_F491u32;
        let long: Vec<u8> = (0..10_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x.to_le_bytes()[1]
            })
            .collect();
        assert_eq!(crc32(&long), bitwise(&long));
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        // The check value every CRC-32/ISO-HDLC implementation gives for "123456789".
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
