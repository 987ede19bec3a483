//! Synthetic fact-store generator for scale benchmarks (a bench tool, not part of the API).
//!
//! Writes a valid store (it passes `newsfacts validate`) deterministically from a seed: the same
//! arguments give a byte-identical file on every run and machine (a hand-written splitmix64 PRNG, no
//! hash-map iteration, no clock).
//!
//! ```sh
//! cargo run --release --example synth_store -- --articles 100000 --claims-per-article 10 --seed 42 --out /tmp/big.json
//! ```
//!
//! Options: `--articles N` (default 1000), `--claims-per-article K` (default 10, every article has exactly
//! K claims), `--entities E` (default: articles / 25, clamped to 60..=4000), `--seed S` (default 42),
//! `--out FILE` (required).
//!
//! What it makes:
//! - entities: a curated head of real Pakistani and international organisations, places and acronyms
//!   (`FIA`, `PTA`, `NCCIA`, `SBP`, `NDMA`, `EU`, `IMF`, ...) followed by generated organisations
//!   ("Sindh Revenue Board", acronym `SRB` when unique), people and places. Popularity is Zipf-like
//!   (weight 1 / rank^1.05), so the head entities are subjects of a large share of claims.
//! - articles: one per index, dated uniformly over 2021-01-01..2025-12-31, with a dateline, a generated
//!   headline and a short body of one sentence per claim (about 12 % of sentences are direct quotes in
//!   typographic quotation marks, so code-point offsets differ from byte offsets).
//! - claims: kinds count 45 %, money 25 % (PKR `Rs` or USD `$`), percent 20 % (0.1..99.9, some with a
//!   direction), duration 10 % (hours to years, with ISO 8601); log-uniform counts and money; modifiers
//!   exact, more_than, approximately, at_least, at_most, less_than, vague. 1 to 3 mentions per claim: the
//!   canonical body (or quote) mention, a headline "over N" mention for about 25 % of articles (consistent
//!   when the exact figure is above N, inconsistent otherwise), a later "about N" body mention for about 12 %
//!   of claims (not comparable). Subjects, claimants (same entity, another, or none), attribution, time
//!   (relative "on Monday", explicit "in March 2024", or none).
//! - entity mentions: the first place each of an article's (at most) four most popular entities is
//!   named in its body.
//!
//! Ids: article `art_` + 12 hex of SHA-256 over title, date and the article's index (synthetic titles
//! repeat); claim `clm_` + 12 hex of SHA-256 over the article id and the canonical quantity span.
//! Articles, entities and claims are written in id order. Output is compact JSON.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::time::Instant;

use chrono::{Datelike, Duration, NaiveDate};
use newsfacts::store::model::*;
use sha2::{Digest, Sha256};

// ---------------------------------------------------------------------------------------------
// PRNG

