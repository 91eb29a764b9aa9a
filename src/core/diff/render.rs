//! A diff as plain text (for the terminal) or Markdown (for a changelog or an issue). Changes
//! are marked with `+`, `-` and `~`, never by colour; vocabulary ids are shown as labels.

use std::io::Write;

use crate::core::export::markdown::escape;
use crate::core::i18n::Text;
use crate::core::model::{FacetGroup, Intervention, Lang};

use super::{Changed, Diff, Side};

/// How each line is dressed: plain text indents, Markdown makes headings and bullets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Text,
    Markdown,
}

pub fn text(d: &Diff, lang: Lang, out: impl Write) -> std::io::Result<()> {
    write(d, lang, Style::Text, out)
}

pub fn markdown(d: &Diff, lang: Lang, out: impl Write) -> std::io::Result<()> {
    write(d, lang, Style::Markdown, out)
}

fn write(d: &Diff, lang: Lang, style: Style, mut out: impl Write) -> std::io::Result<()> {
    let md = style == Style::Markdown;
    let esc = |s: &str| if md { escape(s) } else { s.to_string() };
    let side = |label: Text, s: &Side| {
        format!(
            "{}: {} {} ({}), {} {}",
            label.get(lang),
            esc(&s.title),
            esc(&s.version),
            esc(&s.date),
            s.count,
            Text::interventions(s.count, lang)
        )
    };
    if md {
        writeln!(out, "# {} → {}\n", esc(&d.old.version), esc(&d.new.version))?;
        writeln!(out, "- {}", side(Text::DiffFrom, &d.old))?;
        writeln!(out, "- {}", side(Text::DiffTo, &d.new))?;
    } else {
        writeln!(out, "{}", side(Text::DiffFrom, &d.old))?;
        writeln!(out, "{}", side(Text::DiffTo, &d.new))?;
    }
    if d.is_empty() {
        writeln!(out, "\n{}", Text::DiffNone.get(lang))?;
        return Ok(());
    }
    let heading = |out: &mut dyn Write, title: Text, n: usize| -> std::io::Result<()> {
        if md {
            writeln!(out, "\n## {} ({n})\n", title.get(lang))
        } else {
            writeln!(out, "\n{} ({n})", title.get(lang))
        }
    };
    let bullet = if md { "- " } else { "  " };
    let code = |s: &str| if md { format!("`{s}`") } else { s.to_string() };

    if !d.added.is_empty() {
        heading(&mut out, Text::DiffAdded, d.added.len())?;
        for e in &d.added {
            writeln!(out, "{bullet}+ {}  {}", code(&e.id), esc(&e.name))?;
        }
    }
    if !d.removed.is_empty() {
        heading(&mut out, Text::DiffRemoved, d.removed.len())?;
        for e in &d.removed {
            writeln!(out, "{bullet}- {}  {}", code(&e.id), esc(&e.name))?;
        }
    }
    if !d.renamed.is_empty() {
        heading(&mut out, Text::DiffRenamed, d.renamed.len())?;
        for r in &d.renamed {
            writeln!(
                out,
                "{bullet}~ {}  {} → {}",
                code(&r.id),
                esc(&r.old_name),
                esc(&r.new_name)
            )?;
        }
    }
    if !d.changed.is_empty() {
        heading(&mut out, Text::DiffChanged, d.changed.len())?;
        for c in &d.changed {
            writeln!(out, "{bullet}~ {}  {}", code(&c.id), esc(&c.name))?;
            let sub = if md { "  - " } else { "      " };
            for line in details(c, lang) {
                writeln!(out, "{sub}{}", esc(&line))?;
            }
        }
    }
    Ok(())
}

/// The lines under a changed entry: evidence, working elements, sources, other fields.
fn details(c: &Changed, lang: Lang) -> Vec<String> {
    let label = |group: FacetGroup, id: &str| Intervention::label(group, id, lang);
    let mut lines = Vec::new();
    if let Some(e) = &c.evidence {
        lines.push(format!(
            "{}: {} → {}",
            FacetGroup::Evidence.label(lang),
            label(FacetGroup::Evidence, &e.old),
            label(FacetGroup::Evidence, &e.new)
        ));
    }
    let set = |title: &str, added: &[String], removed: &[String], show: &dyn Fn(&str) -> String| {
        let parts: Vec<String> = added
            .iter()
            .map(|v| format!("+ {}", show(v)))
            .chain(removed.iter().map(|v| format!("- {}", show(v))))
            .collect();
        format!("{title}: {}", parts.join(", "))
    };
    if !c.working_elements.is_empty() {
        lines.push(set(
            Text::WorkingElements.get(lang),
            &c.working_elements.added,
            &c.working_elements.removed,
            &|id| label(FacetGroup::WorkingElement, id),
        ));
    }
    if !c.sources.is_empty() {
        lines.push(set(
            Text::SectionSources.get(lang),
            &c.sources.added,
            &c.sources.removed,
            &|url| url.to_string(),
        ));
    }
    if !c.other.is_empty() {
        let mut labels: Vec<&str> = c.other.iter().map(|f| f.label(lang)).collect();
        labels.dedup();
        lines.push(format!(
            "{}: {}",
            Text::DiffAlsoChanged.get(lang),
            labels.join(", ")
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::{Change, Entry, SetChange};
    use super::*;

    fn sample() -> Diff {
        let side = |v: &str, n| Side {
            title: "T".into(),
            version: v.into(),
            date: "2026-01-01".into(),
            count: n,
        };
        Diff {
            old: side("1", 2),
            new: side("2", 2),
            added: vec![Entry {
                id: "d".into(),
                name: "D_x".into(),
            }],
            removed: vec![],
            renamed: vec![],
            changed: vec![Changed {
                id: "b".into(),
                name: "B".into(),
                evidence: Some(Change {
                    old: "onbekend".into(),
                    new: "goed-beschreven".into(),
                }),
                working_elements: SetChange {
                    added: vec!["reflectie".into()],
                    removed: vec![],
                },
                sources: SetChange::default(),
                other: vec![super::super::Field::Summary],
            }],
        }
    }

    fn render(f: fn(&Diff, Lang, &mut Vec<u8>) -> std::io::Result<()>, lang: Lang) -> String {
        let mut buf = Vec::new();
        let _ = f(&sample(), lang, &mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    }

    #[test]
    fn text_marks_changes_with_symbols_and_labels() {
        let out = render(|d, l, w| text(d, l, w), Lang::Nl);
        assert_eq!(
            out,
            "Oud: T 1 (2026-01-01), 2 interventies\n\
             Nieuw: T 2 (2026-01-01), 2 interventies\n\
             \n\
             Toegevoegd (1)\n  + d  D_x\n\
             \n\
             Gewijzigd (1)\n  ~ b  B\n\
             \u{20}     Bewijs: Onbekend → Goed beschreven\n\
             \u{20}     Werkzame elementen: + Reflectie\n\
             \u{20}     Ook gewijzigd: Samenvatting\n"
        );
    }

    #[test]
    fn markdown_escapes_names_and_uses_lists() {
        let out = render(|d, l, w| markdown(d, l, w), Lang::En);
        assert!(out.starts_with("# 1 → 2\n\n- Old: T 1 (2026-01-01), 2 interventions\n"));
        assert!(out.contains("## Added (1)\n\n- + `d`  D\\_x\n"), "{out}");
        assert!(
            out.contains("  - Evidence: Unknown → Well described\n"),
            "{out}"
        );
    }
}
