//! Claim assembly: for every quantity, what is measured, the predicate, subjects, attribution (who said
//! it and when) and the time it holds; then repeated figures of one article are grouped into one claim
//! with a canonical mention and per-mention consistency (api-contract §1.5).

use crate::extract::entities::ArticleEntities;
use crate::extract::quantity::{self, QtyMatch, DECREASE, INCREASE};
use crate::extract::text::{ends_with_ci, is_regular_past, starts_with_ci, FieldText, WordSet};
use crate::extract::time::TimeExpr;
use crate::store::model::{
    ClaimConsistency, DatePrecision, Direction, EntityType, MentionConsistency, MentionRole,
    Quantity, QuantityKind, QuantityModifier, Span, SurfaceKind, TextField, TimeQualifier,
    TimeResolution,
};
use chrono::{Datelike, NaiveDate};
use memchr::memmem;
use regex::Regex;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One prepared field of an article with everything found in it.
pub struct FieldFacts {
    /// The text.
    pub text: FieldText,
    /// Sentences (view byte ranges).
    pub sentences: Vec<(usize, usize)>,
    /// Direct quotations (view byte ranges).
    pub quotes: Vec<(usize, usize)>,
    /// Time expressions.
    pub times: Vec<TimeExpr>,
    /// Quantities.
    pub quantities: Vec<QtyMatch>,
}

/// One statement of a figure, before grouping.
#[derive(Debug, Clone)]
pub struct MentionDraft {
    /// Field index in the article's field list.
    pub fi: usize,
    /// Role.
    pub role: MentionRole,
    /// Value as stated.
    pub value: Quantity,
    /// Quantity span.
    pub quantity_span: Span,
    /// Evidence span.
    pub evidence_span: Span,
    /// What is measured.
    pub measured: String,
    /// Predicate.
    pub predicate: String,
    /// Verb (participle) that states the fact, if found.
    pub verb: Option<String>,
    /// Subject entity indices (article-local).
    pub subjects: Vec<usize>,
    /// Claimant entity indices (article-local).
    pub claimants: Vec<usize>,
    /// Attribution phrase.
    pub attribution_text: Option<String>,
    /// When it was said.
    pub claimed: Option<(NaiveDate, DatePrecision)>,
    /// When it holds.
    pub time: TimeQualifier,
    /// View byte offset of the quantity start (for ordering).
    pub start: usize,
    /// Sentence index.
    pub sentence: usize,
}

static ATTR_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(according to|said|says|say|told|tells|added|adds|stated|states|announced|announces|warned|warns|issued|releases|released|ordered|reported|reports|revealed|disclosed|confirmed|confirms|claimed|claims|informed|noted|notes|estimated|estimates|showed|shows|maintained|insisted|alleged|alleges|observed|remarked)(?-u:\b)").unwrap()
});

static REPORT_THAT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)((?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?(?:report|statement|survey|study|notification|data|figures))\s+(?:that|showed|shows|said|says)(?-u:\b)").unwrap()
});

/// A piece of every noun of [`REPORT_THAT_RE`], matched ignoring ASCII case only: a sentence without one
/// cannot match, and this literal search is much cheaper than that regex. The pieces leave out "s" and
/// "k", which Unicode case folding also matches with "ſ" and the Kelvin sign.
static REPORT_NOUN_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u:report|tatement|urvey|tudy|notification|data|figure)").unwrap()
});

const SAY: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "noted",
    "notes",
    "claimed",
    "claims",
    "maintained",
    "insisted",
    "alleged",
    "alleges",
    "observed",
    "remarked",
    "confirmed",
    "confirms",
    "informed",
    "warned",
    "warns",
];
const ACTION: &[&str] = &["ordered", "released", "releases", "announced", "announces"];
const PRONOUNS: &[&str] = &[
    "it",
    "he",
    "she",
    "they",
    "the ministry",
    "the statement",
    "the agency",
    "the regulator",
    "the authority",
    "the department",
    "the court",
    "the bench",
    "the commission",
    "the body",
    "the official",
    "the spokesperson",
    "the spokesman",
    "the police",
    "the minister",
    "the government",
];

const STOP_AFTER: &[&str] = &[
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "to",
    "into",
    "during",
    "since",
    "after",
    "before",
    "as",
    "who",
    "which",
    "that",
    "whose",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "be",
    "been",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "did",
    "do",
    "does",
    "while",
    "when",
    "where",
    "across",
    "over",
    "under",
    "per",
    "each",
    "this",
    "last",
    "next",
    "than",
    "amid",
    "against",
    "including",
    "through",
    "within",
    "between",
    "among",
    "via",
    "if",
    "but",
    "because",
    "so",
    "nationwide",
    "till",
    "until",
    "said",
    "says",
    "according",
    "of",
    "remain",
    "remained",
];

static STOP_AFTER_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(STOP_AFTER));

const CHANGE_NOUNS: &[&str] = &[
    "drop",
    "reduction",
    "decrease",
    "decline",
    "fall",
    "cut",
    "rise",
    "increase",
    "growth",
    "hike",
    "jump",
    "surge",
    "gain",
    "dip",
    "slump",
    "spike",
];

fn words_of(s: &str) -> Vec<(usize, usize)> {
    words_of_at_most(s, usize::MAX)
}

/// The first (at most) `limit` tokens of [`words_of`].
fn words_of_at_most(s: &str, limit: usize) -> Vec<(usize, usize)> {
    // Byte ranges of word-ish tokens (letters, digits, apostrophes, hyphens, quotes glued).
    let mut out = Vec::with_capacity(limit.min(16));
    let mut start = None;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII bytes are classified directly; other characters are decoded.
        let (w, len) = match bytes[i] {
            // A comma between digits groups them ("1,500").
            b',' => (
                i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit),
                1,
            ),
            b @ 0..=0x7f => (
                b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'-' | b'"' | b'&'),
                1,
            ),
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8())
            }
        };
        let at = i;
        i += len;
        match (w, start) {
            (true, None) => start = Some(at),
            (false, Some(st)) => {
                out.push((st, at));
                start = None;
                if out.len() == limit {
                    return out;
                }
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// Where a clause after a figure ends: of the first occurrences (ASCII case ignored) of the lowercase
/// ASCII `markers` in `hay`, the earliest one that starts after `skip`; None when there is none. A
/// marker whose first occurrence starts at or before `skip` does not count, even if it occurs again.
fn clause_end(hay: &[u8], markers: &[&[u8]], skip: usize) -> Option<usize> {
    debug_assert!(markers.len() <= 32, "one bit per marker");
    // For each byte, the markers that start with it in either case, and those whose second byte it is
    // in either case (a one-byte marker has any second byte), one bit each.
    let mut starting = [0u32; 256];
    let mut second = [0u32; 256];
    let mut one_byte = 0u32;
    for (k, m) in markers.iter().enumerate() {
        starting[usize::from(m[0])] |= 1 << k;
        starting[usize::from(m[0].to_ascii_uppercase())] |= 1 << k;
        match m.get(1) {
            Some(&b) => {
                second[usize::from(b)] |= 1 << k;
                second[usize::from(b.to_ascii_uppercase())] |= 1 << k;
            }
            None => one_byte |= 1 << k,
        }
    }
    for bits in &mut second {
        *bits |= one_byte;
    }
    // Markers already seen once (at or before `skip`).
    let mut seen = 0u32;
    for (i, &b) in hay.iter().enumerate() {
        let then = hay.get(i + 1).map_or(one_byte, |&c| second[usize::from(c)]);
        let mut candidates = starting[usize::from(b)] & then & !seen;
        while candidates != 0 {
            let k = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let m = markers[k];
            if hay.len() - i >= m.len() && hay[i..i + m.len()].eq_ignore_ascii_case(m) {
                if i > skip {
                    return Some(i);
                }
                seen |= 1 << k;
            }
        }
    }
    None
}

/// The largest end offset of any occurrence of any lowercase ASCII marker in `hay` (ASCII case ignored).
/// Every marker ends with a space or a double quote, so only the ends found by a vectorised reverse
/// search for those two bytes are tried, and at each only the markers whose next-to-last byte is there.
fn last_marker_end(hay: &[u8], markers: &[&[u8]]) -> Option<usize> {
    debug_assert!(markers.len() <= 32, "one bit per marker");
    // One-byte markers, and for each byte (in either case) the longer markers with it next to last.
    let mut alone = [false; 256];
    let mut next_to_last = [0u32; 256];
    for (k, m) in markers.iter().enumerate() {
        match m.len() {
            1 => alone[usize::from(m[0])] = true,
            n => {
                let b = m[n - 2];
                next_to_last[usize::from(b)] |= 1 << k;
                next_to_last[usize::from(b.to_ascii_uppercase())] |= 1 << k;
            }
        }
    }
    memchr::memrchr2_iter(b' ', b'"', hay)
        .map(|p| p + 1)
        .find(|&e| {
            let last = hay[e - 1];
            if alone[usize::from(last)] {
                return true;
            }
            if e < 2 {
                return false;
            }
            let mut candidates = next_to_last[usize::from(hay[e - 2])];
            while candidates != 0 {
                let m = markers[candidates.trailing_zeros() as usize];
                candidates &= candidates - 1;
                let n = m.len();
                if n <= e && m[n - 1] == last && hay[e - n..e].eq_ignore_ascii_case(m) {
                    return true;
                }
            }
            false
        })
}

fn is_participle(w: &str) -> bool {
    // A lowercased stack copy: every listed form is short, so a longer word is compared as "".
    let mut buf = [0u8; 16];
    let l = match w.as_bytes() {
        b if b.len() <= buf.len() => {
            let l = &mut buf[..b.len()];
            l.copy_from_slice(b);
            l.make_ascii_lowercase();
            std::str::from_utf8(l).unwrap_or("")
        }
        _ => "",
    };
    is_regular_past(w)
        || matches!(
            l,
            "killed"
                | "died"
                | "fled"
                | "owed"
                | "hurt"
                | "shot"
                | "held"
                | "caught"
                | "sold"
                | "stolen"
                | "taken"
                | "given"
                | "seized"
                | "found"
                | "paid"
                | "spent"
                | "lost"
                | "built"
                | "sent"
                | "made"
                | "won"
                | "slain"
                | "met"
                | "set"
        )
}

/// Words in "-ing" that describe the counted after it ("200 cases pending") rather than name it.
const POSTPOSED: &[&str] = &[
    "pending",
    "remaining",
    "missing",
    "outstanding",
    "waiting",
    "living",
    "working",
    "existing",
    "ongoing",
    "involving",
    "belonging",
    "totalling",
    "amounting",
];

/// Words that lead to a figure ("nearly Rs2.8 billion", "more than 300"): an object's words end
/// before them.
const BEFORE_A_FIGURE: &[&str] = &[
    "nearly",
    "about",
    "around",
    "over",
    "more",
    "less",
    "at",
    "up",
    "some",
    "roughly",
    "approximately",
    "almost",
    "just",
    "as",
    "under",
    "within",
];

/// Units of a rate after a figure ("a day", "per kg").
const RATE_UNITS: &[&str] = &[
    "day", "week", "month", "year", "hour", "kg", "kilogram", "litre", "liter", "unit", "piece",
    "head", "person", "tonne", "ton", "maund", "annum", "quintal", "barrel", "bag", "acre",
    "share",
];

/// [`measured_after`] of `tail`, a part of `after` that ends where it does, with the phrase's end
/// counted from the start of `after` (0 when there is no phrase).
fn measured_after_in(after: &str, tail: &str) -> (String, usize) {
    let (m, e) = measured_after(tail, false);
    let e = if e > 0 {
        e + after.len() - tail.len()
    } else {
        0
    };
    (m, e)
}

/// The noun phrase after a quantity: up to 9 words, list commas allowed when an "and"/"or" follows.
fn measured_after(after: &str, skip_of: bool) -> (String, usize) {
    // At most 9 words after an optional "of", plus a look-ahead of 4: 16 tokens are always enough.
    let ws = words_of_at_most(after, 16);
    let mut i = 0;
    // One lowercase copy of the words looked at (ASCII lowercasing keeps byte offsets).
    let lower = after[..ws.last().map_or(0, |w| w.1)].to_ascii_lowercase();
    let lw = |k: usize| &lower[ws[k].0..ws[k].1];
    // A rate glued to the figure belongs to it ("a ₹160-per-quintal increase").
    if i < ws.len() && ws[i].0 == 0 && (lw(i).starts_with("-per-") || lw(i).starts_with("-a-")) {
        i += 1;
    }
    if i < ws.len() && skip_of && lw(i) == "of" {
        i += 1;
    }
    // Only whitespace (or a comma before list items) may separate words; a figure followed by a
    // clause break (", a senior official said") measures nothing after it.
    let first = i;
    if ws
        .get(first)
        .is_some_and(|w| after[..w.0].contains([',', ';', ':', '.', '(', ')']))
    {
        return (String::new(), 0);
    }
    // A rate after the figure ("Rs2,000 a day", "Rs500 per kg") is no thing measured.
    if ws.len() > first + 1
        && matches!(lw(first), "a" | "an" | "per" | "each")
        && RATE_UNITS.contains(&lw(first + 1))
    {
        return (String::new(), 0);
    }
    let mut last = None;
    let mut count = 0;
    let mut list_comma = false;
    while i < ws.len() && count < 9 {
        let w = lw(i);
        let w_clean = w.trim_matches('"');
        // A participle right after a figure names the counted ("the 158 accused", "300 injured").
        let after_figure = i > first && lw(i - 1).starts_with(|c: char| c.is_ascii_digit());
        // A gerund that ends the phrase is a noun ("20 billion rupees in bridge financing"); one with
        // words after it starts a clause ("killing 15 people").
        let gerund_ends = || {
            ws.get(i + 1).is_none_or(|&(s, _)| {
                let gap = &after[ws[i].1..s];
                !gap.trim().is_empty()
                    || STOP_AFTER_SET.contains(lower[s..].split(' ').next().unwrap_or(""))
            })
        };
        // A value after the thing ("12kg of heroin worth Rs36 million") or an adverb before its
        // verb ("1,200 houses fully destroyed", "23 people still missing") ends the thing.
        let adverb = || {
            w_clean == "still"
                || w_clean.ends_with("ly")
                    && ws
                        .get(i + 1)
                        .is_some_and(|&(s, e)| is_participle(&lower[s..e]))
        };
        if i > first
            && (STOP_AFTER_SET.contains(w_clean)
                || w_clean == "worth"
                || adverb()
                || is_participle(w_clean) && !after_figure
                || w_clean.ends_with("ing")
                    && w_clean.len() > 5
                    && (POSTPOSED.contains(&w_clean) || !gerund_ends()))
        {
            break;
        }
        if i == first && (STOP_AFTER_SET.contains(w_clean) && w_clean != "of" || adverb()) {
            break;
        }
        // An article starts another noun phrase ("63 property owners a total of Tk 12.4 lakh").
        if i > first && matches!(w_clean, "a" | "an" | "the") {
            break;
        }
        // "and" before another figure, perhaps with its modifier, starts another thing ("Rs4.5 million
        // in cash and two pistols", "60 feet of track and more than 200 sleepers").
        if matches!(w_clean, "and" | "or")
            && ws[i + 1..]
                .iter()
                .take(4)
                .map(|&(s, e)| &lower[s..e])
                .find(|w| {
                    !matches!(
                        *w,
                        "more"
                            | "less"
                            | "fewer"
                            | "than"
                            | "over"
                            | "nearly"
                            | "about"
                            | "around"
                            | "at"
                            | "least"
                            | "up"
                            | "to"
                            | "almost"
                            | "approximately"
                            | "another"
                    )
                })
                .is_some_and(names_figure)
        {
            break;
        }
        if i > first {
            let gap = &after[ws[i - 1].1..ws[i].0];
            if gap.contains(',') {
                // A comma before another figure starts that figure's thing ("18 detonators, three
                // hand grenades").
                if names_figure(lw(i)) {
                    break;
                }
                // A list comma: an "and"/"or" must follow within four words. A comma right before
                // the "and" closes a list ("sites, apps, and pages") only after an earlier list comma;
                // otherwise it joins clauses ("to Tk 19,600 crore, and its deadline").
                let ahead = (i..(i + 4).min(ws.len())).any(|k| matches!(lw(k), "and" | "or"));
                let joins_clauses = matches!(lw(i), "and" | "or") && !list_comma;
                if !ahead || gap.trim() != "," || joins_clauses {
                    break;
                }
                list_comma = true;
            } else if gap.trim().chars().any(|c| !matches!(c, '"' | '\'')) {
                break;
            }
        }
        last = Some(i);
        count += 1;
        i += 1;
    }
    match last {
        Some(l) => {
            let mut s = ws[first].0;
            let mut e = ws[l].1;
            // drop a trailing "and"/"or"
            let text = &after[s..e];
            let trimmed = text.trim_end_matches(" and").trim_end_matches(" or");
            e = s + trimmed.len();
            if after[s..e].starts_with("of ") {
                s += 3;
            }
            (after[s..e].trim_matches('"').to_string(), e)
        }
        None => (String::new(), 0),
    }
}

/// Verbs that put a value on a thing before "at" ("damage was estimated at Rs46.7 billion"): the money is
/// the thing's value, not a price paid for it.
const VALUE_VERBS: &[&str] = &[
    "estimated",
    "valued",
    "put",
    "pegged",
    "stood",
    "stands",
    "stand",
    "fixed",
    "set",
    "capped",
    "assessed",
    "calculated",
    "projected",
];

/// Auxiliaries before a verb's participle ("had received", "has been estimated").
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "been", "be", "is", "are", "was", "were",
];

/// Words that name nothing a figure could measure: articles, pronouns, prepositions, conjunctions,
/// auxiliaries, a few adverbs ("little" of "was little changed") and verbs of a level ("kept", "stood").
const NAMES_NOTHING: &[&str] = &[
    "a", "an", "the", "it", "its", "they", "them", "their", "he", "she", "his", "her", "we", "us",
    "our", "this", "that", "these", "those", "which", "who", "to", "of", "in", "on", "at", "by",
    "for", "with", "from", "over", "into", "inside", "without", "about", "and", "or", "but", "has",
    "have", "had", "been", "be", "is", "are", "was", "were", "will", "would", "can", "could",
    "may", "might", "should", "must", "not", "also", "earlier", "later", "instead", "there",
    "each", "both", "already", "still", "just", "only", "now", "so", "far", "past", "kept",
    "stood", "stayed", "little",
];

/// The measured phrase without what cannot belong to it: a conjunction, a preposition or a figure's
/// hyphen before it ("and Tk 30,000", "for residential plots", "-member house"), prepositions and
/// function words after it ("gold bars hidden inside", "complaints about"); nothing when what is left
/// names nothing ("to", "its", "were") or is an adverb ("nationally") or a figure.
fn tidy_measured(m: &str) -> &str {
    static NOTHING: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(NAMES_NOTHING));
    let names_nothing_word = |w: &str| NOTHING.contains_lowercased(w);
    let mut m = m.trim().trim_start_matches('-');
    while let Some((first, rest)) = m.split_once(' ') {
        if !one_of(
            &[
                "and", "or", "but", "for", "in", "at", "on", "by", "with", "from",
            ],
            first,
        ) {
            break;
        }
        m = rest.trim_start();
    }
    while let Some((rest, last)) = m.rsplit_once(' ') {
        if !names_nothing_word(last) {
            break;
        }
        m = rest.trim_end();
    }
    let first = m.split(' ').next().unwrap_or("");
    let names_nothing = m.split(' ').all(names_nothing_word)
        || !m.contains(' ')
            && m.len() > 6
            && [
                "ally", "ively", "ously", "fully", "ately", "ently", "antly", "ingly", "edly",
            ]
            .iter()
            .any(|s| ends_with_ci(m, s))
        || first.bytes().any(|b| b.is_ascii_digit())
        || one_of(quantity::CURRENCY_WORDS_BEFORE, first)
        // A period ("fiscal year", "the current year", "October 2025") is the claim's time.
        || m.split(' ').all(|w| {
            is_time_word(w)
                || one_of(
                    &[
                        "fiscal",
                        "financial",
                        "calendar",
                        "year",
                        "the",
                        "current",
                        "last",
                        "this",
                        "next",
                    ],
                    w,
                )
        });
    if names_nothing {
        ""
    } else {
        m
    }
}

