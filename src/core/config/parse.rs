//! Reading a configuration file's text. The TOML is walked by hand (not deserialised into a
//! struct) so that every problem is reported, with its line, and every valid setting is kept.

use std::collections::BTreeMap;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::core::model::vocab::closest_ids;
use crate::core::model::{FacetGroup, Lang};
use crate::core::query::Sort;
use crate::core::store::draft::LineIndex;

use super::keys::CHORD_SYNTAX;
use super::{Action, Chord, Config, Context, Loaded, Preset, Problem, Theme};
use crate::core::export::Format;

type Value<'i> = Spanned<DeValue<'i>>;

const TOP_KEYS: &[&str] = &["language", "theme", "sort", "export", "facets", "keys"];
const EXPORT_KEYS: &[&str] = &["format", "folder"];
const FACETS_KEYS: &[&str] = &["groups"];

/// Parse a configuration file's text; `file` only labels the problems.
pub fn parse(text: &str, file: &Path) -> Loaded {
    let mut p = Parser {
        file,
        text,
        lines: LineIndex::new(text),
        problems: Vec::new(),
    };
    let mut config = Config::default();
    match DeTable::parse(text) {
        Ok(root) => p.root(root.get_ref(), &mut config),
        Err(e) => {
            let start = e.span().map(|s| s.start).unwrap_or(0);
            let message = e.message().trim().to_string();
            p.at(start, "", format!("not valid TOML: {message}"));
        }
    }
    let mut problems = p.problems;
    problems.sort_by_key(|pr| (pr.line, pr.column));
    Loaded { config, problems }
}

struct Parser<'a> {
    file: &'a Path,
    text: &'a str,
    /// Built once: placing each problem from the start of the text made 100,000 unknown keys
    /// take minutes.
    lines: LineIndex,
    problems: Vec<Problem>,
}

