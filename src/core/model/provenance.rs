//! Provenance per field: which of an intervention's fields a source backs (`[[sources]]
//! supports = [...]`). The field keys are written here once; the TOML rules, the detail
//! sections, `show` and `db audit` all derive from them.

use super::Intervention;

/// The keys a source may list in `supports`, in the order of the record. `weerbaarheid` covers
/// the dimensions and the framing; `evidence` the level and the recognition; `studies` the
/// evaluations. `id` and `name` need no source.
pub const FIELD_KEYS: &[&str] = &[
    "aliases",
    "providers",
    "country",
    "region",
    "summary",
    "aim",
    "approach",
    "target_groups",
    "levels",
    "offer_types",
    "prevention",
    "themes",
    "weerbaarheid",
    "working_elements",
    "evidence",
    "studies",
    "duration",
    "cost",
];

/// Whether `key` is one of `FIELD_KEYS`.
pub fn is_field_key(key: &str) -> bool {
    FIELD_KEYS.contains(&key)
}

/// Whether the intervention states something in this field, so a source must back it. An
/// evidence level of `onbekend` states nothing; `niet-beoordeeld` does (that no assessment
/// was made) and needs a source.
pub fn is_filled(item: &Intervention, key: &str) -> bool {
    let text = |s: &str| !s.trim().is_empty();
    match key {
        "aliases" => !item.aliases.is_empty(),
        "providers" => !item.providers.is_empty(),
        "country" => text(&item.country),
        "region" => text(&item.region),
        "summary" => text(&item.summary),
        "aim" => text(&item.aim),
        "approach" => text(&item.approach),
        "target_groups" => !item.target_groups.is_empty(),
        "levels" => !item.levels.is_empty(),
        "offer_types" => !item.offer_types.is_empty(),
        "prevention" => !item.prevention.is_empty(),
        "themes" => !item.themes.is_empty(),
        "weerbaarheid" => {
            !item.weerbaarheid.dimensions.is_empty() || text(&item.weerbaarheid.framing)
        }
        "working_elements" => !item.working_elements.is_empty(),
        "evidence" => !item.evidence.level.is_empty() && item.evidence.level != "onbekend",
        "studies" => !item.evidence.studies.is_empty(),
        "duration" => text(&item.duration),
        "cost" => text(&item.cost),
        _ => false,
    }
}

/// The 1-based numbers of the sources that back `key`, in source order (the numbers the
/// detail view and `show` print as `[1,3]`).
pub fn backing(item: &Intervention, key: &str) -> Vec<usize> {
    item.sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.supports.iter().any(|k| k == key))
        .map(|(i, _)| i + 1)
        .collect()
}

/// The numbers of the sources that back any of `keys`, ascending, each once.
pub fn backing_any(item: &Intervention, keys: &[&str]) -> Vec<usize> {
    let mut out: Vec<usize> = keys.iter().flat_map(|k| backing(item, k)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// "[1,3]", or "" when no source is numbered.
pub fn marker(numbers: &[usize]) -> String {
    if numbers.is_empty() {
        return String::new();
    }
    let list: Vec<String> = numbers.iter().map(|n| n.to_string()).collect();
    format!("[{}]", list.join(","))
}

/// The filled fields no source backs: what `db check` refuses.
pub fn unsupported(item: &Intervention) -> Vec<&'static str> {
    FIELD_KEYS
        .iter()
        .copied()
        .filter(|k| is_filled(item, k) && backing(item, k).is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Evidence, Source};

    fn item() -> Intervention {
        Intervention {
            summary: "Een.".into(),
            aim: "Doel.".into(),
            evidence: Evidence {
                level: "onbekend".into(),
                ..Evidence::default()
            },
            sources: vec![
                Source {
                    supports: vec!["summary".into()],
                    ..Source::default()
                },
                Source {
                    supports: vec!["aim".into(), "summary".into()],
                    ..Source::default()
                },
            ],
            ..Intervention::default()
        }
    }

    #[test]
    fn sources_are_numbered_from_one_per_field() {
        let i = item();
        assert_eq!(backing(&i, "summary"), vec![1, 2]);
        assert_eq!(backing(&i, "aim"), vec![2]);
        assert_eq!(backing_any(&i, &["aim", "summary"]), vec![1, 2]);
        assert_eq!(marker(&[1, 3]), "[1,3]");
        assert_eq!(marker(&[]), "");
    }

    #[test]
    fn a_filled_field_without_a_source_is_unsupported_and_onbekend_needs_none() {
        let mut i = item();
        assert_eq!(unsupported(&i), Vec::<&str>::new());
        i.cost = "gratis".into();
        i.evidence.level = "niet-beoordeeld".into();
        assert_eq!(unsupported(&i), vec!["evidence", "cost"]);
    }
}