/// Whether a clause asks for an amount or puts a figure on something rather than pricing it
/// ("appealed for $4.6 billion", "put losses to crops at around Rs3 billion").
fn asks_or_estimates(clause: &str) -> bool {
    clause.split_whitespace().any(|w| {
        one_of(
            &[
                "appealed",
                "appeals",
                "appeal",
                "asked",
                "asks",
                "called",
                "calls",
                "sought",
                "seeks",
                "applied",
                "pressed",
                "put",
                "puts",
                "pegged",
                "pegs",
                "estimated",
                "estimates",
                "assessed",
            ],
            w.trim_matches(|c: char| !c.is_alphanumeric()),
        )
    })
}

/// The noun phrase before a money figure priced "for": "mobile location information available for Rs500".
fn measured_before(before: &str) -> String {
    let ws = words_of(before);
    let mut end = ws.len();
    // Whether a verb of action was passed over ("appealed for"): its subject is no thing priced.
    let mut acted = false;
    // skip "available for", "priced at", "worth", "of", "for", "at", and a value's verb ("has been
    // estimated at", "stood at")
    while end > 0 {
        let w = before[ws[end - 1].0..ws[end - 1].1].to_ascii_lowercase();
        if VALUE_VERBS.contains(&w.as_str()) || one_of(AUXILIARIES, &w) {
            end -= 1;
            continue;
        }
        // A verb before "for" ("Specialised banks accounted for $95 million").
        if end < ws.len() && is_participle(&w) {
            acted = true;
            end -= 1;
            continue;
        }
        if matches!(
            w.as_str(),
            "for"
                | "at"
                | "of"
                | "worth"
                | "available"
                | "priced"
                | "sold"
                | "offered"
                | "costing"
                | "weighing"
                | "measuring"
                | "a"
                | "an"
                | "the"
                | "total"
                | "cost"
        ) {
            end -= 1;
        } else {
            break;
        }
    }
    // A time after the thing is no part of it ("Shipments in October 2025 stood at"): it is passed
    // over with its preposition (not before a verb of action: "The agency on Wednesday appealed for").
    let time_end = end;
    while !acted && end > 0 && is_time_word(&before[ws[end - 1].0..ws[end - 1].1]) {
        end -= 1;
    }
    if end < time_end
        && end > 0
        && one_of(
            &["in", "on", "of", "during", "since", "for", "by"],
            &before[ws[end - 1].0..ws[end - 1].1],
        )
    {
        end -= 1;
    }
    let mut start = end;
    // Whether the walk back stopped at a time ("The cabinet on Tuesday approved demands worth").
    let mut after_time = false;
    while start > 0 && end - start < 6 {
        if start < end && is_time_word(&before[ws[start - 1].0..ws[start - 1].1]) {
            after_time = true;
            break;
        }
        let w = before[ws[start - 1].0..ws[start - 1].1].to_ascii_lowercase();
        let gap = &before[ws[start - 1].1..if start < ws.len() {
            ws[start].0
        } else {
            before.len()
        }];
        if start < end && gap.contains([',', ';', ':', '(']) {
            break;
        }
        if matches!(
            w.as_str(),
            "and"
                | "with"
                | "while"
                | "as"
                | "but"
                | "or"
                | "the"
                | "a"
                | "an"
                | "for"
                | "of"
                | "that"
                | "said"
                | "to"
                | "in"
                | "on"
                | "its"
                | "their"
                | "his"
                | "her"
                | "against"
                | "has"
                | "have"
                | "had"
                | "is"
                | "are"
                | "was"
                | "were"
                | "which"
                | "who"
        ) {
            break;
        }
        // Nor past a figure or a verb after its auxiliary ("against two surety bonds of Rs500,000
        // each", "had received kickbacks of at least Rs120 million").
        let after_aux =
            start >= 2 && one_of(AUXILIARIES, &before[ws[start - 2].0..ws[start - 2].1]);
        if start < end && (is_figure(&w) || is_participle(&w) && after_aux) {
            break;
        }
        start -= 1;
    }
    // After a relative pronoun, its verb is no part of the thing ("which showed net collection of",
    // "which supplies rice at").
    let relative = start > 0
        && one_of(
            &["which", "who", "that"],
            &before[ws[start - 1].0..ws[start - 1].1],
        );
    if relative && start + 1 < end {
        let w = &before[ws[start].0..ws[start].1];
        if is_participle(w) || w.ends_with('s') && !w.ends_with("ss") {
            start += 1;
        }
    }
    // After a time, the first word is the verb of the clause: "approved" of "on Tuesday approved
    // supplementary demands".
    if after_time && start + 1 < end && is_regular_past(&before[ws[start].0..ws[start].1]) {
        start += 1;
    }
    if start >= end {
        return String::new();
    }
    let phrase = &before[ws[start].0..ws[end - 1].1];
    // A day or a month is a time, not a thing ("the agency on Wednesday appealed for").
    if crate::extract::time::is_day_or_month(phrase) {
        return String::new();
    }
    phrase.to_string()
}

fn lemma(w: &str) -> String {
    let mut out = String::new();
    lemma_into(w, &mut out);
    out
}

/// [`lemma`] written into `out` (cleared first), reusing its buffer.
fn lemma_into(w: &str, out: &mut String) {
    out.clear();
    out.push_str(w.trim_matches(|c: char| !c.is_alphanumeric()));
    out.make_ascii_lowercase();
    let n = out.len();
    if out.ends_with("ies") && n > 4 {
        out.truncate(n - 3);
        out.push('y');
    } else if out.ends_with('s') && !out.ends_with("ss") && n > 3 {
        out.truncate(n - 1);
    }
    let canonical = match out.as_str() {
        "website" => "site",
        "application" => "app",
        "smuggler" | "trafficker" => "smuggler",
        "person" | "people" | "individual" => "person",
        "reduction" | "drop" | "decrease" | "decline" | "fall" | "cut" => "decrease",
        "increase" | "rise" | "growth" | "hike" | "jump" | "surge" => "increase",
        _ => return,
    };
    out.clear();
    out.push_str(canonical);
}

const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "in", "on", "to", "for", "their", "its", "his", "her",
    "media", "social", "other", "such", "human",
];

fn content_lemmas(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .filter(|w| !FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)))
        .map(lemma)
        .collect()
}

/// Words that carry no topic in a figure's clause: function words, auxiliaries, reporting verbs, and the
/// words of quantities themselves (scale words, currency words, modifiers).
const CONTEXT_STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "in", "on", "to", "for", "at", "by", "from", "with", "as",
    "its", "his", "her", "their", "this", "that", "these", "those", "it", "he", "she", "they",
    "was", "were", "is", "are", "be", "been", "has", "have", "had", "will", "would", "said",
    "says", "say", "told", "added", "also", "which", "who", "than", "more", "less", "over",
    "under", "nearly", "about", "around", "almost", "some", "least", "most", "up", "down", "per",
    "cent", "percent", "rs", "rupee", "rupees", "dollar", "dollars", "million", "billion",
    "thousand", "lakh", "crore", "mn", "bn", "cr", "year", "years", "month", "months", "day",
    "days", "week", "weeks", "total", "already", "only", "after", "before", "into", "out", "not",
    "no", "all", "other", "such",
];

/// Topic words of a mention's clause, outside the quantity phrase: lemmas of alphabetic words of three
/// or more letters that are not in [`CONTEXT_STOP`].
fn context_lemmas(m: &MentionDraft) -> Vec<String> {
    static STOP: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(CONTEXT_STOP));
    let ev = &m.evidence_span;
    let q = &m.quantity_span;
    let text = ev.exact();
    // Byte offset of a code-point index of the evidence (clamped to its end).
    let byte_of = |k: u32| {
        text.char_indices()
            .nth(k as usize)
            .map_or(text.len(), |x| x.0)
    };
    let qs = byte_of(q.start.saturating_sub(ev.start));
    let qe = byte_of(q.end.saturating_sub(ev.start));
    let mut out: Vec<String> = Vec::new();
    let (mut low, mut l) = (String::new(), String::new());
    // The words before and after the quantity phrase (never joined across it).
    for w in text[..qs]
        .split(|c: char| !c.is_alphabetic())
        .chain(text[qe.max(qs)..].split(|c: char| !c.is_alphabetic()))
    {
        // Fewer than three bytes is fewer than three characters; ASCII has one byte per character.
        if w.len() < 3 || !w.is_ascii() && w.chars().count() < 3 {
            continue;
        }
        low.clear();
        if w.is_ascii() {
            low.push_str(w);
            low.make_ascii_lowercase();
        } else {
            low.push_str(&w.to_lowercase());
        }
        if STOP.contains(low.as_str()) {
            continue;
        }
        lemma_into(w, &mut l);
        if !STOP.contains(l.as_str()) && !out.contains(&l) {
            out.push(l.clone());
        }
    }
    out
}

fn snake(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => {
            let mut out = String::with_capacity(s.len() + 4);
            out.extend(f.to_uppercase());
            out.push_str(c.as_str());
            out
        }
        None => String::new(),
    }
}

