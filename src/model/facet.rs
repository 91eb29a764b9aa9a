//! The facet groups: the dimensions along which the inventory can be filtered and counted.

use super::lang::Lang;
use super::vocab::{self, Term};

/// A facet group. Its `id` is the name used everywhere: CLI flags, JSON, docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FacetGroup {
    Theme,
    TargetGroup,
    Level,
    OfferType,
    Prevention,
    Dimension,
    WorkingElement,
    Evidence,
    Provider,
}

impl FacetGroup {
    pub const ALL: [FacetGroup; 9] = [
        FacetGroup::Theme,
        FacetGroup::TargetGroup,
        FacetGroup::Level,
        FacetGroup::OfferType,
        FacetGroup::Prevention,
        FacetGroup::Dimension,
        FacetGroup::WorkingElement,
        FacetGroup::Evidence,
        FacetGroup::Provider,
    ];

    /// The groups stored as rows of the `facet_value` table (the others have their own table
    /// or column, or come from the providers).
    pub const SET_VALUED: [FacetGroup; 6] = [
        FacetGroup::Theme,
        FacetGroup::TargetGroup,
        FacetGroup::Level,
        FacetGroup::OfferType,
        FacetGroup::Prevention,
        FacetGroup::Dimension,
    ];

    pub fn id(self) -> &'static str {
        match self {
            FacetGroup::Theme => "theme",
            FacetGroup::TargetGroup => "target-group",
            FacetGroup::Level => "level",
            FacetGroup::OfferType => "offer-type",
            FacetGroup::Prevention => "prevention",
            FacetGroup::Dimension => "dimension",
            FacetGroup::WorkingElement => "working-element",
            FacetGroup::Evidence => "evidence",
            FacetGroup::Provider => "provider",
        }
    }

    pub fn from_id(id: &str) -> Option<FacetGroup> {
        FacetGroup::ALL.into_iter().find(|g| g.id() == id)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (nl, en) = match self {
            FacetGroup::Theme => ("Thema", "Theme"),
            FacetGroup::TargetGroup => ("Doelgroep", "Target group"),
            FacetGroup::Level => ("Niveau", "Level"),
            FacetGroup::OfferType => ("Soort aanbod", "Offer type"),
            FacetGroup::Prevention => ("Preventiefase", "Prevention stage"),
            FacetGroup::Dimension => ("Weerbaarheid", "Resilience dimension"),
            FacetGroup::WorkingElement => ("Werkzaam element", "Working element"),
            FacetGroup::Evidence => ("Bewijs", "Evidence"),
            FacetGroup::Provider => ("Aanbieder", "Provider"),
        };
        lang.pick(nl, en)
    }

    /// The fixed vocabulary of this group; `None` for providers, whose values come from the data.
    pub fn vocabulary(self) -> Option<&'static [Term]> {
        match self {
            FacetGroup::Theme => Some(vocab::THEMES),
            FacetGroup::TargetGroup => Some(vocab::TARGET_GROUPS),
            FacetGroup::Level => Some(vocab::LEVELS),
            FacetGroup::OfferType => Some(vocab::OFFER_TYPES),
            FacetGroup::Prevention => Some(vocab::PREVENTION),
            FacetGroup::Dimension => Some(vocab::DIMENSIONS),
            FacetGroup::WorkingElement => Some(vocab::WORKING_ELEMENTS),
            FacetGroup::Evidence => Some(vocab::EVIDENCE),
            FacetGroup::Provider => None,
        }
    }

    /// Field names a user may put before a colon in a search (`thema:polar`), Dutch and English.
    pub fn search_prefixes(self) -> &'static [&'static str] {
        match self {
            FacetGroup::Theme => &["thema", "theme"],
            FacetGroup::TargetGroup => &["doelgroep", "target", "target-group"],
            FacetGroup::Level => &["niveau", "level"],
            FacetGroup::OfferType => &["aanbod", "soort", "type", "offer-type"],
            FacetGroup::Prevention => &["preventie", "prevention"],
            FacetGroup::Dimension => &["weerbaarheid", "dimensie", "dimension"],
            FacetGroup::WorkingElement => &["element", "werkzaam", "working-element"],
            FacetGroup::Evidence => &["bewijs", "evidence"],
            FacetGroup::Provider => &["aanbieder", "provider"],
        }
    }

    pub fn term(self, id: &str) -> Option<&'static Term> {
        self.vocabulary()?.iter().find(|t| t.id == id)
    }
}
