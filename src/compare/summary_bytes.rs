//! The compact byte form of what the cross-article steps exchange (an article's fingerprint,
//! story summary and quote summaries; a batch's statistics), for running the steps on several
//! machines: a Spark job keeps these bytes in its tables and shuffles them between executors.
//!
//! Each form opens with a tag byte naming what it holds and a format version, so bytes of one
//! kind handed where another is expected, or written by another version of the engine, are
//! refused with a message instead of being misread. Numbers are little-endian; counts, small
//! numbers and the gaps between sorted hashes are LEB128 varints (one byte for most of them).
//! Floating-point values are stored bit for bit: a summary read back scores exactly as the
//! one that was written.

use std::fmt;

/// Format version of every form; bumped when any layout changes.
const FORMAT_VERSION: u8 = 1;

/// What a byte string holds (its tag byte), for reading and for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryKind {
    /// An article's MinHash fingerprint.
    Fingerprint,
    /// An article's story summary.
    Story,
    /// One attributed quote's summary.
    Quote,
    /// A batch's story statistics (document frequencies of story terms).
    StoryStatistics,
    /// A batch's common quote stems.
    CommonStems,
}

impl SummaryKind {
    fn tag(self) -> u8 {
        match self {
            SummaryKind::Fingerprint => b'F',
            SummaryKind::Story => b'S',
            SummaryKind::Quote => b'Q',
            SummaryKind::StoryStatistics => b'D',
            SummaryKind::CommonStems => b'C',
        }
    }

    fn of_tag(tag: u8) -> Option<SummaryKind> {
        [
            SummaryKind::Fingerprint,
            SummaryKind::Story,
            SummaryKind::Quote,
            SummaryKind::StoryStatistics,
            SummaryKind::CommonStems,
        ]
        .into_iter()
        .find(|kind| kind.tag() == tag)
    }

    fn name(self) -> &'static str {
        match self {
            SummaryKind::Fingerprint => "a duplicate fingerprint",
            SummaryKind::Story => "a story summary",
            SummaryKind::Quote => "a quote summary",
            SummaryKind::StoryStatistics => "story statistics",
            SummaryKind::CommonStems => "common quote stems",
        }
    }
}

/// Why bytes could not be read as the summary asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryBytesError {
    /// What the bytes were read as.
    pub expected: SummaryKind,
    /// What was wrong with them.
    pub problem: BytesProblem,
}

/// What was wrong with the bytes of a summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BytesProblem {
    /// The bytes hold another kind of summary.
    OtherKind(SummaryKind),
    /// The first byte names no kind of summary: not bytes the engine wrote.
    Unrecognised(Option<u8>),
    /// Written by another version of the engine.
    OtherVersion(u8),
    /// The bytes end before the summary does.
    CutShort {
        /// Where the missing part begins.
        at: usize,
    },
    /// Bytes remain after the summary.
    TrailingBytes {
        /// Where the summary ended.
        at: usize,
    },
    /// A value no summary of this kind can hold (a list out of order, a number too large).
    Invalid(&'static str),
}

impl fmt::Display for SummaryBytesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expected = self.expected.name();
        match &self.problem {
            BytesProblem::OtherKind(found) => write!(
                f,
                "expected the bytes of {expected} but got those of {}; check which column is passed",
                found.name()
            ),
            BytesProblem::Unrecognised(first) => write!(
                f,
                "expected the bytes of {expected}, but they do not start like any summary of article-analyzer (first byte {first:?}); pass the bytes the engine wrote, unchanged"
            ),
            BytesProblem::OtherVersion(version) => write!(
                f,
                "the bytes of {expected} are in format {version}, and this article-analyzer reads format {FORMAT_VERSION}; make and read summaries with the same version"
            ),
            BytesProblem::CutShort { at } => write!(
                f,
                "the bytes of {expected} end too early (at byte {at}); were they cut or changed on the way?"
            ),
            BytesProblem::TrailingBytes { at } => write!(
                f,
                "the bytes of {expected} go on after its end (byte {at}); were two values run together?"
            ),
            BytesProblem::Invalid(what) => write!(
                f,
                "the bytes of {expected} hold {what}, which the engine never writes; were they changed on the way?"
            ),
        }
    }
}

impl std::error::Error for SummaryBytesError {}

