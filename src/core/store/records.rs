//! Full records on demand. The explorer keeps only the compact search index in memory and asks
//! here for a whole `Intervention` when it shows or uses one (the detail pane, the compare view,
//! an export, a citation). Behind it is either an inventory already in memory (tests, the CLI's
//! small files) or an open `Database` with a small cache, so a 100k-record inventory costs the
//! index plus a few hundred records, not every record (docs/performance.md).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::core::model::Intervention;

use super::{Database, Inventory, Metadata};

/// How many fetched records the cache keeps: a screen of shortlist items, the compare set and
/// the detail pane's history fit many times over, and it costs at most a few MB.
pub const CACHE_RECORDS: usize = 256;

/// How many records an export fetches at a time (`Records::fetch_all`): few enough to cost a
/// few MB, many enough that each read of the database serves a few hundred records.
pub const CHUNK_RECORDS: usize = 256;

/// Above this many ids, `fetch_all` reads them together instead of id by id (through the cache).
const ONE_BY_ONE: usize = 64;

/// A fetch that failed, as the one line the user sees.
pub type Unreadable = String;

/// Where full records come from.
pub struct Records {
    metadata: Metadata,
    source: Source,
}

enum Source {
    /// Every record in memory, sorted by id (as the store delivers them).
    Memory(Vec<Arc<Intervention>>),
    /// Fetched by id from the database, the most recent kept.
    Database(Box<Fetcher>),
}

struct Fetcher {
    db: Database,
    cache: Mutex<Cache>,
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.source {
            Source::Memory(items) => format!("{} in memory", items.len()),
            Source::Database(f) => f.db.label().display().to_string(),
        };
        f.debug_struct("Records")
            .field("title", &self.metadata.title)
            .field("source", &kind)
            .finish()
    }
}

impl Records {
    /// Records from an inventory already loaded.
    pub fn in_memory(inventory: Inventory) -> Records {
        Records {
            metadata: inventory.metadata,
            source: Source::Memory(inventory.interventions.into_iter().map(Arc::new).collect()),
        }
    }

    /// Records fetched from the database when asked for, with a cache of `CACHE_RECORDS`.
    pub fn database(db: Database) -> Records {
        Records {
            metadata: db.metadata().clone(),
            source: Source::Database(Box::new(Fetcher {
                db,
                cache: Mutex::new(Cache::new(CACHE_RECORDS)),
            })),
        }
    }

    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// The record with this id: `Ok(None)` when the inventory has none, `Err` with one line for
    /// the user when it cannot be read (the file changed or broke since it was opened). A
    /// failure is remembered like a record, so a screen drawn again does not read again.
    pub fn get(&self, id: &str) -> Result<Option<Arc<Intervention>>, Unreadable> {
        match &self.source {
            Source::Memory(items) => Ok(find(items, id).cloned()),
            Source::Database(f) => {
                let mut cache = f.cache.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(found) = cache.get(id) {
                    return found;
                }
                let found =
                    f.db.intervention(id)
                        .map(|item| item.map(Arc::new))
                        .map_err(|e| e.to_string());
                cache.put(id, found.clone());
                found
            }
        }
    }

    /// The records with these ids, one answer per id (`None`: the inventory has none). More
    /// than a few are read together (one read per table for up to a thousand ids) and not
    /// cached, so they are held only as long as the caller holds them: an export fetches its
    /// records a chunk at a time (`CHUNK_RECORDS`) and never holds them all.
    pub fn fetch_all(&self, ids: &[&str]) -> Result<Vec<Option<Arc<Intervention>>>, Unreadable> {
        match &self.source {
            Source::Memory(items) => Ok(ids.iter().map(|id| find(items, id).cloned()).collect()),
            Source::Database(_) if ids.len() <= ONE_BY_ONE => {
                ids.iter().map(|id| self.get(id)).collect()
            }
            Source::Database(f) => {
                let fetched = f.db.interventions(ids).map_err(|e| e.to_string())?;
                let found: HashMap<String, Arc<Intervention>> = fetched
                    .into_iter()
                    .map(|item| (item.id.clone(), Arc::new(item)))
                    .collect();
                Ok(ids.iter().map(|id| found.get(*id).cloned()).collect())
            }
        }
    }
}