/// The attribution found for a sentence: claimants (entity indices), text, claimed time expression.
#[derive(Debug, Clone, Default)]
struct Attribution {
    claimants: Vec<usize>,
    text: Option<String>,
    claimed: Option<TimeQualifier>,
    claimed_is_action: bool,
    claimed_span: Option<(usize, usize)>,
    /// View byte range of the attribution phrase (excluded from subjects).
    span: Option<(usize, usize)>,
    addressee: Option<(usize, usize)>,
}

fn in_ranges(r: &[(usize, usize)], p: usize) -> bool {
    r.iter().any(|&(s, e)| s <= p && p < e)
}

/// Entities mentioned in `[s, e)` of field `field`; of overlapping mentions the longest is kept.
fn entities_in(ents: &ArticleEntities, field: TextField, s: usize, e: usize) -> Vec<usize> {
    // The mentions are sorted by field and start (`find_entities`), so the ones that start in `[s, e]`
    // of the field are one run, found by binary search; a mention that starts after `e` ends after it.
    debug_assert!(ents.mentions.is_sorted_by_key(|m| (m.field, m.start)));
    let from = ents
        .mentions
        .partition_point(|m| (m.field, m.start) < (field, s));
    let ms: Vec<_> = ents.mentions[from..]
        .iter()
        .take_while(|m| m.field == field && m.start <= e)
        .filter(|m| m.end <= e)
        .collect();
    let mut out = Vec::new();
    for m in &ms {
        let dominated = ms
            .iter()
            .any(|o| o.start <= m.start && o.end >= m.end && (o.end - o.start) > (m.end - m.start));
        // A possessive place right before another mention ("Pakistan's Federal Investigation Agency").
        let possessive_mod = ms
            .iter()
            .any(|o| o.start > m.end && o.start <= m.end + 4 && o.entity != m.entity)
            && ents.entities[m.entity].entity_type == EntityType::Place;
        if !dominated && !possessive_mod && !out.contains(&m.entity) {
            out.push(m.entity);
        }
    }
    out
}

struct ArticleState {
    last_claimants: Vec<usize>,
    claimed_by: HashMap<usize, (NaiveDate, DatePrecision)>,
}

fn find_attribution(
    ff: &FieldFacts,
    ents: &ArticleEntities,
    sent: (usize, usize),
    state: &ArticleState,
    qpos: usize,
    reports: bool,
) -> Attribution {
    let v = &ff.text.view;
    let (ss, se) = sent;
    let sv = &v[ss..se];
    let mut best: Option<Attribution> = None;
    // The quote holding the quantity, if any.
    let q_quote = ff
        .quotes
        .iter()
        .find(|&&(s, e)| s <= qpos && qpos < e)
        .copied();
    for m in ATTR_RE.find_iter(sv) {
        let (vs, ve) = (ss + m.start(), ss + m.end());
        let verb = m.as_str().to_ascii_lowercase();
        let inside_quote = in_ranges(&ff.quotes, vs);
        if inside_quote && q_quote.is_none_or(|q| !(q.0 <= vs && vs < q.1)) {
            continue;
        }
        // A verb needs its subject before it: at the start of a sentence the word is a noun
        // ("Estimates in the poll ranged from 6.6% to 7.5%", "Reports of ...").
        if verb != "according to"
            && v[ss..vs]
                .trim_matches(|c: char| c.is_whitespace() || "\"“‘'".contains(c))
                .is_empty()
        {
            continue;
        }
        // A passive names no speaker: "will be added", "were reported", "is estimated at"; nor does
        // a participle used as an adjective ("the alleged ringleader", "a reported 40 deaths").
        if verb != "according to"
            && [
                "be ", "been ", "being ", "is ", "are ", "was ", "were ", "the ", "a ", "an ",
            ]
            .iter()
            .any(|aux| {
                let before = &v[ss..vs];
                ends_with_ci(before, aux)
                    && !before[..before.len() - aux.len()].ends_with(|c: char| c.is_alphanumeric())
            })
        {
            continue;
        }
        let mut a = Attribution::default();
        if verb == "according to" {
            let rest = &v[ve..se];
            let end = rest.find([',', ';', '.']).unwrap_or(rest.len());
            let subj = (ve, ve + end);
            a.text = Some(ff.text.slice(vs, subj.1).trim_end().to_string());
            a.claimants = entities_in(ents, ff.text.field, subj.0, subj.1);
            a.span = Some((vs, subj.1));
        } else {
            // Subject: back to the clause start.
            let before = &v[ss..vs];
            let cut = before
                .rfind([',', ':', ';', '"'])
                .map(|p| p + 1)
                .unwrap_or(0)
                .max(
                    memmem::rfind(before.as_bytes(), b" that ")
                        .map(|p| p + 6)
                        .unwrap_or(0),
                );
            let mut subj = (ss + cut, vs);
            let mut subj_text = v[subj.0..subj.1].trim().to_string();
            // Skip a sentence-initial time ("On Monday, ...") - the cut already does for commas.
            // An appositive right before the verb ("a team, formed to probe ..., told"): the subject is before it.
            // After "said" the speaker may come after the verb instead (", said Interior Minister X",
            // ", said the minister"), but not when what follows is what was said ("X, the district
            // spokesperson, said two cases had been filed").
            let said = matches!(verb.as_str(), "said" | "says" | "added" | "stated" | "say");
            let speaker_after = {
                let r = v[ve..se].trim_start();
                r.starts_with(char::is_uppercase)
                    || ["the ", "a ", "an "].iter().any(|d| starts_with_ci(r, d))
            };
            if subj_text.is_empty() && (!said || !speaker_after) && cut > 1 {
                let b2 = &before[..cut - 1];
                if let Some(p2) = b2.rfind([',', ':', ';', '"']) {
                    // Before "said", an appositive with a figure is a clause of its own ("Private
                    // importers, who brought in about 70 percent of the wheat, said ...").
                    if !(said && b2[p2..].bytes().any(|b| b.is_ascii_digit())) {
                        let b3 = &b2[..p2];
                        let mut p3 = b3.rfind([',', ':', ';', '"']).map(|x| x + 1).unwrap_or(0);
                        // An age between the name and the appositive ("Ali Khan, 58, who heads ..."):
                        // the name is before it.
                        if b3[p3..].trim().bytes().all(|b| b.is_ascii_digit()) && p3 > 1 {
                            let b4 = &b3[..p3 - 1];
                            p3 = b4.rfind([',', ':', ';', '"']).map(|x| x + 1).unwrap_or(0);
                        }
                        subj = (ss + p3, ss + p2);
                        subj_text = v[subj.0..subj.1].trim().to_string();
                    }
                }
            }
            let inverted = subj_text.is_empty();
            if inverted {
                // ", said Interior Minister X" / "”, said X."
                let rest = &v[ve..se];
                let end = rest.find([',', ';', '.', '"']).unwrap_or(rest.len());
                subj = (ve, ve + end);
                subj_text = v[subj.0..subj.1].trim().to_string();
            }
            // A conjunction alone ("..., and ordered each of them") names no one.
            let conjunction = matches!(
                subj_text.to_ascii_lowercase().as_str(),
                "and" | "but" | "or" | "then" | "and then" | "also" | "and also"
            );
            if subj_text.is_empty() || conjunction || subj_text.split_whitespace().count() > 14 {
                continue;
            }
            // Trailing words: "said in a statement", "issued a warning".
            let rest = &v[ve..se];
            let mut tail = 0;
            for pat in [
                " in a statement",
                " in a press release",
                " in a notification",
                " in a press conference",
                " in a report",
                " a warning",
                " a statement",
                " a notification",
                " a report",
                " a list",
                " a notice",
            ] {
                if starts_with_ci(rest, pat) {
                    tail = pat.len();
                }
            }
            let tstart = subj.0.min(vs);
            let tend = if inverted { subj.1 } else { ve + tail };
            let lead = v[tstart..tend].len() - v[tstart..tend].trim_start().len();
            a.text = Some(ff.text.slice(tstart + lead, tend).trim().to_string());
            a.span = Some((tstart, tend));
            let low = subj_text.to_ascii_lowercase();
            let low = low.trim_start_matches("the ").to_string();
            a.claimants = entities_in(ents, ff.text.field, subj.0, subj.1);
            if a.claimants.is_empty()
                && (PRONOUNS.contains(&subj_text.to_ascii_lowercase().as_str())
                    || PRONOUNS.contains(&format!("the {low}").as_str()))
            {
                a.claimants = state.last_claimants.clone();
                // "he" and "she" name a person (or the body a spokesperson speaks for), never a
                // place.
                if matches!(low.as_str(), "he" | "she") {
                    a.claimants
                        .retain(|&e| ents.entities[e].entity_type != EntityType::Place);
                }
                // "they" are officials or a body, not the one person who spoke last.
                if low == "they" {
                    a.claimants.retain(|&e| {
                        !matches!(
                            ents.entities[e].entity_type,
                            EntityType::Person | EntityType::Place
                        )
                    });
                }
            }
            if verb == "told" {
                let rest = &v[ve..se];
                let end = rest
                    .find([',', ';', '.', '"'])
                    .unwrap_or(rest.len())
                    .min(memmem::find(rest.as_bytes(), b" that ").unwrap_or(rest.len()));
                a.addressee = Some((ve, ve + end));
            }
            // Claimed date: a time right after the verb, or a sentence-initial time.
            let after_verb = ff
                .times
                .iter()
                .find(|t| t.start >= ve && t.start <= ve + tail + 4 && t.end <= se);
            let initial = ff.times.iter().find(|t| {
                t.start >= ss
                    && t.start <= ss + 3
                    && t.end < vs
                    && v[t.end..].trim_start().starts_with(',')
            });
            let dateline_initial = ff.times.iter().find(|t| {
                t.start > ss
                    && t.end < vs
                    && v[ss..t.start].ends_with(": ")
                    && v[t.end..].trim_start().starts_with(',')
            });
            if let Some(t) = after_verb.or(initial).or(dateline_initial) {
                if let Some(q) = &t.qualifier {
                    a.claimed = Some(q.clone());
                    a.claimed_span = Some((t.start, t.end));
                }
            }
            a.claimed_is_action = ACTION.contains(&verb.as_str())
                || !SAY.contains(&verb.as_str()) && verb != "issued";
            if verb == "issued" {
                a.claimed_is_action = false;
            }
        }
        // Prefer the attribution outside quotes nearest after the quote, else the first.
        let better = match &best {
            None => true,
            Some(b) => b.claimants.is_empty() && !a.claimants.is_empty(),
        };
        if better {
            // Keep claimants of an inner speaker too ("“Naqvi stated that ...,” the ministry said").
            if let Some(b) = &best {
                for c in &b.claimants {
                    if !a.claimants.contains(c) {
                        a.claimants.push(*c);
                    }
                }
            }
            best = Some(a);
        } else if let Some(b) = &mut best {
            for c in a.claimants {
                if !b.claimants.contains(&c) {
                    b.claimants.push(c);
                }
            }
        }
    }
    if best.is_none() && reports && REPORT_NOUN_RE.is_match(sv) {
        if let Some(c) = REPORT_THAT_RE.captures(sv) {
            let g = c.get(1).unwrap();
            let (s, e) = (ss + g.start(), ss + g.end());
            best = Some(Attribution {
                claimants: entities_in(ents, ff.text.field, s, e),
                text: Some(ff.text.slice(s, e)),
                span: Some((s, e)),
                ..Default::default()
            });
        }
    }
    let mut a = best.unwrap_or_default();
    // Outer attribution first: the entity that said it, then inner speakers.
    if a.claimants.len() > 1 {
        if let Some((s, _)) = a.span {
            let pos = |i: &usize| {
                ents.mentions
                    .iter()
                    .find(|m| m.entity == *i && m.field == ff.text.field && m.start >= s)
                    .map(|m| m.start)
                    .unwrap_or(usize::MAX)
            };
            let mut c = a.claimants.clone();
            c.sort_by_key(|i| (pos(i), *i));
            a.claimants = c;
        }
    }
    a
}

/// Whether `before` (a sentence up to a figure) ends with words comparing the figure with an earlier
/// one ("up from", "compared with", "against") or counting a part of it (", of which").
fn compares_with_before(before: &str) -> bool {
    [
        " up from",
        " down from",
        " compared with",
        " compared to",
        " against",
        " versus",
        " from",
        " of which",
    ]
    .iter()
    .any(|w| ends_with_ci(before, w))
}

/// Whether `before` (a sentence up to a figure) ends with a comparative and "than" ("lower than the"),
/// not a modifier ("more than", "fewer than").
fn comparative_before(before: &str) -> bool {
    let b = before.strip_suffix(" the").unwrap_or(before);
    b.strip_suffix(" than").is_some_and(|b| {
        let w = b.rsplit(' ').next().unwrap_or("");
        w.len() > 4 && w.ends_with("er") && !one_of(&["fewer", "rather", "other"], w)
    })
}