/// Builds one summary's bytes.
pub(crate) struct ByteWriter {
    bytes: Vec<u8>,
}

impl ByteWriter {
    /// A writer whose bytes open with `kind`'s tag and the format version.
    pub fn new(kind: SummaryKind, capacity: usize) -> ByteWriter {
        let mut bytes = Vec::with_capacity(capacity + 2);
        bytes.push(kind.tag());
        bytes.push(FORMAT_VERSION);
        ByteWriter { bytes }
    }

    pub fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    /// A signed number, small in either direction, as a varint (zigzag).
    pub fn signed(&mut self, value: i64) {
        self.varint(((value << 1) ^ (value >> 63)) as u64);
    }

    pub fn u32(&mut self, value: u32) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    pub fn u64(&mut self, value: u64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    pub fn f32(&mut self, value: f32) {
        self.u32(value.to_bits());
    }

    pub fn text(&mut self, value: &str) {
        self.varint(value.len() as u64);
        self.bytes.extend_from_slice(value.as_bytes());
    }

    /// Ascending numbers as the first and then the gaps between neighbours.
    pub fn ascending(&mut self, values: impl ExactSizeIterator<Item = u64>) {
        self.varint(values.len() as u64);
        let mut previous = 0;
        for value in values {
            self.varint(value - previous);
            previous = value;
        }
    }

    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// Reads one summary's bytes, checking the tag and version first.
pub(crate) struct ByteReader<'a> {
    bytes: &'a [u8],
    at: usize,
    kind: SummaryKind,
}

impl<'a> ByteReader<'a> {
    /// A reader of `bytes` that must hold a summary of `kind`.
    pub fn new(kind: SummaryKind, bytes: &'a [u8]) -> Result<ByteReader<'a>, SummaryBytesError> {
        let error = |problem| SummaryBytesError {
            expected: kind,
            problem,
        };
        match SummaryKind::of_tag(*bytes.first().unwrap_or(&0)) {
            Some(found) if found == kind => {}
            Some(found) => return Err(error(BytesProblem::OtherKind(found))),
            None => return Err(error(BytesProblem::Unrecognised(bytes.first().copied()))),
        }
        match bytes.get(1) {
            Some(&FORMAT_VERSION) => {}
            Some(&version) => return Err(error(BytesProblem::OtherVersion(version))),
            None => return Err(error(BytesProblem::CutShort { at: 1 })),
        }
        Ok(ByteReader { bytes, at: 2, kind })
    }

    pub fn error(&self, problem: BytesProblem) -> SummaryBytesError {
        SummaryBytesError {
            expected: self.kind,
            problem,
        }
    }

    pub fn invalid(&self, what: &'static str) -> SummaryBytesError {
        self.error(BytesProblem::Invalid(what))
    }

    fn take(&mut self, count: usize) -> Result<&'a [u8], SummaryBytesError> {
        let end = self
            .at
            .checked_add(count)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(self.error(BytesProblem::CutShort { at: self.at }))?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    pub fn u8(&mut self) -> Result<u8, SummaryBytesError> {
        Ok(self.take(1)?[0])
    }

    pub fn varint(&mut self) -> Result<u64, SummaryBytesError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            value |= u64::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.invalid("a number longer than 64 bits"))
    }

    pub fn signed(&mut self) -> Result<i64, SummaryBytesError> {
        let value = self.varint()?;
        Ok((value >> 1) as i64 ^ -((value & 1) as i64))
    }

    /// A count of items, each taking at least `item_bytes` bytes: a count larger than the
    /// bytes left could hold is refused before anything is allocated for it.
    pub fn count(&mut self, item_bytes: usize) -> Result<usize, SummaryBytesError> {
        let count = self.varint()?;
        let left = self.bytes.len() - self.at;
        usize::try_from(count)
            .ok()
            .filter(|&count| count.saturating_mul(item_bytes.max(1)) <= left)
            .ok_or(self.error(BytesProblem::CutShort { at: self.at }))
    }

