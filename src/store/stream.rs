//! Reading a large JSON store in blocks: the file is never held whole.
//!
//! The reading thread hashes each block and cuts it into records at the top level of the store (a
//! small state machine that only has to find where each record of the four arrays begins and ends);
//! worker threads parse the records of each block as it arrives. Only store files laid out plainly are
//! read this way: any other shape (an unknown, repeated or missing key, a record that is not an object,
//! anything but whitespace between tokens) or a record that does not parse ends the read with
//! [`Outcome::Unusual`], and the caller parses the whole file in one piece, which names the problem
//! exactly where a one-pass parse would.
//!
//! Equivalence with the one-pass parse: each record is parsed from exactly its own bytes, so a record
//! that parses is a complete JSON value; the text between records is checked here token by token.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};

use super::model::{ArticleRecord, ClaimRecord, EntityMentionRecord, EntityRecord, FactsFile};

/// Bytes read before a block is cut into records.
const BLOCK: usize = 4 << 20;

/// Blocks read ahead of the parsing threads.
const QUEUED_BLOCKS: usize = 2;

/// The BLAKE3 hash of the bytes read.
pub type Digest32 = blake3::Hash;

/// How a streamed read ended.
#[derive(Debug)]
pub enum Outcome {
    /// Every record parsed; the store and the BLAKE3 hash of the file.
    Parsed(Box<FactsFile>, Digest32),
    /// The file is not laid out plainly, or a record does not parse: parse it whole instead.
    Unusual,
}

/// One of the store's four record arrays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Array {
    Articles,
    Entities,
    EntityMentions,
    Claims,
}

/// A top-level key of the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    FormatVersion,
    Records(Array),
}

impl Key {
    const ALL: [(&'static [u8], Key); 5] = [
        (b"format_version", Key::FormatVersion),
        (b"articles", Key::Records(Array::Articles)),
        (b"entities", Key::Records(Array::Entities)),
        (b"entity_mentions", Key::Records(Array::EntityMentions)),
        (b"claims", Key::Records(Array::Claims)),
    ];

    fn slot(self) -> usize {
        match self {
            Key::FormatVersion => 0,
            Key::Records(Array::Articles) => 1,
            Key::Records(Array::Entities) => 2,
            Key::Records(Array::EntityMentions) => 3,
            Key::Records(Array::Claims) => 4,
        }
    }
}

/// Where the scanner stands between two tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before the opening `{`.
    Start,
    /// After `{`: a key or `}`.
    FirstKey,
    /// After `,` between members: a key.
    Key,
    /// After a key: `:`.
    Colon(Key),
    /// After `:`: the member's value.
    Value(Key),
    /// After `[`: a record or `]`.
    FirstRecord(Array),
    /// After `,` between records: a record.
    Record(Array),
    /// After a record: `,` or `]`.
    AfterRecord(Array),
    /// After a member's value: `,` or `}`.
    AfterValue,
    /// After the closing `}`: nothing but whitespace.
    End,
}

/// The file is not laid out plainly.
#[derive(Debug)]
struct Unusual;

/// Cuts store text into records, block by block.
#[derive(Debug)]
struct Scanner {
    state: State,
    seen: [bool; 5],
    format_version: Option<u32>,
}

