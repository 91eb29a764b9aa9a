//! `weerbaar export (--shortlist NAME | filters) --format F [-o FILE] [--force]`: a shortlist
//! (with its notes) or a search, written in one of the export formats. Text formats go to
//! stdout without `-o`; a file is written atomically and never replaces an existing one
//! without `--force`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::core::atomic;
use crate::core::export::stream::Wanted;
use crate::core::export::{self, Format, Options};
use crate::core::i18n::Text;
use crate::core::shortlist::{ShortlistError, inventory_key};

use super::filters::selection_title;
use super::shortlist::{load, storage};
use super::{CliError, Context, FilterArgs};

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Export this shortlist, with its notes, instead of a search.
    #[arg(long, value_name = "NAME", add = clap_complete::ArgValueCandidates::new(super::complete::shortlist_names))]
    pub shortlist: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// csv, csv-nl (Dutch Excel), xlsx, json, md, html (the brief), ris or csl-json (default: from the -o name).
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub format: Option<Format>,
    /// For md: `brief` (a handout in plain words) or `full` (the whole record, the default).
    #[arg(long, value_name = "brief|full", value_parser = parse_style)]
    pub style: Option<Style>,
    /// csv, csv-nl, xlsx: vocabulary labels instead of ids, and headers in the interface's
    /// language (Dutch by default, English with --lang en).
    #[arg(long)]
    pub labels: bool,
    /// Put the shortlist's notes in the brief (they are left out unless asked for).
    #[arg(long)]
    pub notes: bool,
    /// The brief's author line ("opgesteld door …").
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// The brief's place ("Utrecht").
    #[arg(long, value_name = "PLACE")]
    pub place: Option<String>,
    /// Write to this file instead of stdout (required for xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

fn format_list() -> String {
    Format::ALL
        .iter()
        .map(|f| f.id())
        .collect::<Vec<_>>()
        .join(", ")
}

/// How much of each record an md export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Brief,
    Full,
}

fn parse_style(s: &str) -> Result<Style, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "brief" | "kort" => Ok(Style::Brief),
        "full" | "volledig" => Ok(Style::Full),
        _ => Err(crate::tr!(
            "onbekende stijl `{s}`; kies brief of full",
            "unknown style `{s}`; use brief or full"
        )),
    }
}