/// Drafts the mentions of every quantity of an article.
pub fn draft_mentions(
    fields: &[FieldFacts],
    ents: &ArticleEntities,
    article_date: NaiveDate,
) -> Vec<MentionDraft> {
    let mut out = Vec::new();
    let mut state = ArticleState {
        last_claimants: Vec::new(),
        claimed_by: HashMap::new(),
    };
    for (fi, ff) in fields.iter().enumerate() {
        let v = &ff.text.view;
        let field = ff.text.field;
        for (si, &sent) in ff.sentences.iter().enumerate() {
            let (ss, se) = sent;
            let qs: Vec<&QtyMatch> = ff
                .quantities
                .iter()
                .filter(|q| q.start >= ss && q.start < se)
                .collect();
            // Update attribution state even for sentences without figures.
            let sent_attr = if qs.is_empty() && !ATTR_RE.is_match(&v[ss..se]) {
                Attribution::default()
            } else {
                find_attribution(
                    ff,
                    ents,
                    sent,
                    &state,
                    se.saturating_sub(1).max(ss),
                    !qs.is_empty(),
                )
            };
            // Where the sentence's previous figure ends.
            let mut prev_end = None;
            for q in qs {
                // A figure the sentence splitter cut through still belongs whole to this sentence.
                let sent = (ss, se.max(q.end));
                // Skip figures inside entity names.
                if ents
                    .mentions
                    .iter()
                    .any(|m| m.field == field && m.start <= q.start && q.end <= m.end)
                {
                    continue;
                }
                let attr = if in_ranges(&ff.quotes, q.start) {
                    find_attribution(ff, ents, sent, &state, q.start, true)
                } else {
                    sent_attr.clone()
                };
                let mut d = draft_one(fi, ff, ents, q, sent, si, &attr, &state, article_date);
                // A figure compared with one before it in the sentence ("reached Rs1,312, up from
                // Rs1,108", "lower than the 47.9pc"), or joined to it ("as high as 37pc and 29pc"),
                // measures the same thing, unless it names one of its own. A lone participle after it
                // is its verb, which a like-for-like comparison or a join passes over ("98,312 votes
                // against 85,855 polled by his rival"), but not a comparative ("a target 18pc higher
                // than the Rs11.97tr collected last year").
                let before = v[ss..q.start].trim_end();
                let joined = prev_end.is_some_and(|e: usize| {
                    e <= q.start && one_of(&["and", "or"], v[e..q.start].trim())
                });
                let like = joined || compares_with_before(before);
                let verb_only = d.measured.bytes().all(|b| b.is_ascii_alphabetic())
                    && is_participle(&d.measured);
                let same_kind = d.measured.is_empty() && (like || comparative_before(before))
                    || verb_only && like;
                // A percent change put after a figure of any kind ("hits $2.9bn in October, up
                // 21pc") is the change of that figure's thing. (No comparison word ends in "up" or
                // "down", so the two cases never meet.)
                let change_of_it = d.measured.is_empty()
                    && d.value.kind == QuantityKind::Percent
                    && (ends_with_ci(before, ", up") || ends_with_ci(before, ", down"));
                if same_kind || change_of_it {
                    if let Some(prev) = out.iter().rev().find(|p: &&MentionDraft| {
                        p.fi == fi
                            && p.sentence == si
                            && (change_of_it || p.value.kind == d.value.kind)
                    }) {
                        d.measured = prev.measured.clone();
                        // A figure compared with or joined to another states the same thing of
                        // it: its verb and predicate too, when it has no verb of its own ("seized
                        // 2,400kg of drugs, compared with 1,980kg").
                        // Not a forecast's verb: the figure compared with a forecast is mostly
                        // what came to pass ("expected to procure 31 million tonnes, compared with
                        // 26.6 million tonnes").
                        if same_kind
                            && d.verb.is_none()
                            && prev.verb.as_deref().is_some_and(|v| !one_of(EXPECTED, v))
                        {
                            d.verb = prev.verb.clone();
                            d.predicate = prev.predicate.clone();
                        }
                    }
                }
                prev_end = Some(q.end);
                out.push(d);
            }
            if !sent_attr.claimants.is_empty() {
                state.last_claimants = sent_attr.claimants.clone();
                if let Some(c) = &sent_attr.claimed {
                    if let (Some(p), Some(DatePrecision::Day)) = (c.point_in_time, c.precision) {
                        for &cl in &sent_attr.claimants {
                            state.claimed_by.insert(cl, (p, DatePrecision::Day));
                        }
                    }
                }
            }
        }
    }
    // Propagate claimed dates for claimants with an earlier dated statement.
    for m in &mut out {
        if m.claimed.is_none() && m.attribution_text.is_some() {
            if let Some(c) = m.claimants.iter().find_map(|c| state.claimed_by.get(c)) {
                m.claimed = Some(*c);
            }
        }
    }
    out
}

/// Where one clause of a sentence ends and another begins: a time after the figure and beyond one of
/// these is the later clause's ("extend hours by 45 minutes, and 12 trainsets will come by June next
/// year").
const CLAUSE_BREAKS: &[&[u8]] = &[
    b"; ",
    b", and ",
    b", but ",
    b", while ",
    b", whereas ",
    b", adding ",
    b", after ",
    b", when ",
    b", as ",
    b", although ",
    b", though ",
    b", which ",
    b", who ",
    b", compared with ",
    b", compared to ",
    b", against ",
    b", up from ",
    b", down from ",
    b", higher than ",
    b", lower than ",
    b", more than ",
    b", less than ",
];

/// Words after a date that show it is not naming an event ("in May 2024 from", "on Monday and").
const NOT_A_NOUN_AFTER_DATE: &[&str] = &[
    "from", "to", "in", "on", "at", "of", "for", "and", "or", "but", "when", "while", "as", "with",
    "by", "after", "before", "compared", "against", "versus", "than", "till", "until", "through",
    "alone",
];

/// Where a comparison with an earlier figure starts ("..., down from Rs2.64tr in June"); with ", against "
/// it opens the phrase a time can be kept inside, without it it is also a backward break of
/// [`time_in_reach`].
const COMPARISONS: &[&[u8]] = &[
    b", up from ",
    b", down from ",
    b", compared with ",
    b", compared to ",
];

/// Where a relative clause starts: its figures are not of the main clause's time, nor the main clause's
/// of its time ("approved the plan on Wednesday for districts hit by the floods, which killed 224").
const RELATIVE_BREAKS: &[&[u8]] = &[b", which ", b", who "];

/// Whether `text` brings in a figure to compare with: "from", "against", "than", "compared with" and
/// the like followed, within two words, by a word with a digit ("from Rs1.33tr", "against Rs. 412
/// billion"; not "from the Centre", nor the modifier "more than 12,000").
fn compares_a_figure(text: &str) -> bool {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.iter().enumerate().any(|(i, &w)| {
        let after = |list: &[&str]| i > 0 && one_of(list, words[i - 1]);
        (one_of(&["from", "against", "versus", "vs"], w)
            || one_of(&["than"], w) && !after(&["more", "less", "fewer"])
            || one_of(&["with", "to"], w) && after(&["compared"]))
            && words[i + 1..]
                .iter()
                .take(2)
                .any(|n| n.bytes().any(|b| b.is_ascii_digit()))
    })
}

/// Whether a length of time is a deadline: "within" it ("file its report within six months"), not "up
/// to" it ("load-shedding of up to eight hours a day").
fn is_deadline(value: &Quantity) -> bool {
    value.modifier == QuantityModifier::AtMost && starts_with_ci(&value.text, "within")
}

/// Whether the time at `t` names what a figure is compared with, not when it holds: right after
/// "compared with", "as against" or "versus" and no figure ("rose 21 per cent compared with the same
/// period of 2025"), or "from <time>" right after a change ("down 4.6 percent from October"; not "from
/// January to March"). `figure` is the figure's span; a time after a compared figure is
/// `compares_a_figure`'s.
fn is_comparison_base(v: &str, t: (usize, usize), figure: (usize, usize)) -> bool {
    let mut s0 = t.0.saturating_sub(40);
    while !v.is_char_boundary(s0) {
        s0 += 1;
    }
    let near = &v[s0..t.0];
    let nb = near.as_bytes();
    // The last of the words, any case, without a lowercase copy.
    let rfind_ci = |w: &[u8]| {
        (0..=nb.len().saturating_sub(w.len()))
            .rev()
            .find(|&i| nb.len() >= w.len() && nb[i..i + w.len()].eq_ignore_ascii_case(w))
            .map(|i| i + w.len())
    };
    let base = [
        &b"compared with"[..],
        b"compared to",
        b"as against",
        b"versus",
    ]
    .iter()
    .filter_map(|w| rfind_ci(w))
    .max()
    .is_some_and(|at| !nb[at..].iter().any(u8::is_ascii_digit));
    let time = &v[t.0..t.1];
    // "from <time>" right after a change and its figure: a word of change (`INCREASE`, `DECREASE`),
    // then a word with a digit, within the last five words and no comma. The "from" may stand before
    // the time found ("down $3.1 billion from the previous week").
    let trimmed = near.trim_end();
    let from_before = ends_with_ci(trimmed, " from") && !starts_with_ci(time, "from ");
    let near = if from_before {
        &trimmed[..trimmed.len() - 5]
    } else {
        near
    };
    // A change to come starts from its time ("would go up by at least 5% from next week").
    let to_come = || {
        [" will ", " would ", " shall ", " to be "].iter().any(|w| {
            near.as_bytes()
                .windows(w.len())
                .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
        }) || starts_with_ci(time, "next ")
            || starts_with_ci(time, "from next ")
    };
    let from_after_change = t.0 >= figure.0
        && (starts_with_ci(time, "from ") || from_before)
        && !to_come()
        && ![" to ", "-", " till ", " until ", " through "]
            .iter()
            .any(|w| time.contains(w))
        && {
            let words: Vec<&str> = near.split_whitespace().rev().take(5).collect();
            let clause = words
                .iter()
                .position(|w| w.ends_with(','))
                .unwrap_or(words.len());
            let change = words[..clause]
                .iter()
                .position(|w| one_of(INCREASE, w) || one_of(DECREASE, w));
            // Not after a change that already names where it started ("raised from ₹1,000 to
            // ₹1,500 from January": January is when).
            change.is_some_and(|c| {
                words[..c]
                    .iter()
                    .any(|w| w.bytes().any(|b| b.is_ascii_digit()))
                    && !words[..c].iter().any(|w| w.eq_ignore_ascii_case("from"))
            })
        };
    base || from_after_change
}

/// Whether the time at `t` can qualify the figure at `figure`. A time after the figure must be in its
/// clause (no [`CLAUSE_BREAKS`] between them); a time before it may be in an earlier clause ("received
/// $2.4 billion in September, while reserves stood at $26.3 billion"), but not across a statement's
/// attribution or what it adds ("... in the last two years," he said, adding that two more suspects ...).
fn time_in_reach(
    v: &str,
    figure: (usize, usize),
    t: (usize, usize),
    attribution: Option<(usize, usize)>,
) -> bool {
    let after = t.0 >= figure.1;
    let (from, to) = if after {
        (figure.1, t.0)
    } else {
        (t.1, figure.0)
    };
    if attribution.is_some_and(|(s, e)| from <= s && e <= to) {
        return false;
    }
    let between = &v.as_bytes()[from..to];
    // Every break starts with a comma or a semicolon: only those places are tried.
    let breaks_at = |from: usize, sets: &[&[&[u8]]]| {
        memchr::memchr2_iter(b',', b';', &between[from..]).any(|p| {
            sets.iter()
                .flat_map(|set| set.iter())
                .any(|b| between[from + p..].starts_with(b))
        })
    };
    if after {
        // A time after a figure compared with this one dates that figure ("Rs1.52tr, up 14pc from
        // Rs1.33tr in 2025-26": 2025-26 is the year of Rs1.33tr only).
        !breaks_at(0, &[CLAUSE_BREAKS]) && !compares_a_figure(&v[from..to])
    } else {
        // A relative clause right after the time is about the time's own noun ("the floods of August
        // 2024, which affected 5.8 million people"): it keeps the time.
        let skip = RELATIVE_BREAKS
            .iter()
            .find(|b| between.starts_with(b))
            .map_or(0, |b| b.len());
        // A date naming an event ("the May 9, 2023 attack", "the 1984 gas tragedy") dates that event,
        // not a figure in a later clause.
        let attributive = ends_with_ci(&v[..t.0], "the ")
            && v[t.1..].strip_prefix(' ').is_some_and(|r| {
                let next = r.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
                !next.is_empty() && !one_of(NOT_A_NOUN_AFTER_DATE, next)
            })
            && memchr::memmem::find(between, b", ").is_some();
        // Nor a time inside a comparison closed before the figure: it dates the compared figure alone
        // ("stood at Rs2.39tr in September, down from Rs2.64tr in June, owing to a payment of Rs254bn").
        let opened = &v.as_bytes()[t.0.saturating_sub(80)..t.0];
        let in_comparison = memchr::memrchr(b',', opened).is_some_and(|p| {
            let comma = &opened[p..];
            comma.starts_with(b", against ") || COMPARISONS.iter().any(|b| comma.starts_with(b))
        }) && memchr::memchr(b',', between).is_some();
        // Nor a time inside a participle's or a relative aside closed before the figure: it dates what
        // the aside says ("The budget, unveiled in June, put transfers at Rs1.52tr"; "At one hospital,
        // where a ward was set up in August, 90 patients were admitted").
        let in_participle_aside = memchr::memrchr(b',', opened).is_some_and(|p| {
            let first = std::str::from_utf8(&opened[p + 1..])
                .ok()
                .and_then(|a| a.split_whitespace().next())
                .unwrap_or("");
            (is_regular_past(first) || one_of(&["where", "which", "who"], first))
                && memchr::memmem::find(&opened[p..], b". ").is_none()
        }) && memchr::memchr(b',', between).is_some_and(|c| {
            // A participle after the aside's comma goes on with it ("figures released on Monday,
            // which showed collection in FY26, surpassing the target by Rs115bn").
            let next = std::str::from_utf8(&between[c + 1..])
                .ok()
                .and_then(|r| r.split_whitespace().next())
                .unwrap_or("");
            !ends_with_ci(next, "ing")
        });
        // Nor the figure a comparison brings in after it ("grew 4.8 per cent in the second quarter,
        // up from 4.1 percent in the first").
        // Nor a time before a clause that gives a reason or a circumstance of its own ("will import
        // eight cargoes in December, as demand has fallen by 30pc").
        !attributive
            && !in_comparison
            && !in_participle_aside
            && !breaks_at(
                0,
                &[
                    &[b", adding ", b", and that ", b", as ", b", even as "],
                    COMPARISONS,
                ],
            )
            && !breaks_at(skip, &[RELATIVE_BREAKS])
    }
}

/// Words between a changing thing and the percent of its change ("rose by only", "fell nearly",
/// "was up a further").
const CHANGE_FILLERS: &[&str] = &[
    "by",
    "only",
    "just",
    "nearly",
    "almost",
    "about",
    "around",
    "some",
    "roughly",
    "over",
    "a",
    "an",
    "further",
    "marginally",
    "slightly",
    "sharply",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "been",
    "be",
    "went",
    "go",
    "goes",
    "gone",
    "revised",
    "adjusted",
];

/// Words set off by commas that do not start a clause ("Exports, however, fell").
const INTERJECTIONS: &[&str] = &[
    "however",
    "meanwhile",
    "though",
    "too",
    "also",
    "moreover",
    "furthermore",
    "nonetheless",
    "nevertheless",
    "in turn",
    "in contrast",
    "by contrast",
    "on the other hand",
    "for example",
    "for instance",
    "in addition",
    "notably",
];

/// The length of a trailing aside set off by commas in `before`: one of [`INTERJECTIONS`] (", however, ";
/// ASCII case ignored), a relative clause (", which account for more than 80 percent of exports, ") or
/// a participle's phrase (", measured by the consumer price index, ").
fn interjection_before(before: &str) -> Option<usize> {
    let body = before.strip_suffix(", ")?;
    let open = memchr::memrchr_iter(b',', body.as_bytes())
        .find(|&p| body.as_bytes().get(p + 1) == Some(&b' '))?;
    let aside = &body[open + 2..];
    let relative = ["which ", "who ", "whose "]
        .iter()
        .any(|w| starts_with_ci(aside, w));
    let participle = aside.split_once(' ').is_some_and(|(w, rest)| {
        w.len() > 4 && ends_with_ci(w, "ed") && starts_with_ci(rest, "by ")
    });
    // A narrowing aside (", particularly of diesel,", ", including wheat,").
    let narrowing = [
        "particularly ",
        "especially ",
        "mainly ",
        "mostly ",
        "notably ",
        "including ",
        "excluding ",
    ]
    .iter()
    .any(|w| starts_with_ci(aside, w));
    (one_of(INTERJECTIONS, aside) || relative || participle || narrowing).then_some(aside.len() + 4)
}

