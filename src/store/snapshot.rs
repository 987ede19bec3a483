//! The binary snapshot of a validated store: the same records as the JSON file, in postcard, so that a
//! large store loads without parsing JSON.
//!
//! Layout: the 8-byte [`MAGIC`], the snapshot format version ([`SNAPSHOT_VERSION`], u32 little-endian),
//! BLAKE3 over the rest of the file (32 bytes), then the body: length-prefixed (u64 little-endian)
//! postcard blobs. The first blob is a [`Head`] (the JSON file's snapshot id, its format version and how
//! many blobs of each record type follow); the others each hold up to [`CHUNK`] records, articles first,
//! then entities, entity mentions and claims, so that they decode on every core.
//!
//! A snapshot is written only from a store that passed [`super::load::validate`], and the checksum
//! proves on load that its bytes are those written, so serving it does not validate it again.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::load::{LoadError, Validated};
use super::model::{ArticleRecord, ClaimRecord, EntityMentionRecord, EntityRecord, FactsFile};

/// The first bytes of every snapshot file.
pub const MAGIC: [u8; 8] = *b"NFSNAP\r\n";

/// The snapshot layout version this build reads and writes; changed whenever the layout, the checksum
/// or a record type changes, since postcard records carry no field names.
pub const SNAPSHOT_VERSION: u32 = 2;

/// Records per blob.
const CHUNK: usize = 16_384;

/// Bytes before the body: magic, version, checksum.
const PREAMBLE: usize = 8 + 4 + 32;

/// The first blob of the body.
#[derive(Debug, Serialize, Deserialize)]
struct Head {
    snapshot_id: String,
    format_version: u32,
    /// Blobs of articles, entities, entity mentions and claims.
    chunks: [u32; 4],
}

