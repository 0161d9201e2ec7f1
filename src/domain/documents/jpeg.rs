//! The structure of an uploaded JPEG, walked as its bytes stream past: the size of its image,
//! and whether everything after the image's end is what cameras and phones really put there.
//!
//! After the end-of-image marker a file may carry, in any order and number:
//! - further JPEG images: the second frame of a stereo or Multi-Picture (MPF, CIPA DC-007)
//!   file, or a depth map or preview that phones append;
//! - an MP4 video: a Google or Samsung motion photo (`ftyp` box first);
//! - Samsung's trailer (`SEFH` directory, ending with `SEFT`), which holds a motion photo's
//!   video and the camera's settings;
//! - padding: zero or `0xFF` bytes.
//!
//! Anything else there is data hidden behind the image, and the file is refused.

/// What the walk found at the end of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The image ended at its end-of-image marker, followed only by what cameras append.
    Clean { width: u32, height: u32 },
    /// The image is truncated or its structure is broken.
    Damaged,
    /// Something other than camera data follows the image.
    Foreign,
}

/// Where the walk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Between marker segments of an image (reading a marker and its length).
    Segments,
    /// In compressed image data after a start-of-scan header, up to the next marker.
    Scan { after_ff: bool },
    /// After an image's end: the first bytes of the next part decide what it is.
    Boundary,
    /// In the boxes of an MP4 video.
    Video,
    /// In bytes that are neither an image nor a video: padding, or a Samsung trailer (checked
    /// at the end against the trailer's directory).
    Other { only_padding: bool },
    /// The primary image is broken.
    Broken,
}

/// Walks a JPEG file as its bytes stream past, holding at most a few header bytes.
#[derive(Debug)]
pub struct JpegWalk {
    mode: Mode,
    /// Bytes still to pass over (the rest of the current segment or box).
    skip: u64,
    /// Header bytes of the current segment, box or part, until there are enough to decide.
    pending: Vec<u8>,
    /// Where `pending` starts in the file.
    pending_at: u64,
    /// Bytes walked so far.
    offset: u64,
    /// Images begun: 1 while in the primary image.
    images: u32,
    /// Whether the current image has had its frame header.
    framed: bool,
    /// The size of the primary image.
    dimensions: Option<(u32, u32)>,
    /// Where the current part after the primary image started.
    part_start: u64,
    /// The current MP4 box runs to the end of the file.
    box_to_end: bool,
}

impl Default for JpegWalk {
    fn default() -> JpegWalk {
        JpegWalk {
            mode: Mode::Segments,
            // Past the start-of-image marker, which the file's first bytes were checked for.
            skip: 2,
            pending: Vec::new(),
            pending_at: 0,
            offset: 0,
            images: 1,
            framed: false,
            dimensions: None,
            part_start: 0,
            box_to_end: false,
        }
    }
}

/// The boxes an MP4 file consists of at its top level (ISO/IEC 14496-12 and 14496-14).
const TOP_LEVEL_BOXES: [&[u8; 4]; 15] = [
    b"ftyp", b"styp", b"moov", b"mdat", b"moof", b"mfra", b"free", b"skip", b"wide", b"uuid",
    b"meta", b"sidx", b"ssix", b"prft", b"emsg",
];

