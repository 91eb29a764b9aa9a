//! The language of the command line's own messages. Errors are made deep inside commands and in
//! clap's value parsers, far from the `Context`; the language is one setting for the whole
//! process, so it is kept here: set from `--lang` (or `LANG`) before the command line is parsed,
//! and from the full choice (with the configuration) once it is. `tr!` picks the text.
//!
//! clap's own errors (an unknown option, a missing argument) are rendered here in Dutch; in
//! English clap's text is used as it is.

use std::sync::atomic::{AtomicU8, Ordering};

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::core::model::Lang;

static LANG: AtomicU8 = AtomicU8::new(0);

/// The language messages are in now (Dutch until told otherwise).
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Nl,
    }
}

pub fn set_lang(lang: Lang) {
    LANG.store(
        match lang {
            Lang::Nl => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language before the command line is parsed: `--lang X` / `--lang=X` among the
/// arguments, else `LANG`. (A language set only in the configuration applies from the
/// command on; clap's errors come before the configuration is read.)
pub fn early_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next()
        } else {
            a.strip_prefix("--lang=")
        };
        if let Some(lang) = value.and_then(Lang::parse) {
            return lang;
        }
    }
    Lang::from_locale(std::env::var("LANG").ok().as_deref())
}

/// A message in the current language: `tr!("onbekend `{x}`", "unknown `{x}`")`.
#[macro_export]
macro_rules! tr {
    ($nl:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $crate::cli::messages::lang() {
            $crate::core::model::Lang::Nl => format!($nl $(, $arg)*),
            $crate::core::model::Lang::En => format!($en $(, $arg)*),
        }
    };
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        _ => Vec::new(),
    }
}

fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// clap's usage error as one Dutch line, or `None` where clap's own (English) text is kept:
/// help and version output, and kinds a user cannot cause by typing.
pub fn dutch(e: &clap::Error) -> Option<String> {
    let arg = strings(e, ContextKind::InvalidArg);
    let value = strings(e, ContextKind::InvalidValue);
    let valid = strings(e, ContextKind::ValidValue);
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(|k| strings(e, k))
    .collect::<Vec<_>>();
    let hint = if suggested.is_empty() {
        String::new()
    } else {
        format!("; bedoelde je {}?", quoted(&suggested))
    };
    let first = |v: &[String]| v.first().cloned().unwrap_or_default();
    let text = match e.kind() {
        ErrorKind::UnknownArgument => format!("onbekende optie `{}`{hint}", first(&arg)),
        ErrorKind::InvalidSubcommand => format!(
            "onbekend commando `{}`{hint}",
            first(&strings(e, ContextKind::InvalidSubcommand))
        ),
        ErrorKind::InvalidValue if value.first().is_some_and(|v| v.is_empty()) => {
            format!("`{}` heeft een waarde nodig", first(&arg))
        }
        ErrorKind::InvalidValue => {
            let mut t = format!(
                "ongeldige waarde `{}` voor `{}`",
                first(&value),
                first(&arg)
            );
            if !valid.is_empty() {
                t.push_str(&format!("; mogelijk: {}", valid.join(", ")));
            }
            t.push_str(&hint);
            t
        }
        ErrorKind::ValueValidation => {
            // The source is our own parser's message, already in the language.
            let source = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            format!(
                "ongeldige waarde `{}` voor `{}`: {source}",
                first(&value),
                first(&arg)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("ontbreekt: {}", arg.join(", ")),
        ErrorKind::MissingSubcommand => "geef een commando; zie `weerbaar --help`".to_string(),
        ErrorKind::ArgumentConflict => {
            let with = strings(e, ContextKind::PriorArg);
            format!("`{}` gaat niet samen met {}", first(&arg), quoted(&with))
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("verkeerd aantal waarden voor `{}`", first(&arg))
        }
        ErrorKind::NoEquals => format!("`{}` wil een waarde met `=`", first(&arg)),
        _ => return None,
    };
    Some(text)
}
