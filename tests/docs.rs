//! The documentation stays in step with the code.

use weerbaar::model::FacetGroup;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_data_guide_lists_every_vocabulary_id() {
    let guide = read("docs/data-guide.md");
    for group in FacetGroup::ALL {
        for term in group.vocabulary().unwrap_or(&[]) {
            assert!(
                guide.contains(&format!("| `{}` | {} |", term.id, term.nl)),
                "docs/data-guide.md does not list {} `{}`",
                group.id(),
                term.id
            );
        }
    }
}

#[test]
fn the_schema_doc_shows_the_schema_in_use() {
    let doc = read("docs/schema.md");
    for line in weerbaar::store::SCHEMA_SQL
        .lines()
        .filter(|l| l.starts_with("CREATE"))
    {
        assert!(doc.contains(line), "docs/schema.md lacks: {line}");
    }
}

#[test]
fn the_evidence_doc_explains_every_level() {
    let doc = read("docs/evidence-levels.md");
    for term in FacetGroup::Evidence.vocabulary().unwrap_or(&[]) {
        assert!(doc.contains(&format!("`{}`", term.id)), "{}", term.id);
    }
}
