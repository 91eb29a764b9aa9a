//! Reading a directory of TOML entries in the `data/interventions/` format, with the source
//! reader itself (`store::source`): a data directory (holding `inventory.toml` and
//! `interventions/`), or a directory of entry files alone.

use std::path::Path;

use crate::core::model::diagnostics::Problem;
use crate::core::store::Metadata;
use crate::core::store::source;

/// Validated entries, the directory's metadata when it has one, and every problem.
pub struct DirRead {
    pub interventions: Vec<crate::core::model::Intervention>,
    pub metadata: Option<Metadata>,
    pub problems: Vec<Problem>,
}

pub fn read(dir: &Path, current_year: u16) -> DirRead {
    if dir.join("interventions").is_dir() {
        let set = source::read_dir(dir, current_year);
        DirRead {
            interventions: set.interventions,
            metadata: Some(set.metadata),
            problems: set.problems,
        }
    } else {
        let set = source::read_entries(dir, current_year);
        DirRead {
            interventions: set.interventions,
            metadata: None,
            problems: set.problems,
        }
    }
}
