//! The brief: a handout an advisor can give to parents, a school or a municipality. A title, a
//! date/place/author line and a summary table, then per intervention a short block in plain words
//! (what it is, for whom, what it asks, who offers it and where to read more, the evidence in a
//! sentence). No vocabulary jargon, no private notes unless asked for. Written as Markdown
//! (`--format md --style brief`) or as one self-contained HTML file (`--format html`) that
//! prints on A4 and needs no network. The full record stays in `markdown` (`--style full`).

use std::io::Write;

use crate::core::i18n::Text;
use crate::core::model::vocab::is_recognition;
use crate::core::model::{Evidence, FacetGroup, Intervention, Lang};

use super::{Entries, Entry, Options};

/// What the brief says about itself besides the records: when, where and by whom it was made,
/// and whether the shortlist's notes belong in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BriefInfo {
    /// ISO date (YYYY-MM-DD) shown in words on the date line.
    pub date: String,
    pub place: String,
    pub author: String,
    /// Print the shortlist's notes (they are often private: off unless asked for).
    pub notes: bool,
}

impl BriefInfo {
    /// Today, no place or author, no notes: what the explorer's export dialog writes.
    pub fn today() -> BriefInfo {
        BriefInfo {
            date: crate::core::model::today(),
            ..BriefInfo::default()
        }
    }
}

/// One intervention as the brief says it, in plain strings, shared by Markdown and HTML.
#[derive(Debug, Clone, PartialEq)]
struct Block {
    name: String,
    what: String,
    for_whom: String,
    asks: String,
    provider: String,
    website: String,
    evidence: String,
    note: Option<String>,
}

/// "6 december 2026" / "6 December 2026"; the ISO text itself when it is not a full date.
pub fn date_in_words(iso: &str, lang: Lang) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match super::date_parts(iso).as_deref() {
        Some([y, m, d]) if (1..=12).contains(m) => {
            let month = match lang {
                Lang::Nl => NL[*m as usize - 1],
                Lang::En => EN[*m as usize - 1],
            };
            format!("{d} {month} {y}")
        }
        _ => iso.to_string(),
    }
}

/// The evidence as a phrase a parent understands: "erkend als goed onderbouwd (2020)",
/// "beoordeeld en niet erkend (2019)", "geen erkenning bekend". An old recognition says so.
pub fn evidence_in_words(evidence: &Evidence, lang: Lang, current_year: u16) -> String {
    let level = evidence.level.as_str();
    let label = || {
        FacetGroup::Evidence
            .term(level)
            .map(|t| t.label(lang).to_lowercase())
            .unwrap_or_default()
    };
    let phrase = match level {
        "niet-erkend" => Text::BriefNotRecognised.get(lang).to_string(),
        "goed-beschreven" => format!("{} {}", Text::BriefAssessedAs.get(lang), label()),
        l if is_recognition(l) => format!("{} {}", Text::BriefRecognisedAs.get(lang), label()),
        "niet-beoordeeld" => return Text::BriefNotAssessed.get(lang).to_string(),
        _ => return Text::BriefNoRecognition.get(lang).to_string(),
    };
    match evidence.year {
        Some(year) if evidence.is_stale(current_year) => {
            format!("{phrase} ({year}, {})", Text::BriefOlderThan.get(lang))
        }
        Some(year) => format!("{phrase} ({year})"),
        None => phrase,
    }
}

fn labels(item: &Intervention, group: FacetGroup, lang: Lang) -> String {
    let labels: Vec<String> = item
        .values(group)
        .into_iter()
        .map(|id| Intervention::label(group, id, lang))
        .collect();
    sentence_list(&labels, lang)
}

/// A list inside a sentence: joined with commas, not "en", because the labels themselves often
/// hold an "en" ("Ouders en opvoeders, Jongeren" reads; "Ouders en opvoeders en Jongeren" not).
fn sentence_list(items: &[String], _lang: Lang) -> String {
    items.join(", ")
}

