//! The quantity grammar: numbers (digits, words, scale words), modifiers, money, percentages, durations,
//! ranges and vague quantities, found in the matching view of a field.
//!
//! Conventions (documented in the README):
//! - `amount` is the figure as printed, fully scaled; for a range it is the lower figure.
//! - Vague terms carry a lower bound only: a dozen-plural ≥ 24, scores ≥ 40, hundreds ≥ 200,
//!   thousands ≥ 2,000, tens of thousands ≥ 20,000, hundreds of thousands ≥ 200,000, millions ≥ 2,000,000,
//!   lakhs ≥ 200,000, crores ≥ 20,000,000; "several N" ≥ 3N and "a few N" ≥ 2N.
//! - `approximately` leaves both bounds null; `within` is `at_most`.
//! - `Rs`, `rupees` and `$` are resolved from the article's country with `unit_inferred: true`.
//! - A ratio ("one in five", "three out of every 10") is one quantity of kind `ratio` from its first
//!   figure to its second, with `amount` the first over the second, no `unit` and the ratio as written in
//!   `unit_text`.
//! - A physical measure ("12 kg", "1,850 kilometres", "45°C") is of kind `other`, with `unit` named by
//!   [`measure_unit`]; ages are neither counts nor measures.

use crate::extract::text::{alternation, captures_if_match, ends_with_ci, starts_with_ci};
use crate::store::model::{Direction, Quantity, QuantityKind, QuantityModifier};
use compact_str::CompactString;
use regex::Regex;
use std::sync::LazyLock;

/// Context for resolving ambiguous currency tokens.
#[derive(Debug, Clone)]
pub struct QtyContext {
    /// ISO code for `Rs`/`rupees` (PKR, INR, LKR, NPR), or None when the country is unknown.
    pub rupee: Option<&'static str>,
}

/// A quantity found in a field, in view byte offsets.
#[derive(Debug, Clone)]
pub struct QtyMatch {
    /// Start of the whole phrase (modifier included).
    pub start: usize,
    /// End of the whole phrase (unit included).
    pub end: usize,
    /// The parsed value; `text` is filled by the caller from the stored text.
    pub value: Quantity,
}

const UNITS: &[(&str, u64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

fn word_value(w: &str) -> Option<u64> {
    UNITS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(w))
        .map(|&(_, v)| v)
}

fn scale_value(w: &str) -> Option<f64> {
    Some(match w.to_ascii_lowercase().as_str() {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "lakh" | "lakhs" | "lac" | "lacs" => 1e5,
        "million" | "millions" | "m" | "mn" | "mln" => 1e6,
        "crore" | "crores" | "cr" => 1e7,
        "billion" | "billions" | "bn" | "b" | "bln" | "arab" => 1e9,
        "trillion" | "tr" | "trn" => 1e12,
        _ => return None,
    })
}

/// `v` times the scale `f`, rounded as the decimal it stands for when `f` is a power of ten: 4.02 trillion
/// is 4,020,000,000,000, where binary multiplication gives 4,019,999,999,999.9995.
pub fn scaled(v: f64, f: f64) -> f64 {
    let exp = f.log10().round();
    // A whole number times a power of ten is exact below 2^53 (where figures are).
    if !(v.is_finite() && f > 0.0 && 10f64.powi(exp as i32) == f) || v.fract() == 0.0 {
        return v * f;
    }
    // `{v}` is the shortest decimal that reads back as `v`; moving its point is exact.
    format!("{v}e{exp}").parse().unwrap_or(v * f)
}

/// Parses a sequence of number words ("two hundred and sixty-two", "twenty-one", "seven", "1.5").
pub fn parse_number_words(s: &str) -> Option<f64> {
    let mut total = 0f64;
    let mut current = 0f64;
    let mut any = false;
    for w in s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
    {
        let lw = w.to_ascii_lowercase();
        if lw == "and" {
            continue;
        }
        if let Some(v) = word_value(&lw) {
            current += v as f64;
            any = true;
        } else if lw == "dozen" {
            current = if current == 0.0 { 12.0 } else { current * 12.0 };
            any = true;
        } else if lw == "hundred" {
            current = if current == 0.0 {
                100.0
            } else {
                current * 100.0
            };
            any = true;
        } else if let Some(sc) = scale_value(&lw) {
            current = if current == 0.0 { sc } else { current * sc };
            total += current;
            current = 0.0;
            any = true;
        } else {
            return None;
        }
    }
    any.then_some(total + current)
}

/// Parses digits with thousands separators (Western or South Asian) and decimals.
pub fn parse_digits(s: &str) -> Option<f64> {
    let groups: Vec<&str> = s.split(',').collect();
    if groups.len() > 1 {
        // 1,300 / 1,00,000 / 12,500.50: every group after the first has 3 digits (the last) or 2.
        let last = groups.last()?.split('.').next()?;
        if last.len() != 3 || groups[0].is_empty() || groups[0].len() > 3 {
            return None;
        }
        let mids = &groups[1..groups.len() - 1];
        let western = mids.iter().all(|g| g.len() == 3);
        let south_asian = mids.iter().all(|g| g.len() == 2);
        if !(western || south_asian) {
            return None;
        }
    }
    s.replace(',', "").parse().ok()
}

const NUMWORD: &str = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen";

static CORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?P<dig>\d+(?:,\d+)*(?:\.\d+)?)|(?P<word>(?-u:\b)(?:{w})(?:(?:[\s--\n]+|-)(?:and[\s--\n]+)?(?:{w}))*(?-u:\b))|(?P<vague>(?-u:\b)(?:tens[\s--\n]+of[\s--\n]+thousands|hundreds[\s--\n]+of[\s--\n]+thousands|dozens|scores|hundreds|thousands|millions|billions|lakhs|crores|(?:several|a[\s--\n]+few)[\s--\n]+(?:dozen|hundred|thousand|million|lakh|crore))(?-u:\b))|(?P<amil>(?-u:\b)(?:half[\s--\n]+a|a)[\s--\n]+(?:million|billion|thousand|lakh|crore)(?-u:\b))",
        w = NUMWORD
    ))
    .unwrap()
});

/// Group indices of [`CORE_RE`]: `Captures::get` by index, where a lookup by name hashes the name on every
/// call.
const DIG: usize = 1;
/// The spelled-number group of [`CORE_RE`].
const WORD: usize = 2;
/// The vague-quantity group of [`CORE_RE`].
const VAGUE: usize = 3;
/// The "a million" group of [`CORE_RE`].
const AMIL: usize = 4;

/// Scale words after blanks, as the first group of [`SCALE_AFTER_RE`]; each starts with a letter, which
/// [`scale_after`] checks before searching.
const SCALE_WORDS: &[&str] = &[
    "thousand", "million", "billion", "trillion", "lakhs?", "lacs?", "crores?", "arab",
];

/// Scale abbreviations, glued or after one blank, as the second group of [`SCALE_AFTER_RE`]; checked
/// like [`SCALE_WORDS`].
const SCALE_ABBREVIATIONS: &[&str] = &["mn", "bn", "mln", "bln", "trn", "tr", "cr", "m", "b", "k"];

static SCALE_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:[\s--\n]+({})(?-u:\b)|[\s--\n]?({})(?-u:\b))",
        SCALE_WORDS.join("|"),
        SCALE_ABBREVIATIONS.join("|")
    ))
    .unwrap()
});

/// The words of a percentage after a figure, as alternatives of [`PERCENT_AFTER_RE`]; each starts
/// with a letter, which [`percent_after`] checks before searching.
const PERCENT_WORDS: &[&str] = &[
    r"per[\s--\n]?cent(?:age[\s--\n]+points?)?",
    r"percentage[\s--\n]+points?",
    "pc",
    "pct",
    r"basis[\s--\n]+points?",
    "bps",
];

/// The kind and unit of a percent word after a figure: "percentage points" and "basis points" are
/// units of their own, and a basis point is no percent.
fn percent_unit(tok: &str) -> (QuantityKind, &'static str) {
    let lt = tok.to_ascii_lowercase();
    if lt.contains("point") && !lt.contains("basis") {
        (QuantityKind::Percent, "percentage_point")
    } else if lt.contains("basis") || lt == "bps" {
        (QuantityKind::Other, "basis_point")
    } else {
        (QuantityKind::Percent, "percent")
    }
}

static PERCENT_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:[\s--\n]?(%)|[\s--\n]*-?[\s--\n]*({})(?-u:\b))",
        PERCENT_WORDS.join("|")
    ))
    .unwrap()
});

/// Units of time after a figure, as alternatives of [`DURATION_AFTER_RE`]; each starts with a letter,
/// which [`duration_after`] checks before searching.
const TIME_UNITS: &[&str] = &[
    "years?", "months?", "weeks?", "days?", "hours?", "hrs?", "minutes?", "mins?", "decades?",
];

/// Words between a figure and its unit of time: working time ("within seven working days") or time
/// added ("for three more years", "two additional months"); each starts with a letter that
/// [`duration_after`] checks.
const TIME_UNIT_WORDS: &[&str] = &["working", "more", "additional", "extra", "further"];

/// A unit of time after a figure, perhaps after one of [`TIME_UNIT_WORDS`].
static DURATION_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:[\s--\n]+|-)(?:(?:{})[\s--\n]+)?({})(?-u:\b)",
        TIME_UNIT_WORDS.join("|"),
        TIME_UNITS.join("|")
    ))
    .unwrap()
});

static CURRENCY_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s--\n]+((?:pakistani[\s--\n]+|indian[\s--\n]+|sri[\s--\n]+lankan[\s--\n]+|nepalese[\s--\n]+|nepali[\s--\n]+|us[\s--\n]+|american[\s--\n]+|saudi[\s--\n]+|uae[\s--\n]+)?(?:rupees?|dollars?|euros?|pounds?(?:[\s--\n]+sterling)?|dirhams?|riyals?|taka|yuan|yen|afghanis?|rials?|francs?|paisas?|paise)|(?-i:PKR|INR|USD|EUR|GBP|AED|SAR|BDT|LKR|NPR|AFN|CNY|JPY|CHF|QAR|KWD|OMR|CAD|AUD))(?-u:\b)").unwrap()
});

/// Currency tokens written before a figure, as the first group of [`CURRENCY_BEFORE_RE`] (after a word
/// boundary), in the order the regex tries them.
pub(crate) const CURRENCY_WORDS_BEFORE: &[&str] = &[
    "Rs.", "Rs", "Re.", "Re", "PKR", "INR", "USD", "EUR", "GBP", "AED", "SAR", "BDT", "LKR", "NPR",
    "AFN", "CNY", "RMB", "JPY", "CHF", "QAR", "KWD", "OMR", "BHD", "CAD", "AUD", "SGD", "MYR",
    "Tk.", "Tk", "Dh", "Dhs", "SR",
];

/// Currency symbols written before a figure, as the second group of [`CURRENCY_BEFORE_RE`].
const CURRENCY_SYMBOLS_BEFORE: &[&str] = &["US$", "C$", "A$", "$", "€", "£", "₹", "₨", "¥"];

/// A currency token at the end of the text before a figure, followed by at most one blank.
static CURRENCY_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?-u:\b)({})|({}))[\s--\n]?$",
        alternation(CURRENCY_WORDS_BEFORE),
        alternation(CURRENCY_SYMBOLS_BEFORE)
    ))
    .unwrap()
});

/// [`CURRENCY_BEFORE_RE`] on `before` (most figures follow no currency).
fn currency_before(before: &str) -> Option<regex::Captures<'_>> {
    captures_if_match(&CURRENCY_BEFORE_RE, before)
}

/// The modifiers written before a figure ("more than", "up to", "about"), as the first group of
/// [`MODIFIER_BEFORE_RE`], in the order the regex tries them; a space stands for any blanks.
const MODIFIERS_BEFORE: &[&str] = &[
    "at or below",
    "at or under",
    "at or above",
    "at or over",
    "just over",
    "just under",
    "well over",
    "more than",
    "over",
    "above",
    "in excess of",
    "upwards of",
    "exceeding",
    "at least",
    "no less than",
    "no fewer than",
    "not less than",
    "a minimum of",
    "minimum of",
    "less than",
    "fewer than",
    "under",
    "below",
    "up to",
    "as many as",
    "as much as",
    "as high as",
    "as long as",
    "at most",
    "no more than",
    "not more than",
    "a maximum of",
    "maximum of",
    "within",
    "about",
    "around",
    "approximately",
    "approx.",
    "nearly",
    "almost",
    "roughly",
    "some",
    "close to",
    "an estimated",
    "estimated",
    "circa",
    "between",
    "from",
];

/// Words that may stand between a modifier and its figure ("more than another 300"); a space stands for
/// any blanks.
const MODIFIER_FILLERS: &[&str] = &["another", "a further", "an additional", "an extra"];

/// A modifier at the end of the text before a figure.
static MODIFIER_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)({})[\s--\n]+(?:(?:{})[\s--\n]+)?$",
        alternation(MODIFIERS_BEFORE),
        alternation(MODIFIER_FILLERS)
    ))
    .unwrap()
});

/// [`MODIFIER_BEFORE_RE`] on `before` (most figures follow no modifier).
fn modifier_before(before: &str) -> Option<regex::Captures<'_>> {
    captures_if_match(&MODIFIER_BEFORE_RE, before)
}

/// What joins the two ends of a range, as the first three groups of [`RANGE_AFTER_RE`], in order;
/// [`range_after`] checks the first character before searching.
const RANGE_JOINERS: [&str; 3] = ["-", "to", "and"];

static RANGE_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^[\s--\n]*(?:({})|({})(?-u:\b)|({})(?-u:\b))[\s--\n]*(Rs\.?[\s--\n]?|\$|€|£|US\$|PKR[\s--\n]?)?(\d+(?:,\d+)*(?:\.\d+)?|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)(?-u:\b))",
        RANGE_JOINERS[0], RANGE_JOINERS[1], RANGE_JOINERS[2]
    ))
    .unwrap()
});

/// `s` without its leading blanks: the whitespace other than line breaks that `[\s--\n]*` takes.
fn skip_blanks(s: &str) -> &str {
    s.trim_start_matches(|c: char| c != '\n' && c.is_whitespace())
}

/// Whether `text` starts with the first character of one of `alternatives`, ignoring case as a `(?i)`
/// regex does: the cheap test that spares searching with a regex built from them when none can match.
fn may_start_with(text: &str, alternatives: &[&str]) -> bool {
    // Unicode case folding matches two characters outside ASCII with ASCII letters.
    let c = match text.chars().next() {
        None => return false,
        Some('\u{212A}') => 'k', // Kelvin sign
        Some('\u{17F}') => 's',  // long s
        Some(c) => c,
    };
    alternatives.iter().any(|a| {
        a.chars()
            .next()
            .is_some_and(|first| first.eq_ignore_ascii_case(&c))
    })
}

/// [`PERCENT_AFTER_RE`] on `after`, skipping the search when the text after the blanks and an optional
/// dash can start neither a percent sign nor one of [`PERCENT_WORDS`].
fn percent_after(after: &str) -> Option<regex::Captures<'_>> {
    let r = skip_blanks(after);
    let r = skip_blanks(r.strip_prefix('-').unwrap_or(r));
    if !r.starts_with('%') && !may_start_with(r, PERCENT_WORDS) {
        return None;
    }
    PERCENT_AFTER_RE.captures(after)
}

/// [`SCALE_AFTER_RE`] on `after`, skipping the search unless the blanks lead to a character that can
/// start one of [`SCALE_WORDS`] or [`SCALE_ABBREVIATIONS`].
fn scale_after(after: &str) -> Option<regex::Captures<'_>> {
    let r = skip_blanks(after);
    if !may_start_with(r, SCALE_WORDS) && !may_start_with(r, SCALE_ABBREVIATIONS) {
        return None;
    }
    let c = SCALE_AFTER_RE.captures(after)?;
    // "m²" is square metres, not million.
    (!after[c.get(0).unwrap().end()..].starts_with(['²', '³'])).then_some(c)
}

