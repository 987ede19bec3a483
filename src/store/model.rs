//! The fact-store data model: the records of `data/facts.json` and the shared value types they use.
//!
//! Records refer to each other by id (`article_id`, `subject_ids`, ...). The API views in
//! [`crate::store::views`] embed small references instead, and are built once at load time.

use std::borrow::Cow;
use std::marker::PhantomData;

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

/// The version of the store file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The whole fact store as written to `data/facts.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsFile {
    /// Store format version; must equal [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Articles, ordered by id.
    pub articles: Vec<ArticleRecord>,
    /// Entities, ordered by id.
    pub entities: Vec<EntityRecord>,
    /// Every place an entity is named in an article.
    pub entity_mentions: Vec<EntityMentionRecord>,
    /// Numeric claims, ordered by id.
    pub claims: Vec<ClaimRecord>,
}

/// One article as stored: its text fields and metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleRecord {
    /// `art_` and 12 hex digits of SHA-256 over title and date.
    pub id: String,
    /// Readable kebab-case slug of the title.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Summary bullets joined by `\n` (without the bullet glyphs); empty when the article has none.
    pub summary: String,
    /// Photo caption, if the page had one.
    pub caption: Option<String>,
    /// Body paragraphs joined by a blank line, starting with the dateline if any.
    pub body: String,
    /// BCP 47 language tag.
    pub language: String,
    /// Place named in the dateline ("ISLAMABAD:" gives `Islamabad`).
    pub dateline: Option<String>,
    /// Date printed on the page.
    pub article_date: NaiveDate,
    /// Whether `article_date` is a publication or an update date.
    pub article_date_kind: ArticleDateKind,
    /// Publisher and address, when the text names them.
    pub source: Source,
    /// Where the text came from.
    pub provenance: Provenance,
}

/// An entity as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityRecord {
    /// Kebab-case slug of the canonical name.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Acronyms, alternate names and descriptors.
    #[serde(deserialize_with = "exact_vec")]
    pub aliases: Vec<Alias>,
    /// One-line description, when curated.
    pub description: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code: Option<String>,
    /// Wikidata item id (`Q458`), only when confirmed.
    pub wikidata_id: Option<String>,
}

/// One place where an entity is named, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityMentionRecord {
    /// The entity named.
    pub entity_id: String,
    /// The article it is named in.
    pub article_id: String,
    /// How it is named.
    pub surface_kind: SurfaceKind,
    /// Where it is named.
    pub span: Span,
}

/// A numeric claim as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    /// `clm_` and 12 hex digits of SHA-256 over the article id and the canonical quantity span.
    pub id: CompactString,
    /// The article stating the claim.
    pub article_id: CompactString,
    /// Readable statement of the fact.
    pub label: CompactString,
    /// Open snake_case predicate such as `blocked_count`.
    pub predicate: CompactString,
    /// What is counted or measured.
    pub measured: CompactString,
    /// Entities the figure is about.
    #[serde(deserialize_with = "exact_vec")]
    pub subject_ids: Vec<String>,
    /// Who said it and when.
    pub attribution: AttributionRecord,
    /// Canonical value.
    pub value: Quantity,
    /// When the figure holds.
    pub time: TimeQualifier,
    /// Every statement of the figure in the article; exactly one is canonical.
    #[serde(deserialize_with = "exact_vec")]
    pub mentions: Vec<ClaimMention>,
    /// Worst consistency over the mentions.
    pub consistency: ClaimConsistency,
    /// How the claim was extracted.
    pub extraction: Extraction,
}

/// Attribution as stored, with claimant ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionRecord {
    /// Entities who state the figure.
    #[serde(deserialize_with = "exact_vec")]
    pub claimant_ids: Vec<String>,
    /// The attribution phrase as written.
    pub text: Option<CompactString>,
    /// When the figure was stated.
    pub claimed_date: Option<NaiveDate>,
    /// Precision of `claimed_date`.
    pub claimed_date_precision: Option<DatePrecision>,
}