/// splitmix64: tiny, fast and identical everywhere.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// A generator for one sub-stream (article `i`, ...), independent of how much others consumed.
    fn derive(seed: u64, stream: u64, index: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        r.0 ^= index.wrapping_mul(0xE703_7ED1_A0B4_28DB);
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn f64(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in [lo, hi] (inclusive).
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
    /// Log-uniform integer in [lo, hi].
    fn log_uniform(&mut self, lo: f64, hi: f64) -> u64 {
        let x = (lo.ln() + self.f64() * (hi.ln() - lo.ln())).exp();
        (x.round() as u64).max(lo as u64)
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

struct Curated {
    name: &'static str,
    acronym: Option<&'static str>,
    kind: EntityType,
    country: Option<&'static str>,
}

const fn org(name: &'static str, acronym: &'static str, country: &'static str) -> Curated {
    Curated {
        name,
        acronym: Some(acronym),
        kind: EntityType::Organization,
        country: Some(country),
    }
}

/// The popular head, in popularity order (rank 0 is the most frequent subject).
const CURATED: &[Curated] = &[
    org("Federal Investigation Agency", "FIA", "PK"),
    org("Pakistan Telecommunication Authority", "PTA", "PK"),
    org("National Disaster Management Authority", "NDMA", "PK"),
    org("State Bank of Pakistan", "SBP", "PK"),
    org("Federal Board of Revenue", "FBR", "PK"),
    org("National Cyber Crime Investigation Agency", "NCCIA", "PK"),
    org("International Monetary Fund", "IMF", "US"),
    org("Pakistan Bureau of Statistics", "PBS", "PK"),
    org("European Union", "EU", "BE"),
    org("Asian Development Bank", "ADB", "PH"),
    org(
        "National Database and Registration Authority",
        "NADRA",
        "PK",
    ),
    org("Election Commission of Pakistan", "ECP", "PK"),
    org("World Health Organization", "WHO", "CH"),
    org("Oil and Gas Regulatory Authority", "OGRA", "PK"),
    org(
        "National Electric Power Regulatory Authority",
        "NEPRA",
        "PK",
    ),
    org(
        "Securities and Exchange Commission of Pakistan",
        "SECP",
        "PK",
    ),
    org("Pakistan International Airlines", "PIA", "PK"),
    org("Capital Development Authority", "CDA", "PK"),
    org("Water and Power Development Authority", "WAPDA", "PK"),
    org(
        "United Nations High Commissioner for Refugees",
        "UNHCR",
        "CH",
    ),
    org("Higher Education Commission", "HEC", "PK"),
    org("National Accountability Bureau", "NAB", "PK"),
    org("Anti-Narcotics Force", "ANF", "PK"),
    org("Competition Commission of Pakistan", "CCP", "PK"),
    org("Pakistan Meteorological Department", "PMD", "PK"),
    Curated {
        name: "Pakistan",
        acronym: None,
        kind: EntityType::Place,
        country: Some("PK"),
    },
    Curated {
        name: "Ministry of Interior",
        acronym: None,
        kind: EntityType::Organization,
        country: Some("PK"),
    },
    Curated {
        name: "Ministry of Finance",
        acronym: None,
        kind: EntityType::Organization,
        country: Some("PK"),
    },
    Curated {
        name: "World Bank",
        acronym: None,
        kind: EntityType::Organization,
        country: Some("US"),
    },
];

const PLACES: &[&str] = &[
    "Islamabad",
    "Karachi",
    "Lahore",
    "Peshawar",
    "Quetta",
    "Rawalpindi",
    "Faisalabad",
    "Multan",
    "Hyderabad",
    "Gujranwala",
    "Sialkot",
    "Sukkur",
    "Bahawalpur",
    "Sargodha",
    "Abbottabad",
    "Mardan",
    "Gwadar",
    "Muzaffarabad",
    "Gilgit",
    "Skardu",
    "Larkana",
    "Mirpur Khas",
    "Dera Ismail Khan",
    "Jhelum",
    "Sahiwal",
    "Okara",
    "Kasur",
    "Sheikhupura",
    "Swat",
    "Chitral",
    "Turbat",
    "Khuzdar",
    "Nawabshah",
    "Jacobabad",
    "Thatta",
    "Badin",
    "Chaman",
    "Zhob",
    "Kohat",
    "Bannu",
    "Mansehra",
    "Attock",
    "Chakwal",
    "Mianwali",
    "Bhakkar",
    "Layyah",
    "Vehari",
    "Khanewal",
    "Rahim Yar Khan",
    "Dadu",
    "Punjab",
    "Sindh",
    "Balochistan",
    "Khyber Pakhtunkhwa",
    "Gilgit-Baltistan",
    "Azad Kashmir",
];

const REGIONS: &[&str] = &[
    "Punjab",
    "Sindh",
    "Balochistan",
    "Khyber Pakhtunkhwa",
    "Federal",
    "National",
    "Karachi",
    "Lahore",
    "Islamabad",
    "Peshawar",
    "Quetta",
    "Provincial",
    "Pakistan",
    "Gilgit-Baltistan",
    "Multan",
    "Hyderabad",
    "Faisalabad",
    "Rawalpindi",
    "Northern",
    "Southern",
];

const DOMAINS: &[&str] = &[
    "Water",
    "Power",
    "Revenue",
    "Health",
    "Education",
    "Highways",
    "Cyber Crime",
    "Disaster Management",
    "Food",
    "Railways",
    "Housing",
    "Transport",
    "Police",
    "Excise",
    "Forest",
    "Fisheries",
    "Labour",
    "Mines",
    "Tourism",
    "Irrigation",
    "Agriculture",
    "Energy",
    "Environment",
    "Population",
    "Ports",
    "Telecom",
    "Information Technology",
    "Prisons",
    "Social Welfare",
    "Livestock",
];

const ORG_TYPES: &[&str] = &[
    "Authority",
    "Board",
    "Department",
    "Commission",
    "Directorate",
    "Agency",
    "Council",
    "Corporation",
    "Bureau",
    "Company",
    "Tribunal",
    "Secretariat",
];

const FIRST_NAMES: &[&str] = &[
    "Ahmed", "Ali", "Bilal", "Faisal", "Hamza", "Imran", "Junaid", "Kamran", "Usman", "Zubair",
    "Ayesha", "Fatima", "Hina", "Maryam", "Nadia", "Saima", "Sana", "Zainab", "Rabia", "Amna",
    "Tariq", "Shahid", "Naveed", "Asif", "Khalid", "Waqar", "Yasir", "Omar", "Saad", "Danish",
    "Mehwish", "Shazia", "Farah", "Iqra", "Kiran", "Lubna", "Nida", "Rubina", "Sadia", "Uzma",
    "Arif", "Babar", "Fahad", "Ghulam", "Haris", "Irfan", "Jawad", "Moin", "Nasir", "Rizwan",
];

const LAST_NAMES: &[&str] = &[
    "Khan",
    "Ahmed",
    "Malik",
    "Qureshi",
    "Siddiqui",
    "Chaudhry",
    "Sheikh",
    "Butt",
    "Abbasi",
    "Raza",
    "Hussain",
    "Shah",
    "Baloch",
    "Memon",
    "Mirza",
    "Javed",
    "Iqbal",
    "Aslam",
    "Farooq",
    "Rehman",
    "Zaidi",
    "Rizvi",
    "Bhatti",
    "Gill",
    "Cheema",
    "Awan",
    "Janjua",
    "Khattak",
    "Yousafzai",
    "Durrani",
    "Afridi",
    "Bugti",
    "Mengal",
    "Soomro",
    "Jatoi",
    "Laghari",
    "Mazari",
    "Niazi",
    "Tiwana",
    "Gondal",
    "Warraich",
    "Kazmi",
    "Naqvi",
    "Jafri",
    "Hashmi",
    "Ansari",
    "Paracha",
    "Sethi",
    "Lodhi",
    "Kakar",
];

struct Measure {
    measured: &'static str,
    predicate: &'static str,
    verb: &'static str,
}

const fn m(measured: &'static str, predicate: &'static str, verb: &'static str) -> Measure {
    Measure {
        measured,
        predicate,
        verb,
    }
}

const COUNTS: &[Measure] = &[
    m("suspected human smugglers", "arrested_count", "arrested"),
    m(
        "websites and social media pages",
        "blocked_count",
        "blocked",
    ),
    m("families", "displaced_count", "displaced"),
    m("new polio cases", "case_count", "reported"),
    m("illegal migrants", "deported_count", "deported"),
    m("passengers", "offloaded_count", "offloaded"),
    m("complaints", "complaint_count", "received"),
    m("schools", "school_count", "reopened"),
    m("unregistered SIM cards", "blocked_count", "blocked"),
    m("houses", "damaged_count", "damaged"),
    m("tax returns", "filed_count", "filed"),
    m("students", "enrolled_count", "enrolled"),
    m("fake identity cards", "cancelled_count", "cancelled"),
    m("cyber crime cases", "case_count", "registered"),
    m(
        "electricity connections",
        "disconnected_count",
        "disconnected",
    ),
];

const MONEY: &[Measure] = &[
    m("loan", "loan_amount", "approved"),
    m("tax revenue", "revenue", "collected"),
    m("flood relief budget", "budget", "allocated"),
    m("fine", "fine_amount", "imposed"),
    m("investment", "investment", "pledged"),
    m("recovered funds", "recovered_amount", "recovered"),
    m("subsidy", "subsidy_amount", "announced"),
    m("development grant", "grant_amount", "released"),
];

const PERCENTS: &[Measure] = &[
    m("drop in illegal immigration", "change_percent", "reported"),
    m("inflation rate", "inflation_rate", "recorded"),
    m("voter turnout", "turnout", "recorded"),
    m("rise in exports", "growth_rate", "reported"),
    m("literacy rate", "literacy_rate", "recorded"),
    m("fall in electricity theft", "change_percent", "reported"),
    m("increase in tax collection", "growth_rate", "reported"),
];

const DURATIONS: &[Measure] = &[
    m("deadline to register SIM cards", "deadline", "set"),
    m("detention period", "detention_period", "set"),
    m("project timeline", "project_duration", "set"),
    m("curfew", "curfew_duration", "imposed"),
    m("ban on public gatherings", "ban_duration", "imposed"),
];

const WEEKDAYS: &[&str] = &[
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "on Saturday",
    "on Sunday",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const TITLE_PHRASES: &[&str] = &[
    "steps up crackdown in",
    "announces new measures for",
    "reviews progress in",
    "briefs lawmakers on situation in",
    "launches inquiry in",
    "issues report on",
];

// ---------------------------------------------------------------------------------------------
// Entities

struct Ent {
    id: String,
    name: String,
    acronym: Option<String>,
    kind: EntityType,
    country: Option<String>,
}

fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(ch.to_ascii_lowercase());
        } else if ch != '\'' && ch != '\u{2019}' && ch != ',' {
            dash = true;
        }
    }
    out
}

fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| !w.is_empty() && !["and", "of", "for", "the"].contains(w))
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_uppercase()
}