/// A record's array and its byte range in a block.
type Cut = (Array, usize, usize);

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl Scanner {
    fn new() -> Self {
        Self {
            state: State::Start,
            seen: [false; 5],
            format_version: None,
        }
    }

    /// Scans `buf` from its start (the scanner's current position), appending each complete record to
    /// `cuts`. Returns how many bytes were consumed: a token cut off by the end of `buf` is left for the
    /// next call, which must start with it. `eof` says no more bytes follow.
    fn scan(&mut self, buf: &[u8], eof: bool, cuts: &mut Vec<Cut>) -> Result<usize, Unusual> {
        let mut pos = 0;
        loop {
            while pos < buf.len() && is_ws(buf[pos]) {
                pos += 1;
            }
            if pos == buf.len() {
                return if eof && self.state != State::End {
                    Err(Unusual)
                } else {
                    Ok(pos)
                };
            }
            let b = buf[pos];
            // The end of the token that starts at `pos`, or None when `buf` cuts it off.
            let next = match self.state {
                State::Start if b == b'{' => {
                    self.state = State::FirstKey;
                    Some(pos + 1)
                }
                State::FirstKey if b == b'}' => {
                    self.state = State::End;
                    Some(pos + 1)
                }
                State::FirstKey | State::Key => match key_end(buf, pos)? {
                    None => None,
                    Some(end) => {
                        let name = &buf[pos + 1..end - 1];
                        let key = Key::ALL
                            .iter()
                            .find(|(n, _)| *n == name)
                            .map(|&(_, k)| k)
                            .ok_or(Unusual)?;
                        if std::mem::replace(&mut self.seen[key.slot()], true) {
                            return Err(Unusual);
                        }
                        self.state = State::Colon(key);
                        Some(end)
                    }
                },
                State::Colon(key) if b == b':' => {
                    self.state = State::Value(key);
                    Some(pos + 1)
                }
                State::Value(Key::FormatVersion) => {
                    let end = buf[pos..]
                        .iter()
                        .position(|&c| is_ws(c) || c == b',' || c == b'}')
                        .map(|n| pos + n);
                    match end {
                        None if !eof => None,
                        None => return Err(Unusual),
                        Some(end) => {
                            let v = serde_json::from_slice::<u32>(&buf[pos..end])
                                .map_err(|_| Unusual)?;
                            self.format_version = Some(v);
                            self.state = State::AfterValue;
                            Some(end)
                        }
                    }
                }
                State::Value(Key::Records(array)) if b == b'[' => {
                    self.state = State::FirstRecord(array);
                    Some(pos + 1)
                }
                State::FirstRecord(_) if b == b']' => {
                    self.state = State::AfterValue;
                    Some(pos + 1)
                }
                State::FirstRecord(array) | State::Record(array) if b == b'{' => {
                    match object_end(buf, pos) {
                        None => None,
                        Some(end) => {
                            cuts.push((array, pos, end));
                            self.state = State::AfterRecord(array);
                            Some(end)
                        }
                    }
                }
                State::AfterRecord(array) if b == b',' => {
                    self.state = State::Record(array);
                    Some(pos + 1)
                }
                State::AfterRecord(_) if b == b']' => {
                    self.state = State::AfterValue;
                    Some(pos + 1)
                }
                State::AfterValue if b == b',' => {
                    self.state = State::Key;
                    Some(pos + 1)
                }
                State::AfterValue if b == b'}' => {
                    self.state = State::End;
                    Some(pos + 1)
                }
                _ => return Err(Unusual),
            };
            match next {
                Some(end) => pos = end,
                None if eof => return Err(Unusual),
                None => return Ok(pos),
            }
        }
    }

    /// The format version once the whole file was scanned with every key present.
    fn finish(&self) -> Result<u32, Unusual> {
        match (self.state, self.seen, self.format_version) {
            (State::End, [true, true, true, true, true], Some(v)) => Ok(v),
            _ => Err(Unusual),
        }
    }
}

/// The end (exclusive) of the key string starting at `buf[pos]`; keys hold no escapes.
fn key_end(buf: &[u8], pos: usize) -> Result<Option<usize>, Unusual> {
    if buf[pos] != b'"' {
        return Err(Unusual);
    }
    match memchr::memchr2(b'"', b'\\', &buf[pos + 1..]) {
        None => Ok(None),
        Some(n) if buf[pos + 1 + n] == b'"' => Ok(Some(pos + n + 2)),
        Some(_) => Err(Unusual),
    }
}

