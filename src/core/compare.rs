//! Side-by-side comparison of a few interventions: one row per aspect, one column per
//! intervention. For set-valued aspects every value is marked as shared by all columns, unique
//! to one column, or carried by some; every row knows whether it is identical across columns.
//! Pure: the TUI compare view, `weerbaar compare` and the comparison exports all render this.

use std::collections::BTreeMap;

use crate::core::detail::{evidence_line, study_line};
use crate::core::i18n::Text;
use crate::core::model::{FacetGroup, Intervention, Lang};

/// The fewest and most interventions a comparison is meant for (the faces enforce this; the
/// core compares any number, so a compare set can be built up one item at a time).
pub const MIN_ITEMS: usize = 2;
pub const MAX_ITEMS: usize = 4;

/// One compared aspect, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    Aim,
    TargetGroups,
    Levels,
    OfferTypes,
    Prevention,
    Themes,
    Dimensions,
    WorkingElements,
    Evidence,
    Studies,
    CostDuration,
    Providers,
    Sources,
}

impl Aspect {
    pub const ALL: [Aspect; 13] = [
        Aspect::Aim,
        Aspect::TargetGroups,
        Aspect::Levels,
        Aspect::OfferTypes,
        Aspect::Prevention,
        Aspect::Themes,
        Aspect::Dimensions,
        Aspect::WorkingElements,
        Aspect::Evidence,
        Aspect::Studies,
        Aspect::CostDuration,
        Aspect::Providers,
        Aspect::Sources,
    ];

    /// Stable id used in JSON and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Aspect::Aim => "aim",
            Aspect::TargetGroups => "target-groups",
            Aspect::Levels => "levels",
            Aspect::OfferTypes => "offer-types",
            Aspect::Prevention => "prevention",
            Aspect::Themes => "themes",
            Aspect::Dimensions => "dimensions",
            Aspect::WorkingElements => "working-elements",
            Aspect::Evidence => "evidence",
            Aspect::Studies => "studies",
            Aspect::CostDuration => "cost-duration",
            Aspect::Providers => "providers",
            Aspect::Sources => "sources",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let text = match self {
            Aspect::Aim => Text::Aim,
            Aspect::TargetGroups => Text::TargetGroups,
            Aspect::Levels => Text::Levels,
            Aspect::OfferTypes => Text::OfferTypes,
            Aspect::Prevention => Text::Prevention,
            Aspect::Themes => Text::Themes,
            Aspect::Dimensions => Text::ResilienceDimensions,
            Aspect::WorkingElements => Text::WorkingElements,
            Aspect::Evidence => Text::EvidenceLevel,
            Aspect::Studies => Text::Studies,
            Aspect::CostDuration => Text::CostDuration,
            Aspect::Providers => Text::Provider,
            Aspect::Sources => Text::SectionSources,
        };
        text.get(lang)
    }

    /// What an empty cell says: nothing recorded.
    pub fn empty_label(self, lang: Lang) -> &'static str {
        match self {
            Aspect::Studies => Text::NoStudies.get(lang),
            _ => Text::Unknown.get(lang),
        }
    }

    /// Set-valued aspects get shared/unique marks; the others are free text, compared whole.
    pub fn is_set(self) -> bool {
        !matches!(self, Aspect::Aim | Aspect::Studies | Aspect::CostDuration)
    }

    /// The facet group behind a set-valued aspect, where there is one.
    pub fn group(self) -> Option<FacetGroup> {
        match self {
            Aspect::TargetGroups => Some(FacetGroup::TargetGroup),
            Aspect::Levels => Some(FacetGroup::Level),
            Aspect::OfferTypes => Some(FacetGroup::OfferType),
            Aspect::Prevention => Some(FacetGroup::Prevention),
            Aspect::Themes => Some(FacetGroup::Theme),
            Aspect::Dimensions => Some(FacetGroup::Dimension),
            Aspect::WorkingElements => Some(FacetGroup::WorkingElement),
            Aspect::Evidence => Some(FacetGroup::Evidence),
            Aspect::Providers => Some(FacetGroup::Provider),
            _ => None,
        }
    }
}

/// How a value of a set-valued row relates to the other columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Carried by every compared intervention.
    Shared,
    /// Carried by this intervention only.
    Unique,
    /// Carried by more than one but not all (only possible with three or more columns).
    Some,
    /// A line of free text: not compared value by value.
    Text,
}

