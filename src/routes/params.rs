//! Query-string parsing that reports every invalid parameter at once.
//!
//! actix's `web::Query` stops at the first error and cannot collect repeated keys, so lists read the
//! raw query here: repeated keys and comma-separated values both mean OR, unknown keys are rejected.

use chrono::NaiveDate;
use percent_encoding::percent_decode_str;

use crate::error::{ApiError, InvalidParam};
use crate::store::model::WireEnum;

/// Default number of items per page.
pub const DEFAULT_PAGE_SIZE: usize = 20;
/// Largest page size accepted.
pub const MAX_PAGE_SIZE: usize = 100;
const MAX_VALUE_CHARS: usize = 200;

/// The decoded pairs of one query string, consumed parameter by parameter.
pub struct QueryReader {
    pairs: Vec<(String, String)>,
    used: Vec<bool>,
    errors: Vec<InvalidParam>,
}

impl QueryReader {
    /// Decodes `query` (`application/x-www-form-urlencoded`).
    pub fn new(query: &str) -> Self {
        let mut pairs = Vec::new();
        let mut errors = Vec::new();
        for part in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            match (decode(k), decode(v)) {
                (Some(k), Some(v)) => pairs.push((k, v)),
                (k, _) => errors.push(InvalidParam {
                    parameter: k
                        .unwrap_or_else(|| String::from_utf8_lossy(k_bytes(part)).into_owned()),
                    detail: "is not valid percent-encoded UTF-8".into(),
                    value: truncate(v),
                }),
            }
        }
        let used = vec![false; pairs.len()];
        Self {
            pairs,
            used,
            errors,
        }
    }

    fn take(&mut self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if k == name {
                self.used[i] = true;
                out.push(v.clone());
            }
        }
        out
    }

    fn error(&mut self, name: &str, detail: impl Into<String>, value: &str) {
        self.errors.push(InvalidParam {
            parameter: name.into(),
            detail: detail.into(),
            value: truncate(value),
        });
    }

    /// A parameter given at most once, non-empty.
    pub fn single(&mut self, name: &str) -> Option<String> {
        let values = self.take(name);
        match values.as_slice() {
            [] => None,
            [v] if v.is_empty() => {
                self.error(name, "must not be empty", v);
                None
            }
            [v] => Some(v.clone()),
            [first, ..] => {
                let first = first.clone();
                self.error(name, "must be given at most once", &first);
                None
            }
        }
    }

    /// Free text, at most `max` characters.
    pub fn text(&mut self, name: &str, max: usize) -> Option<String> {
        let v = self.single(name)?;
        if v.chars().count() > max {
            self.error(name, format!("must be at most {max} characters"), &v);
            return None;
        }
        Some(v)
    }

    /// A list of strings: repeated keys and comma-separated values, each non-empty.
    pub fn strings(&mut self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        for raw in self.take(name) {
            if raw.is_empty() {
                self.error(name, "must not be empty", &raw);
            }
            for item in raw.split(',') {
                let item = item.trim();
                if item.is_empty() {
                    continue;
                } else if item.chars().count() > MAX_VALUE_CHARS {
                    self.error(
                        name,
                        format!("must be at most {MAX_VALUE_CHARS} characters"),
                        item,
                    );
                } else {
                    out.push(item.to_string());
                }
            }
        }
        out
    }

    /// A list of enum values.
    pub fn enums<T: WireEnum + PartialEq>(&mut self, name: &str) -> Vec<T> {
        let mut out = Vec::new();
        for item in self.strings(name) {
            match T::parse_wire(&item) {
                Some(v) if !out.contains(&v) => out.push(v),
                Some(_) => {}
                None => self.error(name, format!("must be one of: {}", T::choices()), &item),
            }
        }
        out
    }

    /// A finite number.
    pub fn number(&mut self, name: &str) -> Option<f64> {
        let v = self.single(name)?;
        match v.trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                self.error(name, "must be a finite number", &v);
                None
            }
        }
    }

    /// A calendar date, `YYYY-MM-DD`.
    pub fn date(&mut self, name: &str) -> Option<NaiveDate> {
        let v = self.single(name)?;
        match NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
            Ok(d) if v.len() == 10 => Some(d),
            _ => {
                self.error(name, "must be a date in the form YYYY-MM-DD", &v);
                None
            }
        }
    }

    /// `page_size` (1..=100, default 20) and `page_token`.
    pub fn paging(&mut self) -> (usize, Option<String>) {
        let size = match self.single("page_size") {
            None => DEFAULT_PAGE_SIZE,
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=MAX_PAGE_SIZE).contains(&n) => n,
                _ => {
                    self.error(
                        "page_size",
                        format!("must be an integer from 1 to {MAX_PAGE_SIZE}"),
                        &v,
                    );
                    DEFAULT_PAGE_SIZE
                }
            },
        };
        (size, self.single("page_token"))
    }

    /// Rejects unknown parameters and returns every error found, or the canonical form of the
    /// consumed parameters (sorted, without paging) for page-token fingerprints.
    pub fn finish(mut self) -> Result<String, ApiError> {
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if !self.used[i] {
                self.errors.push(InvalidParam {
                    parameter: truncate(k),
                    detail: "is not a parameter of this operation".into(),
                    value: truncate(v),
                });
            }
        }
        if !self.errors.is_empty() {
            return Err(ApiError::InvalidParameters(self.errors));
        }
        let mut canonical: Vec<&(String, String)> = self
            .pairs
            .iter()
            .filter(|(k, _)| k != "page_token" && k != "page_size")
            .collect();
        canonical.sort();
        Ok(canonical
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&"))
    }
}

