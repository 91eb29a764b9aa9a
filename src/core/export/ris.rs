//! RIS (the tagged format every reference manager imports, Zotero included): per intervention
//! its sources as web pages (`ELEC`, with `UR` and the access date `Y2`) and its studies as
//! generic references (`GEN`, with `PY`), each with a note (`N1`) naming the intervention, its
//! provider, evidence level, working elements, the shortlist note and the inventory's version
//! and date. See `references` for which records are made. CRLF line ends, UTF-8.

use std::io::Write;

use super::references::{Kind, references};
use super::{Entries, Options};

fn tag(out: &mut impl Write, tag: &str, value: &str) -> std::io::Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    write!(out, "{tag}  - {value}\r\n")
}

pub fn write(
    entries: impl Entries,
    opts: &Options<'_>,
    mut out: impl Write,
) -> std::io::Result<()> {
    for entry in entries.into_entries() {
        for r in references(&entry?, opts) {
            let ty = match r.kind {
                Kind::Webpage => "ELEC",
                Kind::Study | Kind::Intervention => "GEN",
            };
            tag(&mut out, "TY", ty)?;
            for a in &r.authors {
                tag(&mut out, "AU", a)?;
            }
            tag(&mut out, "TI", &r.title)?;
            // The intervention the source or study is about, as the secondary title.
            tag(&mut out, "T2", &r.intervention)?;
            tag(&mut out, "UR", &r.url)?;
            // RIS dates are YYYY/MM/DD.
            tag(&mut out, "Y2", &r.accessed.replace('-', "/"))?;
            if let Some(y) = r.year {
                tag(&mut out, "PY", &y.to_string())?;
            }
            // Zotero's web page type has no publisher or archive: the note names both there.
            if r.kind != Kind::Webpage {
                tag(&mut out, "PB", &r.publisher)?;
                tag(&mut out, "DB", &r.database)?;
            }
            tag(&mut out, "AB", &r.summary)?;
            for k in &r.keywords {
                tag(&mut out, "KW", k)?;
            }
            tag(&mut out, "N1", &r.note)?;
            write!(out, "ER  - \r\n\r\n")?;
        }
    }
    out.flush()
}

/// A small RIS reader for tests: records as lists of (tag, value).
#[cfg(test)]
pub(crate) fn parse(text: &str) -> Vec<Vec<(String, String)>> {
    let mut records = Vec::new();
    let mut current = Vec::new();
    for line in text.split("\r\n") {
        if line.is_empty() {
            continue;
        }
        let (tag, value) = line
            .split_once("  - ")
            .or_else(|| line.strip_suffix("  -").map(|t| (t, "")))
            .unwrap_or_else(|| panic!("not a RIS line: {line:?}"));
        assert!(
            tag.len() == 2
                && tag
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
            "bad tag {tag:?}"
        );
        if tag == "ER" {
            records.push(std::mem::take(&mut current));
        } else {
            current.push((tag.to_string(), value.to_string()));
        }
    }
    assert!(current.is_empty(), "record without ER");
    records
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::export::fixtures;
    use crate::core::model::{Intervention, Lang};

    fn get<'a>(rec: &'a [(String, String)], tag: &str) -> Vec<&'a str> {
        rec.iter()
            .filter(|(t, _)| t == tag)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    #[test]
    fn sources_and_studies_parse_back_as_tagged_records() {
        let opts = fixtures::opts(Lang::Nl);
        let items = fixtures::items();
        let entries: Vec<(&Intervention, Option<&str>)> =
            vec![(&items[0], Some("voor de sessie")), (&items[1], None)];
        let mut buf = Vec::new();
        write(&entries, &opts, &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let recs = parse(&text);
        assert_eq!(recs.len(), 3);

        let web = &recs[0];
        assert_eq!(web[0], ("TY".into(), "ELEC".into()));
        assert_eq!(get(web, "UR"), ["https://example.org/rots-en-water"]);
        assert_eq!(get(web, "Y2"), ["2025/10/15"]);
        assert_eq!(get(web, "TI"), ["Rots en Water — databank"]);
        assert_eq!(get(web, "KW"), ["Polarisatie"]);
        let note = get(web, "N1")[0];
        assert!(note.contains("Erkenning: Goed onderbouwd"), "{note}");
        assert!(
            note.contains("Werkzame elementen: Kennisoverdracht (rollenspel); Ervaringskennis"),
            "{note}"
        );
        assert!(note.contains("Notitie: voor de sessie"), "{note}");
        assert!(
            note.contains("Testinventaris 2025.2 (2025-11-01)"),
            "{note}"
        );

        let study = &recs[1];
        assert_eq!(get(study, "TY"), ["GEN"]);
        assert_eq!(get(study, "PY"), ["2013"]);
        assert_eq!(get(study, "AU"), ["Jansen, A."]);
        assert_eq!(get(study, "TI"), ["Effecten van Rots en Water"]);
        assert_eq!(get(study, "T2"), ["Rots en Water"]);
        assert_eq!(get(web, "T2"), ["Rots en Water"]);
        assert!(!get(study, "N1")[0].contains(".."));
        assert_eq!(get(study, "DB"), ["Testinventaris 2025.2 (2025-11-01)"]);

        let bare = &recs[2];
        assert_eq!(get(bare, "TI"), ["=HYPERLINK(\"x\")"]);
        assert!(get(bare, "UR").is_empty());
    }
}
