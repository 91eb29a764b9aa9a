//! The one translation table: every fixed label the faces show, in Dutch and English.
//! Vocabulary labels live with the vocabularies (`model::vocab`).

use crate::model::Lang;

/// A fixed label. Add a variant and its two texts here; never write UI strings inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Unknown,
    // Detail sections
    SectionWhat,
    SectionResilience,
    SectionElements,
    SectionEvidence,
    SectionPractical,
    SectionSources,
    // Detail fields
    Name,
    Aliases,
    Provider,
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
    EvidenceLevel,
    AssessedBy,
    EvidenceNote,
    Studies,
    NoStudies,
    Duration,
    Cost,
    Region,
    Checked,
    // Studies
    Design,
    Outcome,
    Reference,
    // Lists and counts
    Of,
    Results,
    Id,
    DataAsOf,
}

impl Text {
    pub fn get(self, lang: Lang) -> &'static str {
        let (nl, en) = match self {
            Text::Unknown => ("onbekend", "unknown"),
            Text::SectionWhat => ("Wat en voor wie", "What and for whom"),
            Text::SectionResilience => ("Weerbaarheid", "Resilience"),
            Text::SectionElements => ("Werkzame elementen", "Working elements"),
            Text::SectionEvidence => ("Bewijs en studies", "Evidence and studies"),
            Text::SectionPractical => ("Praktisch", "Practical"),
            Text::SectionSources => ("Bronnen", "Sources"),
            Text::Name => ("Naam", "Name"),
            Text::Aliases => ("Ook bekend als", "Also known as"),
            Text::Provider => ("Aanbieder", "Provider"),
            Text::Country => ("Land", "Country"),
            Text::Summary => ("Samenvatting", "Summary"),
            Text::Aim => ("Doel", "Aim"),
            Text::Approach => ("Aanpak", "Approach"),
            Text::TargetGroups => ("Doelgroepen", "Target groups"),
            Text::Levels => ("Niveau", "Level"),
            Text::OfferTypes => ("Soort aanbod", "Offer type"),
            Text::Prevention => ("Preventiefase", "Prevention stage"),
            Text::Themes => ("Thema's", "Themes"),
            Text::Dimensions => ("Dimensies", "Dimensions"),
            Text::Framing => ("Opvatting van weerbaarheid", "How it frames resilience"),
            Text::WorkingElements => ("Werkzame elementen", "Working elements"),
            Text::EvidenceLevel => ("Erkenning", "Recognition"),
            Text::AssessedBy => ("Beoordeeld door", "Assessed by"),
            Text::EvidenceNote => ("Toelichting", "Note"),
            Text::Studies => ("Studies", "Studies"),
            Text::NoStudies => ("geen studies bekend", "no studies known"),
            Text::Duration => ("Duur", "Duration"),
            Text::Cost => ("Kosten", "Cost"),
            Text::Region => ("Regio", "Region"),
            Text::Checked => ("gecontroleerd", "checked"),
            Text::Design => ("Opzet", "Design"),
            Text::Outcome => ("Uitkomst", "Outcome"),
            Text::Reference => ("Referentie", "Reference"),
            Text::Of => ("van", "of"),
            Text::Results => ("resultaten", "results"),
            Text::Id => ("id", "id"),
            Text::DataAsOf => ("gegevens per", "data as of"),
        };
        lang.pick(nl, en)
    }
}
