//! A comparison as Markdown: a legend and one table with a row per aspect and a column per
//! intervention. Values carry their mark as a symbol (✓ shared by all, ◆ only this one), and
//! rows that are the same everywhere carry `=`, so the page reads without colour.

use std::io::Write;

use crate::core::compare::{
    Aspect, Comparison, IDENTICAL_SYMBOL, Mark, SHARED_SYMBOL, UNIQUE_SYMBOL,
};
use crate::core::i18n::Text;

use super::Options;
use super::markdown::{escape, provenance};

pub fn write(cmp: &Comparison<'_>, opts: &Options<'_>, mut out: impl Write) -> std::io::Result<()> {
    let lang = opts.lang;
    let names: Vec<String> = cmp.items.iter().map(|i| escape(&i.name)).collect();
    writeln!(
        out,
        "# {}: {}\n",
        Text::Comparison.get(lang),
        names.join(" · ")
    )?;
    writeln!(out, "_{}._\n", provenance(opts))?;
    writeln!(
        out,
        "{SHARED_SYMBOL} {} · {UNIQUE_SYMBOL} {} · {IDENTICAL_SYMBOL} {}\n",
        Text::SharedByAll.get(lang),
        Text::UniqueToOne.get(lang),
        Text::IdenticalRow.get(lang),
    )?;
    // Rows are only ever left out when they are identical (`--differences`, or `=` in the
    // compare view): the page says which, so a reader does not take them for missing.
    let left_out: Vec<&str> = Aspect::ALL
        .into_iter()
        .filter(|a| !cmp.rows.iter().any(|r| r.aspect == *a))
        .map(|a| a.label(lang))
        .collect();
    if !left_out.is_empty() {
        writeln!(
            out,
            "_{} {}: {}._\n",
            IDENTICAL_SYMBOL,
            Text::IdenticalLeftOut.get(lang),
            left_out.join(", ")
        )?;
    }
    writeln!(
        out,
        "| {} | {} |",
        Text::Aspect.get(lang),
        names.join(" | ")
    )?;
    writeln!(out, "|---|{}", "---|".repeat(names.len()))?;
    for row in &cmp.rows {
        let mut label = row.aspect.label(lang).to_string();
        if row.identical {
            label = format!("{label} {IDENTICAL_SYMBOL}");
        }
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|cell| {
                if cell.is_empty() {
                    return format!("_{}_", row.aspect.empty_label(lang));
                }
                cell.iter()
                    .map(|e| {
                        // Line breaks would end the table row; a cell's values go on `<br>` lines.
                        let mut text =
                            escape(&e.label.split_whitespace().collect::<Vec<_>>().join(" "));
                        if row.aspect == Aspect::Sources && e.key.starts_with("http") {
                            text = format!("[{text}]({})", link_target(&e.key));
                        }
                        match e.mark {
                            Mark::Shared | Mark::Unique => format!("{} {text}", e.mark.symbol()),
                            Mark::Some | Mark::Text => text,
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("<br>")
            })
            .collect();
        writeln!(out, "| {label} | {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// A URL that cannot end the Markdown link early.
fn link_target(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compare::compare;
    use crate::core::export::fixtures;
    use crate::core::model::{Intervention, Lang};

    fn item(id: &str, name: &str, themes: &[&str]) -> Intervention {
        Intervention {
            id: id.into(),
            name: name.into(),
            aim: "Eerste regel\ntweede | regel".into(),
            themes: themes.iter().map(|s| s.to_string()).collect(),
            ..Intervention::default()
        }
    }

    #[test]
    fn the_table_marks_shared_unique_and_identical() {
        let a = item("a", "Rots *en* Water", &["polarisatie", "empowerment"]);
        let mut b = item("b", "Kanjer", &["polarisatie"]);
        b.sources = vec![crate::core::model::Source {
            url: "https://x.nl/a (1)".into(),
            title: "X [1]".into(),
            checked: String::new(),
            supports: Vec::new(),
        }];
        let opts = fixtures::opts(Lang::Nl);
        let mut buf = Vec::new();
        write(&compare(&[&a, &b], Lang::Nl, 2026), &opts, &mut buf).unwrap();
        let md = String::from_utf8(buf).unwrap();
        assert!(md.starts_with(
            "# Vergelijking: Rots \\*en\\* Water · Kanjer\n\n_Testinventaris 2025.2 (gegevens per 2025-11-01)._\n"
        ));
        assert!(md.contains("| Aspect | Rots \\*en\\* Water | Kanjer |\n|---|---|---|\n"));
        assert!(md.contains(
            "| Thema's | ✓ Polarisatie<br>◆ Empowerment vrouwen en meiden | ✓ Polarisatie |"
        ));
        // Identical rows are marked; a newline or pipe inside a value cannot break the table.
        assert!(md.contains("| Doel = | Eerste regel tweede \\| regel |"));
        assert!(md.contains("| Doelgroepen = | _onbekend_ | _onbekend_ |"));
        assert!(md.contains("| ◆ [X \\[1\\]](https://x.nl/a%20%281%29) |"));
        let table_rows = md.lines().filter(|l| l.starts_with('|')).count();
        assert_eq!(table_rows, 2 + crate::core::compare::Aspect::ALL.len());
    }
}
