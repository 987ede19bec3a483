//! The time grammar: dates, months, years, year ranges, fiscal years, weekdays and relative expressions,
//! resolved against the article date. News text is past-leaning: a weekday or a bare month means the most
//! recent one on or before the article date, unless the sentence has a future cue ("will", "next").
//! Times of day are recognised only so that their digits are never read as quantities.

use crate::extract::parse::month_number;
use crate::extract::text::{ends_with_ci, is_regular_past, starts_with_ci};
use crate::store::model::{DatePrecision, TimeQualifier, TimeResolution};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use std::sync::LazyLock;

/// A time expression found in a field, in view byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpr {
    /// Start in the view.
    pub start: usize,
    /// End in the view.
    pub end: usize,
    /// The resolved qualifier (text filled by the caller); None for times of day.
    pub qualifier: Option<TimeQualifier>,
}

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/// Whether `word` is the name of a weekday or a month, capitalised, and nothing else ("Wednesday",
/// "June").
pub fn is_day_or_month(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && (word.parse::<Weekday>().is_ok() || word.parse::<chrono::Month>().is_ok())
}
const NUMW: &str =
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)";

struct Rule {
    re: Regex,
    kind: RuleKind,
}

#[derive(Clone, Copy)]
enum RuleKind {
    YearRange,
    FiscalYear,
    FullDate,
    DateSpan,
    DayRange,
    MonthDayNoYear,
    MonthYear,
    MonthRelYear,
    MonthRange,
    BareMonth,
    RelPeriod,
    Rolling,
    Ago,
    Weekday,
    DayWord,
    Year,
    Decade,
    Quarter,
    OpeningPeriod,
    ClockTime,
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let r = |p: String, kind| Rule {
        re: Regex::new(&p).unwrap(),
        kind,
    };
    vec![
        r(r"(?i)(?-u:\b)(?:between|from)\s+(?:(?:the\s+)?(?:years?\s+)?)((?:19|20)\d\d)\s+(?:and|to|till|until)\s+((?:19|20)\d\d)(?-u:\b)|(?-u:\b)((?:19|20)\d\d)\s*(?:-|to)\s*((?:19|20)\d\d)(?-u:\b)".to_string(), RuleKind::YearRange),
        r(r"(?i)(?-u:\b)(?:(?:fiscal|financial)\s+year\s+|FY\s?)?((?:19|20)\d\d)\s?[-/]\s?(\d\d)(?-u:\b)(?:\s+fiscal\s+year)?|(?-u:\b)FY\s?'?(\d\d)(?-u:\b)".to_string(), RuleKind::FiscalYear),
        r(format!(r"(?i)(?-u:\b)(?:{WEEKDAY},?\s+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH}),?\s+((?:19|20)\d\d)|({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d))(?-u:\b)"), RuleKind::FullDate),
        r(format!(r"(?-u:\b)(?i:(between|from)\s+)(?:({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+(?i:and|to|till|until)\s+({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})\s+(?i:and|to|till|until)\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH}))(?:,?\s+((?:19|20)\d\d))?(?-u:\b)"), RuleKind::DateSpan),
        r(format!(r"(?-u:\b)(?:(?i:(on|from|between|of)\s+)(?:the\s+)?)?(?:({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|(?i:to|and)\s)\s*(\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|(?i:to|and)\s)\s*(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH}))(?:,?\s+((?:19|20)\d\d))?(?-u:\b)"), RuleKind::DayRange),
        r(format!(r"(?-u:\b)(?:(?i:on|till|until|by|from|since|before|after|to)\s+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})|({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?)(?-u:\b)"), RuleKind::MonthDayNoYear),
        r(format!(r"(?-u:\b)(?:(?:early|mid|late)-?\s*)?({MONTH}),?\s+((?:19|20)\d\d)(?-u:\b)"), RuleKind::MonthYear),
        r(format!(r"(?-u:\b)({MONTH})\s+(?i:(this|last|next|the\s+previous|the\s+following)\s+year)(?-u:\b)"), RuleKind::MonthRelYear),
        r(format!(r"(?-u:\b)(?:(?i:(in|during|for|from|between|since|over|through|of)\s+)(?:the\s+)?)?({MONTH})\s*(?:(-)|(?i:(to|till|until|and))(?-u:\b))\s*({MONTH})(?:,?\s+((?:19|20)\d\d))?(?-u:\b)"), RuleKind::MonthRange),
        r(format!(r"(?-u:\b)(?i:(earlier|later|early|late|mid)\s+(?:in\s+)?|(in|since|by|until|till|from|during|through|last|this|next|before|after|of|for)\s+(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?)(?:(?:early|mid|late)-?\s*)?({MONTH})(?-u:\b)"), RuleKind::BareMonth),
        r(r"(?i)(?-u:\b)(?:(?:earlier|later|so\s+far|early|late)\s+)?(this|last|next|the\s+previous|the\s+current|the\s+coming|the\s+same)\s+(year|month|week|decade|fiscal\s+year|financial\s+year|period|quarter)(?:\s+(?:of\s+)?(last\s+year|the\s+previous\s+year|a\s+year\s+(?:earlier|ago|before)))?(?-u:\b)".to_string(), RuleKind::RelPeriod),
        r(format!(r"(?i)(?-u:\b)(?:the\s+)?(?:past|last|previous|preceding)\s+(?:({NUMW})\s+)?(years?|months?|weeks?|days?|decades?|hours)(?-u:\b)|(?-u:\b)(?:the\s+)?(?:next|coming)\s+({NUMW})\s+(years?|months?|weeks?|days?|decades?|hours)(?-u:\b)"), RuleKind::Rolling),
        r(format!(r"(?i)(?-u:\b)({NUMW}|a|an)\s+(years?|months?|weeks?|days?|decades?)\s+ago(?-u:\b)"), RuleKind::Ago),
        r(format!(r"(?-u:\b)(?i:(on|last|this|next|since|by|until|from|till|before|after)\s+)?({WEEKDAY})(?:\s+(?i:morning|afternoon|evening|night))?(?-u:\b)"), RuleKind::Weekday),
        r(r"(?i)(?-u:\b)(today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday)(?-u:\b)".to_string(), RuleKind::DayWord),
        r(r"(?-u:\b)(?:the\s+)?((?:19|20)\d0)s(?-u:\b)|(?-u:\b)'(\d0)s(?-u:\b)".to_string(), RuleKind::Decade),
        r(r"(?-u:\b)(?:(?:in|by|since|of|during|from|until|till|before|after|for|through)\s+)?((?:19|20)\d\d)(?-u:\b)".to_string(), RuleKind::Year),
        r(r"(?-u:\b)(?:Q([1-4])|(first|second|third|fourth)\s+quarter\s+of)\s+(?:(?:the\s+)?(?i:fiscal|financial)\s+year\s+|FY\s?)?((?:19|20)\d\d)(?:[-/](\d\d))?(?-u:\b)".to_string(), RuleKind::Quarter),
        r(format!(r"(?i)(?-u:\b)(?:the\s+)?(?:first|opening|initial)\s+({NUMW})\s+(years?|months?|weeks?|days?)(?:\s+of\s+(?:the\s+)?(?:(this|current|same)\s+)?(?:(year|calendar\s+year|fiscal\s+year|financial\s+year)|((?:19|20)\d\d)))?(?-u:\b)"), RuleKind::OpeningPeriod),
        r(r"(?i)(?-u:\b)\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|(?-u:\b)\d{1,2}:\d{2}(?-u:\b)|(?-u:\b)\d{1,2}\s+o'clock(?-u:\b)".to_string(), RuleKind::ClockTime),
    ]
});

static RULE_SET: LazyLock<regex::RegexSet> =
    LazyLock::new(|| regex::RegexSet::new(RULES.iter().map(|r| r.re.as_str())).unwrap());

/// Words that put a clause in the future ("will", "could", "may", "is due", "expected to", "likely to",
/// "to be held";
/// "scheduled" only before "to" or "for": "scheduled banks" are a kind of bank).
static FUTURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(will|would|shall|could|(?-i:may|might)|is\s+to|are\s+to|is\s+due|are\s+due|scheduled\s+(?:to|for)|expected\s+to|likely\s+to|projected\s+to|forecast\s+to|poised\s+to|plans?\s+to|planned|set\s+to|next|upcoming|from\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|to\s+be\s+(?:presented|held|tabled|launched|inaugurated|completed|unveiled|announced|introduced|opened|implemented|submitted|signed))(?-u:\b)").unwrap()
});