/// [`DURATION_AFTER_RE`] on `after`, skipping the search unless a dash or blanks lead to a word that can
/// start one of [`TIME_UNITS`].
fn duration_after(after: &str) -> Option<regex::Captures<'_>> {
    let r = match after.strip_prefix('-') {
        Some(r) => r,
        None => {
            let r = skip_blanks(after);
            if r.len() == after.len() {
                return None;
            }
            r
        }
    };
    if !may_start_with(r, TIME_UNITS) && !may_start_with(r, TIME_UNIT_WORDS) {
        return None;
    }
    DURATION_AFTER_RE.captures(after)
}

/// [`RANGE_AFTER_RE`] on `after`, skipping the search unless one of [`RANGE_JOINERS`] can follow the
/// blanks.
fn range_after(after: &str) -> Option<regex::Captures<'_>> {
    if !may_start_with(skip_blanks(after), &RANGE_JOINERS) {
        return None;
    }
    RANGE_AFTER_RE.captures(after)
}

/// "against the dollar", "per US dollar", "to the dollar" after a bare figure: an exchange rate.
static PER_DOLLAR_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s--\n]+(?:against|per|to)[\s--\n]+(?:the[\s--\n]+|a[\s--\n]+)?(?:US[\s--\n]+|U\.S\.[\s--\n]+)?(?:dollar|greenback)(?-u:\b)").unwrap()
});

static VAGUE_MONEY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s--\n]+of[\s--\n]+(?:(thousands|millions|billions|lakhs|crores)[\s--\n]+of[\s--\n]+)?(rupees|dollars|euros|pounds)(?-u:\b)").unwrap()
});

/// The rest of a score after its first number ("3-1 win", "2-0 victory").
static SCORE_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^-\d{1,2}[\s--\n]+(?:win|victory|defeat|loss|draw|lead|scoreline|margin)(?-u:\b)",
    )
    .unwrap()
});

/// A name and a comma before a number set off by commas: the number is the named person's age.
static AGE_APPOSITION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)\p{Lu}[\p{Ll}'’-]+,[ \u{a0}]$|(?-u:\b)(?i:the|a|an|his|her|their)\s+(?:\p{Ll}[\p{Ll}-]*\s+)?\p{Ll}[\p{Ll}-]+,[ \u{a0}]$").unwrap()
});

static NAME_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?-u:\b)(?:Section|Sections|section|sections|sub-section|subsection|clause|clauses|article|articles|Article|Articles|Clause|Rule|Rules|Order|Chapter|Act|Sector|Block|Phase|Street|Road|Gate|Flight|Boeing|Airbus|Model|Vision|Room|Ward|Form|Schedule|Part|Item|Annex|Resolution|Regulation|Ordinance|Paragraph|Para|Page|Case|Cases|FIR|Number|No|Nos|Plot|House|Tower|Towers|Building|Lane|Avenue|Hall|Camp|Barrack|Pocket|Rescue|Helpline|helpline|Hotline|hotline|Dial|dial|Extension|Ext|Level|Grade|BPS|Scale|Channel|Route|Highway|Motorway|Platform|Bay|Terminal|Unit|Squadron|Division|Corps|Brigade|Battalion|Region|Zone|Category|Stage|Round|Match|Game|Week|Day|Year|Term|Batch|Class|Standard|Ranked|ranked|ranks|rank|ranking|No\.|Top|top|Tier|Version|Series|Mark|Type|Pakistan[\s--\n]+Penal[\s--\n]+Code|PPC|CrPC|Cr\.?P\.?C)\.?|(?-u:\b)(?i:case|cases|FIR|reference|petition|appeal|registration)[\s--\n]+(?:nos?|numbers?)\.?|(?-u:\b)(?i:emergency|helpline|hotline)[\s--\n]+(?:service|number|line)|(?-u:\b)(?:calling|dialling|dialing)|#)[\s--\n]*$").unwrap()
});

/// Whether a figure is part of a vehicle's number written after its label, with only capitalised words
/// between ("bearing the registration number Dhaka Metro-Cha 15-4827"). `before` ends where the figure
/// starts.
fn in_plate_number(before: &str) -> bool {
    let before = tail_at(before, before.len(), 48).1;
    // Most figures have neither label before them: a plain byte search first.
    if !before
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"late") || w.eq_ignore_ascii_case(b"stra"))
    {
        return false;
    }
    let lower = before.to_ascii_lowercase();
    [
        "registration number",
        "registration no",
        "number plate",
        "plate number",
    ]
    .iter()
    .filter_map(|l| lower.rfind(l).map(|i| i + l.len()))
    .max()
    .is_some_and(|at| {
        before[at..]
            .trim_start_matches('.')
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
    })
}

/// Whether a figure stands in parentheses that hold a code rather than a quantity: capitalised words
/// and numbers only, two or more of the words, none a currency ("a bus (Ko 1 Kha 4521)"; not "(Rs 500)"
/// nor "(PTA 2,500 sites)"). `before` ends where the figure starts; `after` starts where it ends.
fn in_code_parens(before: &str, after: &str) -> bool {
    // Both sides within 30 bytes of the figure: no search through the whole text before it.
    let (before, after) = (tail_at(before, before.len(), 32).1, head(after, 0, 32));
    let (Some(open), Some(close)) = (before.rfind('('), after.find(')')) else {
        return false;
    };
    let (inside_before, inside_after) = (&before[open + 1..], &after[..close]);
    if inside_before.contains(')') {
        return false;
    }
    let words = || {
        inside_before
            .split_whitespace()
            .chain(inside_after.split_whitespace())
    };
    words().all(|w| {
        w.bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
            || w.starts_with(|c: char| c.is_uppercase())
    }) && words()
        .filter(|w| w.starts_with(|c: char| c.is_alphabetic()))
        .count()
        >= 2
        && !words().any(|w| {
            CURRENCY_WORDS_BEFORE.contains(&w)
                || CURRENCY_SYMBOLS_BEFORE.iter().any(|c| w.contains(c))
        })
}

/// The later numbers of a list of sections, articles or clauses ("Sections 302 and 324", "Articles 62, 63
/// and 184(3)").
static NAME_LIST_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Sections?|Articles?|Clauses?|Rules?|Paragraphs?|Paras?|Nos?\.?|(?i:case|FIR)[\s--\n]+nos?\.?|Items?|Schedules?)[\s--\n]+(?:\d+[A-Za-z]?(?:\(\d+\))*(?:[\s--\n]*,[\s--\n]*|[\s--\n]+(?:and|or|to|&|read[\s--\n]+with)[\s--\n]+|[\s--\n]*,[\s--\n]*and[\s--\n]+))+$").unwrap()
});

static SPELLED_NOUN_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    // After a spelled number, the next word should be a plural noun (perhaps one that is the same in the
    // singular: "aircraft", "cattle") or one or two adjectives ("A330", "wide-body") and a noun, or "of".
    Regex::new(r"(?i)^[[\s--\n]-]+(?:of(?-u:\b)|(?:[a-z0-9][a-z0-9'’-]+[\s--\n]+){0,2}(?:[a-z][a-z'’-]*s|aircraft|cattle|livestock|sheep|fish)(?-u:\b)|people(?-u:\b)|[a-z]*men(?-u:\b)|children(?-u:\b)|police(?-u:\b)|personnel(?-u:\b)|staff(?-u:\b)|(?:more|others|times|each|percent|per[\s--\n]+cent|million|billion|thousand|lakh|crore|years?|months?|weeks?|days?|hours?|minutes?))").unwrap()
});

fn vague_lower(term: &str) -> Option<f64> {
    let t = term.to_ascii_lowercase();
    let t: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match t.as_str() {
        "dozens" => 24.0,
        "scores" => 40.0,
        "hundreds" => 200.0,
        "thousands" => 2000.0,
        "tens of thousands" => 20000.0,
        "hundreds of thousands" => 200000.0,
        "millions" => 2e6,
        "billions" => 2e9,
        "lakhs" => 2e5,
        "crores" => 2e7,
        _ => {
            let (mult, unit) = if let Some(u) = t.strip_prefix("several ") {
                (3.0, u)
            } else if let Some(u) = t.strip_prefix("a few ") {
                (2.0, u)
            } else {
                return None;
            };
            let base = if unit == "dozen" {
                12.0
            } else {
                scale_value(unit).or((unit == "hundred").then_some(100.0))?
            };
            mult * base
        }
    })
}

fn currency_of_token(tok: &str, ctx: &QtyContext) -> (Option<String>, bool) {
    let t = tok.trim_end_matches('.');
    let lower = t.to_ascii_lowercase();
    let fixed = match t {
        "PKR" | "₨" => Some("PKR"),
        "INR" | "₹" => Some("INR"),
        "USD" | "US$" => Some("USD"),
        "EUR" | "€" => Some("EUR"),
        "GBP" | "£" => Some("GBP"),
        "AED" | "Dh" | "Dhs" => Some("AED"),
        "SAR" | "SR" => Some("SAR"),
        "BDT" | "Tk" => Some("BDT"),
        "C$" | "CAD" => Some("CAD"),
        "A$" | "AUD" => Some("AUD"),
        "CNY" | "RMB" => Some("CNY"),
        "JPY" | "¥" => Some("JPY"),
        "LKR" | "NPR" | "AFN" | "CHF" | "QAR" | "KWD" | "OMR" | "BHD" | "SGD" | "MYR" => None,
        _ => None,
    };
    if let Some(f) = fixed {
        return (Some(f.to_string()), false);
    }
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_uppercase()) {
        return (Some(t.to_string()), false);
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let last = words.last().copied().unwrap_or("");
    let qualifier = if words.len() > 1 { words[0] } else { "" };
    match last.trim_end_matches('s') {
        // A paisa is a hundredth of the rupee of the article's country (the figure is divided where
        // it is read).
        "rupee" | "rs" | "re" | "paisa" | "paise" => match qualifier {
            "pakistani" => (Some("PKR".into()), false),
            "indian" => (Some("INR".into()), false),
            "sri" => (Some("LKR".into()), false),
            "nepalese" | "nepali" => (Some("NPR".into()), false),
            _ => (ctx.rupee.map(str::to_string), true),
        },
        "dollar" | "$" => match qualifier {
            "us" | "american" => (Some("USD".into()), false),
            _ => (Some("USD".into()), true),
        },
        "euro" => (Some("EUR".into()), false),
        "pound" => (Some("GBP".into()), true),
        "dirham" => (Some("AED".into()), true),
        "riyal" => (Some("SAR".into()), true),
        "taka" => (Some("BDT".into()), false),
        "yuan" => (Some("CNY".into()), false),
        "yen" => (Some("JPY".into()), false),
        "afghani" => (Some("AFN".into()), false),
        _ if t == "$" => (Some("USD".into()), true),
        _ if t == "Rs" || t == "Re" => (ctx.rupee.map(str::to_string), true),
        _ => (None, false),
    }
}

fn duration_unit(w: &str) -> (&'static str, &'static str) {
    let l = w.to_ascii_lowercase();
    match l.trim_end_matches('s') {
        "year" => ("year", "Y"),
        "month" => ("month", "M"),
        "week" => ("week", "W"),
        "day" => ("day", "D"),
        "hour" | "hr" => ("hour", "H"),
        "minute" | "min" => ("minute", "M"),
        "decade" => ("year", "Y"),
        _ => ("day", "D"),
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v}");
        s
    }
}

/// Words of a fall ("fell", "down", "cut").
pub(crate) const DECREASE: &[&str] = &[
    "down",
    "fell",
    "fallen",
    "shrunk",
    "fall",
    "falls",
    "falling",
    "dropped",
    "drop",
    "drops",
    "decline",
    "declined",
    "declines",
    "decrease",
    "decreased",
    "reduction",
    "reduced",
    "cut",
    "cuts",
    "slashes",
    "slashed",
    "reduces",
    "lowers",
    "lowered",
    "lower",
    "plunged",
    "plunge",
    "slumped",
    "slump",
    "shrank",
    "contracted",
    "contraction",
    "slid",
    "dipped",
    "dip",
    "eased",
    "lowered",
    "slashed",
];
/// Words of a rise ("rose", "up", "grew").
pub(crate) const INCREASE: &[&str] = &[
    "up",
    "rose",
    "rise",
    "rises",
    "rising",
    "increase",
    "increased",
    "increases",
    "grew",
    "grown",
    "risen",
    "growth",
    "jump",
    "jumped",
    "surge",
    "surged",
    "higher",
    "climbed",
    "gain",
    "gained",
    "hike",
    "hiked",
    "soared",
    "spiked",
    "raised",
    "spike",
    "rebound",
    "expanded",
    "expansion",
    "hikes",
    "raises",
    "raise",
    "jumps",
    "climbs",
    "soars",
    "surges",
    "grows",
];

fn direction_near(before: &str, after: &str, kind: QuantityKind, by_before: bool) -> Direction {
    if kind != QuantityKind::Percent && !by_before {
        return Direction::None;
    }
    let lastw: Vec<String> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let mut nextw: Vec<String> = after
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2)
        .map(|w| w.to_ascii_lowercase())
        .collect();
    // A word before "than" in an aside compares the figure with another ("41.2 percent, lower than the
    // 47.9pc"): it names no change, where "3 percent higher than a year earlier" does.
    if after.trim_start().starts_with(',') && nextw.get(1).is_some_and(|w| w == "than") {
        nextw.clear();
    }
    nextw.truncate(1);
    // The level a change started from is no change ("up from 3.1 per cent", "fell from nearly 40").
    // Nor is the level it reached ("eased to 4.1 per cent", "will rise to 20 percent"; not the
    // modifier "up to").
    let lead = lastw.iter().position(|w| {
        !matches!(
            w.as_str(),
            "nearly" | "almost" | "about" | "around" | "roughly" | "some" | "just" | "over"
        )
    });
    if let Some(i) = lead {
        if lastw[i] == "from" || lastw[i] == "to" && lastw.get(i + 1).is_none_or(|w| w != "up") {
            return Direction::None;
        }
    }
    // Clause boundaries stop the search.
    let before_clause = before
        .rsplit([',', ';', ':', '.', '('])
        .next()
        .unwrap_or("");
    for (k, w) in nextw.iter().chain(lastw.iter()).enumerate() {
        if !before_clause.to_ascii_lowercase().contains(w.as_str()) && !nextw.contains(w) {
            continue;
        }
        // `lastw` runs backwards: the word written after `lastw[j]` is `lastw[j - 1]`.
        if let Some(j) = k.checked_sub(nextw.len()) {
            if j > 0 && lastw[j - 1] == "than" {
                continue;
            }
        }
        if DECREASE.contains(&w.as_str()) {
            return Direction::Decrease;
        }
        if INCREASE.contains(&w.as_str()) {
            return Direction::Increase;
        }
    }
    Direction::None
}

/// A blank quantity of a kind.
pub fn quantity(kind: QuantityKind, amount: Option<f64>, modifier: QuantityModifier) -> Quantity {
    let (lo, hi) = bounds(modifier, amount, amount);
    Quantity {
        kind,
        amount,
        modifier,
        lower_bound: lo,
        upper_bound: hi,
        unit: None,
        unit_text: None,
        unit_inferred: false,
        duration_iso8601: None,
        direction: Direction::None,
        vague_term: None,
        text: CompactString::default(),
    }
}

fn bounds(m: QuantityModifier, lo: Option<f64>, hi: Option<f64>) -> (Option<f64>, Option<f64>) {
    match m {
        QuantityModifier::Exact => (lo, lo),
        QuantityModifier::Approximately => (None, None),
        QuantityModifier::MoreThan | QuantityModifier::AtLeast => (lo, None),
        QuantityModifier::LessThan | QuantityModifier::AtMost => (None, lo),
        QuantityModifier::Range => (lo, hi),
        QuantityModifier::Vague => (lo, None),
    }
}

