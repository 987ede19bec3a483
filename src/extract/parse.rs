//! Splitting pasted pages into articles and reading their metadata.
//!
//! A pasted news page is a title line followed by a header zone (photo caption, boilerplate such as
//! "Short Url" or "Follow", a date line, the title again, summary bullets) and then the body, which starts
//! at a dateline ("ISLAMABAD:") or at the first line that reads like a paragraph. Footers such as
//! "Published in Dawn, September 10th, 2025" give the source and, when the header had none, the date.
//! A file may hold several articles one after another; they are separated by two or more blank lines or a
//! rule line, or recognised by a second title followed by its own date line.

use crate::extract::entities::STOP_CAPS_SET;
use crate::extract::text::{captures_if_match, ends_with_ci, starts_with_ci};
use crate::store::model::ArticleDateKind;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// One article read from an input, before any extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedArticle {
    /// Headline.
    pub title: String,
    /// Summary bullets joined by `\n`, without glyphs.
    pub summary: String,
    /// Photo caption.
    pub caption: Option<String>,
    /// Body paragraphs joined by `\n\n`, the dateline paragraph included.
    pub body: String,
    /// Place named in the dateline, title-cased.
    pub dateline: Option<String>,
    /// Date printed on the page.
    pub article_date: NaiveDate,
    /// Whether the date is a publication or an update date.
    pub article_date_kind: ArticleDateKind,
    /// Publisher, when the text names it.
    pub source_name: Option<String>,
    /// Address, when the input gives it.
    pub source_url: Option<String>,
    /// BCP 47 language tag.
    pub language: String,
    /// File name of the input.
    pub corpus_file: String,
    /// Zero-based position within the file.
    pub document_index: u32,
}

/// Why an input (or one article of it) cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    /// One-based line number in the input, when the problem is tied to a line.
    pub line: Option<usize>,
    /// What is wrong.
    pub reason: String,
}

impl ParseProblem {
    fn at(line: usize, reason: impl Into<String>) -> Self {
        ParseProblem {
            line: Some(line),
            reason: reason.into(),
        }
    }
    fn whole(reason: impl Into<String>) -> Self {
        ParseProblem {
            line: None,
            reason: reason.into(),
        }
    }
}

const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({m})\.?,?\s+(\d{{4}})|({m})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})|(\d{{4}})-(\d{{2}})-(\d{{2}}))(?-u:\b)",
        m = MONTHS
    ))
    .unwrap()
});

static DATE_LABEL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(last updated|last update|updated|modified|first published|published|posted|printed|date)(?-u:\b)").unwrap()
});

/// What may stand beside the date on a date line: a weekday, a time of day with its zone, separators and
/// bare counters (comment and view counts printed next to the date).
static DATE_FURNITURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?(?-u:\b)\.?|(?-u:\b)\d{1,2}(?::\d{2}){1,2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?|(?-u:\b)\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|(?-u:\b)(?:ist|pkt|pst|bst|npt|slst|gmt|utc)(?-u:\b)|(?-u:\b)(?:at|on)(?-u:\b)")
        .unwrap()
});

/// True when nothing but date furniture stands beside the date at `s..e` of the line `t`: no word is left.
fn only_date_furniture(t: &str, s: usize, e: usize) -> bool {
    let rest = format!("{} {}", &t[..s], &t[e..]);
    !DATE_FURNITURE_RE
        .replace_all(&rest, " ")
        .chars()
        .any(char::is_alphabetic)
}

static FOOTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:published|printed|appeared) in (?:the )?(.+?)[,;]\s*(.*)$").unwrap()
});

static BOILERPLATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
          short\s*url | skip\s+to\s+(?:main\s+)?content | follow(?:\s+us)? | share(?:\s+(?:this|via))?(?:\s+article)? | print | comments?(?:\s*\(\d+\)|\s*[-:–—]\s*\d+)? | \d+\s+comments? | add\s+(?:a\s+)?comments? |
          listen(?:\s+to\s+(?:this\s+)?(?:article|news|story))? | tweet | email | e-mail | whatsapp | facebook | twitter | x | linkedin | reddit |
          telegram | copy(?:\s+link)? | save | advertisement | ad | sponsored | story\s+continues\s+below | read\s+more |
          see\s+also | related(?:\s+(?:stories|news|articles))? | subscribe | sign\s+in | log\s+in | home | latest | news |
          most\s+read | trending | top\s+stories | \d+\s+min(?:ute)?s?\s+read | reading\s+time:?.* | font\s+size.* |
          facebook\s+count | twitter\s+share | google\s+news | follow\s+(?:us\s+)?on\s+.* | copyright(?-u:\b).* | ©.* |
          all\s+rights\s+reserved.* | (?:also|read|read\s+more|read\s+also|also\s+read|related|related\s+topics?)\s*:.* | click\s+here.* | audio | video | play |
          photo | image | view\s+comments | open\s+in\s+app | show\s+more | back\s+to\s+top |
          \(?(?:except\s+for\s+the\s+headline,\s+)?this\s+(?:story|article|report|copy)\s+has\s+not\s+been\s+edited(?-u:\b).* |
          (?-i:(?:PTI|IANS|ANI|UNI|APP|PPI)(?:\s+[A-Z]{2,4}){1,6})
        )\.?$",
    )
    .unwrap()
});

/// What a page puts after a story, or in a box inside it, opened by a label line of its own.
#[derive(Debug, Clone, Copy, PartialEq)]
enum AfterMatter {
    /// Links to other stories ("ALSO READ", "Related News", "Most Read from Money", "Suggested
    /// Topics:"): headlines, tags and numbered lists, until a sentence of the story resumes.
    Links,
    /// Readers' comments ("COMMENTS (3)", "Read Comments"): the rest of the page.
    Comments,
}

/// A label that opens a box of links to other stories: a short line, perhaps ending in a colon.
static LINKS_LABEL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:also\s+read|read\s+(?:also|more)|see\s+also|related(?:\s+(?:news|stories|articles|topics?|coverage|content))?|recommended(?:\s+(?:for\s+you|stories|articles))?|(?:most|more)\s+(?:read|popular|viewed|shared)(?:\s+(?:from|in|on)\s+[a-z&' -]{1,30})?|more\s+(?:from|on|in)\s+[a-z&' -]{1,30}|trending(?:\s+now)?|top\s+stories|latest\s+(?:news|stories)|you\s+may\s+(?:also\s+)?like|suggested\s+(?:topics|reading|stories|articles)|editor'?s?\s+picks?|subscribe\s+to\s+our\s+[a-z ]{0,30}newsletters?)\s*:?$",
    )
    .unwrap()
});

/// A label that opens the readers' comments: "Comments", "COMMENTS (3)", "Read Comments", "12 comments".
static COMMENTS_LABEL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:read|view|show|see|post\s+a|leave\s+a|add\s+a)\s+)?comments?(?:\s*\(\d+\)|\s*[-:–—]\s*\d+)?$|^\d+\s+comments?$")
        .unwrap()
});

/// The box or section a label line `t` opens, if it is one.
fn after_matter(t: &str) -> Option<AfterMatter> {
    if t.len() > 80 {
        return None;
    }
    if COMMENTS_LABEL_RE.is_match(t) {
        Some(AfterMatter::Comments)
    } else if LINKS_LABEL_RE.is_match(t) {
        Some(AfterMatter::Links)
    } else {
        None
    }
}