/// First words after "in" that name no form money takes ("Rs5bn in the first quarter", "in total").
const NOT_A_FORM: &[&str] = &[
    "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "a", "an",
    "each", "every", "all", "total", "addition", "return", "order", "view", "line", "case",
    "which",
];

/// The things of a whole that a sentence opens with ("Of the 31 accused, " gives "accused"); `head` is
/// the sentence up to the clause of a figure, which lists the parts ("19 have been arrested, and 12
/// remain absconding").
fn whole_named_before(head: &str) -> Option<&str> {
    let (rest, _) = head.split_once(", ")?;
    // After a dateline ("LAHORE: Of the 31 accused").
    let rest = rest.rsplit_once(": ").map_or(rest, |(_, r)| r);
    let rest = rest
        .strip_prefix("Of ")
        .or_else(|| rest.strip_prefix("of "))?;
    let rest = ["the ", "its ", "their ", "these ", "those "]
        .iter()
        .find_map(|d| rest.strip_prefix(d))
        .unwrap_or(rest);
    let (figure, things) = rest.split_once(' ')?;
    (is_figure(figure)
        && !things.is_empty()
        && !things.contains([',', ';'])
        && things.split(' ').count() <= 4)
        .then_some(things)
}

/// Verbs of a level reached, besides those of a change ("reached 1.62 million").
const LEVEL_VERBS: &[&str] = &[
    "reached",
    "reach",
    "reaches",
    "hit",
    "hits",
    "totalled",
    "totaled",
    "touched",
    "touches",
    "crossed",
    "cross",
    "crosses",
    "stood",
    "stands",
    "stand",
    "exceeded",
    "exceeds",
    "exceed",
    "surpassed",
    "surpasses",
    "topped",
    "tops",
    "slowed",
    "edged",
    "stay",
    "stays",
    "stayed",
    "remain",
    "remains",
    "remained",
];

/// Verbs that change a thing named after them ("raise the daily wage to", "cut its policy rate by").
const TRANSITIVE_CHANGES: &[&str] = &[
    "raise",
    "raises",
    "raised",
    "cut",
    "cuts",
    "lower",
    "lowers",
    "lowered",
    "reduce",
    "reduces",
    "reduced",
    "hike",
    "hikes",
    "hiked",
    "increase",
    "increases",
    "increased",
    "slash",
    "slashed",
    "extend",
    "extends",
    "extended",
];

/// Words between a thing and its change verb that say the change is foreseen ("is expected to fall").
const EXPECTED: &[&str] = &[
    "expected",
    "likely",
    "set",
    "projected",
    "forecast",
    "poised",
    "due",
    "to",
    "will",
    "would",
    "could",
    "may",
    "might",
    "continued",
    "continues",
    "continue",
    "unlikely",
];

/// Words that end the phrase before a change verb, read backwards.
const CONJUNCTIONS: &[&str] = &[
    "that", "but", "until", "when", "while", "after", "before", "if", "because", "since", "as",
    "which", "who", "why", "how", "whether", "what", "where",
];

/// Prepositions that lead from a verb to its figure ("rose to", "stood at", "eased from").
const LEADS: &[&str] = &["to", "from", "at", "of", "by"];

/// Whether `w` is one of the lowercase `list`, ignoring ASCII case (no copy).
fn one_of(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Whether the word `w` (any ASCII case) states a change or a level reached.
fn changes_level(w: &str) -> bool {
    one_of(INCREASE, w) || one_of(DECREASE, w) || one_of(LEVEL_VERBS, w)
}

/// Whether `before` ends with a change or level verb, alone or with the preposition that leads to its
/// figure ("fell", "rose to", "stood at").
fn leads_from_change(before: &str) -> bool {
    let mut words = before.rsplit(' ');
    let Some(last) = words.next() else {
        return false;
    };
    // Not "of": "growth of 3.5 percent" names the change itself.
    changes_level(last)
        || one_of(&["to", "at", "by", "from"], last) && words.next().is_some_and(changes_level)
}

/// The thing whose change a clause states, before its change verb ("remittance inflows rose 11.4
/// percent to"): at most five words, without a leading article.
fn changed_thing(clause: &str) -> Option<String> {
    let words: Vec<&str> = clause.split_whitespace().collect();
    let k = words
        .iter()
        .rposition(|w| changes_level(w) || one_of(TRANSITIVE_CHANGES, w))?;
    // A transitive change names its thing after the verb ("cut its policy rate by 50 basis points",
    // "raise the daily wage of estate workers to").
    let object: Vec<&str> = words[k + 1..]
        .iter()
        .take_while(|w| !one_of(LEADS, w))
        .copied()
        .collect();
    // A headline drops the determiner after a transitive verb ("Cabinet hikes wheat MSP by ₹160"): up
    // to three words then ("fell short of" names no object).
    let determined = object
        .first()
        .is_some_and(|w| one_of(&["its", "their", "the", "his", "her", "our"], w));
    let bare = !determined && one_of(TRANSITIVE_CHANGES, words[k]) && object.len() <= 3;
    if !object.is_empty()
        && k + 1 + object.len() < words.len()
        && (determined && object.len() <= 6 || bare)
        && !object.iter().any(|w| {
            w.bytes().any(|b| b.is_ascii_digit())
                || !determined && !w.bytes().all(|b| b.is_ascii_alphabetic())
        })
    {
        let object = if determined {
            &object[1..]
        } else {
            &object[..]
        };
        return Some(object.join(" ")).filter(|o| !o.is_empty());
    }
    if !changes_level(words[k]) {
        return None;
    }
    let mut head = &words[..k];
    while head
        .last()
        .is_some_and(|w| one_of(CHANGE_FILLERS, w) || one_of(EXPECTED, w))
    {
        head = &head[..head.len() - 1];
    }
    let mut head = &head[head.len().saturating_sub(12)..];
    // Without a phrase of place or time ("the average auction price at the Colombo Tea Auction").
    if let Some(p) = head
        .iter()
        .skip(1)
        .position(|w| one_of(&["at", "in", "on", "during", "across"], w))
    {
        head = &head[..p + 1];
    }
    let head = &head[head.len().saturating_sub(5)..];
    // Not across the attribution ("The central bank said remittances rose") or a conjunction
    // ("until temperatures dropped").
    let head = match head
        .iter()
        .rposition(|w| one_of(SAY, w) || one_of(CONJUNCTIONS, w))
    {
        Some(p) => &head[p + 1..],
        None => head,
    };
    // Without a leading conjunction and article ("and the primary surplus reached"), or the "of" of
    // a pronoun's phrase ("while that of gram was increased").
    let head = match head.first() {
        Some(w) if one_of(&["and", "but", "or", "of"], w) => &head[1..],
        _ => head,
    };
    let head = match head.first() {
        Some(w) if one_of(&["a", "an", "the"], w) => &head[1..],
        _ => head,
    };
    // A phrase with a figure in it is another clause's ("had spent Rs 1,840 crore and could raise").
    let figure = head.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit()));
    (!head.is_empty() && !figure).then(|| head.join(" "))
}

/// Whether the word `w` holds a figure: digits anywhere ("Rs275,000", "6.2kg") or a number in words
/// ("three"). Wider than [`is_figure`], which takes whole numbers only.
fn names_figure(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit())
        || quantity::parse_number_words(&w.to_ascii_lowercase()).is_some()
}

/// Whether the word `w` is a whole number in digits ("1,500") or in words ("five").
/// Whether the word `w` names a time: a weekday, a month, or a year ("2025", "2026-27", "2025/26",
/// "FY27").
fn is_time_word(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.', ';', ':']);
    // Every such word starts with a capital or a digit.
    if !w.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    let year = |y: &str| y.len() == 4 && y.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
    crate::extract::time::is_day_or_month(w)
        || year(w)
        || w.split_once(['-', '/']).is_some_and(|(y, rest)| {
            year(y) && (2..=4).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit())
        })
        || w.strip_prefix("FY")
            .is_some_and(|y| (2..=4).contains(&y.len()) && y.bytes().all(|b| b.is_ascii_digit()))
}

fn is_figure(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.bytes().all(|b| b.is_ascii_digit() || b == b',')
        || quantity::parse_number_words(&w.to_ascii_lowercase()).is_some()
}