fn modifier_of(phrase: &str) -> QuantityModifier {
    let p: String = phrase
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match p.as_str() {
        "just over" | "well over" | "more than" | "over" | "above" | "in excess of"
        | "upwards of" | "exceeding" => QuantityModifier::MoreThan,
        "at least" | "no less than" | "no fewer than" | "not less than" | "a minimum of"
        | "minimum of" | "at or above" | "at or over" => QuantityModifier::AtLeast,
        "at or below" | "at or under" => QuantityModifier::AtMost,
        "just under" | "less than" | "fewer than" | "under" | "below" => QuantityModifier::LessThan,
        "up to" | "as many as" | "as much as" | "as high as" | "as long as" | "at most"
        | "no more than" | "not more than" | "a maximum of" | "maximum of" | "within" => {
            QuantityModifier::AtMost
        }
        _ => QuantityModifier::Approximately,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Finds the quantities in `view`, skipping any that overlap a `masked` range (time expressions).
/// A fraction of a whole ("nearly half of the 1,200 employees", "a third of", "two-thirds of"): the
/// count of parts (group 1 or 3) and the part (group 2 or 4), or "half" alone (group 5), before "of".
static FRACTION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(one|two|three|four|five|nine)(?:[\s--\n]|-)(halves|thirds?|quarters?|fifths?|tenths?)|(a|one)[\s--\n]+(third|quarter|fifth|tenth)|(half))[\s--\n]+of(?-u:\b)")
        .unwrap()
});

/// The fractions of wholes in `view` ([`FRACTION_RE`]), as ratios, with their modifiers ("nearly
/// half of": about 0.5). "The first half of the year" and "the second quarter of" are times, and
/// a share named by a noun before "of" is no fraction.
fn find_fractions(view: &str, masked: &[(usize, usize)]) -> Vec<QtyMatch> {
    let mut out = Vec::new();
    // Most text names no part: its words are looked for before the grammar runs.
    static PARTS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["half", "halves", "third", "quarter", "fifth", "tenth"])
            .unwrap()
    });
    if !PARTS.is_match(view) {
        return out;
    }
    // The span alone is found by the fast engines; the groups are asked for only of a match.
    for m in FRACTION_RE.find_iter(view) {
        if masked.iter().any(|&(s, e)| m.start() < e && s < m.end()) {
            continue;
        }
        let Some(c) = FRACTION_RE.captures_at(view, m.start()) else {
            continue;
        };
        let (count, part) = match (c.get(1).or(c.get(3)), c.get(2).or(c.get(4))) {
            (Some(n), Some(p)) => (n.as_str(), p.as_str()),
            _ => ("one", "half"),
        };
        let (_, before) = tail_at(view, m.start(), 96);
        let last = before
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if [
            "first", "second", "third", "fourth", "last", "latter", "former", "the", "this",
            "that", "each", "every",
        ]
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w))
        {
            continue;
        }
        let n = if count.eq_ignore_ascii_case("a") {
            1.0
        } else {
            parse_number_words(&count.to_ascii_lowercase()).unwrap_or(1.0)
        };
        let lp = part.to_ascii_lowercase();
        let denominator = match lp.trim_end_matches('s') {
            "half" | "halve" => 2.0,
            "third" => 3.0,
            "quarter" => 4.0,
            "fifth" => 5.0,
            _ => 10.0,
        };
        if n >= denominator {
            continue;
        }
        let end = m.end() - 2;
        let end = view[..end].trim_end().len();
        let mut start = m.start();
        let mut modifier = QuantityModifier::Exact;
        if let Some(md) = modifier_before(before) {
            let w = md.get(1).unwrap();
            let md = modifier_of(w.as_str());
            if md != QuantityModifier::Exact && md != QuantityModifier::Range {
                modifier = md;
                start = m.start() - before.len() + w.start();
            }
        }
        let mut value = quantity(QuantityKind::Ratio, Some(n / denominator), modifier);
        value.unit_text = Some(view[m.start()..end].into());
        out.push(QtyMatch { start, end, value });
    }
    out
}

pub fn find_quantities(view: &str, masked: &[(usize, usize)], ctx: &QtyContext) -> Vec<QtyMatch> {
    let fractions = find_fractions(view, masked);
    if !fractions.is_empty() {
        // The figures are read around the fractions, then all in text order.
        let mut around: Vec<(usize, usize)> = masked.to_vec();
        around.extend(fractions.iter().map(|q| (q.start, q.end)));
        let mut out = figures(view, &around, ctx);
        out.extend(fractions);
        out.sort_by_key(|q| q.start);
        return out;
    }
    figures(view, masked, ctx)
}

/// The quantities of [`find_quantities`] but fractions.
fn figures(view: &str, masked: &[(usize, usize)], ctx: &QtyContext) -> Vec<QtyMatch> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    while pos < view.len() {
        // The span alone is found by the fast engines; the groups are asked for only when the match
        // is not a figure in digits, the common case.
        let Some(m) = CORE_RE.find_at(view, pos) else {
            break;
        };
        pos = m.end();
        if masked.iter().any(|&(s, e)| m.start() < e && s < m.end()) {
            continue;
        }
        let group = if m.as_str().as_bytes()[0].is_ascii_digit() {
            DIG
        } else {
            // The same search from the match's start finds the same match, now with its groups.
            CORE_RE
                .captures_at(view, m.start())
                .and_then(|caps| (DIG..=AMIL).find(|&g| caps.get(g).is_some()))
                .unwrap_or(DIG)
        };
        let caps = CoreMatch { m, group };
        if let Some(q) = build(view, &caps, masked, ctx) {
            pos = pos.max(q.end);
            out.push(q);
        }
    }
    out
}

/// A match of [`CORE_RE`] and the group that matched it; each of its alternatives is one group that
/// spans the whole match.
#[derive(Clone, Copy)]
struct CoreMatch<'h> {
    m: regex::Match<'h>,
    group: usize,
}

impl<'h> CoreMatch<'h> {
    /// The match when it is that of group `g`, as `Captures::get` gives it.
    fn get(&self, g: usize) -> Option<regex::Match<'h>> {
        (g == 0 || g == self.group).then_some(self.m)
    }
}

/// What a figure counts, as [`build`] reads it: its kind and unit, the unit as written, whether the
/// unit was inferred (an ambiguous currency sign) and, for a length of time, its ISO 8601 form.
struct Counted {
    kind: QuantityKind,
    unit: Option<String>,
    text: Option<String>,
    inferred: bool,
    duration_iso: Option<String>,
}

impl Default for Counted {
    /// A count: no unit.
    fn default() -> Self {
        Counted {
            kind: QuantityKind::Count,
            unit: None,
            text: None,
            inferred: false,
            duration_iso: None,
        }
    }
}

impl Counted {
    /// Counts in `u`, a unit written after a figure whose value (in that unit) is `value`; an earlier
    /// unit's inferred flag stands unless `u` is a currency.
    fn take(&mut self, u: UnitAfter<'_>, value: f64) {
        match u {
            UnitAfter::Percent { kind, unit, text } => {
                self.kind = kind;
                self.unit = Some(unit.to_string());
                self.text = Some(text.to_string());
            }
            UnitAfter::Money {
                unit,
                inferred,
                text,
                ..
            } => {
                self.kind = QuantityKind::Money;
                self.inferred = inferred && unit.is_some();
                self.unit = unit;
                self.text = Some(text.to_string());
            }
            UnitAfter::Duration {
                unit, letter, text, ..
            } => {
                self.kind = QuantityKind::Duration;
                let t = if matches!(unit, "hour" | "minute") {
                    "T"
                } else {
                    ""
                };
                self.duration_iso = Some(format!("P{t}{}{letter}", fmt_num(value)));
                self.unit = Some(unit.to_string());
                self.text = Some(text.to_string());
            }
            UnitAfter::Measure { unit, text } => {
                self.kind = QuantityKind::Other;
                self.unit = Some(unit.to_string());
                self.text = Some(text.to_string());
            }
        }
    }
}

/// A unit written right after a figure, as [`unit_after`] reads it.
enum UnitAfter<'a> {
    /// A percent sign or word ("%", "per cent", "percentage points", "basis points"), of `kind`.
    Percent {
        kind: QuantityKind,
        unit: &'static str,
        text: &'a str,
    },
    /// A currency word or code ("rupees", "US dollars", "PKR"); `hundredth` for paisa, a hundredth of
    /// a rupee.
    Money {
        unit: Option<String>,
        inferred: bool,
        text: &'a str,
        hundredth: bool,
    },
    /// A unit of time ("days", "working days", "decades"), with the letter of its ISO 8601 form;
    /// `decade` when it is counted in tens of years.
    Duration {
        unit: &'static str,
        letter: &'static str,
        text: &'a str,
        decade: bool,
    },
    /// A unit of measure ("kilometres", "MW", "°C").
    Measure { unit: &'static str, text: &'a str },
}

impl UnitAfter<'_> {
    /// `v` as counted in this unit: paisa are a hundredth of a rupee, a decade is ten years.
    fn rescale(&self, v: f64) -> f64 {
        match self {
            UnitAfter::Money {
                hundredth: true, ..
            } => v / 100.0,
            UnitAfter::Duration { decade: true, .. } => v * 10.0,
            _ => v,
        }
    }
}

/// The unit written right after the figure at `start..at` of `view`, and how many bytes after `at` it
/// ends: a percent, a currency, a unit of time or one of measure, tried in that order.
fn unit_after<'a>(
    view: &'a str,
    start: usize,
    at: usize,
    ctx: &QtyContext,
) -> Option<(UnitAfter<'a>, usize)> {
    let after = head(view, at, 160);
    if let Some(p) = percent_after(after) {
        let text = p.get(1).or_else(|| p.get(2)).unwrap().as_str();
        let (kind, unit) = percent_unit(text);
        return Some((
            UnitAfter::Percent { kind, unit, text },
            p.get(0).unwrap().end(),
        ));
    }
    if let Some(c) = CURRENCY_AFTER_RE.captures(after) {
        let text = c.get(1).unwrap().as_str();
        let (unit, inferred) = currency_of_token(text, ctx);
        let hundredth = starts_with_ci(text, "pais");
        let u = UnitAfter::Money {
            unit,
            inferred,
            text,
            hundredth,
        };
        return Some((u, c.get(0).unwrap().end()));
    }
    if let Some(d) = duration_after(after) {
        let text = d.get(1).unwrap().as_str();
        let (unit, letter) = duration_unit(text);
        let decade = starts_with_ci(text, "decade");
        let u = UnitAfter::Duration {
            unit,
            letter,
            text,
            decade,
        };
        return Some((u, d.get(0).unwrap().end()));
    }
    let ms = measure_at(view, start, at)?;
    let u = UnitAfter::Measure {
        unit: ms.unit,
        text: &after[ms.text.0..ms.text.1],
    };
    Some((u, ms.end))
}

