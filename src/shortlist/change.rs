//! A change to one inventory's lists, as data: the explorer applies it to its own copy at once
//! and hands the same value to the storage, which applies it to the freshly loaded file.

use super::{ListError, Lists, SavedView};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Create an empty list and make it the active one.
    Create(String),
    /// Make a list the one `s` adds to.
    Activate(String),
    /// Add the id to the list, or remove it when it is in it.
    Toggle {
        list: String,
        id: String,
    },
    Remove {
        list: String,
        id: String,
    },
    SetNote {
        list: String,
        id: String,
        note: String,
    },
    Rename {
        old: String,
        new: String,
    },
    Delete(String),
    SaveView(SavedView),
    DeleteView(String),
}

impl Change {
    pub fn apply(&self, lists: &mut Lists) -> Result<(), ListError> {
        match self {
            Change::Create(name) => {
                let name = lists.create(name)?;
                lists.active = Some(name);
            }
            Change::Activate(name) => {
                lists.require(name)?;
                lists.active = Some(name.clone());
            }
            Change::Toggle { list, id } => {
                lists.toggle(list, id)?;
            }
            Change::Remove { list, id } => {
                lists.remove(list, &[id.as_str()])?;
            }
            Change::SetNote { list, id, note } => lists.set_note(list, id, note)?,
            Change::Rename { old, new } => {
                lists.rename(old, new)?;
            }
            Change::Delete(name) => {
                lists.delete(name)?;
            }
            Change::SaveView(view) => lists.save_view(view.clone())?,
            Change::DeleteView(name) => {
                lists.delete_view(name);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creating_activates_and_deleting_the_active_list_clears_it() {
        let mut lists = Lists::default();
        Change::Create("sessie".into()).apply(&mut lists).unwrap();
        assert_eq!(lists.active.as_deref(), Some("sessie"));
        Change::Toggle {
            list: "sessie".into(),
            id: "a".into(),
        }
        .apply(&mut lists)
        .unwrap();
        assert!(lists.get("sessie").unwrap().contains("a"));
        Change::Delete("sessie".into()).apply(&mut lists).unwrap();
        assert_eq!(lists.active, None);
        assert!(Change::Activate("weg".into()).apply(&mut lists).is_err());
    }
}