/// Marker segments that are a frame header (SOF0 to SOF15, without DHT, JPG and DAC).
fn is_frame(marker: u8) -> bool {
    matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

fn is_padding(byte: u8) -> bool {
    byte == 0x00 || byte == 0xFF
}

impl JpegWalk {
    pub fn feed(&mut self, mut chunk: &[u8]) {
        while !chunk.is_empty() && self.mode != Mode::Broken {
            if self.skip > 0 {
                let n = self.skip.min(chunk.len() as u64);
                self.skip -= n;
                self.offset += n;
                chunk = &chunk[n as usize..];
                continue;
            }
            let used = match self.mode {
                Mode::Scan { after_ff } => self.scan(chunk, after_ff),
                Mode::Other { only_padding } => {
                    let padding = chunk.iter().all(|&b| is_padding(b));
                    self.mode = Mode::Other {
                        only_padding: only_padding && padding,
                    };
                    chunk.len()
                }
                _ => {
                    if self.pending.is_empty() {
                        self.pending_at = self.offset;
                    }
                    self.pending.push(chunk[0]);
                    self.step();
                    1
                }
            };
            self.offset += used as u64;
            chunk = &chunk[used..];
        }
    }

    /// Passes over compressed data up to the byte after the `0xFF` of the next marker; returns
    /// the bytes used.
    fn scan(&mut self, chunk: &[u8], after_ff: bool) -> usize {
        let mut after_ff = after_ff;
        for (i, &b) in chunk.iter().enumerate() {
            if after_ff {
                match b {
                    // A stuffed zero byte, a restart marker, or fill before a marker.
                    0x00 | 0xD0..=0xD7 => after_ff = false,
                    0xFF => {}
                    _ => {
                        // The scan has ended at a marker, which is read as a segment.
                        self.mode = Mode::Segments;
                        self.pending.clear();
                        self.pending.push(0xFF);
                        return i;
                    }
                }
            } else if b == 0xFF {
                after_ff = true;
            }
        }
        self.mode = Mode::Scan { after_ff };
        chunk.len()
    }

    /// Looks at the header bytes read so far.
    fn step(&mut self) {
        match self.mode {
            Mode::Segments => self.segment(),
            Mode::Boundary => self.boundary(),
            Mode::Video => self.video_box(),
            _ => {}
        }
    }

    /// A marker segment of an image.
    fn segment(&mut self) {
        let p = &self.pending;
        if p[0] != 0xFF {
            return self.break_image();
        }
        if p.len() < 2 {
            return;
        }
        match p[1] {
            // Fill bytes before a marker.
            0xFF => self.pending.truncate(1),
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => self.pending.clear(),
            0xD9 if self.framed => self.end_image(),
            0xD8 | 0xD9 | 0x00 => self.break_image(),
            marker => {
                let frame = is_frame(marker);
                let need = if frame { 9 } else { 4 };
                if p.len() < need {
                    return;
                }
                let length = u64::from(u16::from_be_bytes([p[2], p[3]]));
                let read = (need - 2) as u64;
                if length < read || (marker == 0xDA && !self.framed) {
                    return self.break_image();
                }
                if frame {
                    let height = u32::from(u16::from_be_bytes([p[5], p[6]]));
                    let width = u32::from(u16::from_be_bytes([p[7], p[8]]));
                    if width == 0 || height == 0 {
                        return self.break_image();
                    }
                    if self.images == 1 && self.dimensions.is_none() {
                        self.dimensions = Some((width, height));
                    }
                    self.framed = true;
                }
                self.skip = length - read;
                self.pending.clear();
                if marker == 0xDA {
                    self.mode = Mode::Scan { after_ff: false };
                }
            }
        }
    }

    /// The current image is broken: the file is damaged if it is the primary image; a broken
    /// appended image is data of another kind.
    fn break_image(&mut self) {
        if self.images == 1 {
            self.mode = Mode::Broken;
        } else {
            self.pending.clear();
            self.become_other(false);
        }
    }

    /// The current image ended at its end-of-image marker.
    fn end_image(&mut self) {
        self.pending.clear();
        self.mode = Mode::Boundary;
        self.part_start = self.offset + 1;
    }

    /// The first bytes after an image or video: another image, a video, or something else.
    fn boundary(&mut self) {
        let p = &self.pending;
        if p.len() >= 3 && p[..3] == [0xFF, 0xD8, 0xFF] {
            // Another image: its start-of-image marker is behind, its first marker begun.
            self.images += 1;
            self.framed = false;
            self.mode = Mode::Segments;
            self.pending.drain(..2);
            return;
        }
        if p.len() < 8 {
            return;
        }
        if &p[4..8] == b"ftyp" {
            self.mode = Mode::Video;
            return self.video_box();
        }
        let only_padding = self.pending.iter().all(|&b| is_padding(b));
        self.pending.clear();
        self.become_other(only_padding);
    }

    /// An MP4 box header: size, type, and a 64-bit size when the size is 1.
    fn video_box(&mut self) {
        let p = &self.pending;
        if p.len() < 8 {
            return;
        }
        let size = u64::from(u32::from_be_bytes([p[0], p[1], p[2], p[3]]));
        let named = TOP_LEVEL_BOXES.iter().any(|name| p[4..8] == **name);
        let header = match size {
            1 if p.len() < 16 => return,
            1 => 16,
            _ => 8,
        };
        let size = if size == 1 {
            u64::from_be_bytes([p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15]])
        } else {
            size
        };
        if !named || (size != 0 && size < header) {
            // Not a box of a video: the video ended before these bytes, which begin another
            // part.
            let only_padding = self.pending.iter().all(|&b| is_padding(b));
            self.pending.clear();
            self.part_start = self.pending_at;
            return self.become_other(only_padding);
        }
        self.pending.clear();
        if size == 0 {
            self.box_to_end = true;
            self.skip = u64::MAX;
        } else {
            self.skip = size - header;
        }
    }

    /// The part begun at `part_start` is neither image nor video; `only_padding` says whether
    /// its bytes so far were all padding.
    fn become_other(&mut self, only_padding: bool) {
        self.mode = Mode::Other { only_padding };
    }

    /// What the file was, given its last bytes (`tail`, up to 64 KiB) and its size.
    pub fn finish(&self, tail: &[u8], size: u64) -> Ending {
        let (width, height) = match self.dimensions {
            Some(d) => d,
            None => return Ending::Damaged,
        };
        let clean = Ending::Clean { width, height };
        let header_is_padding = self.pending.iter().all(|&b| is_padding(b));
        match self.mode {
            Mode::Broken => Ending::Damaged,
            Mode::Segments | Mode::Scan { .. } if self.images == 1 => Ending::Damaged,
            // The photo is whole, but what follows it is not a whole image.
            Mode::Segments | Mode::Scan { .. } => Ending::Foreign,
            Mode::Boundary if header_is_padding => clean,
            Mode::Video if self.box_to_end => clean,
            // A box cut short: the video is truncated.
            Mode::Video if self.skip > 0 => Ending::Damaged,
            // Bytes too few for a box header after the video's last box.
            Mode::Video if header_is_padding => clean,
            Mode::Video => Ending::Foreign,
            Mode::Other { only_padding: true } => clean,
            Mode::Boundary | Mode::Other { .. } => {
                if samsung_trailer_start(tail, size) == Some(self.part_start) {
                    clean
                } else {
                    Ending::Foreign
                }
            }
        }
    }
}