fn build(
    view: &str,
    caps: &CoreMatch,
    masked: &[(usize, usize)],
    ctx: &QtyContext,
) -> Option<QtyMatch> {
    let m = caps.get(0).unwrap();
    let (mut start, mut end) = (m.start(), m.end());
    let (_, before_all) = tail_at(view, start, 96);
    let prev_char = before_all.chars().next_back();
    let next_char = head(view, end, 160).chars().next();
    let mut vague_term = None;
    let mut spelled = false;
    let mut value: f64;
    // The currency token before a figure in digits, looked up once for both of its uses: (the figure's
    // start, the match).
    let mut digit_currency = None;

    // Ages ("aged between 15 and 40", "over the age of 60") describe people, they are not counts.
    if vague_term_free(caps) && AGE_BEFORE_RE.is_match(before_all) {
        return None;
    }

    // A ratio ("one in four", "three out of every 10") is one quantity from its first figure to its
    // second, valued as their quotient; neither figure is a count. A ratio over one, or whose first
    // figure names something ("ranked 3 out of 10"), is no quantity at all.
    let mut ratio = None;
    if vague_term_free(caps) {
        match ratio_side(before_all, m.as_str(), head(view, end, 160)) {
            None => {}
            Some(RatioSide::Second) => return None,
            Some(RatioSide::First {
                denominator,
                end: len,
            }) => {
                let numerator = match caps.get(DIG) {
                    Some(d) => parse_digits(d.as_str()),
                    None => parse_number_words(m.as_str()),
                }?;
                let glued = prev_char.is_some_and(|c| is_word_char(c) || "-/.:#(".contains(c));
                if glued
                    || NAME_BEFORE_RE.is_match(before_all)
                    || NAME_LIST_BEFORE_RE.is_match(before_all)
                    || denominator <= 0.0
                    || numerator > denominator
                {
                    return None;
                }
                ratio = Some(numerator / denominator);
                end += len;
            }
        }
    }

    // The whole a part is counted in ("35 of the country's 77 districts") is background to the part's
    // claim, not a claim of its own.
    if ratio.is_none()
        && vague_term_free(caps)
        && (whole_of_part(before_all, m.as_str())
            || whole_before_parts(before_all, head(view, end, 80)))
    {
        return None;
    }

    if let Some(r) = ratio {
        value = r;
    } else if let Some(d) = caps.get(DIG) {
        let s = d.as_str();
        // Glued to letters: allowed only after a currency token ("Rs500", "US$5").
        let cur_before = currency_before(before_all);
        let cur_glued = cur_before.as_ref().and_then(|c| c.get(0));
        if let Some(pc) = prev_char {
            if is_word_char(pc) && cur_glued.is_none() {
                return None;
            }
            if pc == '-' || pc == '/' || pc == ':' || pc == '.' || pc == '#' || pc == '(' {
                // NA-120, COVID-19, 9/11, 10:30, 184(3) — but "-5" or "(5" after a space is fine.
                let pp = before_all[..before_all.len() - 1].chars().next_back();
                if pp.is_some_and(|c| c.is_alphanumeric()) {
                    return None;
                }
            }
        }
        if let Some(nc) = next_char {
            let rest = head(view, end, 160);
            if nc == ':' && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
                return None; // time
            }
            if nc == '/' && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
                return None; // date or fraction
            }
            if nc == '-' && SCORE_AFTER_RE.is_match(rest) {
                return None; // a score ("a 3-1 win")
            }
            // An age set off by commas after a name ("Shahid Iqbal, 41, a resident of").
            if nc == ','
                && cur_glued.is_none()
                && s.len() <= 3
                && !s.contains(['.', ','])
                && AGE_APPOSITION_RE.is_match(before_all)
            {
                return None;
            }
            if [
                "st ", "nd ", "rd ", "th ", "st,", "nd,", "rd,", "th,", "st.", "nd.", "rd.", "th.",
            ]
            .iter()
            .any(|o| starts_with_ci(rest, o))
                || ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|o| rest.eq_ignore_ascii_case(o))
            {
                return None; // ordinal
            }
            // A unit's number ("53 Battalion", "10 Corps").
            if [
                " Battalion",
                " Brigade",
                " Division",
                " Regiment",
                " Corps",
                " Squadron",
                " Wing",
            ]
            .iter()
            .any(|u| rest.starts_with(u))
            {
                return None;
            }
            if ["am", "pm", " am", " pm", " a.m", " p.m", " o'clock"]
                .iter()
                .any(|o| starts_with_ci(rest, o))
            {
                return None; // time of day
            }
            if nc == '-'
                && rest[1..].starts_with(|c: char| c.is_ascii_digit())
                && rest[1..].contains('-')
            {
                // phone or ID numbers: 0300-1234567, 35202-1234567-1
                let tail: String = rest[1..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '-')
                    .collect();
                if tail.contains('-') && tail.len() > 4 {
                    return None;
                }
            }
            if is_word_char(nc)
                && scale_after(rest).is_none()
                && percent_after(rest).is_none()
                && measure_after(rest).is_none()
            {
                return None; // "4G", "5th", "F16"
            }
        }
        if s.len() >= 7 && !s.contains(',') && !s.contains('.') && cur_glued.is_none() {
            return None; // long undelimited digit strings are identifiers
        }
        // The basis of a rate ("Rs4,700 per 40kg", "12 deaths per 1,000 births") is no figure.
        if NAME_BEFORE_RE.is_match(before_all)
            || NAME_LIST_BEFORE_RE.is_match(before_all)
            || in_code_parens(before_all, head(view, end, 160))
            || in_plate_number(before_all)
            || ends_with_ci(before_all, " per ")
        {
            return None;
        }
        if s.len() > 1 && s.starts_with('0') && !s.starts_with("0.") {
            return None; // phone numbers, codes
        }
        value = parse_digits(s)?;
        digit_currency = Some((start, cur_before));
    } else if let Some(w) = caps.get(WORD) {
        let s = w.as_str();
        let lw = s.to_ascii_lowercase();
        let measure = measure_at(view, start, end).is_some();
        if prev_char.is_some_and(|c| c == '-')
            || ratio.is_none()
                && next_char.is_some_and(|c| c == '-')
                && !head(view, end, 160).starts_with("-year")
                && !head(view, end, 160).starts_with("-day")
                && !head(view, end, 160).starts_with("-month")
                && !head(view, end, 160).starts_with("-week")
                && !head(view, end, 160).starts_with("-hour")
                && !measure
        {
            return None; // "one-off", "two-thirds", "five-member"
        }
        let single = !lw.contains(' ') && !lw.contains('-');
        if single && (lw == "one" || lw == "zero" || lw == "hundred") {
            // "one of the", "no one", "zero-tolerance"; a lone "hundred" is not a figure. "one metre"
            // and "zero degrees" are measures.
            if lw == "hundred" || !measure {
                scale_after(head(view, end, 160))?;
            }
        }
        // A rank ("the top three source markets"), as "top 10" is by [`NAME_BEFORE_RE`].
        if before_all
            .split_whitespace()
            .next_back()
            .is_some_and(|w| ["top", "ranked"].iter().any(|r| w.eq_ignore_ascii_case(r)))
        {
            return None;
        }
        if lw == "dozen" || lw.starts_with("dozen") {
            // "a dozen", "half a dozen"
            if before_all.to_ascii_lowercase().ends_with("half a ") {
                start -= 7;
                value = 6.0;
            } else if before_all.to_ascii_lowercase().ends_with("a ")
                && before_all[..before_all.len() - 2].ends_with(|c: char| !c.is_alphanumeric())
            {
                start -= 2;
                value = 12.0;
            } else {
                return None;
            }
        } else {
            value = parse_number_words(s)?;
            if !SPELLED_NOUN_AFTER_RE.is_match(head(view, end, 160))
                && scale_after(head(view, end, 160)).is_none()
                && !measure
                && !spelled_subject(before_all, head(view, end, 160))
            {
                return None;
            }
        }
        // The first word must not be capitalised mid-sentence as part of a name ("Five Star", "Seven Up").
        spelled = true;
    } else if let Some(v) = caps.get(VAGUE) {
        let s = v.as_str();
        let lower = vague_lower(s)?;
        vague_term = Some(s.to_string());
        value = lower;
        // "thousands of rupees" is money; handled by the unit pass below.
    } else {
        let s = caps.get(AMIL).unwrap().as_str().to_ascii_lowercase();
        let scale = scale_value(s.split_whitespace().last().unwrap_or(""))?;
        value = if s.starts_with("half") {
            scale / 2.0
        } else {
            scale
        };
    }

    // Scale word.
    let mut scale_text = None;
    if vague_term.is_none() && ratio.is_none() {
        if let Some(sc) = scale_after(head(view, end, 160)) {
            let word = sc.get(1).or_else(|| sc.get(2)).unwrap().as_str();
            let glued_letter = sc.get(2).is_some();
            // m/b/k only glued to digits or after a currency token.
            if !glued_letter || caps.get(DIG).is_some() {
                if let Some(mut f) = scale_value(word) {
                    end += sc.get(0).unwrap().end();
                    scale_text = Some(word.to_string());
                    if let Some((f2, len)) = compound_crore(word, head(view, end, 160)) {
                        // One factor, so that 2.3 lakh crore is 2.3e12 without rounding noise.
                        f *= f2;
                        end += len;
                    }
                    value = scaled(value, f);
                }
            }
        }
    }
    let _ = spelled;

    // What the figure counts: a count until a unit says otherwise.
    let mut counted = Counted::default();
    if ratio.is_some() {
        counted.kind = QuantityKind::Ratio;
        counted.text = Some(view[start..end].to_string());
    }

    // Currency before.
    let mut cur_start = start;
    if vague_term.is_none() && ratio.is_none() {
        let (bofs, before) = tail_at(view, start, 96);
        let found = match digit_currency {
            Some((s, c)) if s == start => c,
            _ => currency_before(before),
        };
        if let Some(c) = found {
            let tok = c.get(1).or_else(|| c.get(2)).unwrap().as_str();
            let (u, inf) = currency_of_token(tok, ctx);
            counted.kind = QuantityKind::Money;
            counted.unit = u;
            counted.inferred = inf && counted.unit.is_some();
            counted.text = Some(tok.trim_end_matches('.').to_string());
            cur_start = bofs + c.get(0).unwrap().start();
        }
    }
    if counted.kind == QuantityKind::Count {
        let after = head(view, end, 160);
        match unit_after(view, start, end, ctx) {
            Some((u @ (UnitAfter::Percent { .. } | UnitAfter::Money { .. }), len)) => {
                value = u.rescale(value);
                counted.take(u, value);
                end += len;
            }
            // "thousands of rupees", "hundreds of millions of rupees" (at least a hundred million).
            _ if vague_term.is_some() => {
                if let Some(c) = VAGUE_MONEY_RE.captures(after) {
                    if let Some(sc) = c.get(1) {
                        let scale = scale_value(sc.as_str().trim_end_matches(['s', 'S']))?;
                        value = scaled(value, scale);
                        end += c.get(0).unwrap().end();
                    }
                    let tok = c.get(2).unwrap().as_str();
                    let (u, inf) = currency_of_token(tok, ctx);
                    counted.kind = QuantityKind::Money;
                    counted.inferred = inf && u.is_some();
                    counted.unit = u;
                    counted.text = Some(tok.to_string());
                }
            }
            Some((u @ UnitAfter::Duration { .. }, len)) => {
                let rest = &after[len..];
                // Ages ("a 19-year-old", "35 years old") and "N years ago" or "two years earlier" (a time)
                // are not durations, nor is the span a record is measured over ("the highest monthly gap in 14 months").
                if rest.starts_with("-old")
                    || starts_with_ci(rest, " old")
                    || starts_with_ci(rest, " ago")
                    || starts_with_ci(rest, " earlier")
                    || starts_with_ci(rest, " later")
                    || superlative_in_before(tail_at(view, start, 96).1)
                    || after.starts_with('-') && spans_a_figure(rest)
                    || after.starts_with('-') && names_an_instrument(rest)
                    || window_up_to(tail_at(view, start, 96).1, rest)
                {
                    return None;
                }
                value = u.rescale(value);
                counted.take(u, value);
                end += len;
            }
            Some((u @ UnitAfter::Measure { unit, .. }, len)) => {
                // A voltage before a noun is the class of a line or a grid station ("a 132kV
                // transmission line"), not a measure claimed.
                if unit == "kilovolt"
                    && after[len..].starts_with(' ')
                    && after[len + 1..].starts_with(|c: char| c.is_alphabetic())
                {
                    return None;
                }
                // A physical measure ("1,850 kilometres of roads", "below 20 degrees").
                counted.take(u, value);
                end += len;
            }
            None => {}
        }
    }
    // An exchange rate: a bare figure against the dollar is the local currency's price of a dollar
    // ("the rupee closed at 84.92 against the dollar", "281.65 per US dollar").
    if counted.kind == QuantityKind::Count
        && counted.unit.is_none()
        && vague_term.is_none()
        && ratio.is_none()
    {
        if let Some(rupee) = ctx.rupee.filter(|_| {
            let after = head(view, end, 40);
            // A letter test first: most counts are followed by neither word.
            may_start_with(skip_blanks(after), &["against", "per", "to"])
                && PER_DOLLAR_AFTER_RE.is_match(after)
        }) {
            counted.kind = QuantityKind::Money;
            counted.unit = Some(rupee.to_string());
            counted.inferred = true;
        }
    }
    // A bare year (1900-2100) without unit or context is a date, not a count.
    if counted.kind == QuantityKind::Count && vague_term.is_none() && scale_text.is_none() {
        if let Some(d) = caps.get(DIG) {
            let s = d.as_str();
            if s.len() == 4
                && !s.contains(',')
                && ((1900.0..=2100.0).contains(&value)
                    // An older law's year ("the Stamp Act, 1899", "the Penal Code, 1860").
                    || (1800.0..1900.0).contains(&value)
                        && crate::extract::time::names_a_title(tail_at(view, start, 32).1))
            {
                return None;
            }
        }
    }
    start = start.min(cur_start);

    // Range to a second figure.
    let mut modifier = if vague_term.is_some() {
        QuantityModifier::Vague
    } else {
        QuantityModifier::Exact
    };
    let mut hi = None;
    let (mofs, before_m) = tail_at(view, start, 96);
    let before_mod = modifier_before(before_m);
    let mod_word = before_mod
        .as_ref()
        .map(|c| c.get(1).unwrap().as_str().to_ascii_lowercase());
    if vague_term.is_none() && ratio.is_none() {
        let after = head(view, end, 160);
        if let Some(r) = range_after(after) {
            let second_end = end + r.get(0).unwrap().end();
            let is_dash = r.get(1).is_some();
            let is_and = r.get(3).is_some();
            let ok = if is_and {
                mod_word.as_deref() == Some("between")
            } else if is_dash {
                !after.starts_with(' ') || after.starts_with(" - ")
            } else {
                // "to": a range unless "from X to Y" or "by X to Y" after a change verb ("rose from 10 to
                // 12 percent", "dropped by $312 million to $14.2bn": the change, then the new level).
                let by = ends_with_ci(before_m.trim_end(), " by");
                // A bare first figure whose unit comes only after the second is a range of changes
                // ("to be lowered by 100 to 150 basis points", "extended by two to three years").
                let unit_after_second = || {
                    let after2 = head(view, second_end, 160);
                    percent_after(after2).is_some()
                        || CURRENCY_AFTER_RE.is_match(after2)
                        || duration_after(after2).is_some()
                        || measure_after(after2).is_some()
                };
                let bare_by = by
                    && counted.kind == QuantityKind::Count
                    && counted.unit.is_none()
                    && r.get(4).is_none()
                    && unit_after_second();
                bare_by
                    || !((mod_word.as_deref() == Some("from") || by)
                        && change_verb_before(before_m))
            };
            // A change from a bare figure to one with a percent sign ("fell from 41 to 36 per cent"):
            // the first figure is a percent too.
            if !ok
                && !is_and
                && !is_dash
                && counted.kind == QuantityKind::Count
                && counted.unit.is_none()
            {
                if let Some(p) = percent_after(head(view, second_end, 160)) {
                    let tok = p.get(1).or_else(|| p.get(2)).unwrap().as_str();
                    let (k, u) = percent_unit(tok);
                    counted.kind = k;
                    counted.unit = Some(u.to_string());
                    counted.text = Some(tok.to_string());
                }
            }
            // A currency before the second figure makes it money: no range from a count, a percent or
            // a length of time ("grew 14.2pc to Rs1.71tr").
            let ok = ok && (r.get(4).is_none() || counted.kind == QuantityKind::Money);
            if ok && !masked.iter().any(|&(s, e)| end < e && s < second_end) {
                let t = r.get(5).unwrap().as_str();
                let mut v2 = parse_digits(t).or_else(|| parse_number_words(t))?;
                let mut e2 = second_end;
                // The first figure's value if the range holds.
                let mut lo = value;
                // Scale and unit after the second figure apply to both ("Rs1.2 to 1.5 million"), unless
                // the first already has a unit of its own that takes no scale ("rose 6pc to 1.2 million").
                let mut scale_ok = true;
                if let Some(sc) = scale_after(head(view, e2, 160)) {
                    let word = sc.get(1).or_else(|| sc.get(2)).unwrap().as_str();
                    if let Some(f) = scale_value(word) {
                        let mut f = f;
                        e2 += sc.get(0).unwrap().end();
                        if let Some((f2, len)) = compound_crore(word, head(view, e2, 160)) {
                            f *= f2;
                            e2 += len;
                        }
                        v2 = scaled(v2, f);
                        if scale_text.is_none() {
                            scale_ok =
                                matches!(counted.kind, QuantityKind::Count | QuantityKind::Money);
                            lo = scaled(lo, f);
                        }
                    }
                }
                if counted.kind == QuantityKind::Count {
                    if let Some((u, len)) = unit_after(view, start, e2, ctx) {
                        (lo, v2) = (u.rescale(lo), u.rescale(v2));
                        counted.take(u, v2);
                        e2 += len;
                    }
                } else if counted.kind == QuantityKind::Other
                    && counted.unit.as_deref() != Some("basis_point")
                {
                    // The unit said again after the second figure ("20 km to 30 km").
                    if let Some(ms) = measure_after(head(view, e2, 160)) {
                        if Some(ms.unit) == counted.unit.as_deref() {
                            e2 += ms.end;
                        }
                    }
                }
                if scale_ok && v2 > lo {
                    value = lo;
                    hi = Some(v2);
                    modifier = QuantityModifier::Range;
                    end = e2;
                }
            }
        }
    }
    if let Some(c) = &before_mod {
        let w = mod_word.clone().unwrap();
        if modifier == QuantityModifier::Range && (w == "between" || w == "from") {
            start = mofs + c.get(1).unwrap().start();
        } else if modifier == QuantityModifier::Exact && w != "between" && w != "from" {
            let md = modifier_of(&w);
            // The word before the modifier, lowercased.
            let before = tail_at(view, mofs + c.get(1).unwrap().start(), 16)
                .1
                .trim_end()
                .to_ascii_lowercase();
            let last = before
                .rsplit(|ch: char| !ch.is_alphabetic())
                .next()
                .unwrap_or("");
            // "over" before a duration means "during" ("spread over three years"), except after "for" or
            // "in" ("for over nine years", "in over two decades") and after a verb of time spent ("spent
            // over three years in custody", "lasted over two hours").
            let over_is_more = matches!(
                last,
                "for"
                    | "in"
                    | "spent"
                    | "spend"
                    | "spends"
                    | "spending"
                    | "served"
                    | "serving"
                    | "lasted"
                    | "lasting"
                    | "lasts"
                    | "waited"
                    | "languished"
                    | "took"
                    | "taken"
                    | "takes"
            );
            // "hand over 5,000 houses", "turned over 12 suspects": a verb particle, not a bound; after
            // a noun of dispute ("plea over", "row over") it means "about".
            let over_particle = w == "over" && {
                matches!(
                    last,
                    "hand"
                        | "hands"
                        | "handed"
                        | "handing"
                        | "turn"
                        | "turns"
                        | "turned"
                        | "turning"
                        // "plea over Rs1,200 crore contract", "row over 40 plots": "about".
                        | "plea"
                        | "pleas"
                        | "petition"
                        | "petitions"
                        | "row"
                        | "dispute"
                        | "disputes"
                        | "case"
                        | "protest"
                        | "protests"
                        | "clash"
                        | "clashes"
                        | "concern"
                        | "concerns"
                        | "probe"
                        | "inquiry"
                        | "outrage"
                        | "talks"
                        | "suit"
                        | "tussle"
                        | "standoff"
                        | "spat"
                        | "controversy"
                        | "uproar"
                        | "notice"
                        | "notices"
                )
            };
            let skip = (counted.kind == QuantityKind::Duration && w == "over" && !over_is_more)
                || over_particle
                || (w == "within" && counted.kind != QuantityKind::Duration);
            if !skip {
                modifier = md;
                start = mofs + c.get(1).unwrap().start();
            }
        } else if modifier == QuantityModifier::Vague {
            // "some thousands" — keep vague.
        }
    }
    // "a dozen" style spelled numbers with a leading article were handled above; vague keep lower bound.
    let amount = if modifier == QuantityModifier::Vague {
        None
    } else {
        Some(value)
    };
    let (lo, up) = match modifier {
        QuantityModifier::Vague => (Some(value), None),
        QuantityModifier::Range => (Some(value), hi),
        m => bounds(m, Some(value), Some(value)),
    };
    // The unit of a conversion ("($1 = 135.20 Nepalese rupees)") is no figure claimed.
    if head(view, end, 8).trim_start().starts_with('=') {
        return None;
    }
    let by_before = ends_with_ci(tail_at(view, start, 8).1.trim_end(), " by");
    let direction = direction_near(
        tail_at(view, start, 96).1,
        head(view, end, 160),
        counted.kind,
        by_before,
    );
    Some(QtyMatch {
        start,
        end,
        value: Quantity {
            kind: counted.kind,
            amount,
            modifier,
            lower_bound: lo,
            upper_bound: up,
            unit: counted.unit.map(Into::into),
            unit_text: counted.text.map(Into::into),
            unit_inferred: counted.inferred,
            duration_iso8601: counted.duration_iso.map(Into::into),
            direction,
            vague_term: vague_term.map(Into::into),
            text: CompactString::default(),
        },
    })
}

