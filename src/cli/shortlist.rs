//! `weerbaar shortlist list|show|add|remove|note|rename|delete`: the shortlists of the open
//! inventory (the bundled one, or `--db`). Every change goes through `Storage::update`, which
//! reloads the file first, so the explorer and the CLI can be used side by side.

use std::io::Write;

use clap::{Subcommand, ValueEnum};
use unicode_width::UnicodeWidthStr;

use crate::core::i18n::Text;
use crate::core::shortlist::{Book, Lists, ShortlistError, Storage, inventory_key};
use crate::core::store::Inventory;

use super::output::table;
use super::show::lookup;
use super::{CliError, Context};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShortlistFormat {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum ShortlistCommand {
    /// The shortlists of this inventory and how many items each has.
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: ShortlistFormat,
    },
    /// The items of one shortlist with their notes; ids no longer in the inventory are flagged.
    Show {
        #[arg(add = clap_complete::ArgValueCandidates::new(super::complete::shortlist_names))]
        name: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ShortlistFormat,
    },
    /// Add interventions (by id) to a shortlist, creating it when it does not exist.
    Add {
        #[arg(add = clap_complete::ArgValueCandidates::new(super::complete::shortlist_names))]
        name: String,
        #[arg(required = true, value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::complete::intervention_ids))]
        ids: Vec<String>,
    },
    /// Remove interventions (by id) from a shortlist.
    Remove {
        #[arg(add = clap_complete::ArgValueCandidates::new(super::complete::shortlist_names))]
        name: String,
        #[arg(required = true, value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::complete::intervention_ids))]
        ids: Vec<String>,
    },
    /// Set the note of an item; an empty TEXT clears it.
    Note {
        #[arg(add = clap_complete::ArgValueCandidates::new(super::complete::shortlist_names))]
        name: String,
        #[arg(add = clap_complete::ArgValueCandidates::new(super::complete::intervention_ids))]
        id: String,
        text: String,
    },
    /// Rename a shortlist.
    Rename {
        #[arg(add = clap_complete::ArgValueCandidates::new(super::complete::shortlist_names))]
        old: String,
        new: String,
    },
    /// Delete a shortlist and its notes.
    Delete {
        #[arg(add = clap_complete::ArgValueCandidates::new(super::complete::shortlist_names))]
        name: String,
    },
}

