//! The filter flags shared by `list`, `facets`, `export` and `matrix`, and their
//! translation into a `query::Query`. An unknown id is a usage error naming the closest ids.

use clap::Args;

use crate::core::model::FacetGroup;
use crate::core::model::vocab::{EVIDENCE, closest_ids, evidence_rank, resolve};
use crate::core::query::{Index, Query, Sort};
use crate::core::store::source::unknown_id_message;

use super::CliError;

#[derive(Args, Debug, Default, Clone)]
pub struct FilterArgs {
    /// Search text: every term must match; `thema:polar` scopes a term to a field.
    #[arg(short, long, value_name = "Q")]
    pub query: Option<String>,
    /// Keep interventions with this theme (repeat for OR).
    #[arg(long = "theme", value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::complete::themes))]
    pub themes: Vec<String>,
    /// Keep interventions for this target group (repeat for OR; ids: `weerbaar facets`).
    #[arg(long = "target-group", value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::complete::target_groups))]
    pub target_groups: Vec<String>,
    /// Keep interventions working at this level (repeat for OR).
    #[arg(long = "level", value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::complete::levels))]
    pub levels: Vec<String>,
    /// Keep interventions of this kind of offer (repeat for OR).
    #[arg(long = "offer-type", value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::complete::offer_types))]
    pub offer_types: Vec<String>,
    /// Keep interventions for this prevention stage.
    #[arg(long = "prevention", value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::complete::prevention))]
    pub prevention: Vec<String>,
    /// Keep interventions strengthening this resilience dimension.
    #[arg(long = "dimension", value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::complete::dimensions))]
    pub dimensions: Vec<String>,
    /// Keep interventions with this working element.
    #[arg(long = "working-element", value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::complete::working_elements))]
    pub working_elements: Vec<String>,
    /// Keep interventions with exactly this evidence level (see also --min-evidence).
    #[arg(long = "evidence", value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::complete::evidence))]
    pub evidence: Vec<String>,
    /// A provider: its name, or any part of it (any case).
    #[arg(long = "provider", value_name = "NAME", add = clap_complete::ArgValueCandidates::new(super::complete::providers))]
    pub providers: Vec<String>,
    /// Keep interventions with at least this evidence level (`erkend`: any recognition).
    #[arg(long, value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::complete::evidence))]
    pub min_evidence: Option<String>,
    /// Order of the results [default: `sort` in the configuration, else relevance].
    #[arg(long, value_name = "relevance|name|evidence", value_parser = parse_sort)]
    pub sort: Option<Sort>,
}

fn parse_sort(s: &str) -> Result<Sort, String> {
    Sort::from_id(s).ok_or_else(|| {
        crate::tr!(
            "onbekende sortering `{s}`; kies relevance, name of evidence",
            "unknown sort `{s}`; use relevance, name or evidence"
        )
    })
}

impl FilterArgs {
    fn by_group(&self) -> [(FacetGroup, &Vec<String>); 9] {
        [
            (FacetGroup::Theme, &self.themes),
            (FacetGroup::TargetGroup, &self.target_groups),
            (FacetGroup::Level, &self.levels),
            (FacetGroup::OfferType, &self.offer_types),
            (FacetGroup::Prevention, &self.prevention),
            (FacetGroup::Dimension, &self.dimensions),
            (FacetGroup::WorkingElement, &self.working_elements),
            (FacetGroup::Evidence, &self.evidence),
            (FacetGroup::Provider, &self.providers),
        ]
    }

