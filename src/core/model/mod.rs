//! Domain types: an intervention with its weerbaarheid, working elements, evidence and sources,
//! and the vocabularies their facet values come from. No IO here.

pub mod diagnostics;
pub mod facet;
pub mod fold;
pub mod id_enum;
pub mod lang;
pub mod provenance;
pub mod text;
pub mod vocab;

pub use facet::FacetGroup;
pub use lang::Lang;

use serde::{Deserialize, Serialize};

/// One intervention as the rest of the program sees it. Empty strings mean "not recorded";
/// every face shows them as `onbekend` / `unknown` rather than hiding the field.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Intervention {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub providers: Vec<String>,
    pub country: String,
    pub summary: String,
    pub aim: String,
    pub approach: String,
    pub target_groups: Vec<String>,
    pub levels: Vec<String>,
    pub offer_types: Vec<String>,
    pub prevention: Vec<String>,
    /// The first theme is the primary one.
    pub themes: Vec<String>,
    pub weerbaarheid: Weerbaarheid,
    pub working_elements: Vec<WorkingElementUse>,
    pub evidence: Evidence,
    pub duration: String,
    pub cost: String,
    pub region: String,
    pub sources: Vec<Source>,
}

/// How the intervention operationalises weerbaarheid.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Weerbaarheid {
    pub dimensions: Vec<String>,
    /// One or two sentences on how the intervention itself frames resilience.
    pub framing: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkingElementUse {
    pub id: String,
    /// Where the source is more specific than the vocabulary term.
    pub note: String,
}

