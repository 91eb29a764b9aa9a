//! The coverage matrix: two facet groups crossed under the current query, each cell the number
//! of interventions carrying both values. It shows where the offer is thin.
//!
//! The population is the query's results, exactly what `weerbaar list` shows with the same
//! search and filters. A selection in one of the two crossed groups limits which rows (or
//! columns) are shown to the selected values. A cell counts the results carrying both its values,
//! which is exactly what the results become when the cell is chosen (`cell_query`: the query
//! with the row group narrowed to the row value and the column group to the column value), so a
//! cell always equals `weerbaar list` with the other filters plus the two values.

use crate::core::model::FacetGroup;
use crate::core::query::{self, Bitset, Index, Matcher, Query, Results};

/// The groups crossed when nothing else is asked for.
pub const DEFAULT_ROWS: FacetGroup = FacetGroup::Theme;
pub const DEFAULT_COLS: FacetGroup = FacetGroup::WorkingElement;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MatrixError {
    /// Crossing a group with itself would need OR within the group, which a cell cannot show.
    #[error("rows and columns are both `{}`; choose two different facet groups", .0.id())]
    SameGroup(FacetGroup),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    pub rows: FacetGroup,
    pub cols: FacetGroup,
    /// Positions into `index.group(rows).values`, in the group's order.
    pub row_values: Vec<usize>,
    /// Positions into `index.group(cols).values`.
    pub col_values: Vec<usize>,
    /// `counts[r][c]`: interventions carrying row value `r` and column value `c`.
    pub counts: Vec<Vec<usize>>,
    /// Per row, interventions carrying the row value (not the sum of the row: values overlap).
    pub row_totals: Vec<usize>,
    pub col_totals: Vec<usize>,
    /// Interventions matching the query: the matrix's population.
    pub total: usize,
}

impl Matrix {
    pub fn count(&self, row: usize, col: usize) -> usize {
        self.counts
            .get(row)
            .and_then(|r| r.get(col))
            .copied()
            .unwrap_or(0)
    }

    /// Cells that are empty: the gaps in the offer.
    pub fn empty_cells(&self) -> usize {
        self.counts.iter().flatten().filter(|&&n| n == 0).count()
    }
}

/// The query without any selection in the two crossed groups.
fn base_query(query: &Query, rows: FacetGroup, cols: FacetGroup) -> Query {
    let mut base = query.clone();
    base.filters.remove(&rows);
    base.filters.remove(&cols);
    base
}

/// Which values of a group become rows (or columns): the selected ones when the query selects
/// in that group, else all of them, in the group's order.
fn shown_values(index: &Index, query: &Query, group: FacetGroup) -> Vec<usize> {
    let values = &index.group(group).values;
    match query.filters.get(&group) {
        Some(selected) => (0..values.len())
            .filter(|&v| selected.contains(&values[v].id))
            .collect(),
        None => (0..values.len()).collect(),
    }
}

pub fn build(
    index: &Index,
    matcher: &dyn Matcher,
    query: &Query,
    rows: FacetGroup,
    cols: FacetGroup,
) -> Result<Matrix, MatrixError> {
    if rows == cols {
        return Err(MatrixError::SameGroup(rows));
    }
    from_results(index, query, &query::run(index, matcher, query), rows, cols)
}

/// The same as `build`, from results already computed for `query` (the explorer has them).
pub fn from_results(
    index: &Index,
    query: &Query,
    results: &Results,
    rows: FacetGroup,
    cols: FacetGroup,
) -> Result<Matrix, MatrixError> {
    if rows == cols {
        return Err(MatrixError::SameGroup(rows));
    }
    let mut population = Bitset::empty(index.len());
    for hit in &results.hits {
        population.insert(hit.index);
    }
    let row_values = shown_values(index, query, rows);
    let col_values = shown_values(index, query, cols);
    let row_sets = &index.group(rows).sets;
    let col_sets = &index.group(cols).sets;
    let mut counts = Vec::with_capacity(row_values.len());
    let mut row_totals = Vec::with_capacity(row_values.len());
    for &r in &row_values {
        let mut in_row = row_sets[r].to_bitset();
        in_row.and_with(&population);
        row_totals.push(in_row.count());
        counts.push(
            col_values
                .iter()
                .map(|&c| col_sets[c].count_and(&in_row))
                .collect(),
        );
    }
    let col_totals = col_values
        .iter()
        .map(|&c| col_sets[c].count_and(&population))
        .collect();
    Ok(Matrix {
        rows,
        cols,
        row_values,
        col_values,
        counts,
        row_totals,
        col_totals,
        total: results.hits.len(),
    })
}

