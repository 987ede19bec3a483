//! Text plumbing: input normalisation, a matching view with code-point offsets, spans, sentences and quotes,
//! and small matching helpers (ASCII-case-insensitive affix tests, word sets).
//!
//! Every offset the extractor stores counts Unicode code points in one article field. Matching runs on a
//! *view* of the field in which a few characters are replaced one-for-one (NBSP by a space, curly quotes by
//! straight ones, dashes by `-`), so code-point offsets are the same in the view and in the stored text;
//! only byte offsets differ, and [`FieldText::char_at`] converts them.

use crate::store::model::{Span, TextField};
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// Normalises raw input: NFC, CRLF and CR to LF, and drops a leading byte-order mark.
pub fn normalize_input(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let lf = if raw.contains('\r') {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw.to_string()
    };
    if unicode_normalization::is_nfc_quick(lf.chars()) == unicode_normalization::IsNormalized::Yes {
        lf
    } else {
        lf.nfc().collect()
    }
}

/// Whether `s` starts with the lowercase ASCII `prefix`, ignoring ASCII case (what
/// `s.to_ascii_lowercase().starts_with(prefix)` answers, without the copy).
pub fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Whether `s` ends with the lowercase ASCII `suffix`, ignoring ASCII case (what
/// `s.to_ascii_lowercase().ends_with(suffix)` answers, without the copy).
pub fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Whether `w` reads as a regular past form or participle: longer than four letters and ending in
/// "-ed", except the nouns and verbs that merely end so ("speed", "breed", "hundred") and
/// capitalised names ("Ahmed", "Javed", "Saeed"; a verb in capitals, "SEIZED", still counts).
pub fn is_regular_past(w: &str) -> bool {
    let b = w.as_bytes();
    let name = b.first().is_some_and(u8::is_ascii_uppercase)
        && b.get(1).is_some_and(u8::is_ascii_lowercase);
    !name
        && w.len() > 4
        && ends_with_ci(w, "ed")
        && !["speed", "breed", "hundred", "greed"]
            .iter()
            .any(|x| w.eq_ignore_ascii_case(x))
}

/// The captures of `re` in `hay`, set up only after a plain match test: capture groups cost an
/// allocation, and most texts these patterns are tried on do not match.
pub(crate) fn captures_if_match<'h>(
    re: &regex::Regex,
    hay: &'h str,
) -> Option<regex::Captures<'h>> {
    re.is_match(hay).then(|| re.captures(hay)).flatten()
}