impl WorkingElementUse {
    /// Uses of these working elements without notes (hand-made and synthetic records).
    pub fn without_notes(ids: &[&str]) -> Vec<WorkingElementUse> {
        ids.iter()
            .map(|id| WorkingElementUse {
                id: id.to_string(),
                note: String::new(),
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Evidence {
    /// An id from `vocab::EVIDENCE`.
    pub level: String,
    /// The state of the recognition as the databank records it: an id from
    /// `vocab::RECOGNITION_STATUS` (erkend, in-herbeoordeling, vervallen, niet-erkend); "" for
    /// levels that are no recognition.
    pub status: String,
    /// Date of the judgement as the databank shows it: YYYY-MM-DD, YYYY-MM or YYYY ("" if none).
    pub date: String,
    /// Year of the judgement: derived from `date` (kept as a number for sorting and the index).
    pub year: Option<u16>,
    /// The assessing body, e.g. "Erkenningscommissie Interventies (deelcommissie Jeugd)";
    /// never the databank that publishes the judgement.
    pub body: String,
    /// The databank that publishes the judgement (`vocab::DATABANKS`).
    pub databank: String,
    /// The databank's page for this intervention.
    pub databank_url: String,
    pub note: String,
    pub studies: Vec<Study>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Study {
    pub design: String,
    pub n: Option<u32>,
    pub outcome: String,
    pub year: Option<u16>,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Source {
    pub url: String,
    pub title: String,
    /// ISO date (YYYY-MM-DD) on which this source's page was read (each source its own).
    pub checked: String,
    /// The fields this source backs, as keys of `provenance::FIELD_KEYS` (`summary`, `evidence`, …).
    pub supports: Vec<String>,
}

/// Recognitions are re-assessed after five years; older ones carry a visible flag.
pub const RECOGNITION_VALID_YEARS: u16 = 5;

impl Evidence {
    /// Whether the judgement is older than the five years after which it is re-assessed.
    pub fn is_stale(&self, current_year: u16) -> bool {
        vocab::is_recognition(&self.level)
            && self
                .year
                .is_some_and(|y| current_year.saturating_sub(y) > RECOGNITION_VALID_YEARS)
    }

    /// Whether the recognition needs a look at the databank: older than five years, under
    /// reassessment or lapsed. Marked `!` after the badge where there is no room for words.
    pub fn is_flagged(&self, current_year: u16) -> bool {
        self.is_stale(current_year)
            || matches!(self.status_id(), Some("in-herbeoordeling" | "vervallen"))
    }

    /// The status id shown for this evidence: the recorded one, else (data written before
    /// statuses were recorded) `erkend`/`niet-erkend` as the level implies; `None` for levels
    /// that are no recognition.
    pub fn status_id(&self) -> Option<&str> {
        if !vocab::is_recognition(&self.level) {
            return None;
        }
        if !self.status.is_empty() {
            return Some(&self.status);
        }
        Some(if self.level == "niet-erkend" {
            "niet-erkend"
        } else {
            "erkend"
        })
    }

    /// The state of the recognition in words, shown next to the level by every face:
    /// "erkend 2016 — ouder dan vijf jaar", "erkend 2015, in herbeoordeling", "erkend 2012,
    /// vervallen", "niet erkend 2024". Labels come from `vocab::RECOGNITION_STATUS`; `None` for
    /// levels that are no recognition.
    pub fn age_note(&self, current_year: u16, lang: Lang) -> Option<String> {
        let status = self.status_id()?;
        let label = vocab::status_label(status, lang);
        let erkend = vocab::status_label("erkend", lang);
        let note = match (status, self.year) {
            // Under re-assessment or lapsed: when it was recognised, then what became of it.
            ("in-herbeoordeling" | "vervallen", Some(y)) => format!("{erkend} {y}, {label}"),
            ("erkend", Some(y)) if self.is_stale(current_year) => format!(
                "{label} {y} — {}",
                lang.pick("ouder dan vijf jaar", "older than five years")
            ),
            (_, Some(y)) => format!("{label} {y}"),
            (_, None) => label.to_string(),
        };
        Some(note)
    }
}

impl Intervention {
    /// The label of a vocabulary id in this group, or the id itself when unknown.
    pub fn label(group: FacetGroup, id: &str, lang: Lang) -> String {
        group
            .term(id)
            .map(|t| t.label(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    }

    /// The values this intervention carries in a facet group.
    pub fn values(&self, group: FacetGroup) -> Vec<&str> {
        match group {
            FacetGroup::Theme => self.themes.iter().map(String::as_str).collect(),
            FacetGroup::TargetGroup => self.target_groups.iter().map(String::as_str).collect(),
            FacetGroup::Level => self.levels.iter().map(String::as_str).collect(),
            FacetGroup::OfferType => self.offer_types.iter().map(String::as_str).collect(),
            FacetGroup::Prevention => self.prevention.iter().map(String::as_str).collect(),
            FacetGroup::Dimension => self
                .weerbaarheid
                .dimensions
                .iter()
                .map(String::as_str)
                .collect(),
            FacetGroup::WorkingElement => self
                .working_elements
                .iter()
                .map(|w| w.id.as_str())
                .collect(),
            FacetGroup::Evidence => vec![self.evidence.level.as_str()],
            FacetGroup::Provider => self.providers.iter().map(String::as_str).collect(),
        }
    }
}

/// The calendar year now, from the system clock (UTC). Kept here so the pure core can take it
/// as a parameter and tests can pass a fixed year.
pub fn current_year() -> u16 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    year_from_days((secs / 86_400) as i64)
}

/// Gregorian year of a day count since 1970-01-01.
fn year_from_days(days: i64) -> u16 {
    civil_from_days(days).0.clamp(0, u16::MAX as i64) as u16
}

/// Gregorian (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's
/// civil_from_days).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Today's date as YYYY-MM-DD (UTC), e.g. for the metadata of an imported inventory.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The current UTC time as `YYYYMMDDTHHMMSSZ`, for file names (e.g. a file moved aside).
pub fn utc_stamp() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    let rest = secs % 86_400;
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recognised(level: &str, year: u16) -> Evidence {
        Evidence {
            level: level.into(),
            year: Some(year),
            body: "NJi".into(),
            ..Evidence::default()
        }
    }

    #[test]
    fn a_recognition_older_than_five_years_is_flagged() {
        let e = recognised("goed-onderbouwd", 2016);
        assert_eq!(
            e.age_note(2026, Lang::Nl).as_deref(),
            Some("erkend 2016 — ouder dan vijf jaar")
        );
        assert_eq!(
            e.age_note(2026, Lang::En).as_deref(),
            Some("recognised 2016 — older than five years")
        );
        assert_eq!(
            recognised("goed-onderbouwd", 2022)
                .age_note(2026, Lang::Nl)
                .as_deref(),
            Some("erkend 2022")
        );
    }

    #[test]
    fn the_databank_status_is_shown_in_words() {
        let mut e = recognised("goed-onderbouwd", 2015);
        e.status = "in-herbeoordeling".into();
        assert_eq!(
            e.age_note(2026, Lang::Nl).as_deref(),
            Some("erkend 2015, in herbeoordeling")
        );
        assert_eq!(
            e.age_note(2026, Lang::En).as_deref(),
            Some("recognised 2015, under reassessment")
        );
        e.status = "vervallen".into();
        assert_eq!(
            e.age_note(2026, Lang::Nl).as_deref(),
            Some("erkend 2015, vervallen")
        );
        let mut no = recognised("niet-erkend", 2024);
        no.status = "niet-erkend".into();
        assert_eq!(
            no.age_note(2026, Lang::Nl).as_deref(),
            Some("niet erkend 2024")
        );
    }

    #[test]
    fn unknown_evidence_has_no_age_note() {
        let e = Evidence {
            level: "onbekend".into(),
            year: Some(2010),
            ..Evidence::default()
        };
        assert_eq!(e.age_note(2026, Lang::Nl), None);
        assert!(!e.is_stale(2026));
    }

    #[test]
    fn year_from_days_handles_known_dates() {
        assert_eq!(year_from_days(0), 1970);
        // 2024-02-29 is day 19782; 2026-11-21 is day 20778.
        assert_eq!(year_from_days(19_782), 2024);
        assert_eq!(year_from_days(20_778), 2026);
        assert_eq!(year_from_days(20_453), 2025); // 2025-12-31
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_453), (2025, 12, 31));
        assert_eq!(civil_from_days(0), (1970, 1, 1));
    }
}
