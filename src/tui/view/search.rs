//! The search bar: the query (with the terminal cursor in it while focused) and the result
//! count, "23 van 64".

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::core::i18n::{Text, number};

use super::super::state::{Pane, State};
use super::super::theme::Theme;
use super::text::{fit, safe};
use super::{open_pane, render_lines};

pub fn draw(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = state.ui.lang;
    let focused = state.ui.focus == Pane::Search;
    let heading = Text::SearchLabel.get(lang).to_string();
    let Some(inner) = open_pane(state, frame, area, Pane::Search, heading, theme) else {
        return;
    };
    // While a search runs in the background the old results stay on screen; say so instead
    // of giving their count as if it were the new one.
    let count = if state.awaited.is_some() {
        Text::Searching.get(lang).to_string()
    } else if state.still_opening() {
        Text::LoadingInventory.get(lang).to_string()
    } else {
        let mut count = format!(
            "{} {} {}",
            number(state.results.hits.len(), lang),
            Text::Of.get(lang),
            number(state.index.len(), lang)
        );
        // Found without the long text, which is still being indexed: say so.
        if state.text_pending() && !state.ui.query.text.trim().is_empty() {
            count.push_str(&format!(" · {}", Text::TextNotSearchedYet.get(lang)));
        }
        count
    };
    let room = (inner.width as usize).saturating_sub(count.width() + 1);
    let text = safe(&state.ui.query.text);
    let left = if text.is_empty() && !focused {
        vec![Span::styled(Text::SearchPlaceholder.get(lang), theme.dim)]
    } else {
        // Scroll the text sideways so the cursor stays in view.
        let chars: Vec<char> = text.chars().collect();
        let cursor = state.ui.search_cursor.min(chars.len());
        let width_of = |cs: &[char]| cs.iter().map(|c| c.width().unwrap_or(0)).sum::<usize>();
        let mut start = 0;
        while start < cursor && width_of(&chars[start..cursor]) >= room.max(1) {
            start += 1;
        }
        if focused {
            let x = inner.x as usize + width_of(&chars[start..cursor]);
            let x = x.min(inner.right().saturating_sub(1) as usize) as u16;
            frame.set_cursor_position(Position::new(x, inner.y));
        }
        vec![Span::styled(
            chars[start..].iter().collect::<String>(),
            theme.base,
        )]
    };
    let mut spans = fit(left, room, true);
    spans.push(Span::raw(" "));
    spans.push(Span::styled(count, theme.label));
    render_lines(
        frame,
        inner,
        vec![Line::from(fit(spans, inner.width as usize, false))],
    );
}
