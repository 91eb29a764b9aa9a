//! Folding moved to `model::fold` (the model, config, import and store fold too, and none of
//! them should need the query for it).
// transition; removed after the merge of issue 13
pub use crate::model::fold::*;