/// Publisher and address of an article; null when the text names neither.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Publisher name.
    #[schema(required = true)]
    pub name: Option<String>,
    /// Canonical address of the article.
    #[schema(required = true, format = "uri")]
    pub url: Option<String>,
}

/// Where an article's text came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// File name of the input the article was read from.
    pub corpus_file: String,
    /// Zero-based position of the article within that file.
    pub document_index: u32,
}

/// How the claim was extracted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Extraction {
    /// `rules` for the built-in extractor, `manual` for hand annotation.
    #[schema(value_type = String, examples("rules"))]
    pub method: CompactString,
    /// Extractor version.
    #[schema(value_type = String)]
    pub version: CompactString,
    /// Extractor confidence between 0 and 1.
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub confidence: f64,
}

/// A quantity as stated: always the same flat shape, every key present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({"kind": "money", "amount": 500.0, "modifier": "exact", "lower_bound": 500.0,
    "upper_bound": 500.0, "unit": "PKR", "unit_text": "Rs", "unit_inferred": true, "duration_iso8601": null,
    "direction": "none", "vague_term": null, "text": "Rs500"})))]
pub struct Quantity {
    /// What sort of number.
    pub kind: QuantityKind,
    /// The figure as stated, fully scaled (2.7 million is 2700000); for a ratio, the first figure over the
    /// second ("one in five" is 0.2); null only for vague terms.
    #[schema(required = true)]
    pub amount: Option<f64>,
    /// How the text qualifies the figure.
    pub modifier: QuantityModifier,
    /// Lower end of the implied interval; exclusive when `modifier` is `more_than`; null when unbounded.
    #[schema(required = true)]
    pub lower_bound: Option<f64>,
    /// Upper end of the implied interval; exclusive when `modifier` is `less_than`; null when unbounded.
    #[schema(required = true)]
    pub upper_bound: Option<f64>,
    /// ISO 4217 code for money; `percent` or `percentage_point`; `day`, `week`, `month`, `year`, `hour` or `minute` for durations; for `other`, `basis_point` or a unit of measure: `kilometre`, `metre`, `centimetre`, `millimetre`, `mile`, `yard`, `foot`, `inch`, `square_kilometre`, `square_metre`, `square_mile`, `square_yard`, `square_foot`, `cubic_metre`, `cubic_foot`, `running_metre`, `running_foot`, `kilogram`, `gram`, `milligram`, `microgram`, `microgram_per_cubic_metre`, `tonne`, `quintal`, `maund`, `litre`, `gallon`, `acre`, `hectare`, `kanal`, `marla`, `kilowatt`, `megawatt`, `gigawatt`, `kilowatt_hour`, `megawatt_hour`, `gigawatt_hour`, `kilovolt`, `degree`, `degree_celsius`, `degree_fahrenheit`, `cusec`, `barrel`, `barrel_per_day`, `mmcfd`, `mcf`, `kph` or `mph`; null for counts and ratios.
    #[schema(required = true, value_type = Option<String>, examples("PKR"))]
    pub unit: Option<CompactString>,
    /// The unit as written (`Rs`, `percent`, `days`, `kg`); for a ratio, the ratio as written (`one in five`).
    #[schema(required = true, value_type = Option<String>)]
    pub unit_text: Option<CompactString>,
    /// True when the unit came from context rather than the token (`Rs` read as PKR).
    pub unit_inferred: bool,
    /// ISO 8601 duration (`P14D`) for durations.
    #[schema(required = true, value_type = Option<String>)]
    pub duration_iso8601: Option<CompactString>,
    /// Direction of a stated change.
    pub direction: Direction,
    /// The vague term (`dozens`, `thousands`) when there is no exact figure.
    #[schema(required = true, value_type = Option<String>)]
    pub vague_term: Option<CompactString>,
    /// The quantity expression as written.
    #[schema(value_type = String)]
    pub text: CompactString,
}