/// Whether `t` reads as a sentence of a story (eight words or more, ending as a sentence ends), which
/// a headline, a tag or a section name does not.
fn is_sentence(t: &str) -> bool {
    word_count(t, 8) >= 8 && t.ends_with(['.', '"', '”', '’', '?', '!'])
}

static SIGN_OFF_TAIL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?”\x22’']\s+(?:PTI|IANS|ANI|UNI)(?:\s+[A-Z]{2,4}){1,6}$").unwrap()
});

static BULLET_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[•·▪‣◦●■□➤►\*–—-]\s+(.+)$").unwrap());

static CAPTION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:
          \(\s*(?:[^()]*/\s*)?(?:AFP|Reuters|AP|APP|PPI|INP|NNI|Online|PTI|ANI|IANS|Xinhua|Anadolu|EPA|Getty(?:\s+Images)?|Bloomberg|File|Photo[^()]*|Screengrab[^()]*|X|Twitter|Facebook|Dawn|Express|The\s+News|Courtesy[^()]*|Handout|Supplied|(?-i:[A-Z]{2,5})\s+(?:Archive|File|Photo))(?:\s*/\s*[^()]*)?\s*\)\.?$ |
          [-—–]\s*(?:AFP|Reuters|AP|APP|PPI|INP|PTI|ANI|File|File\s+photo|Photo(?:\s+(?:by|via|courtesy|:)\s*.*)?|Pic(?:ture)?\s*(?:by|:)\s*.*|Screengrab.*|Dawn|Courtesy.*|Handout|White\s*Star|X/.*|@\S+)\.?$ |
          ^(?:photo|file\s+photo|header\s+image|image|caption|picture)\s*[:-] |
          (?-u:\b)photo\s*:\s*[\w/\x20.-]{2,30}$ |
          (?-u:\b)photo\x20credits?\x20?:\x20?[A-Za-z/\x20.'-]{2,40}$ |
          (?-u:\b)(?-i:REUTERS|AFP|AP|EPA)/[A-Za-z/\x20.'-]{2,60}$ |
          ^item\s+\d+\s+of\s+\d+\s |
          [.!?]\s+(?:[a-z]+\s+)?(?:file\s+)?photo(?:graph)?\.?$
        )",
    )
    .unwrap()
});

static DATELINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+)*(?:\s*/\s*[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+)*)*)(?:\s*,\s*[A-Za-z]+\.?\s+\d{1,2})?\s*(?:\([^)]{1,30}\))?\s*(?::\s|:$|\s[-—–]\s)",
    )
    .unwrap()
});

/// "Islamabad, Sept 10 (APP):" and "Kathmandu, Nov 20 -- ": a place in title case, a month and day, then
/// an agency in brackets or a dash.
static DATELINE_MIXED_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^([A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}})(?:,\s+(?i:{MONTHS})\.?\s+\d{{1,2}}\s*(?:\(([A-Z]{{2,8}})\)\s*[:—–-]?|--?|[—–:])|\s+(?:—|--))\s"
    ))
    .unwrap()
});

/// Parses a date written as "09 September 2025", "September 9, 2025", "Sept 10th, 2025" or "2025-09-09".
pub fn parse_date_in(s: &str) -> Option<(NaiveDate, usize, usize)> {
    // Most lines hold no date: a plain match test is cheaper than setting up capture groups.
    if !DATE_RE.is_match(s) {
        return None;
    }
    for c in DATE_RE.captures_iter(s) {
        let m = c.get(0).unwrap();
        let date = if let (Some(d), Some(mo), Some(y)) = (c.get(1), c.get(2), c.get(3)) {
            ymd(y.as_str(), month_number(mo.as_str())?, d.as_str())
        } else if let (Some(mo), Some(d), Some(y)) = (c.get(4), c.get(5), c.get(6)) {
            ymd(y.as_str(), month_number(mo.as_str())?, d.as_str())
        } else {
            let (y, mo, d) = (c.get(7)?, c.get(8)?, c.get(9)?);
            ymd(y.as_str(), mo.as_str().parse().ok()?, d.as_str())
        };
        if let Some(date) = date {
            return Some((date, m.start(), m.end()));
        }
    }
    None
}

fn ymd(y: &str, m: u32, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m, d.parse().ok()?)
}

/// Month number of an English month name or abbreviation.
pub fn month_number(s: &str) -> Option<u32> {
    let l = s.to_ascii_lowercase();
    let l = l.trim_end_matches('.');
    let n = match l.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// What a line of a pasted page is.
#[derive(Debug, Clone, PartialEq)]
enum Line {
    Blank,
    Boilerplate,
    /// A header date, with the place named before it ("Dhaka, November 24, 2026").
    Date(NaiveDate, ArticleDateKind, Option<String>),
    Footer(Option<String>, Option<NaiveDate>),
    Text,
}

fn classify(line: &str) -> Line {
    let t = line.trim();
    if t.is_empty() {
        return Line::Blank;
    }
    let footer = captures_if_match(&FOOTER_RE, t);
    if let Some(c) = footer {
        let date = parse_date_in(c.get(2).map_or("", |m| m.as_str())).map(|d| d.0);
        let name = c.get(1).map(|m| m.as_str().trim().to_string());
        if date.is_some() || t.len() < 60 {
            return Line::Footer(name, date);
        }
    }
    if t.chars().count() <= 140 {
        if let Some((date, s, e)) = parse_date_in(t) {
            let label = DATE_LABEL_RE
                .find(t)
                .map(|m| m.as_str().to_ascii_lowercase());
            let byline = t.starts_with("By ") || t.contains('|');
            let mostly_date = (e - s) * 10 >= t.len() * 5 || only_date_furniture(t, s, e);
            // The place before the date on a line with neither label nor byline ("Dhaka, November 24,
            // 2026").
            let lead_place = if label.is_none() && !byline {
                place_before_date(&t[..s])
            } else {
                None
            };
            // "New Delhi, Nov 24, 2026 10:42 PM IST": a place, the date and its furniture.
            let placed_date = || lead_place.is_some() && only_date_furniture(&t[s..], 0, e - s);
            if label.is_some() || byline || mostly_date || placed_date() {
                let kind = match label.as_deref() {
                    Some("updated") | Some("last updated") | Some("last update")
                    | Some("modified") => ArticleDateKind::Updated,
                    Some("published")
                    | Some("first published")
                    | Some("posted")
                    | Some("printed") => ArticleDateKind::Published,
                    _ => ArticleDateKind::Unknown,
                };
                let place = if t.contains('|') {
                    // "Legal Correspondent | New Delhi | Updated: Nov 26, 2026": a segment of its own.
                    t.split('|').find_map(|seg| place_name(seg.trim()))
                } else {
                    lead_place
                };
                return Line::Date(date, kind, place);
            }
        }
    }
    // Share counts and other lines without a letter ("- 0 - 1,482") are page furniture, not text.
    if BOILERPLATE_RE.is_match(t)
        || !t.chars().any(char::is_alphabetic)
        || web_furniture(t)
        || share_buttons(t)
    {
        return Line::Boilerplate;
    }
    Line::Text
}

/// A place written before a header date and a comma: one to three capitalised words that name neither a
/// weekday nor the writer ("Dhaka, November 24, 2026"; not "Tuesday, ..." or "Staff Reporter, ...").
static PLACE_BEFORE_DATE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{L}.'’-]+(?:\s\p{Lu}[\p{L}.'’-]+){0,2}$").unwrap());

