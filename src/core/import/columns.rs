//! The CSV columns `weerbaar import` reads: the English names are those of the CSV export
//! (`export::csv::COLUMNS`), each with a Dutch equivalent and a few spellings people use.
//! Header cells are matched after folding case, diacritics and punctuation, so `Thema's`,
//! `themas` and `THEMA_S` all name the themes column.

use crate::core::model::fold::fold;

/// One column of the import format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Id,
    Name,
    Aliases,
    Providers,
    Country,
    Summary,
    Aim,
    Approach,
    TargetGroups,
    Levels,
    OfferTypes,
    Prevention,
    Themes,
    Dimensions,
    Framing,
    WorkingElements,
    WorkingElementNotes,
    EvidenceLevel,
    /// Written by `weerbaar export` (the recognition's state in words); derived, so ignored.
    EvidenceState,
    EvidenceYear,
    EvidenceStatus,
    EvidenceDate,
    EvidenceBody,
    EvidenceDatabank,
    EvidenceDatabankUrl,
    EvidenceNote,
    Studies,
    Duration,
    Cost,
    Region,
    SourceUrls,
    SourceTitles,
    SourcesChecked,
    SourceSupports,
    InventoryVersion,
    InventoryDate,
    /// Written by `weerbaar export` from a shortlist; an inventory has no notes, so it is read
    /// and left out.
    ShortlistNote,
}

/// A column's names: English (as exported), Dutch, and other accepted spellings.
pub struct Spec {
    pub column: Column,
    pub en: &'static str,
    pub nl: &'static str,
    pub also: &'static [&'static str],
    /// Every row needs a value here (the id is derived from the name when left out).
    pub required: bool,
}

const fn c(
    column: Column,
    en: &'static str,
    nl: &'static str,
    also: &'static [&'static str],
    required: bool,
) -> Spec {
    Spec {
        column,
        en,
        nl,
        also,
        required,
    }
}

/// Every column, in the order of the CSV export. docs/import.md lists the same table.
pub const SPECS: &[Spec] = &[
    c(Column::Id, "id", "id", &[], false),
    c(Column::Name, "name", "naam", &[], true),
    c(
        Column::Aliases,
        "aliases",
        "aliassen",
        &["alias", "ook_bekend_als"],
        false,
    ),
    c(
        Column::Providers,
        "providers",
        "aanbieders",
        &["aanbieder", "provider"],
        true,
    ),
    c(Column::Country, "country", "land", &[], false),
    c(Column::Summary, "summary", "samenvatting", &[], true),
    c(Column::Aim, "aim", "doel", &["doelen"], true),
    c(Column::Approach, "approach", "aanpak", &["werkwijze"], true),
    c(
        Column::TargetGroups,
        "target_groups",
        "doelgroepen",
        &["doelgroep", "target_group"],
        true,
    ),
    c(
        Column::Levels,
        "levels",
        "niveaus",
        &["niveau", "level"],
        true,
    ),
    c(
        Column::OfferTypes,
        "offer_types",
        "soort_aanbod",
        &["aanbod", "offer_type"],
        true,
    ),
    c(
        Column::Prevention,
        "prevention",
        "preventie",
        &["preventiefase"],
        true,
    ),
    c(
        Column::Themes,
        "themes",
        "themas",
        &["thema", "theme"],
        true,
    ),
    c(
        Column::Dimensions,
        "dimensions",
        "dimensies",
        &["dimensie", "weerbaarheid"],
        false,
    ),
    c(
        Column::Framing,
        "framing",
        "opvatting_weerbaarheid",
        &["opvatting"],
        true,
    ),
    c(
        Column::WorkingElements,
        "working_elements",
        "werkzame_elementen",
        &["werkzaam_element", "working_element"],
        true,
    ),
    c(
        Column::WorkingElementNotes,
        "working_element_notes",
        "toelichting_werkzame_elementen",
        &[],
        false,
    ),
    c(
        Column::EvidenceLevel,
        "evidence_level",
        "bewijs_niveau",
        &["bewijsniveau", "bewijs", "erkenning", "evidence"],
        true,
    ),
    c(
        Column::EvidenceState,
        "evidence_state",
        "bewijs_stand",
        &["stand_erkenning"],
        false,
    ),
    c(
        Column::EvidenceYear,
        "evidence_year",
        "bewijs_jaar",
        &["erkenningsjaar", "jaar_erkenning"],
        false,
    ),
    c(
        Column::EvidenceStatus,
        "evidence_status",
        "bewijs_status",
        &["erkenningsstatus", "status_erkenning"],
        false,
    ),
    c(
        Column::EvidenceDate,
        "evidence_date",
        "bewijs_datum",
        &["erkenningsdatum", "datum_oordeel"],
        false,
    ),
    c(
        Column::EvidenceBody,
        "evidence_body",
        "bewijs_instantie",
        &["beoordeeld_door", "erkenningscommissie"],
        false,
    ),
    c(
        Column::EvidenceDatabank,
        "evidence_databank",
        "bewijs_databank",
        &["databank"],
        false,
    ),
    c(
        Column::EvidenceDatabankUrl,
        "evidence_databank_url",
        "bewijs_databank_url",
        &["databank_url"],
        false,
    ),
    c(
        Column::EvidenceNote,
        "evidence_note",
        "bewijs_toelichting",
        &[],
        false,
    ),
    c(Column::Studies, "studies", "studies", &["onderzoek"], false),
    c(Column::Duration, "duration", "duur", &[], false),
    c(Column::Cost, "cost", "kosten", &["costs"], false),
    c(Column::Region, "region", "regio", &[], false),
    c(
        Column::SourceUrls,
        "source_urls",
        "bron_urls",
        &[
            "bron_url",
            "bronnen",
            "source_url",
            "sources",
            "url",
            "urls",
        ],
        true,
    ),
    c(
        Column::SourceTitles,
        "source_titles",
        "bron_titels",
        &["bron_titel", "source_title"],
        false,
    ),
    c(
        Column::SourcesChecked,
        "sources_checked",
        "bron_gecontroleerd",
        &[
            "bronnen_gecontroleerd",
            "gecontroleerd",
            "controledatum",
            "source_checked",
            "checked",
        ],
        true,
    ),
    c(
        Column::SourceSupports,
        "source_supports",
        "bron_onderbouwt",
        &["supports", "bron_ondersteunt"],
        false,
    ),
    c(
        Column::InventoryVersion,
        "inventory_version",
        "inventaris_versie",
        &[],
        false,
    ),
    c(
        Column::InventoryDate,
        "inventory_date",
        "inventaris_datum",
        &[],
        false,
    ),
    c(
        Column::ShortlistNote,
        "shortlist_note",
        "shortlist_notitie",
        &["notitie", "note"],
        false,
    ),
];