/// Alternatives for a regex: each item escaped, a space standing for any blanks but a line break.
pub(crate) fn alternation(items: &[&str]) -> String {
    items
        .iter()
        .map(|t| regex::escape(t).replace(' ', r"[\s--\n]+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// A fixed set of words, cheap to query once per token: words of up to 7 bytes are packed with their
/// length into integers and binary-searched (no string hashing); longer words sit in a hash set.
#[derive(Debug)]
pub struct WordSet {
    short: Vec<u64>,
    long: HashSet<&'static str>,
}

impl WordSet {
    /// The set of `words` (exact, case-sensitive).
    pub fn new(words: &[&'static str]) -> Self {
        let mut short: Vec<u64> = words.iter().filter_map(|w| Self::pack(w)).collect();
        short.sort_unstable();
        short.dedup();
        let long = words
            .iter()
            .copied()
            .filter(|w| Self::pack(w).is_none())
            .collect();
        WordSet { short, long }
    }

    /// Whether `w` is one of the words.
    pub fn contains(&self, w: &str) -> bool {
        match Self::pack(w) {
            Some(k) => self.short.binary_search(&k).is_ok(),
            None => self.long.contains(w),
        }
    }

    /// Whether `w`, with ASCII letters lowercased, is one of the words (for a set of lowercase words).
    pub fn contains_lowercased(&self, w: &str) -> bool {
        match Self::pack(w) {
            Some(k) => {
                let mut b = k.to_le_bytes();
                b[..7].make_ascii_lowercase();
                self.short.binary_search(&u64::from_le_bytes(b)).is_ok()
            }
            None => !self.long.is_empty() && self.long.contains(w.to_ascii_lowercase().as_str()),
        }
    }

    fn pack(w: &str) -> Option<u64> {
        let b = w.as_bytes();
        if b.len() > 7 {
            return None;
        }
        let mut k = [0u8; 8];
        k[..b.len()].copy_from_slice(b);
        k[7] = b.len() as u8;
        Some(u64::from_le_bytes(k))
    }
}

/// The one-for-one substitution used for the matching view.
pub fn view_char(c: char) -> char {
    match c {
        '\u{00a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{200a}' | '\t' => ' ',
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' | '`' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// One article field prepared for matching.
#[derive(Debug, Clone)]
pub struct FieldText {
    /// Which field this is.
    pub field: TextField,
    /// The stored text.
    pub text: String,
    /// The matching view (same code points count as `text`).
    pub view: String,
    /// Byte offset in `text` of each code point (plus one past the end); empty when `text` is ASCII.
    text_byte: Vec<u32>,
    /// For each byte offset of `view` (plus one past the end), the code-point index; empty when the
    /// view is ASCII (byte and code-point offsets agree).
    byte_to_char: Vec<u32>,
    /// Byte offset in `view` of each code point (plus one past the end); empty when the view is ASCII.
    char_to_byte: Vec<u32>,
    /// Number of code points.
    n_chars: u32,
}

impl FieldText {
    /// Prepares `text` as field `field`.
    pub fn new(field: TextField, text: &str) -> Self {
        if text.is_ascii() {
            let view = ascii_view(text);
            return FieldText {
                field,
                text: text.to_string(),
                view,
                text_byte: Vec::new(),
                byte_to_char: Vec::new(),
                char_to_byte: Vec::new(),
                n_chars: text.len() as u32,
            };
        }
        let mut view = String::with_capacity(text.len());
        let mut text_byte = Vec::with_capacity(text.len() + 1);
        let mut char_to_byte = Vec::with_capacity(text.len() + 1);
        let mut byte_to_char = Vec::with_capacity(text.len() + 1);
        let mut n = 0u32;
        let mut rest = text;
        while !rest.is_empty() {
            // A run of ASCII: one byte per code point in both text and view.
            let run = rest
                .bytes()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
            if run > 0 {
                let (tb, vb) = ((text.len() - rest.len()) as u32, view.len() as u32);
                text_byte.extend(tb..tb + run as u32);
                char_to_byte.extend(vb..vb + run as u32);
                byte_to_char.extend(n..n + run as u32);
                let ascii = &rest[..run];
                if ascii.bytes().any(|b| b == b'\t' || b == b'`') {
                    view.extend(ascii.chars().map(view_char));
                } else {
                    view.push_str(ascii);
                }
                n += run as u32;
                rest = &rest[run..];
                continue;
            }
            let c = rest.chars().next().unwrap_or_default();
            let tb = text.len() - rest.len();
            rest = &rest[c.len_utf8()..];
            let vc = view_char(c);
            text_byte.push(tb as u32);
            char_to_byte.push(view.len() as u32);
            for _ in 0..vc.len_utf8() {
                byte_to_char.push(n);
            }
            view.push(vc);
            n += 1;
        }
        text_byte.push(text.len() as u32);
        char_to_byte.push(view.len() as u32);
        byte_to_char.push(n);
        FieldText {
            field,
            text: text.to_string(),
            view,
            text_byte,
            byte_to_char,
            char_to_byte,
            n_chars: n,
        }
    }

    /// Code-point index of a byte offset in the view.
    pub fn char_at(&self, byte: usize) -> u32 {
        if self.byte_to_char.is_empty() {
            byte as u32
        } else {
            self.byte_to_char[byte]
        }
    }

    /// Byte offset in the view of a code-point index.
    pub fn byte_at(&self, ch: u32) -> usize {
        if self.char_to_byte.is_empty() {
            ch as usize
        } else {
            self.char_to_byte[ch as usize] as usize
        }
    }

    /// Number of code points.
    pub fn len_chars(&self) -> u32 {
        self.n_chars
    }

    /// The stored text between two code-point indices.
    fn text_chars(&self, s: u32, e: u32) -> &str {
        if self.text_byte.is_empty() {
            &self.text[s as usize..e as usize]
        } else {
            &self.text[self.text_byte[s as usize] as usize..self.text_byte[e as usize] as usize]
        }
    }

    /// The stored text between two view byte offsets.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.text_chars(self.char_at(start), self.char_at(end))
            .to_string()
    }

    /// A span over view byte offsets `[start, end)`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (s, e) = (self.char_at(start), self.char_at(end));
        let ps = s.saturating_sub(32);
        let se = (e + 32).min(self.n_chars);
        Span::new(
            self.field,
            s,
            e,
            self.text_chars(ps, s),
            self.text_chars(s, e),
            self.text_chars(e, se),
        )
    }
}