    /// Build the query, checking every id against the inventory's values.
    pub fn to_query(&self, index: &Index) -> Result<Query, CliError> {
        let mut query = Query {
            text: self.query.clone().unwrap_or_default(),
            sort: self.sort.unwrap_or_default(),
            ..Query::default()
        };
        for (group, values) in self.by_group() {
            let known = index.group(group);
            for value in values {
                // The id as the inventory has it; else what the value names in the one
                // vocabulary (a label or synonym, any case: `--theme "Weerbaar opvoeden"`,
                // `--evidence erkend`); a provider by part of its name.
                let matched: Vec<&str> = if known.position(value).is_some() {
                    vec![value.as_str()]
                } else if let Some(terms) = group.vocabulary() {
                    resolve(terms, value)
                } else if group == FacetGroup::Provider {
                    providers_containing(known, value)
                } else {
                    Vec::new()
                };
                if matched.is_empty() {
                    return Err(CliError::Usage(unknown_value(group, value, known)));
                }
                for value in matched {
                    if !query.is_selected(group, value) {
                        query.toggle(group, value);
                    }
                }
            }
        }
        if let Some(min) = &self.min_evidence {
            // "erkend" names several levels: at least the weakest of them.
            let Some(level) = resolve(EVIDENCE, min)
                .into_iter()
                .min_by_key(|id| evidence_rank(id))
            else {
                return Err(CliError::Usage(unknown_term(
                    FacetGroup::Evidence,
                    min,
                    EVIDENCE,
                )));
            };
            query.min_evidence = Some(level.to_string());
        }
        Ok(query)
    }
}

impl FilterArgs {
    /// True when no search, filter or sort was given (so a shortlist can be exported instead).
    pub fn is_empty(&self) -> bool {
        self.query.as_deref().is_none_or(|q| q.trim().is_empty())
            && self.by_group().iter().all(|(_, v)| v.is_empty())
            && self.min_evidence.is_none()
            && self.sort.is_none()
    }
}

// The reproducible command line of a query belongs to the query; the CLI uses it from there.
pub use crate::core::query::command::{command_line, selection_title, shell_quote};

/// Providers are long names typed from memory: `--provider movisie` or `--provider SIPI` means
/// every provider whose name contains it, whatever the case and accents.
fn providers_containing<'a>(
    known: &'a crate::core::query::GroupIndex,
    value: &str,
) -> Vec<&'a str> {
    let needle = crate::core::model::fold::fold(value.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    known
        .values
        .iter()
        .filter(|v| crate::core::model::fold::fold(&v.id).contains(&needle))
        .map(|v| v.id.as_str())
        .collect()
}

/// "onbekend thema `polarisati`; bedoelde je `polarisatie`?" in the command line's language.
/// The suggestions are the store's (`unknown_id_message`), so both say the same; an evidence
/// word near "erkend" suggests `erkend` (any recognition), never `niet-erkend`.
fn unknown_term(
    group: FacetGroup,
    value: &str,
    terms: &[crate::core::model::vocab::Term],
) -> String {
    let lang = crate::cli::messages::lang();
    let english = unknown_id_message(group, value, terms);
    let near_erkend = group == FacetGroup::Evidence
        && crate::core::model::vocab::ANY_RECOGNITION
            .iter()
            .any(|w| !closest_ids(value, [*w]).is_empty());
    let suggestions: Vec<&str> = if near_erkend {
        vec!["erkend"]
    } else {
        english
            .split_once("did you mean ")
            .map(|(_, rest)| {
                rest.trim_end_matches('?')
                    .split(" or ")
                    .map(|s| s.trim_matches('`'))
                    .collect()
            })
            .unwrap_or_default()
    };
    let what = group.label(lang).to_lowercase();
    let listed = |s: &[&str]| {
        s.iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(lang.pick(" of ", " or "))
    };
    if suggestions.is_empty() {
        let ids: Vec<&str> = terms.iter().map(|t| t.id).collect();
        crate::tr!(
            "onbekende waarde `{value}` voor {what}; geldig: {}",
            "unknown {what} `{value}`; valid ids: {}",
            ids.join(", ")
        )
    } else {
        crate::tr!(
            "onbekende waarde `{value}` voor {what}; bedoelde je {}?",
            "unknown {what} `{value}`; did you mean {}?",
            listed(&suggestions)
        )
    }
}