/// The counted noun of a part's "of" phrase that names the whole by its figure ("35 of the
/// country's 77 districts": "districts"); None when the phrase names no whole.
fn counted_after_whole(measured: &str) -> Option<&str> {
    let mut rest = measured;
    for _ in 0..4 {
        let (w, tail) = rest.split_once(' ')?;
        if is_figure(w) {
            return Some(tail);
        }
        let lead = one_of(
            &[
                "all", "the", "its", "their", "his", "her", "our", "these", "those",
            ],
            w,
        ) || ends_with_ci(w, "'s")
            || ends_with_ci(w, "’s");
        if !lead {
            return None;
        }
        rest = tail;
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn draft_one(
    fi: usize,
    ff: &FieldFacts,
    ents: &ArticleEntities,
    q: &QtyMatch,
    sent: (usize, usize),
    si: usize,
    attr: &Attribution,
    _state: &ArticleState,
    article_date: NaiveDate,
) -> MentionDraft {
    let f = &ff.text;
    let v = &f.view;
    let (ss, se) = sent;
    let mut value = q.value.clone();
    // Percent spans take in an adjacent change word ("47 percent drop", "down 47 percent").
    let (mut qs, mut qe) = (q.start, q.end);
    if value.kind == QuantityKind::Percent && value.direction != Direction::None {
        let after = &v[qe..se];
        if let Some(w) = after
            .strip_prefix(' ')
            .and_then(|a| a.split(|c: char| !c.is_alphabetic()).next())
        {
            if CHANGE_NOUNS.contains(&w.to_ascii_lowercase().as_str()) {
                qe += 1 + w.len();
            }
        }
        let before = &v[ss..qs];
        for w in ["down ", "up ", "by "] {
            if ends_with_ci(before, w) && qe == q.end && w != "by " {
                qs -= w.len();
            }
        }
    }
    value.text = f.slice(qs, qe).into();
    let role = match f.field {
        TextField::Title => MentionRole::Headline,
        TextField::Summary => MentionRole::Summary,
        TextField::Caption => MentionRole::Caption,
        TextField::Body => {
            if in_ranges(&ff.quotes, q.start) {
                MentionRole::DirectQuote
            } else {
                MentionRole::Body
            }
        }
    };
    // Clause around the quantity.
    let before = &v[ss..qs];
    // The clause starts after the last clause marker before the figure.
    let cstart = ss
        + last_marker_end(
            before.as_bytes(),
            &[
                b", ",
                b": ",
                b"; ",
                b" that ",
                b" after ",
                b" when ",
                b" while ",
                b" because ",
                b" including ",
                b"\"",
                b" - ",
            ],
        )
        .unwrap_or(0);
    // A word set off by commas ("Exports, however, fell by 3.2pc") does not start the clause.
    // `interjection`: its range, left out of phrases taken from the clause.
    let (cstart, interjection) = match interjection_before(&v[ss..cstart]) {
        Some(len) => {
            let head = &v[ss..cstart - len];
            let markers: &[&[u8]] = &[b", ", b": ", b"; ", b" that ", b"\""];
            let start = ss + last_marker_end(head.as_bytes(), markers).unwrap_or(0);
            (start, Some((cstart - len, cstart)))
        }
        None => (cstart, None),
    };
    // The clause before the figure, without its interjection.
    let clause_before: Cow<str> = match interjection {
        Some((is, ie)) => format!("{} {}", &v[cstart..is], &v[ie..qs]).into(),
        None => v[cstart..qs].into(),
    };
    // Measured thing.
    let after = &v[qe..se];
    let before_trimmed = before.trim_end();
    let (mut measured, m_end) = if value.kind == QuantityKind::Money
        && (ends_with_ci(before_trimmed, " for")
            || ends_with_ci(before_trimmed, " of")
            || ends_with_ci(before_trimmed, " worth")
            || ends_with_ci(before_trimmed, " costing")
            || ends_with_ci(before_trimmed, " at"))
        // A thing's weight or size ("explosives weighing 6.2kg", "a plot measuring 12 acres").
        || ends_with_ci(before_trimmed, " weighing")
        || ends_with_ci(before_trimmed, " measuring")
    {
        (measured_before(&v[cstart.min(qs)..qs]), 0)
    } else if value.kind == QuantityKind::Percent {
        let a = after.trim_start();
        let first = a
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        // "in" before a time ("fell by 3.2pc in October") leads to no measured thing.
        // Nor before a length of time ("rose by 20 per cent in two years").
        let in_time = a.starts_with("in ") && {
            let at = se - a.len() + 3;
            ff.times.iter().any(|t| t.start <= at && at < t.end)
                || a[3..].split(' ').next().is_some_and(is_figure)
        };
        // A change verb leads to the figure ("Public debt is expected to fall to 104 percent of
        // GDP"): the thing before the verb changed.
        let by_verb = leads_from_change(before_trimmed)
            .then(|| changed_thing(&clause_before))
            .flatten();
        if let Some(thing) = by_verb {
            (thing, 0)
        } else if CHANGE_NOUNS.contains(&first.as_str())
            || a.starts_with("in ") && !in_time
            || a.starts_with("of ")
        {
            let skip = a.find(' ').map(|p| p + 1).unwrap_or(a.len());
            let a2 = if CHANGE_NOUNS.contains(&first.as_str()) {
                a[skip..].strip_prefix("in ").unwrap_or(&a[skip..])
            } else {
                &a[skip..]
            };
            measured_after_in(after, a2)
        } else if before_trimmed
            .rsplit(' ')
            .next()
            .is_some_and(|w| one_of(&["the", "a", "an"], w))
            && a.starts_with(|c: char| c.is_lowercase())
            && first.len() > 2
            && !STOP_AFTER_SET.contains(&first)
            && !is_participle(&first)
        {
            // A percent before its noun ("the 2.5 per cent cash incentive"): the noun.
            measured_after_in(after, a)
        } else {
            // "illegal immigration to Europe down 47 percent": the noun phrase before.
            let b = &*clause_before;
            let b = b.trim_end();
            let b = b
                .strip_suffix(" down")
                .or_else(|| b.strip_suffix(" up"))
                .unwrap_or(b);
            let b = b
                .split(" says ")
                .last()
                .unwrap_or(b)
                .split(" said ")
                .last()
                .unwrap_or(b);
            let mut words: Vec<&str> = b.split_whitespace().collect();
            // "growth of 3.5 per cent", "a rise of 12 per cent": the change is the thing named.
            let named_change = matches!(words[..], [.., noun, of] if of.eq_ignore_ascii_case("of")
                && CHANGE_NOUNS.contains(&noun.to_ascii_lowercase().as_str()));
            // "gives farmers a margin of 119 per cent", "carries an interest rate of around 2
            // percent": the noun phrase the article opens.
            let of_at = words
                .iter()
                .rposition(|w| w.eq_ignore_ascii_case("of"))
                .filter(|&p| words[p + 1..].iter().all(|w| one_of(CHANGE_FILLERS, w)));
            let opened = of_at.and_then(|p| {
                let det = words[..p]
                    .iter()
                    .rposition(|w| one_of(&["a", "an"], w))
                    .filter(|&d| (1..=2).contains(&(p - d - 1)))?;
                // "by an average of", "a total of": a measure of the figure, not a thing.
                let noun = &words[det + 1..p];
                let measure_word = noun.iter().any(|w| {
                    one_of(
                        &[
                            "average",
                            "total",
                            "maximum",
                            "minimum",
                            "estimated",
                            "further",
                        ],
                        w,
                    )
                });
                (!measure_word).then(|| noun.to_vec())
            });
            if named_change {
                words = vec![words[words.len() - 2]];
            } else if let Some(noun) = opened {
                words = noun;
            }
            // The thing that changed, without the verb of its change and the words that soften or
            // lead to the figure ("sales tax receipts rose by only 6pc": "sales tax receipts").
            while words.len() > 1
                && words.last().is_some_and(|w| {
                    changes_level(w) || one_of(CHANGE_FILLERS, w) || one_of(LEADS, w)
                })
            {
                words.pop();
            }
            let keep = words.len().saturating_sub(5);
            let words = &words[keep..];
            // What is left still holds a change verb or another figure ("Inflation eased to 8.29
            // percent in August from"): the thing is the one before the change verb.
            let tangled = words
                .iter()
                .any(|w| changes_level(w) || w.starts_with(|c: char| c.is_ascii_digit()))
                || words.len() == 1 && changes_level(words[0]);
            let tangled = tangled && !named_change;
            match changed_thing(b).filter(|_| tangled) {
                Some(thing) => (thing, 0),
                None if tangled => (String::new(), 0),
                None => {
                    // Without a leading conjunction ("..., and the primary surplus").
                    let words = match words.first().map(|w| w.to_ascii_lowercase()) {
                        Some(w) if matches!(w.as_str(), "and" | "but" | "or" | "while") => {
                            &words[1..]
                        }
                        _ => words,
                    };
                    (
                        words
                            .join(" ")
                            .trim_start_matches("a ")
                            .trim_start_matches("an ")
                            .to_string(),
                        0,
                    )
                }
            }
        }
    } else if value.kind == QuantityKind::Duration
        && after.strip_prefix(" of ").is_some_and(|a| {
            a.starts_with(|c: char| c.is_lowercase())
                && !NOT_A_FORM.contains(&a.split(' ').next().unwrap_or(""))
        })
    {
        // "three days of heavy rain": what lasted.
        measured_after(after, true)
    } else if value.kind == QuantityKind::Duration
        && value
            .unit_text
            .as_deref()
            .is_some_and(|u| value.text.strip_suffix(u).is_some_and(|t| t.ends_with('-')))
    {
        // A length of time written as an adjective ("a 14-day judicial remand", "a five-year grace
        // period"): the thing after it lasts that long.
        measured_after(after, false)
    } else if value.kind == QuantityKind::Duration && ends_with_ci(before_trimmed, " by") {
        // A change by a length of time ("the deadline was extended by two years"): the thing
        // changed, found below as for any figure after "by".
        (String::new(), 0)
    } else if value.kind == QuantityKind::Duration {
        let b = &v[cstart..qs];
        let b = b.trim_end();
        let ws: Vec<&str> = b.split_whitespace().collect();
        let mut k = ws.len();
        let stops = |w: &str| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "and" | "to" | "for" | "was" | "were" | "is" | "be"
            )
        };
        while k > 0 && ws.len() - k < 6 && !stops(ws[k - 1]) {
            k -= 1;
        }
        let too_long = k > 0 && !stops(ws[k - 1]);
        // From after a modal ("the government would build 12,000 shelters": "build 12,000 shelters").
        if let Some(p) = ws[k..].iter().rposition(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "would" | "will" | "could" | "should" | "can" | "may" | "might" | "must" | "shall"
            )
        }) {
            k += p + 1;
        }
        // A deadline ("within 45 days") names what is to be done by it.
        let deadline = value.modifier == QuantityModifier::AtMost;
        let passive = deadline
            && k > 0
            && one_of(&["be", "is", "was", "were"], ws[k - 1])
            && ws.get(k).is_some_and(|w| is_participle(w));
        // The phrase ran past six words and an infinitive a little further back names what is to be
        // done ("to refund nearly Rs2.8 billion collected in excess sales tax ... within 45 days"):
        // its verb and the words up to its figure.
        let infinitive = ws[..k]
            .iter()
            .rposition(|w| w.eq_ignore_ascii_case("to"))
            .filter(|&t| deadline && too_long && k - t <= 8);
        if passive {
            // "must be paid within 45 days": what is to be done, "be paid".
            (format!("be {}", ws[k..].join(" ")), 0)
        } else if let Some(t) = infinitive {
            let verb = &ws[t + 1..];
            let end = verb
                .iter()
                .position(|w| names_figure(w) || one_of(BEFORE_A_FIGURE, w))
                .unwrap_or(verb.len())
                .min(4);
            (verb[..end].join(" "), 0)
        } else {
            (ws[k..].join(" "), 0)
        }
    } else {
        let skip_of = value.vague_term.is_some() || after.trim_start().starts_with("of ");
        let (m, e) = measured_after(after, skip_of);
        match counted_after_whole(&m) {
            Some(counted) => (counted.to_string(), e),
            None => (m, e),
        }
    };
    if measured.is_empty() && value.kind == QuantityKind::Money {
        measured = measured_after(after, false).0;
    }
    // Money "in" a form or spent "on" a thing ("$150 million in concessional loans", "Rs4.5 million
    // in cash", "₹1,240 crore on prohibition enforcement").
    if measured.is_empty() && value.kind == QuantityKind::Money {
        let a = after.trim_start();
        if let Some(rest) = a.strip_prefix("in ").or_else(|| a.strip_prefix("on ")) {
            let at = se - rest.len();
            let first = rest
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            let is_time = ff.times.iter().any(|t| t.start <= at && at < t.end);
            if first.starts_with(|c: char| c.is_lowercase())
                && !NOT_A_FORM.contains(&first)
                && !is_time
            {
                measured = measured_after(rest, false).0;
            }
        }
    }
    // "Of the 31 accused, 19 have been arrested": the part counts the whole's things.
    if measured.is_empty() && matches!(value.kind, QuantityKind::Count | QuantityKind::Ratio) {
        if let Some(things) = whole_named_before(&v[ss..cstart]) {
            measured = things.to_string();
        }
    }
    // The level a thing changed to or reached ("remittances rose 11.4 percent to Rs 142 billion",
    // "arrivals reached 1.62 million"): that thing.
    if measured.is_empty()
        && before_trimmed
            .rsplit(' ')
            .find(|w| !one_of(LEADS, w))
            .is_some_and(changes_level)
        || measured.is_empty() && ends_with_ci(before_trimmed, " to")
    {
        measured = changed_thing(&clause_before).unwrap_or_default();
    }
    // What a figure "by" measures a change or a gap of ("missed its tax target by Rs 18 billion"):
    // the noun phrase before, without its change verb.
    if measured.is_empty() && ends_with_ci(before_trimmed, " by") {
        // A change names its thing before or after its verb ("raised petrol prices by Rs12").
        measured = changed_thing(&clause_before).unwrap_or_default();
    }
    if measured.is_empty() && ends_with_ci(before_trimmed, " by") {
        let b = clause_before.trim_end();
        let mut b = b[..b.len() - 3].trim_end();
        // A passive change names its thing before the auxiliary ("the deadline was extended by",
        // "the policy rate to be lowered by").
        if let Some((rest, last)) = b.rsplit_once(' ') {
            let mut rest = rest.trim_end();
            let mut auxiliaries = 0;
            while let Some((head, w)) = rest.rsplit_once(' ') {
                if !(one_of(AUXILIARIES, w) || auxiliaries > 0 && w.eq_ignore_ascii_case("to")) {
                    break;
                }
                auxiliaries += 1;
                rest = head.trim_end();
            }
            if auxiliaries > 0 && is_participle(last) {
                b = rest;
            }
        }
        let thing = measured_before(b);
        let mut words: Vec<&str> = thing.split_whitespace().collect();
        while words.last().is_some_and(|w| {
            let w = w.to_ascii_lowercase();
            INCREASE.contains(&w.as_str())
                || DECREASE.contains(&w.as_str())
                || CHANGE_FILLERS.contains(&w.as_str())
        }) {
            words.pop();
        }
        measured = words.join(" ");
    }
    // A length of time measures no phrase that opens with a preposition and holds another figure
    // ("had risen by nearly 20 per cent in two years").
    if value.kind == QuantityKind::Duration
        && measured.bytes().any(|b| b.is_ascii_digit())
        && measured
            .split(' ')
            .next()
            .is_some_and(|w| one_of(&["by", "in", "at", "from", "on", "with", "to"], w))
    {
        measured.clear();
    }
    let measured = tidy_measured(&measured);
    // Restore curly quotes etc: find the measured string's position near the quantity and slice the stored text.
    let measured = restore(f, measured, ss, se);
    // Verb.
    let mut verb = None;
    // A verb before "and" is either the coordinated clause's ("214 people had died and 37 were still
    // missing") or shared by coordinated objects ("recorded 6,220 cases and 11 deaths"): it is the
    // figure's only when no verb follows the figure.
    let mut shared = None;
    let mut crossed_and = false;
    for w in v[cstart..qs].split_whitespace().rev().take(4) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if one_of(&["and", "but", "or"], w) {
            crossed_and = true;
            continue;
        }
        // "compared with" opens a comparison, and names no verb of the figure.
        if w.eq_ignore_ascii_case("compared") {
            break;
        }
        if is_participle(w)
            || matches!(
                w.to_ascii_lowercase().as_str(),
                "blocked"
                    | "arrested"
                    | "killed"
                    | "injured"
                    | "seized"
                    | "recovered"
                    | "deported"
                    | "detained"
                    | "registered"
                    | "collected"
                    | "allocated"
                    | "approved"
                    | "released"
            )
        {
            let found = Some(w.to_ascii_lowercase());
            if crossed_and {
                shared = found;
            } else {
                verb = found;
            }
            break;
        }
    }
    if verb.is_none() {
        // After the measured phrase: "(have|has|had|were|was)( been)? VERB".
        let raw = &v[(qe + m_end).min(se)..se];
        let rest = raw.trim_start_matches([',', ' ']);
        let rest = if starts_with_ci(rest, "including ") {
            rest.split_once(", ").map(|x| x.1).unwrap_or("")
        } else {
            rest
        };
        // A figure that opens a list of figures shares the verb after the list ("18 detonators, three
        // hand grenades and Rs275,000 in cash were recovered"): its items are passed over, and the
        // verb must follow an auxiliary.
        // (`rest` is shorter than `raw` when a comma or blank, or an "including" aside, came first.)
        let mut ws: Vec<&str> = rest.split_whitespace().take(20).collect();
        let in_list = rest.len() < raw.len() && ws.first().is_some_and(|w| names_figure(w))
            || ws.first().is_some_and(|w| w.eq_ignore_ascii_case("and"))
                && ws.get(1).is_some_and(|w| names_figure(w));
        if !in_list {
            ws.truncate(7);
        }
        for (k, w) in ws.iter().enumerate() {
            let lw = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase();
            if matches!(
                lw.as_str(),
                "have"
                    | "has"
                    | "had"
                    | "were"
                    | "was"
                    | "are"
                    | "is"
                    | "been"
                    | "be"
                    | "being"
                    | "reportedly"
                    | "allegedly"
            ) {
                continue;
            }
            if lw == "compared" {
                break;
            }
            // A gerund is the figure's verb only after an auxiliary ("were protesting", "were still
            // missing"), not after a preposition ("for keeping").
            let after_aux = ws[..k]
                .iter()
                .any(|p| one_of(&["were", "was", "are", "is", "been", "being", "be"], p));
            if in_list {
                if after_aux && is_participle(&lw) {
                    verb = Some(lw);
                    break;
                }
                // A new subject ends the list ("..., two pistols and the suspects were arrested").
                if w.ends_with([';', '.'])
                    || one_of(
                        &["the", "they", "he", "she", "it", "who", "which", "that"],
                        &lw,
                    )
                {
                    break;
                }
                continue;
            }
            // A state after the thing is its verb ("23 people still missing").
            if is_participle(&lw)
                || lw.ends_with("ing") && lw.len() > 5 && after_aux
                || matches!(
                    lw.as_str(),
                    "missing" | "dead" | "absconding" | "unaccounted"
                )
            {
                verb = Some(lw);
                break;
            }
            // Another figure starts its own clause ("23 missing and 96 injured").
            if names_figure(&lw) {
                break;
            }
            // A comma ends the clause: a verb after it is another's (", observing that ...").
            if k >= 3 || w.ends_with([',', ';']) {
                break;
            }
        }
    }
    if verb.is_none() {
        verb = shared;
    }
    let head = measured
        .split_whitespace()
        .last()
        .map(|w| snake(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .unwrap_or_default();
    let predicate = match value.kind {
        QuantityKind::Percent => match value.direction {
            Direction::Decrease => "decrease_percent".to_string(),
            Direction::Increase => "increase_percent".to_string(),
            Direction::None => {
                if head.is_empty() {
                    "share_percent".into()
                } else {
                    format!("{head}_percent")
                }
            }
        },
        QuantityKind::Money => {
            // "estimated at", "stood at": the verb that put the value.
            let value_verb = ends_with_ci(before_trimmed, " at")
                .then(|| {
                    before_trimmed[..before_trimmed.len() - 3]
                        .rsplit(' ')
                        .next()
                })
                .flatten()
                .filter(|w| VALUE_VERBS.contains(&w.to_ascii_lowercase().as_str()));
            if let Some(w) = value_verb {
                format!("{}_amount", snake(w))
            } else if (ends_with_ci(before_trimmed, " for") || ends_with_ci(before_trimmed, " at"))
                && !asks_or_estimates(&clause_before)
            {
                "price".to_string()
            } else if let Some(vb) = &verb {
                format!("{}_amount", snake(vb))
            } else if !head.is_empty() {
                format!("{head}_amount")
            } else {
                "amount".to_string()
            }
        }
        QuantityKind::Duration => {
            if is_deadline(&value) {
                if head.is_empty() {
                    "deadline".into()
                } else {
                    format!("{head}_deadline")
                }
            } else if let Some(vb) = &verb {
                format!("{}_duration", snake(vb))
            } else {
                "duration".to_string()
            }
        }
        // A ratio is named like a count, with "ratio" for "count" ("lived_ratio").
        QuantityKind::Ratio => match &verb {
            Some(vb) => format!("{}_ratio", snake(vb)),
            None if !head.is_empty() => format!("{head}_ratio"),
            None => "ratio".to_string(),
        },
        // A physical measure likewise, with its unit ("seized_kilogram"); basis points stay counts.
        QuantityKind::Other if value.unit.as_deref().is_some_and(|u| u != "basis_point") => {
            let unit = value.unit.as_deref().unwrap_or_default();
            match &verb {
                Some(vb) => format!("{}_{unit}", snake(vb)),
                None if !head.is_empty() => format!("{head}_{unit}"),
                None => unit.to_string(),
            }
        }
        _ => match &verb {
            Some(vb) => format!("{}_count", snake(vb)),
            None if !head.is_empty() => format!("{head}_count"),
            None => "count".to_string(),
        },
    };
    // Subjects: the agent before the figure in its clause, else entities after it in the clause.
    let la = &v.as_bytes()[qe..se];
    // A comma and a conjunction right after the phrase measured join another clause ("... flats, and
    // sought 18 months"); a comma alone there may open an aside or a list that the clause goes on
    // after (", including 262 Pakistanis, drowned").
    let joined = v
        .get(qe + m_end..se)
        .is_some_and(|rest| starts_with_ci(rest, ", and ") || starts_with_ci(rest, ", but "));
    let cend = if joined {
        qe + m_end
    } else {
        clause_end(
            la,
            &[
                b", ", b"; ", b" when ", b" which ", b" where ", b" after ", b" while ", b"\"",
            ],
            m_end,
        )
        .map_or(se, |p| qe + p)
    };
    let clause_ents = entities_in(ents, f.field, cstart, qs);
    let addressee_ents = attr
        .addressee
        .map(|(s, e)| entities_in(ents, f.field, s, e))
        .unwrap_or_default();
    let excluded = |i: &usize| {
        attr.claimants.contains(i) && !clause_ents.contains(i) || addressee_ents.contains(i)
    };
    let mut subjects: Vec<usize> = clause_ents
        .iter()
        .copied()
        .filter(|i| {
            !attr.span.is_some_and(|(s, e)| {
                ents.mentions.iter().any(|m| {
                    m.entity == *i
                        && m.field == f.field
                        && m.start >= s
                        && m.end <= e
                        && m.start >= cstart
                        && m.end <= qs
                }) && s > cstart
            })
        })
        .collect();
    subjects.retain(|i| !addressee_ents.contains(i));
    if subjects.is_empty() {
        subjects = entities_in(ents, f.field, qe, cend)
            .into_iter()
            .filter(|i| !excluded(i))
            .collect();
    }
    // A demonym in the measured phrase stands for its country ("262 Pakistanis").
    if subjects.is_empty() {
        for (i, e) in ents.entities.iter().enumerate() {
            if e.entity_type == EntityType::Place && !e.name.contains(' ') && e.name.len() > 3 {
                let stem = &e.name[..e.name.len() - 1];
                if measured.split_whitespace().any(|w| {
                    w.starts_with(stem)
                        && (w.ends_with("is")
                            || w.ends_with("ians")
                            || w.ends_with("ian")
                            || w.ends_with("i"))
                }) && measured.contains(&e.name[..e.name.len().min(6)])
                {
                    subjects.push(i);
                }
            }
        }
        // Ensure the country exists as an entity only if mentioned: entities list is article-local.
    }
    // Time: an event time in the sentence (not the claimed one), nearest the figure; else the claimed one.
    let mut time = TimeQualifier::none();
    let cands: Vec<&TimeExpr> = ff
        .times
        .iter()
        .filter(|t| t.start >= ss && t.end <= se && t.qualifier.is_some())
        .filter(|t| attr.claimed_span != Some((t.start, t.end)))
        .filter(|t| !attr.span.is_some_and(|(s, e)| t.start >= s && t.end <= e))
        .filter(|t| !in_ranges(&[(q.start, q.end)], t.start))
        .filter(|t| time_in_reach(v, (qs, qe), (t.start, t.end), attr.span))
        .filter(|t| !is_comparison_base(v, (t.start, t.end), (qs, qe)))
        .collect();
    // A time in the figure's own clause comes first ("arrears were settled in October, while a further
    // Rs450m was released last week": last week); then the nearest.
    let nearest = cands.iter().min_by_key(|t| {
        let (mut from, to) = if t.start >= qe {
            (qe, t.start)
        } else {
            (t.end.min(qs), qs)
        };
        let distance = if t.start >= qe {
            to - from
        } else {
            to - from + 1
        };
        // A relative clause right after an earlier time is about the time's noun (see
        // `time_in_reach`): "the first phase held on November 15, which covered 16 districts".
        if t.start < qe {
            from += RELATIVE_BREAKS
                .iter()
                .find(|b| v.as_bytes()[from..to].starts_with(b))
                .map_or(0, |b| b.len());
        }
        let other_clause = memchr::memchr2_iter(b',', b';', &v.as_bytes()[from..to]).any(|p| {
            CLAUSE_BREAKS
                .iter()
                .any(|b| v.as_bytes()[from + p..].starts_with(b))
        });
        (other_clause, distance)
    });
    let mut time_span = None;
    if let Some(t) = nearest {
        time = t.qualifier.clone().unwrap();
        time_span = Some((t.start, t.end));
    } else if let (Some(c), Some(sp)) = (&attr.claimed, attr.claimed_span) {
        if c.precision == Some(DatePrecision::Day) || attr.claimed_is_action {
            time = c.clone();
            time_span = Some(sp);
        }
    }
    if let Some((s, e)) = time_span {
        time.text = Some(f.slice(s, e).into());
    }
    let claimed = attr.claimed.as_ref().and_then(|c| {
        let d = c.point_in_time.or(c.start_date)?;
        Some((d, c.precision.unwrap_or(DatePrecision::Day)))
    });
    let _ = article_date;
    // Evidence: the clause, without the attribution.
    let mut ev_s = cstart.max(ss);
    let mut ev_e = cend.max(qe + m_end).min(se);
    if let Some((as_, ae)) = attr.span {
        if as_ >= qe && as_ < ev_e {
            ev_e = as_;
        }
        if ae <= qs && ae > ev_s {
            ev_s = ev_s.max(ae);
        }
    }
    let ev_text = &v[ev_s..ev_e];
    let lt = ev_text.len()
        - ev_text
            .trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == ',')
            .len();
    let rt = ev_text.len()
        - ev_text
            .trim_end_matches(|c: char| c.is_whitespace() || c == '"' || c == ',' || c == '.')
            .len();
    let (ev_s, ev_e) = if ev_s + lt < ev_e - rt && ev_s + lt <= qs && ev_e - rt >= qe {
        (ev_s + lt, ev_e - rt)
    } else {
        (ss, se)
    };
    MentionDraft {
        fi,
        role,
        value,
        quantity_span: f.span(qs, qe),
        evidence_span: f.span(ev_s, ev_e),
        measured,
        predicate,
        verb,
        subjects,
        claimants: attr.claimants.clone(),
        attribution_text: attr.text.clone(),
        claimed,
        time,
        start: qs,
        sentence: si,
    }
}

