//! The one translation table: every fixed label the faces show, in Dutch and English.
//! Vocabulary labels live with the vocabularies (`model::vocab`).
//!
//! The table itself is `texts.rs`: one row a label, its variant and its two texts together, so a
//! label is written once. The `texts!` macro below turns the rows into the `Text` enum and its
//! `get`.

use crate::core::model::Lang;

/// Declares `Text` and `Text::get` from rows `Variant => ("Dutch", "English"),`.
macro_rules! texts {
    ($($(#[$meta:meta])* $variant:ident => ($nl:expr, $en:expr $(,)?),)*) => {
        /// A fixed label. Add a row to `i18n/texts.rs`; never write UI strings inline.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text {
            $($(#[$meta])* $variant,)*
        }

        impl Text {
            pub fn get(self, lang: Lang) -> &'static str {
                let (nl, en) = match self {
                    $(Text::$variant => ($nl, $en),)*
                };
                lang.pick(nl, en)
            }
        }
    };
}

mod texts;
pub use texts::Text;

impl Text {
    /// "item" or "items", for a count of `n`.
    pub fn items(n: usize, lang: Lang) -> &'static str {
        if n == 1 {
            Text::Item.get(lang)
        } else {
            Text::Items.get(lang)
        }
    }

    /// "interventie" or "interventies", for a count of `n` ("1 interventie", "2 interventies").
    pub fn interventions(n: usize, lang: Lang) -> &'static str {
        if n == 1 {
            Text::OneIntervention.get(lang)
        } else {
            Text::Interventions.get(lang)
        }
    }
}

/// A whole number with its thousands grouped as the language writes them: "35.000" in Dutch,
/// "35,000" in English.
pub fn number(n: usize, lang: Lang) -> String {
    let separator = match lang {
        Lang::Nl => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// The label of a provenance field key (`model::provenance::FIELD_KEYS`) in the interface's language (the detail view's field label).
pub fn field_label(key: &str, lang: Lang) -> &'static str {
    let text = match key {
        "aliases" => Text::Aliases,
        "providers" => Text::Provider,
        "country" => Text::Country,
        "region" => Text::Region,
        "summary" => Text::Summary,
        "aim" => Text::Aim,
        "approach" => Text::Approach,
        "target_groups" => Text::TargetGroups,
        "levels" => Text::Levels,
        "offer_types" => Text::OfferTypes,
        "prevention" => Text::Prevention,
        "themes" => Text::Themes,
        "weerbaarheid" => Text::SectionResilience,
        "working_elements" => Text::WorkingElements,
        "evidence" => Text::EvidenceLevel,
        "studies" => Text::Studies,
        "duration" => Text::Duration,
        "cost" => Text::Cost,
        _ => Text::Unknown,
    };
    text.get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_thousands_the_way_each_language_writes_them() {
        assert_eq!(number(0, Lang::Nl), "0");
        assert_eq!(number(999, Lang::Nl), "999");
        assert_eq!(number(35_000, Lang::Nl), "35.000");
        assert_eq!(number(100_000, Lang::En), "100,000");
        assert_eq!(number(1_234_567, Lang::En), "1,234,567");
    }

    #[test]
    fn one_intervention_is_singular_in_both_languages() {
        assert_eq!(Text::interventions(1, Lang::Nl), "interventie");
        assert_eq!(Text::interventions(0, Lang::Nl), "interventies");
        assert_eq!(Text::interventions(2, Lang::Nl), "interventies");
        assert_eq!(Text::interventions(1, Lang::En), "intervention");
        assert_eq!(Text::interventions(5, Lang::En), "interventions");
    }

    #[test]
    fn every_field_key_has_a_label() {
        for key in crate::core::model::provenance::FIELD_KEYS {
            assert_ne!(field_label(key, Lang::Nl), "onbekend", "{key}");
        }
    }
}