/// A stretch of an article field: half-open `[start, end)` in Unicode code points, with the quoted text.
///
/// Offsets count code points (not UTF-8 bytes, not UTF-16 units) in the named field of the article.
/// Its JSON (and its schema) is [`SpanParts`]; in memory the three quoted texts share one allocation,
/// since a million-claim store holds millions of spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Article field the offsets index.
    pub field: TextField,
    /// First code point, inclusive.
    pub start: u32,
    /// Last code point, exclusive.
    pub end: u32,
    /// `prefix`, `exact` and `suffix`, one after another.
    quoted: Box<str>,
    /// Bytes of `quoted` that are the prefix.
    prefix_len: u32,
    /// Bytes of `quoted` that are the exact text.
    exact_len: u32,
}

impl Span {
    /// A span of `field` with its texts.
    pub fn new(
        field: TextField,
        start: u32,
        end: u32,
        prefix: &str,
        exact: &str,
        suffix: &str,
    ) -> Self {
        let mut quoted = String::with_capacity(prefix.len() + exact.len() + suffix.len());
        quoted.extend([prefix, exact, suffix]);
        let len = |s: &str| u32::try_from(s.len()).expect("a span's text is under 4 GiB");
        Self {
            field,
            start,
            end,
            quoted: quoted.into_boxed_str(),
            prefix_len: len(prefix),
            exact_len: len(exact),
        }
    }

    /// The text between `start` and `end`.
    pub fn exact(&self) -> &str {
        let from = self.prefix_len as usize;
        &self.quoted[from..from + self.exact_len as usize]
    }

    /// Up to 32 code points before `start`.
    pub fn prefix(&self) -> &str {
        &self.quoted[..self.prefix_len as usize]
    }

    /// Up to 32 code points after `end`.
    pub fn suffix(&self) -> &str {
        &self.quoted[(self.prefix_len + self.exact_len) as usize..]
    }

    /// The span as it reads and writes: its three texts borrowed.
    fn parts(&self) -> SpanParts<'_> {
        SpanParts {
            field: self.field,
            start: self.start,
            end: self.end,
            exact: Cow::Borrowed(self.exact()),
            prefix: Cow::Borrowed(self.prefix()),
            suffix: Cow::Borrowed(self.suffix()),
        }
    }
}

/// A stretch of an article field: half-open `[start, end)` in Unicode code points, with the quoted text.
///
/// Offsets count code points (not UTF-8 bytes, not UTF-16 units) in the named field of the article.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename = "Span")]
#[schema(examples(json!({"field": "body", "start": 883, "end": 888, "exact": "1,372",
    "prefix": "lawful content, PTA has blocked ", "suffix": " sites, apps and social media pa"})))]
pub struct SpanParts<'a> {
    /// Article field the offsets index.
    pub field: TextField,
    /// First code point, inclusive.
    pub start: u32,
    /// Last code point, exclusive.
    pub end: u32,
    /// The text between `start` and `end`.
    #[serde(borrow)]
    pub exact: Cow<'a, str>,
    /// Up to 32 code points before `start`.
    #[serde(borrow)]
    pub prefix: Cow<'a, str>,
    /// Up to 32 code points after `end`.
    #[serde(borrow)]
    pub suffix: Cow<'a, str>,
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.parts().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Span {
    // The texts are borrowed from the input where they can be, then copied once into one allocation.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let p = SpanParts::deserialize(deserializer)?;
        Ok(Span::new(
            p.field, p.start, p.end, &p.prefix, &p.exact, &p.suffix,
        ))
    }
}

// Spans are held by the million: three quoted texts in one allocation, not three strings.
const _: () = assert!(std::mem::size_of::<Span>() <= 40);

impl utoipa::PartialSchema for Span {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        SpanParts::schema()
    }
}

impl ToSchema for Span {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Span")
    }

    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        SpanParts::schemas(schemas);
    }
}

/// When a figure holds: a point in time or an inclusive period, with its precision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeQualifier {
    /// The day (or first day of the month or year) the figure refers to.
    #[schema(required = true)]
    pub point_in_time: Option<NaiveDate>,
    /// First day of the period, inclusive.
    #[schema(required = true)]
    pub start_date: Option<NaiveDate>,
    /// Last day of the period, inclusive.
    #[schema(required = true)]
    pub end_date: Option<NaiveDate>,
    /// Precision of the dates.
    #[schema(required = true)]
    pub precision: Option<DatePrecision>,
    /// The time expression as written.
    #[schema(required = true, value_type = Option<String>)]
    pub text: Option<CompactString>,
    /// How the dates were obtained.
    pub resolution: TimeResolution,
}

