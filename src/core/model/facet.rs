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

/// What the program knows about a facet group: one row per group, in the enum's order (checked
/// when compiling), so a group's id, labels, vocabulary and search prefixes are written once.
struct Row {
    group: FacetGroup,
    id: &'static str,
    nl: &'static str,
    en: &'static str,
    /// The fixed vocabulary; `None` for providers, whose values come from the data.
    vocabulary: Option<&'static [Term]>,
    /// Field names a user may put before a colon in a search (`thema:polar`), Dutch and English.
    search_prefixes: &'static [&'static str],
}

const fn row(
    group: FacetGroup,
    id: &'static str,
    (nl, en): (&'static str, &'static str),
    vocabulary: Option<&'static [Term]>,
    search_prefixes: &'static [&'static str],
) -> Row {
    Row {
        group,
        id,
        nl,
        en,
        vocabulary,
        search_prefixes,
    }
}

use FacetGroup as G;

const ROWS: [Row; 9] = [
    row(
        G::Theme,
        "theme",
        ("Thema", "Theme"),
        Some(vocab::THEMES),
        &["thema", "theme"],
    ),
    row(
        G::TargetGroup,
        "target-group",
        ("Doelgroep", "Target group"),
        Some(vocab::TARGET_GROUPS),
        &["doelgroep", "target", "target-group"],
    ),
    row(
        G::Level,
        "level",
        ("Niveau", "Level"),
        Some(vocab::LEVELS),
        &["niveau", "level"],
    ),
    row(
        G::OfferType,
        "offer-type",
        ("Soort aanbod", "Offer type"),
        Some(vocab::OFFER_TYPES),
        &["aanbod", "soort", "type", "offer-type"],
    ),
    row(
        G::Prevention,
        "prevention",
        ("Preventiefase", "Prevention stage"),
        Some(vocab::PREVENTION),
        &["preventie", "prevention"],
    ),
    row(
        G::Dimension,
        "dimension",
        ("Weerbaarheid", "Resilience dimension"),
        Some(vocab::DIMENSIONS),
        &["weerbaarheid", "dimensie", "dimension"],
    ),
    row(
        G::WorkingElement,
        "working-element",
        ("Werkzaam element", "Working element"),
        Some(vocab::WORKING_ELEMENTS),
        &["element", "werkzaam", "working-element"],
    ),
    row(
        G::Evidence,
        "evidence",
        ("Bewijs", "Evidence"),
        Some(vocab::EVIDENCE),
        &["bewijs", "evidence"],
    ),
    row(
        G::Provider,
        "provider",
        ("Aanbieder", "Provider"),
        None,
        &["aanbieder", "provider"],
    ),
];

// The rows are in the enum's order, so `group as usize` finds a group's row; a row out of
// place stops the build.
const _: () = {
    let mut i = 0;
    while i < ROWS.len() {
        assert!(
            ROWS[i].group as usize == i,
            "facet::ROWS is not in FacetGroup's order"
        );
        i += 1;
    }
};

impl FacetGroup {
    /// Every group, in the table's order.
    pub const ALL: [FacetGroup; ROWS.len()] = {
        let mut all = [FacetGroup::Theme; ROWS.len()];
        let mut i = 0;
        while i < ROWS.len() {
            all[i] = ROWS[i].group;
            i += 1;
        }
        all
    };

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

    fn row(self) -> &'static Row {
        &ROWS[self as usize]
    }

    pub fn id(self) -> &'static str {
        self.row().id
    }

    pub fn from_id(id: &str) -> Option<FacetGroup> {
        ROWS.iter().find(|r| r.id == id).map(|r| r.group)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.row().nl, self.row().en)
    }

    /// The fixed vocabulary of this group; `None` for providers, whose values come from the data.
    pub fn vocabulary(self) -> Option<&'static [Term]> {
        self.row().vocabulary
    }

    /// Field names a user may put before a colon in a search (`thema:polar`), Dutch and English.
    pub fn search_prefixes(self) -> &'static [&'static str] {
        self.row().search_prefixes
    }

    pub fn term(self, id: &str) -> Option<&'static Term> {
        self.vocabulary()?.iter().find(|t| t.id == id)
    }
}