/// Where a clause of its own tense starts inside a sentence: a semicolon, or a comma before a conjunction,
/// a relative pronoun or an appositive noun with one ("will cut fares from January, as ridership fell in
/// March": "in March" is past; "approved the increase on Wednesday, a move that will ...": Wednesday is
/// past).
static CLAUSE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i);|,\s+(?:as|while|whereas|but|although|though|after|when|which|who)\s|,\s+an?\s+[\w-]+\s+(?:that|which)\s").unwrap()
});

/// A reporting verb in the past just before a time ("said on Tuesday"): the statement was made, whatever
/// it says of the future.
static REPORTED_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:said|told|announced|stated|added|confirmed|claimed|reported|disclosed|revealed)\s+$").unwrap()
});

/// A date a hearing is put off to or listed for, or a remand ends ("adjourned the hearing till December
/// 3", "listed the matter for compliance on February 10", "remanded in custody till December 3"): to
/// come, whatever the rest of the clause says.
static PUT_OFF_TO_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:adjourn(?:ed|s|ing)?|put\s+off|deferr?(?:ed|s|ing)?|postpone[sd]?|listed|fixed|posted|remand(?:ed|s)?)(?-u:\b)[^.;]{0,40}?(?-u:\b)(?:till|until|to|for(?:[^.;]{0,20}?(?-u:\b)on)?)\s+$").unwrap()
});

/// The clause of the sentence `[s, e)` of `view` that holds `[from, to)`: the sentence cut at the clause
/// starts before and after it.
fn clause_of(view: &str, (s, e): (usize, usize), from: usize, to: usize) -> (usize, usize) {
    let (mut start, mut end) = (s, e);
    for m in CLAUSE_RE.find_iter(&view[s..e]) {
        if s + m.end() <= from {
            start = s + m.start();
        } else if s + m.start() >= to {
            end = s + m.start();
            break;
        }
    }
    (start, end)
}

/// Whether the time at `[from, to)` of `view`, in the sentence `[s, e)`, is spoken of as the future: its
/// clause has a future cue and no past reporting verb stands just before it, or it is the date a hearing
/// is put off to.
fn is_future(view: &str, sentence: (usize, usize), from: usize, to: usize) -> bool {
    let (cs, ce) = clause_of(view, sentence, from, to);
    // The time's own leading preposition ("till December 3") counts as written before it.
    let time = &view[from..to];
    let lead = time.split_whitespace().next().unwrap_or("");
    let lead = match lead.to_ascii_lowercase().as_str() {
        "till" | "until" | "to" | "for" | "on" => lead,
        _ => "",
    };
    let clause = &view[cs..ce];
    // "until the end of December" after no verb in the past ("has frozen releases until ...") is a
    // time to come; "was closed until March" is past.
    let until = ["till", "until"]
        .iter()
        .any(|w| lead.eq_ignore_ascii_case(w))
        && !past_verb_in(&view[cs..from]);
    // "by March" is a deadline, to come, unless its clause tells of the past ("had risen to 12 percent by
    // March", "By Tuesday, the toll rose to 57"); an infinitive before it looks ahead ("needed $48
    // million to reach its target by March").
    let by = starts_with_ci(time, "by ")
        && (!past_verb_in(&view[cs..from]) && !past_verb_in(&view[to..ce.max(to)])
            || has_infinitive(&view[cs..from]));
    // The time's own verb in the past right after it ("Nepal on Thursday approved a project that will
    // ...", "on Tuesday night increased the price for the next fortnight") tells of the past, whatever
    // the rest of the clause says of the future.
    let own_verb_past = || {
        view[to..ce.max(to)]
            .split_whitespace()
            .next()
            .is_some_and(past_verb_in)
    };
    until
        || by
        || PUT_OFF_TO_RE.is_match(&format!("{}{lead} ", &view[cs..from]))
        || FUTURE_RE.find_iter(clause).any(|m| {
            !(starts_with_ci(m.as_str(), "from") && starts_past_or_span(clause, m.start(), m.end())
                || modal_not_ahead(clause, m.start(), m.end(), from - cs))
        }) && !REPORTED_RE.is_match(&view[cs..from])
            && !own_verb_past()
}

/// Whether the future cue at `start..end` of `clause` is a modal ("could", "may", "might") that does
/// not put the time at `time_at` ahead. They look ahead from before the time ("could deliver a cut in
/// February", "may have to borrow in January"), but not when one denies or looks back ("could not be
/// reached on Monday", "could have saved"); after the time they speak of another verb ("which posted a
/// deficit in October, could come under pressure").
fn modal_not_ahead(clause: &str, start: usize, end: usize, time_at: usize) -> bool {
    let rest = &clause[end..];
    ["could", "may", "might"]
        .iter()
        .any(|w| clause[start..end].eq_ignore_ascii_case(w))
        && (start > time_at
            || [" not", "n't", " only"]
                .iter()
                .any(|w| starts_with_ci(rest, w))
            || starts_with_ci(rest, " have ") && !starts_with_ci(rest, " have to "))
}

/// Whether the time `time` after `before` is an effective date ("effective from December 1", "with
/// effect from July 1").
fn is_effective_date(before: &str, time: &str) -> bool {
    starts_with_ci(time, "from ")
        && (ends_with_ci(before, "effective ") || ends_with_ci(before, "with effect "))
}

/// Whether "from <month>" from `start` to `end` of `clause` is no cue of the future: a start after a verb
/// in the past, or the start of a span ("From January to October, customs seized 86kg").
fn starts_past_or_span(clause: &str, start: usize, end: usize) -> bool {
    let rest = clause[end..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    past_verb_in(&clause[..start])
        || rest.starts_with('-')
        || ["to ", "till ", "until ", "through "]
            .iter()
            .any(|w| starts_with_ci(rest, w))
}

/// Whether `text` holds an infinitive ("to reach", "to be procured"): "to" before a lowercase word that
/// is no determiner, pronoun, figure or place one is sent to ("rose to 12 percent", "sent to jail").
fn has_infinitive(text: &str) -> bool {
    const NOT_VERBS: &[&str] = &[
        "the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those",
        "what", "which", "some", "about", "around", "over", "nearly", "more", "less", "date",
        "police", "court", "jail", "prison", "hospital", "him", "them", "it", "me", "us", "you",
    ];
    let mut words = text.split_whitespace().peekable();
    while let Some(w) = words.next() {
        if w == "to" || w == "To" {
            if let Some(next) = words.peek() {
                let next = next.trim_end_matches(|c: char| !c.is_alphabetic());
                if next.len() >= 2
                    && next.bytes().all(|b| b.is_ascii_lowercase())
                    && !NOT_VERBS.contains(&next)
                {
                    return true;
                }
            }
        }
    }
    false
}

/// Whether `text` holds a verb in the past tense: "from January" after one ("borrowed Rs450bn from July
/// 1") is a start already passed, not a date to come ("fares will be cut from January").
fn past_verb_in(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        is_regular_past(w)
            || [
                "rose", "fell", "grew", "paid", "spent", "sold", "began", "took", "came", "went",
                "had", "was", "were",
            ]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
    })
}

fn year_of(s: &str) -> i32 {
    s.parse().unwrap_or(2000)
}

fn q(
    point: Option<NaiveDate>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    p: DatePrecision,
    res: TimeResolution,
) -> TimeQualifier {
    TimeQualifier {
        point_in_time: point,
        start_date: start,
        end_date: end,
        precision: Some(p),
        text: None,
        resolution: res,
    }
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    d(ny, nm, 1).map(|x| x - Duration::days(1))
}

/// The year of days `first` to `last`, named without one, in the article date `r`'s year: the next
/// year when they are to come and would start before `r`, the previous when they are past and would
/// end after it.
fn year_around(r: NaiveDate, first: NaiveDate, last: NaiveDate, future: bool) -> i32 {
    if future && first < r {
        r.year() + 1
    } else if !future && last > r {
        r.year() - 1
    } else {
        r.year()
    }
}