/// The last (at most) `n` bytes of `view[..at]`, at a char boundary, with their offset.
fn tail_at(view: &str, at: usize, n: usize) -> (usize, &str) {
    let mut s = at.saturating_sub(n);
    while !view.is_char_boundary(s) {
        s += 1;
    }
    (s, &view[s..at])
}

/// The first (at most) `n` bytes of `view[at..]`, at a char boundary.
fn head(view: &str, at: usize, n: usize) -> &str {
    let mut e = (at + n).min(view.len());
    while !view.is_char_boundary(e) {
        e -= 1;
    }
    &view[at..e]
}

/// Units of measure as written after a figure, as alternatives of [`MEASURE_AFTER_RE`]; each starts
/// with a letter, which [`measure_after`] checks before searching. A spelling that is a whole word at
/// the start of a longer one ("kilowatt" in "kilowatt hours") comes after it; one that is not ("km" in
/// "kmph") gives way at the word boundary. [`measure_unit`] names the unit.
const MEASURE_UNITS: &[&str] = &[
    r"kilowatt[\s--\n-]?hours?",
    r"megawatt[\s--\n-]?hours?",
    r"gigawatt[\s--\n-]?hours?",
    "kilomet(?:re|er)s?",
    "kms?",
    "kmph",
    "met(?:re|er)s?",
    "centimet(?:re|er)s?",
    "cm",
    "millimet(?:re|er)s?",
    "mm",
    "miles?",
    "feet",
    "foot",
    "ft",
    "inch(?:es)?",
    "yards?",
    "yds?",
    "kilograms?",
    "kilos?",
    "kgs?",
    "grams?",
    "milligrams?",
    "mg",
    "micrograms?",
    "tonnes?",
    "tons?",
    "quintals?",
    "maunds?",
    "lit(?:re|er)s?",
    "ltrs?",
    "gallons?",
    "acres?",
    "hectares?",
    "kanals?",
    "marlas?",
    "megawatts?",
    "mw",
    "gigawatts?",
    "gw",
    "kilowatts?",
    "kw",
    "kwh",
    "mwh",
    "gwh",
    "kilovolts?",
    "kv",
    "degrees?",
    "cusecs?",
    "barrels?",
    "bpd",
    "mmcfd",
    "mcf",
    "mph",
    "kph",
];

/// Words before a unit of measure ("square kilometres", "metric tons"), as alternatives of
/// [`MEASURE_AFTER_RE`]; [`measure_after`] checks their first letters too.
const MEASURE_PREFIXES: &[&str] = &["sq(?:uare)?", "cubic", "running", "metric"];

/// A unit of measure after a figure: optional blanks and a hyphen ("a 1,200-megawatt plant"), then
/// `unit` (with "square", "sq", "cubic", "running" or "metric" before it, or "km", "m" or "ft" with a
/// power sign after it: "km²", "m³"), then `rate` ("per hour",
/// "/h", "a day") and `scale` (Celsius, Fahrenheit); or a degree sign, `deg`, with its scale.
static MEASURE_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:[\s--\n]*(?:-[\s--\n]*)?(?P<unit>(?:(?:{})\.?[\s--\n]+)?(?:(?:km|m|ft)[²³]|(?:{})(?-u:\b)))(?P<rate>[\s--\n]+(?:per|an|a)[\s--\n]+(?:hour|day)(?-u:\b)|/h(?:r|our)?(?-u:\b)|[\s--\n]+per[\s--\n]+cubic[\s--\n]+met(?:re|er)(?-u:\b))?(?P<scale>[\s--\n]+(?:celsius|centigrade|fahrenheit)(?-u:\b))?|[\s--\n]?(?P<deg>°(?:[\s--\n]?[cf](?-u:\b)|[\s--\n]*(?:celsius|centigrade|fahrenheit)(?-u:\b))?|℃|℉))",
        MEASURE_PREFIXES.join("|"),
        MEASURE_UNITS.join("|")
    ))
    .unwrap()
});

/// A unit of measure found after a figure by [`measure_after`].
#[derive(Debug, Clone, Copy, PartialEq)]
struct MeasureMatch {
    /// The unit's name in the table of [`measure_unit`].
    unit: &'static str,
    /// The unit as written, in bytes of the text searched.
    text: (usize, usize),
    /// Where the unit ends, in bytes of the text searched.
    end: usize,
}

/// [`MEASURE_AFTER_RE`] on `after`, named by [`measure_unit`]; the search is skipped unless the blanks
/// and an optional hyphen lead to a degree sign or a letter that can start one of [`MEASURE_UNITS`]
/// or [`MEASURE_PREFIXES`].
fn measure_after(after: &str) -> Option<MeasureMatch> {
    let r = skip_blanks(after);
    let r = skip_blanks(r.strip_prefix('-').unwrap_or(r));
    if !r.starts_with(['°', '℃', '℉'])
        && !may_start_with(r, MEASURE_UNITS)
        && !may_start_with(r, MEASURE_PREFIXES)
    {
        return None;
    }
    let c = MEASURE_AFTER_RE.captures(after)?;
    let end = c.get(0).unwrap().end();
    if let Some(d) = c.name("deg") {
        let t = d.as_str().to_ascii_lowercase();
        let unit = match t.as_str() {
            "℃" => "degree_celsius",
            "℉" => "degree_fahrenheit",
            _ if t.ends_with('c') || t.ends_with("celsius") || t.ends_with("centigrade") => {
                "degree_celsius"
            }
            _ if t.ends_with('f') || t.ends_with("fahrenheit") => "degree_fahrenheit",
            _ => "degree",
        };
        return Some(MeasureMatch {
            unit,
            text: (d.start(), d.end()),
            end,
        });
    }
    let u = c.name("unit").unwrap();
    if after[u.end()..].starts_with(['²', '³']) {
        return None; // a power of a unit without a name here ("cm²")
    }
    let rate = c.name("rate").map(|r| r.as_str());
    let scale = c.name("scale").map(|r| r.as_str());
    let (unit, rate_used) = measure_unit(u.as_str(), rate, scale)?;
    // A rate that names no unit of its own ("12 kg a day") is left out of the quantity.
    let end = match (rate_used, c.name("rate"), c.name("scale")) {
        (false, Some(r), None) => r.start(),
        _ => end,
    };
    Some(MeasureMatch {
        unit,
        text: (u.start(), end),
        end,
    })
}

/// Words that name a debt instrument or deposit by its term ("the 10-year government bond yield", "364-day
/// bills", "12-month T-bills").
const INSTRUMENTS: &[&str] = &[
    "bond",
    "bonds",
    "bill",
    "bills",
    "t-bill",
    "t-bills",
    "treasury",
    "treasuries",
    "pib",
    "pibs",
    "sukuk",
    "yield",
    "yields",
    "securities",
    "paper",
    "papers",
    "deposit",
    "deposits",
];

/// Whether `rest`, the text after a hyphenated term ("10-year"), names a debt instrument within its
/// next three words: the term is then part of the instrument's name, not a length of time claimed.
fn names_an_instrument(rest: &str) -> bool {
    rest.split_whitespace()
        .take(3)
        .map(|w| w.trim_end_matches([',', '.', ';', ':', '’', '\'']))
        .take_while(|w| w.chars().all(|c| c.is_alphanumeric() || c == '-'))
        .any(|w| INSTRUMENTS.iter().any(|i| w.eq_ignore_ascii_case(i)))
}

/// Words that make a spelled-out "degrees" a temperature or an angle ("temperatures rose above 45
/// degrees", "the mercury touched 48 degrees", "a 180-degree turn"); without one nearby, degrees are
/// counted ("the university awarded 1,200 degrees").
static DEGREE_CONTEXT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:temperatures?|mercury|heat(?:wave)?|hot(?:ter|test)?|cold(?:er|est)?|warm(?:er|est|ing)?|cool(?:er|est|ing)?|weather|freezing|celsius|centigrade|fahrenheit|angles?|tilt(?:ed)?|rotat(?:e|ed|es|ing|ion)|turns?|latitude|longitude)(?-u:\b)",
    )
    .unwrap()
});

/// [`measure_after`] the figure at `start..end` of `view`, but a spelled-out "degrees" with no sign or
/// scale is a unit only when its sentence speaks of temperature or angles ([`DEGREE_CONTEXT_RE`]).
fn measure_at(view: &str, start: usize, end: usize) -> Option<MeasureMatch> {
    let after = head(view, end, 160);
    let m = measure_after(after)?;
    if m.unit != "degree" || !after[m.text.0..m.text.1].starts_with(['d', 'D']) {
        return Some(m);
    }
    let before = tail_at(view, start, 160).1;
    let before = before.rsplit_once(". ").map_or(before, |(_, b)| b);
    let after = after.split_once(". ").map_or(after, |(a, _)| a);
    (DEGREE_CONTEXT_RE.is_match(before) || DEGREE_CONTEXT_RE.is_match(after)).then_some(m)
}

/// The name of a unit of measure written `text` (with the `rate` and temperature `scale` written after
/// it, if any), and whether the rate is part of the unit. The names:
///
/// | name | as written |
/// |---|---|
/// | `kilometre`, `metre`, `centimetre`, `millimetre` | kilometres, km, kms, metres, meters, cm, mm |
/// | `mile`, `yard`, `foot`, `inch` | miles, yards, yd, feet, ft, inches |
/// | `square_kilometre`, `square_metre`, `square_mile`, `square_yard`, `square_foot` | square kilometres, sq km, sq ft |
/// | `cubic_metre`, `cubic_foot`, `running_metre`, `running_foot` | cubic metres, cubic feet, running feet |
/// | `kilogram`, `gram`, `milligram`, `microgram` | kilograms, kilos, kg, grams, mg, micrograms |
/// | `microgram_per_cubic_metre` | micrograms per cubic metre |
/// | `tonne`, `quintal`, `maund` | tonnes, tons, metric tons, quintals, maunds |
/// | `litre`, `gallon` | litres, liters, ltr, gallons |
/// | `acre`, `hectare`, `kanal`, `marla` | acres, hectares, kanals, marlas |
/// | `kilowatt`, `megawatt`, `gigawatt` | kW, MW, GW, megawatts |
/// | `kilowatt_hour`, `megawatt_hour`, `gigawatt_hour` | kWh, MWh, GWh, kilowatt-hours |
/// | `kilovolt` | kV, kilovolts |
/// | `degree`, `degree_celsius`, `degree_fahrenheit` | degrees, °; degrees Celsius, °C; °F |
/// | `cusec`, `barrel`, `barrel_per_day` | cusecs, barrels, bpd, barrels a day |
/// | `mmcfd`, `mcf` | mmcfd (million cubic feet a day), mcf (thousand cubic feet) |
/// | `kph`, `mph` | kph, kmph, km/h, kilometres per hour, mph, miles an hour |
fn measure_unit(
    text: &str,
    rate: Option<&str>,
    scale: Option<&str>,
) -> Option<(&'static str, bool)> {
    let lower = text.to_ascii_lowercase();
    // A power sign after a length ("km²", "m³") says what "square" or "cubic" before it would.
    let (lower, power) = match lower.strip_suffix('²') {
        Some(l) => (l, Some("square")),
        None => match lower.strip_suffix('³') {
            Some(l) => (l, Some("cubic")),
            None => (lower.as_str(), None),
        },
    };
    let mut words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '.' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let prefix = match words.first().copied() {
        _ if power.is_some() => power,
        Some("square" | "sq") if words.len() > 1 => Some("square"),
        Some("cubic") if words.len() > 1 => Some("cubic"),
        Some("running") if words.len() > 1 => Some("running"),
        Some("metric") if words.len() > 1 => Some("metric"),
        _ => None,
    };
    if prefix.is_some() && power.is_none() {
        words.remove(0);
    }
    let base = match words.join(" ").as_str() {
        "kilometre" | "kilometres" | "kilometer" | "kilometers" | "km" | "kms" => "kilometre",
        // "m" is read only with a power sign ("m²"); alone it is million.
        "metre" | "metres" | "meter" | "meters" | "m" => "metre",
        "centimetre" | "centimetres" | "centimeter" | "centimeters" | "cm" => "centimetre",
        "millimetre" | "millimetres" | "millimeter" | "millimeters" | "mm" => "millimetre",
        "mile" | "miles" => "mile",
        "yard" | "yards" | "yd" | "yds" => "yard",
        "foot" | "feet" | "ft" => "foot",
        "inch" | "inches" => "inch",
        "kilogram" | "kilograms" | "kilo" | "kilos" | "kg" | "kgs" => "kilogram",
        "gram" | "grams" => "gram",
        "milligram" | "milligrams" | "mg" => "milligram",
        "microgram" | "micrograms" => "microgram",
        "tonne" | "tonnes" | "ton" | "tons" => "tonne",
        "quintal" | "quintals" => "quintal",
        "maund" | "maunds" => "maund",
        "litre" | "litres" | "liter" | "liters" | "ltr" | "ltrs" => "litre",
        "gallon" | "gallons" => "gallon",
        "acre" | "acres" => "acre",
        "hectare" | "hectares" => "hectare",
        "kanal" | "kanals" => "kanal",
        "marla" | "marlas" => "marla",
        "kilowatt" | "kilowatts" | "kw" => "kilowatt",
        "megawatt" | "megawatts" | "mw" => "megawatt",
        "gigawatt" | "gigawatts" | "gw" => "gigawatt",
        "kwh" | "kilowatt hour" | "kilowatt hours" | "kilowatthour" | "kilowatthours" => {
            "kilowatt_hour"
        }
        "mwh" | "megawatt hour" | "megawatt hours" | "megawatthour" | "megawatthours" => {
            "megawatt_hour"
        }
        "gwh" | "gigawatt hour" | "gigawatt hours" | "gigawatthour" | "gigawatthours" => {
            "gigawatt_hour"
        }
        "kilovolt" | "kilovolts" | "kv" => "kilovolt",
        "degree" | "degrees" => match scale.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
            Some("celsius" | "centigrade") => "degree_celsius",
            Some("fahrenheit") => "degree_fahrenheit",
            _ => "degree",
        },
        "cusec" | "cusecs" => "cusec",
        "barrel" | "barrels" => "barrel",
        "bpd" => "barrel_per_day",
        "mmcfd" => "mmcfd",
        "mcf" => "mcf",
        "mph" => "mph",
        "kph" | "kmph" => "kph",
        _ => return None,
    };
    let length = matches!(
        base,
        "kilometre" | "metre" | "centimetre" | "millimetre" | "mile" | "yard" | "foot" | "inch"
    );
    let base = match prefix {
        None => base,
        Some("metric") if base == "tonne" => base,
        Some(p) if length => match (p, base) {
            ("square", "kilometre") => "square_kilometre",
            ("square", "metre") => "square_metre",
            ("square", "mile") => "square_mile",
            ("square", "yard") => "square_yard",
            ("square", "foot") => "square_foot",
            ("cubic", "metre") => "cubic_metre",
            ("cubic", "foot") => "cubic_foot",
            ("running", "metre") => "running_metre",
            ("running", "foot") => "running_foot",
            _ => return None,
        },
        Some(_) => return None,
    };
    if scale.is_some() && !base.starts_with("degree") {
        return None;
    }
    let per = rate.map(|r| {
        let r = r.to_ascii_lowercase();
        if r.ends_with("day") {
            "day"
        } else if r.ends_with("re") || r.ends_with("er") {
            "cubic_metre"
        } else {
            "hour"
        }
    });
    Some(match (base, per) {
        ("kilometre", Some("hour")) => ("kph", true),
        ("mile", Some("hour")) => ("mph", true),
        ("barrel", Some("day")) => ("barrel_per_day", true),
        // Air quality: PM2.5 in micrograms per cubic metre.
        ("microgram", Some("cubic_metre")) => ("microgram_per_cubic_metre", true),
        (b, _) => (b, false),
    })
}