impl TimeQualifier {
    /// A qualifier with nothing known.
    pub fn none() -> Self {
        Self {
            point_in_time: None,
            start_date: None,
            end_date: None,
            precision: None,
            text: None,
            resolution: TimeResolution::None,
        }
    }
}

/// One statement of a claim's figure in the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimMention {
    /// Where in the article the figure is stated.
    pub role: MentionRole,
    /// True for the one mention whose value is the claim's value.
    pub is_canonical: bool,
    /// The value as this mention states it.
    pub value: Quantity,
    /// Just the quantity phrase.
    pub quantity_span: Span,
    /// The clause or sentence stating the figure.
    pub evidence_span: Span,
    /// How this mention's value relates to the canonical value.
    pub consistency: MentionConsistency,
    /// Explanation of the consistency in words.
    #[schema(required = true)]
    pub consistency_note: Option<String>,
}

/// An alternative name of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The alias as written.
    pub text: String,
    /// What kind of alias it is.
    pub kind: AliasKind,
    /// Whether the alias appears in an article or comes from the curated gazetteer.
    pub source: AliasSource,
}

/// Deserializes a list into a vector with room for its items and no more. serde's `Vec` starts empty and
/// grows by doubling from four, so a claim's one mention (384 bytes) took 1,536: more than a third of
/// a million-claim store's memory once loaded from JSON.
fn exact_vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ExactVec<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for ExactVec<T> {
        type Value = Vec<T>;

        // The words of serde's own `Vec`, so that error messages are unchanged.
        fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
            formatter.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            // An empty list allocates nothing; a list of one (the common case) or two allocates exactly
            // once.
            let Some(first) = seq.next_element()? else {
                return Ok(Vec::new());
            };
            let Some(second) = seq.next_element()? else {
                return Ok(vec![first]);
            };
            // A length the format announces is trusted only as far as a small bound.
            let rest = seq.size_hint().unwrap_or(0).min(1024);
            let mut items = Vec::with_capacity(2 + rest);
            items.extend([first, second]);
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            items.shrink_to_fit();
            Ok(items)
        }
    }

    deserializer.deserialize_seq(ExactVec(PhantomData))
}

/// A closed set of snake_case values that travel as strings in JSON and in query parameters.
pub trait WireEnum: Copy + Sized + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The wire name of this value.
    fn as_str(self) -> &'static str;
    /// The value with this wire name.
    fn parse_wire(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == text)
    }
    /// The wire names joined with ", " (for error messages).
    fn choices() -> String {
        Self::ALL
            .iter()
            .map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Declares a [`WireEnum`] with its serde and OpenAPI derives.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $crate::store::model::WireEnum for $name {
            const ALL: &'static [$name] = &[$($name::$variant),+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }
    };
}
pub(crate) use wire_enum;

wire_enum! {
    /// What sort of number a quantity is.
    QuantityKind {
        /// A number of things or people.
        Count => "count",
        /// An amount of money.
        Money => "money",
        /// A percentage.
        Percent => "percent",
        /// A length of time.
        Duration => "duration",
        /// A ratio such as "one in five" or "three out of every 10": `amount` is the first figure over the
        /// second.
        Ratio => "ratio",
        /// Any other quantity: basis points and physical measures ("12 kilograms", "3,400 acres", "45
        /// degrees"), with the unit named in `unit`.
        Other => "other",
    }
}