/// The format a style asks for: the brief of md is md-brief, html is always a brief.
fn styled(format: Format, style: Option<Style>) -> Result<Format, CliError> {
    match (format, style) {
        (_, None) => Ok(format),
        (Format::Md | Format::MdBrief, Some(Style::Brief)) => Ok(Format::MdBrief),
        (Format::Md | Format::MdBrief, Some(Style::Full)) => Ok(Format::Md),
        (Format::Html, Some(Style::Brief)) => Ok(Format::Html),
        (f, Some(_)) => Err(CliError::Usage(crate::tr!(
            "--style is voor md (brief of full) en html (altijd brief), niet voor {}",
            "--style is for md (brief or full) and html (always brief), not {}",
            f.id()
        ))),
    }
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_id(s).ok_or_else(|| {
        crate::tr!(
            "onbekend formaat `{s}`; kies uit {}",
            "unknown format `{s}`; use {}",
            format_list()
        )
    })
}

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<(), CliError> {
    let configured = ctx.run.config.export_format;
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        // The configured format wins when the name fits it (csv-nl for `x.csv`, csl-json for
        // `x.json`); otherwise the name decides, and the configuration only when it cannot.
        (None, Some(path)) => configured
            .filter(|f| {
                path.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case(f.extension()))
            })
            .or_else(|| Format::from_path(path))
            .or(configured)
            .ok_or_else(|| {
                CliError::Usage(crate::tr!(
                    "uit `{}` blijkt het formaat niet; geef --format ({})",
                    "cannot tell the format from `{}`; give --format ({})",
                    path.display(),
                    format_list()
                ))
            })?,
        (None, None) => match configured {
            Some(f) => f,
            None => {
                return Err(CliError::Usage(crate::tr!(
                    "geef --format ({}), of zet `format` onder [export] in de configuratie",
                    "give --format ({}), or set `format` under [export] in the configuration",
                    format_list()
                )));
            }
        },
    };
    let format = styled(format, args.style)?;
    let brief = matches!(format, Format::MdBrief | Format::Html);
    if !brief && (args.notes || args.author.is_some() || args.place.is_some()) {
        return Err(CliError::Usage(crate::tr!(
            "--notes, --author en --place zijn voor de brief (--style brief of --format html)",
            "--notes, --author and --place are for the brief (--style brief or --format html)"
        )));
    }
    if args.labels && !matches!(format, Format::Csv | Format::CsvNl | Format::Xlsx) {
        return Err(CliError::Usage(crate::tr!(
            "--labels is voor csv, csv-nl en xlsx, niet voor {}",
            "--labels is for csv, csv-nl and xlsx, not {}",
            format.id()
        )));
    }
    let info = export::brief::BriefInfo {
        date: crate::core::model::today(),
        place: args.place.clone().unwrap_or_default(),
        author: args.author.clone().unwrap_or_default(),
        notes: args.notes,
    };
    // A `.xlsx` holding CSV (or the reverse) opens as garbage in every reader: refuse a name
    // whose known extension belongs to another format.
    if let Some(path) = &args.output
        && let Some(named) = Format::from_path(path)
        && named.extension() != format.extension()
    {
        return Err(CliError::Usage(crate::tr!(
            "`{}` heeft de naam van een .{}-bestand, maar het formaat is {}; geef een naam op .{}",
            "`{}` is named like a .{} file, but the format is {}; use a name ending in .{}",
            path.display(),
            named.extension(),
            format.id(),
            format.extension()
        )));
    }
    if args.output.is_none() && !format.is_text() {
        return Err(CliError::Usage(crate::tr!(
            "{} is een binair formaat; geef een bestand met -o BESTAND",
            "{} is a binary format; give a file with -o FILE",
            format.id()
        )));
    }
    if args.shortlist.is_some() && !args.filters.is_empty() {
        return Err(CliError::Usage(crate::tr!(
            "--shortlist exporteert de shortlist zoals hij is; dat gaat niet samen met zoeken, filters of --sort",
            "--shortlist exports the shortlist as it is; it cannot be combined with a search, filters or --sort"
        )));
    }
    // Refuse early, before any work; the write itself checks again without a race.
    if let Some(path) = &args.output
        && atomic::would_replace(path)
        && !args.force
    {
        return Err(CliError::Failed(
            atomic::WriteError::Exists(path.clone()).to_string(),
        ));
    }

    let lang = ctx.run.lang;
    let shortlist = match &args.shortlist {
        Some(name) => {
            let book = load(&storage()?)?;
            let key = inventory_key(ctx.run.db.as_deref());
            let lists = book.lists(&key).cloned().unwrap_or_default();
            Some(lists.require(name).map_err(ShortlistError::from)?.clone())
        }
        None => None,
    };
    // The index says which records there are and which the search finds; the records
    // themselves are fetched a chunk at a time while the export is written.
    let (records, index, results, query) = super::list::search_records(ctx, &args.filters)?;
    let (title, wanted): (String, Vec<Wanted>) = match &shortlist {
        Some(list) => {
            let (kept, missing): (Vec<_>, Vec<_>) = list
                .items
                .iter()
                .partition(|i| index.position_of(&i.id).is_some());
            if !missing.is_empty() {
                let ids: Vec<&str> = missing.iter().map(|i| i.id.as_str()).collect();
                crate::say!(
                    "weerbaar: {} {}: {}",
                    ids.len(),
                    Text::MsgNotExported.get(lang),
                    ids.join(", ")
                );
            }
            let wanted = kept
                .into_iter()
                .map(|i| (i.id.as_str(), Some(i.note.as_str())))
                .collect();
            (list.name.clone(), wanted)
        }
        None => {
            let title = selection_title(&records.metadata().title, &query, ctx.run.db.as_deref());
            let wanted = results
                .hits
                .iter()
                .map(|h| (index.id(h.index), None))
                .collect();
            (title, wanted)
        }
    };
    let entries = export::stream::fetched(&records, &wanted, lang);
    let opts = Options {
        metadata: records.metadata(),
        lang,
        current_year: ctx.run.current_year,
        labels: args.labels,
    };

    match &args.output {
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            export::write_with(format, &title, entries, &opts, &info, &mut out)?;
            out.flush()?;
        }
        Some(path) => {
            let shown =
                export::write_file_with(path, args.force, format, &title, entries, &opts, &info)
                    .map_err(|e| CliError::Failed(e.to_string()))?;
            crate::say!(
                "{} {} ({}) {}: {}",
                wanted.len(),
                Text::interventions(wanted.len(), lang),
                format.id(),
                Text::MsgWrote.get(lang),
                shown.display()
            );
        }
    }
    Ok(())
}