/// The end (exclusive) of the object starting at `buf[pos]`, found by counting braces outside
/// strings; None when `buf` ends first. Whether the object is valid JSON is left to its parse.
///
/// Most of the file is read 64 bytes at a time, as bit masks of its quotes and braces: the bytes inside
/// strings are those between a quote and the next, so their mask is the running XOR of the quotes'.
/// A stretch with a backslash in it is read byte by byte, where an escape inside a string skips the
/// byte after it.
fn object_end(buf: &[u8], pos: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = pos;
    while i < buf.len() {
        if let Some(chunk) = buf.get(i..i + 64) {
            let [quotes, backslashes, opens, closes] = masks(chunk.try_into().expect("64 bytes"));
            if backslashes == 0 {
                let inside = prefix_xor(quotes) ^ if in_string { !0 } else { 0 };
                in_string = inside >> 63 == 1;
                let (opens, closes) = (opens & !inside, closes & !inside);
                if (closes.count_ones() as usize) < depth {
                    // The depth cannot reach zero in these 64 bytes.
                    depth = depth + opens.count_ones() as usize - closes.count_ones() as usize;
                } else {
                    let mut braces = opens | closes;
                    while braces != 0 {
                        let at = braces.trailing_zeros();
                        if opens >> at & 1 == 1 {
                            depth += 1;
                        } else {
                            depth -= 1;
                            if depth == 0 {
                                return Some(i + at as usize + 1);
                            }
                        }
                        braces &= braces - 1;
                    }
                }
                i += 64;
                continue;
            }
        }
        // Byte by byte, to the end of these 64 bytes (or past it, after an escape).
        let stop = (i + 64).min(buf.len());
        while i < stop {
            match (in_string, buf[i]) {
                (true, b'\\') => i += 1,
                (true, b'"') => in_string = false,
                (false, b'"') => in_string = true,
                (false, b'{') => depth += 1,
                (false, b'}') => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    None
}

/// The bytes [`masks`] looks for, in the order of its masks.
const MASKED: [u8; 4] = [b'"', b'\\', b'{', b'}'];

/// Bit masks of the quotes, backslashes, opening and closing braces in 64 bytes (bit `n` for byte
/// `n`), 16 bytes per comparison.
#[cfg(target_arch = "x86_64")]
fn masks(chunk: &[u8; 64]) -> [u64; 4] {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    let mut out = [0u64; 4];
    // SAFETY: SSE2 is part of every x86_64 target, and each unaligned load reads 16 of the 64 bytes.
    unsafe {
        let needles = MASKED.map(|b| _mm_set1_epi8(b as i8));
        for part in 0..4 {
            let bytes = _mm_loadu_si128(chunk.as_ptr().add(16 * part).cast::<__m128i>());
            for (mask, needle) in out.iter_mut().zip(needles) {
                let found = _mm_movemask_epi8(_mm_cmpeq_epi8(bytes, needle)) as u16;
                *mask |= u64::from(found) << (16 * part);
            }
        }
    }
    out
}

/// Bit masks of the quotes, backslashes, opening and closing braces in 64 bytes (bit `n` for byte
/// `n`).
#[cfg(not(target_arch = "x86_64"))]
fn masks(chunk: &[u8; 64]) -> [u64; 4] {
    masks_bytewise(chunk)
}

/// [`masks`] one byte at a time: the version for other targets, and the reference for its tests.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn masks_bytewise(chunk: &[u8; 64]) -> [u64; 4] {
    let mut out = [0u64; 4];
    for (n, &b) in chunk.iter().enumerate() {
        for (mask, needle) in out.iter_mut().zip(MASKED) {
            *mask |= u64::from(b == needle) << n;
        }
    }
    out
}

/// Each bit set to the XOR of itself and every bit below it: 1 from each odd set bit up to the next.
fn prefix_xor(mut x: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        x ^= x << shift;
    }
    x
}

/// The records parsed from one block.
#[derive(Default)]
struct Parsed {
    articles: Vec<ArticleRecord>,
    entities: Vec<EntityRecord>,
    entity_mentions: Vec<EntityMentionRecord>,
    claims: Vec<ClaimRecord>,
}

impl Parsed {
    /// The records cut from `block`; None when one does not parse.
    fn from_block(block: &[u8], cuts: &[Cut]) -> Option<Self> {
        // Sized from the cuts, so that no vector grows (and moves) while the block is parsed.
        let count = |array: Array| cuts.iter().filter(|c| c.0 == array).count();
        let mut out = Parsed {
            articles: Vec::with_capacity(count(Array::Articles)),
            entities: Vec::with_capacity(count(Array::Entities)),
            entity_mentions: Vec::with_capacity(count(Array::EntityMentions)),
            claims: Vec::with_capacity(count(Array::Claims)),
        };
        for &(array, start, end) in cuts {
            // Checked as UTF-8 once per record, not once per string as parsing bytes would.
            let text = std::str::from_utf8(&block[start..end]).ok()?;
            match array {
                Array::Articles => out.articles.push(serde_json::from_str(text).ok()?),
                Array::Entities => out.entities.push(serde_json::from_str(text).ok()?),
                Array::EntityMentions => out.entity_mentions.push(serde_json::from_str(text).ok()?),
                Array::Claims => out.claims.push(serde_json::from_str(text).ok()?),
            }
        }
        Some(out)
    }
}

/// Reads a JSON store from `reader` (positioned at its start) in blocks of [`BLOCK`] bytes, parsing its
/// records on `threads` threads while it reads. An error reading is returned as it is.
pub fn parse(reader: &mut impl Read, threads: usize) -> std::io::Result<Outcome> {
    parse_in_blocks(reader, threads, BLOCK)
}

fn parse_in_blocks(
    reader: &mut impl Read,
    threads: usize,
    block: usize,
) -> std::io::Result<Outcome> {
    let failed = AtomicBool::new(false);
    let (send, receive) = mpsc::sync_channel::<(usize, Vec<u8>, Vec<Cut>)>(QUEUED_BLOCKS);
    let receive = Mutex::new(receive);
    // Parsed blocks go back to the reader to be filled again, so that reading the file faults in a
    // few blocks of fresh memory rather than the file's size (a block freed on a worker thread is
    // not reused by the reader's allocations).
    let (give_back, recycled) = mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let next = receive.lock().expect("no worker panics").recv();
                        let Ok((seq, mut bytes, cuts)) = next else {
                            break;
                        };
                        if failed.load(Ordering::Relaxed) {
                            continue;
                        }
                        match Parsed::from_block(&bytes, &cuts) {
                            Some(parsed) => done.push((seq, parsed)),
                            None => failed.store(true, Ordering::Relaxed),
                        }
                        bytes.clear();
                        // The reader may have finished; then the block is simply freed.
                        let _ = give_back.send(bytes);
                    }
                    done
                })
            })
            .collect();
        let read = read_blocks(reader, block, &failed, send, recycled);
        let mut parsed: Vec<(usize, Parsed)> = workers
            .into_iter()
            .flat_map(|w| w.join().expect("parsing does not panic"))
            .collect();
        let (format_version, digest) = match read? {
            Some(read) if !failed.load(Ordering::Relaxed) => read,
            _ => return Ok(Outcome::Unusual),
        };
        parsed.sort_unstable_by_key(|(seq, _)| *seq);
        let (mut articles, mut entities, mut entity_mentions, mut claims) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (_, p) in parsed {
            articles.push(p.articles);
            entities.push(p.entities);
            entity_mentions.push(p.entity_mentions);
            claims.push(p.claims);
        }
        let facts = FactsFile {
            format_version,
            articles: concat(articles, threads),
            entities: concat(entities, 1),
            entity_mentions: concat(entity_mentions, threads),
            claims: concat(claims, threads),
        };
        Ok(Outcome::Parsed(Box::new(facts), digest))
    })
}