/// The query that shows exactly a cell's interventions: the query with the row group set to
/// the row value and the column group to the column value. `None` when the cell is outside.
pub fn cell_query(
    index: &Index,
    query: &Query,
    matrix: &Matrix,
    row: usize,
    col: usize,
) -> Option<Query> {
    let r = *matrix.row_values.get(row)?;
    let c = *matrix.col_values.get(col)?;
    let mut q = base_query(query, matrix.rows, matrix.cols);
    q.toggle(matrix.rows, &index.group(matrix.rows).values.get(r)?.id);
    q.toggle(matrix.cols, &index.group(matrix.cols).values.get(c)?.id);
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Evidence, Intervention, WorkingElementUse};
    use crate::core::query::SkimMatcher;
    use crate::core::store::Inventory;

    fn item(id: &str, themes: &[&str], elements: &[&str], level: &str) -> Intervention {
        Intervention {
            id: id.into(),
            name: format!("Interventie {id}"),
            themes: themes.iter().map(|s| s.to_string()).collect(),
            working_elements: WorkingElementUse::without_notes(elements),
            evidence: Evidence {
                level: level.into(),
                ..Evidence::default()
            },
            ..Intervention::default()
        }
    }

    fn inventory() -> Inventory {
        Inventory {
            interventions: vec![
                item("a", &["polarisatie"], &["dialoog"], "goed-onderbouwd"),
                item(
                    "b",
                    &["polarisatie", "radicalisering"],
                    &["dialoog", "kennisoverdracht"],
                    "onbekend",
                ),
                item("c", &["radicalisering"], &["kennisoverdracht"], "onbekend"),
            ],
            ..Inventory::default()
        }
    }

    fn pos(index: &Index, group: FacetGroup, id: &str) -> usize {
        index.group(group).position(id).unwrap()
    }

    #[test]
    fn cells_count_interventions_carrying_both_values() {
        let inv = inventory();
        let index = Index::build(&inv);
        let m = build(
            &index,
            &SkimMatcher::default(),
            &Query::default(),
            FacetGroup::Theme,
            FacetGroup::WorkingElement,
        )
        .unwrap();
        assert_eq!(m.total, 3);
        // Every theme and every working element of the vocabulary is there, also when empty.
        assert_eq!(
            m.row_values.len(),
            index.group(FacetGroup::Theme).values.len()
        );
        let p = pos(&index, FacetGroup::Theme, "polarisatie");
        let r = pos(&index, FacetGroup::Theme, "radicalisering");
        let d = pos(&index, FacetGroup::WorkingElement, "dialoog");
        let k = pos(&index, FacetGroup::WorkingElement, "kennisoverdracht");
        assert_eq!(m.count(p, d), 2);
        assert_eq!(m.count(p, k), 1);
        assert_eq!(m.count(r, d), 1);
        assert_eq!(m.count(r, k), 2);
        assert_eq!(m.row_totals[p], 2);
        assert_eq!(m.col_totals[d], 2);
        let e = pos(&index, FacetGroup::Theme, "empowerment");
        assert_eq!(m.counts[e].iter().sum::<usize>(), 0);
        assert_eq!(m.count(99, 99), 0);
    }

    #[test]
    fn a_selection_in_a_crossed_group_limits_the_rows_not_the_counts() {
        let inv = inventory();
        let index = Index::build(&inv);
        let matcher = SkimMatcher::default();
        let mut q = Query::default();
        q.toggle(FacetGroup::Theme, "radicalisering");
        q.toggle(FacetGroup::Evidence, "onbekend");
        let m = build(
            &index,
            &matcher,
            &q,
            FacetGroup::Theme,
            FacetGroup::WorkingElement,
        )
        .unwrap();
        assert_eq!(
            m.row_values,
            [pos(&index, FacetGroup::Theme, "radicalisering")]
        );
        // The population is the query's results: b and c carry radicalisering and onbekend.
        assert_eq!(m.total, 2);
        assert_eq!(m.row_totals, [2]);
        let d = pos(&index, FacetGroup::WorkingElement, "dialoog");
        assert_eq!(m.count(0, d), 1);
        // The cell's query gives exactly the cell's interventions.
        for (ri, row) in m.counts.iter().enumerate() {
            for (ci, &n) in row.iter().enumerate() {
                let cq = cell_query(&index, &q, &m, ri, ci).unwrap();
                assert_eq!(query::run(&index, &matcher, &cq).hits.len(), n);
            }
        }
        assert!(cell_query(&index, &q, &m, 5, 0).is_none());
    }

    #[test]
    fn crossing_a_group_with_itself_is_refused() {
        let inv = inventory();
        let index = Index::build(&inv);
        let err = build(
            &index,
            &SkimMatcher::default(),
            &Query::default(),
            FacetGroup::Theme,
            FacetGroup::Theme,
        )
        .unwrap_err();
        assert!(err.to_string().contains("`theme`"));
    }

    /// On the bundled inventory, for a few pairs of groups and a text query, every cell equals
    /// the number of results of the query with both values selected (what `list` prints).
    #[test]
    fn every_cell_equals_the_list_count_on_the_bundled_inventory() {
        let inv = crate::core::store::open_bundled().unwrap();
        let index = Index::build(&inv);
        let matcher = SkimMatcher::default();
        let mut filtered = Query {
            text: "jongeren".into(),
            ..Query::default()
        };
        filtered.toggle(FacetGroup::Level, "groep");
        // A selection in a crossed group: two themes, shown as the only two rows.
        let mut themed = Query::default();
        themed.toggle(FacetGroup::Theme, "polarisatie");
        themed.toggle(FacetGroup::Theme, "radicalisering");
        for query in [Query::default(), filtered, themed] {
            for (rows, cols) in [
                (FacetGroup::Theme, FacetGroup::WorkingElement),
                (FacetGroup::Theme, FacetGroup::Evidence),
                (FacetGroup::TargetGroup, FacetGroup::OfferType),
            ] {
                let m = build(&index, &matcher, &query, rows, cols).unwrap();
                assert_eq!(m.total, query::run(&index, &matcher, &query).hits.len());
                assert!(m.total > 0);
                let mut nonzero = 0;
                for ri in 0..m.row_values.len() {
                    for ci in 0..m.col_values.len() {
                        let cq = cell_query(&index, &query, &m, ri, ci).unwrap();
                        let listed = query::run(&index, &matcher, &cq).hits.len();
                        assert_eq!(m.count(ri, ci), listed, "{rows:?}×{cols:?} {ri},{ci}");
                        nonzero += usize::from(listed > 0);
                    }
                }
                assert!(nonzero > 0, "{rows:?}×{cols:?} has only empty cells");
            }
        }
    }
}