fn unknown_value(group: FacetGroup, value: &str, known: &crate::core::query::GroupIndex) -> String {
    match group.vocabulary() {
        Some(terms) => unknown_term(group, value, terms),
        None => {
            // Compared folded (the names have capitals and accents), shown as they are.
            let folded: Vec<(String, &str)> = known
                .values
                .iter()
                .map(|v| (crate::core::model::fold::fold(&v.id), v.id.as_str()))
                .collect();
            let names: Vec<&str> = closest_ids(
                &crate::core::model::fold::fold(value),
                folded.iter().map(|(f, _)| f.as_str()),
            )
            .into_iter()
            .filter_map(|f| folded.iter().find(|(g, _)| g == f).map(|(_, n)| *n))
            .collect();
            if names.is_empty() {
                crate::tr!(
                    "onbekende aanbieder `{value}`; zie `weerbaar facets` voor de aanbieders in deze inventaris",
                    "unknown provider `{value}`; see `weerbaar facets` for the providers in this inventory"
                )
            } else {
                let names = names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(crate::cli::messages::lang().pick(" of ", " or "));
                crate::tr!(
                    "onbekende aanbieder `{value}`; bedoelde je {names}?",
                    "unknown provider `{value}`; did you mean {names}?"
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::store::open_bundled;
    use clap::Parser;

    #[derive(Parser)]
    struct Probe {
        #[command(flatten)]
        filters: FilterArgs,
    }

    /// Split a command line the way a POSIX shell would for the quoting `shell_quote` makes.
    fn shell_split(line: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut word = String::new();
        let mut in_word = false;
        let mut quoted = false;
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' if !quoted => {
                    word.extend(chars.next());
                    in_word = true;
                }
                '\'' => {
                    quoted = !quoted;
                    in_word = true;
                }
                ' ' if !quoted => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                    }
                    in_word = false;
                }
                c => {
                    word.push(c);
                    in_word = true;
                }
            }
        }
        if in_word {
            words.push(word);
        }
        words
    }

    #[test]
    fn the_command_line_parses_back_to_the_same_query() {
        let inventory = open_bundled().unwrap();
        let index = Index::build(&inventory);
        let mut query = Query {
            text: "ouders 'polar".into(),
            sort: Sort::Evidence,
            min_evidence: Some("goed-beschreven".into()),
            ..Query::default()
        };
        query.toggle(FacetGroup::Theme, "polarisatie");
        query.toggle(FacetGroup::Theme, "weerbaar-opvoeden");
        let line = command_line(&query, None);
        assert!(
            line.starts_with("weerbaar list -q 'ouders '\\''polar' --theme polarisatie"),
            "{line}"
        );
        let words = shell_split(&line);
        assert_eq!(&words[..2], ["weerbaar", "list"]);
        let probe = Probe::try_parse_from(
            std::iter::once("weerbaar".to_string()).chain(words[2..].iter().cloned()),
        )
        .unwrap();
        assert_eq!(probe.filters.to_query(&index).unwrap(), query);
        assert!(!probe.filters.is_empty());
        assert!(FilterArgs::default().is_empty());
    }

    #[test]
    fn filters_take_labels_synonyms_and_any_case_and_erkend_is_every_recognition() {
        let inventory = open_bundled().unwrap();
        let index = Index::build(&inventory);
        let query = |args: &[&str]| {
            Probe::try_parse_from(std::iter::once("weerbaar").chain(args.iter().copied()))
                .unwrap()
                .filters
                .to_query(&index)
        };
        let same = |a: &[&str], b: &[&str]| assert_eq!(query(a).unwrap(), query(b).unwrap());
        same(
            &["--theme", "Weerbaar opvoeden"],
            &["--theme", "weerbaar-opvoeden"],
        );
        same(&["--theme", "polarisation"], &["--theme", "polarisatie"]);
        same(&["--target-group", "Ouders"], &["--target-group", "ouders"]);
        same(
            &["--min-evidence", "erkend"],
            &["--min-evidence", "goed-onderbouwd"],
        );
        let erkend = query(&["--evidence", "erkend"]).unwrap();
        for level in crate::core::model::vocab::RECOGNISED {
            assert!(erkend.is_selected(FacetGroup::Evidence, level), "{level}");
        }
        assert!(!erkend.is_selected(FacetGroup::Evidence, "niet-erkend"));
        let Err(CliError::Usage(message)) = query(&["--theme", "polarisati"]) else {
            panic!("a misspelt theme is a usage error")
        };
        assert!(message.contains("polarisatie"), "{message}");
    }

    #[test]
    fn a_database_path_is_part_of_the_command_line() {
        let line = command_line(
            &Query::default(),
            Some(std::path::Path::new("/tmp/mijn lijst.sqlite")),
        );
        assert_eq!(line, "weerbaar --db '/tmp/mijn lijst.sqlite' list");
    }
}