/// `parts` joined in order, moved into one vector by up to `threads` threads, each filling its own
/// stretch of it: moving a million claims (half a gigabyte, into fresh pages) took one thread 1.4 s.
fn concat<T: Send>(parts: Vec<Vec<T>>, threads: usize) -> Vec<T> {
    let total: usize = parts.iter().map(Vec::len).sum();
    let mut out = Vec::with_capacity(total);
    // Whole parts in runs of about equal length, each with the stretch of `out` its items go to.
    let share = total.div_ceil(threads.max(1)).max(1);
    let mut runs = Vec::new();
    let mut rest = &mut out.spare_capacity_mut()[..total];
    let (mut run, mut run_len) = (Vec::new(), 0);
    let last = parts.len();
    for (i, part) in parts.into_iter().enumerate() {
        run_len += part.len();
        run.push(part);
        if run_len >= share || i + 1 == last {
            let (stretch, tail) = std::mem::take(&mut rest).split_at_mut(run_len);
            runs.push((std::mem::take(&mut run), stretch));
            rest = tail;
            run_len = 0;
        }
    }
    std::thread::scope(|scope| {
        for (run, stretch) in runs {
            scope.spawn(move || {
                let (slots, mut written) = (stretch.len(), 0);
                for (slot, item) in stretch.iter_mut().zip(run.into_iter().flatten()) {
                    slot.write(item);
                    written += 1;
                }
                assert_eq!(written, slots, "every slot of the stretch is written");
            });
        }
    });
    // SAFETY: the runs' stretches are consecutive and their lengths add up to `total`, and each thread
    // checked that it wrote every slot of its stretch: a panic on any thread (that check included) is
    // propagated by the scope before this line, leaving `out` empty.
    unsafe { out.set_len(total) };
    out
}

