//! Writers that turn interventions into files other tools read. Each writer takes the records,
//! the options and any `Write`; none of them reads the database.

pub mod compare_csv;
pub mod compare_json;
pub mod compare_md;
pub mod csv;
pub mod json;
pub mod markdown;

use crate::model::Lang;
use crate::store::Metadata;

/// What every writer needs besides the records.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The inventory the records come from; every export names its version and date.
    pub metadata: &'a Metadata,
    pub lang: Lang,
    /// Used for the evidence age flag ("ouder dan 5 jaar").
    pub current_year: u16,
}

/// Join a multi-valued field for a single cell.
pub(crate) fn join(values: &[String]) -> String {
    values.join("; ")
}