/// Words that make the text before a header date a weekday or a byline rather than a place.
static NOT_A_PLACE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?-u:\b)|reporter|correspondent|staff|desk|bureau|news|agency|agencies|report|online|web|monitoring|editor|writer|updated|published|posted").unwrap()
});

/// The place in `before`, the text of a header line before its date and a comma, in title case.
fn place_before_date(before: &str) -> Option<String> {
    place_name(before.trim().strip_suffix(',')?.trim_end())
}

/// `text` in title case when it is a place's name: capitalised words, neither a weekday nor the writer.
fn place_name(text: &str) -> Option<String> {
    (PLACE_BEFORE_DATE_RE.is_match(text) && !NOT_A_PLACE_RE.is_match(text))
        .then(|| title_case(text))
}

/// Links and credits a site pastes around a story: "..., opens new tab", "Like Business on Facebook,
/// follow ...", "Track Latest News Live on ...", "Catch all the ... News ...", "Our Standards: ...",
/// "(Reporting by ...; Editing by ...)". Literal tests, as these lines are rare and every line is tested.
fn web_furniture(t: &str) -> bool {
    let t = t.trim_end_matches('.');
    ends_with_ci(t, ", opens new tab")
        || starts_with_ci(t, "like ")
            && ends_with_ci(t.split(',').next().unwrap_or(""), " on facebook")
        || starts_with_ci(t, "track latest news")
        || starts_with_ci(t, "catch all the ") && t.contains(" News")
        || starts_with_ci(t, "get latest ") && t.contains(" News")
        || starts_with_ci(t, "follow ") && follows_on_a_platform(t)
        || starts_with_ci(t, "our standards:")
        || starts_with_ci(t, "(reporting by ") && t.ends_with(')')
        || starts_with_ci(t, "reporting by ") && t.contains("; Editing by ")
}

/// Social networks and news apps a page asks its reader to follow it on.
const PLATFORMS: &[&str] = &[
    "google news",
    "twitter",
    "facebook",
    "instagram",
    "whatsapp",
    "youtube",
    "telegram",
    "threads",
    "linkedin",
    "x",
];