impl From<ShortlistError> for CliError {
    fn from(e: ShortlistError) -> Self {
        use crate::core::shortlist::{ListError, MAX_NAME_CHARS, NameProblem};
        let quoted = |names: &[String]| {
            names
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        // The shortlist core says it in English; the command line says it in its language.
        CliError::Failed(match e {
            ShortlistError::List(ListError::NoSuchList { name, known }) if known.is_empty() => {
                crate::tr!(
                    "geen shortlist met de naam `{name}`; er zijn er nog geen (maak er een met `weerbaar shortlist add {name} ID…`)",
                    "no shortlist named `{name}`; there are none yet (create one with `weerbaar shortlist add {name} ID…`)"
                )
            }
            ShortlistError::List(ListError::NoSuchList { name, known }) => crate::tr!(
                "geen shortlist met de naam `{name}`; de shortlists zijn: {}",
                "no shortlist named `{name}`; the shortlists are: {}",
                quoted(&known)
            ),
            ShortlistError::List(ListError::AlreadyExists(name)) => crate::tr!(
                "er is al een shortlist met de naam `{name}`",
                "a shortlist named `{name}` exists already"
            ),
            ShortlistError::List(ListError::BadName(_, NameProblem::Empty)) => {
                crate::tr!("een naam mag niet leeg zijn", "a name cannot be empty")
            }
            ShortlistError::List(ListError::BadName(_, NameProblem::TooLong)) => crate::tr!(
                "een naam heeft hoogstens {MAX_NAME_CHARS} tekens",
                "a name can have at most {MAX_NAME_CHARS} characters"
            ),
            ShortlistError::List(ListError::NotInList { name, id }) => crate::tr!(
                "`{id}` staat niet in shortlist `{name}`",
                "`{id}` is not in shortlist `{name}`"
            ),
            other => other.to_string(),
        })
    }
}

/// Where this user's shortlists are kept.
pub(super) fn storage() -> Result<Storage, CliError> {
    Storage::locate().map_err(|e| CliError::Failed(e.to_string()))
}

fn notice(loaded_notice: &Option<String>) {
    if let Some(n) = loaded_notice {
        crate::say!("weerbaar: {n}");
    }
}

/// Load the book for reading; the notice (if any) goes to stderr.
pub(super) fn load(storage: &Storage) -> Result<Book, CliError> {
    let loaded = storage
        .load()
        .map_err(|e| CliError::Failed(e.to_string()))?;
    notice(&loaded.notice);
    Ok(loaded.book)
}

/// "Interventies weerbaarheid 2025.1": how an inventory is named in the shortlist file.
pub(super) fn inventory_label(inventory: &Inventory) -> String {
    format!(
        "{} {}",
        inventory.metadata.title, inventory.metadata.version
    )
}

/// Apply a change to this inventory's lists and save.
fn change<T>(
    ctx: &Context,
    inventory: &Inventory,
    f: impl FnOnce(&mut Lists) -> Result<T, ShortlistError>,
) -> Result<T, CliError> {
    let key = inventory_key(ctx.run.db.as_deref());
    let label = inventory_label(inventory);
    let (out, loaded) = storage()?.update(|book| f(book.lists_mut(&key, &label)))?;
    notice(&loaded.notice);
    Ok(out)
}

pub fn run(ctx: &Context, cmd: &ShortlistCommand) -> Result<(), CliError> {
    let inventory = ctx.open()?;
    let lang = ctx.run.lang;
    let t = |k: Text| k.get(lang);
    match cmd {
        ShortlistCommand::List { format } => list(ctx, &inventory, *format),
        ShortlistCommand::Show { name, format } => show(ctx, &inventory, name, *format),
        ShortlistCommand::Add { name, ids } => {
            for id in ids {
                lookup(&inventory, id)?;
            }
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let report = change(ctx, &inventory, |lists| Ok(lists.add(name, &refs)?))?;
            if report.created {
                crate::say!("{}: `{name}`", t(Text::MsgNewShortlist));
            }
            if !report.added.is_empty() {
                crate::say!(
                    "{} {} `{name}`: {}",
                    report.added.len(),
                    t(Text::MsgAddedTo),
                    report.added.join(", ")
                );
            }
            if !report.already.is_empty() {
                crate::say!("{}: {}", t(Text::MsgAlreadyIn), report.already.join(", "));
            }
            Ok(())
        }
        ShortlistCommand::Remove { name, ids } => {
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let absent = change(ctx, &inventory, |lists| Ok(lists.remove(name, &refs)?))?;
            let removed = ids.len() - absent.len();
            crate::say!("{removed} {} `{name}`", t(Text::MsgRemovedFrom));
            if !absent.is_empty() {
                crate::say!("{}: {}", t(Text::MsgNotIn), absent.join(", "));
            }
            Ok(())
        }
        ShortlistCommand::Note { name, id, text } => {
            change(ctx, &inventory, |lists| Ok(lists.set_note(name, id, text)?))?;
            let msg = if text.trim().is_empty() {
                Text::MsgNoteCleared
            } else {
                Text::MsgNoteSaved
            };
            crate::say!("{} ({name}: {id})", t(msg));
            Ok(())
        }
        ShortlistCommand::Rename { old, new } => {
            let new = change(ctx, &inventory, |lists| Ok(lists.rename(old, new)?))?;
            crate::say!("`{old}` {} `{new}`", t(Text::MsgRenamedTo));
            Ok(())
        }
        ShortlistCommand::Delete { name } => {
            let gone = change(ctx, &inventory, |lists| Ok(lists.delete(name)?))?;
            crate::say!(
                "`{name}` {} ({} {})",
                t(Text::MsgDeleted),
                gone.items.len(),
                Text::items(gone.items.len(), ctx.run.lang)
            );
            Ok(())
        }
    }
}

fn this_inventory(ctx: &Context, book: &Book) -> Lists {
    book.lists(&inventory_key(ctx.run.db.as_deref()))
        .cloned()
        .unwrap_or_default()
}

fn list(ctx: &Context, inventory: &Inventory, format: ShortlistFormat) -> Result<(), CliError> {
    let lists = this_inventory(ctx, &load(&storage()?)?);
    let lang = ctx.run.lang;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        ShortlistFormat::Json => {
            let doc: Vec<serde_json::Value> = lists
                .shortlists
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "name": s.name,
                        "items": s.items.len(),
                        "missing": s.missing(inventory).len(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            writeln!(out)?;
        }
        ShortlistFormat::Text if lists.shortlists.is_empty() => {
            writeln!(out, "{}", Text::NoShortlists.get(lang))?;
        }
        ShortlistFormat::Text => {
            let rows: Vec<Vec<String>> = lists
                .shortlists
                .iter()
                .map(|s| {
                    let missing = s.missing(inventory).len();
                    let mut count =
                        format!("{} {}", s.items.len(), Text::items(s.items.len(), lang));
                    if missing > 0 {
                        count.push_str(&format!(
                            " (⚠ {missing} {})",
                            Text::NotInInventory.get(lang)
                        ));
                    }
                    vec![s.name.clone(), count]
                })
                .collect();
            write!(
                out,
                "{}",
                table(
                    &[Text::Shortlist.get(lang), Text::Items.get(lang)],
                    &rows,
                    &[40, 80]
                )
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

fn show(
    ctx: &Context,
    inventory: &Inventory,
    name: &str,
    format: ShortlistFormat,
) -> Result<(), CliError> {
    let lists = this_inventory(ctx, &load(&storage()?)?);
    let list = lists.require(name).map_err(ShortlistError::from)?;
    let lang = ctx.run.lang;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        ShortlistFormat::Json => {
            let items: Vec<serde_json::Value> = list
                .items
                .iter()
                .map(|i| {
                    serde_json::json!({
                        "id": i.id,
                        "name": inventory.get(&i.id).map(|x| x.name.clone()),
                        "note": i.note,
                        "in_inventory": inventory.get(&i.id).is_some(),
                    })
                })
                .collect();
            let doc = serde_json::json!({
                "name": list.name,
                "inventory": inventory.metadata,
                "items": items,
            });
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(|e| CliError::Failed(e.to_string()))?;
            writeln!(out)?;
        }
        ShortlistFormat::Text => {
            writeln!(
                out,
                "{} ({} {})",
                list.name,
                list.items.len(),
                Text::items(list.items.len(), lang)
            )?;
            if list.items.is_empty() {
                writeln!(out, "{}", Text::EmptyShortlist.get(lang))?;
            }
            for item in &list.items {
                match inventory.get(&item.id) {
                    Some(found) => writeln!(out, "\n{}  {}", item.id, found.name)?,
                    None => writeln!(out, "\n{}  ⚠ {}", item.id, Text::NotInInventory.get(lang))?,
                }
                // Later lines of a note start under its first line's text.
                let label = format!("  {}: ", Text::ShortlistNote.get(lang));
                let indent = " ".repeat(label.width());
                for (n, line) in item.note.lines().enumerate() {
                    let lead = if n == 0 { &label } else { &indent };
                    writeln!(out, "{lead}{line}")?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}