impl Parser<'_> {
    fn at(&mut self, offset: usize, key: &str, message: String) {
        let pos = self.lines.pos(self.text, offset);
        self.problems.push(Problem {
            file: self.file.to_path_buf(),
            line: pos.line,
            column: pos.column,
            key: key.to_string(),
            message,
        });
    }

    fn root(&mut self, root: &DeTable<'_>, config: &mut Config) {
        for (name, value) in root {
            let key = name.get_ref().as_ref();
            match key {
                "language" => {
                    let options = [("nl", Lang::Nl), ("en", Lang::En)];
                    if let Some(lang) = self.choice(key, value, &options) {
                        config.language = Some(lang);
                    }
                }
                "theme" => {
                    let options = Theme::ALL.map(|t| (t.id(), t));
                    if let Some(theme) = self.choice(key, value, &options) {
                        config.theme = theme;
                    }
                }
                "sort" => {
                    let options = Sort::ALL.map(|s| (s.id(), s));
                    if let Some(sort) = self.choice(key, value, &options) {
                        config.sort = sort;
                    }
                }
                "export" => {
                    if let Some(table) = self.table(key, value) {
                        self.export(table, config);
                    }
                }
                "facets" => {
                    if let Some(table) = self.table(key, value) {
                        self.facets(table, config);
                    }
                }
                "keys" => {
                    if let Some(table) = self.table(key, value) {
                        self.keys(table, config);
                    }
                }
                _ => self.unknown_key("", name, TOP_KEYS),
            }
        }
    }

    fn export(&mut self, table: &DeTable<'_>, config: &mut Config) {
        for (name, value) in table {
            match name.get_ref().as_ref() {
                "format" => {
                    let options = Format::ALL.map(|f| (f.id(), f));
                    if let Some(format) = self.choice("export.format", value, &options) {
                        config.export_format = Some(format);
                    }
                }
                "folder" => match value.get_ref().as_str() {
                    Some(s) if !s.trim().is_empty() => config.export_folder = Some(s.to_string()),
                    _ => self.at(
                        value.span().start,
                        "export.folder",
                        "expected a folder name in quotes, e.g. \"~/Documenten/weerbaar\"; leave \
                         it out to export into the current directory"
                            .to_string(),
                    ),
                },
                _ => self.unknown_key("export", name, EXPORT_KEYS),
            }
        }
    }

    fn facets(&mut self, table: &DeTable<'_>, config: &mut Config) {
        let allowed = FacetGroup::ALL.map(FacetGroup::id).join(", ");
        for (name, value) in table {
            if name.get_ref().as_ref() != "groups" {
                self.unknown_key("facets", name, FACETS_KEYS);
                continue;
            }
            let Some(items) = self.strings("facets.groups", value, &allowed) else {
                continue;
            };
            let mut groups = Vec::new();
            for item in items {
                match FacetGroup::from_id(item.get_ref()) {
                    Some(g) if groups.contains(&g) => self.at(
                        item.span().start,
                        "facets.groups",
                        format!("`{}` is listed twice", item.get_ref()),
                    ),
                    Some(g) => groups.push(g),
                    None => self.at(
                        item.span().start,
                        "facets.groups",
                        unknown_value(item.get_ref(), FacetGroup::ALL.map(FacetGroup::id)),
                    ),
                }
            }
            if groups.is_empty() {
                self.at(
                    value.span().start,
                    "facets.groups",
                    format!("list at least one group of: {allowed}; showing all"),
                );
            } else {
                config.facets = groups;
            }
        }
    }

    /// `[keys]`: the preset, the main screen's actions (the older form of `[keys.browse]`) and
    /// a table per context.
    fn keys(&mut self, table: &DeTable<'_>, config: &mut Config) {
        let mut browse: Vec<(&Spanned<std::borrow::Cow<'_, str>>, &Value<'_>)> = Vec::new();
        for (name, value) in table {
            let key = name.get_ref().as_ref();
            if key == "preset" {
                let options = Preset::ALL.map(|p| (p.id(), p));
                if let Some(preset) = self.choice("keys.preset", value, &options) {
                    config.key_preset = preset;
                }
                continue;
            }
            // A table names a context (`[keys.compare]`); anything else a main-screen action,
            // so `search = "/"` and `[keys.search]` both work.
            if let DeValue::Table(sub) = value.get_ref() {
                match Context::from_id(key) {
                    Some(Context::Browse) => browse.extend(sub.iter()),
                    Some(context) => {
                        let allowed: Vec<&str> =
                            context.commands().iter().map(|c| c.id()).collect();
                        let path = format!("keys.{key}");
                        let patch = self.bindings(&path, sub.iter(), &allowed, |id| {
                            context.commands().iter().copied().find(|c| c.id() == id)
                        });
                        config.key_patches.insert(context, patch);
                    }
                    None => {
                        let allowed: Vec<&str> = Context::ALL.map(Context::id).to_vec();
                        self.unknown_key("keys", name, &allowed);
                    }
                }
                continue;
            }
            browse.push((name, value));
        }
        let allowed: Vec<&str> = std::iter::once("preset")
            .chain(Action::ALL.map(Action::id))
            .chain(Context::ALL.map(Context::id))
            .collect();
        config.key_overrides = self.bindings("keys", browse.into_iter(), &allowed, Action::from_id);
    }

    /// `action = "key"` or `[\"key\", …]` rows of one context: unknown actions and keys are
    /// problems (with the names `allowed` there), ctrl-c is quit's only, and a key used twice
    /// keeps its first action. `prefix` is the table's dotted path.
    fn bindings<'v, 'i: 'v, A: Copy + Ord + Into<&'static str>>(
        &mut self,
        prefix: &str,
        rows: impl Iterator<Item = (&'v Spanned<std::borrow::Cow<'i, str>>, &'v Value<'i>)>,
        allowed: &[&str],
        from_id: impl Fn(&str) -> Option<A>,
    ) -> BTreeMap<A, Vec<Chord>> {
        // Collect first, then check clashes in file order (the map iterates alphabetically), so
        // the message points at the second use of a key.
        let mut overrides: Vec<(usize, A, Vec<Spanned<Chord>>)> = Vec::new();
        for (name, value) in rows {
            let key = name.get_ref().as_ref();
            let Some(action) = from_id(key) else {
                self.unknown_key(prefix, name, allowed);
                continue;
            };
            let path = format!("{prefix}.{key}");
            let hint = format!("key names like \"ctrl-d\" or [\"j\", \"down\"]; {CHORD_SYNTAX}");
            let Some(items) = self.strings(&path, value, &hint) else {
                continue;
            };
            let mut chords = Vec::new();
            for item in items {
                match Chord::parse(item.get_ref()) {
                    Ok(chord) if chord == Chord::CTRL_C && action.into() != "quit" => self.at(
                        item.span().start,
                        &path,
                        "ctrl-c always quits and cannot be bound to anything else".to_string(),
                    ),
                    Ok(chord) => chords.push(Spanned::new(item.span(), chord)),
                    Err(message) => self.at(item.span().start, &path, message),
                }
            }
            overrides.push((name.span().start, action, chords));
        }
        overrides.sort_by_key(|(at, _, _)| *at);
        let mut owner: BTreeMap<Chord, A> = BTreeMap::new();
        let mut out = BTreeMap::new();
        for (_, action, chords) in overrides {
            let mut kept = Vec::new();
            for chord in chords {
                let c = *chord.get_ref();
                match owner.get(&c) {
                    Some(other) if *other != action => self.at(
                        chord.span().start,
                        &format!("{prefix}.{}", action.into()),
                        format!(
                            "`{c}` is already bound to `{}` in this file",
                            (*other).into()
                        ),
                    ),
                    Some(_) => {}
                    None => {
                        owner.insert(c, action);
                        kept.push(c);
                    }
                }
            }
            out.insert(action, kept);
        }
        out
    }

    /// A string that must be one of `options`.
    fn choice<T: Copy>(
        &mut self,
        key: &str,
        value: &Value<'_>,
        options: &[(&str, T)],
    ) -> Option<T> {
        let ids = options.iter().map(|(id, _)| *id);
        let Some(s) = value.get_ref().as_str() else {
            let allowed = ids.collect::<Vec<_>>().join(", ");
            self.at(
                value.span().start,
                key,
                format!("expected one of these in quotes: {allowed}"),
            );
            return None;
        };
        match options.iter().find(|(id, _)| *id == s) {
            Some((_, v)) => Some(*v),
            None => {
                self.at(value.span().start, key, unknown_value(s, ids));
                None
            }
        }
    }

    /// A table (`[export]` or `export = { … }`).
    fn table<'v, 'i>(&mut self, key: &str, value: &'v Value<'i>) -> Option<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.at(
                    value.span().start,
                    key,
                    format!(
                        "expected a table: write `[{key}]` on its own line with its settings below"
                    ),
                );
                None
            }
        }
    }

    /// A string or a list of strings; `hint` says what they may be.
    fn strings<'v, 'i>(
        &mut self,
        key: &str,
        value: &'v Value<'i>,
        hint: &str,
    ) -> Option<Vec<Spanned<&'v str>>> {
        match value.get_ref() {
            DeValue::String(s) => Some(vec![Spanned::new(value.span(), s.as_ref())]),
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref().as_str() {
                        Some(s) => out.push(Spanned::new(item.span(), s)),
                        None => self.at(
                            item.span().start,
                            key,
                            format!("expected text in quotes; allowed: {hint}"),
                        ),
                    }
                }
                Some(out)
            }
            _ => {
                self.at(
                    value.span().start,
                    key,
                    format!("expected a list of texts in quotes; allowed: {hint}"),
                );
                None
            }
        }
    }

    fn unknown_key(
        &mut self,
        parent: &str,
        name: &Spanned<std::borrow::Cow<'_, str>>,
        allowed: &[&str],
    ) {
        let key = name.get_ref().as_ref();
        let path = if parent.is_empty() {
            key.to_string()
        } else {
            format!("{parent}.{key}")
        };
        let near = closest_ids(key, allowed.iter().copied());
        let hint = match near.first() {
            Some(n) => format!(" (did you mean `{n}`?)"),
            None => String::new(),
        };
        let place = if parent.is_empty() {
            "at the top".to_string()
        } else {
            format!("in [{parent}]")
        };
        self.at(
            name.span().start,
            &path,
            format!(
                "unknown setting{hint}; allowed {place}: {}",
                allowed.join(", ")
            ),
        );
    }
}