/// Whether `bytes` start like a snapshot (rather than a JSON store).
pub fn is_snapshot(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Encodes a validated store as a snapshot.
pub fn encode(validated: &Validated) -> Vec<u8> {
    let facts = &validated.facts;
    let mut blobs: Vec<Vec<u8>> = Vec::new();
    fn chunks<T: Serialize>(records: &[T], blobs: &mut Vec<Vec<u8>>) -> u32 {
        let mut n = 0;
        for chunk in records.chunks(CHUNK) {
            blobs.push(postcard::to_stdvec(chunk).expect("records encode"));
            n += 1;
        }
        n
    }
    let head_at = blobs.len();
    blobs.push(Vec::new());
    let chunks = [
        chunks(&facts.articles, &mut blobs),
        chunks(&facts.entities, &mut blobs),
        chunks(&facts.entity_mentions, &mut blobs),
        chunks(&facts.claims, &mut blobs),
    ];
    blobs[head_at] = postcard::to_stdvec(&Head {
        snapshot_id: validated.snapshot_id.clone(),
        format_version: facts.format_version,
        chunks,
    })
    .expect("the head encodes");
    let body_len: usize = blobs.iter().map(|b| 8 + b.len()).sum();
    let mut body = Vec::with_capacity(body_len);
    for blob in &blobs {
        body.extend_from_slice(&(blob.len() as u64).to_le_bytes());
        body.extend_from_slice(blob);
    }
    let mut out = Vec::with_capacity(PREAMBLE + body.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&SNAPSHOT_VERSION.to_le_bytes());
    out.extend_from_slice(blake3::hash(&body).as_bytes());
    out.extend_from_slice(&body);
    out
}

/// Writes a snapshot of `validated` to `path`, through a temporary file renamed into place so that a
/// server reloading `path` never reads half a file.
pub fn write(validated: &Validated, path: &Path) -> std::io::Result<()> {
    let bytes = encode(validated);
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Decodes snapshot bytes; `origin` names them in errors. The checksum is verified (on another thread,
/// while the records decode) before anything decoded is returned.
pub fn decode(bytes: &[u8], origin: &str) -> Result<Validated, LoadError> {
    let refuse = |message: String| LoadError::Snapshot {
        origin: origin.to_string(),
        message,
    };
    if !is_snapshot(bytes) {
        return Err(refuse(
            "not a newsfacts snapshot (wrong magic bytes)".into(),
        ));
    }
    if bytes.len() < PREAMBLE {
        return Err(refuse("truncated: shorter than its header".into()));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != SNAPSHOT_VERSION {
        return Err(refuse(format!(
            "snapshot format version {version}, this build reads {SNAPSHOT_VERSION}; write it again \
             with `newsfacts snapshot`"
        )));
    }
    let (sum, body) = bytes[12..].split_at(32);
    let corrupt = || refuse("corrupt or truncated: its checksum does not match its content".into());
    let (decoded, digest) = std::thread::scope(|scope| {
        let digest = scope.spawn(|| blake3::hash(body));
        let decoded = decode_body(body);
        (decoded, digest.join().expect("hashing does not panic"))
    });
    if digest.as_bytes().as_slice() != sum {
        return Err(corrupt());
    }
    // The checksum matched, so a decoding failure is a bug of the writer, not damage.
    let (head, facts) = decoded.map_err(|e| refuse(format!("cannot be decoded: {e}")))?;
    if facts.format_version != super::model::FORMAT_VERSION {
        return Err(refuse(format!(
            "holds a store of format_version {}, this build reads {}",
            facts.format_version,
            super::model::FORMAT_VERSION
        )));
    }
    Ok(Validated {
        facts,
        snapshot_id: head.snapshot_id,
    })
}

/// Splits the body into its blobs and decodes them.
fn decode_body(body: &[u8]) -> Result<(Head, FactsFile), String> {
    let mut blobs = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        if rest.len() < 8 {
            return Err("a blob length is cut short".into());
        }
        let (len, tail) = rest.split_at(8);
        let len = u64::from_le_bytes(len.try_into().expect("8 bytes"));
        let len = usize::try_from(len)
            .ok()
            .filter(|&l| l <= tail.len())
            .ok_or("a blob runs past the end")?;
        blobs.push(&tail[..len]);
        rest = &tail[len..];
    }
    let (head, blobs) = blobs.split_first().ok_or("no head")?;
    let head: Head = postcard::from_bytes(head).map_err(|e| e.to_string())?;
    let [a, e, m, c] = head.chunks.map(|n| n as usize);
    if a + e + m + c != blobs.len() {
        return Err("the head's blob counts do not match the body".into());
    }
    let (articles, blobs) = blobs.split_at(a);
    let (entities, blobs) = blobs.split_at(e);
    let (mentions, claims) = blobs.split_at(m);
    let threads = super::load::cores();
    let facts = FactsFile {
        format_version: head.format_version,
        articles: decode_chunks::<ArticleRecord>(articles, threads)?,
        entities: decode_chunks::<EntityRecord>(entities, threads)?,
        entity_mentions: decode_chunks::<EntityMentionRecord>(mentions, threads)?,
        claims: decode_chunks::<ClaimRecord>(claims, threads)?,
    };
    Ok((head, facts))
}

/// Decodes blobs of records on up to `threads` threads, keeping their order.
fn decode_chunks<T: DeserializeOwned + Send>(
    blobs: &[&[u8]],
    threads: usize,
) -> Result<Vec<T>, String> {
    let per_thread = blobs.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = blobs
            .chunks(per_thread)
            .map(|group| {
                scope.spawn(move || -> Result<Vec<Vec<T>>, String> {
                    (group.iter())
                        .map(|blob| postcard::from_bytes(blob).map_err(|e| e.to_string()))
                        .collect()
                })
            })
            .collect();
        let mut decoded = Vec::with_capacity(blobs.len());
        for part in parts {
            decoded.extend(part.join().expect("decoding does not panic")?);
        }
        // Moved once into a vector of the exact length: growing one as the blobs come would copy
        // the records again at every doubling, each time into memory the kernel must zero first.
        let mut out = Vec::with_capacity(decoded.iter().map(Vec::len).sum());
        for records in decoded {
            out.extend(records);
        }
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{load, FactStore, EMBEDDED_FACTS};

    fn embedded() -> Validated {
        load::parse_and_validate(EMBEDDED_FACTS, "t").unwrap()
    }

    /// Everything the API can answer from a store, as JSON.
    fn answers(store: &FactStore) -> String {
        serde_json::to_string(&(
            store.snapshot(),
            store.etag(),
            store.articles(),
            store.entities(),
            store.claims(),
            store.entity_mentions(),
            &store.article_summaries,
            &store.article_entities,
        ))
        .unwrap()
    }

    #[test]
    fn a_snapshot_holds_the_same_store_and_id_as_its_json() {
        let json = embedded();
        let bytes = encode(&json);
        assert!(is_snapshot(&bytes) && !is_snapshot(EMBEDDED_FACTS));
        let back = decode(&bytes, "t").unwrap();
        assert_eq!(back.snapshot_id, json.snapshot_id);
        assert!(back.facts == json.facts);
        // Loaded through the same path as the server's, from files.
        let dir = std::env::temp_dir().join(format!("newsfacts-snap-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (json_path, snap_path) = (dir.join("facts.json"), dir.join("facts.snapshot"));
        std::fs::write(&json_path, EMBEDDED_FACTS).unwrap();
        write(&json, &snap_path).unwrap();
        let from_json = FactStore::load(&json_path).unwrap();
        let from_snapshot = FactStore::load(&snap_path).unwrap();
        assert_eq!(from_json.etag(), from_snapshot.etag());
        assert_eq!(answers(&from_json), answers(&from_snapshot));
        // `validate` checks a snapshot in full too.
        assert_eq!(
            load::read_file(&snap_path).unwrap().snapshot_id,
            json.snapshot_id
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn damaged_or_foreign_snapshots_are_refused_naming_the_file() {
        let good = encode(&embedded());
        let mut flipped = good.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x20;
        let mut bad_sum = good.clone();
        bad_sum[20] ^= 1;
        let mut other_version = good.clone();
        other_version[8..12].copy_from_slice(&(SNAPSHOT_VERSION + 1).to_le_bytes());
        let cases: [(&[u8], &str); 6] = [
            (&flipped, "checksum"),
            (&bad_sum, "checksum"),
            (&good[..good.len() - 1], "checksum"),
            (&good[..PREAMBLE + 3], "checksum"),
            (&good[..10], "truncated"),
            (&other_version, "format version"),
        ];
        for (bytes, why) in cases {
            let message = decode(bytes, "dir/facts.snapshot").unwrap_err().to_string();
            assert!(message.starts_with("dir/facts.snapshot: "), "{message}");
            assert!(message.contains(why), "{message}");
        }
        // The server refuses to start on one, naming it.
        let dir = std::env::temp_dir().join(format!("newsfacts-badsnap-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("facts.snapshot");
        std::fs::write(&path, &flipped).unwrap();
        let settings = crate::startup::Settings::new("127.0.0.1:0", Some(path.clone()));
        let message = match crate::startup::Application::build(&settings) {
            Ok(_) => panic!("a corrupt snapshot was served"),
            Err(e) => format!("{e:#}"),
        };
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("checksum"), "{message}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
