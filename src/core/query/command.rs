//! The `weerbaar list …` command line that reproduces a query: what the explorer copies and
//! saves with a view, and what names an export of a search. It lives with the query, not in the
//! CLI, because both faces use it; the flags it writes are the ones `cli::filters` parses.

use crate::core::query::{Query, Sort};

/// The `weerbaar list …` command line that reproduces a query (search, filters, sort), quoted
/// for a POSIX shell. The flags are the ones `FilterArgs` parses: each facet group's id.
pub fn command_line(query: &Query, db: Option<&std::path::Path>) -> String {
    let mut args: Vec<String> = vec!["weerbaar".into()];
    if let Some(db) = db {
        args.push("--db".into());
        args.push(shell_quote(&db.to_string_lossy()));
    }
    args.push("list".into());
    if !query.text.trim().is_empty() {
        args.push("-q".into());
        args.push(shell_quote(query.text.trim()));
    }
    for (group, values) in &query.filters {
        for v in values {
            args.push(format!("--{}", group.id()));
            args.push(shell_quote(v));
        }
    }
    if let Some(min) = &query.min_evidence {
        args.push("--min-evidence".into());
        args.push(shell_quote(min));
    }
    if query.sort != Sort::default() {
        args.push("--sort".into());
        args.push(query.sort.id().into());
    }
    args.join(" ")
}

/// The name of an export of a search's results: the inventory's `title` when nothing is
/// searched or filtered, else the `weerbaar list …` command line that reproduces them.
pub fn selection_title(title: &str, query: &Query, db: Option<&std::path::Path>) -> String {
    if *query == Query::default() {
        title.to_string()
    } else {
        command_line(query, db)
    }
}

/// Quote a word for a POSIX shell when it needs it.
pub fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,@+%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}
