//! A zip bomb built for the tests: a member of 120 MiB of zeros in 0.8 MB, its deflate stream
//! and the archive around it written byte by byte.

/// A raw deflate stream of zeros, `1 + 258 * matches` bytes once inflated (one literal zero,
/// then matches of length 258 at distance 1, in one block of fixed Huffman codes), built
/// directly rather than compressed (compressing 120 MB takes seconds in a debug build).
pub fn zeros_deflated(matches: u64) -> (Vec<u8>, u64) {
    let mut bits = BitWriter::default();
    bits.put(1, 1); // last block
    bits.put(1, 2); // fixed Huffman codes
    bits.code(0b0011_0000, 8); // literal 0
    for _ in 0..matches {
        bits.code(0b1100_0101, 8); // length 258 (symbol 285)
        bits.code(0, 5); // distance 1
    }
    bits.code(0, 7); // end of block
    (bits.finish(), 1 + 258 * matches)
}

#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    current: u32,
    used: u32,
}

impl BitWriter {
    /// `count` bits of `value`, least significant first (deflate's header fields).
    fn put(&mut self, value: u32, count: u32) {
        for at in 0..count {
            self.current |= ((value >> at) & 1) << self.used;
            self.used += 1;
            if self.used == 8 {
                self.bytes.push(self.current as u8);
                (self.current, self.used) = (0, 0);
            }
        }
    }

    /// A Huffman code of `count` bits, most significant first.
    fn code(&mut self, code: u32, count: u32) {
        for at in (0..count).rev() {
            self.put((code >> at) & 1, 1);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.used > 0 {
            self.bytes.push(self.current as u8);
        }
        self.bytes
    }
}

/// A zip archive whose first member, `name`, is the deflate stream `deflated` of `size` zero
/// bytes, followed by `stored` members (not compressed).
pub fn zip_stored_deflate(
    name: &str,
    deflated: &[u8],
    size: u64,
    stored: &[(&str, &[u8])],
) -> Vec<u8> {
    let mut zeros_crc = flate2::Crc::new();
    let chunk = vec![0u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        zeros_crc.update(&chunk[..n]);
        left -= n as u64;
    }
    let mut members: Vec<(&str, u16, u32, &[u8], u32)> =
        vec![(name, 8, zeros_crc.sum(), deflated, size as u32)];
    for (name, data) in stored {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        members.push((name, 0, crc.sum(), data, data.len() as u32));
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, crc, data, size) in &members {
        let offset = out.len() as u32;
        let common = |buf: &mut Vec<u8>| {
            buf.extend_from_slice(&20u16.to_le_bytes()); // version needed
            buf.extend_from_slice(&0u16.to_le_bytes()); // flags
            buf.extend_from_slice(&method.to_le_bytes());
            buf.extend_from_slice(&0u32.to_le_bytes()); // time and date
            buf.extend_from_slice(&crc.to_le_bytes());
            buf.extend_from_slice(&(data.len() as u32).to_le_bytes());
            buf.extend_from_slice(&size.to_le_bytes());
            buf.extend_from_slice(&(name.len() as u16).to_le_bytes());
            buf.extend_from_slice(&0u16.to_le_bytes()); // extra field
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_at = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disk numbers
    let count = (members.len() as u16).to_le_bytes();
    out.extend_from_slice(&count);
    out.extend_from_slice(&count);
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment
    out
}
