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
    /// Put a deleted list back where it was (the explorer's undo), active again if it was.
    Restore {
        list: super::Shortlist,
        at: usize,
        active: bool,
    },
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
            Change::Restore { list, at, active } => {
                // A list made under the same name since is never overwritten.
                if lists.get(&list.name).is_some() {
                    return Err(ListError::AlreadyExists(list.name.clone()));
                }
                let at = (*at).min(lists.shortlists.len());
                lists.shortlists.insert(at, list.clone());
                if *active {
                    lists.active = Some(list.name.clone());
                }
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
        let before = lists.clone();
        Change::Delete("sessie".into()).apply(&mut lists).unwrap();
        assert_eq!(lists.active, None);
        let restore = Change::Restore {
            list: before.shortlists[0].clone(),
            at: 0,
            active: true,
        };
        restore.apply(&mut lists).unwrap();
        assert_eq!(lists, before);
        assert!(
            restore.apply(&mut lists).is_err(),
            "a list of that name exists"
        );
        Change::Delete("sessie".into()).apply(&mut lists).unwrap();
        assert!(Change::Activate("weg".into()).apply(&mut lists).is_err());
    }
}
