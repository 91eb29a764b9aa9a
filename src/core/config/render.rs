//! The effective configuration written out as TOML, every setting with its allowed values in a
//! comment, so `weerbaar config show > FILE` is a complete, valid starting point.

use crate::core::model::{FacetGroup, Lang};
use crate::core::query::Sort;

use super::keys::CHORD_SYNTAX;
use super::{Action, Config, Context, Preset, Theme};
use crate::core::export::Format;

/// TOML for `config` with `language` resolved to `lang` (the language in effect).
pub fn render(config: &Config, lang: Lang) -> String {
    let ids = |v: &[&str]| v.join(" | ");
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&format!("# Interface language: {}", ids(&["nl", "en"])));
    line(&format!(
        "language = {}",
        quote(match lang {
            Lang::Nl => "nl",
            Lang::En => "en",
        })
    ));
    line(&format!(
        "# Colours of the explorer: {}",
        ids(&Theme::ALL.map(Theme::id))
    ));
    line(&format!("theme = {}", quote(config.theme.id())));
    line(&format!(
        "# Order of the results: {}",
        ids(&Sort::ALL.map(Sort::id))
    ));
    line(&format!("sort = {}", quote(config.sort.id())));
    line("");
    line("[export]");
    line(&format!(
        "# Format when neither --format nor the file name says: {}",
        ids(&Format::ALL.map(Format::id))
    ));
    match config.export_format {
        Some(format) => line(&format!("format = {}", quote(format.id()))),
        None => line("# format = \"xlsx\"    (left out: ask for one)"),
    }
    line("# Folder for exports (~/ is your home folder); left out: the current folder");
    match &config.export_folder {
        Some(folder) => line(&format!("folder = {}", quote(folder))),
        None => line("# folder = \"~/Documenten/weerbaar\""),
    }
    line("");
    line("[facets]");
    line(&format!(
        "# Facet groups shown, in this order; any of: {}",
        FacetGroup::ALL.map(FacetGroup::id).join(", ")
    ));
    line(&format!(
        "groups = {}",
        list(config.facets.iter().map(|g| g.id()))
    ));
    line("");
    line("[keys]");
    line(&format!(
        "# Start from: {} (arrows: move with the arrow, page and home/end keys only)",
        ids(&Preset::ALL.map(Preset::id))
    ));
    line(&format!("preset = {}", quote(config.key_preset.id())));
    line("# Then any action = \"key\" or [\"key\", …] replaces that action's keys.");
    line(&format!("# A key is {CHORD_SYNTAX}."));
    line("# ctrl-c always quits. The main screen's keys in effect (older files put these rows in");
    line("# [keys] itself, which still works unless a [keys.<context>] table has the same name):");
    line("[keys.browse]");
    let bindings = config.bindings();
    for action in Action::ALL {
        let keys: Vec<String> = bindings
            .keys(action)
            .iter()
            .map(|k| k.to_string())
            .collect();
        line(&format!(
            "{} = {}",
            action.id(),
            list(keys.iter().map(String::as_str))
        ));
    }
    line("");
    line(&format!(
        "# The other contexts' keys: a [keys.<context>] table for {}, with",
        ids(&Context::ALL[1..].iter().map(|c| c.id()).collect::<Vec<_>>())
    ));
    line("# action = \"key\" rows over that context's defaults (`weerbaar` shows them with `?`).");
    for (context, patch) in &config.key_patches {
        line(&format!("[keys.{}]", context.id()));
        for (command, keys) in patch {
            let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            line(&format!(
                "{} = {}",
                command.id(),
                list(keys.iter().map(String::as_str))
            ));
        }
    }
    out
}

/// A TOML basic string, escaped.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    format!("[{}]", items.map(quote).collect::<Vec<_>>().join(", "))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use super::*;
    use crate::core::config::{Chord, parse};

    #[test]
    fn the_defaults_written_out_read_back_as_the_defaults() {
        let text = render(&Config::default(), Lang::Nl);
        let loaded = parse(&text, Path::new("shown.toml"));
        assert_eq!(loaded.problems, vec![], "{text}");
        let expected = Config {
            language: Some(Lang::Nl),
            ..Config::default()
        };
        // The overrides spell out the preset; the keys in effect are what must match.
        assert_eq!(loaded.config.bindings(), expected.bindings());
        assert_eq!(
            Config {
                key_overrides: BTreeMap::new(),
                ..loaded.config
            },
            expected
        );
    }

    #[test]
    fn every_setting_survives_a_round_trip() {
        let config = Config {
            language: Some(Lang::En),
            theme: Theme::HighContrast,
            sort: Sort::Name,
            export_format: Some(Format::CsvNl),
            export_folder: Some("~/my \"exports\"".to_string()),
            facets: vec![FacetGroup::Provider, FacetGroup::Evidence],
            key_preset: Preset::Arrows,
            key_overrides: BTreeMap::from([(
                Action::Compare,
                vec![
                    Chord::parse("ctrl-k").unwrap_or(Chord::CTRL_C),
                    Chord::plain(super::super::Key::Char('"')),
                ],
            )]),
            key_patches: BTreeMap::from([(
                Context::Compare,
                BTreeMap::from([(
                    super::super::Command::Quit,
                    vec![Chord::plain(super::super::Key::Char('x'))],
                )]),
            )]),
        };
        let text = render(&config, Lang::En);
        let loaded = parse(&text, Path::new("shown.toml"));
        assert_eq!(loaded.problems, vec![], "{text}");
        assert_eq!(loaded.config.bindings(), config.bindings());
        assert_eq!(loaded.config.export_folder, config.export_folder);
        assert_eq!(loaded.config.facets, config.facets);
        assert_eq!(loaded.config.export_format, config.export_format);
        assert_eq!(loaded.config.theme, config.theme);
        assert_eq!(loaded.config.sort, config.sort);
        assert_eq!(loaded.config.key_patches, config.key_patches);
        assert!(text.contains("compare = [\"ctrl-k\", '\"']"), "{text}");
        assert!(text.contains("down = [\"down\"]"), "{text}");
    }
}
