//! Colours and text attributes per role. Meaning never rests on colour: every role that matters
//! also has a symbol (see `symbols`) or an attribute (bold, underline, reverse) that survives
//! `NO_COLOR`, where the `Plain` theme uses no colour at all.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeKind {
    #[default]
    Dark,
    Light,
    /// White, yellow and cyan on black, no dim text: for low vision and bright rooms.
    HighContrast,
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

    /// The theme the configuration asks for, unless `NO_COLOR` asked for none at all.
    pub fn from_config(theme: crate::core::config::Theme, no_color: Option<&str>) -> ThemeKind {
        match (ThemeKind::from_env(no_color), theme) {
            (ThemeKind::Plain, _) => ThemeKind::Plain,
            (_, crate::core::config::Theme::Dark) => ThemeKind::Dark,
            (_, crate::core::config::Theme::Light) => ThemeKind::Light,
            (_, crate::core::config::Theme::HighContrast) => ThemeKind::HighContrast,
        }
    }

    /// Dark → light → high contrast → dark; plain stays plain, because the user asked for no
    /// colour.
    pub fn toggled(self) -> ThemeKind {
        match self {
            ThemeKind::Dark => ThemeKind::Light,
            ThemeKind::Light => ThemeKind::HighContrast,
            ThemeKind::HighContrast => ThemeKind::Dark,
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
            // Only the brightest pairs, nothing dimmed, and the cursor in reverse yellow, so it
            // stands out even where colours are hard to tell apart.
            ThemeKind::HighContrast => Theme {
                base: Style::new().fg(Color::White).bg(Color::Black),
                border: Style::new().fg(Color::White),
                border_focused: Style::new().fg(Color::Yellow).add_modifier(bold),
                title: Style::new().fg(Color::White).add_modifier(bold),
                heading: Style::new()
                    .fg(Color::White)
                    .add_modifier(bold | Modifier::UNDERLINED),
                dim: Style::new().fg(Color::White),
                cursor: Style::new()
                    .bg(Color::Yellow)
                    .fg(Color::Black)
                    .add_modifier(bold),
                cursor_unfocused: Style::new()
                    .bg(Color::White)
                    .fg(Color::Black)
                    .add_modifier(bold),
                matched: Style::new()
                    .fg(Color::Yellow)
                    .add_modifier(bold | Modifier::UNDERLINED),
                selected: Style::new().fg(Color::Yellow).add_modifier(bold),
                zero: Style::new().fg(Color::White).add_modifier(Modifier::ITALIC),
                label: Style::new().fg(Color::Cyan).add_modifier(bold),
                key: Style::new().fg(Color::Yellow).add_modifier(bold),
                warning: Style::new()
                    .fg(Color::Yellow)
                    .add_modifier(bold | Modifier::REVERSED),
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

    #[test]
    fn the_configured_theme_applies_unless_no_color_is_set() {
        use crate::core::config::Theme as Configured;
        assert_eq!(
            ThemeKind::from_config(Configured::HighContrast, None),
            ThemeKind::HighContrast
        );
        assert_eq!(
            ThemeKind::from_config(Configured::Light, Some("")),
            ThemeKind::Light
        );
        assert_eq!(
            ThemeKind::from_config(Configured::HighContrast, Some("1")),
            ThemeKind::Plain
        );
        // `t` cycles through all three colour themes.
        let mut t = ThemeKind::Dark;
        let mut seen = vec![t];
        for _ in 0..3 {
            t = t.toggled();
            seen.push(t);
        }
        assert_eq!(
            seen,
            [
                ThemeKind::Dark,
                ThemeKind::Light,
                ThemeKind::HighContrast,
                ThemeKind::Dark
            ]
        );
    }

    #[test]
    fn high_contrast_dims_nothing() {
        let t = Theme::of(ThemeKind::HighContrast);
        for s in [t.dim, t.zero, t.border, t.base, t.heading, t.label] {
            assert!(!s.add_modifier.contains(Modifier::DIM), "{s:?} is dimmed");
            assert!(
                !matches!(s.fg, Some(Color::DarkGray | Color::Gray)),
                "{s:?} is grey"
            );
        }
    }
}