/// Entities in popularity order (index = Zipf rank).
fn make_entities(rng: &mut Rng, total: usize) -> Vec<Ent> {
    let mut ids = BTreeSet::new();
    let mut names = BTreeSet::new();
    let mut acronyms = BTreeSet::new();
    let mut head = Vec::new();
    for c in CURATED {
        ids.insert(slugify(c.name));
        names.insert(c.name.to_lowercase());
        if let Some(a) = c.acronym {
            acronyms.insert(a.to_string());
        }
        head.push(Ent {
            id: slugify(c.name),
            name: c.name.to_string(),
            acronym: c.acronym.map(str::to_string),
            kind: c.kind,
            country: c.country.map(str::to_string),
        });
    }
    // Places: always all of them (they serve as datelines), after the curated head.
    let mut places = Vec::new();
    for p in PLACES {
        if names.insert(p.to_lowercase()) {
            ids.insert(slugify(p));
            places.push(Ent {
                id: slugify(p),
                name: p.to_string(),
                acronym: None,
                kind: EntityType::Place,
                country: Some("PK".into()),
            });
        }
    }
    let mut tail = Vec::new();
    let want = total.saturating_sub(head.len() + places.len());
    let mut attempts = 0;
    while tail.len() < want && attempts < want * 50 {
        attempts += 1;
        let person = rng.chance(0.38);
        let name = if person {
            format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
        } else {
            format!(
                "{} {} {}",
                rng.pick(REGIONS),
                rng.pick(DOMAINS),
                rng.pick(ORG_TYPES)
            )
        };
        if !names.insert(name.to_lowercase()) {
            continue;
        }
        let id = slugify(&name);
        if !ids.insert(id.clone()) {
            continue;
        }
        let acronym = if person {
            None
        } else {
            let a = initials(&name);
            (a.len() >= 3 && !names.contains(&a.to_lowercase()) && acronyms.insert(a.clone()))
                .then_some(a)
        };
        tail.push(Ent {
            id,
            name,
            acronym,
            kind: if person {
                EntityType::Person
            } else {
                EntityType::Organization
            },
            country: Some("PK".into()),
        });
    }
    // Popularity: curated head first, then the generated tail interleaved with places.
    let mut out = head;
    let mut places = places.into_iter();
    for (i, e) in tail.into_iter().enumerate() {
        if i % 8 == 3 {
            if let Some(p) = places.next() {
                out.push(p);
            }
        }
        out.push(e);
    }
    out.extend(places);
    out
}