static SUBJECT_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)of[\s--\n]+(?:which|whom|these|those|them),?|(?-u:\b)(?:and|while|whereas|but))[\s--\n]+$|(?:[.!?;]['’\x22”]?|^)\s+$|^$").unwrap()
});

static VERB_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s--\n]+(?:were|are|was|is|have|had|has|remain|remained|remains|died|survived|escaped|fled)(?-u:\b)").unwrap()
});

/// A spelled number standing for its noun as the subject of a verb: "of which nine were sent back",
/// "and four were injured".
fn spelled_subject(before: &str, after: &str) -> bool {
    VERB_AFTER_RE.is_match(after) && SUBJECT_BEFORE_RE.is_match(before)
}

static AGE_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:aged|ages?[\s--\n]+of|age[\s--\n]+group[\s--\n]+of)[\s--\n]+(?:(?:between|from|over|under|above|below|about|around|nearly|roughly)[\s--\n]+)?(?:(?:\d+|[a-z]+)[\s--\n]*(?:and|to|-|–)[\s--\n]*)?$").unwrap()
});

static RATIO_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\w,.])(?:one|\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)(?:[\s--\n]+|-)(?:in|out(?:[\s--\n]+|-)of)(?:[\s--\n]+|-)(?:every(?:[\s--\n]+|-))?$").unwrap()
});

/// The second figure of a ratio after the first one, as the first group; the word after it as the
/// second.
static RATIO_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\s--\n]+|-)(?:in|out(?:[\s--\n]+|-)of)(?:[\s--\n]+|-)(?:every(?:[\s--\n]+|-))?(\d+(?:,\d{3})*|(?:a[\s--\n]+)?(?:hundred|thousand)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|twenty-five|thirty|forty|fifty)(?-u:\b)[\s--\n]*([a-z]*)").unwrap()
});

fn vague_term_free(caps: &CoreMatch) -> bool {
    caps.get(DIG).is_some() || caps.get(WORD).is_some()
}

/// A part's figure and "of" before a whole's figure: "35 of the country's", "two of all". The part is
/// the first group.
static PART_OF_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^\w,.])(\d+(?:,\d{{3}})*|(?:{w})(?:-(?:{w}))?)[\s--\n]+of[\s--\n]+(?:all[\s--\n]+)?(?:(?:the|its|their|his|her|our|these|those)[\s--\n]+)?(?:\pL+['’]s[\s--\n]+)?$",
        w = NUMWORD
    ))
    .unwrap()
});

/// Whether the figure `fig` after `before` is the whole of a part counted just before it ("35 of
/// the country's 77 districts"): the part is no larger than the whole.
fn whole_of_part(before: &str, fig: &str) -> bool {
    // "of" must come within the last 40 bytes (a part's figure, "of", at most three short words).
    let tail = &before.as_bytes()[before.len().saturating_sub(40)..];
    let of_at = |p: usize| {
        p > 0
            && tail[p - 1] == b' '
            && tail[p + 1..].len() >= 2
            && tail[p + 1..p + 3].eq_ignore_ascii_case(b"f ")
    };
    // The last "of" is followed by at most three words ("of all the country's ").
    let Some(of) = memchr::memrchr2_iter(b'o', b'O', tail).find(|&p| of_at(p)) else {
        return false;
    };
    if memchr::memchr_iter(b' ', &tail[of + 2..]).count() > 4 {
        return false;
    }
    let Some(c) = PART_OF_BEFORE_RE.captures(before) else {
        return false;
    };
    let part = c.get(1).unwrap().as_str();
    let number = |t: &str| parse_digits(t).or_else(|| parse_number_words(&t.to_ascii_lowercase()));
    matches!((number(part), number(fig)), (Some(p), Some(w)) if p <= w)
}

/// Whether a figure between `before` and `after` is the whole a sentence opens with before counting
/// its parts: "Of the 31 accused, 19 have been arrested" (at most four words, a comma, a figure).
fn whole_before_parts(before: &str, after: &str) -> bool {
    let Some(head) = ["of the ", "of its ", "of their ", "of "]
        .iter()
        .find(|p| ends_with_ci(before, p))
        .map(|p| &before[..before.len() - p.len()])
    else {
        return false;
    };
    let opens = head.is_empty()
        || head.ends_with(['.', '\n', ':'])
        || head.ends_with(". ")
        || head.ends_with(": ");
    let Some((things, parts)) = after.split_once(", ") else {
        return false;
    };
    let part = parts
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    opens
        && !things.contains([',', ';', '.'])
        && things.split_whitespace().count() <= 4
        && (part.starts_with(|c: char| c.is_ascii_digit())
            || parse_number_words(&part.to_ascii_lowercase()).is_some())
}

/// Which figure of a ratio ("one in four", "three out of every 10") a figure is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum RatioSide {
    /// The first figure: the value of the second one (scaled: "one in 10 million") and where the ratio
    /// ends, in bytes of the text after the first figure.
    First { denominator: f64, end: usize },
    /// The second figure.
    Second,
}

/// Which side of a ratio the figure `fig` between `before` and `after` is, if it is one. The second
/// figure must be a plain number: not a year ("5 in 2024") and not a length of time ("5 in 10 days").
fn ratio_side(before: &str, fig: &str, after: &str) -> Option<RatioSide> {
    let plain = |n: &str, next: &str| {
        let year = n.len() == 4 && (n.starts_with("19") || n.starts_with("20"));
        let next = next.to_ascii_lowercase();
        let time_unit = DURATION_AFTER_RE.is_match(&format!(" {next}"))
            || matches!(next.as_str(), "am" | "pm" | "percent" | "per");
        !year && !time_unit
    };
    let next_word = |a: &str| -> String {
        a.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect()
    };
    if RATIO_BEFORE_RE.is_match(before) {
        return plain(fig, &next_word(after)).then_some(RatioSide::Second);
    }
    // [`RATIO_AFTER_RE`] needs blanks or a hyphen, then "in" or "out of" (no other character folds to
    // "i" or "o"): most figures are settled without the search.
    let r = after
        .strip_prefix('-')
        .unwrap_or_else(|| skip_blanks(after));
    if r.len() == after.len() || !r.starts_with(['i', 'I', 'o', 'O']) {
        return None;
    }
    let c = RATIO_AFTER_RE.captures(after)?;
    let second = c.get(1).unwrap();
    if !plain(second.as_str(), c.get(2).map_or("", |m| m.as_str())) {
        return None;
    }
    let text = second.as_str();
    let words = text
        .strip_prefix(['a', 'A'])
        .map_or(text, |t| skip_blanks(t));
    let mut denominator = parse_digits(text).or_else(|| parse_number_words(words))?;
    let mut end = second.end();
    if let Some(sc) = scale_after(&after[end..]) {
        // A scale word spelled out ("one in 10 million"); a letter glued to the figure is not one.
        if let Some(f) = sc.get(1).and_then(|w| scale_value(w.as_str())) {
            denominator = scaled(denominator, f);
            end += sc.get(0).unwrap().end();
        }
    }
    Some(RatioSide::First { denominator, end })
}

/// A second scale word after "lakh" or "thousand": "1.5 lakh crore" (1.5 × 10^12), "50 thousand crore".
/// Returns the factor and the length of the words it covers.
fn compound_crore(first: &str, after: &str) -> Option<(f64, usize)> {
    let f = first.to_ascii_lowercase();
    if !matches!(f.as_str(), "lakh" | "lakhs" | "lac" | "lacs" | "thousand") {
        return None;
    }
    let sc = scale_after(after)?;
    let w = sc.get(1)?.as_str().to_ascii_lowercase();
    matches!(w.as_str(), "crore" | "crores").then(|| (1e7, sc.get(0).unwrap().end()))
}

/// Whether a length of time between `before` and `rest` is a window up to a moment ("in the 24 hours
/// to 8am Sunday", "over the three years ending June 2025"): when figures were counted, not a claim.
fn window_up_to(before: &str, rest: &str) -> bool {
    ends_with_ci(before, " the ")
        && [
            " to ",
            " till ",
            " until ",
            " ending ",
            " ended ",
            " through ",
        ]
        .iter()
        .any(|w| starts_with_ci(rest, w))
}

/// Nouns whose span an adjective length of time gives rather than states ("its four-month tax
/// target", "a 14-month high").
const SPANNED_FIGURES: &[&str] = &[
    "target", "targets", "high", "highs", "low", "lows", "peak", "record", "average", "tally",
];

