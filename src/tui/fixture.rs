//! A small hand-made inventory for the explorer's tests: stable when the bundled data changes,
//! with diacritics in names and long text that must wrap.

use crate::core::model::{Evidence, Intervention, Source, Study, Weerbaarheid, WorkingElementUse};
use crate::core::store::{Inventory, Metadata};

use super::msg::{Key, KeyCode, Msg};
use super::state::State;
use super::theme::ThemeKind;
use crate::core::model::Lang;

pub const YEAR: u16 = 2026;

#[allow(clippy::too_many_arguments)]
fn item(
    id: &str,
    name: &str,
    provider: &str,
    themes: &[&str],
    targets: &[&str],
    level: &str,
    year: Option<u16>,
    elements: &[&str],
) -> Intervention {
    Intervention {
        id: id.into(),
        name: name.into(),
        providers: vec![provider.into()],
        country: "Nederland".into(),
        summary: format!(
            "{name} versterkt de weerbaarheid van de deelnemers door oefening, gesprek en \
             reflectie in kleine groepen, met aandacht voor het netwerk om hen heen."
        ),
        aim: "Deelnemers staan steviger in hun schoenen.".into(),
        approach: "Acht bijeenkomsten van twee uur.\nDaarna een terugkomdag.".into(),
        themes: themes.iter().map(|s| s.to_string()).collect(),
        target_groups: targets.iter().map(|s| s.to_string()).collect(),
        levels: vec!["groep".into()],
        offer_types: vec!["training".into()],
        prevention: vec!["preventief".into()],
        weerbaarheid: Weerbaarheid {
            dimensions: vec!["zelfvertrouwen".into()],
            framing: "Weerbaarheid als vermogen om grenzen aan te geven.".into(),
        },
        working_elements: elements
            .iter()
            .map(|e| WorkingElementUse {
                id: e.to_string(),
                note: String::new(),
            })
            .collect(),
        evidence: Evidence {
            level: level.into(),
            status: if year.is_some() {
                "erkend".into()
            } else {
                String::new()
            },
            date: year.map(|y| y.to_string()).unwrap_or_default(),
            year,
            body: if year.is_some() {
                "Erkenningscommissie Interventies".into()
            } else {
                String::new()
            },
            databank: if year.is_some() {
                "NJi".into()
            } else {
                String::new()
            },
            databank_url: String::new(),
            note: String::new(),
            studies: if year.is_some() {
                vec![Study {
                    design: "Voor- en nameting".into(),
                    n: Some(120),
                    outcome: "Meer zelfvertrouwen na afloop.".into(),
                    year,
                    reference: "Jansen (2015)".into(),
                }]
            } else {
                Vec::new()
            },
        },
        duration: "8 weken".into(),
        cost: String::new(),
        region: "Landelijk".into(),
        sources: vec![Source {
            url: format!("https://example.org/interventies/{id}/een-lange-pagina-naam"),
            title: format!("Beschrijving {name}"),
            checked: "2026-10-01".into(),
            supports: crate::core::model::provenance::FIELD_KEYS
                .iter()
                .map(|k| k.to_string())
                .collect(),
        }],
        ..Intervention::default()
    }
}

/// Eight interventions; ids sorted as the store sorts them.
pub fn inventory() -> Inventory {
    let mut items = vec![
        item(
            "beinvloedbaarheid",
            "Beïnvloedbaarheid de baas",
            "Stichting Één Wereld",
            &["polarisatie", "radicalisering"],
            &["jongeren"],
            "goed-onderbouwd",
            Some(2016),
            &["dialoog", "oefenen-vaardigheden"],
        ),
        item(
            "cooperatie-wijk",
            "Coöperatie in de wijk",
            "Gemeente Utrecht",
            &["samenwerking"],
            &["bewoners"],
            "onbekend",
            None,
            &["netwerkvorming"],
        ),
        item(
            "ouders-gesprek",
            "Ouders in gesprek over polarisatie",
            "Movisie",
            &["weerbaar-opvoeden", "polarisatie"],
            &["ouders", "jongeren"],
            "eerste-aanwijzingen",
            Some(2023),
            &["dialoog"],
        ),
        item(
            "sterke-meiden",
            "Sterke meiden",
            "Movisie",
            &["empowerment"],
            &["meiden-vrouwen", "jongeren"],
            "goed-onderbouwd",
            Some(2024),
            &["oefenen-vaardigheden"],
        ),
        item(
            "sleutelfiguren",
            "Netwerk sleutelfiguren",
            "Gemeente Utrecht",
            &["sleutelfiguren", "samenwerking"],
            &["sleutelfiguren"],
            "niet-beoordeeld",
            None,
            &["netwerkvorming"],
        ),
        item(
            "dialoog-klas",
            "Dialoog in de klas",
            "Stichting School & Veiligheid",
            &["polarisatie"],
            &["docenten"],
            "goed-beschreven",
            Some(2022),
            &["dialoog"],
        ),
        item(
            "vaders",
            "Vaders in de wijk",
            "Vadercentrum Adam",
            &["weerbaar-opvoeden"],
            &["vaders"],
            "onbekend",
            None,
            &["netwerkvorming", "dialoog"],
        ),
        item(
            "moskee",
            "Moskeebesturen versterken",
            "Ministerie van Justitie en Veiligheid",
            &["moskeebesturen"],
            &["moskeebestuurders"],
            "niet-beoordeeld",
            None,
            &["netwerkvorming"],
        ),
    ];
    items.sort_by(|a, b| a.id.cmp(&b.id));
    Inventory {
        metadata: Metadata {
            title: "Testinventaris".into(),
            version: "1".into(),
            date: "2026-11-01".into(),
            licence: "CC-BY-4.0".into(),
            source: "tests".into(),
        },
        interventions: items,
    }
}

pub fn state() -> State {
    state_of(inventory(), Lang::Nl)
}

pub fn state_of(inventory: Inventory, lang: Lang) -> State {
    let mut s = State::new(inventory, lang, ThemeKind::Plain, YEAR);
    super::dispatch(&mut s, [Msg::Resize(80, 24)]);
    s
}

/// Messages for typing `text` key by key.
pub fn typing(text: &str) -> Vec<Msg> {
    text.chars().map(|c| Msg::Key(Key::char(c))).collect()
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(Key::plain(code))
}
