//! Synthetic inventories for benchmarks (`weerbaar db synth`): any number of interventions that
//! look like the real ones, reproducible from a seed.
//!
//! Everything is drawn from a model inventory (normally the bundled one), so text lengths,
//! vocabulary and facet distributions follow the real data: a field's length is that of the same
//! field in a randomly chosen real record, its text is stitched from short runs of real words, and
//! each facet group's values are copied from a randomly chosen real record (so both how many
//! values a record has and how often each value occurs match). Pure: no IO, no clock.

use crate::core::model::{
    Evidence, FacetGroup, Intervention, Source, Study, Weerbaarheid, WorkingElementUse,
};
use crate::core::store::{Inventory, Metadata};

/// The largest inventory `generate` will make; far beyond any real merged inventory.
pub const MAX_COUNT: usize = 1_000_000;

/// A small, fast, seedable PRNG (SplitMix64). Statistical quality is ample for test data, and
/// unlike a crate's generator its output can never change under us between versions.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // Multiply-shift: unbiased enough for n far below 2^64.
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// Places used for synthetic providers and regions (municipalities of several sizes).
const PLACES: &[&str] = &[
    "Amsterdam",
    "Rotterdam",
    "Den Haag",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Apeldoorn",
    "Haarlem",
    "Arnhem",
    "Enschede",
    "Amersfoort",
    "Zaanstad",
    "'s-Hertogenbosch",
    "Haarlemmermeer",
    "Zwolle",
    "Zoetermeer",
    "Leiden",
    "Maastricht",
    "Dordrecht",
    "Ede",
    "Alphen aan den Rijn",
    "Westland",
    "Alkmaar",
    "Emmen",
    "Delft",
    "Venlo",
    "Deventer",
    "Sittard-Geleen",
    "Helmond",
    "Oss",
    "Amstelveen",
    "Hilversum",
    "Súdwest-Fryslân",
    "Leeuwarden",
    "Heerlen",
    "Hengelo",
    "Purmerend",
    "Schiedam",
    "Lelystad",
    "Roosendaal",
    "Leidschendam-Voorburg",
    "Gouda",
    "Vlaardingen",
    "Hoorn",
    "Assen",
    "Capelle aan den IJssel",
    "Bergen op Zoom",
    "Veenendaal",
    "Katwijk",
    "Zeist",
    "Nieuwegein",
    "Roermond",
    "Den Helder",
    "Doetinchem",
    "Hoogeveen",
    "Terneuzen",
    "Kampen",
    "Woerden",
    "Houten",
    "Weert",
    "Barneveld",
    "Harderwijk",
    "Gorinchem",
    "Tiel",
    "Goes",
    "Middelburg",
    "Coevorden",
    "Winterswijk",
    "Aalten",
    "Oldambt",
    "Vaals",
    "Urk",
    "Texel",
    "Ameland",
];

const PROVIDER_KINDS: &[&str] = &[
    "Gemeente",
    "GGD",
    "Stichting Welzijn",
    "Jongerenwerk",
    "Buurtteam",
    "Wijkteam",
    "Bibliotheek",
    "Stichting Jeugd en Gezin",
    "Sportbedrijf",
    "Vrouwencentrum",
    "Moskee",
    "Centrum voor Jeugd en Gezin",
    "Veiligheidshuis",
    "Vluchtelingenwerk",
    "Humanitas",
    "Expertisecentrum",
];

/// What the generator learned from the model inventory.
struct Model<'a> {
    items: &'a [Intervention],
    /// Words of the long text fields in reading order; drawing a run at a random position
    /// reproduces the word frequencies (and local word order) of the real text.
    prose: Vec<&'a str>,
    /// Words of the real names.
    name_words: Vec<&'a str>,
    providers: Vec<&'a str>,
    alias_share: f64,
}

impl<'a> Model<'a> {
    fn new(items: &'a [Intervention]) -> Model<'a> {
        let mut prose = Vec::new();
        for i in items {
            for text in [&i.summary, &i.aim, &i.approach, &i.weerbaarheid.framing] {
                prose.extend(text.split_whitespace());
            }
        }
        let name_words = items
            .iter()
            .flat_map(|i| i.name.split_whitespace())
            .collect();
        let providers = items
            .iter()
            .flat_map(|i| i.providers.iter().map(String::as_str))
            .collect();
        let with_alias = items.iter().filter(|i| !i.aliases.is_empty()).count();
        Model {
            items,
            prose,
            name_words,
            providers,
            alias_share: with_alias as f64 / items.len().max(1) as f64,
        }
    }

    fn record(&self, rng: &mut Rng) -> &'a Intervention {
        // `generate` refuses an empty model, so there is always a record to pick.
        &self.items[rng.below(self.items.len())]
    }