impl Mark {
    pub fn id(self) -> &'static str {
        match self {
            Mark::Shared => "shared",
            Mark::Unique => "unique",
            Mark::Some => "some",
            Mark::Text => "text",
        }
    }

    /// The symbol every face shows next to the value, so the mark never depends on colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Shared => SHARED_SYMBOL,
            Mark::Unique => UNIQUE_SYMBOL,
            Mark::Some | Mark::Text => " ",
        }
    }
}

pub const SHARED_SYMBOL: &str = "✓";
pub const UNIQUE_SYMBOL: &str = "◆";
/// Shown next to the aspect of a row that is the same in every column.
pub const IDENTICAL_SYMBOL: &str = "=";

/// One value in one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What makes two values the same: a vocabulary id, a provider name, a source URL, or the
    /// whole text line.
    pub key: String,
    /// What a reader sees.
    pub label: String,
    pub mark: Mark,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub aspect: Aspect,
    /// One cell per compared intervention, in column order. An empty cell means unknown.
    pub cells: Vec<Vec<Entry>>,
    /// Values carried by every column (set-valued rows only), in the first column's order.
    pub shared: Vec<Entry>,
    /// Every column holds the same values (as a set) or the same text.
    pub identical: bool,
}

impl Row {
    /// The values only column `col` carries.
    pub fn unique(&self, col: usize) -> Vec<&Entry> {
        self.cells
            .get(col)
            .map(|c| c.iter().filter(|e| e.mark == Mark::Unique).collect())
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison<'a> {
    pub items: Vec<&'a Intervention>,
    pub rows: Vec<Row>,
}

impl Comparison<'_> {
    /// Rows that differ somewhere: what "hide identical rows" leaves.
    pub fn differing_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| !r.identical)
    }
}

/// Compare the interventions in the given column order.
pub fn compare<'a>(items: &[&'a Intervention], lang: Lang, current_year: u16) -> Comparison<'a> {
    let rows = Aspect::ALL
        .into_iter()
        .map(|aspect| {
            let raw: Vec<Vec<(String, String)>> = items
                .iter()
                .map(|item| values(item, aspect, lang, current_year))
                .collect();
            if aspect.is_set() {
                set_row(aspect, raw)
            } else {
                text_row(aspect, raw)
            }
        })
        .collect();
    Comparison {
        items: items.to_vec(),
        rows,
    }
}

/// The (key, label) pairs of one aspect of one intervention.
fn values(item: &Intervention, aspect: Aspect, lang: Lang, year: u16) -> Vec<(String, String)> {
    let same = |s: &String| (s.clone(), s.clone());
    match aspect {
        Aspect::Aim => non_empty(&item.aim).map(same).into_iter().collect(),
        Aspect::Studies => item
            .evidence
            .studies
            .iter()
            .map(|s| study_line(s, lang))
            .map(|l| (l.clone(), l))
            .collect(),
        // Both lines always, `onbekend` where nothing is recorded: an unknown cost is worth
        // seeing next to a known one (and a row of unknowns says the sources are silent).
        Aspect::CostDuration => [(Text::Cost, &item.cost), (Text::Duration, &item.duration)]
            .into_iter()
            .map(|(label, v)| {
                let value = non_empty(v)
                    .map(String::as_str)
                    .unwrap_or(Text::Unknown.get(lang));
                let line = format!("{}: {value}", label.get(lang));
                (line.clone(), line)
            })
            .collect(),
        Aspect::Evidence => {
            let level = non_empty(&item.evidence.level)
                .cloned()
                .unwrap_or_else(|| "onbekend".to_string());
            vec![(level, evidence_line(item, lang, year))]
        }
        Aspect::Sources => item
            .sources
            .iter()
            .map(|s| {
                let title = if s.title.is_empty() { &s.url } else { &s.title };
                (s.url.clone(), title.clone())
            })
            .collect(),
        _ => match aspect.group() {
            Some(group) => item
                .values(group)
                .into_iter()
                .filter(|id| !id.is_empty())
                .map(|id| (id.to_string(), Intervention::label(group, id, lang)))
                .collect(),
            None => Vec::new(),
        },
    }
}

fn non_empty(s: &String) -> Option<&String> {
    (!s.trim().is_empty()).then_some(s)
}