impl Column {
    pub fn spec(self) -> &'static Spec {
        // SPECS holds every variant once (a test checks it); Id is the fallback for the type
        // checker only.
        SPECS.iter().find(|s| s.column == self).unwrap_or(&SPECS[0])
    }
}

/// Fold a header cell or a value for lookup: lowercase, no diacritics, and every run of
/// spaces, dashes, dots or slashes as one `_`; apostrophes vanish (`Thema's` → `themas`).
pub fn normalise(s: &str) -> String {
    let folded = fold(s.trim());
    let mut out = String::with_capacity(folded.len());
    for ch in folded.chars() {
        match ch {
            '\'' | '"' | '`' => {}
            c if c.is_alphanumeric() => out.push(c),
            _ => {
                if !out.ends_with('_') {
                    out.push('_');
                }
            }
        }
    }
    out.trim_matches('_').to_string()
}

/// The column a header cell names, if any.
pub fn find(header: &str) -> Option<Column> {
    let key = normalise(header);
    SPECS
        .iter()
        .find(|s| s.en == key || s.nl == key || s.also.contains(&key.as_str()))
        .map(|s| s.column)
}

/// Every accepted name, for "did you mean" suggestions.
pub fn all_names() -> impl Iterator<Item = &'static str> {
    SPECS
        .iter()
        .flat_map(|s| [s.en, s.nl].into_iter().chain(s.also.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_names_are_the_export_columns_in_order() {
        let en: Vec<&str> = SPECS.iter().map(|s| s.en).collect();
        assert_eq!(en, crate::core::export::csv::COLUMNS);
    }

    #[test]
    fn every_column_has_one_spec_and_names_are_unambiguous() {
        let mut seen = std::collections::HashSet::new();
        for name in all_names() {
            assert!(seen.insert(name) || SPECS.iter().any(|s| s.en == name && s.nl == name));
            assert_eq!(normalise(name), name, "{name} is not in normal form");
        }
        for s in SPECS {
            assert_eq!(s.column.spec().en, s.en);
        }
    }

    #[test]
    fn spreadsheet_headers_are_recognised() {
        assert_eq!(find("Thema's"), Some(Column::Themes));
        assert_eq!(find(" Soort aanbod "), Some(Column::OfferTypes));
        assert_eq!(find("Bron-URL's"), Some(Column::SourceUrls));
        assert_eq!(find("Opvatting weerbaarheid"), Some(Column::Framing));
        assert_eq!(find("target_groups"), Some(Column::TargetGroups));
        assert_eq!(find("Bewijs: niveau"), Some(Column::EvidenceLevel));
        assert_eq!(find("opmerkingen"), None);
    }
}