/// Where a Samsung trailer at the end of the file begins, from its directory: the file ends
/// with the directory's length and `SEFT`; the directory starts with `SEFH`, a version and
/// the number of entries, then 12 bytes per entry (two bytes, its type, its distance back from
/// the directory and its length). The trailer begins at the entry farthest back, and every
/// entry must lie between there and the directory.
pub fn samsung_trailer_start(tail: &[u8], size: u64) -> Option<u64> {
    let n = tail.len();
    if n < 8 || &tail[n - 4..] != b"SEFT" {
        return None;
    }
    let u32_at = |i: usize| u32::from_le_bytes([tail[i], tail[i + 1], tail[i + 2], tail[i + 3]]);
    let length = u32_at(n - 8) as usize;
    let dir = (n - 8).checked_sub(length)?;
    if length < 12 || &tail[dir..dir + 4] != b"SEFH" {
        return None;
    }
    let count = u32_at(dir + 8) as usize;
    if count == 0 || 12 + count * 12 > length {
        return None;
    }
    let dir_in_file = size - (n - dir) as u64;
    let mut start = dir_in_file;
    for entry in 0..count {
        let at = dir + 12 + entry * 12;
        let back = u64::from(u32_at(at + 4));
        let len = u64::from(u32_at(at + 8));
        if len < 8 || len > back || back > dir_in_file {
            return None;
        }
        start = start.min(dir_in_file - back);
    }
    Some(start)
}