fn k_bytes(part: &str) -> &[u8] {
    part.split('=').next().unwrap_or("").as_bytes()
}

/// Decodes one form-encoded component; `None` for a malformed `%` escape or invalid UTF-8.
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let well_formed = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || (bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    let s = s.replace('+', " ");
    percent_decode_str(&s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

fn truncate(v: &str) -> String {
    if v.chars().count() <= MAX_VALUE_CHARS {
        v.to_string()
    } else {
        v.chars().take(MAX_VALUE_CHARS).collect::<String>() + "…"
    }
}

/// A non-empty query value of at most 200 characters (the schema of list items in query parameters).
pub struct QueryValue;

impl utoipa::PartialSchema for QueryValue {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("A non-empty query value of at most 200 characters."))
            .min_length(Some(1))
            .max_length(Some(MAX_VALUE_CHARS))
            .into()
    }
}

impl utoipa::ToSchema for QueryValue {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::model::QuantityKind;

    #[test]
    fn collects_every_error_and_unknown_keys() {
        let mut q = QueryReader::new("amount_gte=lots&kind=count,size&page_sise=3&kind=money");
        assert_eq!(q.number("amount_gte"), None);
        assert_eq!(
            q.enums::<QuantityKind>("kind"),
            vec![QuantityKind::Count, QuantityKind::Money]
        );
        let Err(ApiError::InvalidParameters(errors)) = q.finish() else {
            panic!("expected errors")
        };
        let names: Vec<_> = errors.iter().map(|e| e.parameter.as_str()).collect();
        assert_eq!(names, ["amount_gte", "kind", "page_sise"]);
    }

    #[test]
    fn canonical_form_ignores_order_and_paging() {
        let a = QueryReader::new("kind=count&q=x&page_size=2");
        let b = QueryReader::new("q=x&page_token=abc&kind=count");
        let (mut a, mut b) = (a, b);
        for r in [&mut a, &mut b] {
            r.strings("kind");
            r.text("q", 100);
            r.paging();
        }
        assert_eq!(a.finish().unwrap(), b.finish().unwrap());
    }

    #[test]
    fn rejects_bad_numbers_dates_and_sizes() {
        for (query, name) in [
            ("amount_gte=NaN", "amount_gte"),
            ("amount_gte=inf", "amount_gte"),
            ("article_date_gte=2025-13-01", "article_date_gte"),
            ("page_size=0", "page_size"),
            ("page_size=101", "page_size"),
            ("page_size=-1", "page_size"),
            ("page_size=", "page_size"),
            ("q=%FF", "q"),
        ] {
            let mut q = QueryReader::new(query);
            q.number("amount_gte");
            q.date("article_date_gte");
            q.paging();
            q.text("q", 10);
            let Err(ApiError::InvalidParameters(errors)) = q.finish() else {
                panic!("{query} accepted")
            };
            assert_eq!(errors[0].parameter, name, "{query}");
        }
    }
}
