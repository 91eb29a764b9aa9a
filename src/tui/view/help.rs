//! The help overlay: every key and action, narrowed by what the user types.

use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear};
use unicode_width::UnicodeWidthStr;

use crate::core::i18n::Text;

use super::super::keymap::{HelpLine, help_lines_with};
use super::super::layout;
use super::super::state::{HelpState, State};
use super::super::theme::Theme;
use super::text::fit;
use super::{render_lines, title};

/// Width of the keys column.
const KEYS_WIDTH: usize = 16;

pub fn draw(state: &State, help: &HelpState, frame: &mut Frame, theme: &Theme) {
    let lang = state.ui.lang;
    let screen = frame.area();
    let area = layout::help_area(screen.width, screen.height);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.border_focused)
        .title(title(Text::HelpTitle.get(lang), theme.title))
        .style(theme.base);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    let filter_line = if help.filter.is_empty() {
        Line::from(Span::styled(
            format!("› {}", Text::HelpFilter.get(lang)),
            theme.dim,
        ))
    } else {
        Line::from(vec![
            Span::raw("› "),
            Span::styled(help.filter.clone(), theme.base),
        ])
    };
    let cursor_x = inner.x as usize + 2 + help.filter.width();
    frame.set_cursor_position(Position::new(
        cursor_x.min(inner.right().saturating_sub(1) as usize) as u16,
        inner.y,
    ));
    let mut lines = vec![
        Line::from(fit(filter_line.spans, width, false)),
        Line::raw(""),
    ];
    let rows = layout::help_rows(screen.width, screen.height);
    for line in help_lines_with(lang, &help.filter, &state.keys)
        .into_iter()
        .skip(help.scroll)
        .take(rows)
    {
        let spans = match line {
            HelpLine::Heading(h) => vec![Span::styled(h, theme.heading)],
            HelpLine::Entry { keys, action } => {
                let mut spans = vec![Span::raw("  ")];
                spans.extend(fit(vec![Span::styled(keys, theme.key)], KEYS_WIDTH, true));
                spans.push(Span::raw(" "));
                spans.push(Span::raw(action));
                spans
            }
            HelpLine::Note(n) => vec![Span::styled(n, theme.dim)],
        };
        lines.push(Line::from(fit(spans, width, false)));
    }
    render_lines(frame, inner, lines);
}