/// "Follow @ETribune on Twitter", "Follow The Daily Star on Google News for the latest news": a short
/// line that names a platform after " on ".
fn follows_on_a_platform(t: &str) -> bool {
    word_count(t, 17) <= 16
        && t.split(" on ").skip(1).any(|rest| {
            PLATFORMS.iter().any(|p| {
                starts_with_ci(rest, p)
                    && !rest[p.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
        })
}

/// A row of share buttons and counters, each a line of furniture of its own ("Share: Facebook | Twitter
/// | WhatsApp | Email | COMMENTS (2)").
fn share_buttons(t: &str) -> bool {
    let t = if starts_with_ci(t, "share:") {
        &t[6..]
    } else {
        t
    };
    // Such rows are short: no search through a paragraph for a bar.
    t.len() <= 160 && t.contains('|') && t.split('|').all(|seg| BOILERPLATE_RE.is_match(seg.trim()))
}

fn is_caption(t: &str) -> bool {
    CAPTION_RE.is_match(t)
}

/// The number of words of `t`, counted up to `limit` (callers only compare against small numbers).
fn word_count(t: &str, limit: usize) -> usize {
    t.split_whitespace().take(limit).count()
}

fn is_title_like(t: &str) -> bool {
    let n = t.chars().count();
    let w = word_count(t, 41);
    (2..=40).contains(&w)
        && n <= 250
        && !BULLET_RE.is_match(t)
        && !DATELINE_RE.is_match(t)
        && !t.ends_with(':')
        && (!t.ends_with('.') || w <= 25)
}

/// A byline: "By" and the writer, perhaps with a place ("By Shreya Vaidyanathan, New Delhi"), in a
/// line too short to be a sentence.
fn is_byline(t: &str) -> bool {
    t.strip_prefix("By ")
        .is_some_and(|rest| rest.starts_with(char::is_uppercase) && word_count(rest, 9) <= 8)
        && !t.ends_with('.')
}

fn is_body_like(t: &str) -> bool {
    let w = word_count(t, 16);
    DATELINE_RE.is_match(t)
        || DATELINE_MIXED_RE.is_match(t)
        || w >= 16
        || (w >= 8 && t.ends_with(['.', '"', '”', '?']))
}

/// Title-cases an all-caps dateline ("DERA ISMAIL KHAN" -> "Dera Ismail Khan").
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut out = String::new();
            let mut first = true;
            for c in w.chars() {
                if first && c.is_alphabetic() {
                    out.extend(c.to_uppercase());
                    first = false;
                } else {
                    out.extend(c.to_lowercase());
                    if c == '-' || c == '/' {
                        first = true;
                    }
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads the dateline place from a body's first paragraph.
pub fn dateline_of(first_paragraph: &str) -> Option<String> {
    if let Some(c) = DATELINE_RE.captures(first_paragraph) {
        let place = c.get(1)?.as_str();
        let letters = place.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 3 {
            let first = place.split('/').next().unwrap_or(place).trim();
            return Some(title_case(first));
        }
    }
    if let Some(c) = DATELINE_MIXED_RE.captures(first_paragraph) {
        let place = c.get(1)?.as_str();
        // Without a date, a word that opens sentences ("Meanwhile — ", "The Authority — ") is no dateline.
        let dated = c.get(0)?.as_str().contains(',');
        let first = place.split(' ').next().unwrap_or(place);
        if dated || !STOP_CAPS_SET.contains(first) {
            return Some(place.to_string());
        }
    }
    None
}

fn clean_para(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
        .to_string()
}

/// Splits a normalised text file into article chunks as `(first line index, lines)`.
fn split_chunks(lines: &[&str]) -> Vec<(usize, usize)> {
    // Separators: two or more whitespace-only lines, or a rule line.
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < lines.len() {
        let t = lines[i].trim();
        let rule = t.len() >= 3
            && t.chars()
                .all(|c| matches!(c, '-' | '*' | '=' | '_' | '#' | '~' | ' '))
            || t == "\u{c}";
        if rule {
            raw.push((start, i));
            start = i + 1;
            i += 1;
            continue;
        }
        if t.is_empty() {
            let mut j = i;
            while j < lines.len() && lines[j].trim().is_empty() {
                j += 1;
            }
            if j - i >= 2 {
                raw.push((start, i));
                start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    raw.push((start, lines.len()));
    let raw: Vec<(usize, usize)> = raw
        .into_iter()
        .filter(|&(s, e)| lines[s..e].iter().any(|l| !l.trim().is_empty()))
        .collect();

    // Merge chunks that do not start an article into the previous one.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in raw {
        if merged.is_empty() || starts_article(&lines[s..e]) {
            merged.push((s, e));
        } else {
            merged.last_mut().unwrap().1 = e;
        }
    }
    // Split chunks that hold a second title + date header after their body began.
    let mut out = Vec::new();
    for (s, e) in merged {
        let mut cur = s;
        let mut body_started = false;
        let mut first_text_seen = false;
        let mut k = s;
        while k < e {
            let t = lines[k].trim();
            match classify(t) {
                Line::Text if !first_text_seen => first_text_seen = true,
                Line::Text if !body_started && is_body_like(t) && !is_caption(t) => {
                    body_started = true;
                }
                Line::Date(..) if body_started => {
                    // Walk back over blanks, boilerplate and captions to the title.
                    let mut b = k;
                    let mut title_at = None;
                    while b > cur + 1 {
                        b -= 1;
                        let bt = lines[b].trim();
                        match classify(bt) {
                            Line::Blank | Line::Boilerplate => continue,
                            Line::Text if is_caption(bt) || is_byline(bt) => continue,
                            // A byline ("Post Report", "Staff Reporter") is not a second title:
                            // headlines run to four words or more.
                            Line::Text
                                if is_title_like(bt)
                                    && !bt.ends_with('.')
                                    && word_count(bt, 4) >= 4 =>
                            {
                                title_at = Some(b);
                                break;
                            }
                            _ => break,
                        }
                    }
                    if let Some(tb) = title_at {
                        if k - tb <= 8 && is_whole_article(&lines[cur..tb]) {
                            out.push((cur, tb));
                            cur = tb;
                            body_started = false;
                            first_text_seen = true;
                        }
                    }
                }
                _ => {}
            }
            k += 1;
        }
        out.push((cur, e));
    }
    out
}

/// Whether `lines`, from a title up to a later title and date, hold an article of their own: a date,
/// or a paragraph of body besides the first line after the title. A standfirst alone under a headline
/// ("21 of 30 economists polled expect ...", then "By ..." and the date) is the same article's header.
fn is_whole_article(lines: &[&str]) -> bool {
    let mut texts = lines
        .iter()
        .map(|l| l.trim())
        .filter(|t| !t.is_empty())
        .skip(1)
        // Each qualifying line, and whether it is a date.
        .filter_map(|t| match classify(t) {
            Line::Date(..) | Line::Footer(_, Some(_)) => Some(true),
            Line::Text if is_body_like(t) && !is_caption(t) && !is_byline(t) => Some(false),
            _ => None,
        });
    texts
        .next()
        .is_some_and(|dated| dated || texts.next().is_some())
}

/// Where the headline of `lines` is: the first line that is not blank, unless the page was pasted with
/// the site's masthead and menu above it ("DAWN", "Home", "Latest", "Pakistan", ...: the first line
/// and two of the next three short or page furniture, none a date). The headline is then the first
/// line of four words or more, not a full sentence, that a header date follows within six lines,
/// before any paragraph of the story.
fn title_index(lines: &[&str]) -> Option<usize> {
    let head: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.trim()))
        .filter(|(_, t)| !t.is_empty())
        .take(48)
        .collect();
    let first = head.first()?.0;
    let menu_item = |t: &str| match classify(t) {
        Line::Boilerplate => true,
        Line::Text => word_count(t, 4) <= 3 && !t.ends_with('.'),
        _ => false,
    };
    if head.len() < 4
        || !menu_item(head[0].1)
        || head[..4].iter().filter(|(_, t)| menu_item(t)).count() < 3
    {
        return Some(first);
    }
    for (k, &(i, t)) in head.iter().enumerate() {
        if is_sentence(t) || DATELINE_RE.is_match(t) {
            break;
        }
        let headline = word_count(t, 4) >= 4
            && !t.ends_with('.')
            && is_title_like(t)
            && classify(t) == Line::Text
            && !is_caption(t)
            && !is_byline(t);
        if headline
            && head[k + 1..head.len().min(k + 7)]
                .iter()
                .any(|(_, n)| matches!(classify(n), Line::Date(..)))
        {
            return Some(i);
        }
    }
    Some(first)
}

fn starts_article(chunk: &[&str]) -> bool {
    let Some(title) = title_index(chunk) else {
        return false;
    };
    let texts: Vec<&str> = chunk[title..]
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    if texts.len() < 2
        || !is_title_like(texts[0])
        || is_body_like(texts[0]) && texts[0].ends_with('.')
    {
        return false;
    }
    let head = &texts[1..texts.len().min(15)];
    head.iter().any(|t| matches!(classify(t), Line::Date(..))) || head.contains(&texts[0])
}

/// Parses a text input that may hold several pasted articles.
pub fn parse_articles(text: &str, file_name: &str) -> Result<Vec<ParsedArticle>, ParseProblem> {
    let lines: Vec<&str> = text.split('\n').collect();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(ParseProblem::whole("empty"));
    }
    let mut out = Vec::new();
    for (s, e) in split_chunks(&lines) {
        let art = parse_chunk(&lines[s..e], s, file_name, out.len() as u32)?;
        out.push(art);
    }
    Ok(out)
}

fn parse_chunk(
    lines: &[&str],
    offset: usize,
    file_name: &str,
    index: u32,
) -> Result<ParsedArticle, ParseProblem> {
    let title_idx =
        title_index(lines).ok_or_else(|| ParseProblem::at(offset + 1, "empty article"))?;
    let title = clean_para(lines[title_idx]);
    let line_no = offset + title_idx + 1;
    if !is_title_like(&title)
        || matches!(
            classify(&title),
            Line::Date(..) | Line::Boilerplate | Line::Footer(..)
        )
    {
        return Err(ParseProblem::at(
            line_no,
            format!(
                "no title (first line reads like body text: {:?})",
                short(&title)
            ),
        ));
    }
    let mut date: Option<(NaiveDate, ArticleDateKind)> = None;
    let mut header_place: Option<String> = None;
    let mut source_name = None;
    let mut caption: Option<String> = None;
    let mut bullets: Vec<String> = Vec::new();
    let mut paras: Vec<String> = Vec::new();
    let mut in_body = false;
    // The box or section of links or comments the lines are in, once the story began.
    let mut after: Option<AfterMatter> = None;
    for line in &lines[title_idx + 1..] {
        let t = clean_para(line);
        if in_body {
            if let Some(a) = after_matter(&t) {
                if after != Some(AfterMatter::Comments) {
                    after = Some(a);
                }
                continue;
            }
        }
        match classify(&t) {
            Line::Blank | Line::Boilerplate => continue,
            Line::Date(d, k, place) => {
                // The header date ends the front matter: a standfirst and short header lines read as
                // the story's first paragraphs ("Bench finds ...", "Legal Correspondent", "New Delhi")
                // are the summary and dropped lines, as before a byline.
                if in_body
                    && date.is_none()
                    && paras.len() <= 4
                    && paras.iter().all(|p| word_count(p, 41) <= 40)
                    && dateline_of(&paras[0]).is_none()
                {
                    for p in paras.drain(..) {
                        if word_count(&p, 8) >= 8 {
                            bullets.push(p);
                        }
                    }
                    in_body = false;
                }
                if !in_body && header_place.is_none() {
                    header_place = place;
                }
                match date {
                    None => date = Some((d, k)),
                    // An unlabelled header date takes the label of a later header line for the same day
                    // ("Tue Oct 7, 2025 12:00 AM", then "Last update on: Tue Oct 7, 2025 12:41 AM").
                    Some((d0, ArticleDateKind::Unknown)) if !in_body && d0 == d => {
                        date = Some((d, k));
                    }
                    _ => {}
                }
                continue;
            }
            Line::Footer(name, d) => {
                if source_name.is_none() {
                    source_name = name;
                }
                // The footer's date is the publication date: it stands in for a header date whose kind
                // the page did not say.
                if let (None | Some((_, ArticleDateKind::Unknown)), Some(d)) = (&date, d) {
                    date = Some((d, ArticleDateKind::Published));
                }
                continue;
            }
            Line::Text => {}
        }
        match after {
            Some(AfterMatter::Comments) => continue,
            // A sentence after a box of links is the story again.
            Some(AfterMatter::Links) if is_sentence(&t) => after = None,
            Some(AfterMatter::Links) => continue,
            None => {}
        }
        // A byline is never article text; a short paragraph or two before it are the standfirst
        // ("The bench said ...\n\nBy Asha Rao, New Delhi"), which is the summary.
        if is_byline(&t) {
            if in_body && paras.len() <= 2 && paras.iter().all(|p| word_count(p, 41) <= 40) {
                bullets.append(&mut paras);
                in_body = false;
            }
            continue;
        }
        if !in_body {
            if t == title {
                continue;
            }
            if let Some(c) = BULLET_RE.captures(&t) {
                bullets.push(clean_para(c.get(1).unwrap().as_str()));
                continue;
            }
            if is_caption(&t) && caption.is_none() && !DATELINE_RE.is_match(&t) {
                caption = Some(t);
                continue;
            }
            if t.starts_with("By ") && word_count(&t, 9) <= 8 {
                continue;
            }
            if !is_body_like(&t) {
                // A short header line (byline, section name): not part of the article text.
                continue;
            }
            in_body = true;
        }
        // A wire sign-off pasted onto the last sentence ("... comparable. PTI ABC DV").
        let t = match SIGN_OFF_TAIL_RE.find(&t) {
            // Keep the closing punctuation (one character, possibly multibyte).
            Some(m) => {
                let keep = m.start() + t[m.start()..].chars().next().map_or(0, char::len_utf8);
                t[..keep].to_string()
            }
            None => t,
        };
        paras.push(t);
    }
    let Some((article_date, article_date_kind)) = date else {
        return Err(ParseProblem::at(
            line_no,
            format!(
                "no article date for {:?} (expected a line such as \"Updated 09 September 2025\")",
                short(&title)
            ),
        ));
    };
    // A dateline pasted as a line of its own ("LAHORE:") opens the first paragraph, as it does in print.
    if paras.len() >= 2 && paras[0].ends_with(':') && DATELINE_RE.is_match(&paras[0]) {
        let lead = paras.remove(0);
        paras[0] = format!("{lead} {}", paras[0]);
    }
    // The article begins at its dateline: short paragraphs before one a little further down are the
    // page's front matter: a photo caption, a standfirst and summary bullets (the summary, in page
    // order), and short lines such as a byline or "Listen to News" (dropped).
    // (Not when the first paragraph has a dateline of its own: a roundup has one per place.)
    let mut dateline = paras.first().and_then(|p| dateline_of(p));
    if dateline.is_none() {
        let later = (1..paras.len().min(8)).find_map(|k| dateline_of(&paras[k]).map(|d| (k, d)));
        if let Some((k, place)) = later {
            if paras[..k].iter().all(|p| word_count(p, 41) <= 40) {
                for p in paras.drain(..k) {
                    if caption.is_none() && is_caption(&p) {
                        caption = Some(p);
                    } else if let Some(c) = BULLET_RE.captures(&p) {
                        bullets.push(clean_para(c.get(1).unwrap().as_str()));
                    } else if word_count(&p, 8) >= 8 {
                        bullets.push(p);
                    }
                }
                dateline = Some(place);
            }
        }
    }
    // Short lines after the last sentence are the page's tags and links ("Public Accounts Committee",
    // "Like Facebook Page"), not the story.
    while paras.len() > 1
        && paras.last().is_some_and(|p| {
            word_count(p, 9) <= 8 && !p.ends_with(['.', '"', '”', '’', '?', '!', ')'])
        })
    {
        paras.pop();
    }
    if paras.is_empty() {
        return Err(ParseProblem::at(
            line_no,
            format!("no body text after the title {:?}", short(&title)),
        ));
    }
    let dateline = dateline.or(header_place);
    Ok(ParsedArticle {
        title,
        summary: bullets.join("\n"),
        caption,
        body: paras.join("\n\n"),
        dateline,
        article_date,
        article_date_kind,
        source_name,
        source_url: None,
        language: "en".to_string(),
        corpus_file: file_name.to_string(),
        document_index: index,
    })
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Joins paragraphs given as one string: one paragraph per non-blank line.
pub fn paragraphs_of(text: &str) -> Vec<String> {
    text.split('\n')
        .map(clean_para)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Parses a `.json` article: an object (or an array of objects) with `title`, `date` (or `article_date`,
/// `YYYY-MM-DD`) and `body` (a string or an array of paragraphs), and optionally `summary` (string or
/// array of bullets), `caption`, `dateline`, `date_kind` (`published`, `updated`), `source` (publisher
/// name), `url` and `language`.
pub fn parse_json_articles(
    text: &str,
    file_name: &str,
) -> Result<Vec<ParsedArticle>, ParseProblem> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ParseProblem {
        line: Some(e.line()),
        reason: format!(
            "bad JSON at line {}, column {}: {}",
            e.line(),
            e.column(),
            e
        ),
    })?;
    let items = match value {
        serde_json::Value::Array(a) => a,
        v @ serde_json::Value::Object(_) => vec![v],
        _ => {
            return Err(ParseProblem::whole(
                "bad JSON article: expected an object or an array of objects",
            ))
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let get = |k: &str| {
            item.get(k)
                .and_then(|v| v.as_str())
                .map(crate::extract::text::normalize_input)
        };
        let list = |k: &str| -> Option<Vec<String>> {
            match item.get(k)? {
                serde_json::Value::String(s) => {
                    Some(paragraphs_of(&crate::extract::text::normalize_input(s)))
                }
                serde_json::Value::Array(a) => Some(
                    a.iter()
                        .filter_map(|v| v.as_str())
                        .flat_map(|s| paragraphs_of(&crate::extract::text::normalize_input(s)))
                        .collect(),
                ),
                _ => None,
            }
        };
        let which = format!("article {} of the JSON input", i + 1);
        let title = get("title")
            .map(|t| clean_para(&t))
            .filter(|t| !t.is_empty());
        let Some(title) = title else {
            return Err(ParseProblem::whole(format!("no title in {which}")));
        };
        let date_s = get("date").or_else(|| get("article_date"));
        let Some(date_s) = date_s else {
            return Err(ParseProblem::whole(format!("no date in {which}")));
        };
        let article_date = NaiveDate::parse_from_str(date_s.trim(), "%Y-%m-%d")
            .ok()
            .or_else(|| parse_date_in(&date_s).map(|d| d.0))
            .ok_or_else(|| ParseProblem::whole(format!("unreadable date {date_s:?} in {which}")))?;
        let kind = match get("date_kind")
            .or_else(|| get("article_date_kind"))
            .as_deref()
        {
            Some("published") => ArticleDateKind::Published,
            Some("updated") => ArticleDateKind::Updated,
            _ => ArticleDateKind::Unknown,
        };
        let paras = list("body").unwrap_or_default();
        if paras.is_empty() {
            return Err(ParseProblem::whole(format!("no body in {which}")));
        }
        let bullets: Vec<String> = list("summary")
            .unwrap_or_default()
            .into_iter()
            .map(|b| {
                BULLET_RE
                    .captures(&b)
                    .map_or(b.clone(), |c| clean_para(c.get(1).unwrap().as_str()))
            })
            .collect();
        let dateline = get("dateline")
            .map(|d| clean_para(&d))
            .or_else(|| dateline_of(&paras[0]));
        out.push(ParsedArticle {
            title,
            summary: bullets.join("\n"),
            caption: get("caption")
                .map(|c| clean_para(&c))
                .filter(|c| !c.is_empty()),
            body: paras.join("\n\n"),
            dateline,
            article_date,
            article_date_kind: kind,
            source_name: get("source").or_else(|| get("source_name")),
            source_url: get("url").or_else(|| get("source_url")),
            language: get("language").unwrap_or_else(|| "en".to_string()),
            corpus_file: file_name.to_string(),
            document_index: i as u32,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = |s| parse_date_in(s).map(|x| x.0.to_string());
        assert_eq!(
            d("Updated 09 September 2025").as_deref(),
            Some("2025-09-09")
        );
        assert_eq!(
            d("Published in Dawn, September 10th, 2025").as_deref(),
            Some("2025-09-10")
        );
        assert_eq!(d("Sept 3, 2024 10:15am").as_deref(), Some("2024-09-03"));
        assert_eq!(d("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(d("31 February 2024"), None);
    }

    #[test]
    fn date_lines_with_weekday_time_and_counters() {
        let kind = |l: &str| match classify(l) {
            Line::Date(d, k, _) => Some((d.to_string(), k)),
            _ => None,
        };
        assert_eq!(
            kind("Wed Mar 12, 2025 09:30 PM"),
            Some(("2025-03-12".into(), ArticleDateKind::Unknown))
        );
        assert_eq!(
            kind("Last update on: Wed Mar 12, 2025 11:05 PM"),
            Some(("2025-03-12".into(), ArticleDateKind::Updated))
        );
        assert_eq!(
            kind("18 June 2024 07:45 pm - 3     - 2410"),
            Some(("2024-06-18".into(), ArticleDateKind::Unknown))
        );
        // A sentence that holds a date is not a date line.
        assert_eq!(
            kind("Polls close on Wed Mar 12, 2025 at 5pm in Karachi"),
            None
        );
        // A line of counters alone is furniture; a caption credited "Pic by" is the caption.
        let text = "Bank cuts its policy rate again\n\nBy Staff Writer\nThursday, 26 November 2026 00:10\n- 0 - 1,482\n\nShare\n\nThe governor at the briefing in Colombo yesterday - Pic by Staff Photographer\n\nCOLOMBO: The central bank yesterday cut its policy rate by 25 basis points to 7.25 per cent.\n";
        let a = &parse_articles(text, "x.txt").unwrap()[0];
        assert!(a
            .caption
            .as_deref()
            .is_some_and(|c| c.ends_with("Pic by Staff Photographer")));
        assert!(
            a.body.starts_with("COLOMBO: The central bank"),
            "{}",
            a.body
        );
        assert_eq!(a.dateline.as_deref(), Some("Colombo"));
        assert_eq!(classify("- 0 - 1,482"), Line::Boilerplate);
        for furniture in [
            "Listen to News",
            "A man counts notes at a booth in Karachi. REUTERS/Staff/File Photo Purchase Licensing Rights, opens new tab",
            "Like Business on Facebook, follow @TribuneBiz on Twitter to stay informed.",
            "Track Latest News Live on NDTV.com and get news updates from India and around the world.",
            "Catch all the Business News, Market News and Latest News Updates on Live Mint.",
            "Our Standards: The Thomson Reuters Trust Principles., opens new tab",
            "(Reporting by Staff Writer in Karachi; Editing by Desk Editor)",
            "Comments - 3",
            "Share: Facebook | Twitter | WhatsApp | Email | COMMENTS (2)",
            "Add comment",
            "Share Via",
            "Related topic: drug trafficking / heroin",
        ] {
            assert_eq!(classify(furniture), Line::Boilerplate, "{furniture}");
        }
        assert_eq!(
            classify("Reporting by the agency showed a rise."),
            Line::Text
        );
        // The label of a later header line for the same day is kept.
        let text = "Rains lash the city again\n\nWed Mar 12, 2025 09:30 PM\nLast update on: Wed Mar 12, 2025 11:05 PM\n\nHeavy rains lashed the port city for a second day on Wednesday, flooding roads and cutting power to thousands of homes.\n";
        let a = &parse_articles(text, "x.txt").unwrap()[0];
        assert_eq!(
            (a.article_date.to_string(), a.article_date_kind),
            ("2025-03-12".into(), ArticleDateKind::Updated)
        );
    }

    #[test]
    fn wire_sign_offs_disclaimers_and_photo_credits() {
        let text = "Flood waters recede in Assam\n\nPublished: August 2, 2024 10:05 IST\n\nRelief camps along the river were emptied on Friday. File photo\n\nGuwahati, Aug 2 (PTI) Flood waters receded in most districts of Assam on Friday, officials said, and more than 40,000 people returned home from relief camps.\n\nIANS SKP NB\n\n(Except for the headline, this story has not been edited by our staff and is published from a syndicated feed.)\n";
        let a = &parse_articles(text, "x.txt").unwrap()[0];
        assert_eq!(
            a.caption.as_deref(),
            Some("Relief camps along the river were emptied on Friday. File photo")
        );
        assert!(a.body.starts_with("Guwahati, Aug 2 (PTI)"), "{}", a.body);
        assert!(
            a.body.ends_with("returned home from relief camps."),
            "{}",
            a.body
        );
        // A sign-off pasted onto the last sentence is cut off.
        let text2 = "Rains lash Mumbai again\n\nPublished: July 8, 2024 09:10 IST\n\nMumbai, Jul 8 (PTI) Heavy rain lashed Mumbai on Monday and suburban trains ran late, officials said. PTI KK NSK\n";
        let b = &parse_articles(text2, "x.txt").unwrap()[0];
        assert!(b.body.ends_with("officials said."), "{}", b.body);
        // A paragraph that merely starts with an agency name stays.
        assert_eq!(classify("PTI said it had seen the order."), Line::Text);
    }

    #[test]
    fn datelines() {
        assert_eq!(
            dateline_of("ISLAMABAD: Pakistan’s telecom").as_deref(),
            Some("Islamabad")
        );
        assert_eq!(
            dateline_of("DERA ISMAIL KHAN: A court").as_deref(),
            Some("Dera Ismail Khan")
        );
        assert_eq!(
            dateline_of("KARACHI / LAHORE: Rains").as_deref(),
            Some("Karachi")
        );
        assert_eq!(
            dateline_of("New Delhi, Sept 9 (PTI) The").as_deref(),
            Some("New Delhi")
        );
        assert_eq!(dateline_of("PTA said: no"), None);
        for (para, place) in [
            (
                "Kathmandu, Nov 20 -- The Cabinet on Wednesday",
                Some("Kathmandu"),
            ),
            ("Colombo, November 20 - The central bank", Some("Colombo")),
            ("Dhaka, Nov 20: The ministry", Some("Dhaka")),
            // No month, or no mark after the day: a sentence, not a dateline.
            ("Ali, Khan 20 -- The", None),
            ("Kathmandu, Nov 20 saw heavy rain", None),
            // A dateline pasted as a line of its own.
            ("LAHORE:", Some("Lahore")),
            // A place and a dash, without a date.
            ("Dhaka — Dengue has killed 412 people", Some("Dhaka")),
            ("New Delhi -- The court", Some("New Delhi")),
            ("Meanwhile — the city", None),
            ("The Authority — which regulates", None),
            ("Dhaka - a single hyphen", None),
        ] {
            assert_eq!(dateline_of(para).as_deref(), place, "{para}");
        }
    }

    #[test]
    fn a_place_before_a_header_date_is_the_dateline_and_a_footer_names_the_kind() {
        let text = "Metro fares to be cut by 10pc\n\nStaff Correspondent\n\nDhaka, November 24, 2026\n\nThe government will cut metro fares by 10 percent, the minister said.\n\nPublished in The Daily Observer, November 25, 2026\n";
        let a = &parse_articles(text, "x.txt").unwrap()[0];
        assert_eq!(a.dateline.as_deref(), Some("Dhaka"));
        assert_eq!(
            (a.article_date.to_string(), a.article_date_kind),
            ("2026-11-25".to_string(), ArticleDateKind::Published)
        );
        for (line, place) in [
            ("Dhaka, November 24, 2026", Some("Dhaka")),
            ("New Delhi, Nov 24, 2026", Some("New Delhi")),
            ("New Delhi, Nov 24, 2026 10:42 PM IST", Some("New Delhi")),
            ("Karachi, 24 November 2026, 09:15 PKT", Some("Karachi")),
            ("Tuesday, November 24, 2026", None),
            ("Staff Reporter, November 24, 2026", None),
            ("Updated 24 November 2026", None),
            (
                "Legal Correspondent | New Delhi | Updated: Nov 26, 2026, 18:42 IST",
                Some("New Delhi"),
            ),
            ("Staff Reporter | Updated: Nov 26, 2026", None),
        ] {
            assert!(
                matches!(classify(line), Line::Date(_, _, p) if p.as_deref() == place),
                "{line}"
            );
        }
        // A sentence that starts with a place and holds a date is text.
        for line in [
            "Karachi, Nov 24, 2026 was the hottest day of the year",
            "Staff Reporter, Nov 24, 2026 10:42 PM IST and more",
        ] {
            assert_eq!(classify(line), Line::Text, "{line}");
        }
    }

    #[test]
    fn a_dateline_on_a_line_of_its_own_opens_the_first_paragraph() {
        let text = "LHC orders arrears paid\nThe Express Tribune\nNovember 26, 2026\n\nLAHORE:\nThe Lahore High Court on Tuesday directed the government to clear pension arrears of Rs2.3 billion.\n\nThe next hearing is on December 18.\n";
        let a = &parse_articles(text, "x.txt").unwrap()[0];
        assert_eq!(a.dateline.as_deref(), Some("Lahore"));
        assert!(
            a.body.starts_with("LAHORE: The Lahore High Court"),
            "{}",
            a.body
        );
    }

    #[test]
    fn a_site_menu_above_the_headline_is_not_the_title() {
        let page = "THE COURIER\nHome\nLatest\nNation\n\nCourts\nHigh court fines builder Rs3.6 million over canal dumping\nOur Staff Reporter\nPublished November 24, 2026\n\nMULTAN: The high court on Monday fined a builder Rs3.6 million for dumping waste in a canal.\n";
        let a = &parse_articles(page, "x.txt").unwrap()[0];
        assert_eq!(
            a.title,
            "High court fines builder Rs3.6 million over canal dumping"
        );
        assert!(a.body.starts_with("MULTAN: The high court"), "{}", a.body);
        // A tagline among the menu's lines is passed over too: no date follows it closely.
        let tagged = "Skip to main content\nIndependent news and analysis since 1947\nHome\nWorld\nBusiness\nMarkets\nLegal\nMore\nAsia\nPort authority approves 300-berth expansion in Gwadar\nBy Sana Jamali\nNovember 26, 2026 4:12 PM GMT+5 Updated 3 hours ago\nGWADAR, Nov 26 (Reuters) - The port authority on Thursday approved a 300-berth expansion, officials said.\n";
        let b = &parse_articles(tagged, "x.txt").unwrap()[0];
        assert_eq!(
            b.title,
            "Port authority approves 300-berth expansion in Gwadar"
        );
        // Two such pages in one file are two articles.
        let two = format!("{page}\n\n\n{page}");
        assert_eq!(parse_articles(&two, "x.txt").unwrap().len(), 2);
        // A short headline over a byline and a date is the title: no menu.
        let short = "Budget approved\nStaff Reporter\nNov 24, 2026\nShare\nISLAMABAD: The National Assembly on Monday approved the budget for the coming year.\n";
        assert_eq!(
            parse_articles(short, "x.txt").unwrap()[0].title,
            "Budget approved"
        );
    }

    #[test]
    fn a_standfirst_before_the_header_date_is_the_summary() {
        let text = "Airline's losses swell to Rs 4.2 billion as panel demands overhaul\nCommittee gives the government three months to present a restructuring plan for the loss-making national flag carrier\nPost Report\nPublished at : November 26, 2026\n\nThe corporation's net loss widened to Rs 4.2 billion in the last fiscal year, the audit report says.\n";
        let a = &parse_articles(text, "x.txt").unwrap()[0];
        assert!(a.summary.starts_with("Committee gives"), "{:?}", a.summary);
        assert!(
            a.body.starts_with("The corporation's net loss"),
            "{}",
            a.body
        );
        // A first paragraph with a dateline is the story, not a standfirst.
        let wire = "Airline's losses swell to Rs 4.2 billion\nKATHMANDU: The corporation's net loss widened to Rs 4.2 billion, the audit report says.\nNovember 26, 2026\nThe committee met on Wednesday to discuss the report and its findings.\n";
        let b = &parse_articles(wire, "x.txt").unwrap()[0];
        assert!(b.body.starts_with("KATHMANDU:"), "{}", b.body);
        assert_eq!(b.summary, "");
    }

    #[test]
    fn links_comments_and_tags_around_the_story_are_not_body() {
        let text = "Police seize 86kg heroin in city crackdown\nNovember 23, 2026\n\nLAHORE: Police arrested 14 suspects and seized 86 kilograms of heroin on Sunday, officials said.\n\nRead: Motorway police recover 40kg hashish from bus\n\nALSO READ\nAir quality slips to severe as AQI crosses 450 at 13 stations\n\nThe suspects were sent to jail on judicial remand for 14 days by the magistrate.\n\nFollow The Courier on Google News for the latest news and updates.\n\nNarcotics\nPunjab Police\n\nRelated News\nRemittances hit $2.1b in the first 22 days\n\nMost Read from City\n1 Gold price drops for third day\n\nCOMMENTS (2)\nReader | 2 hours ago | Reply\nGood work, but the big suppliers are never caught by the police in this city.\nRecommend 4\n";
        let a = &parse_articles(text, "x.txt").unwrap()[0];
        assert_eq!(
            a.body,
            "LAHORE: Police arrested 14 suspects and seized 86 kilograms of heroin on Sunday, officials said.\n\nThe suspects were sent to jail on judicial remand for 14 days by the magistrate."
        );
        // In the header, before the story, a share row's "Comments" ends nothing.
        let header = "Police seize 86kg heroin in city crackdown\nNovember 23, 2026\nFacebook\nComments\nLAHORE: Police arrested 14 suspects on Sunday, officials said.\n";
        let b = &parse_articles(header, "x.txt").unwrap()[0];
        assert!(b.body.starts_with("LAHORE:"), "{}", b.body);
    }

    #[test]
    fn captions_credited_to_an_agency_or_a_gallery() {
        for line in [
            "A view of the Supreme Court in New Delhi. File | Photo Credit: The Hindu",
            "The river flows through a gorge near the dam site, March 14, 2026. REUTERS/Staff/File Photo",
            "Item 1 of 2 The river flows through a gorge near the proposed dam site",
        ] {
            assert!(is_caption(line), "{line}");
        }
        assert!(!is_caption(
            "The court said the photo credit was disputed by the family."
        ));
    }

    #[test]
    fn front_matter_before_a_dateline_is_not_body() {
        let text = "Floods kill 41 in three hill districts\n\nOver 3,200 houses were damaged in three districts as dengue cases climbed in a fourth.\n\nStaff Reporter\nPublished at : November 22, 2026\n\nListen to News\n\nRescuers search for the missing on Saturday. Post Photo: Staff Reporter\n\nIlam, Nov 22: At least 41 people were killed and 112 injured in floods, officials said.\n";
        let a = &parse_articles(text, "x.txt").unwrap()[0];
        assert!(
            a.body.starts_with("Ilam, Nov 22: At least 41"),
            "{}",
            a.body
        );
        assert_eq!(a.dateline.as_deref(), Some("Ilam"));
        assert!(a
            .caption
            .as_deref()
            .is_some_and(|c| c.starts_with("Rescuers")));
        assert!(a.summary.starts_with("Over 3,200 houses"), "{}", a.summary);
        // Bullets after an unrecognised caption are the summary, after it.
        let text3 = "Port operator sold in SAR 450m deal\n\nUpdated 23 November 2026\n\nContainer vessels at a port on the coast. The deal gives the group its first foothold. Supplied\n\n• Deal values the operator at SAR 3bn\n• Up to 50,000 jobs expected\n\nABU DHABI: The group has agreed to buy a 15 per cent stake for SAR 450m.\n";
        let c = &parse_articles(text3, "x.txt").unwrap()[0];
        assert!(c.body.starts_with("ABU DHABI:"), "{}", c.body);
        assert_eq!(
            c.summary.lines().skip(1).collect::<Vec<_>>(),
            [
                "Deal values the operator at SAR 3bn",
                "Up to 50,000 jobs expected"
            ]
        );
        // A dateline further down, after a long paragraph, is left where it is.
        let long = "word ".repeat(45);
        let text2 = format!("Floods kill 41 in three hill districts\n\nNovember 22, 2026\n\n{long}\n\nIlam, Nov 22: At least 41 people were killed.\n");
        let b = &parse_articles(&text2, "x.txt").unwrap()[0];
        assert!(b.body.starts_with("word word"), "{}", b.body);
        // A roundup with a dateline per place keeps all of them.
        let text4 = "Rains lash two cities\n\nNovember 22, 2026\n\nKARACHI: Rain flooded roads.\n\nLAHORE: Rain also fell.\n";
        let b = &parse_articles(text4, "x.txt").unwrap()[0];
        assert!(b.body.starts_with("KARACHI: Rain"), "{}", b.body);
    }

    #[test]
    fn a_byline_after_a_standfirst_is_no_second_title() {
        let text = "Flood toll climbs to 57 in the hills\nGovernment announces Rs. 25,000 per family in relief with more than 10,000 families displaced.\nPost Report\nPublished at : September 29, 2026\nUpdated at : September 29, 2026 21:15\nKathmandu\nThe death toll rose to 57 on Monday, officials said.\n";
        let arts = parse_articles(text, "x.txt").unwrap();
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].title, "Flood toll climbs to 57 in the hills");
        assert_eq!(arts[0].article_date.to_string(), "2026-09-29");
    }

    #[test]
    fn a_standfirst_without_a_full_stop_is_no_second_title() {
        let head = "Bank seen holding its policy rate as growth stays firm\n\n21 of 30 economists polled expect the committee to stay on hold; growth for the quarter is seen at 7.1%\n\nBy Anjali Rao\nUpdated 26 Nov 2026, 10:05 PM IST\n2 min read\n\nThe bank is likely to keep the rate unchanged at 5.5%, economists said on Wednesday.\n";
        let arts = parse_articles(head, "x.txt").unwrap();
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].article_date.to_string(), "2026-11-26");
        // After a body of its own, the same header starts a second article.
        let two = format!("Rains lash the capital for a third day\nUpdated 25 Nov 2026\nHeavy rain fell on Tuesday and roads in the old city were flooded for hours.\n{head}");
        let arts = parse_articles(&two, "x.txt").unwrap();
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[1].article_date.to_string(), "2026-11-26");
        let undated = format!("Rains lash the capital for a third day\nHeavy rain fell on Tuesday, and roads in the old city were flooded for hours.\nThe weather office said more rain was due on Thursday and Friday in the north.\n{head}");
        let e = parse_articles(&undated, "x.txt").unwrap_err();
        assert!(e.reason.contains("no article date"), "{}", e.reason);
    }

    #[test]
    fn a_byline_with_a_place_after_a_standfirst_is_no_second_title() {
        let text = "Court orders state to pay Rs2 million to family\n\nThe bench said the state could not hide behind a counter-case lodged against the grieving family.\n\nBy Asha Verma Rao, New Delhi\nUpdated: Nov 12, 2026 07:45 PM IST\n\nThe court on Thursday directed the state to pay Rs2 million.\n";
        let arts = parse_articles(text, "x.txt").unwrap();
        assert_eq!(arts.len(), 1);
        assert_eq!(
            arts[0].title,
            "Court orders state to pay Rs2 million to family"
        );
        assert_eq!(arts[0].article_date.to_string(), "2026-11-12");
    }

    #[test]
    fn a_standfirst_before_the_byline_is_the_summary() {
        let text = "Court orders state to pay Rs2 million to family\n\nThe bench said the state could not hide behind a counter-case lodged against the grieving family.\n\nBy Asha Verma Rao, New Delhi\nUpdated: Nov 12, 2026 07:45 PM IST\n\nThe court said compensation is the remedy for the violation of a right. (HT Archive)\n\nThe court on Thursday directed the state to pay Rs2 million to the family of a man who died in custody.\n";
        let a = &parse_articles(text, "x.txt").unwrap()[0];
        assert!(a.summary.starts_with("The bench said"), "{:?}", a.summary);
        assert!(a
            .caption
            .as_deref()
            .is_some_and(|c| c.ends_with("(HT Archive)")));
        assert!(a.body.starts_with("The court on Thursday"), "{:?}", a.body);
    }

    #[test]
    fn one_article_with_footer_and_byline() {
        let text = "Court fines company Rs3.6 million\n\nBy Our Correspondent\n\nLAHORE: The Lahore High Court on Monday fined a company Rs3.6 million for polluting a canal, a ruling seen by Dawn shows.\n\nThe company has 30 days to pay.\n\nPublished in Dawn, September 10th, 2025\n";
        let arts = parse_articles(text, "x.txt").unwrap();
        assert_eq!(arts.len(), 1);
        let a = &arts[0];
        assert_eq!(a.title, "Court fines company Rs3.6 million");
        assert_eq!(a.article_date.to_string(), "2025-09-10");
        assert_eq!(a.article_date_kind, ArticleDateKind::Published);
        assert_eq!(a.source_name.as_deref(), Some("Dawn"));
        assert_eq!(a.dateline.as_deref(), Some("Lahore"));
        assert!(a.body.ends_with("The company has 30 days to pay."));
    }

    #[test]
    fn titleless_and_dateless_inputs_are_named() {
        let e = parse_articles(
            "ISLAMABAD: The court said on Monday that it had heard the petition of the man.\n",
            "x",
        )
        .unwrap_err();
        assert!(e.reason.starts_with("no title"), "{e:?}");
        let e = parse_articles(
            "A title here\n\nISLAMABAD: The court said on Monday that it had heard it all.\n",
            "x",
        )
        .unwrap_err();
        assert!(e.reason.starts_with("no article date"), "{e:?}");
    }

    #[test]
    fn json_errors_have_line_and_column() {
        let e = parse_json_articles("{\n \"title\": \"x\",\n oops }", "a.json").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.reason.contains("column"));
    }
}