wire_enum! {
    /// How the text qualifies a figure ("more than", "as many as", ...).
    QuantityModifier {
        /// Stated as an exact figure.
        Exact => "exact",
        /// About, around, nearly, approximately.
        Approximately => "approximately",
        /// Over, more than: exclusive lower bound.
        MoreThan => "more_than",
        /// At least: inclusive lower bound.
        AtLeast => "at_least",
        /// Less than, under, fewer than: exclusive upper bound.
        LessThan => "less_than",
        /// Up to, as many as, within: inclusive upper bound.
        AtMost => "at_most",
        /// Between two figures, bounds inclusive.
        Range => "range",
        /// A vague term with no figure (dozens, thousands).
        Vague => "vague",
    }
}

wire_enum! {
    /// Direction of a stated change.
    Direction {
        /// Not a change, or no direction stated.
        None => "none",
        /// A rise.
        Increase => "increase",
        /// A drop.
        Decrease => "decrease",
    }
}

wire_enum! {
    /// Article field a span indexes.
    TextField {
        /// The headline.
        Title => "title",
        /// The summary bullets.
        Summary => "summary",
        /// The photo caption.
        Caption => "caption",
        /// The body.
        Body => "body",
    }
}

wire_enum! {
    /// Precision of a date.
    DatePrecision {
        /// Exact day.
        Day => "day",
        /// Month; the date is the first of the month.
        Month => "month",
        /// Year; the date is 1 January.
        Year => "year",
        /// Decade; the date is 1 January of its first year.
        Decade => "decade",
    }
}

wire_enum! {
    /// How the dates of a time qualifier were obtained.
    TimeResolution {
        /// Written out in the text ("in March 2024").
        Explicit => "explicit",
        /// Resolved against the article date ("this year", "on Monday").
        RelativeToArticleDate => "relative_to_article_date",
        /// Inferred from context.
        Inferred => "inferred",
        /// Unknown.
        None => "none",
    }
}

wire_enum! {
    /// Where in the article a claim mention sits.
    MentionRole {
        /// In the headline.
        Headline => "headline",
        /// In a summary bullet.
        Summary => "summary",
        /// In the photo caption.
        Caption => "caption",
        /// In the body, outside quotation marks.
        Body => "body",
        /// Inside a direct quotation.
        DirectQuote => "direct_quote",
    }
}

wire_enum! {
    /// How one mention's value relates to the canonical value.
    MentionConsistency {
        /// Same modifier and amount.
        Same => "same",
        /// The canonical value lies within what this mention states.
        Consistent => "consistent",
        /// The canonical value lies outside what this mention states.
        Inconsistent => "inconsistent",
        /// Different kind or unit, or no bounds to compare.
        NotComparable => "not_comparable",
    }
}

wire_enum! {
    /// The worst consistency over a claim's mentions.
    ClaimConsistency {
        /// Every mention agrees with the canonical value.
        Consistent => "consistent",
        /// Some mention contradicts the canonical value.
        Inconsistent => "inconsistent",
        /// Some mention cannot be compared with the canonical value.
        NotComparable => "not_comparable",
    }
}

wire_enum! {
    /// Entity type.
    EntityType {
        /// Agency, company, ministry, court, party, union of states.
        Organization => "organization",
        /// A person.
        Person => "person",
        /// Country, province, city, sea or other place.
        Place => "place",
        /// Anything else.
        Other => "other",
    }
}

wire_enum! {
    /// Kind of an entity alias.
    AliasKind {
        /// An acronym ("PTA").
        Acronym => "acronym",
        /// Another name ("Brussels" for the EU's institutions, a short form of a person's name).
        AlternateName => "alternate_name",
        /// A descriptive phrase ("Pakistan's telecom regulator").
        Descriptor => "descriptor",
    }
}

wire_enum! {
    /// Where an alias comes from.
    AliasSource {
        /// Found in an article.
        Text => "text",
        /// From the curated gazetteer.
        Curated => "curated",
    }
}

wire_enum! {
    /// How an entity is named at one mention.
    SurfaceKind {
        /// Its canonical name (or "Full Name (ACR)").
        Name => "name",
        /// An acronym.
        Acronym => "acronym",
        /// Another name, such as a surname alone.
        AlternateName => "alternate_name",
        /// A descriptive phrase.
        Descriptor => "descriptor",
    }
}