    pub fn u32(&mut self) -> Result<u32, SummaryBytesError> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    pub fn u64(&mut self) -> Result<u64, SummaryBytesError> {
        let mut word = [0u8; 8];
        word.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(word))
    }

    pub fn f32(&mut self) -> Result<f32, SummaryBytesError> {
        self.u32().map(f32::from_bits)
    }

    pub fn text(&mut self) -> Result<&'a str, SummaryBytesError> {
        let length = self.count(1)?;
        std::str::from_utf8(self.take(length)?).map_err(|_| self.invalid("text that is not UTF-8"))
    }

    /// Numbers written by [`ByteWriter::ascending`], at most `limit` each: strictly
    /// ascending when `strictly`.
    pub fn ascending(&mut self, limit: u64, strictly: bool) -> Result<Vec<u64>, SummaryBytesError> {
        let count = self.count(1)?;
        let mut values = Vec::with_capacity(count);
        let mut previous = 0u64;
        for position in 0..count {
            let gap = self.varint()?;
            if strictly && position > 0 && gap == 0 {
                return Err(self.invalid("a repeated value in a sorted list"));
            }
            let value = previous
                .checked_add(gap)
                .filter(|&value| value <= limit)
                .ok_or(self.invalid("a value out of range in a sorted list"))?;
            values.push(value);
            previous = value;
        }
        Ok(values)
    }

    /// Ends the reading: every byte must have been read.
    pub fn finish(self) -> Result<(), SummaryBytesError> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(self.error(BytesProblem::TrailingBytes { at: self.at }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_texts_come_back_as_written() {
        let mut writer = ByteWriter::new(SummaryKind::Quote, 0);
        for value in [0, 1, 127, 128, 300, u64::MAX] {
            writer.varint(value);
        }
        for value in [0, -1, 1, i64::MIN, i64::MAX] {
            writer.signed(value);
        }
        writer.u64(0xDEAD_BEEF_0000_0001);
        writer.f32(-0.125);
        writer.text("Zoë");
        writer.ascending([3u64, 7, 7, 900].into_iter());
        let bytes = writer.finish();
        let mut reader = ByteReader::new(SummaryKind::Quote, &bytes).unwrap();
        for value in [0, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(reader.varint().unwrap(), value);
        }
        for value in [0, -1, 1, i64::MIN, i64::MAX] {
            assert_eq!(reader.signed().unwrap(), value);
        }
        assert_eq!(reader.u64().unwrap(), 0xDEAD_BEEF_0000_0001);
        assert_eq!(reader.f32().unwrap(), -0.125);
        assert_eq!(reader.text().unwrap(), "Zoë");
        assert_eq!(reader.ascending(1000, false).unwrap(), vec![3, 7, 7, 900]);
        reader.finish().unwrap();
    }

    #[test]
    fn bytes_of_another_kind_version_or_length_are_refused_with_a_reason() {
        let mut writer = ByteWriter::new(SummaryKind::Story, 0);
        writer.u32(7);
        let bytes = writer.finish();
        let problem = |kind, bytes: &[u8]| {
            ByteReader::new(kind, bytes)
                .and_then(|mut reader| reader.u32().and_then(|_| reader.finish()))
                .unwrap_err()
                .problem
        };
        assert_eq!(
            problem(SummaryKind::Fingerprint, &bytes),
            BytesProblem::OtherKind(SummaryKind::Story)
        );
        assert_eq!(
            problem(SummaryKind::Story, b"x"),
            BytesProblem::Unrecognised(Some(b'x'))
        );
        assert_eq!(
            problem(SummaryKind::Story, &[b'S', 9]),
            BytesProblem::OtherVersion(9)
        );
        assert_eq!(
            problem(SummaryKind::Story, &bytes[..4]),
            BytesProblem::CutShort { at: 2 }
        );
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(
            problem(SummaryKind::Story, &longer),
            BytesProblem::TrailingBytes { at: 6 }
        );
        let message = ByteReader::new(SummaryKind::Story, &[b'S', 9])
            .err()
            .unwrap()
            .to_string();
        assert!(message.contains("same version"), "{message}");
    }

    #[test]
    fn a_count_larger_than_the_bytes_left_is_refused_before_allocating() {
        let mut writer = ByteWriter::new(SummaryKind::CommonStems, 0);
        writer.varint(u64::MAX / 2);
        let bytes = writer.finish();
        let mut reader = ByteReader::new(SummaryKind::CommonStems, &bytes).unwrap();
        assert!(reader.ascending(u64::MAX, true).is_err());
    }
}