/// Finds `s` (a view substring) within the sentence and returns the stored text at that place.
fn restore(f: &FieldText, s: &str, ss: usize, se: usize) -> String {
    if s.is_empty() {
        return String::new();
    }
    // memmem finds the same first occurrence as `str::find`, with a cheaper searcher for one use.
    match memmem::find(&f.view.as_bytes()[ss..se], s.as_bytes()) {
        Some(p) => f.slice(ss + p, ss + p + s.len()),
        None => s.to_string(),
    }
}

fn interval(q: &Quantity) -> Option<(f64, bool, f64, bool)> {
    // (lo, lo_inclusive, hi, hi_inclusive); infinite ends as +-inf.
    match q.modifier {
        QuantityModifier::Exact => q.amount.map(|a| (a, true, a, true)),
        QuantityModifier::MoreThan => q.lower_bound.map(|a| (a, false, f64::INFINITY, false)),
        QuantityModifier::AtLeast => q.lower_bound.map(|a| (a, true, f64::INFINITY, false)),
        QuantityModifier::LessThan => q.upper_bound.map(|a| (f64::NEG_INFINITY, false, a, false)),
        QuantityModifier::AtMost => q.upper_bound.map(|a| (f64::NEG_INFINITY, false, a, true)),
        QuantityModifier::Range => match (q.lower_bound, q.upper_bound) {
            (Some(l), Some(h)) => Some((l, true, h, true)),
            _ => None,
        },
        QuantityModifier::Vague => q.lower_bound.map(|a| (a, true, f64::INFINITY, false)),
        QuantityModifier::Approximately => None,
    }
}

