//! The interface language. Dutch is the default because the content is Dutch.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// Pick the language from a `LANG`-style value: English only when it clearly asks for it.
    pub fn from_locale(value: Option<&str>) -> Lang {
        match value {
            Some(v) if v.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Nl,
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Choose between a Dutch and an English text.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_defaults_to_dutch() {
        assert_eq!(Lang::from_locale(None), Lang::Nl);
        assert_eq!(Lang::from_locale(Some("C.UTF-8")), Lang::Nl);
        assert_eq!(Lang::from_locale(Some("nl_NL.UTF-8")), Lang::Nl);
        assert_eq!(Lang::from_locale(Some("en_GB.UTF-8")), Lang::En);
    }
}
