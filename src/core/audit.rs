//! `weerbaar db audit`: a reproducible random sample of entries laid out for a person to check
//! statement by statement against the cited pages. Each filled field comes with the sources
//! that back it (number, title, URL, checked date) and an empty check column, to be filled in
//! with one of the classes of docs/data-guide.md ("supported", "dossier only", "not found",
//! "contradicted"). Pure: the sample and the layout depend only on the inventory and the seed.

use std::io::Write;

use crate::core::detail::{evidence_line, study_line};
use crate::core::export::markdown::escape;
use crate::core::i18n::Text;
use crate::core::i18n::field_label;
use crate::core::model::provenance::{FIELD_KEYS, backing, is_filled, marker};
use crate::core::model::{FacetGroup, Intervention, Lang};
use crate::core::store::Inventory;
use crate::core::synth::Rng;

/// The positions of `n` different entries out of `len`, drawn with `seed`, in inventory order.
/// The same (len, n, seed) always gives the same sample; `n` larger than `len` gives all.
pub fn sample(len: usize, n: usize, seed: u64) -> Vec<usize> {
    // A partial Fisher–Yates shuffle: the first `n` of a seeded permutation.
    let mut order: Vec<usize> = (0..len).collect();
    let mut rng = Rng::new(seed);
    let n = n.min(len);
    for i in 0..n {
        let j = i + rng.below(len - i);
        order.swap(i, j);
    }
    order.truncate(n);
    order.sort_unstable();
    order
}

/// One field of one entry, ready to check.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditField {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    /// 1-based numbers of the sources backing the field (empty: no source says so).
    pub sources: Vec<usize>,
}

/// The filled fields of an entry, each with the sources that back it.
pub fn fields(item: &Intervention, lang: Lang, current_year: u16) -> Vec<AuditField> {
    FIELD_KEYS
        .iter()
        .filter(|k| is_filled(item, k))
        .map(|&key| AuditField {
            key,
            label: field_label(key, lang),
            value: value(item, key, lang, current_year),
            sources: backing(item, key),
        })
        .collect()
}