fn fmt_bound(x: f64) -> String {
    if x.is_infinite() {
        if x > 0.0 {
            "+inf".into()
        } else {
            "-inf".into()
        }
    } else if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn same_unit(a: &Quantity, b: &Quantity) -> bool {
    a.kind == b.kind && a.unit == b.unit
}

/// Consistency of a mention's value against the canonical value, with a note.
pub fn consistency(
    canon: &Quantity,
    m: &Quantity,
    role: MentionRole,
    is_canonical: bool,
) -> (MentionConsistency, Option<String>) {
    let role_name = match role {
        MentionRole::Headline => "headline",
        MentionRole::Summary => "summary bullet",
        MentionRole::Caption => "caption",
        MentionRole::Body => "body",
        MentionRole::DirectQuote => "quoted statement",
    };
    if !same_unit(canon, m) {
        return (
            MentionConsistency::NotComparable,
            Some(format!(
                "Different kind or unit from the canonical value ({}).",
                canon.text
            )),
        );
    }
    if canon.modifier == m.modifier
        && canon.amount == m.amount
        && canon.lower_bound == m.lower_bound
        && canon.upper_bound == m.upper_bound
    {
        if is_canonical {
            return (MentionConsistency::Same, None);
        }
        return (
            MentionConsistency::Same,
            Some(format!("{} states the same value.", capitalise(role_name))),
        );
    }
    let (Some(c), Some(mi)) = (interval(canon), interval(m)) else {
        return (
            MentionConsistency::NotComparable,
            Some("No bounds to compare.".to_string()),
        );
    };
    let lo_ok = c.0 > mi.0 || c.0 == mi.0 && (mi.1 || !c.1);
    let hi_ok = c.2 < mi.2 || c.2 == mi.2 && (mi.3 || !c.3);
    let interval_text = format!(
        "{}{}, {}{}",
        if mi.1 { "[" } else { "(" },
        fmt_bound(mi.0),
        fmt_bound(mi.2),
        if mi.3 { "]" } else { ")" }
    );
    let canon_text = match canon.amount {
        Some(a) if canon.modifier == QuantityModifier::Exact => fmt_bound(a),
        _ => canon.text.to_string(),
    };
    if lo_ok && hi_ok {
        let extra = match (role, m.modifier) {
            (
                MentionRole::Headline | MentionRole::Summary,
                QuantityModifier::MoreThan | QuantityModifier::AtLeast,
            ) if canon.modifier == QuantityModifier::Exact => {
                format!(": {role_name} rounds the exact figure down.")
            }
            _ => ".".to_string(),
        };
        return (
            MentionConsistency::Consistent,
            Some(format!(
                "Canonical {canon_text} lies in {interval_text}{extra}"
            )),
        );
    }
    let disjoint = c.2 < mi.0
        || c.0 > mi.2
        || (c.2 == mi.0 && !(c.3 && mi.1))
        || (c.0 == mi.2 && !(c.1 && mi.3));
    if disjoint {
        return (MentionConsistency::Inconsistent, Some(format!("Canonical {canon_text} lies outside {interval_text}: the {role_name} contradicts it.")));
    }
    (
        MentionConsistency::NotComparable,
        Some(format!(
            "Canonical {canon_text} only partly overlaps {interval_text}."
        )),
    )
}

/// Whether two mentions of one article state the same fact (api-contract §1.5): same kind and unit, then
/// the same measured thing, then compatible subjects and times. Numbers that disagree do not block
/// grouping when the wording clearly names the same fact; the disagreement becomes the consistency.
/// The measured-phrase lemmas `la`/`lb` ([`content_lemmas`]) and the topic words `ca`/`cb`
/// ([`context_lemmas`]) are computed on first use: most pairs are settled before.
/// Whether `x` and `y`, the figures of `q` and another quantity of its kind, lie within 15 % of each
/// other (of at least 1, except for ratios, which lie between 0 and 1: one in four is not close to one
/// in three).
fn is_close(q: &Quantity, x: f64, y: f64) -> bool {
    let least = if q.kind == QuantityKind::Ratio {
        f64::MIN_POSITIVE
    } else {
        1.0
    };
    (x - y).abs() / x.abs().max(y.abs()).max(least) <= 0.15
}

/// Whether two quantities state the same figure: equal, or close with one an exact figure inside the
/// other's bounds ("1,372" and "more than 1,300").
fn figures_agree(va: &Quantity, vb: &Quantity) -> bool {
    let (Some(x), Some(y)) = (va.amount, vb.amount) else {
        return false;
    };
    let inside = |e: &Quantity, o: &Quantity| {
        e.modifier == QuantityModifier::Exact
            && interval(o).is_some_and(|i| {
                let v = e.amount.unwrap_or(f64::NAN);
                (v > i.0 || v == i.0 && i.1) && (v < i.2 || v == i.2 && i.3)
            })
    };
    x == y || is_close(va, x, y) && (inside(va, vb) || inside(vb, va))
}

/// Whether `m` is in a headline, a summary bullet or a caption, which compress a figure.
fn is_short_form(m: &MentionDraft) -> bool {
    matches!(
        m.role,
        MentionRole::Headline | MentionRole::Summary | MentionRole::Caption
    )
}

fn compatible(
    a: &MentionDraft,
    b: &MentionDraft,
    la: &OnceCell<Vec<String>>,
    lb: &OnceCell<Vec<String>>,
    ca: &OnceCell<Vec<String>>,
    cb: &OnceCell<Vec<String>>,
) -> bool {
    if !same_unit(&a.value, &b.value) || a.fi == b.fi && a.sentence == b.sentence {
        return false;
    }
    let (va, vb) = (&a.value, &b.value);
    if va.modifier == QuantityModifier::Vague || vb.modifier == QuantityModifier::Vague {
        return false;
    }
    if va.kind == QuantityKind::Percent && va.amount == vb.amount && va.direction == vb.direction {
        return true;
    }
    let (Some(x), Some(y)) = (va.amount, vb.amount) else {
        return false;
    };
    // Measured-phrase lemmas the two share.
    let shared = || {
        let (la, lb) = (
            la.get_or_init(|| content_lemmas(&a.measured)),
            lb.get_or_init(|| content_lemmas(&b.measured)),
        );
        la.iter().filter(|w| lb.contains(w)).count()
    };
    let close = is_close(va, x, y);
    let agree = figures_agree(va, vb);
    // Shared measured words settle a pair whose figures agree, or are close where one of the two is a
    // headline, bullet or caption: two sentences of the body that give different figures of the same
    // thing state two facts ("spent 18.6 percent of its capital budget", "failing to spend at least 20
    // percent of their capital budget").
    if agree || close {
        let shared = shared();
        if shared > 0 && (agree || close && shared >= 2 && is_short_form(a) != is_short_form(b)) {
            return true;
        }
    }
    // The same fact worded differently ("SC orders FBR to refund Rs4.5bn in excess tax" and "directed
    // the FBR to refund nearly Rs4.5 billion collected in excess sales tax"): topic words of the two
    // clauses overlap, subjects and times do not contradict each other.
    if !subjects_compatible(a, b) || !times_compatible(a, b) {
        return false;
    }
    // A headline or bullet that states the figure differently (rounded, or wrong): same topic, a figure
    // of the same order of magnitude.
    let ratio = x.abs().max(y.abs()) / x.abs().min(y.abs()).max(f64::MIN_POSITIVE);
    let restated = is_short_form(a) != is_short_form(b) && ratio <= 1.5;
    // Neither test below can pass: the topic words are not needed.
    if !agree && !restated {
        return false;
    }
    let (ca, cb) = (
        ca.get_or_init(|| context_lemmas(a)),
        cb.get_or_init(|| context_lemmas(b)),
    );
    let ctx = ca.iter().filter(|w| cb.contains(w)).count();
    if ctx >= 2 && agree {
        return true;
    }
    // A headline, bullet or caption that gives the very figure of a body sentence with a topic word in
    // common ("misses tax target by Rs189 billion", "falling short of its target ... by Rs189bn"): a
    // figure of two or more significant digits is seldom stated twice of different things.
    if x == y && is_short_form(a) != is_short_form(b) && ctx >= 1 && significant_digits(x) >= 2 {
        return true;
    }
    restated && ctx >= 3 && (ctx >= 4 || shared() > 0)
}

/// The significant digits of `x` as written in decimal (189,000,000,000: 3; 2,000: 1; 0.25: 2).
fn significant_digits(x: f64) -> usize {
    let s = format!("{}", x.abs());
    let digits = s.trim_start_matches(['0', '.']).replace('.', "");
    digits.trim_end_matches('0').len()
}

/// Subjects agree when either has none, they share one, or one side is a headline, bullet or caption
/// (metonymy: "Pakistan blocks ..." for the regulator that did it).
fn subjects_compatible(a: &MentionDraft, b: &MentionDraft) -> bool {
    let short = |m: &MentionDraft| {
        matches!(
            m.role,
            MentionRole::Headline | MentionRole::Summary | MentionRole::Caption
        )
    };
    a.subjects.is_empty()
        || b.subjects.is_empty()
        || a.subjects.iter().any(|s| b.subjects.contains(s))
        || short(a)
        || short(b)
}

/// Times agree when either is unknown or the two periods overlap.
fn times_compatible(a: &MentionDraft, b: &MentionDraft) -> bool {
    let range = |t: &TimeQualifier| -> Option<(NaiveDate, NaiveDate)> {
        if let Some(p) = t.point_in_time {
            let end = match t.precision {
                Some(DatePrecision::Year) => NaiveDate::from_ymd_opt(p.year(), 12, 31)?,
                Some(DatePrecision::Month) => {
                    let (y, m) = if p.month() == 12 {
                        (p.year() + 1, 1)
                    } else {
                        (p.year(), p.month() + 1)
                    };
                    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()?
                }
                Some(DatePrecision::Decade) => NaiveDate::from_ymd_opt(p.year() + 9, 12, 31)?,
                _ => p,
            };
            return Some((p, end));
        }
        Some((t.start_date?, t.end_date?))
    };
    match (range(&a.time), range(&b.time)) {
        (Some((s1, e1)), Some((s2, e2))) => s1 <= e2 && s2 <= e1,
        _ => true,
    }
}

fn precision_rank(q: &Quantity) -> u8 {
    match q.modifier {
        QuantityModifier::Exact => 0,
        QuantityModifier::Range => 1,
        QuantityModifier::AtLeast
        | QuantityModifier::AtMost
        | QuantityModifier::MoreThan
        | QuantityModifier::LessThan => 2,
        QuantityModifier::Approximately => 3,
        QuantityModifier::Vague => 4,
    }
}

fn role_rank(m: &MentionDraft) -> u8 {
    match m.role {
        MentionRole::DirectQuote => 0,
        MentionRole::Body if m.attribution_text.is_some() => 0,
        MentionRole::Body => 1,
        MentionRole::Caption => 2,
        MentionRole::Summary => 3,
        MentionRole::Headline => 4,
    }
}

/// A group of mentions forming one claim, canonical first.
pub struct ClaimGroup {
    /// Mentions, in field and position order.
    pub mentions: Vec<MentionDraft>,
    /// Index of the canonical mention.
    pub canonical: usize,
}

/// Groups the mentions of one article.
pub fn group(mut drafts: Vec<MentionDraft>) -> Vec<ClaimGroup> {
    drafts.sort_by_key(|d| (d.quantity_span.field, d.quantity_span.start));
    let n = drafts.len();
    let lemmas: Vec<OnceCell<Vec<String>>> = (0..n).map(|_| OnceCell::new()).collect();
    let context: Vec<OnceCell<Vec<String>>> = (0..n).map(|_| OnceCell::new()).collect();
    // Union by member lists; two groups never merge when they hold mentions of the same sentence, or
    // two sentences of the body with figures that disagree (a headline's rounded figure is close to
    // both "raised by Rs2.43" and "raised by Rs3.10", which are two facts).
    let mut group_of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    // Pairs that state the same figure are joined first, so that a headline joins the body sentence that
    // gives its very figure before any sentence that gives a figure close to it. Only a headline,
    // bullet or caption joins a figure it does not state ([`compatible`]); they sort first.
    let short = drafts.iter().take_while(|d| is_short_form(d)).count();
    for (i, j, agreeing) in (0..2).flat_map(|pass| {
        let firsts = if pass == 0 { n } else { short };
        (0..firsts).flat_map(move |i| (i + 1..n).map(move |j| (i, j, pass == 0)))
    }) {
        let (gi, gj) = (group_of[i], group_of[j]);
        if gi == gj
            || !same_unit(&drafts[i].value, &drafts[j].value)
            || figures_agree(&drafts[i].value, &drafts[j].value) != agreeing
            || !compatible(
                &drafts[i],
                &drafts[j],
                &lemmas[i],
                &lemmas[j],
                &context[i],
                &context[j],
            )
        {
            continue;
        }
        let clash = members[gi].iter().any(|&a| {
            members[gj].iter().any(|&b| {
                let (a, b) = (&drafts[a], &drafts[b]);
                a.fi == b.fi && a.sentence == b.sentence
                    || !is_short_form(a) && !is_short_form(b) && !figures_agree(&a.value, &b.value)
            })
        });
        if clash {
            continue;
        }
        let moved = std::mem::take(&mut members[gj]);
        for &m in &moved {
            group_of[m] = gi;
        }
        members[gi].extend(moved);
    }
    let mut slots: Vec<Option<MentionDraft>> = drafts.into_iter().map(Some).collect();
    members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|mut idx| {
            idx.sort_unstable();
            let mentions: Vec<MentionDraft> =
                idx.iter().map(|&i| slots[i].take().unwrap()).collect();
            let canonical = (0..mentions.len())
                .min_by_key(|&k| {
                    let m = &mentions[k];
                    (
                        // A headline or a summary bullet compresses the figure ("Rs4.5bn" for "nearly
                        // Rs4.5 billion", "three months" for "within three months"): it is canonical
                        // only when nothing else states it.
                        matches!(m.role, MentionRole::Headline | MentionRole::Summary),
                        precision_rank(&m.value),
                        role_rank(m),
                        m.quantity_span.field,
                        m.quantity_span.start,
                    )
                })
                .unwrap();
            ClaimGroup {
                mentions,
                canonical,
            }
        })
        .collect()
}

/// Narrows "this year" (the year up to the article date) to end on a day-precision claimed date in the
/// same year: 1 January to the day the statement was made.
pub fn refine_time(time: &mut TimeQualifier, claimed: Option<(NaiveDate, DatePrecision)>) {
    let is_this_year = time.text.as_deref().is_some_and(|t| {
        t.to_ascii_lowercase().contains("this year") && !t.chars().any(|c| c.is_ascii_digit())
    }) && time.resolution == TimeResolution::RelativeToArticleDate
        && time.point_in_time.is_none();
    if let (true, Some((d, DatePrecision::Day)), Some(start), Some(end)) =
        (is_this_year, claimed, time.start_date, time.end_date)
    {
        if start.year() == d.year() && start.month() == 1 && start.day() == 1 && d <= end {
            time.end_date = Some(d);
        }
    }
}

/// A readable label for a claim.
pub fn label(m: &MentionDraft, subject: Option<&str>) -> String {
    label_with_time(m, m.time.text.as_deref(), subject)
}

/// [`label`] with the time text given apart from the mention's own (a claim's time may come from
/// another of its mentions).
pub fn label_with_time(m: &MentionDraft, time_text: Option<&str>, subject: Option<&str>) -> String {
    let measured = if m.measured.is_empty() {
        "Figure"
    } else {
        m.measured.as_str()
    };
    // The label is pieced together in one buffer: `format!` per piece cost an allocation each.
    let prefix = match m.value.kind {
        QuantityKind::Percent => match m.value.direction {
            Direction::Decrease => Some("Decrease in "),
            Direction::Increase => Some("Increase in "),
            Direction::None => Some("Share: "),
        },
        QuantityKind::Money if m.predicate == "price" => Some("Price of "),
        QuantityKind::Duration if is_deadline(&m.value) => Some("Deadline to "),
        _ => None,
    };
    let base = match prefix {
        // Nothing measured: "Price", "Deadline", not "Price of Figure".
        Some(p) if m.measured.is_empty() && (p.ends_with(" of ") || p.ends_with(" to ")) => {
            p.split(' ').next().unwrap_or(p).to_string()
        }
        Some(p) => {
            let mut b = String::with_capacity(p.len() + measured.len());
            b.push_str(p);
            b.push_str(measured);
            b
        }
        None => {
            let mut b = capitalise(measured);
            // The verb, unless the measured phrase already ends with it ("had already spent").
            let said = |v: &str| {
                measured
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case(v))
            };
            if let Some(v) = m.verb.as_deref().filter(|v| !said(v)) {
                b.push(' ');
                b.push_str(v);
            }
            b
        }
    };
    let mut out = capitalise(&base);
    if let Some(s) = subject {
        if m.value.kind != QuantityKind::Money || m.predicate != "price" {
            out.push_str(" (");
            out.push_str(s);
            out.push(')');
        }
    }
    if let Some(t) = time_text {
        out.push_str(", ");
        out.push_str(t);
    }
    out
}

/// Claim-level consistency: the worst over the mentions.
pub fn worst(ms: &[MentionConsistency]) -> ClaimConsistency {
    if ms.contains(&MentionConsistency::Inconsistent) {
        ClaimConsistency::Inconsistent
    } else if ms.contains(&MentionConsistency::NotComparable) {
        ClaimConsistency::NotComparable
    } else {
        ClaimConsistency::Consistent
    }
}

/// Surface kind helper for callers that need to know whether a mention is a name.
pub fn is_name(k: SurfaceKind) -> bool {
    k == SurfaceKind::Name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_ends_at_the_first_marker_first_seen_after_skip() {
        let markers: &[&[u8]] = &[b", ", b" when ", b"\""];
        assert_eq!(clause_end(b"arrested, when", markers, 0), Some(8));
        // ", " first occurs at 1, not after `skip`; " WHEN " (any ASCII case) does.
        assert_eq!(clause_end(b"x, y WHEN z", markers, 2), Some(4));
        // A marker first seen at or before `skip` does not count when it occurs again.
        assert_eq!(clause_end(b"a, b, c", markers, 1), None);
        assert_eq!(clause_end(b"no marker here", markers, 0), None);
        assert_eq!(clause_end(b"", markers, 0), None);
        assert_eq!(clause_end(b"said \"it", markers, 0), Some(5));
    }

    #[test]
    fn a_measured_phrase_names_something() {
        for (m, want) in [
            ("gold bars hidden inside", "gold bars hidden"),
            ("complaints about", "complaints"),
            ("and Taplejung", "Taplejung"),
            ("for residential plots", "residential plots"),
            ("with its yield", "its yield"),
            ("little", ""),
            ("-member house", "member house"),
            ("farmland also", "farmland"),
            ("a repayment period of", "a repayment period"),
            ("to", ""),
            ("its", ""),
            ("were", ""),
            ("them", ""),
            ("nationally", ""),
            ("kept", ""),
            ("already", ""),
            ("and Tk 30,000", ""),
            ("Rs4.02tr", ""),
            ("4,612 retired teachers", ""),
            ("sales tax", "sales tax"),
            ("supply", "supply"),
            ("assembly", "assembly"),
            ("fiscal year", ""),
            ("the current year", ""),
            ("October 2025", ""),
            ("fiscal deficit", "fiscal deficit"),
        ] {
            assert_eq!(tidy_measured(m), want, "{m}");
        }
    }

    #[test]
    fn significant_digits_of_figures() {
        for (x, n) in [
            (189e9, 3),
            (2000.0, 1),
            (0.25, 2),
            (1372.0, 4),
            (4.02e12, 3),
            (0.0, 0),
        ] {
            assert_eq!(significant_digits(x), n, "{x}");
        }
    }

    #[test]
    fn the_last_marker_end_is_found_in_any_ascii_case() {
        let markers: &[&[u8]] = &[b", ", b" that ", b"\""];
        assert_eq!(last_marker_end(b"he said that 500", markers), Some(13));
        assert_eq!(last_marker_end(b"he said THAT 500", markers), Some(13));
        assert_eq!(last_marker_end(b"a, b said \"500", markers), Some(11));
        assert_eq!(last_marker_end(b"a, b", markers), Some(3));
        assert_eq!(last_marker_end(b"that 500", markers), None);
        assert_eq!(last_marker_end(b"", markers), None);
    }
}
