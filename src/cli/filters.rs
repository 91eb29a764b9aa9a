//! The filter flags shared by `list`, `facets` and (later) `export` and `matrix`, and their
//! translation into a `query::Query`. An unknown id is a usage error naming the closest ids.

use clap::Args;

use crate::model::FacetGroup;
use crate::model::vocab::{EVIDENCE, closest_ids};
use crate::query::{Index, Query, Sort};
use crate::store::source::unknown_id_message;

use super::CliError;

#[derive(Args, Debug, Default, Clone)]
pub struct FilterArgs {
    /// Search text: every term must match; `thema:polar` scopes a term to a field.
    #[arg(short, long, value_name = "Q")]
    pub query: Option<String>,
    /// Keep interventions with this theme (repeat for OR).
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,
    #[arg(long = "target-group", value_name = "ID")]
    pub target_groups: Vec<String>,
    #[arg(long = "level", value_name = "ID")]
    pub levels: Vec<String>,
    #[arg(long = "offer-type", value_name = "ID")]
    pub offer_types: Vec<String>,
    #[arg(long = "prevention", value_name = "ID")]
    pub prevention: Vec<String>,
    /// A resilience dimension.
    #[arg(long = "dimension", value_name = "ID")]
    pub dimensions: Vec<String>,
    #[arg(long = "working-element", value_name = "ID")]
    pub working_elements: Vec<String>,
    #[arg(long = "evidence", value_name = "ID")]
    pub evidence: Vec<String>,
    /// A provider's exact name.
    #[arg(long = "provider", value_name = "NAME")]
    pub providers: Vec<String>,
    /// Keep interventions with at least this evidence level.
    #[arg(long, value_name = "ID")]
    pub min_evidence: Option<String>,
    /// Order of the results.
    #[arg(long, value_name = "relevance|name|evidence", default_value = "relevance", value_parser = parse_sort)]
    pub sort: Sort,
}

fn parse_sort(s: &str) -> Result<Sort, String> {
    Sort::from_id(s).ok_or_else(|| format!("unknown sort `{s}`; use relevance, name or evidence"))
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
            sort: self.sort,
            ..Query::default()
        };
        for (group, values) in self.by_group() {
            let known = index.group(group);
            for value in values {
                if known.position(value).is_none() {
                    return Err(CliError::Usage(unknown_value(group, value, known)));
                }
                if !query.is_selected(group, value) {
                    query.toggle(group, value);
                }
            }
        }
        if let Some(min) = &self.min_evidence {
            if EVIDENCE.iter().all(|t| t.id != min) {
                return Err(CliError::Usage(unknown_id_message(
                    FacetGroup::Evidence,
                    min,
                    EVIDENCE,
                )));
            }
            query.min_evidence = Some(min.clone());
        }
        Ok(query)
    }
}

fn unknown_value(group: FacetGroup, value: &str, known: &crate::query::GroupIndex) -> String {
    match group.vocabulary() {
        Some(terms) => unknown_id_message(group, value, terms),
        None => {
            let names = closest_ids(value, known.values.iter().map(|v| v.id.as_str()));
            if names.is_empty() {
                format!(
                    "unknown provider `{value}`; see `weerbaar facets` for the providers in this inventory"
                )
            } else {
                format!(
                    "unknown provider `{value}`; did you mean {}?",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                )
            }
        }
    }
}