/// `unknown value `x` (did you mean `y`?); allowed: a, b, c`.
fn unknown_value<'a>(value: &str, allowed: impl IntoIterator<Item = &'a str>) -> String {
    let allowed: Vec<&str> = allowed.into_iter().collect();
    let near = closest_ids(value, allowed.iter().copied());
    let hint = match near.first() {
        Some(n) => format!(" (did you mean `{n}`?)"),
        None => String::new(),
    };
    format!(
        "unknown value `{value}`{hint}; allowed: {}",
        allowed.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Loaded {
        parse(text, Path::new("config.toml"))
    }

    fn messages(text: &str) -> Vec<String> {
        load(text).problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(load(""), Loaded::default());
        assert_eq!(load("# only a comment\n").config, Config::default());
    }

    #[test]
    fn every_setting_is_read() {
        let loaded = load(
            r#"
language = "en"
theme = "high-contrast"
sort = "evidence"

[export]
format = "xlsx"
folder = "~/exports"

[facets]
groups = ["evidence", "theme"]

[keys]
preset = "arrows"
compare = "C"
quit = ["q", "ctrl-q"]
"#,
        );
        assert_eq!(loaded.problems, vec![]);
        let c = loaded.config;
        assert_eq!(c.language, Some(Lang::En));
        assert_eq!(c.theme, Theme::HighContrast);
        assert_eq!(c.sort, Sort::Evidence);
        assert_eq!(c.export_format, Some(Format::Xlsx));
        assert_eq!(
            c.export_folder(Some(Path::new("/home/ada"))),
            Some(std::path::PathBuf::from("/home/ada/exports"))
        );
        assert_eq!(c.facets, vec![FacetGroup::Evidence, FacetGroup::Theme]);
        assert_eq!(c.key_preset, Preset::Arrows);
        let b = c.bindings();
        assert_eq!(
            b.action(Chord::parse("C").unwrap_or(Chord::CTRL_C)),
            Some(Action::Compare)
        );
        assert_eq!(b.action(Chord::parse("c").unwrap_or(Chord::CTRL_C)), None);
        assert_eq!(b.action(Chord::ctrl('q')), Some(Action::Quit));
    }

    #[test]
    fn a_bad_value_names_file_line_key_and_the_allowed_values_and_keeps_the_rest() {
        let loaded = load("sort = \"name\"\ntheme = \"darkk\"\n");
        assert_eq!(
            loaded
                .problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>(),
            vec![
                "config.toml:2:9: `theme`: unknown value `darkk` (did you mean `dark`?); \
                 allowed: dark, light, high-contrast"
            ]
        );
        assert_eq!(loaded.config.theme, Theme::Dark);
        assert_eq!(
            loaded.config.sort,
            Sort::Name,
            "the valid line still counts"
        );
    }

    #[test]
    fn unknown_keys_are_named_with_the_keys_allowed_there() {
        let m = messages("colour = \"dark\"\n[export]\nformaat = \"csv\"\n");
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(
            m[0].starts_with(
                "config.toml:1:1: `colour`: unknown setting; allowed at the top: language, theme"
            ),
            "{}",
            m[0]
        );
        assert!(
            m[1].starts_with("config.toml:3:1: `export.formaat`: unknown setting (did you mean `format`?); allowed in [export]: format, folder"),
            "{}",
            m[1]
        );
    }

    #[test]
    fn wrong_types_say_what_was_expected() {
        let m = messages("theme = 3\nexport = \"csv\"\n[facets]\ngroups = \"theme\"\n");
        assert!(
            m[0].contains("`theme`: expected one of these in quotes: dark, light, high-contrast"),
            "{m:?}"
        );
        assert!(m[1].contains("`export`: expected a table"), "{m:?}");
        // A single string is accepted as a one-item list.
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(
            load("[facets]\ngroups = \"theme\"\n").config.facets,
            vec![FacetGroup::Theme]
        );
    }

    #[test]
    fn facet_groups_keep_the_valid_ones_and_never_end_up_empty() {
        let loaded = load("[facets]\ngroups = [\"theme\", \"thema\", \"theme\"]\n");
        let m: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(loaded.config.facets, vec![FacetGroup::Theme]);
        assert!(m[0].contains("2:20: `facets.groups`: unknown value `thema` (did you mean `theme`?); allowed: theme, target-group"), "{m:?}");
        assert!(
            m[1].contains("2:29: `facets.groups`: `theme` is listed twice"),
            "{m:?}"
        );
        let empty = load("[facets]\ngroups = []\n");
        assert_eq!(empty.config.facets, FacetGroup::ALL.to_vec());
        assert_eq!(empty.problems.len(), 1);
    }

    #[test]
    fn every_context_takes_a_patch_and_unknown_names_say_what_is_allowed() {
        let loaded = load(
            "[keys.compare]\nquit = \"x\"\nteleport = \"t\"\n[keys.kitchen]\nquit = \"q\"\n\
             [keys.browse]\nsort = \"s\"\n[keys.matrix]\nclose-view = \"ctrl-c\"\n",
        );
        let m: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(
            m[0].starts_with(
                "config.toml:3:1: `keys.compare.teleport`: unknown setting; allowed in \
                 [keys.compare]: up, down, page-up"
            ),
            "{m:?}"
        );
        assert!(
            m[1].starts_with("config.toml:4:7: `keys.kitchen`: unknown setting")
                && m[1].contains("browse, search, help, shortlists, export, input, confirm"),
            "{m:?}"
        );
        assert!(
            m[2].contains("9:14: `keys.matrix.close-view`: ctrl-c always quits"),
            "{m:?}"
        );
        let x = Chord::plain(crate::core::config::Key::Char('x'));
        assert_eq!(
            loaded.config.key_patches.get(&Context::Compare),
            Some(&BTreeMap::from([(
                crate::core::config::Command::Quit,
                vec![x]
            )]))
        );
        assert_eq!(
            loaded
                .config
                .bindings()
                .action(Chord::plain(crate::core::config::Key::Char('s'))),
            Some(Action::Sort)
        );
    }

    #[test]
    fn key_problems_point_at_the_key_and_the_rest_still_applies() {
        let loaded = load(
            "[keys]\nsort = [\"pgdn\", \"S\"]\ncompare = \"S\"\nexport = \"ctrl-c\"\nteleport = \"t\"\n",
        );
        let m: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(m.len(), 4, "{m:?}");
        assert!(
            m[0].starts_with("config.toml:2:9: `keys.sort`: unknown key `pgdn`"),
            "{m:?}"
        );
        assert!(
            m[1].starts_with("config.toml:3:11: `keys.compare`: `S` is already bound to `sort`"),
            "{m:?}"
        );
        assert!(
            m[2].contains("4:10: `keys.export`: ctrl-c always quits"),
            "{m:?}"
        );
        assert!(
            m[3].contains("5:1: `keys.teleport`: unknown setting"),
            "{m:?}"
        );
        assert!(
            m[3].contains("allowed in [keys]: preset, search, up, down, pane-left"),
            "{m:?}"
        );
        let b = loaded.config.bindings();
        assert_eq!(
            b.action(Chord::parse("S").unwrap_or(Chord::CTRL_C)),
            Some(Action::Sort)
        );
    }

    #[test]
    fn broken_toml_is_one_problem_and_all_defaults() {
        let loaded = load("theme = \"light\"\nsort = \n");
        assert_eq!(loaded.config, Config::default());
        assert_eq!(loaded.problems.len(), 1);
        let p = &loaded.problems[0];
        assert_eq!((p.line, p.key.as_str()), (2, ""));
        assert!(p.to_string().starts_with("config.toml:2:"), "{p}");
        assert!(p.message.starts_with("not valid TOML: "), "{p}");
    }
}