impl Records {
    /// Whether the inventory has each of these ids, read a chunk at a time (`CHUNK_RECORDS`):
    /// what an export of a shortlist leaves out before it counts its records.
    pub fn present(&self, ids: &[&str]) -> Result<Vec<bool>, Unreadable> {
        let mut present = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK_RECORDS) {
            present.extend(self.fetch_all(chunk)?.iter().map(Option::is_some));
        }
        Ok(present)
    }
}

fn find<'a>(items: &'a [Arc<Intervention>], id: &str) -> Option<&'a Arc<Intervention>> {
    items
        .binary_search_by(|i| i.id.as_str().cmp(id))
        .ok()
        .and_then(|ix| items.get(ix))
}

type Fetched = Result<Option<Arc<Intervention>>, Unreadable>;

/// The most recently used fetches, at most `capacity` of them.
struct Cache {
    capacity: usize,
    /// Each id's answer and when it was last used.
    entries: HashMap<String, (u64, Fetched)>,
    clock: u64,
}

impl Cache {
    fn new(capacity: usize) -> Cache {
        Cache {
            capacity: capacity.max(1),
            entries: HashMap::new(),
            clock: 0,
        }
    }

    fn get(&mut self, id: &str) -> Option<Fetched> {
        self.clock += 1;
        let clock = self.clock;
        self.entries.get_mut(id).map(|(used, found)| {
            *used = clock;
            found.clone()
        })
    }

    fn put(&mut self, id: &str, found: Fetched) {
        if self.entries.len() >= self.capacity {
            // A linear scan over a few hundred entries, once per fetch from disk: cheaper than
            // the fetch, and simpler than a linked list.
            let oldest = self
                .entries
                .iter()
                .min_by_key(|(_, (used, _))| *used)
                .map(|(id, _)| id.clone());
            if let Some(oldest) = oldest {
                self.entries.remove(&oldest);
            }
        }
        self.clock += 1;
        self.entries.insert(id.to_string(), (self.clock, found));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> Arc<Intervention> {
        Arc::new(Intervention {
            id: id.into(),
            ..Intervention::default()
        })
    }

    #[test]
    fn the_cache_keeps_the_most_recently_used() {
        let mut cache = Cache::new(2);
        cache.put("a", Ok(Some(item("a"))));
        cache.put("b", Ok(None));
        assert!(cache.get("a").is_some());
        cache.put("c", Err("broken".into()));
        // "b" was used least recently and made room.
        assert!(cache.get("b").is_none());
        assert!(matches!(cache.get("a"), Some(Ok(Some(_)))));
        assert_eq!(cache.get("c"), Some(Err("broken".to_string())));
    }

    #[test]
    fn database_and_memory_give_the_same_records() {
        let db = Database::open_bundled().unwrap_or_else(|e| panic!("{e}"));
        let inventory = db.load().unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<String> = inventory
            .interventions
            .iter()
            .map(|i| i.id.clone())
            .collect();
        let memory = Records::in_memory(inventory);
        let disk = Records::database(db);
        assert_eq!(memory.metadata(), disk.metadata());
        for id in ids.iter().step_by(7) {
            let want = memory.get(id).ok().flatten();
            assert!(want.is_some());
            assert_eq!(disk.get(id).ok().flatten(), want);
            // Again, from the cache.
            assert_eq!(disk.get(id).ok().flatten(), want);
        }
        assert_eq!(disk.get("no-such-id"), Ok(None));
        // One by one (a few) and in one pass (more than `ONE_BY_ONE`): an answer per id, in
        // the asked order, `None` for an unknown id.
        let mut asked: Vec<&str> = ids.iter().rev().map(String::as_str).collect();
        asked.insert(2, "no-such-id");
        let answered = |records: &Records, n: usize| -> Vec<Option<String>> {
            records
                .fetch_all(&asked[..n])
                .unwrap_or_default()
                .iter()
                .map(|i| i.as_ref().map(|i| i.id.clone()))
                .collect()
        };
        for n in [4, asked.len()] {
            let want: Vec<Option<String>> = asked[..n]
                .iter()
                .map(|id| Some(id.to_string()).filter(|id| id != "no-such-id"))
                .collect();
            assert_eq!(answered(&memory, n), want);
            assert_eq!(answered(&disk, n), want);
        }
    }
}