/// Lowercase the first letter, for a label inside a sentence ("Training" → "training").
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn block(entry: &impl Entry, opts: &Options<'_>, info: &BriefInfo) -> Block {
    let item = entry.item();
    let lang = opts.lang;
    let unknown = Text::Unknown.get(lang);
    let or_unknown = |s: String| {
        if s.trim().is_empty() {
            unknown.to_string()
        } else {
            s
        }
    };
    let form = {
        let labels: Vec<String> = item
            .offer_types
            .iter()
            .map(|id| lower_first(&Intervention::label(FacetGroup::OfferType, id, lang)))
            .collect();
        sentence_list(&labels, lang)
    };
    let asks = format!(
        "{}: {}. {}: {}. {}: {}.",
        Text::BriefForm.get(lang),
        or_unknown(form),
        Text::Duration.get(lang),
        or_unknown(item.duration.trim().trim_end_matches('.').to_string()),
        Text::Cost.get(lang),
        or_unknown(item.cost.trim().trim_end_matches('.').to_string()),
    );
    Block {
        name: item.name.clone(),
        what: or_unknown(item.summary.trim().to_string()),
        for_whom: or_unknown(labels(item, FacetGroup::TargetGroup, lang)),
        asks,
        // Provider names may hold commas themselves.
        provider: or_unknown(item.providers.join("; ")),
        website: item
            .sources
            .iter()
            .map(|s| s.url.trim())
            .find(|u| !u.is_empty())
            .unwrap_or_default()
            .to_string(),
        evidence: evidence_in_words(&item.evidence, lang, opts.current_year),
        note: entry
            .note()
            .filter(|_| info.notes)
            .map(|n| n.trim().to_string()),
    }
}

