//! A one-line citation of an intervention, for pasting into a report or a mail: its name, its
//! providers, its main web page and the date that page was checked (the access date), then the
//! inventory it comes from. The explorer copies it with `y`.

use crate::core::i18n::Text;
use crate::core::model::{Intervention, Lang};
use crate::core::store::Metadata;

/// `Rots en Water. Gadaku Instituut. https://… (geraadpleegd op 2026-11-21). In: <inventory> <version>.`
/// Parts that are unknown are left out rather than guessed; without a source the access date is
/// the inventory's date.
pub fn citation(item: &Intervention, metadata: &Metadata, lang: Lang) -> String {
    let mut parts = vec![end_with_period(item.name.trim())];
    let providers = item
        .providers
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    if !providers.is_empty() {
        parts.push(end_with_period(&providers));
    }
    let source = item.sources.iter().find(|s| !s.url.trim().is_empty());
    let accessed = source
        .map(|s| s.checked.trim())
        .filter(|d| !d.is_empty())
        .unwrap_or(metadata.date.trim());
    let when = format!("({} {accessed}).", Text::AccessedOn.get(lang));
    match source {
        Some(s) => parts.push(format!("{} {when}", s.url.trim())),
        None => parts.push(when),
    }
    parts.push(format!(
        "{} {} {}.",
        Text::CitationIn.get(lang),
        metadata.title.trim(),
        metadata.version.trim()
    ));
    // One line: a name or provider with a line break would break the paste.
    parts
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn end_with_period(s: &str) -> String {
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Source;

    fn metadata() -> Metadata {
        Metadata {
            title: "weerbaar".into(),
            version: "2026.11.0".into(),
            date: "2026-11-21".into(),
            licence: String::new(),
            source: String::new(),
        }
    }

    fn item() -> Intervention {
        Intervention {
            id: "rots-en-water".into(),
            name: "Rots en Water".into(),
            providers: vec!["Gadaku Instituut".into(), "Stichting X".into()],
            sources: vec![
                Source {
                    url: "https://www.rotsenwater.nl/".into(),
                    title: "Rots en Water".into(),
                    checked: "2026-10-02".into(),
                    supports: Vec::new(),
                },
                Source {
                    url: "https://example.org/".into(),
                    title: "Other".into(),
                    checked: "2026-01-01".into(),
                    supports: Vec::new(),
                },
            ],
            ..Intervention::default()
        }
    }

    #[test]
    fn names_provider_url_and_access_date_in_one_line() {
        assert_eq!(
            citation(&item(), &metadata(), Lang::Nl),
            "Rots en Water. Gadaku Instituut; Stichting X. https://www.rotsenwater.nl/ \
             (geraadpleegd op 2026-10-02). In: weerbaar 2026.11.0."
        );
        assert!(citation(&item(), &metadata(), Lang::En).contains("(accessed 2026-10-02)"));
    }

    #[test]
    fn unknown_parts_are_left_out_not_guessed() {
        let bare = Intervention {
            name: "Naamloos\nproject?".into(),
            providers: vec![" ".into()],
            ..item()
        };
        let bare = Intervention {
            sources: Vec::new(),
            ..bare
        };
        assert_eq!(
            citation(&bare, &metadata(), Lang::En),
            "Naamloos project? (accessed 2026-11-21). In: weerbaar 2026.11.0."
        );
    }
}