    /// Text about as long (in bytes) as `like`, stitched from runs of 3–12 real words.
    fn prose_like(&self, rng: &mut Rng, like: &str) -> String {
        let target = like.len();
        let mut out = String::with_capacity(target + 16);
        if target == 0 || self.prose.is_empty() {
            return out;
        }
        while out.len() < target {
            let start = rng.below(self.prose.len());
            let run = 3 + rng.below(10);
            for w in self.prose.iter().skip(start).take(run) {
                if out.len() >= target {
                    break;
                }
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(w);
            }
        }
        capitalise(&out)
    }

    fn name(&self, rng: &mut Rng) -> String {
        let len = self.record(rng).name.split_whitespace().count().clamp(1, 8);
        let words: Vec<&str> = (0..len)
            .filter_map(|_| rng.pick(&self.name_words).copied())
            .collect();
        capitalise(&words.join(" "))
    }

    fn provider(&self, rng: &mut Rng) -> String {
        // A third are real providers; the rest are local organisations, so a large inventory
        // has thousands of distinct providers, as merged national inventories do.
        if rng.chance(0.33)
            && let Some(p) = rng.pick(&self.providers)
        {
            return (*p).to_string();
        }
        let kind = rng.pick(PROVIDER_KINDS).copied().unwrap_or("Gemeente");
        let place = rng.pick(PLACES).copied().unwrap_or("Utrecht");
        match rng.below(4) {
            0 => format!("{kind} {place} {}", 1 + rng.below(12)),
            _ => format!("{kind} {place}"),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A kebab-case id stem from a name (as the importer makes them), at most 40 bytes.
fn slug(name: &str) -> String {
    crate::core::model::fold::slug_within(name, 40)
}

/// Generate `count` interventions modelled on `model`, reproducibly from `seed`.
/// Returns `None` when the model has no interventions to learn from.
pub fn generate(model: &Inventory, count: usize, seed: u64) -> Option<Inventory> {
    if model.interventions.is_empty() {
        return None;
    }
    let m = Model::new(&model.interventions);
    let mut rng = Rng::new(seed);
    let mut items: Vec<Intervention> = (0..count.min(MAX_COUNT))
        .map(|n| one(&m, &mut rng, n))
        .collect();
    items.sort_by(|a, b| a.id.cmp(&b.id));
    Some(Inventory {
        metadata: Metadata {
            title: format!("Synthetische inventaris ({count} interventies, seed {seed})"),
            version: format!("synth-{seed}"),
            date: model.metadata.date.clone(),
            licence: "synthetisch; geen echte interventies".into(),
            source: format!(
                "weerbaar db synth --count {count} --seed {seed}, naar het model van {} {}",
                model.metadata.title, model.metadata.version
            ),
        },
        interventions: items,
    })
}

fn one(m: &Model<'_>, rng: &mut Rng, n: usize) -> Intervention {
    let name = m.name(rng);
    // The running number keeps ids unique whatever names the dice produce.
    let id = match slug(&name) {
        s if s.is_empty() => format!("synth-{n}"),
        s => format!("{s}-{n}"),
    };
    let aliases = if rng.chance(m.alias_share) {
        let initials: String = name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect();
        vec![initials]
    } else {
        Vec::new()
    };
    let provider_count = m.record(rng).providers.len().clamp(1, 4);
    let providers = (0..provider_count).map(|_| m.provider(rng)).collect();

    // Each group's values come from one real record, independently per group.
    let values = |rng: &mut Rng, group: FacetGroup| -> Vec<String> {
        m.record(rng)
            .values(group)
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    let themes = values(rng, FacetGroup::Theme);
    let target_groups = values(rng, FacetGroup::TargetGroup);
    let levels = values(rng, FacetGroup::Level);
    let offer_types = values(rng, FacetGroup::OfferType);
    let prevention = values(rng, FacetGroup::Prevention);
    let dimensions = values(rng, FacetGroup::Dimension);
    let working_elements = m
        .record(rng)
        .working_elements
        .iter()
        .map(|w| WorkingElementUse {
            id: w.id.clone(),
            note: m.prose_like(rng, &w.note),
        })
        .collect();

    let like = m.record(rng);
    let evidence = Evidence {
        level: like.evidence.level.clone(),
        status: like.evidence.status.clone(),
        date: like.evidence.date.clone(),
        year: like.evidence.year,
        body: like.evidence.body.clone(),
        databank: like.evidence.databank.clone(),
        databank_url: like.evidence.databank_url.clone(),
        note: m.prose_like(rng, &like.evidence.note),
        studies: like
            .evidence
            .studies
            .iter()
            .map(|s| Study {
                design: s.design.clone(),
                n: s.n,
                outcome: m.prose_like(rng, &s.outcome),
                year: s.year,
                reference: m.prose_like(rng, &s.reference),
            })
            .collect(),
    };
    let sources = m
        .record(rng)
        .sources
        .iter()
        .enumerate()
        .map(|(k, s)| Source {
            url: format!("https://voorbeeld.nl/{id}/{k}"),
            title: m.prose_like(rng, &s.title),
            checked: s.checked.clone(),
            supports: s.supports.clone(),
        })
        .collect();

    // Each long field takes its length from a different real record.
    let mut long = |pick: fn(&Intervention) -> &String| {
        let like = m.record(rng);
        m.prose_like(rng, pick(like))
    };
    let summary = long(|i| &i.summary);
    let aim = long(|i| &i.aim);
    let approach = long(|i| &i.approach);
    let framing = long(|i| &i.weerbaarheid.framing);
    let extras = m.record(rng);
    let region = if extras.region.is_empty() {
        String::new()
    } else {
        rng.pick(PLACES).copied().unwrap_or_default().to_string()
    };
    Intervention {
        id,
        name,
        aliases,
        providers,
        country: extras.country.clone(),
        summary,
        aim,
        approach,
        target_groups,
        levels,
        offer_types,
        prevention,
        themes,
        weerbaarheid: Weerbaarheid {
            dimensions,
            framing,
        },
        working_elements,
        evidence,
        duration: extras.duration.clone(),
        cost: extras.cost.clone(),
        region,
        sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Inventory {
        crate::core::store::open_bundled().unwrap_or_else(|e| panic!("bundled: {e}"))
    }

    #[test]
    fn the_same_seed_gives_the_same_inventory_and_another_seed_does_not() {
        let m = model();
        let a = generate(&m, 50, 7).unwrap_or_default();
        let b = generate(&m, 50, 7).unwrap_or_default();
        let c = generate(&m, 50, 8).unwrap_or_default();
        assert_eq!(a, b);
        assert_ne!(a.interventions, c.interventions);
    }

    #[test]
    fn ids_are_unique_sorted_kebab_case_and_values_come_from_the_vocabularies() {
        let inv = generate(&model(), 500, 1).unwrap_or_default();
        assert_eq!(inv.interventions.len(), 500);
        let ids: Vec<&str> = inv.interventions.iter().map(|i| i.id.as_str()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        assert!(ids.iter().all(|id| {
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        }));
        for item in &inv.interventions {
            for group in FacetGroup::ALL {
                if group == FacetGroup::Provider {
                    continue;
                }
                for v in item.values(group) {
                    assert!(group.term(v).is_some(), "{} {v}", group.id());
                }
            }
            assert!(!item.name.is_empty() && !item.providers.is_empty());
        }
    }

    #[test]
    fn text_lengths_follow_the_model() {
        let m = model();
        let inv = generate(&m, 2000, 3).unwrap_or_default();
        let mean = |items: &[Intervention]| {
            items.iter().map(|i| i.summary.len()).sum::<usize>() as f64 / items.len() as f64
        };
        let (real, synthetic) = (mean(&m.interventions), mean(&inv.interventions));
        assert!(
            (synthetic / real - 1.0).abs() < 0.25,
            "summary length: real {real:.0}, synthetic {synthetic:.0}"
        );
        // Many distinct providers, as in a merged inventory.
        let mut providers: Vec<&str> = inv
            .interventions
            .iter()
            .flat_map(|i| i.providers.iter().map(String::as_str))
            .collect();
        providers.sort_unstable();
        providers.dedup();
        assert!(providers.len() > 500, "{} providers", providers.len());
    }

    #[test]
    fn an_empty_model_gives_nothing() {
        assert!(generate(&Inventory::default(), 10, 1).is_none());
    }
}