/// The line under the title: "6 december 2026 · Utrecht · opgesteld door A. de Vries".
fn byline(info: &BriefInfo, lang: Lang) -> String {
    let mut parts = vec![date_in_words(&info.date, lang)];
    if !info.place.trim().is_empty() {
        parts.push(info.place.trim().to_string());
    }
    if !info.author.trim().is_empty() {
        parts.push(format!(
            "{} {}",
            Text::BriefCompiledBy.get(lang),
            info.author.trim()
        ));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// "Bron: Inventaris 2025.2 (gegevens per 2025-11-01)": where the facts come from.
fn source_line(opts: &Options<'_>) -> String {
    let m = opts.metadata;
    format!(
        "{}: {} {} ({} {})",
        Text::BriefSourceLine.get(opts.lang),
        m.title,
        m.version,
        Text::DataAsOf.get(opts.lang),
        m.date
    )
}

/// A brief holds a handful of records (a session's shortlist); the summary table comes before
/// the blocks, so they are gathered first.
fn blocks(
    entries: impl Entries,
    opts: &Options<'_>,
    info: &BriefInfo,
) -> std::io::Result<Vec<Block>> {
    entries
        .into_entries()
        .map(|e| e.map(|e| block(&e, opts, info)))
        .collect()
}

/// Markdown table cells and running text: escape what Markdown would interpret, and keep a
/// cell on one line.
fn md(s: &str) -> String {
    super::markdown::escape(s).replace('\n', " ")
}

/// The brief as Markdown.
pub fn write_md(
    title: &str,
    entries: impl Entries,
    opts: &Options<'_>,
    info: &BriefInfo,
    mut out: impl Write,
) -> std::io::Result<()> {
    let lang = opts.lang;
    let blocks = blocks(entries, opts, info)?;
    writeln!(out, "# {}\n", md(title))?;
    writeln!(out, "{}\n", md(&byline(info, lang)))?;
    writeln!(
        out,
        "| # | {} | {} | {} |",
        Text::Intervention.get(lang),
        Text::BriefForWhom.get(lang),
        Text::BriefEvidence.get(lang)
    )?;
    writeln!(out, "|---|---|---|---|")?;
    for (n, b) in blocks.iter().enumerate() {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            n + 1,
            md(&b.name),
            md(&b.for_whom),
            md(&b.evidence)
        )?;
    }
    writeln!(out)?;
    let field = |out: &mut dyn Write, label: Text, value: &str| -> std::io::Result<()> {
        writeln!(out, "**{}.** {}\n", label.get(lang), md(value))
    };
    for (n, b) in blocks.iter().enumerate() {
        writeln!(out, "## {}. {}\n", n + 1, md(&b.name))?;
        field(&mut out, Text::BriefWhat, &b.what)?;
        field(&mut out, Text::BriefForWhom, &b.for_whom)?;
        field(&mut out, Text::BriefAsks, &b.asks)?;
        field(&mut out, Text::BriefProvider, &b.provider)?;
        if !b.website.is_empty() {
            // An autolink: readers show it as a link and nothing in it needs escaping.
            writeln!(
                out,
                "**{}.** <{}>\n",
                Text::BriefMoreInfo.get(lang),
                b.website
            )?;
        }
        field(&mut out, Text::BriefEvidence, &b.evidence)?;
        if let Some(note) = &b.note {
            for (i, line) in note.lines().enumerate() {
                if i == 0 {
                    writeln!(out, "> **{}:** {}", Text::ShortlistNote.get(lang), md(line))?;
                } else {
                    writeln!(out, "> {}", md(line))?;
                }
            }
            writeln!(out)?;
        }
    }
    writeln!(out, "---\n\n_{}_", md(&source_line(opts)))?;
    Ok(())
}

/// Escape text for HTML element content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Only web addresses become links; anything else (a `javascript:` URL in a hostile database)
/// is shown as text.
fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The stylesheet, inline: the file must open offline and look the same when mailed on. The
/// print rules keep a block on one page and fit four blocks on two A4 pages.
const STYLE: &str = "
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif;
  font-size: 11pt; line-height: 1.4; color: #1a1a1a; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
.byline { color: #555; margin: 0 0 1.2em; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1.5em; font-size: .92em; }
th, td { text-align: left; vertical-align: top; padding: .3em .5em; border-bottom: 1px solid #ccc; }
th { border-bottom: 2px solid #444; }
section { margin: 0 0 1.2em; }
h2 { font-size: 1.15em; margin: 0 0 .4em; padding-top: .6em; border-top: 1px solid #ddd; }
dl { display: grid; grid-template-columns: 9.5em 1fr; gap: .2em .8em; margin: 0; }
dt { font-weight: 600; color: #333; }
dd { margin: 0; }
a { color: #0645ad; overflow-wrap: anywhere; }
.note { margin: .5em 0 0; padding: .3em .6em; border-left: 3px solid #999; background: #f4f4f4; white-space: pre-wrap; }
footer { margin-top: 2em; color: #555; font-size: .85em; }
@page { size: A4; margin: 16mm 15mm; }
@media print {
  body { font-size: 9.5pt; margin: 0; max-width: none; padding: 0; }
  section { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  table { break-inside: avoid; }
}
";

/// The brief as one self-contained HTML file: inline style, no scripts, no external assets.
pub fn write_html(
    title: &str,
    entries: impl Entries,
    opts: &Options<'_>,
    info: &BriefInfo,
    mut out: impl Write,
) -> std::io::Result<()> {
    let lang = opts.lang;
    let e = html_escape;
    let blocks = blocks(entries, opts, info)?;
    let lang_code = match lang {
        Lang::Nl => "nl",
        Lang::En => "en",
    };
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"{lang_code}\">\n<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    // No requests at all, even if someone edits the file later to add one by mistake.
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    )?;
    writeln!(out, "<title>{}</title>", e(title))?;
    writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<header>\n<h1>{}</h1>", e(title))?;
    writeln!(
        out,
        "<p class=\"byline\">{}</p>\n</header>",
        e(&byline(info, lang))
    )?;
    writeln!(
        out,
        "<table>\n<thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        Text::Intervention.get(lang),
        Text::BriefForWhom.get(lang),
        Text::BriefEvidence.get(lang)
    )?;
    for (n, b) in blocks.iter().enumerate() {
        writeln!(
            out,
            "<tr><td>{}</td><td><a href=\"#i{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
            n + 1,
            n + 1,
            e(&b.name),
            e(&b.for_whom),
            e(&b.evidence)
        )?;
    }
    writeln!(out, "</tbody>\n</table>")?;
    for (n, b) in blocks.iter().enumerate() {
        writeln!(out, "<section id=\"i{}\">", n + 1)?;
        writeln!(out, "<h2>{}. {}</h2>\n<dl>", n + 1, e(&b.name))?;
        let mut field = |label: Text, value: &str| {
            writeln!(out, "<dt>{}</dt><dd>{}</dd>", label.get(lang), value)
        };
        field(Text::BriefWhat, &e(&b.what))?;
        field(Text::BriefForWhom, &e(&b.for_whom))?;
        field(Text::BriefAsks, &e(&b.asks))?;
        field(Text::BriefProvider, &e(&b.provider))?;
        if is_web_address(&b.website) {
            let link = format!("<a href=\"{0}\">{0}</a>", e(&b.website));
            field(Text::BriefMoreInfo, &link)?;
        } else if !b.website.is_empty() {
            field(Text::BriefMoreInfo, &e(&b.website))?;
        }
        field(Text::BriefEvidence, &e(&b.evidence))?;
        writeln!(out, "</dl>")?;
        if let Some(note) = &b.note {
            writeln!(
                out,
                "<p class=\"note\"><strong>{}:</strong> {}</p>",
                Text::ShortlistNote.get(lang),
                e(note)
            )?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(
        out,
        "<footer>{}</footer>\n</body>\n</html>",
        e(&source_line(opts))
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::export::fixtures;

    fn info(notes: bool) -> BriefInfo {
        BriefInfo {
            date: "2026-03-05".into(),
            place: "Utrecht".into(),
            author: "A. de Vries".into(),
            notes,
        }
    }

    fn md_of(lang: Lang, notes: bool) -> String {
        let opts = fixtures::opts(lang);
        let items = fixtures::items();
        let entries: Vec<(&Intervention, Option<&str>)> = vec![
            (&items[0], Some("privé: vragen naar kosten")),
            (&items[1], None),
        ];
        let mut buf = Vec::new();
        write_md("Sessie maart", &entries, &opts, &info(notes), &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn the_brief_speaks_plain_dutch_and_leaves_private_notes_out() {
        let md = md_of(Lang::Nl, false);
        assert!(md.starts_with(
            "# Sessie maart\n\n5 maart 2026 · Utrecht · opgesteld door A. de Vries\n"
        ));
        assert!(md.contains("| 1 | Rots en Water | Jongeren, Eerstelijnsprofessionals (breed) | erkend als goed onderbouwd (2016, ouder dan 5 jaar) |"), "{md}");
        assert!(md.contains("## 1. Rots en Water\n"));
        assert!(md.contains("**Aanbieder.** Gadaku Instituut\n"));
        assert!(md.contains("**Meer informatie.** <https://example.org/rots-en-water>"));
        assert!(md.contains("**Onderbouwing.** geen erkenning bekend"));
        assert!(md.contains("Duur: onbekend. Kosten: onbekend."));
        // No jargon from the full record, no badge, no private note.
        for jargon in ["Niveau", "Preventie", "Dimensies", "●", "privé"] {
            assert!(!md.contains(jargon), "{jargon} in {md}");
        }
        assert!(md.contains("Bron: Testinventaris 2025.2 (gegevens per 2025-11-01)"));
    }

    #[test]
    fn notes_appear_only_when_asked_for_and_english_is_english() {
        assert!(md_of(Lang::Nl, true).contains("> **Notitie:** privé: vragen naar kosten"));
        let en = md_of(Lang::En, false);
        assert!(en.contains("5 March 2026 · Utrecht · prepared by A. de Vries"));
        assert!(en.contains("**What it is.**"));
        assert!(en.contains("recognised as well founded (2016, older than 5 years)"));
        assert!(en.contains("no recognition known"));
        assert!(!en.contains("onbekend"), "{en}");
    }

    #[test]
    fn evidence_reads_as_a_phrase_for_every_level() {
        let ev = |level: &str, year| Evidence {
            level: level.into(),
            year,
            ..Evidence::default()
        };
        let words = |e: &Evidence| evidence_in_words(e, Lang::Nl, 2022);
        assert_eq!(
            words(&ev("goed-onderbouwd", Some(2020))),
            "erkend als goed onderbouwd (2020)"
        );
        assert_eq!(
            words(&ev("sterke-aanwijzingen", None)),
            "erkend als effectief volgens sterke aanwijzingen"
        );
        assert_eq!(
            words(&ev("goed-beschreven", Some(2021))),
            "beoordeeld als goed beschreven (2021)"
        );
        assert_eq!(
            words(&ev("niet-erkend", Some(2019))),
            "beoordeeld en niet erkend (2019)"
        );
        assert_eq!(
            words(&ev("niet-beoordeeld", None)),
            "niet beoordeeld door een erkenningscommissie"
        );
        assert_eq!(words(&ev("onbekend", None)), "geen erkenning bekend");
        assert_eq!(words(&ev("", None)), "geen erkenning bekend");
    }

    #[test]
    fn the_html_is_self_contained_and_escaped() {
        let opts = fixtures::opts(Lang::Nl);
        let mut items = fixtures::items();
        items[1].sources = vec![crate::core::model::Source {
            url: "javascript:alert(1)".into(),
            ..Default::default()
        }];
        let entries: Vec<(&Intervention, Option<&str>)> =
            vec![(&items[0], None), (&items[1], None)];
        let mut buf = Vec::new();
        write_html("Sessie <maart>", &entries, &opts, &info(false), &mut buf).unwrap();
        let html = String::from_utf8(buf).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
        assert!(html.contains("<title>Sessie &lt;maart&gt;</title>"));
        assert!(html.contains("@media print"));
        assert!(html.contains("<a href=\"https://example.org/rots-en-water\">"));
        // A script URL is shown, never linked; nothing is fetched from elsewhere.
        assert!(!html.contains("href=\"javascript"));
        for external in ["<script", "<link", "src=", "@import", "url("] {
            assert!(!html.contains(external), "{external}");
        }
        assert!(html.contains("=HYPERLINK(&quot;x&quot;)"));
        assert!(html.trim_end().ends_with("</html>"));
    }
}
