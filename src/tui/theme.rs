//! Colours and text attributes per role. Meaning never rests on colour: every role that matters
//! also has a symbol (see `symbols`) or an attribute (bold, underline, reverse) that survives
//! `NO_COLOR`, where the `Plain` theme uses no colour at all.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeKind {
    #[default]
    Dark,
    Light,
    /// No colours (NO_COLOR): only bold, dim, underline and reverse.
    Plain,
}

impl ThemeKind {
    /// Plain when `NO_COLOR` is set to anything non-empty (no-color.org), else dark.
    pub fn from_env(no_color: Option<&str>) -> ThemeKind {
        match no_color {
            Some(v) if !v.is_empty() => ThemeKind::Plain,
            _ => ThemeKind::Dark,
        }
    }

    /// Dark ↔ light; plain stays plain, because the user asked for no colour.
    pub fn toggled(self) -> ThemeKind {
        match self {
            ThemeKind::Dark => ThemeKind::Light,
            ThemeKind::Light => ThemeKind::Dark,
            ThemeKind::Plain => ThemeKind::Plain,
        }
    }
}

/// Styles per role, resolved from a `ThemeKind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub heading: Style,
    pub dim: Style,
    /// The row under the cursor (reverse video works without colour too).
    pub cursor: Style,
    /// The cursor row while its pane has no focus.
    pub cursor_unfocused: Style,
    /// Matched characters in a name.
    pub matched: Style,
    pub selected: Style,
    /// A facet value with no results.
    pub zero: Style,
    pub label: Style,
    pub key: Style,
    pub warning: Style,
}

impl Theme {
    pub fn of(kind: ThemeKind) -> Theme {
        let bold = Modifier::BOLD;
        let plain = Theme {
            base: Style::new(),
            border: Style::new(),
            border_focused: Style::new().add_modifier(bold),
            title: Style::new().add_modifier(bold),
            heading: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            dim: Style::new().add_modifier(Modifier::DIM),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            cursor_unfocused: Style::new().add_modifier(bold),
            matched: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(bold),
            zero: Style::new().add_modifier(Modifier::DIM),
            label: Style::new().add_modifier(bold),
            key: Style::new().add_modifier(bold),
            warning: Style::new().add_modifier(bold),
        };
        match kind {
            ThemeKind::Plain => plain,
            ThemeKind::Dark => Theme {
                border: Style::new().fg(Color::DarkGray),
                border_focused: Style::new().fg(Color::Cyan).add_modifier(bold),
                title: Style::new().fg(Color::Cyan).add_modifier(bold),
                heading: Style::new().fg(Color::Yellow).add_modifier(bold),
                dim: Style::new().fg(Color::DarkGray),
                cursor: Style::new().bg(Color::Cyan).fg(Color::Black),
                cursor_unfocused: Style::new().bg(Color::DarkGray).fg(Color::White),
                matched: Style::new()
                    .fg(Color::LightYellow)
                    .add_modifier(bold | Modifier::UNDERLINED),
                selected: Style::new().fg(Color::LightGreen).add_modifier(bold),
                zero: Style::new().fg(Color::DarkGray),
                label: Style::new().fg(Color::LightBlue).add_modifier(bold),
                key: Style::new().fg(Color::Cyan).add_modifier(bold),
                warning: Style::new().fg(Color::LightRed).add_modifier(bold),
                ..plain
            },
            ThemeKind::Light => Theme {
                // A real light theme on any terminal: it sets the background too.
                base: Style::new().fg(Color::Black).bg(Color::White),
                border: Style::new().fg(Color::DarkGray),
                border_focused: Style::new().fg(Color::Blue).add_modifier(bold),
                title: Style::new().fg(Color::Blue).add_modifier(bold),
                heading: Style::new().fg(Color::Magenta).add_modifier(bold),
                dim: Style::new().fg(Color::DarkGray),
                cursor: Style::new().bg(Color::Blue).fg(Color::White),
                cursor_unfocused: Style::new().bg(Color::Gray).fg(Color::Black),
                matched: Style::new()
                    .fg(Color::Red)
                    .add_modifier(bold | Modifier::UNDERLINED),
                selected: Style::new().fg(Color::Green).add_modifier(bold),
                zero: Style::new().fg(Color::DarkGray),
                label: Style::new().fg(Color::Blue).add_modifier(bold),
                key: Style::new().fg(Color::Blue).add_modifier(bold),
                warning: Style::new().fg(Color::Red).add_modifier(bold),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_means_no_colour_anywhere() {
        assert_eq!(ThemeKind::from_env(Some("1")), ThemeKind::Plain);
        assert_eq!(ThemeKind::from_env(Some("")), ThemeKind::Dark);
        assert_eq!(ThemeKind::from_env(None), ThemeKind::Dark);
        let t = Theme::of(ThemeKind::Plain);
        for s in [
            t.base,
            t.border,
            t.border_focused,
            t.title,
            t.heading,
            t.dim,
            t.cursor,
            t.cursor_unfocused,
            t.matched,
            t.selected,
            t.zero,
            t.label,
            t.key,
            t.warning,
        ] {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?} has a colour");
        }
        assert_eq!(ThemeKind::Plain.toggled(), ThemeKind::Plain);
    }
}
