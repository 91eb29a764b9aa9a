//! `view`: draws the state, one file per pane. Reads the state, never changes it; hands
//! widgets only the rows that are visible.

pub mod compare;
pub mod detail;
mod dialogs;
mod facets;
mod help;
pub mod matrix;
mod related;
mod results;
mod search;
mod shortlist;
mod status;
pub mod text;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use crate::core::i18n::Text;

use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::state::{Overlay, Pane, State, View};
use super::theme::Theme;

pub fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme::of(state.ui.theme);
    frame.render_widget(Block::new().style(theme.base), area);
    let Some(areas) = layout::areas(area.width, area.height, state.ui.focus) else {
        too_small(state, frame, &theme);
        return;
    };
    match state.ui.view {
        View::Explore => {
            search::draw(state, frame, areas.search, &theme);
            facets::draw(state, frame, areas.facets, &theme);
            if let Some(r) = areas.results {
                results::draw(state, frame, r, &theme);
            }
            if let Some(r) = areas.detail {
                detail::draw(state, frame, r, &theme);
            }
        }
        View::Shortlists => {
            search::draw(state, frame, areas.search, &theme);
            let body = Rect::new(
                0,
                areas.facets.y,
                area.width,
                areas.status.y - areas.facets.y,
            );
            shortlist::draw(state, frame, body, &theme);
        }
        View::Compare | View::Matrix => {
            if let Some(r) = layout::view_area(area.width, area.height) {
                if state.ui.view == View::Compare {
                    compare::draw(state, frame, r, &theme);
                } else {
                    matrix::draw(state, frame, r, &theme);
                }
            }
        }
    }
    status::draw(state, frame, areas.status, areas.keys, &theme);
    match &state.ui.overlay {
        Some(Overlay::Help(help)) => help::draw(state, help, frame, &theme),
        Some(Overlay::Export(d)) => dialogs::draw_export(state, d, frame, &theme),
        Some(Overlay::Input(input)) => dialogs::draw_input(state, input, frame, &theme),
        Some(Overlay::Confirm(q)) => dialogs::draw_confirm(state, q, frame, &theme),
        Some(Overlay::Views(v)) => dialogs::draw_views(state, v, frame, &theme),
        None => {}
    }
}

/// "terminal too small (need 60×12)", wrapped into whatever space there is.
fn too_small(state: &State, frame: &mut Frame, theme: &Theme) {
    let lang = state.ui.lang;
    let msg = format!(
        "{} ({} {MIN_WIDTH}×{MIN_HEIGHT})",
        Text::TooSmall.get(lang),
        Text::Need.get(lang)
    );
    let para = Paragraph::new(msg)
        .style(theme.warning)
        .wrap(Wrap { trim: true });
    frame.render_widget(para, frame.area());
}

/// A bordered pane; the focused one has a thick border (visible without colour) and its title
/// in the focus style.
fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    let block = Block::new().borders(Borders::ALL).title(title);
    if focused {
        block
            .border_type(BorderType::Thick)
            .border_style(theme.border_focused)
    } else {
        block.border_style(theme.border)
    }
}

/// Draw a pane's border with its title and return the inside, or `None` when there is no room
/// inside to draw anything.
fn open_pane(
    state: &State,
    frame: &mut Frame,
    area: Rect,
    pane: Pane,
    heading: String,
    theme: &Theme,
) -> Option<Rect> {
    open_block(frame, area, heading, state.ui.focus == pane, theme)
}

/// The same for a pane that is not one of the explorer's (`focused` says whether it has focus).
fn open_block(
    frame: &mut Frame,
    area: Rect,
    heading: String,
    focused: bool,
    theme: &Theme,
) -> Option<Rect> {
    let block = pane_block(title(heading, theme.title), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    (inner.width > 0 && inner.height > 0).then_some(inner)
}

fn title<'a>(text: impl Into<String>, style: Style) -> Line<'a> {
    Line::from(Span::styled(format!(" {} ", text.into()), style))
}

/// The style of a list row: under the cursor (focused or not) or plain.
fn row_style(state: &State, pane: Pane, is_cursor: bool, theme: &Theme) -> Style {
    match (is_cursor, state.ui.focus == pane) {
        (true, true) => theme.cursor,
        (true, false) => theme.cursor_unfocused,
        _ => theme.base,
    }
}

/// Render lines into an area, one per row, already cut to fit.
fn render_lines(frame: &mut Frame, area: Rect, lines: Vec<Line<'_>>) {
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
pub(crate) mod tests;
