//! Colour for the terminal, only when wanted: `--color always`, or `auto` with stdout a
//! terminal and `NO_COLOR` unset. Colour only ever repeats what the text already says (the
//! evidence dots and code, the headings), so output without it loses nothing.

use std::io::IsTerminal;

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Decide once at start-up. `no_color` is the value of `NO_COLOR`: any non-empty value
    /// turns colour off in `auto` (see no-color.org).
    pub fn resolve(self, stdout_is_terminal: bool, no_color: Option<&str>) -> Style {
        let on = match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_is_terminal && no_color.is_none_or(str::is_empty),
        };
        Style { on }
    }

    pub fn resolve_here(self) -> Style {
        self.resolve(
            std::io::stdout().is_terminal(),
            std::env::var("NO_COLOR").ok().as_deref(),
        )
    }
}

/// How to paint text: a no-op when colour is off, so plain output stays byte for byte the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub on: bool,
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const YELLOW: &str = "\x1b[33m";
const RED: &str = "\x1b[31m";
const RESET: &str = "\x1b[0m";

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.on && !text.is_empty() {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    pub fn heading(self, text: &str) -> String {
        self.paint(BOLD, text)
    }

    /// Something that is there to be seen as absent (an empty matrix cell's `·`).
    pub fn dim(self, text: &str) -> String {
        self.paint(DIM, text)
    }

    /// An evidence badge, coloured by its level (the dots and code already carry the level).
    pub fn evidence(self, level_id: &str, text: &str) -> String {
        let code = match level_id {
            "sterke-aanwijzingen" | "goede-aanwijzingen" | "eerste-aanwijzingen" => GREEN,
            "goed-onderbouwd" => CYAN,
            "goed-beschreven" => YELLOW,
            "niet-erkend" => RED,
            _ => DIM,
        };
        self.paint(code, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_colours_only_a_terminal_without_no_color() {
        assert!(ColorChoice::Auto.resolve(true, None).on);
        assert!(ColorChoice::Auto.resolve(true, Some("")).on);
        assert!(!ColorChoice::Auto.resolve(true, Some("1")).on);
        assert!(!ColorChoice::Auto.resolve(false, None).on);
        assert!(ColorChoice::Always.resolve(false, Some("1")).on);
        assert!(!ColorChoice::Never.resolve(true, None).on);
    }

    #[test]
    fn without_colour_text_is_untouched() {
        let off = Style::default();
        assert_eq!(off.heading("Naam"), "Naam");
        assert_eq!(off.evidence("goed-onderbouwd", "●●○○○ GO"), "●●○○○ GO");
        let on = Style { on: true };
        assert_eq!(on.heading("Naam"), "\x1b[1mNaam\x1b[0m");
        assert_eq!(on.heading(""), "", "no codes around nothing");
    }
}