/// Cumulative Zipf weights over ranks, for sampling with a binary search.
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize, s: f64) -> Self {
        let mut acc = 0.0;
        Zipf(
            (0..n)
                .map(|r| {
                    acc += 1.0 / ((r + 1) as f64).powf(s);
                    acc
                })
                .collect(),
        )
    }
    fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.f64() * self.0.last().copied().unwrap_or(0.0);
        self.0.partition_point(|&c| c <= x).min(self.0.len() - 1)
    }
}

// ---------------------------------------------------------------------------------------------
// Text with code-point offsets

#[derive(Default)]
struct Text {
    s: String,
    chars: usize,
}

impl Text {
    /// Appends `piece`; returns its half-open code-point range.
    fn push(&mut self, piece: &str) -> (u32, u32) {
        let start = self.chars;
        self.s.push_str(piece);
        self.chars += piece.chars().count();
        (start as u32, self.chars as u32)
    }
}

fn span(field: TextField, chars: &[char], (start, end): (u32, u32)) -> Span {
    newsfacts::extract::text::make_span(field, chars, start, end)
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `m10` tenths as "2.7" or "27".
fn tenths(m10: u64) -> String {
    if m10 % 10 == 0 {
        (m10 / 10).to_string()
    } else {
        format!("{}.{}", m10 / 10, m10 % 10)
    }
}

/// A figure as (amount, text without unit), log-uniform in [lo, hi]; large ones as "2.7 million".
fn figure(rng: &mut Rng, lo: f64, hi: f64) -> (u64, String) {
    let n = rng.log_uniform(lo, hi);
    if n >= 1_000_000_000 && rng.chance(0.8) {
        let m10 = (n / 100_000_000).max(10);
        (m10 * 100_000_000, format!("{} billion", tenths(m10)))
    } else if n >= 1_000_000 && rng.chance(0.8) {
        let m10 = (n / 100_000).max(10);
        (m10 * 100_000, format!("{} million", tenths(m10)))
    } else {
        (n, thousands(n))
    }
}

/// Rounds down to two significant figures (1,372 gives 1,300).
fn round_down(n: u64) -> u64 {
    if n < 100 {
        return n - n % 10;
    }
    let mut p = 1;
    while n / p >= 100 {
        p *= 10;
    }
    n / p * p
}

#[allow(clippy::too_many_arguments)]
fn quantity(
    kind: QuantityKind,
    amount: Option<f64>,
    modifier: QuantityModifier,
    unit: Option<&str>,
    unit_text: Option<&str>,
    unit_inferred: bool,
    duration: Option<String>,
    direction: Direction,
    text: String,
) -> Quantity {
    let (lower, upper) = match modifier {
        QuantityModifier::Exact => (amount, amount),
        QuantityModifier::MoreThan | QuantityModifier::AtLeast => (amount, None),
        QuantityModifier::LessThan | QuantityModifier::AtMost => (None, amount),
        _ => (None, None),
    };
    Quantity {
        kind,
        amount,
        modifier,
        lower_bound: lower,
        upper_bound: upper,
        unit: unit.map(Into::into),
        unit_text: unit_text.map(Into::into),
        unit_inferred,
        duration_iso8601: duration.map(Into::into),
        direction,
        vague_term: (modifier == QuantityModifier::Vague).then(|| text.as_str().into()),
        text: text.into(),
    }
}

/// A planned claim: its value, and how to write it.
struct Plan {
    value: Quantity,
    measure: &'static Measure,
    /// Integer amount (for "over N" headline and "about N" mentions); None for fractional or vague.
    whole: Option<u64>,
    /// Unit prefix/suffix for re-writing the figure in other mentions.
    money_prefix: Option<&'static str>,
    subject: usize,
    claimant: Option<usize>,
    quote: bool,
}

fn plan_claim(rng: &mut Rng, zipf: &Zipf, ents: &[Ent]) -> Plan {
    use QuantityKind as K;
    use QuantityModifier as M;
    let r = rng.f64();
    let kind = if r < 0.45 {
        K::Count
    } else if r < 0.70 {
        K::Money
    } else if r < 0.90 {
        K::Percent
    } else {
        K::Duration
    };
    // Subjects: organisations and people from the Zipf distribution (places are rarely subjects).
    let mut subject = zipf.sample(rng);
    for _ in 0..4 {
        if ents[subject].kind != EntityType::Place || ents[subject].id == "pakistan" {
            break;
        }
        subject = zipf.sample(rng);
    }
    let c = rng.f64();
    let claimant = if c < 0.5 {
        Some(subject)
    } else if c < 0.7 {
        Some(zipf.sample(rng))
    } else {
        None
    };
    let quote = rng.chance(0.12);
    let mut money_prefix = None;
    let (measure, value, whole) = match kind {
        K::Count => {
            let measure = rng.pick(COUNTS);
            let r = rng.f64();
            let (modifier, words) = if r < 0.70 {
                (M::Exact, "")
            } else if r < 0.80 {
                (M::MoreThan, "more than ")
            } else if r < 0.89 {
                (M::Approximately, "about ")
            } else if r < 0.92 {
                (M::AtLeast, "at least ")
            } else if r < 0.96 {
                (M::AtMost, "as many as ")
            } else if r < 0.99 {
                (M::LessThan, "fewer than ")
            } else {
                (M::Vague, "")
            };
            if modifier == M::Vague {
                let term = *rng.pick(&["dozens", "hundreds", "thousands"]);
                let q = quantity(
                    kind,
                    None,
                    modifier,
                    None,
                    None,
                    false,
                    None,
                    Direction::None,
                    term.to_string(),
                );
                (measure, q, None)
            } else {
                let (n, text) = figure(rng, 2.0, 5_000_000.0);
                let q = quantity(
                    kind,
                    Some(n as f64),
                    modifier,
                    None,
                    None,
                    false,
                    None,
                    Direction::None,
                    format!("{words}{text}"),
                );
                (measure, q, Some(n))
            }
        }
        K::Money => {
            let measure = rng.pick(MONEY);
            let pkr = rng.chance(0.7);
            let (n, text) = if pkr {
                figure(rng, 1_000.0, 500_000_000_000.0)
            } else {
                figure(rng, 10_000.0, 10_000_000_000.0)
            };
            let (unit, unit_text, prefix) = if pkr {
                ("PKR", "Rs", "Rs")
            } else {
                ("USD", "$", "$")
            };
            money_prefix = Some(prefix);
            let (modifier, words) = if rng.chance(0.85) {
                (M::Exact, "")
            } else {
                (M::Approximately, "about ")
            };
            let q = quantity(
                kind,
                Some(n as f64),
                modifier,
                Some(unit),
                Some(unit_text),
                pkr,
                None,
                Direction::None,
                format!("{words}{prefix}{text}"),
            );
            (measure, q, Some(n))
        }
        K::Percent => {
            let measure = rng.pick(PERCENTS);
            let p10 = rng.range(1, 999);
            let p10 = if rng.chance(0.6) {
                (p10 / 10).max(1) * 10
            } else {
                p10
            };
            let amount = p10 as f64 / 10.0;
            let (text, unit_text) = if rng.chance(0.7) {
                (format!("{} percent", tenths(p10)), "percent")
            } else {
                (format!("{}%", tenths(p10)), "%")
            };
            let direction =
                if measure.measured.starts_with("drop") || measure.measured.starts_with("fall") {
                    Direction::Decrease
                } else if measure.measured.starts_with("rise")
                    || measure.measured.starts_with("increase")
                {
                    Direction::Increase
                } else {
                    Direction::None
                };
            let q = quantity(
                kind,
                Some(amount),
                M::Exact,
                Some("percent"),
                Some(unit_text),
                false,
                None,
                direction,
                text,
            );
            (measure, q, None)
        }
        _ => {
            let measure = rng.pick(DURATIONS);
            let (unit, n, iso, word) = match rng.range(0, 4) {
                0 => {
                    let n = rng.range(1, 72);
                    ("hour", n, format!("PT{n}H"), "hour")
                }
                1 => {
                    let n = rng.range(1, 90);
                    ("day", n, format!("P{n}D"), "day")
                }
                2 => {
                    let n = rng.range(1, 12);
                    ("week", n, format!("P{n}W"), "week")
                }
                3 => {
                    let n = rng.range(1, 24);
                    ("month", n, format!("P{n}M"), "month")
                }
                _ => {
                    let n = rng.range(1, 10);
                    ("year", n, format!("P{n}Y"), "year")
                }
            };
            let plural = if n == 1 { "" } else { "s" };
            let (modifier, words) = if rng.chance(0.8) {
                (M::Exact, "")
            } else {
                (M::AtMost, "up to ")
            };
            let q = quantity(
                kind,
                Some(n as f64),
                modifier,
                Some(unit),
                Some(&format!("{word}{plural}")),
                false,
                Some(iso),
                Direction::None,
                format!("{words}{n} {word}{plural}"),
            );
            (measure, q, None)
        }
    };
    Plan {
        value,
        measure,
        whole,
        money_prefix,
        subject,
        claimant,
        quote,
    }
}

fn hex12(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The figure as written in another mention: "1,300" or "Rs1,300".
fn restate(plan: &Plan, n: u64) -> String {
    format!("{}{}", plan.money_prefix.unwrap_or(""), thousands(n))
}

/// A half-open code-point range.
type Range = (u32, u32);

struct Generated {
    article_id: String,
    article_json: Vec<u8>,
    mentions_json: Vec<Vec<u8>>,
    claims: Vec<(String, Vec<u8>)>,
}

#[allow(clippy::too_many_arguments)]
fn make_article(
    seed: u64,
    index: usize,
    claims_per_article: usize,
    ents: &[Ent],
    zipf: &Zipf,
    place_ranks: &[usize],
) -> Generated {
    use QuantityModifier as M;
    let mut rng = Rng::derive(seed, 1, index as u64);
    let day0 = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    let date = day0 + Duration::days(rng.range(0, 1825) as i64);
    let dateline = &ents[*rng.pick(place_ranks)];

    let plans: Vec<Plan> = (0..claims_per_article)
        .map(|_| plan_claim(&mut rng, zipf, ents))
        .collect();

    // Headline: about 25 % of articles put their first whole-number count or money claim in the title.
    let headline = plans
        .iter()
        .position(|p| p.whole.is_some_and(|n| n >= 20) && p.value.kind != QuantityKind::Percent)
        .filter(|_| rng.chance(0.25));
    let lead = &plans[0];
    let subj_name = |p: &Plan, rng: &mut Rng| -> (String, SurfaceKind) {
        let e = &ents[p.subject];
        match &e.acronym {
            Some(a) if rng.chance(0.5) => (a.clone(), SurfaceKind::Acronym),
            _ => (e.name.clone(), SurfaceKind::Name),
        }
    };
    let mut title = Text::default();
    let mut headline_range = None;
    let mut headline_evidence = None;
    if let Some(h) = headline {
        let p = &plans[h];
        let (name, _) = subj_name(p, &mut rng);
        let ev_start = title.push(&format!("{name} {} ", p.measure.verb)).0;
        let n = p.whole.unwrap();
        // "over N" below the exact figure; 1 in 20 headlines overstate it (inconsistent).
        let mut rounded = round_down(n);
        if rounded == n {
            rounded = round_down(n - n / 10);
        }
        if rng.chance(0.05) {
            rounded = round_down(n * 2);
        }
        headline_range = Some((
            title.push(&format!("over {}", restate(p, rounded))),
            rounded,
        ));
        let ev_end = title.push(&format!(" {}", p.measure.measured)).1;
        headline_evidence = Some((ev_start, ev_end));
        title.push(&format!(" in {}", dateline.name));
    } else {
        let (name, _) = subj_name(lead, &mut rng);
        title.push(&format!(
            "{name} {} {}",
            rng.pick(TITLE_PHRASES),
            dateline.name
        ));
    }
    let title_chars: Vec<char> = title.s.chars().collect();

    // Body: dateline, then one sentence per claim, then "about N" restatements.
    let mut body = Text::default();
    body.push(&format!("{}: ", dateline.name.to_uppercase()));
    let mut first_mention: BTreeMap<usize, ((u32, u32), SurfaceKind)> = BTreeMap::new();
    let mut canon: Vec<(Range, Range, MentionRole)> = Vec::new();
    let mut times: Vec<TimeQualifier> = Vec::new();
    for (j, p) in plans.iter().enumerate() {
        if j > 0 {
            body.push(if j % 4 == 0 { "\n\n" } else { " " });
        }
        let (name, surface) = subj_name(p, &mut rng);
        let t = rng.f64();
        let (time_text, time) = if t < 0.5 {
            let w = *rng.pick(WEEKDAYS);
            (
                format!(" {w}"),
                TimeQualifier {
                    point_in_time: Some(date),
                    start_date: None,
                    end_date: None,
                    precision: Some(DatePrecision::Day),
                    text: Some(w.into()),
                    resolution: TimeResolution::RelativeToArticleDate,
                },
            )
        } else if t < 0.75 {
            let back = date - Duration::days(rng.range(0, 400) as i64);
            let first = NaiveDate::from_ymd_opt(back.year(), back.month(), 1).unwrap();
            let text = format!("in {} {}", MONTHS[back.month0() as usize], back.year());
            (
                format!(" {text}"),
                TimeQualifier {
                    point_in_time: Some(first),
                    start_date: None,
                    end_date: None,
                    precision: Some(DatePrecision::Month),
                    text: Some(text.into()),
                    resolution: TimeResolution::Explicit,
                },
            )
        } else {
            (String::new(), TimeQualifier::none())
        };
        times.push(time);
        let verb = p.measure.verb;
        let measured = p.measure.measured;
        let qty = &p.value.text;
        let (q_range, e_range, role, subj_range);
        if p.quote {
            body.push("\u{201c}We ");
            let ev0 = body.push(&format!("{verb} ")).0;
            q_range = body.push(qty);
            let ev1 = body.push(&format!(" {measured}")).1;
            e_range = (ev0, ev1);
            body.push(&format!("{time_text},\u{201d} "));
            subj_range = body.push(&name);
            body.push(" said.");
            role = MentionRole::DirectQuote;
        } else {
            subj_range = body.push(&name);
            match p.value.kind {
                QuantityKind::Count => {
                    body.push(" said ");
                    let ev0 = body.push("").0;
                    q_range = body.push(qty);
                    let ev1 = body.push(&format!(" {measured} were {verb}")).1;
                    e_range = (ev0, ev1);
                    body.push(&format!("{time_text}."));
                }
                QuantityKind::Percent => {
                    body.push(" reported a ");
                    let ev0 = body.push("").0;
                    q_range = body.push(qty);
                    let ev1 = body.push(&format!(" {measured}")).1;
                    e_range = (ev0, ev1);
                    body.push(&format!("{time_text}."));
                }
                _ => {
                    let ev0 = body.push(&format!(" {verb} a {measured} of ")).0 + 1;
                    q_range = body.push(qty);
                    e_range = (ev0, q_range.1);
                    body.push(&format!("{time_text}."));
                }
            }
            role = MentionRole::Body;
        }
        first_mention
            .entry(p.subject)
            .or_insert((subj_range, surface));
        canon.push((q_range, e_range, role));
    }
    // Restatements: about 12 % of whole-number claims are repeated later as "about N".
    let mut about: Vec<Option<(Range, Range, u64)>> = vec![None; plans.len()];
    for (j, p) in plans.iter().enumerate() {
        let Some(n) = p.whole else { continue };
        if n < 20 || p.value.modifier != M::Exact || !rng.chance(0.12) {
            continue;
        }
        let rounded = round_down(n);
        body.push(" ");
        let ev0 = body.push("About ").0;
        let q = body.push(&restate(p, rounded));
        body.push(" of them");
        let ev1 = body.push(&format!(" were {}", p.measure.verb)).1;
        body.push(", officials said.");
        about[j] = Some((q, (ev0, ev1), rounded));
    }
    // The place of the dateline also appears in the text ("in Karachi").
    body.push(" ");
    let place_range = body.push(&dateline.name);
    body.push(" remained the focus of the operation.");
    let body_chars: Vec<char> = body.s.chars().collect();
    let place_rank = ents.iter().position(|e| e.id == dateline.id).unwrap_or(0);
    first_mention
        .entry(place_rank)
        .or_insert((place_range, SurfaceKind::Name));

    let article_id = format!(
        "art_{}",
        hex12(format!("{}\n{}\n{}", title.s, date, index).as_bytes())
    );
    let slug = slugify(&title.s);
    let summary = if rng.chance(0.3) {
        format!(
            "{} {} figures released",
            capitalize(lead.measure.measured),
            lead.measure.verb
        )
    } else {
        String::new()
    };
    let article = ArticleRecord {
        id: article_id.clone(),
        slug: slug.clone(),
        title: title.s.clone(),
        summary,
        caption: None,
        body: body.s.clone(),
        language: "en".into(),
        dateline: Some(dateline.name.clone()),
        article_date: date,
        article_date_kind: if rng.chance(0.7) {
            ArticleDateKind::Published
        } else {
            ArticleDateKind::Updated
        },
        source: Source {
            name: Some("Synthetic Wire".into()),
            url: None,
        },
        provenance: Provenance {
            corpus_file: format!("synth-{seed}.txt"),
            document_index: index as u32,
        },
    };
    let article_json = serde_json::to_vec(&article).unwrap();

    // Entity mentions: the first naming of the article's four most popular entities (keeps the file small).
    let mentions_json = first_mention
        .iter()
        .take(4)
        .map(|(&e, &(range, surface))| {
            serde_json::to_vec(&EntityMentionRecord {
                entity_id: ents[e].id.clone(),
                article_id: article_id.clone(),
                surface_kind: surface,
                span: span(TextField::Body, &body_chars, range),
            })
            .unwrap()
        })
        .collect();

    let mut claims = Vec::with_capacity(plans.len());
    for (j, p) in plans.into_iter().enumerate() {
        let (q_range, e_range, role) = canon[j];
        let mut mentions = Vec::with_capacity(3);
        let mut consistency = ClaimConsistency::Consistent;
        if headline == Some(j) {
            let (range, rounded) = headline_range.unwrap();
            let n = p.whole.unwrap();
            let ok = n > rounded;
            if !ok {
                consistency = ClaimConsistency::Inconsistent;
            }
            mentions.push(ClaimMention {
                role: MentionRole::Headline,
                is_canonical: false,
                value: quantity(
                    p.value.kind,
                    Some(rounded as f64),
                    M::MoreThan,
                    p.value.unit.as_deref(),
                    p.value.unit_text.as_deref(),
                    p.value.unit_inferred,
                    None,
                    Direction::None,
                    span(TextField::Title, &title_chars, range).exact().into(),
                ),
                quantity_span: span(TextField::Title, &title_chars, range),
                evidence_span: span(TextField::Title, &title_chars, headline_evidence.unwrap()),
                consistency: if ok {
                    MentionConsistency::Consistent
                } else {
                    MentionConsistency::Inconsistent
                },
                consistency_note: Some(if ok {
                    format!("Canonical {n} lies in ({rounded}, +inf).")
                } else {
                    format!("Canonical {n} is not above {rounded}.")
                }),
            });
        }
        let quantity_span = span(TextField::Body, &body_chars, q_range);
        let canonical_id = format!(
            "clm_{}",
            hex12(format!("{article_id}\nbody\n{}\n{}", q_range.0, q_range.1).as_bytes())
        );
        mentions.push(ClaimMention {
            role,
            is_canonical: true,
            value: p.value.clone(),
            quantity_span,
            evidence_span: span(TextField::Body, &body_chars, e_range),
            consistency: MentionConsistency::Same,
            consistency_note: None,
        });
        if let Some((q, e, rounded)) = about[j] {
            if consistency == ClaimConsistency::Consistent {
                consistency = ClaimConsistency::NotComparable;
            }
            let qs = span(TextField::Body, &body_chars, q);
            mentions.push(ClaimMention {
                role: MentionRole::Body,
                is_canonical: false,
                value: quantity(
                    p.value.kind,
                    Some(rounded as f64),
                    M::Approximately,
                    p.value.unit.as_deref(),
                    p.value.unit_text.as_deref(),
                    p.value.unit_inferred,
                    None,
                    Direction::None,
                    qs.exact().to_string(),
                ),
                quantity_span: qs,
                evidence_span: span(TextField::Body, &body_chars, e),
                consistency: MentionConsistency::NotComparable,
                consistency_note: None,
            });
        }
        let subject = &ents[p.subject];
        let record = ClaimRecord {
            id: canonical_id.as_str().into(),
            article_id: article_id.as_str().into(),
            label: format!("{} {}", capitalize(p.measure.measured), p.measure.verb).into(),
            predicate: p.measure.predicate.into(),
            measured: p.measure.measured.into(),
            subject_ids: vec![subject.id.clone()],
            attribution: AttributionRecord {
                claimant_ids: p.claimant.iter().map(|&c| ents[c].id.clone()).collect(),
                text: p.claimant.map(|_| "said".into()),
                claimed_date: p.claimant.map(|_| date),
                claimed_date_precision: p.claimant.map(|_| DatePrecision::Day),
            },
            value: p.value,
            time: times[j].clone(),
            mentions,
            consistency,
            extraction: Extraction {
                method: "rules".into(),
                version: "synth-1".into(),
                confidence: 0.9,
            },
        };
        claims.push((canonical_id, serde_json::to_vec(&record).unwrap()));
    }
    Generated {
        article_id,
        article_json,
        mentions_json,
        claims,
    }
}

// ---------------------------------------------------------------------------------------------

/// Writes `"name":[row,\nrow...]` and a separator.
fn write_section<'a>(
    w: &mut impl Write,
    name: &str,
    rows: impl Iterator<Item = &'a [u8]>,
    last: bool,
) -> std::io::Result<()> {
    write!(w, "\"{name}\":[")?;
    for (k, row) in rows.enumerate() {
        if k > 0 {
            w.write_all(b",\n")?;
        }
        w.write_all(row)?;
    }
    w.write_all(if last { b"]" } else { b"],\n" })
}

fn arg<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name}: cannot parse {v:?}"))
        })
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        eprintln!("usage: synth_store --out FILE [--articles N] [--claims-per-article K] [--entities E] [--seed S]");
        return Ok(());
    }
    let articles: usize = arg(&args, "--articles").unwrap_or(1000);
    let per: usize = arg(&args, "--claims-per-article").unwrap_or(10);
    let seed: u64 = arg(&args, "--seed").unwrap_or(42);
    let n_entities: usize =
        arg(&args, "--entities").unwrap_or_else(|| (articles / 25).clamp(60, 4000));
    let out: String = arg(&args, "--out").expect("--out FILE is required");
    assert!(per >= 1, "--claims-per-article must be at least 1");
    let started = Instant::now();

    let mut rng = Rng::new(seed);
    let ents = make_entities(&mut rng, n_entities);
    let zipf = Zipf::new(ents.len(), 1.05);
    let place_ranks: Vec<usize> = (0..ents.len())
        .filter(|&i| ents[i].kind == EntityType::Place && ents[i].id != "pakistan")
        .collect();

    let mut article_rows: Vec<(String, Vec<u8>)> = Vec::with_capacity(articles);
    let mut mention_rows: Vec<Vec<u8>> = Vec::with_capacity(articles * 4);
    let mut claim_rows: Vec<(String, Vec<u8>)> = Vec::with_capacity(articles * per);
    let mut used_articles = BTreeSet::new();
    let mut i = 0usize;
    let mut salt = 0usize;
    while article_rows.len() < articles {
        // The index salts the id; a (vanishingly rare) 48-bit collision just takes the next index.
        let g = make_article(seed, i + salt, per, &ents, &zipf, &place_ranks);
        if !used_articles.insert(g.article_id.clone()) {
            salt += 1_000_000_007;
            continue;
        }
        article_rows.push((g.article_id, g.article_json));
        mention_rows.extend(g.mentions_json);
        claim_rows.extend(g.claims);
        i += 1;
    }
    let gen_secs = started.elapsed().as_secs_f64();
    article_rows.sort_by(|a, b| a.0.cmp(&b.0));
    claim_rows.sort_by(|a, b| a.0.cmp(&b.0));
    let dup_claims = claim_rows.windows(2).filter(|w| w[0].0 == w[1].0).count();
    assert_eq!(
        dup_claims, 0,
        "claim id collision; try another seed or fewer claims"
    );

    let mut entity_rows: Vec<(String, Vec<u8>)> = ents
        .iter()
        .map(|e| {
            let rec = EntityRecord {
                id: e.id.clone(),
                name: e.name.clone(),
                entity_type: e.kind,
                aliases: e
                    .acronym
                    .iter()
                    .map(|a| Alias {
                        text: a.clone(),
                        kind: AliasKind::Acronym,
                        source: AliasSource::Curated,
                    })
                    .collect(),
                description: None,
                country_code: e.country.clone(),
                wikidata_id: None,
            };
            (e.id.clone(), serde_json::to_vec(&rec).unwrap())
        })
        .collect();
    entity_rows.sort_by(|a, b| a.0.cmp(&b.0));

    let file = std::fs::File::create(&out)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    writeln!(w, "{{\"format_version\":{FORMAT_VERSION},")?;
    write_section(
        &mut w,
        "articles",
        article_rows.iter().map(|r| r.1.as_slice()),
        false,
    )?;
    write_section(
        &mut w,
        "entities",
        entity_rows.iter().map(|r| r.1.as_slice()),
        false,
    )?;
    write_section(
        &mut w,
        "entity_mentions",
        mention_rows.iter().map(|r| r.as_slice()),
        false,
    )?;
    write_section(
        &mut w,
        "claims",
        claim_rows.iter().map(|r| r.1.as_slice()),
        true,
    )?;
    w.write_all(b"}\n")?;
    w.flush()?;
    drop(w);

    let size = std::fs::metadata(&out)?.len();
    let acronyms: Vec<&str> = ents
        .iter()
        .filter_map(|e| e.acronym.as_deref())
        .take(8)
        .collect();
    println!(
        "{{\"out\":{:?},\"bytes\":{size},\"mib\":{:.1},\"articles\":{},\"entities\":{},\"entity_mentions\":{},\"claims\":{},\"seed\":{seed},\"generate_s\":{:.2},\"total_s\":{:.2},\"top_entities\":{:?},\"acronyms\":{:?}}}",
        out,
        size as f64 / 1048576.0,
        article_rows.len(),
        entity_rows.len(),
        mention_rows.len(),
        claim_rows.len(),
        gen_secs,
        started.elapsed().as_secs_f64(),
        ents.iter().take(5).map(|e| e.id.as_str()).collect::<Vec<_>>(),
        acronyms,
    );
    Ok(())
}
