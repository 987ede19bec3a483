//! Opaque page tokens: `base64url(version | snapshot fingerprint | query fingerprint | offset)`.
//!
//! A token is valid only for the snapshot and the exact filters and sort that issued it, so a token
//! replayed after a reload or with changed filters is rejected instead of silently giving wrong pages.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

const VERSION: u8 = 1;
const LEN: usize = 1 + 8 + 8 + 4;

/// Why a page token was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not a token this server issues.
    Malformed,
    /// Issued for another snapshot of the store.
    OtherSnapshot,
    /// Issued for other filters, sort or list.
    OtherQuery,
}

impl TokenError {
    /// A sentence for the problem detail.
    pub fn detail(self) -> &'static str {
        match self {
            TokenError::Malformed => "page_token is not a token issued by this API; use next_page_token from a previous page.",
            TokenError::OtherSnapshot => "page_token was issued for an earlier snapshot of the data; start again from the first page.",
            TokenError::OtherQuery => "page_token was issued for different filters or sort; repeat the original query or drop page_token.",
        }
    }
}

/// First 8 bytes of SHA-256 over `text`.
pub fn fingerprint(text: &str) -> [u8; 8] {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = [0; 8];
    out.copy_from_slice(&digest[..8]);
    out
}

/// Encodes a token for `offset` in the list identified by the two fingerprints.
pub fn encode(snapshot: [u8; 8], query: [u8; 8], offset: u32) -> String {
    let mut raw = Vec::with_capacity(LEN);
    raw.push(VERSION);
    raw.extend_from_slice(&snapshot);
    raw.extend_from_slice(&query);
    raw.extend_from_slice(&offset.to_be_bytes());
    URL_SAFE_NO_PAD.encode(raw)
}

/// Decodes a token and checks it belongs to this snapshot and query; returns the offset.
pub fn decode(token: &str, snapshot: [u8; 8], query: [u8; 8]) -> Result<u32, TokenError> {
    if token.len() > 64 {
        return Err(TokenError::Malformed);
    }
    let raw = URL_SAFE_NO_PAD
        .decode(token)
        .map_err(|_| TokenError::Malformed)?;
    if raw.len() != LEN || raw[0] != VERSION {
        return Err(TokenError::Malformed);
    }
    if raw[1..9] != snapshot {
        return Err(TokenError::OtherSnapshot);
    }
    if raw[9..17] != query {
        return Err(TokenError::OtherQuery);
    }
    Ok(u32::from_be_bytes([raw[17], raw[18], raw[19], raw[20]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejections() {
        let (s, q) = (fingerprint("s"), fingerprint("q"));
        let token = encode(s, q, 40);
        assert_eq!(decode(&token, s, q), Ok(40));
        assert_eq!(
            decode(&token, fingerprint("other"), q),
            Err(TokenError::OtherSnapshot)
        );
        assert_eq!(
            decode(&token, s, fingerprint("other")),
            Err(TokenError::OtherQuery)
        );
        assert_eq!(
            decode(&token[..token.len() - 2], s, q),
            Err(TokenError::Malformed)
        );
        assert_eq!(decode("not a token!", s, q), Err(TokenError::Malformed));
        assert_eq!(decode("", s, q), Err(TokenError::Malformed));
    }
}