wire_enum! {
    /// Whether an article date is a publication or an update date.
    ArticleDateKind {
        /// "Published ...".
        Published => "published",
        /// "Updated ...".
        Updated => "updated",
        /// A date with no label.
        Unknown => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether every list a claim or entity holds has room for its items and no more.
    fn lists_are_exact(facts: &FactsFile) -> bool {
        let exact = |len: usize, capacity: usize| len == capacity;
        facts.claims.iter().all(|c| {
            exact(c.mentions.len(), c.mentions.capacity())
                && exact(c.subject_ids.len(), c.subject_ids.capacity())
                && exact(
                    c.attribution.claimant_ids.len(),
                    c.attribution.claimant_ids.capacity(),
                )
        }) && facts
            .entities
            .iter()
            .all(|e| exact(e.aliases.len(), e.aliases.capacity()))
    }

    #[test]
    fn lists_read_from_json_or_postcard_take_no_spare_room() {
        let facts: FactsFile = serde_json::from_slice(crate::store::EMBEDDED_FACTS).unwrap();
        assert!(facts.claims.iter().any(|c| c.mentions.len() == 1));
        assert!(facts.claims.iter().any(|c| c.mentions.len() > 1));
        assert!(lists_are_exact(&facts));
        let bytes = postcard::to_allocvec(&facts).unwrap();
        assert!(lists_are_exact(&postcard::from_bytes(&bytes).unwrap()));
    }

    /// Whether a claim's short strings (ids, units, quantity texts, extraction) are held in place.
    fn short_strings_are_inline(facts: &FactsFile) -> bool {
        facts.claims.iter().all(|c| {
            let values = std::iter::once(&c.value).chain(c.mentions.iter().map(|m| &m.value));
            let mut short = vec![
                &c.id,
                &c.article_id,
                &c.extraction.method,
                &c.extraction.version,
            ];
            for v in values {
                short.push(&v.text);
                short.extend(v.unit.iter().chain(&v.unit_text));
            }
            short.iter().all(|s| s.len() > 24 || !s.is_heap_allocated())
        })
    }

    #[test]
    fn short_strings_read_from_json_or_postcard_take_no_heap() {
        let facts: FactsFile = serde_json::from_slice(crate::store::EMBEDDED_FACTS).unwrap();
        assert!(short_strings_are_inline(&facts));
        let bytes = postcard::to_allocvec(&facts).unwrap();
        assert!(short_strings_are_inline(
            &postcard::from_bytes(&bytes).unwrap()
        ));
    }

    #[test]
    fn a_span_reads_and_writes_its_three_texts_as_before() {
        let json = r#"{"field":"body","start":4,"end":9,"exact":"1,372","prefix":"“PTA ","suffix":" sites"}"#;
        let span: Span = serde_json::from_str(json).unwrap();
        assert_eq!(
            (span.prefix(), span.exact(), span.suffix()),
            ("“PTA ", "1,372", " sites")
        );
        assert_eq!(serde_json::to_string(&span).unwrap(), json);
        let bytes = postcard::to_allocvec(&span).unwrap();
        assert_eq!(postcard::from_bytes::<Span>(&bytes).unwrap(), span);
        // Escaped texts cannot be borrowed from the input; they read the same.
        let escaped: Span = serde_json::from_str(&json.replace("PTA", "P\\u0054A")).unwrap();
        assert_eq!(escaped, span);
        let unknown = serde_json::from_str::<Span>(&json.replace("\"suffix\"", "\"after\""));
        assert_eq!(
            unknown.unwrap_err().to_string(),
            "unknown field `after`, expected one of `field`, `start`, `end`, `exact`, `prefix`, \
             `suffix` at line 1 column 76"
        );
    }

    #[test]
    fn a_list_of_the_wrong_type_is_named_as_before() {
        let facts: serde_json::Value =
            serde_json::from_slice(crate::store::EMBEDDED_FACTS).unwrap();
        let mut claim = facts["claims"][0].clone();
        claim["mentions"] = serde_json::json!("none");
        let error = serde_json::from_value::<ClaimRecord>(claim).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: string \"none\", expected a sequence"
        );
    }
}