fn set_row(aspect: Aspect, raw: Vec<Vec<(String, String)>>) -> Row {
    let columns = raw.len();
    // In how many columns each key occurs (a key listed twice in one cell counts once).
    let mut occurs: BTreeMap<&str, usize> = BTreeMap::new();
    for cell in &raw {
        let mut seen: Vec<&str> = cell.iter().map(|(k, _)| k.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            *occurs.entry(k).or_default() += 1;
        }
    }
    let mark = |key: &str| match occurs.get(key).copied().unwrap_or(0) {
        n if n == columns && columns > 1 => Mark::Shared,
        1 => Mark::Unique,
        _ => Mark::Some,
    };
    let cells: Vec<Vec<Entry>> = raw
        .iter()
        .map(|cell| {
            cell.iter()
                .map(|(key, label)| Entry {
                    key: key.clone(),
                    label: label.clone(),
                    mark: mark(key),
                })
                .collect()
        })
        .collect();
    let shared = cells
        .first()
        .map(|c| {
            c.iter()
                .filter(|e| e.mark == Mark::Shared)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    // Identical when every column holds exactly the shared values (all empty is identical too).
    let identical = occurs.values().all(|&n| n == columns);
    Row {
        aspect,
        cells,
        shared,
        identical,
    }
}

fn text_row(aspect: Aspect, raw: Vec<Vec<(String, String)>>) -> Row {
    let identical = raw.windows(2).all(|w| w[0] == w[1]);
    let cells = raw
        .into_iter()
        .map(|cell| {
            cell.into_iter()
                .map(|(key, label)| Entry {
                    key,
                    label,
                    mark: Mark::Text,
                })
                .collect()
        })
        .collect();
    Row {
        aspect,
        cells,
        shared: Vec::new(),
        identical,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Evidence, Source, Study, Weerbaarheid, WorkingElementUse};

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn item(id: &str, themes: &[&str], elements: &[&str], level: &str) -> Intervention {
        Intervention {
            id: id.into(),
            name: format!("Interventie {id}"),
            aim: "Weerbaarheid versterken.".into(),
            themes: strings(themes),
            target_groups: strings(&["jongeren"]),
            providers: strings(&["Movisie"]),
            weerbaarheid: Weerbaarheid {
                dimensions: strings(&["zelfvertrouwen"]),
                framing: String::new(),
            },
            working_elements: WorkingElementUse::without_notes(elements),
            evidence: Evidence {
                level: level.into(),
                ..Evidence::default()
            },
            ..Intervention::default()
        }
    }

    fn row<'a>(c: &'a Comparison<'_>, aspect: Aspect) -> &'a Row {
        c.rows.iter().find(|r| r.aspect == aspect).unwrap()
    }

    fn keys(entries: &[&Entry]) -> Vec<String> {
        entries.iter().map(|e| e.key.clone()).collect()
    }

    #[test]
    fn shared_and_unique_values_of_three_interventions() {
        let a = item(
            "a",
            &["polarisatie", "radicalisering"],
            &["dialoog", "kennisoverdracht"],
            "goed-onderbouwd",
        );
        let b = item(
            "b",
            &["polarisatie", "weerbaar-opvoeden"],
            &["dialoog", "oefenen-vaardigheden"],
            "goed-onderbouwd",
        );
        let c = item(
            "c",
            &["polarisatie", "radicalisering", "empowerment"],
            &["dialoog"],
            "eerste-aanwijzingen",
        );
        let cmp = compare(&[&a, &b, &c], Lang::Nl, 2026);
        assert_eq!(cmp.rows.len(), Aspect::ALL.len());

        let themes = row(&cmp, Aspect::Themes);
        assert_eq!(
            themes
                .shared
                .iter()
                .map(|e| e.key.as_str())
                .collect::<Vec<_>>(),
            ["polarisatie"]
        );
        assert_eq!(themes.shared[0].label, "Polarisatie");
        // radicalisering is in a and c: neither shared by all nor unique.
        assert!(keys(&themes.unique(0)).is_empty());
        assert_eq!(keys(&themes.unique(1)), ["weerbaar-opvoeden"]);
        assert_eq!(keys(&themes.unique(2)), ["empowerment"]);
        assert_eq!(themes.cells[0][1].mark, Mark::Some);
        assert!(!themes.identical);

        let elements = row(&cmp, Aspect::WorkingElements);
        assert_eq!(elements.shared.len(), 1);
        assert_eq!(elements.shared[0].key, "dialoog");
        assert_eq!(keys(&elements.unique(0)), ["kennisoverdracht"]);
        assert_eq!(keys(&elements.unique(1)), ["oefenen-vaardigheden"]);
        assert!(elements.unique(2).is_empty());

        let evidence = row(&cmp, Aspect::Evidence);
        assert!(evidence.shared.is_empty());
        assert_eq!(keys(&evidence.unique(2)), ["eerste-aanwijzingen"]);
        assert!(evidence.cells[2][0].label.contains("EA"));
        assert!(!evidence.identical);

        // Same target group, provider, dimension and aim everywhere.
        for aspect in [
            Aspect::TargetGroups,
            Aspect::Providers,
            Aspect::Dimensions,
            Aspect::Aim,
        ] {
            assert!(row(&cmp, aspect).identical, "{aspect:?}");
        }
        // Nothing recorded anywhere is identical too (all unknown).
        assert!(row(&cmp, Aspect::Levels).identical);
        assert!(row(&cmp, Aspect::Levels).cells.iter().all(Vec::is_empty));
        assert_eq!(cmp.differing_rows().count(), 3);
    }

    #[test]
    fn with_two_columns_every_value_is_shared_or_unique() {
        let a = item("a", &["polarisatie", "empowerment"], &["dialoog"], "");
        let b = item(
            "b",
            &["polarisatie"],
            &["dialoog", "persoonlijke-begeleiding"],
            "",
        );
        let cmp = compare(&[&a, &b], Lang::En, 2026);
        for r in cmp.rows.iter().filter(|r| r.aspect.is_set()) {
            for cell in &r.cells {
                assert!(cell.iter().all(|e| e.mark != Mark::Some), "{:?}", r.aspect);
            }
        }
        let themes = row(&cmp, Aspect::Themes);
        assert_eq!(keys(&themes.unique(0)), ["empowerment"]);
        assert_eq!(themes.cells[0][1].label, "Empowering women and girls");
        // An empty evidence level compares as `onbekend`, and equal levels are shared.
        let evidence = row(&cmp, Aspect::Evidence);
        assert!(evidence.identical);
        assert_eq!(evidence.shared[0].key, "onbekend");
    }

    #[test]
    fn free_text_rows_compare_whole_and_are_never_marked() {
        let mut a = item("a", &[], &[], "");
        let mut b = item("b", &[], &[], "");
        a.cost = "gratis".into();
        b.cost = "gratis".into();
        b.duration = "10 weken".into();
        a.evidence.studies = vec![Study {
            design: "RCT".into(),
            n: Some(120),
            year: Some(2019),
            ..Study::default()
        }];
        let cmp = compare(&[&a, &b], Lang::Nl, 2026);
        let cost = row(&cmp, Aspect::CostDuration);
        assert!(!cost.identical);
        assert_eq!(cost.cells[0].len(), 2);
        assert_eq!(cost.cells[0][1].label, "Duur: onbekend");
        assert_eq!(cost.cells[1][1].label, "Duur: 10 weken");
        assert!(cost.cells.iter().flatten().all(|e| e.mark == Mark::Text));
        let studies = row(&cmp, Aspect::Studies);
        assert_eq!(studies.cells[0][0].label, "RCT (N=120, 2019)");
        assert!(studies.cells[1].is_empty());
        assert!(row(&cmp, Aspect::Aim).identical);
    }

    #[test]
    fn cost_and_duration_unknown_everywhere_still_make_a_row_that_says_so() {
        let a = item("a", &[], &[], "");
        let b = item("b", &[], &[], "");
        let cmp = compare(&[&a, &b], Lang::En, 2026);
        let cost = row(&cmp, Aspect::CostDuration);
        let labels: Vec<&str> = cost.cells[1].iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, vec!["Cost: unknown", "Duration: unknown"]);
    }

    #[test]
    fn sources_are_the_same_when_their_urls_are() {
        let mut a = item("a", &[], &[], "");
        let mut b = item("b", &[], &[], "");
        let src = |url: &str, title: &str| Source {
            url: url.into(),
            title: title.into(),
            checked: "2026-01-01".into(),
            supports: Vec::new(),
        };
        a.sources = vec![src("https://nji.nl/x", "NJi"), src("https://a.nl", "")];
        b.sources = vec![src("https://nji.nl/x", "NJi databank")];
        let cmp = compare(&[&a, &b], Lang::Nl, 2026);
        let sources = row(&cmp, Aspect::Sources);
        assert_eq!(sources.shared[0].key, "https://nji.nl/x");
        // Without a title the URL is what a reader sees.
        assert_eq!(sources.unique(0)[0].label, "https://a.nl");
    }

    #[test]
    fn a_value_listed_twice_in_one_column_is_not_shared_by_that_alone() {
        let mut a = item("a", &["polarisatie", "polarisatie"], &[], "");
        a.providers.clear();
        let b = item("b", &["empowerment"], &[], "");
        let cmp = compare(&[&a, &b], Lang::Nl, 2026);
        let themes = row(&cmp, Aspect::Themes);
        assert!(themes.shared.is_empty());
        assert_eq!(themes.unique(0).len(), 2);
        assert!(!row(&cmp, Aspect::Providers).identical);
    }
}