/// Whether one of [`SPANNED_FIGURES`] is within the first two words of `rest`, the text after a length
/// of time written as an adjective ("four-month").
fn spans_a_figure(rest: &str) -> bool {
    rest.split_whitespace()
        .take(2)
        .map(|w| {
            w.trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .any(|w| SPANNED_FIGURES.contains(&w.as_str()))
}

/// Whether `before` ends with "in" (or "in over", "in more than") after a superlative within six words:
/// "the highest monthly gap in", "its lowest level in more than".
fn superlative_in_before(before: &str) -> bool {
    let lower = before.trim_end().to_ascii_lowercase();
    let Some(rest) = ["in more than", "in over", "in nearly", "in almost", "in"]
        .iter()
        .find_map(|t| lower.strip_suffix(t))
    else {
        return false;
    };
    if !rest.ends_with(' ') {
        return false;
    }
    rest.split_whitespace().rev().take(6).any(|w| {
        matches!(
            w,
            "highest"
                | "lowest"
                | "biggest"
                | "largest"
                | "smallest"
                | "strongest"
                | "weakest"
                | "fastest"
                | "slowest"
                | "worst"
                | "best"
                | "first"
                | "steepest"
                | "sharpest"
        )
    })
}

fn change_verb_before(before: &str) -> bool {
    let words: Vec<String> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(4)
        .map(|w| w.to_ascii_lowercase())
        .collect();
    words.iter().any(|w| {
        DECREASE.contains(&w.as_str())
            || INCREASE.contains(&w.as_str())
            || CHANGING.contains(&w.as_str())
            || w == "went"
            || w == "changed"
    })
}

/// Change verbs in "-ing" that [`INCREASE`] and [`DECREASE`] do not list ("raising it by Rs260 to
/// Rs3,510": the change, then the new level).
const CHANGING: &[&str] = &[
    "raising",
    "hiking",
    "increasing",
    "lifting",
    "cutting",
    "reducing",
    "lowering",
    "slashing",
    "decreasing",
];

#[cfg(test)]
mod tests {
    #[test]
    fn prefilters_see_the_first_character_of_every_alternative() {
        // `may_start_with` reads each alternative's first character as a literal one.
        for alternative in (PERCENT_WORDS.iter().chain(TIME_UNITS).chain(&RANGE_JOINERS))
            .chain(SCALE_WORDS)
            .chain(SCALE_ABBREVIATIONS)
        {
            let first = alternative.chars().next().unwrap();
            assert!(first.is_alphanumeric() || first == '-', "{alternative}");
        }
        for unit in [
            "years", "months", "weeks", "days", "hours", "hrs", "minutes", "mins", "decades",
        ] {
            assert!(duration_after(&format!(" {unit} ago")).is_some(), "{unit}");
        }
        for word in [
            "%",
            " per cent",
            " percent",
            " percentage points",
            " pc",
            " pct",
            " basis points",
            " bps",
        ] {
            assert!(percent_after(word).is_some(), "{word}");
        }
        for joiner in ["-500", " to 500", " and 500"] {
            assert!(range_after(joiner).is_some(), "{joiner}");
        }
        assert!(duration_after(" apples").is_none());
        assert!(percent_after(" apples").is_none());
        assert!(range_after(" or 500").is_none());
        for word in [
            "thousand", "million", "billion", "trillion", "lakh", "lakhs", "lac", "lacs", "crore",
            "crores", "arab", "mn", "bn", "mln", "bln", "trn", "tr", "cr", "m", "b", "k", "K",
        ] {
            assert!(scale_after(&format!(" {word} more")).is_some(), "{word}");
        }
        // The Kelvin sign is "k" to the case-insensitive regex (the ASCII word boundary after it needs
        // a word character next).
        assert!(scale_after(" \u{212A}2").is_some());
        assert!(scale_after(" people").is_none());
        // The two characters outside ASCII that a `(?i)` regex matches with ASCII letters.
        for (c, ascii) in [('\u{212A}', "k"), ('\u{17F}', "s")] {
            let text = format!("{c}x");
            assert!(Regex::new(&format!("(?i)^{ascii}"))
                .unwrap()
                .is_match(&text));
            assert!(may_start_with(&text, &[ascii]), "{c}");
        }
        for after in [
            " in 10 people",
            " In 10 adults",
            " out of every 10 people",
            " OUT OF 4 voters",
        ] {
            assert!(
                matches!(ratio_side("", "3", after), Some(RatioSide::First { .. })),
                "{after}"
            );
        }
        assert_eq!(ratio_side("", "3", "in 10 people"), None);
        for unit in MEASURE_UNITS.iter().chain(MEASURE_PREFIXES) {
            let first = unit.chars().next().unwrap();
            assert!(first.is_ascii_alphabetic(), "{unit}");
        }
        for unit in [
            "kilowatt hours",
            "km",
            "kmph",
            "metres",
            "cm",
            "mm",
            "miles",
            "feet",
            "ft",
            "inches",
            "yards",
            "kilograms",
            "kilos",
            "kg",
            "grams",
            "mg",
            "tonnes",
            "quintals",
            "maunds",
            "litres",
            "ltr",
            "gallons",
            "acres",
            "hectares",
            "kanals",
            "marlas",
            "megawatts",
            "MW",
            "gigawatts",
            "GW",
            "kilowatts",
            "kW",
            "kWh",
            "MWh",
            "GWh",
            "kV",
            "degrees",
            "cusecs",
            "barrels",
            "bpd",
            "mmcfd",
            "mcf",
            "mph",
            "kph",
            "square kilometres",
            "sq km",
            "cubic feet",
            "running metres",
            "metric tons",
            "°C",
            "micrograms",
        ] {
            assert!(measure_after(&format!(" {unit} of")).is_some(), "{unit}");
        }
        let pm = measure_after(" micrograms per cubic metre at the station").unwrap();
        assert_eq!(pm.unit, "microgram_per_cubic_metre");
        assert!(measure_after(" apples").is_none());
        assert!(measure_after("").is_none());
        assert!(scale_after("").is_none());
    }

    use super::*;

    #[test]
    fn core_group_indices_match_their_names() {
        let names: Vec<Option<&str>> = CORE_RE.capture_names().collect();
        assert_eq!(names.len(), 5);
        for (i, n) in [
            (DIG, "dig"),
            (WORD, "word"),
            (VAGUE, "vague"),
            (AMIL, "amil"),
        ] {
            assert_eq!(names[i], Some(n));
        }
    }

    fn q(s: &str) -> Vec<Quantity> {
        let ctx = QtyContext { rupee: Some("PKR") };
        find_quantities(s, &[], &ctx)
            .into_iter()
            .map(|m| {
                let mut v = m.value;
                v.text = s[m.start..m.end].into();
                v
            })
            .collect()
    }

    fn one(s: &str) -> Quantity {
        let v = q(s);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn digits_and_separators() {
        assert_eq!(parse_digits("1,372"), Some(1372.0));
        assert_eq!(parse_digits("1,00,000"), Some(100000.0));
        assert_eq!(parse_digits("12,500.50"), Some(12500.5));
        assert_eq!(parse_digits("1,30"), None);
        let v = one("as many as 2.7 million Pakistanis");
        assert_eq!(v.amount, Some(2_700_000.0));
        assert_eq!(v.modifier, QuantityModifier::AtMost);
        assert_eq!(v.upper_bound, Some(2_700_000.0));
        assert_eq!(v.lower_bound, None);
        assert_eq!(v.text, "as many as 2.7 million");
    }

    #[test]
    fn number_words() {
        assert_eq!(parse_number_words("two hundred and sixty-two"), Some(262.0));
        assert_eq!(parse_number_words("seven"), Some(7.0));
        let v = one("police arrested four suspects");
        assert_eq!((v.amount, v.text.as_str()), (Some(4.0), "four"));
        // A noun the same in the plural, perhaps after a model's code and an adjective.
        assert_eq!(
            one("planned to add two narrow-body aircraft").amount,
            Some(2.0)
        );
        assert_eq!(
            one("including the two A330 wide-body aircraft").amount,
            Some(2.0)
        );
        let v = one("about a dozen houses");
        assert_eq!(
            (v.amount, v.modifier, v.text.as_str()),
            (Some(12.0), QuantityModifier::Approximately, "about a dozen")
        );
        assert!(q("one of the deadliest, a zero-tolerance policy, no one").is_empty());
        // A spelled number as the subject of a verb.
        let v = q("Six people were hurt and two were taken to hospital.");
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[1].amount, Some(2.0));
        let v = q("20 bids arrived, of which three were rejected");
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!((v[1].amount, v[1].text.as_str()), (Some(3.0), "three"));
        // Plurals in -men.
        assert_eq!(one("Two policemen were hurt").amount, Some(2.0));
        assert_eq!(one("three gunmen fled").amount, Some(3.0));
        // At the start of a paragraph.
        let v = q("Six died.\n\nThree were injured.");
        assert_eq!(v.len(), 2, "{v:?}");
        // Not after any other word: "the two were" refers back.
        assert!(q("the two were arrested").is_empty());
        // "one-off" is no figure; "two-thirds of" is a fraction, a ratio.
        let v = q("a one-off payment and two-thirds of members");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].kind, QuantityKind::Ratio);
    }

    #[test]
    fn modifiers() {
        for (s, m) in [
            ("over 1,300 sites", QuantityModifier::MoreThan),
            ("more than 100 of them", QuantityModifier::MoreThan),
            ("at least 12 people", QuantityModifier::AtLeast),
            ("up to 50 people", QuantityModifier::AtMost),
            ("nearly 300 people", QuantityModifier::Approximately),
            ("around 300 people", QuantityModifier::Approximately),
            ("fewer than 20 people", QuantityModifier::LessThan),
            ("within 14 days", QuantityModifier::AtMost),
            (
                "pending for as long as three years",
                QuantityModifier::AtMost,
            ),
            ("held at or below 6 percent", QuantityModifier::AtMost),
            ("kept at or above 2,000 units", QuantityModifier::AtLeast),
            ("up to another 300 families", QuantityModifier::AtMost),
            ("at least a further 12 days", QuantityModifier::AtLeast),
            ("jailed for over five years", QuantityModifier::MoreThan),
            ("spread over five years", QuantityModifier::Exact),
            (
                "has spent over three years in custody",
                QuantityModifier::MoreThan,
            ),
            (
                "the hearing lasted over two hours",
                QuantityModifier::MoreThan,
            ),
            ("paid back over three years", QuantityModifier::Exact),
            ("police handed over 12 suspects", QuantityModifier::Exact),
            ("it will hand over 400 flats", QuantityModifier::Exact),
            ("a row over Rs50 million in dues", QuantityModifier::Exact),
            ("fined over Rs50 million", QuantityModifier::MoreThan),
        ] {
            assert_eq!(one(s).modifier, m, "{s}");
        }
        assert_eq!(
            one("wait at least another four days").text,
            "at least another four days"
        );
        let d = one("submit a report within 14 days.");
        assert_eq!(d.kind, QuantityKind::Duration);
        assert_eq!(d.duration_iso8601.as_deref(), Some("P14D"));
        assert_eq!(d.upper_bound, Some(14.0));
        let d = one("submit its report within three working days.");
        assert_eq!(d.duration_iso8601.as_deref(), Some("P3D"));
        assert_eq!(d.text, "within three working days");
        assert_eq!(
            one("remanded for two weeks").duration_iso8601.as_deref(),
            Some("P2W")
        );
        assert_eq!(
            one("a 36-hour strike").duration_iso8601.as_deref(),
            Some("PT36H")
        );
    }

    #[test]
    fn currencies() {
        let v = one("available for Rs500,");
        assert_eq!(
            (v.kind, v.unit.as_deref(), v.unit_inferred),
            (QuantityKind::Money, Some("PKR"), true)
        );
        assert_eq!(v.unit_text.as_deref(), Some("Rs"));
        let v = one("a fine of Rs3.6 million was");
        assert_eq!(v.amount, Some(3_600_000.0));
        assert_eq!(one("paid $12,500 to").unit.as_deref(), Some("USD"));
        assert_eq!(one("worth €20m in").amount, Some(20_000_000.0));
        assert_eq!(one("worth £4bn in").unit.as_deref(), Some("GBP"));
        assert_eq!(one("USD 5 billion loan").amount, Some(5e9));
        let v = one("Rs2.5 billion rupees");
        assert_eq!(v.kind, QuantityKind::Money);
        let v = one("5,000 Pakistani rupees");
        assert_eq!((v.unit.as_deref(), v.unit_inferred), (Some("PKR"), false));
        // A paisa is a hundredth of a rupee.
        let v = one("a negative adjustment of 43 paisa per unit");
        assert_eq!((v.kind, v.amount), (QuantityKind::Money, Some(0.43)));
        // An exchange rate is the rupee's price of a dollar.
        let v = one("the rupee closed at 281.65 against the dollar");
        assert_eq!(
            (v.kind, v.unit.as_deref()),
            (QuantityKind::Money, Some("PKR"))
        );
        let v = one("a cut of 40 to 50 paisa per litre");
        assert_eq!((v.lower_bound, v.upper_bound), (Some(0.4), Some(0.5)));
        assert_eq!(one("Rs50 lakh bail").amount, Some(5_000_000.0));
        // Compound South Asian scales.
        let v = one("a budget of Rs 1.75 lakh crore for defence");
        assert_eq!(
            (v.amount, v.text.as_str()),
            (Some(1.75e12), "Rs 1.75 lakh crore")
        );
        assert_eq!(one("Tk 2.30 lakh crore").amount, Some(2.3e12));
        let v = one("subsidies worth Tk 40 thousand crore");
        assert_eq!(v.amount, Some(4e11));
        assert_eq!(v.unit.as_deref(), Some("BDT"));
        let v = one("between Rs 1 lakh crore and Rs 1.2 lakh crore");
        assert_eq!((v.lower_bound, v.upper_bound), (Some(1e12), Some(1.2e12)));
        assert_eq!(one("Rs2 crore").amount, Some(20_000_000.0));
    }

    #[test]
    fn units_do_not_cross_a_line_break() {
        let v = one("another Rs 25\n\nlakh to each");
        assert_eq!((v.amount, v.kind), (Some(25.0), QuantityKind::Money));
        assert_eq!(one("rose 12\npercent").kind, QuantityKind::Count);
        assert_eq!(one("for 3\ndays").kind, QuantityKind::Count);
    }

    #[test]
    fn a_figure_of_another_kind_after_to_is_no_range() {
        // A percent, then money: two quantities, and the percent keeps its own value.
        let v = q("Income tax collection grew 14.2pc to Rs1.71tr.");
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(
            (v[0].kind, v[0].amount, v[0].modifier),
            (QuantityKind::Percent, Some(14.2), QuantityModifier::Exact)
        );
        assert_eq!(v[0].text, "14.2pc");
        assert_eq!(
            (v[1].kind, v[1].amount),
            (QuantityKind::Money, Some(1.71e12))
        );
        // A scale after the second figure does not scale a percent.
        let v = q("Sales rose 6 percent to 1.2 million units.");
        assert_eq!(
            (v[0].amount, v[0].modifier),
            (Some(6.0), QuantityModifier::Exact)
        );
        // Money to money still shares the scale; a count to money is two figures.
        let v = one("fees of Rs1.2 to Rs1.5 million each");
        assert_eq!((v.lower_bound, v.upper_bound), (Some(1.2e6), Some(1.5e6)));
        let v = q("fined 12 to Rs50,000 each");
        assert_eq!(v.len(), 2, "{v:?}");
    }

    #[test]
    fn a_change_by_a_figure_to_a_level_is_no_range_and_a_record_span_no_duration() {
        let v = q("reserves dropped by $312 million to $14.2bn in the week");
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(
            (v[0].amount, v[0].modifier),
            (Some(312e6), QuantityModifier::Exact)
        );
        assert_eq!(v[1].amount, Some(14.2e9));
        assert!(q("the highest monthly gap in 14 months").is_empty());
        assert!(q("its lowest level in more than three years").is_empty());
        assert_eq!(one("a remand of 14 days").amount, Some(14.0));
        // Both figures bare: the change, then the level.
        assert_eq!(q("the death toll rose by 12 to 57 on Monday").len(), 2);
        // The first figure of a change to a percent is a percent.
        let v = q("its vote share fell from 41 to 36 per cent");
        assert_eq!(v.len(), 2);
        assert!(v.iter().all(|v| v.kind == QuantityKind::Percent), "{v:?}");
        assert_eq!(
            q("an 8% increase in the tariff, raising it by Rs260 to Rs3,510 per unit").len(),
            3
        );
    }

    #[test]
    fn a_bare_figure_by_which_a_unit_after_the_next_one_changes_is_a_range() {
        let v = one("the policy rate to be lowered by 100 to 150 basis points");
        assert_eq!(
            (v.kind, v.unit.as_deref(), v.lower_bound, v.upper_bound),
            (
                QuantityKind::Other,
                Some("basis_point"),
                Some(100.0),
                Some(150.0)
            )
        );
        let v = one("the deadline was extended by two to three years");
        assert_eq!(
            (v.kind, v.lower_bound, v.upper_bound),
            (QuantityKind::Duration, Some(2.0), Some(3.0))
        );
        let v = one("fares were raised by 10 to 15 percent");
        assert_eq!(
            (v.kind, v.lower_bound, v.upper_bound),
            (QuantityKind::Percent, Some(10.0), Some(15.0))
        );
        // A range written before basis points is in basis points, not percent.
        let v = one("between 50 and 75 basis points");
        assert_eq!(
            (v.kind, v.unit.as_deref()),
            (QuantityKind::Other, Some("basis_point"))
        );
    }

    #[test]
    fn time_added_is_a_duration_and_a_time_before_or_after_is_none() {
        let v = one("will keep duty-free access for three more years");
        assert_eq!(
            (v.kind, v.amount, v.duration_iso8601.as_deref()),
            (QuantityKind::Duration, Some(3.0), Some("P3Y"))
        );
        let v = one("given two additional months to comply");
        assert_eq!((v.kind, v.amount), (QuantityKind::Duration, Some(2.0)));
        assert!(q("capacity grew by nearly a third from two years earlier").is_empty());
        assert!(q("the plant reopened three months later").is_empty());
    }

    #[test]
    fn the_unit_of_a_conversion_is_no_figure() {
        let v = q("($1 = 135.20 Nepalese rupees)");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].amount, Some(135.2));
        assert_eq!(q("(1 USD = 281.40 PKR)").len(), 1);
    }

    #[test]
    fn decades_are_counted_in_years() {
        let v = one("people who have waited for four decades");
        assert_eq!(
            (
                v.kind,
                v.amount,
                v.unit.as_deref(),
                v.duration_iso8601.as_deref()
            ),
            (
                QuantityKind::Duration,
                Some(40.0),
                Some("year"),
                Some("P40Y")
            )
        );
        let v = one("a dispute of two to three decades");
        assert_eq!((v.lower_bound, v.upper_bound), (Some(20.0), Some(30.0)));
    }

    #[test]
    fn a_scaled_decimal_is_the_decimal_it_reads() {
        for (text, amount) in [
            ("a target of Rs4.02tr", 4_020_000_000_000.0),
            ("a target of Rs1.09tr", 1_090_000_000_000.0),
            ("Rs3.83 trillion", 3_830_000_000_000.0),
            ("2.3 lakh crore rupees", 2_300_000_000_000.0),
            ("$0.7bn", 700_000_000.0),
        ] {
            assert_eq!(one(text).amount, Some(amount), "{text}");
        }
        assert_eq!(scaled(4.02, 1e12), 4.02e12);
        assert_eq!(scaled(1.5, 3.0), 4.5);
    }

    #[test]
    fn ranges() {
        let v = one("between 300 and 500 people");
        assert_eq!(
            (v.modifier, v.lower_bound, v.upper_bound),
            (QuantityModifier::Range, Some(300.0), Some(500.0))
        );
        assert_eq!(v.text, "between 300 and 500");
        let v = one("300-500 people");
        assert_eq!((v.lower_bound, v.upper_bound), (Some(300.0), Some(500.0)));
        let v = one("Rs1.2 to 1.5 million each");
        assert_eq!(
            (v.lower_bound, v.upper_bound),
            (Some(1_200_000.0), Some(1_500_000.0))
        );
        assert_eq!(v.kind, QuantityKind::Money);
        let v = q("prices rose from 10 to 12 percent");
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn percent_and_direction() {
        let v = one("a 47 percent drop in");
        assert_eq!(
            (v.kind, v.unit.as_deref(), v.direction),
            (QuantityKind::Percent, Some("percent"), Direction::Decrease)
        );
        assert_eq!(v.text, "47 percent");
        assert_eq!(
            one("Europe down 47 percent amid").direction,
            Direction::Decrease
        );
        assert_eq!(one("inflation of 4.5%").amount, Some(4.5));
        assert_eq!(
            one("rose 2 percentage points").unit.as_deref(),
            Some("percentage_point")
        );
        assert_eq!(one("12 per cent of voters").direction, Direction::None);
        // "lower than" and "higher than" compare two levels; neither is a change.
        let v = q("The turnout stood at 41.2 percent, lower than the 47.9pc of 2024.");
        assert_eq!(v.len(), 2);
        assert!(v.iter().all(|x| x.direction == Direction::None), "{v:?}");
        assert_eq!(
            one("Exports were 3 percent higher than a year ago").direction,
            Direction::Increase
        );
        assert_eq!(one("exports fell 3 percent").direction, Direction::Decrease);
        assert_eq!(
            one("prices rose by up to 9 percent").direction,
            Direction::Increase
        );
        // The level a change started from is no change.
        for text in [
            "inflation stood at 3.8 per cent, up from 3.1 per cent in September",
            "growth slowed, down from nearly 4.8 per cent",
            // Nor the level it reached.
            "inflation eased to 4.1 per cent in October",
            "the levy will rise to 20 percent by August",
            "losses had come down to 7.8pc in the quarter",
        ] {
            let v = q(text);
            assert_eq!(v.last().unwrap().direction, Direction::None, "{text}");
        }
    }

    #[test]
    fn vague() {
        let v = one("Dozens of websites");
        assert_eq!(
            (v.modifier, v.amount, v.lower_bound),
            (QuantityModifier::Vague, None, Some(24.0))
        );
        assert_eq!(v.vague_term.as_deref(), Some("Dozens"));
        assert_eq!(one("thousands of Pakistanis").lower_bound, Some(2000.0));
        assert_eq!(
            one("tens of thousands of people").lower_bound,
            Some(20000.0)
        );
        assert_eq!(one("several hundred people").lower_bound, Some(300.0));
        let v = one("costing the exchequer hundreds of millions of rupees in stamp duty");
        assert_eq!(v.kind, QuantityKind::Money);
        assert_eq!(v.text, "hundreds of millions of rupees");
    }

    #[test]
    fn only_a_number_after_a_name_and_a_comma_is_an_age() {
        assert_eq!(one("arrests rose to 41, officials said").amount, Some(41.0));
        assert_eq!(one("In Punjab, 41 people died").amount, Some(41.0));
    }

    #[test]
    fn not_claims() {
        for s in [
            "in 2023 the",
            "the 27th Amendment",
            "Section 144 was",
            "COVID-19 cases",
            "at 10:30 on",
            "at 10am",
            "NA-120 seat",
            "the first time",
            "F-16 jets",
            "a 19-year-old man",
            "CNIC 35202-1234567-1 ok",
            "ranked 3 out",
            "Article 63 of",
            "G20 summit",
            "call 0300-1234567 now",
            // Numbers that name a building, a service or a line.
            "flats in Tower 7 and Tower 8 were",
            "callers can dial 15 or use the helpline 1915",
            "Rescue 1122 shifted",
            "the hotline 111-222 is",
            "under Article 184(3) of",
            // An older law's year; a debt instrument's term.
            "under the Stamp Act, 1899, the",
            "the 10-year government bond yield closed",
            "sold 364-day bills at",
            "repair a 132kV transmission line",
            // Later numbers of a list of sections or articles.
            "booked under Sections 302 and 324 of the",
            "Articles 62, 63 and 184(3) of",
            "under Sections 420, 468 and 471 of",
            // Ages.
            "most victims were aged between 18 and 25",
            "children aged 5 to 14 were",
            "citizens over the age of 65 get",
            "a man aged about 40 was",
            "Shahid Iqbal, 41, a resident of Khyber",
            "The bus driver, 46, and a boy were rescued",
            // A rank; a vehicle's plate number.
            "with the UK remaining the top three source markets",
            "a night bus (Ko 1 Kha 4521) bound for the hills",
            "a van bearing the registration number Dhaka Metro-Ga 12-3456 was",
            // Case numbers in lower case, an emergency number, a military unit.
            "filed as case nos 31 and 32 on",
            "with another police station (case no 9)",
            "by calling the national emergency service 999, saying",
            "soldiers of the 41 Battalion seized",
            // The basis of a rate.
            "deaths per 1,000 live births",
            // A score; a section named in lower case.
            "secured a 3-1 win over Malaysia",
            "under section 9(c) of the CNSA",
            // Not ratios: a ratio over one, a figure that names something, an hour.
            "they won 5 in 3 matches",
            "ranked 3 out of 10",
            "one in the morning",
            "it opens at one in the afternoon",
        ] {
            assert!(q(s).is_empty(), "{s}: {:?}", q(s));
        }
        // A price per a measure is one figure.
        let v = q("at Rs4,700 per 40kg, up");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].amount, Some(4700.0));
        // Quantities in parentheses, and a count after a lowercase word and a comma.
        assert_eq!(one("a fine (Rs 500) was").amount, Some(500.0));
        assert_eq!(one("blocked (PTA 2,500 sites) so").amount, Some(2500.0));
        assert_eq!(one("of the accused, 46 were freed").amount, Some(46.0));
        // Not ratios: a figure before a year or a length of time.
        assert_eq!(one("arrested 45 in 2024").amount, Some(45.0));
        assert_eq!(q("fell by 4 in 10 days")[0].amount, Some(4.0));
        let v = q("fell by 4 in two weeks");
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[1].kind, QuantityKind::Duration);
    }
    #[test]
    fn ratios_are_one_quantity_valued_as_a_quotient() {
        let v = one("one in four households lacks clean water");
        assert_eq!(
            (v.kind, v.amount, v.modifier),
            (QuantityKind::Ratio, Some(0.25), QuantityModifier::Exact)
        );
        assert_eq!((v.lower_bound, v.upper_bound), (Some(0.25), Some(0.25)));
        assert_eq!(
            (v.unit, v.unit_text.as_deref()),
            (None, Some("one in four"))
        );
        assert_eq!(v.text, "one in four");
        let v = one("the survey found 1 in 10 adults smoke");
        assert_eq!((v.amount, v.text.as_str()), (Some(0.1), "1 in 10"));
        let v = one("Three out of every ten graduates were jobless");
        assert_eq!(v.kind, QuantityKind::Ratio);
        assert_eq!(v.amount, Some(0.3));
        assert_eq!(v.text, "Three out of every ten");
        assert_eq!(v.unit_text.as_deref(), Some("Three out of every ten"));
        let v = one("nearly one in three voters stayed home");
        assert_eq!(
            (v.amount, v.modifier, v.lower_bound, v.upper_bound),
            (Some(1.0 / 3.0), QuantityModifier::Approximately, None, None)
        );
        assert_eq!(v.text, "nearly one in three");
        assert_eq!(v.unit_text.as_deref(), Some("one in three"));
        let v = one("more than two in five firms cut jobs");
        assert_eq!(
            (v.amount, v.modifier, v.lower_bound),
            (Some(0.4), QuantityModifier::MoreThan, Some(0.4))
        );
        assert_eq!(one("one in 10 million people").amount, Some(1e-7));
        assert_eq!(one("one in a hundred patients").amount, Some(0.01));
        assert_eq!(one("7 out of 1,000 births").amount, Some(0.007));
        // Hyphenated before a noun.
        let v = one("a one-in-five chance of rain");
        assert_eq!(
            (v.kind, v.amount, v.text.as_str()),
            (QuantityKind::Ratio, Some(0.2), "one-in-five")
        );
        assert_eq!(one("1-in-10 households").amount, Some(0.1));
        let v = q("a one-off payment in five instalments");
        assert!(v.iter().all(|x| x.kind != QuantityKind::Ratio), "{v:?}");
        // Neither figure is also read as a count (and the whole the sentence opens with is none).
        let v = q("Of 40 schools, one in five had no toilets and 12 had no water.");
        assert_eq!(
            v.iter().map(|x| (x.kind, x.amount)).collect::<Vec<_>>(),
            [
                (QuantityKind::Ratio, Some(0.2)),
                (QuantityKind::Count, Some(12.0))
            ],
            "{v:?}"
        );
    }

    #[test]
    fn fractions_of_a_whole_are_ratios() {
        let v = q("Nearly half of the 1,200 employees work in support roles");
        assert_eq!(
            (v[0].kind, v[0].amount, v[0].modifier),
            (
                QuantityKind::Ratio,
                Some(0.5),
                QuantityModifier::Approximately
            )
        );
        assert_eq!(v[0].unit_text.as_deref(), Some("half"));
        assert_eq!(v[1].amount, Some(1200.0));
        assert_eq!(
            one("two-thirds of the members voted").amount,
            Some(2.0 / 3.0)
        );
        assert_eq!(one("a third of the wheat crop").amount, Some(1.0 / 3.0));
        let v = one("spent over half of the budget");
        assert_eq!(
            (v.amount, v.modifier),
            (Some(0.5), QuantityModifier::MoreThan)
        );
        for s in [
            "in the first half of the year",
            "the second quarter of 2026",
            "a two-thirds majority",
            "within half an hour",
        ] {
            assert!(q(s).is_empty(), "{s}: {:?}", q(s));
        }
    }

    #[test]
    fn figures_that_are_not_ratios() {
        // A year, a length of time or a name after "in".
        assert_eq!(one("police arrested 5 in 2024").kind, QuantityKind::Count);
        let v = q("Article 1 in 10 days");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].kind, QuantityKind::Duration);
        assert_eq!(one("he was one in a crowd of 300").amount, Some(300.0));
        let v = q("sales rose 4 in 10 weeks");
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!((v[0].kind, v[0].amount), (QuantityKind::Count, Some(4.0)));
        assert_eq!(v[1].kind, QuantityKind::Duration);
        assert!(q("one in the morning and two in the evening").is_empty());
    }

    #[test]
    fn physical_measures_carry_a_named_unit() {
        let v = one("customs seized 12 kilograms of heroin");
        assert_eq!(
            (v.kind, v.amount, v.unit.as_deref(), v.unit_text.as_deref()),
            (
                QuantityKind::Other,
                Some(12.0),
                Some("kilogram"),
                Some("kilograms")
            )
        );
        assert_eq!(v.text, "12 kilograms");
        assert_eq!(v.modifier, QuantityModifier::Exact);
        assert_eq!((v.lower_bound, v.upper_bound), (Some(12.0), Some(12.0)));
        let v = one("police found 4.5kg of hashish");
        assert_eq!(
            (v.amount, v.unit.as_deref(), v.text.as_str()),
            (Some(4.5), Some("kilogram"), "4.5kg")
        );
        assert_eq!(v.unit_text.as_deref(), Some("kg"));
        // Words and scale words.
        let v = one("a canal of twelve kilometres");
        assert_eq!(
            (v.amount, v.unit.as_deref()),
            (Some(12.0), Some("kilometre"))
        );
        let v = one("one acre of orchard");
        assert_eq!((v.amount, v.unit.as_deref()), (Some(1.0), Some("acre")));
        let v = one("crops on 1.2 million acres were lost");
        assert_eq!(
            (v.amount, v.unit.as_deref(), v.text.as_str()),
            (Some(1_200_000.0), Some("acre"), "1.2 million acres")
        );
        assert_eq!(
            one("about 2.5 lakh tonnes of wheat").amount,
            Some(250_000.0)
        );
        // Hyphenated before a noun.
        let v = one("a 1,200-megawatt plant");
        assert_eq!(
            (v.amount, v.unit.as_deref(), v.text.as_str()),
            (Some(1200.0), Some("megawatt"), "1,200-megawatt")
        );
        assert_eq!(
            one("a five-kilometre stretch").unit.as_deref(),
            Some("kilometre")
        );
        // Modifiers and ranges.
        let v = one("temperatures rose above 45 degrees");
        assert_eq!(
            (v.modifier, v.unit.as_deref(), v.lower_bound, v.upper_bound),
            (QuantityModifier::MoreThan, Some("degree"), Some(45.0), None)
        );
        let v = one("between 40 and 45 degrees Celsius");
        assert_eq!(
            (v.modifier, v.lower_bound, v.upper_bound, v.unit.as_deref()),
            (
                QuantityModifier::Range,
                Some(40.0),
                Some(45.0),
                Some("degree_celsius")
            )
        );
        assert_eq!(v.text, "between 40 and 45 degrees Celsius");
        // A spelled-out "degrees" is a unit only where its sentence speaks of heat, cold or angles.
        for text in [
            "the mercury touched 47 degrees in Sibi",
            "a 180-degree turn in policy",
            "it was 3 degrees colder than last week",
        ] {
            assert_eq!(one(text).unit.as_deref(), Some("degree"), "{text}");
        }
        let v = one("The university awarded 1,200 degrees at its convocation.");
        assert_eq!((v.kind, v.unit.as_deref()), (QuantityKind::Count, None));
        let v = one("Temperatures fell. The university awarded 1,200 degrees to its graduates.");
        assert_eq!((v.kind, v.unit.as_deref()), (QuantityKind::Count, None));
        assert_eq!(one("at 45° to the road").unit.as_deref(), Some("degree"));
        let v = one("plots of 5-10 marlas each");
        assert_eq!(
            (v.lower_bound, v.upper_bound, v.unit.as_deref()),
            (Some(5.0), Some(10.0), Some("marla"))
        );
        let v = one("from 20 km to 30 km away");
        assert_eq!(
            (v.lower_bound, v.upper_bound, v.text.as_str()),
            (Some(20.0), Some(30.0), "from 20 km to 30 km")
        );
        // Areas, temperatures, flows and rates.
        let v = one("spread over 3,400 square kilometres");
        assert_eq!(
            (v.amount, v.unit.as_deref(), v.unit_text.as_deref()),
            (
                Some(3400.0),
                Some("square_kilometre"),
                Some("square kilometres")
            )
        );
        assert_eq!(one("a 120 sq ft room").unit.as_deref(), Some("square_foot"));
        for (text, unit) in [
            ("spread over 796 km² of desert", "square_kilometre"),
            ("a 450 m² hall", "square_metre"),
            ("pumping 5,000 m³ of water", "cubic_metre"),
            ("a 12 ft² cell", "square_foot"),
        ] {
            let v = one(text);
            assert_eq!(v.unit.as_deref(), Some(unit), "{text}");
            assert!(v.text.ends_with(['²', '³']), "{text}: {}", v.text);
        }
        assert_eq!(one("a 4 cm² chip").kind, QuantityKind::Count);
        let v = one("it touched 48°C in Jacobabad");
        assert_eq!(
            (
                v.amount,
                v.unit.as_deref(),
                v.unit_text.as_deref(),
                v.text.as_str()
            ),
            (Some(48.0), Some("degree_celsius"), Some("°C"), "48°C")
        );
        assert_eq!(
            one("a low of -2 °F").unit.as_deref(),
            Some("degree_fahrenheit")
        );
        assert_eq!(
            one("a flow of 250,000 cusecs at").unit.as_deref(),
            Some("cusec")
        );
        let v = one("output of 70,000 barrels per day");
        assert_eq!(
            (v.unit.as_deref(), v.text.as_str()),
            (Some("barrel_per_day"), "70,000 barrels per day")
        );
        assert_eq!(one("winds of 120 km/h hit").unit.as_deref(), Some("kph"));
        assert_eq!(
            one("gusts of 60 miles an hour").unit.as_deref(),
            Some("mph")
        );
        // A rate with no unit of its own is left out.
        let v = one("each family gets 10 kg a month");
        assert_eq!(
            (v.unit.as_deref(), v.text.as_str()),
            (Some("kilogram"), "10 kg")
        );
        assert_eq!(one("gas flows of 400 mmcfd").unit.as_deref(), Some("mmcfd"));
        assert_eq!(one("demand of 1,500 MW").unit.as_deref(), Some("megawatt"));
        assert_eq!(
            one("used 300 kWh in May").unit.as_deref(),
            Some("kilowatt_hour")
        );
        // A figure before a unit word is a measure even where it would be a year on its own.
        assert_eq!(one("a 1950 km border").unit.as_deref(), Some("kilometre"));
    }

    #[test]
    fn ages_and_money_are_not_measures() {
        for s in [
            "a 19-year-old man",
            "a man aged 40 kg",
            "children aged 5 to 14 were",
        ] {
            assert!(q(s).is_empty(), "{s}: {:?}", q(s));
        }
        let v = one("sold at Rs 120 a kg");
        assert_eq!(
            (v.kind, v.unit.as_deref()),
            (QuantityKind::Money, Some("PKR"))
        );
        // Letters glued to a figure that are no unit.
        assert!(q("a 4G network and 5th place").is_empty());
        // "m" glued to a figure is million, not metre.
        assert_eq!(one("raised $3m for").amount, Some(3e6));
        // A count before a word that only starts like a unit.
        assert_eq!(one("12 kittens were").kind, QuantityKind::Count);
        assert_eq!(one("three CMs met").kind, QuantityKind::Count);
    }
    #[test]
    fn every_unit_of_measure_is_documented_on_the_model() {
        // The names `measure_unit` gives, from every spelling it reads...
        let mut named = std::collections::BTreeSet::new();
        for unit in MEASURE_UNITS {
            let spellings: Vec<String> = unit
                .replace(r"[\s--\n-]?", " ")
                .replace("(?:re|er)", "re")
                .replace("(?:es)?", "")
                .replace('?', "")
                .split('|')
                .map(str::to_string)
                .collect();
            for w in spellings {
                let m = measure_after(&format!(" {w} of")).unwrap_or_else(|| panic!("{w}"));
                named.insert(m.unit);
            }
        }
        for s in [
            " square kilometres",
            " sq metres",
            " square miles",
            " square yards",
            " sq ft",
            " cubic metres",
            " cubic feet",
            " running metres",
            " running feet",
            " km²",
            " m²",
            " m³",
            " ft²",
            " degrees Celsius",
            " degrees Fahrenheit",
            " barrels a day",
            " km/h",
            " miles per hour",
            " micrograms per cubic metre",
        ] {
            named.insert(measure_after(s).unwrap_or_else(|| panic!("{s}")).unit);
        }
        // ...are the names the OpenAPI document lists for `other` quantities.
        let doc: serde_json::Value =
            serde_json::from_str(include_str!("../../openapi/openapi.json")).unwrap();
        let text = doc["components"]["schemas"]["Quantity"]["properties"]["unit"]["description"]
            .as_str()
            .unwrap();
        let list = text
            .split_once("unit of measure:")
            .unwrap()
            .1
            .split_once(';')
            .unwrap()
            .0;
        let documented: std::collections::BTreeSet<&str> =
            list.split('`').skip(1).step_by(2).collect();
        assert_eq!(named, documented);
    }
}