/// The reading side of [`parse_in_blocks`]: reads, hashes and cuts blocks and sends them to the
/// workers. `None` when the file is not laid out plainly or a worker failed.
fn read_blocks(
    reader: &mut impl Read,
    block: usize,
    failed: &AtomicBool,
    send: mpsc::SyncSender<(usize, Vec<u8>, Vec<Cut>)>,
    recycled: mpsc::Receiver<Vec<u8>>,
) -> std::io::Result<Option<(u32, Digest32)>> {
    let mut hasher = blake3::Hasher::new();
    let mut scanner = Scanner::new();
    let mut buf: Vec<u8> = Vec::with_capacity(block);
    let mut seq = 0;
    loop {
        if failed.load(Ordering::Relaxed) {
            return Ok(None);
        }
        // Fill up to one block more than the carried-over tail.
        let filled = buf.len();
        reader.by_ref().take(block as u64).read_to_end(&mut buf)?;
        hasher.update(&buf[filled..]);
        let eof = buf.len() < filled + block;
        let mut cuts = Vec::new();
        let Ok(consumed) = scanner.scan(&buf, eof, &mut cuts) else {
            return Ok(None);
        };
        if eof {
            let Ok(version) = scanner.finish() else {
                return Ok(None);
            };
            if !cuts.is_empty() && send.send((seq, buf, cuts)).is_err() {
                return Ok(None);
            }
            return Ok(Some((version, hasher.finalize())));
        }
        if cuts.is_empty() {
            // Only tokens between records so far: the scanner has moved past them.
            buf.drain(..consumed);
            continue;
        }
        let mut next = recycled
            .try_recv()
            // Room for a carried-over tail as long as a block, so a recycled buffer need not grow.
            .unwrap_or_else(|_| Vec::with_capacity(2 * block));
        next.extend_from_slice(&buf[consumed..]);
        next.reserve(block);
        buf.truncate(consumed);
        if send.send((seq, buf, cuts)).is_err() {
            return Ok(None);
        }
        seq += 1;
        buf = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parts of any lengths, empty ones included, join in order on any number of threads.
    #[test]
    fn concat_joins_parts_in_order_on_every_thread_count() {
        let lengths = [0, 3, 1, 0, 7, 2, 0, 5, 1];
        let parts = || -> Vec<Vec<String>> {
            let mut next = 0;
            (lengths.iter())
                .map(|&n| {
                    next += n;
                    (next - n..next).map(|i| i.to_string()).collect()
                })
                .collect()
        };
        let want: Vec<String> = parts().concat();
        for threads in 0..=20 {
            assert_eq!(concat(parts(), threads), want, "{threads} threads");
        }
        assert!(concat(Vec::<Vec<String>>::new(), 2).is_empty());
        assert!(concat(vec![Vec::<String>::new(); 3], 2).is_empty());
    }

    fn streamed(text: &[u8], block: usize) -> Option<FactsFile> {
        match parse_in_blocks(&mut &text[..], 2, block).unwrap() {
            Outcome::Parsed(facts, digest) => {
                assert_eq!(digest, blake3::hash(text));
                Some(*facts)
            }
            Outcome::Unusual => None,
        }
    }

    /// Every block size gives the one-pass parse's records, in order, and the file's BLAKE3 hash.
    #[test]
    fn streamed_records_equal_the_one_pass_parse_at_any_block_size() {
        let good = crate::store::EMBEDDED_FACTS;
        let want: FactsFile = serde_json::from_slice(good).unwrap();
        for block in [1, 2, 7, 64, 1000, 4096, 1 << 20] {
            assert!(
                streamed(good, block).as_ref() == Some(&want),
                "block {block}"
            );
        }
        // Compact JSON too, with the keys in another order.
        let value: serde_json::Value = serde_json::from_slice(good).unwrap();
        let mut members: Vec<(String, serde_json::Value)> =
            value.as_object().unwrap().clone().into_iter().collect();
        members.reverse();
        let compact = format!(
            "{{{}}}",
            members
                .iter()
                .map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap()))
                .collect::<Vec<_>>()
                .join(",")
        );
        for block in [3, 500] {
            assert!(streamed(compact.as_bytes(), block).as_ref() == Some(&want));
        }
    }

    /// Whatever is not laid out plainly, or does not parse, is left to the whole-file parse; a file that
    /// parses whole is never refused here for its layout alone when it is written as the tools write it.
    #[test]
    fn unusual_files_are_left_to_the_whole_file_parse() {
        let good = std::str::from_utf8(crate::store::EMBEDDED_FACTS).unwrap();
        let claims_at = good.find("\"claims\"").unwrap();
        let first_start = good.find("\"start\": ").unwrap();
        let cases = [
            // Truncated anywhere.
            good[..good.len() / 2].to_string(),
            good.trim_end()[..good.trim_end().len() - 1].to_string(),
            // Trailing text after the store.
            format!("{good} x"),
            // A repeated key.
            format!("{}\"format_version\": 1, {}", &good[..claims_at], &good[claims_at..]),
            // An unknown key.
            format!("{}\"colour\": 1, {}", &good[..claims_at], &good[claims_at..]),
            // A record of the wrong type.
            format!("{}\"start\": \"7\"{}", &good[..first_start], &good[first_start + 9..]),
            // A missing key.
            "{\"format_version\": 1, \"articles\": [], \"entities\": [], \"claims\": []}".to_string(),
            // Not an object.
            "[1, 2]".to_string(),
            // A record that is not an object.
            "{\"format_version\": 1, \"articles\": [1], \"entities\": [], \"entity_mentions\": [], \"claims\": []}"
                .to_string(),
            // A missing comma between records.
            "{\"format_version\": 1, \"articles\": [], \"entities\": [{} {}], \"entity_mentions\": [], \"claims\": []}"
                .to_string(),
            // A format version that is not a number.
            "{\"format_version\": \"1\", \"articles\": [], \"entities\": [], \"entity_mentions\": [], \"claims\": []}"
                .to_string(),
        ];
        for (i, text) in cases.iter().enumerate() {
            for block in [5, 1 << 20] {
                assert!(
                    streamed(text.as_bytes(), block).is_none(),
                    "case {i}, block {block}"
                );
            }
        }
        let empty =
            "{\"format_version\": 7, \"articles\": [], \"entities\": [], \"entity_mentions\": [], \"claims\": []}";
        let facts = streamed(empty.as_bytes(), 4).unwrap();
        assert_eq!(facts.format_version, 7);
        assert!(facts.claims.is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Whatever a damaged file gives when streamed, the one-pass parse gives too.
        #[test]
        fn streamed_damage_never_parses_differently(
            at in 0.0f64..1.0,
            edit in 0usize..3,
            byte in proptest::sample::select(b"{}[],:\"\\ x1\n".to_vec()),
            block in 1usize..5000,
        ) {
            let mut text = crate::store::EMBEDDED_FACTS.to_vec();
            let i = ((text.len() - 1) as f64 * at) as usize;
            match edit {
                0 => { text.remove(i); }
                1 => text.insert(i, byte),
                _ => text[i] = byte,
            }
            if let Some(facts) = streamed(&text, block) {
                let whole: FactsFile = serde_json::from_slice(&text).unwrap();
                proptest::prop_assert!(facts == whole);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The 64-byte reading finds the same ends as the memchr reading it replaced, on any bytes.
        #[test]
        fn object_ends_match_a_memchr_reading(
            body in proptest::collection::vec(
                proptest::sample::select(b"{}\"\\ a".to_vec()), 0..400),
            start in 0usize..70,
            escapes: bool,
        ) {
            let mut text = vec![b' '; start];
            text.push(b'{');
            // Without backslashes, every whole 64 bytes take the bit-mask path.
            text.extend(body.into_iter().filter(|&b| escapes || b != b'\\'));
            // The reading this file used before: from quote to quote and brace to brace by memchr.
            let by_memchr = || {
                let (mut depth, mut i) = (0usize, start);
                loop {
                    i += memchr::memchr3(b'"', b'{', b'}', text.get(i..)?)?;
                    match text[i] {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                return Some(i + 1);
                            }
                        }
                        _ => loop {
                            i += 1;
                            i += memchr::memchr2(b'"', b'\\', text.get(i..)?)?;
                            if text[i] == b'"' {
                                break;
                            }
                            i += 1;
                        },
                    }
                    i += 1;
                }
            };
            proptest::prop_assert_eq!(object_end(&text, start), by_memchr());
        }
    }

    proptest::proptest! {
        /// The masks of 64 bytes are those read one byte at a time.
        #[test]
        fn masks_match_a_bytewise_reading(
            chunk in proptest::collection::vec(
                proptest::sample::select(b"{}\"\\ a\xff".to_vec()), 64),
        ) {
            let chunk: &[u8; 64] = chunk.as_slice().try_into().unwrap();
            proptest::prop_assert_eq!(masks(chunk), masks_bytewise(chunk));
        }
    }

    /// Braces and quotes inside strings, escaped or not, do not end a record.
    #[test]
    fn object_ends_skip_strings_and_escapes() {
        let text = br#"{"a": "}\"{", "b": {"c": "\\"}, "d": "\\\""} tail"#;
        let end = object_end(text, 0).unwrap();
        assert_eq!(&text[end..], b" tail");
        assert!(object_end(&text[..end - 1], 0).is_none());
    }
}