/// A field's value as one line of text.
fn value(item: &Intervention, key: &str, lang: Lang, current_year: u16) -> String {
    let labels = |group: FacetGroup| {
        item.values(group)
            .iter()
            .map(|id| Intervention::label(group, id, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match key {
        "aliases" => item.aliases.join(", "),
        "providers" => item.providers.join("; "),
        "country" => item.country.clone(),
        "region" => item.region.clone(),
        "summary" => item.summary.clone(),
        "aim" => item.aim.clone(),
        "approach" => item.approach.clone(),
        "target_groups" => labels(FacetGroup::TargetGroup),
        "levels" => labels(FacetGroup::Level),
        "offer_types" => labels(FacetGroup::OfferType),
        "prevention" => labels(FacetGroup::Prevention),
        "themes" => labels(FacetGroup::Theme),
        "weerbaarheid" => [
            labels(FacetGroup::Dimension),
            item.weerbaarheid.framing.clone(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" — "),
        "working_elements" => item
            .working_elements
            .iter()
            .map(|w| {
                let label = Intervention::label(FacetGroup::WorkingElement, &w.id, lang);
                if w.note.is_empty() {
                    label
                } else {
                    format!("{label}: {}", w.note)
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        "evidence" => {
            let e = &item.evidence;
            let mut parts = vec![evidence_line(item, lang, current_year)];
            for (text, v) in [
                (Text::JudgementDate, &e.date),
                (Text::AssessedBy, &e.body),
                (Text::Databank, &e.databank),
            ] {
                if !v.is_empty() {
                    parts.push(format!("{}: {v}", text.get(lang)));
                }
            }
            if !e.databank_url.is_empty() {
                parts.push(e.databank_url.clone());
            }
            parts.join("; ")
        }
        "studies" => item
            .evidence
            .studies
            .iter()
            .map(|s| study_line(s, lang))
            .collect::<Vec<_>>()
            .join("; "),
        "duration" => item.duration.clone(),
        "cost" => item.cost.clone(),
        _ => String::new(),
    }
    .replace('\n', " ")
}

/// How the audit is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Md,
}

/// Write the audit of the entries at `picked` (positions in `inventory.interventions`).
pub fn write(
    inventory: &Inventory,
    picked: &[usize],
    seed: u64,
    format: Format,
    lang: Lang,
    current_year: u16,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let m = &inventory.metadata;
    let t = |k: Text| k.get(lang);
    let title = format!(
        "{}: {} {} {} (seed {seed}) — {} {} ({})",
        t(Text::AuditTitle),
        picked.len(),
        lang.pick("van", "of"),
        inventory.interventions.len(),
        m.title,
        m.version,
        m.date
    );
    let classes = t(Text::AuditClasses);
    match format {
        Format::Text => writeln!(out, "{title}\n{classes}")?,
        Format::Md => writeln!(out, "# {}\n\n{}", escape(&title), escape(classes))?,
    }
    for (n, &ix) in picked.iter().enumerate() {
        let Some(item) = inventory.interventions.get(ix) else {
            continue;
        };
        let source_line = |k: usize| -> String {
            match item.sources.get(k - 1) {
                Some(s) => format!(
                    "[{k}] {} — {} ({} {})",
                    if s.title.is_empty() { &s.url } else { &s.title },
                    s.url,
                    t(Text::Checked),
                    s.checked
                ),
                None => format!("[{k}]"),
            }
        };
        let fields = fields(item, lang, current_year);
        match format {
            Format::Text => {
                writeln!(out, "\n{}. {} ({})", n + 1, item.name, item.id)?;
                writeln!(out, "{}:", t(Text::SectionSources))?;
                for k in 1..=item.sources.len() {
                    writeln!(out, "  {}", source_line(k))?;
                }
                for f in &fields {
                    let backed = if f.sources.is_empty() {
                        t(Text::AuditNoSource).to_string()
                    } else {
                        marker(&f.sources)
                    };
                    writeln!(
                        out,
                        "\n  {} ({}) {backed}   {}: ____________",
                        f.label,
                        f.key,
                        t(Text::AuditCheck)
                    )?;
                    writeln!(out, "    {}", f.value)?;
                    for &k in &f.sources {
                        writeln!(out, "    {}", source_line(k))?;
                    }
                }
            }
            Format::Md => {
                writeln!(
                    out,
                    "\n## {}. {} (`{}`)\n",
                    n + 1,
                    escape(&item.name),
                    item.id
                )?;
                writeln!(
                    out,
                    "| {} | {} | {} | {} |\n|---|---|---|---|",
                    t(Text::AuditField),
                    t(Text::AuditValue),
                    t(Text::SectionSources),
                    t(Text::AuditCheck)
                )?;
                for f in &fields {
                    let backed = if f.sources.is_empty() {
                        format!("_{}_", t(Text::AuditNoSource))
                    } else {
                        f.sources
                            .iter()
                            .map(|&k| escape(&source_line(k)))
                            .collect::<Vec<_>>()
                            .join("<br>")
                    };
                    writeln!(
                        out,
                        "| {} (`{}`) | {} | {backed} |  |",
                        escape(f.label),
                        f.key,
                        escape(&f.value)
                    )?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Evidence, Source};

    #[test]
    fn the_same_seed_gives_the_same_sample_and_another_seed_another() {
        let a = sample(75, 10, 7);
        assert_eq!(a, sample(75, 10, 7));
        assert_eq!(a.len(), 10);
        let mut unique = a.clone();
        unique.dedup();
        assert_eq!(unique.len(), 10, "no entry twice: {a:?}");
        assert!(a.iter().all(|&i| i < 75));
        assert_ne!(a, sample(75, 10, 8));
        assert_eq!(sample(3, 10, 1), vec![0, 1, 2]);
        assert!(sample(0, 5, 1).is_empty());
    }

    fn item() -> Intervention {
        Intervention {
            id: "x".into(),
            name: "X".into(),
            summary: "Een samenvatting.".into(),
            cost: "gratis".into(),
            evidence: Evidence {
                level: "onbekend".into(),
                ..Evidence::default()
            },
            sources: vec![
                Source {
                    url: "https://a.nl/x".into(),
                    title: "A – X".into(),
                    checked: "2026-12-01".into(),
                    supports: vec!["summary".into()],
                },
                Source {
                    url: "https://b.nl/x".into(),
                    title: "B – X".into(),
                    checked: "2026-12-02".into(),
                    supports: vec!["summary".into(), "cost".into()],
                },
            ],
            ..Intervention::default()
        }
    }

    #[test]
    fn each_filled_field_maps_to_the_sources_that_back_it() {
        let f = fields(&item(), Lang::Nl, 2026);
        let got: Vec<(&str, Vec<usize>)> = f.iter().map(|f| (f.key, f.sources.clone())).collect();
        // The evidence is `onbekend`: nothing to check there.
        assert_eq!(got, vec![("summary", vec![1, 2]), ("cost", vec![2])]);
    }

    #[test]
    fn the_markdown_lists_each_field_with_its_sources_and_an_empty_check_cell() {
        let inv = Inventory {
            interventions: vec![item()],
            ..Inventory::default()
        };
        let mut buf = Vec::new();
        write(&inv, &[0], 3, Format::Md, Lang::En, 2026, &mut buf).unwrap();
        let md = String::from_utf8(buf).unwrap();
        assert!(
            md.contains("Classes: supported · dossier only · not found · contradicted"),
            "{md}"
        );
        assert!(
            md.contains(
                "| Cost (`cost`) | gratis | \\[2\\] B – X — https://b.nl/x (checked 2026-12-02) |  |"
            ),
            "{md}"
        );
    }
}