/// The view of ASCII text: [`view_char`] on every byte (only tabs and backticks change).
fn ascii_view(text: &str) -> String {
    let bytes: Vec<u8> = text
        .bytes()
        .map(|b| match b {
            b'\t' => b' ',
            b'`' => b'\'',
            _ => b,
        })
        .collect();
    String::from_utf8(bytes).expect("ASCII stays ASCII")
}

/// Builds a span over code points `[start, end)` of `chars` with 32-code-point prefix and suffix.
pub fn make_span(field: TextField, chars: &[char], start: u32, end: u32) -> Span {
    let (s, e) = (start as usize, end as usize);
    let ps = s.saturating_sub(32);
    let se = (e + 32).min(chars.len());
    let text = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
    Span::new(field, start, end, &text(ps, s), &text(s, e), &text(e, se))
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "brig", "capt", "sen", "gov",
    "rep", "st", "jr", "sr", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rs", "u.s", "u.k",
    "u.n", "e.g", "i.e", "mt", "ft", "approx", "dept", "govt", "hon", "justice", "art", "sec",
    "para", "fig", "a.m", "p.m", "pvt",
];

/// Sentences of a field as view byte ranges. Paragraph breaks always end a sentence.
pub fn sentences(view: &str) -> Vec<(usize, usize)> {
    let bytes = view.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    let n = bytes.len();
    let push = |out: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        let seg = &view[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if s + lead < e - trail {
            out.push((s + lead, e - trail));
        }
    };
    while i < n {
        let b = bytes[i];
        if b == b'\n' {
            push(&mut out, start, i);
            start = i + 1;
        } else if b == b'.' || b == b'!' || b == b'?' {
            // Extend over closing quotes and brackets.
            let mut j = i + 1;
            while j < n && matches!(bytes[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            if j < n && bytes[j] == b' ' {
                // Next non-space must look like a sentence start.
                let mut k = j;
                while k < n && bytes[k] == b' ' {
                    k += 1;
                }
                let next = view[k..].chars().next();
                let starts = matches!(next, Some(c) if c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '\'' || c == '(');
                if starts && !(b == b'.' && is_abbreviation(view, i)) {
                    push(&mut out, start, j);
                    start = k;
                    i = k;
                    continue;
                }
            }
        }
        i += 1;
    }
    push(&mut out, start, n);
    out
}

fn is_abbreviation(view: &str, dot: usize) -> bool {
    let before = &view[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map(|(p, c)| p + c.len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // A single capital initial ("M. Ali").
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    // Dotted initials ("B.R. Gavai", "the U.S. Treasury") go on into the next word, unless that word is one
    // sentences open with ("... sanctions by the U.S. The ministry said").
    if dotted_initials(word) {
        let next = view[dot + 1..].trim_start();
        let next = &next[..next
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(next.len())];
        return !SENTENCE_OPENERS.contains(&next);
    }
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Whether `word` is two or more capital initials joined by dots, without the last dot ("B.R", "U.S").
pub fn dotted_initials(word: &str) -> bool {
    word.len() >= 3
        && word
            .split('.')
            .all(|p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_uppercase()))
}

/// Words that open a sentence far more often than they follow initials.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "However",
    "Meanwhile",
    "Earlier",
    "Later",
    "According",
    "Its",
    "His",
    "Her",
    "Their",
    "There",
    "Officials",
    "Police",
    "If",
    "When",
    "As",
    "After",
    "Since",
];

/// For each byte of the view, whether it lies inside a direct quotation (double quotes only; single
/// quotes are too often apostrophes or scare quotes). Quotes do not run across paragraphs unless a
/// paragraph opens with a quote and never closes it, the convention for multi-paragraph quotes.
pub fn quoted_ranges(view: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut para_start = 0usize;
    for para in view.split('\n') {
        let mut open: Option<usize> = None;
        for (i, c) in para.char_indices() {
            if c == '"' {
                match open {
                    None => open = Some(para_start + i),
                    Some(s) => {
                        out.push((s, para_start + i + 1));
                        open = None;
                    }
                }
            }
        }
        if let Some(s) = open {
            out.push((s, para_start + para.len()));
        }
        para_start += para.len() + 1;
    }
    out
}

/// Lowercase kebab-case ASCII slug: letters and digits kept, apostrophes and commas inside words dropped,
/// everything else a single hyphen.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in s.nfkd() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | ',' | '.')
            || !c.is_ascii() && is_combining(c)
        {
            // dropped without a break: "1,300" -> "1300", "Pakistan's" -> "pakistans"
        } else {
            pending_dash = true;
        }
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036f | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff | 0xfe20..=0xfe2f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_past_forms_are_told_from_words_that_merely_end_in_ed() {
        for w in ["arrested", "unveiled", "SEIZED", "raised"] {
            assert!(is_regular_past(w), "{w}");
        }
        for w in [
            "speed", "hundred", "breed", "need", "red", "bed", "Ahmed", "Javed",
        ] {
            assert!(!is_regular_past(w), "{w}");
        }
    }

    #[test]
    fn a_multibyte_sign_before_a_full_stop_is_not_an_abbreviation() {
        for v in [
            "the company 500€. The firm",
            "paid £. Then",
            "M. Ali",
            "Dr. Khan",
            "—Dr. Khan",
        ] {
            let dot = v.find('.').unwrap();
            let want = v.contains("Ali") || v.contains("Dr");
            assert_eq!(is_abbreviation(v, dot), want, "{v}");
        }
    }

    #[test]
    fn word_sets_and_affixes() {
        let set = WordSet::new(&["of", "said", "Authority", "a"]);
        for w in ["of", "said", "Authority", "a"] {
            assert!(set.contains(w), "{w}");
        }
        for w in [
            "",
            "o",
            "of\0",
            "Said",
            "authority",
            "Authorit",
            "Authorityy",
            "ab",
        ] {
            assert!(!set.contains(w), "{w:?}");
        }
        assert!(starts_with_ci("Including the", "including "));
        assert!(!starts_with_ci("inc", "including "));
        assert!(ends_with_ci("sold FOR", " for"));
        assert!(!ends_with_ci("før", "or"));
    }

    #[test]
    fn view_keeps_code_points() {
        let f = FieldText::new(TextField::Body, "Pakistan’s “1,372”\u{a0}sites");
        assert_eq!(f.view, "Pakistan's \"1,372\" sites");
        let b = f.view.find("1,372").unwrap();
        let sp = f.span(b, b + 5);
        assert_eq!(sp.exact(), "1,372");
        assert_eq!(sp.start, 12);
        assert_eq!(sp.prefix(), "Pakistan’s “");
    }

    #[test]
    fn dotted_initials_end_a_sentence_only_before_a_sentence_opener() {
        let v = "Justices B.R. Gavai and K.V. Viswanathan heard it. Sanctions came from the U.S. The ministry said the U.S. Treasury agreed.";
        let s: Vec<&str> = sentences(v).into_iter().map(|(a, b)| &v[a..b]).collect();
        assert_eq!(
            s,
            vec![
                "Justices B.R. Gavai and K.V. Viswanathan heard it.",
                "Sanctions came from the U.S.",
                "The ministry said the U.S. Treasury agreed."
            ]
        );
    }

    #[test]
    fn sentence_split_respects_abbreviations() {
        let v = "Dr. Ali said 5 were hurt. The court met on Jan. 5. \"It is over.\" Next one.";
        let s: Vec<&str> = sentences(v).into_iter().map(|(a, b)| &v[a..b]).collect();
        assert_eq!(
            s,
            vec![
                "Dr. Ali said 5 were hurt.",
                "The court met on Jan. 5.",
                "\"It is over.\"",
                "Next one."
            ]
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Pakistan blocks over 1,300 sites, apps over sale of leaked citizen data"),
            "pakistan-blocks-over-1300-sites-apps-over-sale-of-leaked-citizen-data"
        );
        assert_eq!(slugify("Pakistan’s Café — Court"), "pakistans-cafe-court");
    }

    #[test]
    fn normalises_crlf_and_nfc() {
        assert_eq!(normalize_input("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(normalize_input("Cafe\u{301}"), "Café");
    }
}