fn weekday_of(s: &str) -> Weekday {
    match &s.to_ascii_lowercase()[..3] {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// The year after `y1` when `short` writes its last two digits ("2026-27"); None when the two years are
/// not consecutive.
fn next_year_written(y1: i32, short: &str) -> Option<i32> {
    let short: i32 = short.parse().ok()?;
    ((y1 + 1) % 100 == short).then_some(y1 + 1)
}

/// The first day of the fiscal year that starts in `first_year` (a fiscal year that starts in January
/// is the calendar year it mostly covers: the second of its two written years).
fn fiscal_year_start(first_year: i32, fiscal_start: u32) -> Option<NaiveDate> {
    if fiscal_start == 1 {
        d(first_year + 1, 1, 1)
    } else {
        d(first_year, fiscal_start, 1)
    }
}

fn shift_months(date: NaiveDate, months: i32) -> NaiveDate {
    let total = date.year() * 12 + date.month0() as i32 + months;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let last = month_end(y, m).map(|x| x.day()).unwrap_or(28);
    d(y, m, date.day().min(last)).unwrap_or(date)
}

fn number(s: &str) -> i64 {
    if let Ok(v) = s.parse() {
        return v;
    }
    match s.to_ascii_lowercase().as_str() {
        "a" | "an" => 1,
        "two" => 2,
        "three" | "few" | "several" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => 1,
    }
}

/// Finds and resolves the time expressions of `view`. `sentence_of` maps a byte offset to its sentence
/// range (for future cues); `fiscal_start` is the first month of the fiscal year (7 for Pakistan).
pub fn find_times(
    view: &str,
    reference: NaiveDate,
    sentences: &[(usize, usize)],
    fiscal_start: u32,
) -> Vec<TimeExpr> {
    let mut cands: Vec<(usize, usize, usize, Option<TimeQualifier>)> = Vec::new();
    // A time expression never spans a line break (a line is a paragraph or a block of the page), so
    // each line is searched on its own, and only by the rules that match somewhere in it. A line's
    // edges are the field's edges or a newline, neither a word character, so the rules' word
    // boundaries read the same in the line as in the field.
    let mut line_start = 0;
    for line in view.split('\n') {
        let at = line_start;
        line_start += line.len() + 1;
        if line.len() < 2 {
            continue;
        }
        let present = RULE_SET.matches(line);
        if !present.matched_any() {
            continue;
        }
        for ri in present.iter() {
            let rule = &RULES[ri];
            for c in rule.re.captures_iter(line) {
                let m = c.get(0).unwrap();
                // A year that goes on with a dash or slash and a figure is part of a fiscal year or a
                // range ("for 2026-27"), which a rule of its own reads.
                if matches!(rule.kind, RuleKind::Year)
                    && matches!(line.as_bytes()[m.end()..], [b'-' | b'/', d, ..] if d.is_ascii_digit())
                {
                    continue;
                }
                let (start, end) = (at + m.start(), at + m.end());
                // The year of a law's or a plan's name ("the Narcotics Control Act, 2018", "Budget
                // 2027") dates nothing: it is kept as a span that is no time, so it is no figure either.
                if matches!(rule.kind, RuleKind::Year) && names_a_title(&line[..m.start()]) {
                    cands.push((start, end, ri, None));
                    continue;
                }
                let k = sentences.partition_point(|&(_, e)| e <= start);
                let future = match sentences.get(k) {
                    Some(&(s, e)) if s <= start => is_future(view, (s, e), start, end),
                    _ => false,
                };
                // An effective date ("raised ..., effective from December 1") is the nearest such
                // date, whatever the tense: the change takes effect around when it is reported.
                let res = if is_effective_date(&view[..start], &view[start..end]) {
                    let near = |f| resolve(rule.kind, &c, reference, f, fiscal_start);
                    match (near(true), near(false)) {
                        (Some(Some(a)), Some(Some(b))) => {
                            let gap = |q: &TimeQualifier| {
                                q.point_in_time
                                    .or(q.start_date)
                                    .map_or(i64::MAX, |d| (d - reference).num_days().abs())
                            };
                            Some(Some(if gap(&a) <= gap(&b) { a } else { b }))
                        }
                        (a, b) => a.or(b),
                    }
                } else {
                    resolve(rule.kind, &c, reference, future, fiscal_start)
                };
                if let Some(res) = res {
                    cands.push((start, end, ri, res));
                }
            }
        }
    }
    // The match that names the most wins, not counting a leading preposition ("since June 2024" is
    // June 2024, not "since June" and a year); then the longest; ties go to the earlier rule.
    cands.sort_by_cached_key(|&(s, e, ri, _)| {
        let core = e - s - leading_preposition(&view[s..e]);
        (std::cmp::Reverse(core), std::cmp::Reverse(e - s), ri, s)
    });
    let mut chosen: Vec<(TimeExpr, RuleKind)> = Vec::new();
    for (s, e, ri, res) in cands {
        if chosen.iter().all(|(t, _)| e <= t.start || t.end <= s) {
            let t = TimeExpr {
                start: s,
                end: e,
                qualifier: res,
            };
            chosen.push((t, RULES[ri].kind));
        }
    }
    chosen.sort_by_key(|(t, _)| t.start);
    year_of_sentence(view, sentences, &mut chosen);
    chosen.into_iter().map(|(t, _)| t).collect()
}

/// Whether `before`, the text before a year, ends with the head word of a name the year belongs to:
/// a law ("Act, 2018", "Ordinance, 1999", "Code of Criminal Procedure, 1898" ends in "Procedure", so
/// only the head words are read) or a plan ("Budget 2027", "Vision 2030").
pub(crate) fn names_a_title(before: &str) -> bool {
    const HEADS: [&str; 10] = [
        "Act",
        "Ordinance",
        "Code",
        "Rules",
        "Regulations",
        "Bill",
        "Order",
        "Budget",
        "Vision",
        "Agenda",
    ];
    let b = before.strip_suffix(' ').unwrap_or(before);
    let b = b.strip_suffix(',').unwrap_or(b);
    // A name may be quoted ("the government's 'Vision 2030' plan").
    let last = b
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .trim_start_matches(['\'', '‘', '"', '“']);
    HEADS.contains(&last)
}

/// The length of a leading preposition and the space after it ("since " of "since June"), else 0.
fn leading_preposition(m: &str) -> usize {
    const PREPOSITIONS: [&str; 15] = [
        "on", "in", "since", "by", "until", "till", "from", "before", "after", "to", "of",
        "during", "through", "over", "for",
    ];
    let word_end = m.find(char::is_whitespace).unwrap_or(m.len());
    if !PREPOSITIONS
        .iter()
        .any(|p| m[..word_end].eq_ignore_ascii_case(p))
    {
        return 0;
    }
    word_end + m[word_end..].len() - m[word_end..].trim_start().len()
}

/// A month or a day named without a year takes the year its sentence names relatively before it ("Last
/// year, the district recorded 6,220 cases between August and November": August to November of last
/// year), when the sentence names exactly one.
fn year_of_sentence(view: &str, sentences: &[(usize, usize)], times: &mut [(TimeExpr, RuleKind)]) {
    for &(ss, se) in sentences {
        // The times are sorted by start: those of the sentence are one run.
        let from = times.partition_point(|(t, _)| t.start < ss);
        let to = from + times[from..].partition_point(|(t, _)| t.start < se);
        let times = &mut times[from..to];
        let inside = |t: &TimeExpr| ss <= t.start && t.end <= se;
        let mut years = times.iter().filter(|(t, k)| {
            matches!(k, RuleKind::RelPeriod) && inside(t) && {
                let text = view[t.start..t.end].to_ascii_lowercase();
                text.ends_with("year") && !text.contains("fiscal") && !text.contains("financial")
            }
        });
        let (Some((first, _)), None) = (years.next(), years.next()) else {
            continue;
        };
        // Only a year named before the month speaks for it: in "a deficit in July-September, against a
        // surplus in the same period last year", "last year" is the other period's.
        let year_at = first.start;
        let Some(y) = first
            .qualifier
            .as_ref()
            .and_then(|q| q.point_in_time.or(q.start_date))
            .map(|d| d.year())
        else {
            continue;
        };
        for (t, k) in times.iter_mut() {
            let named_alone = !matches!(
                view[t.start..t.end].split_whitespace().next(),
                Some(w) if ["last", "next", "this"].contains(&w.to_ascii_lowercase().as_str())
            );
            let within = inside(t) && year_at < t.start;
            let Some(q) = t.qualifier.as_mut() else {
                continue;
            };
            if !(within
                && named_alone
                && matches!(
                    k,
                    RuleKind::BareMonth
                        | RuleKind::MonthRange
                        | RuleKind::MonthDayNoYear
                        | RuleKind::DayRange
                        | RuleKind::DateSpan
                )
                && q.resolution == TimeResolution::RelativeToArticleDate)
            {
                continue;
            }
            let Some(base) = q.point_in_time.or(q.start_date).map(|d| d.year()) else {
                continue;
            };
            let shift = |d: Option<NaiveDate>| d.map(|d| d.with_year(d.year() + y - base));
            let (p, s, e) = (
                shift(q.point_in_time),
                shift(q.start_date),
                shift(q.end_date),
            );
            // A 29 February that the year has not: leave the date as it was.
            if [p, s, e].iter().all(|x| !matches!(x, Some(None))) {
                q.point_in_time = p.flatten();
                q.start_date = s.flatten();
                q.end_date = e.flatten();
            }
        }
    }
}

/// Resolves one match. Returns None when the match is not a time; `Some(None)` for a time of day.
fn resolve(
    kind: RuleKind,
    c: &regex::Captures,
    r: NaiveDate,
    future: bool,
    fiscal_start: u32,
) -> Option<Option<TimeQualifier>> {
    use DatePrecision as P;
    use TimeResolution as R;
    let g = |i: usize| c.get(i).map(|m| m.as_str());
    let out = match kind {
        RuleKind::ClockTime => return Some(None),
        RuleKind::YearRange => {
            let (a, b) = match (g(1), g(2)) {
                (Some(a), Some(b)) => (a, b),
                _ => (g(3)?, g(4)?),
            };
            let (a, b) = (year_of(a), year_of(b));
            if b <= a {
                return None;
            }
            q(None, d(a, 1, 1), d(b, 12, 31), P::Year, R::Explicit)
        }
        RuleKind::FiscalYear => {
            let (y1, y2) = if let Some(a) = g(1) {
                let y1 = year_of(a);
                (y1, next_year_written(y1, g(2)?)?)
            } else {
                // "FY24" names the year the fiscal year ends in.
                let short: i32 = g(3)?.parse().ok()?;
                let y2 = if short < 50 {
                    2000 + short
                } else {
                    1900 + short
                };
                (y2 - 1, y2)
            };
            let start = fiscal_year_start(y1, fiscal_start);
            if fiscal_start == 1 {
                q(None, start, d(y2, 12, 31), P::Year, R::Explicit)
            } else {
                q(
                    None,
                    start,
                    month_end(y2, fiscal_start - 1),
                    P::Month,
                    R::Explicit,
                )
            }
        }
        RuleKind::FullDate => {
            let date = if let Some(day) = g(1) {
                d(year_of(g(3)?), month_number(g(2)?)?, day.parse().ok()?)
            } else {
                d(year_of(g(6)?), month_number(g(4)?)?, g(5)?.parse().ok()?)
            }?;
            q(Some(date), None, None, P::Day, R::Explicit)
        }
        RuleKind::DateSpan => {
            // "between July 1 and November 14", "from 3 March to 5 April 2026".
            let (m1, d1, m2, d2) = match g(2) {
                Some(m1) => (m1, g(3)?, g(4)?, g(5)?),
                None => (g(7)?, g(6)?, g(9)?, g(8)?),
            };
            let (m1, d1, m2, d2): (u32, u32, u32, u32) = (
                month_number(m1)?,
                d1.parse().ok()?,
                month_number(m2)?,
                d2.parse().ok()?,
            );
            // The span runs into the next year when it ends on an earlier day of the year.
            let wraps = (m2, d2) < (m1, d1);
            let span = |y: i32| Some((d(y, m1, d1)?, d(y + i32::from(wraps), m2, d2)?));
            let (y, resolution) = match g(10) {
                // A year written after the span is the year it ends in.
                Some(y) => (year_of(y) - i32::from(wraps), R::Explicit),
                None => {
                    // A span to come starts on or after the article date; one past ends on or before it.
                    let (first, last) = span(r.year())?;
                    (
                        year_around(r, first, last, future),
                        R::RelativeToArticleDate,
                    )
                }
            };
            let (first, last) = span(y)?;
            q(None, Some(first), Some(last), P::Day, resolution)
        }
        RuleKind::DayRange => {
            let (mon, d1, d2) = match g(2) {
                Some(mon) => (mon, g(3)?, g(4)?),
                None => (g(7)?, g(5)?, g(6)?),
            };
            let (m, d1, d2): (u32, u32, u32) =
                (month_number(mon)?, d1.parse().ok()?, d2.parse().ok()?);
            let whole = c.get(0).map_or("", |m| m.as_str()).to_ascii_lowercase();
            // "between 2 and 3 December"; "on December 2 and 3" is two days.
            let and = whole.contains(" and ");
            if d1 == 0
                || d2 <= d1
                || d2 > 31
                || and && g(1).is_none_or(|p| !p.eq_ignore_ascii_case("between"))
            {
                return None;
            }
            let (y, resolution) = match g(8) {
                Some(y) => (year_of(y), R::Explicit),
                None => {
                    let first = d(r.year(), m, d1)?;
                    (
                        year_around(r, first, first, future),
                        R::RelativeToArticleDate,
                    )
                }
            };
            q(None, d(y, m, d1), d(y, m, d2), P::Day, resolution)
        }
        RuleKind::MonthDayNoYear => {
            let (day, mon) = if let Some(day) = g(1) {
                (day, g(2)?)
            } else {
                (g(4)?, g(3)?)
            };
            let (day, m): (u32, u32) = (day.parse().ok()?, month_number(mon)?);
            if day == 0 || day > 31 {
                return None;
            }
            let mut date = d(r.year(), m, day)?;
            if future && date < r {
                date = d(r.year() + 1, m, day)?;
            } else if !future && date > r {
                date = d(r.year() - 1, m, day)?;
            }
            q(Some(date), None, None, P::Day, R::RelativeToArticleDate)
        }
        RuleKind::MonthYear => q(
            d(year_of(g(2)?), month_number(g(1)?)?, 1),
            None,
            None,
            P::Month,
            R::Explicit,
        ),
        RuleKind::MonthRelYear => {
            let m = month_number(g(1)?)?;
            let rel = g(2)?.to_ascii_lowercase();
            let y = match rel.as_str() {
                "this" => r.year(),
                "next" | "the following" => r.year() + 1,
                _ => r.year() - 1,
            };
            q(d(y, m, 1), None, None, P::Month, R::RelativeToArticleDate)
        }
        RuleKind::MonthRange => {
            let (m1, m2) = (month_number(g(2)?)?, month_number(g(5)?)?);
            let prep = g(1).unwrap_or("").to_ascii_lowercase();
            let joiner = g(4).unwrap_or("").to_ascii_lowercase();
            // "in July and October" is two months; "between July and October" is the months between.
            if m1 == m2 || joiner == "and" && prep != "between" {
                return None;
            }
            // A range over the turn of the year ("November-January") ends in the next year.
            let wrap = i32::from(m1 > m2);
            let span = |y1: i32| Some((d(y1, m1, 1)?, month_end(y1 + wrap, m2)?));
            let (start, end, resolution) = match g(6) {
                Some(y) => {
                    let (s, e) = span(year_of(y) - wrap)?;
                    (s, e, R::Explicit)
                }
                None => {
                    // The latest such months that began by the article date, or, spoken of as to
                    // come, the first that has not ended by it.
                    let y1 = if future {
                        let y = r.year() - 1 - wrap;
                        (y..y + 3).find(|&y| span(y).is_some_and(|(_, e)| e >= r))?
                    } else {
                        let y = r.year() + 1;
                        (y - 3..=y)
                            .rev()
                            .find(|&y| span(y).is_some_and(|(s, _)| s <= r))?
                    };
                    let (s, e) = span(y1)?;
                    (s, e, R::RelativeToArticleDate)
                }
            };
            q(None, Some(start), Some(end), P::Month, resolution)
        }
        RuleKind::BareMonth => {
            let m = month_number(g(3)?)?;
            let prep = g(1).or(g(2)).unwrap_or("").to_ascii_lowercase();
            // "May" needs a preposition to be a month, which the rule requires; "by may" is not one.
            if c.get(3)?.as_str() == "May" && prep.is_empty() {
                return None;
            }
            let y = match prep.as_str() {
                "last" => {
                    if m >= r.month() {
                        r.year() - 1
                    } else {
                        r.year()
                    }
                }
                "next" => {
                    if m <= r.month() {
                        r.year() + 1
                    } else {
                        r.year()
                    }
                }
                "this" => r.year(),
                "earlier" | "early" => {
                    if m > r.month() {
                        r.year() - 1
                    } else {
                        r.year()
                    }
                }
                "later" | "late" | "from" | "by" | "until" | "till" if future => {
                    if m < r.month() {
                        r.year() + 1
                    } else {
                        r.year()
                    }
                }
                _ if future => {
                    if m < r.month() {
                        r.year() + 1
                    } else {
                        r.year()
                    }
                }
                _ => {
                    if m > r.month() {
                        r.year() - 1
                    } else {
                        r.year()
                    }
                }
            };
            q(d(y, m, 1), None, None, P::Month, R::RelativeToArticleDate)
        }
        RuleKind::RelPeriod => {
            let rel = g(1)?.to_ascii_lowercase();
            let unit = g(2)?.to_ascii_lowercase();
            // "the same month last year": a part of last year that another phrase names; the year is
            // what is known.
            if g(3).is_some() {
                if rel != "the same" {
                    return None;
                }
                return Some(Some(q(
                    d(r.year() - 1, 1, 1),
                    None,
                    None,
                    P::Year,
                    R::RelativeToArticleDate,
                )));
            }
            // A period or quarter is only known as "the same" one of last year.
            if matches!(unit.as_str(), "period" | "quarter") {
                return None;
            }
            let off = match rel.as_str() {
                "last" | "the previous" => -1,
                "next" | "the coming" => 1,
                _ => 0,
            };
            if unit.contains("fiscal") || unit.contains("financial") {
                let fy_start_year = if r.month() >= fiscal_start {
                    r.year()
                } else {
                    r.year() - 1
                } + off;
                let start = d(fy_start_year, fiscal_start, 1)?;
                let end = shift_months(start, 12) - Duration::days(1);
                return Some(Some(q(
                    None,
                    Some(start),
                    Some(end),
                    P::Month,
                    R::RelativeToArticleDate,
                )));
            }
            // "this year", "so far this year", "earlier this year" in a statement of the past: the year
            // up to the article date (the statement's own date narrows it later); a future statement
            // ("will ... this year", "later this year") keeps the whole year.
            let whole = c.get(0).map_or("", |m| m.as_str()).to_ascii_lowercase();
            let later = whole.starts_with("later") || whole.starts_with("late ");
            if unit == "year" && matches!(rel.as_str(), "this" | "the current") && !future && !later
            {
                return Some(Some(q(
                    None,
                    d(r.year(), 1, 1),
                    Some(r),
                    P::Day,
                    R::RelativeToArticleDate,
                )));
            }
            match unit.as_str() {
                "year" => q(
                    d(r.year() + off, 1, 1),
                    None,
                    None,
                    P::Year,
                    R::RelativeToArticleDate,
                ),
                "month" => {
                    let s = shift_months(d(r.year(), r.month(), 1)?, off);
                    q(Some(s), None, None, P::Month, R::RelativeToArticleDate)
                }
                "week" => {
                    let monday = r - Duration::days(r.weekday().num_days_from_monday() as i64)
                        + Duration::weeks(off as i64);
                    q(
                        None,
                        Some(monday),
                        Some(monday + Duration::days(6)),
                        P::Day,
                        R::RelativeToArticleDate,
                    )
                }
                _ => {
                    let y0 = r.year() - r.year() % 10 + off * 10;
                    q(d(y0, 1, 1), None, None, P::Decade, R::RelativeToArticleDate)
                }
            }
        }
        RuleKind::Rolling => {
            // "the past two years" ends at the article date; "the next 18 months" starts there.
            let (n, unit, sign) = match g(4) {
                Some(unit) => (number(g(3)?), unit, 1),
                None => (g(1).map(number).unwrap_or(1), g(2)?, -1),
            };
            let k = sign * n as i32;
            let other = match unit.to_ascii_lowercase().trim_end_matches('s') {
                "year" => shift_months(r, 12 * k),
                "decade" => shift_months(r, 120 * k),
                "month" => shift_months(r, k),
                "week" => r + Duration::weeks(k.into()),
                // Hours in whole days: "the past 72 hours" are the three days to the article date.
                "hour" => r + Duration::days((sign * (n as i32 + 23) / 24).into()),
                _ => r + Duration::days(k.into()),
            };
            let (start, end) = if sign < 0 { (other, r) } else { (r, other) };
            q(
                None,
                Some(start),
                Some(end),
                P::Day,
                R::RelativeToArticleDate,
            )
        }
        RuleKind::Ago => {
            let n = number(g(1)?);
            let unit = g(2)?.to_ascii_lowercase();
            let (date, p) = match unit.trim_end_matches('s') {
                "year" => (d(r.year() - n as i32, 1, 1)?, P::Year),
                "decade" => (d(r.year() - 10 * n as i32, 1, 1)?, P::Year),
                "month" => {
                    let s = shift_months(r, -(n as i32));
                    (d(s.year(), s.month(), 1)?, P::Month)
                }
                "week" => (r - Duration::weeks(n), P::Day),
                _ => (r - Duration::days(n), P::Day),
            };
            q(Some(date), None, None, p, R::RelativeToArticleDate)
        }
        RuleKind::Weekday => {
            let prep = g(1).unwrap_or("").to_ascii_lowercase();
            let wd = weekday_of(g(2)?);
            let diff_back = (r.weekday().num_days_from_monday() as i64
                - wd.num_days_from_monday() as i64)
                .rem_euclid(7);
            let back = r - Duration::days(diff_back);
            let date = match prep.as_str() {
                "last" => {
                    if diff_back == 0 {
                        r - Duration::days(7)
                    } else {
                        back
                    }
                }
                "next" => {
                    r + Duration::days((7 - diff_back) % 7 + if diff_back == 0 { 7 } else { 0 })
                }
                _ if future && !matches!(prep.as_str(), "since" | "after") => {
                    let fwd = (wd.num_days_from_monday() as i64
                        - r.weekday().num_days_from_monday() as i64)
                        .rem_euclid(7);
                    r + Duration::days(if fwd == 0 { 7 } else { fwd })
                }
                _ => back,
            };
            q(Some(date), None, None, P::Day, R::RelativeToArticleDate)
        }
        RuleKind::DayWord => {
            let w = g(1)?.to_ascii_lowercase();
            let date = match w.as_str() {
                "yesterday" => r - Duration::days(1),
                "tomorrow" => r + Duration::days(1),
                "today" | "tonight" => r,
                _ => r - Duration::days(2),
            };
            q(Some(date), None, None, P::Day, R::RelativeToArticleDate)
        }
        RuleKind::Decade => {
            let y = if let Some(y) = g(1) {
                year_of(y)
            } else {
                1900 + g(2)?.parse::<i32>().ok()?
            };
            q(d(y, 1, 1), None, None, P::Decade, R::Explicit)
        }
        RuleKind::Year => {
            let y = year_of(g(1)?);
            if !(1900..=2100).contains(&y) {
                return None;
            }
            q(d(y, 1, 1), None, None, P::Year, R::Explicit)
        }
        RuleKind::OpeningPeriod => {
            // "the first eight months of the year" is a period, not a duration. Months of a named,
            // current or fiscal year resolve; anything else ("the first two weeks") is only masked.
            let n = number(g(1)?) as i32;
            let unit = g(2)?.to_ascii_lowercase();
            if !unit.starts_with("month") || !(1..=12).contains(&n) {
                return Some(None);
            }
            let start = if let Some(y) = g(5) {
                d(year_of(y), 1, 1)?
            } else if let Some(which) = g(4) {
                let which = which.to_ascii_lowercase();
                if which.starts_with("fiscal") || which.starts_with("financial") {
                    let y = if r.month() >= fiscal_start {
                        r.year()
                    } else {
                        r.year() - 1
                    };
                    d(y, fiscal_start, 1)?
                } else {
                    d(r.year(), 1, 1)?
                }
            } else {
                return Some(None);
            };
            let end = shift_months(start, n) - Duration::days(1);
            q(
                None,
                Some(start),
                Some(end),
                P::Month,
                R::RelativeToArticleDate,
            )
        }
        RuleKind::Quarter => {
            let n: u32 = match g(1) {
                Some(n) => n.parse().ok()?,
                None => match g(2)?.to_ascii_lowercase().as_str() {
                    "first" => 1,
                    "second" => 2,
                    "third" => 3,
                    _ => 4,
                },
            };
            let y = year_of(g(3)?);
            // A quarter of a fiscal year ("the first quarter of 2026-27") counts from the fiscal
            // year's first month.
            let year_start = match g(4) {
                None => d(y, 1, 1)?,
                Some(short) => {
                    next_year_written(y, short)?;
                    fiscal_year_start(y, fiscal_start)?
                }
            };
            let start = shift_months(year_start, 3 * (n as i32 - 1));
            q(
                None,
                Some(start),
                Some(shift_months(start, 3) - Duration::days(1)),
                P::Month,
                R::Explicit,
            )
        }
    };
    Some(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::sentences;

    fn t(s: &str, refd: &str) -> Vec<(String, TimeQualifier)> {
        let r = NaiveDate::parse_from_str(refd, "%Y-%m-%d").unwrap();
        find_times(s, r, &sentences(s), 7)
            .into_iter()
            .filter_map(|x| x.qualifier.map(|q| (s[x.start..x.end].to_string(), q)))
            .collect()
    }

    fn one(s: &str, refd: &str) -> (String, TimeQualifier) {
        let v = t(s, refd);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter().next().unwrap()
    }

    fn ds(x: Option<NaiveDate>) -> String {
        x.map(|d| d.to_string()).unwrap_or_default()
    }

    /// The day (or first day) the one time of `s` names.
    fn point_of(s: &str, refd: &str) -> String {
        ds(one(s, refd).1.point_in_time)
    }

    /// The one time of `s`: its text, start date and end date.
    fn span(s: &str, refd: &str) -> (String, String, String) {
        let (txt, q) = one(s, refd);
        (txt, ds(q.start_date), ds(q.end_date))
    }

    #[test]
    fn a_time_never_spans_a_line_break() {
        // Each line is searched alone: a range written across two lines is two years, and offsets
        // in later lines are offsets in the whole field.
        let s = "Figures cover the period from 2019\nto 2023 and on Monday.";
        let v = t(s, "2025-09-09");
        let texts: Vec<&str> = v.iter().map(|(x, _)| x.as_str()).collect();
        assert_eq!(texts, ["from 2019", "2023", "on Monday"]);
        let (txt, q) = one(
            "A caption\n\nThe board met between 2019 and 2023.",
            "2025-09-09",
        );
        assert_eq!(txt, "between 2019 and 2023");
        assert_eq!(ds(q.start_date), "2019-01-01");
    }

    #[test]
    fn a_preposition_does_not_cut_the_year_off_a_month_or_day() {
        // "since June" is longer than "June 2024" but names less.
        let point = |s: &str| {
            let (txt, q) = one(s, "2026-11-20");
            (txt, ds(q.point_in_time))
        };
        assert_eq!(
            point("has cut the rate since June 2024, it said"),
            ("June 2024".into(), "2024-06-01".into())
        );
        assert_eq!(
            point("the law passed before 5 June 2023 was void"),
            ("5 June 2023".into(), "2023-06-05".into())
        );
        // Without a year the preposition stays with the month.
        assert_eq!(
            one("prices rose since June, it said", "2026-11-20").0,
            "since June"
        );
    }

    #[test]
    fn a_fiscal_year_is_not_cut_to_its_first_year() {
        let (txt, q) = one("a target of Rs14.13tr for 2026-27, up 18pc", "2026-11-02");
        assert_eq!(txt, "2026-27");
        assert_eq!(
            (ds(q.start_date), ds(q.end_date)),
            ("2026-07-01".into(), "2027-06-30".into())
        );
        assert_eq!(one("in 2026/27 and", "2026-11-02").0, "2026/27");
        // A year alone keeps its preposition.
        assert_eq!(one("for 2026 as a whole", "2026-11-02").0, "for 2026");
    }

    #[test]
    fn months_take_the_year_their_sentence_names() {
        let r = NaiveDate::from_ymd_opt(2025, 9, 20).unwrap();
        let s = "Last year, the district recorded 6,220 cases between August and November. In July, 40.";
        let v: Vec<_> = find_times(s, r, &sentences(s), 7)
            .into_iter()
            .filter_map(|x| x.qualifier.map(|q| (&s[x.start..x.end], q)))
            .collect();
        assert_eq!(v[0].0, "Last year");
        assert_eq!(v[1].0, "between August and November");
        assert_eq!(
            (ds(v[1].1.start_date), ds(v[1].1.end_date)),
            ("2024-08-01".into(), "2024-11-30".into())
        );
        // The next sentence names no year: July of the article's year.
        assert_eq!(
            (v[2].0, ds(v[2].1.point_in_time)),
            ("In July", "2025-07-01".into())
        );
        let w = t(
            "Last year, talks were held on 12-14 November.",
            "2025-09-20",
        );
        assert_eq!(ds(w[1].1.start_date), "2024-11-12", "{w:?}");
        // "on March 3 this year"; "last March" is its own relative date; two years named: untouched.
        assert_eq!(
            ds(t("Sales rose on March 3 this year.", "2025-09-20")[0]
                .1
                .point_in_time),
            "2025-03-03"
        );
        let v = t("Last year they met last March.", "2025-09-20");
        assert_eq!(ds(v[1].1.point_in_time), "2025-03-01", "{v:?}");
        let v = t(
            "A deficit in July-September, against a surplus in the same period last year.",
            "2025-10-18",
        );
        assert_eq!(ds(v[0].1.start_date), "2025-07-01", "{v:?}");
        let v = t(
            "Last year it fell, and this year it rose in August.",
            "2025-09-20",
        );
        assert_eq!(ds(v[2].1.point_in_time), "2025-08-01", "{v:?}");
    }

    #[test]
    fn day_ranges() {
        assert_eq!(
            span(
                "on the night of December 2-3, 1984, gas leaked",
                "2026-11-24"
            ),
            (
                "of December 2-3, 1984".into(),
                "1984-12-02".into(),
                "1984-12-03".into()
            )
        );
        assert_eq!(
            span("the talks held on 12-14 November ended", "2026-11-24"),
            (
                "on 12-14 November".into(),
                "2026-11-12".into(),
                "2026-11-14".into()
            )
        );
        assert_eq!(
            span("The fair will run from March 3 to 5.", "2026-11-24"),
            (
                "from March 3 to 5".into(),
                "2027-03-03".into(),
                "2027-03-05".into()
            )
        );
        assert_eq!(
            span("between 2 and 9 October", "2026-11-24"),
            (
                "between 2 and 9 October".into(),
                "2026-10-02".into(),
                "2026-10-09".into()
            )
        );
        // Days of two months: one span, into the next year when it ends on an earlier day.
        assert_eq!(
            span(
                "the government borrowed Rs450bn from scheduled banks between July 1 and November 14",
                "2025-11-25"
            ),
            (
                "between July 1 and November 14".into(),
                "2025-07-01".into(),
                "2025-11-14".into()
            )
        );
        assert_eq!(
            span(
                "The fair will run from December 20 to January 5.",
                "2025-11-25"
            ),
            (
                "from December 20 to January 5".into(),
                "2025-12-20".into(),
                "2026-01-05".into()
            )
        );
        assert_eq!(
            span(
                "Sales rose between 30 December and 5 January 2026.",
                "2026-11-25"
            ),
            (
                "between 30 December and 5 January 2026".into(),
                "2025-12-30".into(),
                "2026-01-05".into()
            )
        );
        // Two days named with "and" are two days; a count after a date is no day.
        assert_eq!(t("on December 2 and 3", "2026-11-24").len(), 1);
        assert_eq!(t("on December 2-1 a", "2026-11-24").len(), 1);
    }

    #[test]
    fn quarters_of_a_fiscal_year() {
        // Pakistan's fiscal year starts in July (the tests' fiscal start): its first quarter is July to
        // September of the first year, its third January to March of the second.
        assert_eq!(
            span("for the first quarter of 2026-27.", "2026-11-26"),
            (
                "first quarter of 2026-27".into(),
                "2026-07-01".into(),
                "2026-09-30".into()
            )
        );
        assert_eq!(
            span("in the third quarter of fiscal year 2025-26.", "2026-11-26"),
            (
                "third quarter of fiscal year 2025-26".into(),
                "2026-01-01".into(),
                "2026-03-31".into()
            )
        );
        // A calendar quarter is unchanged; a pair of years that are not consecutive is no fiscal year.
        assert_eq!(
            span("in the second quarter of 2025, output fell", "2026-11-26"),
            (
                "second quarter of 2025".into(),
                "2025-04-01".into(),
                "2025-06-30".into()
            )
        );
        assert!(t("in the first quarter of 2026-29", "2026-11-26")
            .iter()
            .all(|(text, _)| !text.contains("quarter")));
    }

    #[test]
    fn month_ranges() {
        assert_eq!(
            span(
                "collected Rs3.83tr in July-October of the fiscal year",
                "2026-11-02"
            ),
            (
                "in July-October".into(),
                "2026-07-01".into(),
                "2026-10-31".into()
            )
        );
        assert_eq!(
            span("exports fell between January and March.", "2026-05-10"),
            (
                "between January and March".into(),
                "2026-01-01".into(),
                "2026-03-31".into()
            )
        );
        // Over the turn of the year, with and without one written.
        assert_eq!(
            span("the November-January quarter", "2026-02-10"),
            (
                "November-January".into(),
                "2025-11-01".into(),
                "2026-01-31".into()
            )
        );
        assert_eq!(
            span("from Nov to Jan 2026", "2026-09-10"),
            (
                "from Nov to Jan 2026".into(),
                "2025-11-01".into(),
                "2026-01-31".into()
            )
        );
        // Spoken of as to come: the first such months not yet over.
        assert_eq!(
            span("The levy will apply from July to September.", "2026-11-02"),
            (
                "from July to September".into(),
                "2027-07-01".into(),
                "2027-09-30".into()
            )
        );
        // Two months named with "and" are two months, not a range.
        let v = t("rains in July and October", "2026-11-02");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].0, "in July");
    }

    #[test]
    fn the_year_of_a_law_or_plan_is_no_time() {
        let r = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        for s in [
            "cases filed under the Narcotics Control Act, 2018 were heard",
            "the Foreigners Act 1946 applies",
            "The Budget 2027 proposes an increase",
            "part of the government's 'Vision 2030' infrastructure plan",
            "under the “Agenda 2030” goals",
        ] {
            let t = find_times(s, r, &crate::extract::text::sentences(s), 7);
            assert!(t.iter().all(|t| t.qualifier.is_none()), "{s}: {t:?}");
            assert_eq!(t.len(), 1, "{s}: the year is still taken out of the text");
        }
        let s = "sales rose in 2018 to a high";
        let t = find_times(s, r, &crate::extract::text::sentences(s), 7);
        assert!(t[0].qualifier.is_some());
    }

    #[test]
    fn by_a_month_is_a_deadline_unless_its_clause_is_past() {
        let r = "2026-11-22";
        assert_eq!(
            point_of(
                "It needed $48 million to reach 150,000 families by March.",
                r
            ),
            "2027-03-01"
        );
        assert_eq!(
            point_of("The rest is to be procured by the end of January.", r),
            "2027-01-01"
        );
        assert_eq!(
            point_of("The rate had risen to 12 percent by March.", r),
            "2026-03-01"
        );
        assert_eq!(
            point_of("By March, prices rose to a high.", r),
            "2026-03-01"
        );
    }

    #[test]
    fn weekdays_are_past_leaning() {
        let (txt, q) = one("the regulator said on Tuesday it", "2025-09-09");
        assert_eq!(txt, "on Tuesday");
        assert_eq!(ds(q.point_in_time), "2025-09-09");
        assert_eq!(point_of("said on Thursday.", "2025-12-12"), "2025-12-11");
        assert_eq!(point_of("On Monday, he", "2025-09-09"), "2025-09-08");
        assert_eq!(
            point_of("The court will hear it on Monday.", "2025-09-09"),
            "2025-09-15"
        );
        // The statement was made on Tuesday, though what it says is to come.
        assert_eq!(
            point_of(
                "Fares will fall, the minister said on Tuesday.",
                "2025-09-12"
            ),
            "2025-09-09"
        );
        // So was an act whose verb in the past follows the day, whatever it looks ahead to.
        assert_eq!(
            point_of(
                "The board on Thursday approved a dam that will displace 1,200 households.",
                "2026-11-26"
            ),
            "2026-11-26"
        );
        assert_eq!(
            point_of(
                "The government on Tuesday night raised the price for the next fortnight.",
                "2026-11-25"
            ),
            "2026-11-24"
        );
        assert_eq!(
            point_of(
                "The court on Monday will hear the appeal against the ruling.",
                "2026-11-25"
            ),
            "2026-11-30"
        );
    }

    #[test]
    fn a_hearing_is_put_off_to_a_date_to_come() {
        let v = t(
            "The court on Wednesday adjourned the hearing till December 3 and listed the matter for compliance on February 10.",
            "2026-11-26",
        );
        let dates: Vec<String> = v.iter().map(|(_, q)| ds(q.point_in_time)).collect();
        assert_eq!(dates, ["2026-11-25", "2026-12-03", "2027-02-10"]);
        // The day a hearing was put off is past.
        assert_eq!(
            point_of("The judge adjourned the case on Monday.", "2026-11-26"),
            "2026-11-23"
        );
        // Nor is the day a remand ends.
        assert_eq!(
            point_of(
                "The court remanded the suspects in custody till December 3.",
                "2026-11-26"
            ),
            "2026-12-03"
        );
    }

    #[test]
    fn from_a_month_is_to_come_unless_its_clause_is_past() {
        let at = |s: &str| point_of(s, "2025-11-25");
        assert_eq!(
            at("the government borrowed Rs450bn from July 1."),
            "2025-07-01"
        );
        assert_eq!(at("The new tariff applies from January 1."), "2026-01-01");
        assert_eq!(at("Fares will be raised from March 1."), "2026-03-01");
        // The start of a span is no cue: its verb gives the tense.
        let v = t(
            "From January to October, customs seized 86kg of gold.",
            "2025-11-25",
        );
        assert_eq!(ds(v[0].1.start_date), "2025-01-01", "{v:?}");
        let v = t("From March 3 to 9, the bank sold $2bn.", "2025-11-25");
        assert_eq!(ds(v[0].1.start_date), "2025-03-03", "{v:?}");
    }

    #[test]
    fn until_a_month_is_to_come_unless_its_verb_is_past() {
        let at = |s: &str| point_of(s, "2026-11-24");
        assert_eq!(
            at("The department has frozen releases until the end of December."),
            "2026-12-01"
        );
        assert_eq!(at("The road was closed until March."), "2026-03-01");
        assert_eq!(
            one(
                "Only 38 schemes had received funds by the end of October.",
                "2026-11-24"
            )
            .0,
            "by the end of October"
        );
    }

    #[test]
    fn a_likely_change_is_to_come() {
        assert_eq!(
            point_of(
                "rates were likely to ease by 20 basis points by March",
                "2026-11-26"
            ),
            "2027-03-01"
        );
    }

    #[test]
    fn the_past_hours_are_a_time_in_whole_days() {
        assert_eq!(
            span(
                "rainfall over the past 72 hours, officials said",
                "2026-11-22"
            ),
            (
                "the past 72 hours".into(),
                "2026-11-19".into(),
                "2026-11-22".into()
            )
        );
        assert_eq!(
            span("rain is forecast for the next 36 hours", "2026-11-22").2,
            "2026-11-24"
        );
    }

    #[test]
    fn an_effective_date_is_the_nearest_such_date() {
        let s = "The government raised the price by Rs5, effective from December 1.";
        assert_eq!(point_of(s, "2026-11-30"), "2026-12-01");
        assert_eq!(point_of(s, "2026-12-05"), "2026-12-01");
        assert_eq!(
            point_of("Tariffs were cut with effect from July 1.", "2026-06-20"),
            "2026-07-01"
        );
    }

    #[test]
    fn the_future_cue_counts_in_its_own_clause() {
        let v = t(
            "Fares will be cut from January 1, as ridership fell to 2.1 lakh from 3.4 lakh in March.",
            "2026-11-24",
        );
        let dates: Vec<(String, String)> = v
            .iter()
            .map(|(x, q)| (x.clone(), ds(q.point_in_time)))
            .collect();
        assert_eq!(
            dates,
            [
                ("from January 1".to_string(), "2027-01-01".to_string()),
                ("in March".to_string(), "2026-03-01".to_string())
            ]
        );
        // Without a clause of its own, a month takes the sentence's future cue, wherever it stands.
        assert_eq!(
            ds(
                one("In March, the company will open a plant.", "2026-11-24")
                    .1
                    .point_in_time
            ),
            "2027-03-01"
        );
        // An event "to be" held or presented is to come.
        assert_eq!(
            point_of(
                "The budget, to be presented on November 7, which is expected to raise revenue.",
                "2025-10-20"
            ),
            "2025-11-07"
        );
        // A relative clause after a comma has its own tense, as an appositive's does.
        for s in [
            "The regulator on Wednesday approved an increase, a move that will burden consumers.",
            "The regulator on Wednesday approved an increase, which will burden consumers.",
        ] {
            assert_eq!(point_of(s, "2026-11-26"), "2026-11-25", "{s}");
        }
        // A second clause with its own cue stays in the future.
        assert_eq!(
            ds(t(
                "The first unit will open in May, while the second will follow in March.",
                "2026-11-24"
            )[1]
            .1
            .point_in_time),
            "2027-03-01"
        );
    }

    #[test]
    fn months_and_years() {
        // "the same month last year" is in last year, not this month.
        let (txt, q) = one(
            "than the $2.4 billion of the same month last year",
            "2026-11-02",
        );
        assert_eq!(txt, "the same month last year");
        assert_eq!(
            (ds(q.point_in_time), q.precision),
            ("2025-01-01".into(), Some(DatePrecision::Year))
        );
        let (txt, _) = one("a surplus in the same period a year earlier", "2026-11-02");
        assert_eq!(txt, "the same period a year earlier");
        let (txt, q) = one("In May this year, the team", "2025-09-09");
        assert_eq!(txt, "May this year");
        assert_eq!(
            (ds(q.point_in_time), q.precision),
            ("2025-05-01".into(), Some(DatePrecision::Month))
        );
        let (_, q) = one("In March 2024, a team", "2025-09-09");
        assert_eq!(
            (ds(q.point_in_time), q.resolution),
            ("2024-03-01".into(), TimeResolution::Explicit)
        );
        let (txt, q) = one("compromised between 2019 and 2023.", "2025-09-09");
        assert_eq!(txt, "between 2019 and 2023");
        assert_eq!(
            (ds(q.start_date), ds(q.end_date)),
            ("2019-01-01".into(), "2023-12-31".into())
        );
        assert_eq!(
            point_of("from January next year to", "2025-12-12"),
            "2026-01-01"
        );
        assert_eq!(
            point_of("In September, the agency", "2025-12-12"),
            "2025-09-01"
        );
        assert_eq!(
            point_of("Earlier in December, it", "2025-12-12"),
            "2025-12-01"
        );
        assert_eq!(point_of("arrested last month", "2025-01-15"), "2024-12-01");
        assert_eq!(point_of("in 2023 after", "2025-12-12"), "2023-01-01");
        // A past statement: the year so far (a period up to the article date).
        let (_, q) = one("paid $2.3 million to exporters this year", "2025-12-12");
        assert_eq!(
            (ds(q.point_in_time), ds(q.start_date), ds(q.end_date)),
            ("".into(), "2025-01-01".into(), "2025-12-12".into())
        );
        let (txt, q) = one("so far this year, 40 were held", "2025-06-03");
        assert_eq!(txt, "so far this year");
        assert_eq!(
            (ds(q.start_date), ds(q.end_date)),
            ("2025-01-01".into(), "2025-06-03".into())
        );
        // A future statement keeps the whole year.
        let (_, q) = one("the board will pay the rest this year", "2025-12-12");
        assert_eq!(
            (ds(q.point_in_time), q.precision),
            ("2025-01-01".into(), Some(DatePrecision::Year))
        );
        let (_, q) = one("the rest will follow later this year", "2025-03-12");
        assert_eq!(q.precision, Some(DatePrecision::Year));
        // Last year is the whole previous year, stored as its first day at year precision.
        let (_, q) = one("arrested 300 last year", "2025-12-12");
        assert_eq!(
            (ds(q.point_in_time), q.precision),
            ("2024-01-01".into(), Some(DatePrecision::Year))
        );
        let (_, q) = one("during the past four years", "2025-12-12");
        assert_eq!(
            (ds(q.start_date), ds(q.end_date)),
            ("2021-12-12".into(), "2025-12-12".into())
        );
        let (_, q) = one("between 2019 and 2023", "2025-12-12");
        assert_eq!(
            (ds(q.start_date), ds(q.end_date), q.precision),
            (
                "2019-01-01".into(),
                "2023-12-31".into(),
                Some(DatePrecision::Year)
            )
        );
    }

    #[test]
    fn fiscal_years_and_rolling() {
        let (_, q) = one("in fiscal year 2024-25 the", "2025-09-09");
        assert_eq!(
            (ds(q.start_date), ds(q.end_date)),
            ("2024-07-01".into(), "2025-06-30".into())
        );
        // "FY24": the fiscal year that ends in 2024, wherever it starts; "FY99" ends in 1999.
        for (text, fiscal_start, start, end) in [
            ("sanctioned in FY24 for", 4, "2023-04-01", "2024-03-31"),
            ("sanctioned in FY24 for", 7, "2023-07-01", "2024-06-30"),
            ("sanctioned in FY'99 for", 7, "1998-07-01", "1999-06-30"),
            ("sanctioned in FY24 for", 1, "2024-01-01", "2024-12-31"),
        ] {
            let r = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
            let v = find_times(text, r, &sentences(text), fiscal_start);
            let q = v[0].qualifier.as_ref().unwrap();
            assert_eq!(
                (ds(q.start_date), ds(q.end_date)),
                (start.into(), end.into()),
                "{text}"
            );
        }
        assert_eq!(
            span(
                "released over the next 18 months, officials said",
                "2026-11-20"
            ),
            (
                "the next 18 months".into(),
                "2026-11-20".into(),
                "2028-05-20".into()
            )
        );
        // Without a number, "next month" is the calendar month.
        assert_eq!(point_of("due next month", "2026-11-20"), "2026-12-01");
        assert_eq!(
            span("during the past year", "2025-12-12"),
            (
                "the past year".into(),
                "2024-12-12".into(),
                "2025-12-12".into()
            )
        );
        let (_, q) = one("on September 9, 2025", "2025-12-12");
        assert_eq!(ds(q.point_in_time), "2025-09-09");
        assert_eq!(point_of("three years ago", "2025-12-12"), "2022-01-01");
    }

    #[test]
    fn opening_periods_are_times_not_durations() {
        let (text, q) = one(
            "exports grew in the first five months of the year",
            "2024-08-20",
        );
        assert_eq!(text, "the first five months of the year");
        assert_eq!(
            (ds(q.start_date), ds(q.end_date)),
            ("2024-01-01".into(), "2024-05-31".into())
        );
        let (_, q) = one(
            "revenue in the first three months of the current fiscal year",
            "2024-11-02",
        );
        assert_eq!(
            (ds(q.start_date), ds(q.end_date)),
            ("2024-07-01".into(), "2024-09-30".into())
        );
        // Without a year to anchor it the phrase is masked, with no qualifier.
        let r = NaiveDate::from_ymd_opt(2024, 8, 20).unwrap();
        let v = find_times("during the first two weeks of the campaign", r, &[], 7);
        assert_eq!(v.len(), 1);
        assert!(v[0].qualifier.is_none());
    }

    #[test]
    fn could_may_and_might_look_ahead_from_before_the_time() {
        let r = "2026-11-26";
        assert_eq!(
            point_of("the MPC could deliver a 25 bps cut in February", r),
            "2027-02-01"
        );
        assert_eq!(
            point_of("we may have to import wheat in January", r),
            "2027-01-01"
        );
        assert_eq!(
            point_of("officials could not be reached in October", r),
            "2026-10-01"
        );
        assert_eq!(
            point_of(
                "the account, which posted a deficit in October, could come under pressure",
                r
            ),
            "2026-10-01"
        );
    }

    #[test]
    fn clock_times_are_masked_without_qualifier() {
        let r = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let v = find_times("at 10:30am and 4 pm", r, &[], 7);
        assert_eq!(v.len(), 2);
        assert!(v.iter().all(|x| x.qualifier.is_none()));
    }
}
