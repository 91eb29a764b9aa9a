//! The dialogs over the view: export, a one-line text field, a yes/no question, and the command
//! line with the saved searches. Each is a centred double-bordered box; the field with the
//! focus is marked with ▶ (not only by colour), the outcome of an export with ✓ or ⚠.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear};
use unicode_width::UnicodeWidthStr;

use crate::core::i18n::Text;

use super::super::export_dialog::{ExportDialog, ExportField, ExportWhat};
use super::super::shelf::{Confirm, InputPurpose, InputState, ViewsDialog, current_command_line};
use super::super::state::State;
use super::super::symbols::{CURSOR, MISSING};
use super::super::theme::Theme;
use super::text::{fit, safe, wrap};
use super::{render_lines, title};

/// A centred box of at most `max_w` columns and `rows` lines inside its border.
fn dialog_area(screen: Rect, max_w: u16, rows: u16) -> Rect {
    let w = screen.width.saturating_sub(4).min(max_w);
    let h = (rows + 2).min(screen.height);
    Rect::new(
        screen.x + (screen.width - w) / 2,
        screen.y + (screen.height - h) / 2,
        w,
        h,
    )
}

/// Clear the area and draw the box; returns the inside.
fn frame_box(frame: &mut Frame, area: Rect, heading: &str, theme: &Theme) -> Rect {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.border_focused)
        .title(title(heading.to_string(), theme.title))
        .style(theme.base);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
}

/// Put the terminal cursor after `text_width` columns of a field that starts at `x`.
fn place_cursor(frame: &mut Frame, inner: Rect, x: usize, y: u16, text_width: usize) {
    if inner.width == 0 {
        return;
    }
    let cx = (x + text_width).min(inner.right().saturating_sub(1) as usize) as u16;
    frame.set_cursor_position(Position::new(cx, y));
}

pub fn draw_export(state: &State, d: &ExportDialog, frame: &mut Frame, theme: &Theme) {
    let lang = state.ui.lang;
    let area = dialog_area(frame.area(), 80, 8);
    let inner = frame_box(frame, area, Text::ExportTitle.get(lang), theme);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    let label_w = 10;
    let what = match (d.what, state.ui.shelf.active()) {
        (ExportWhat::Shortlist, Some(l)) => format!(
            "{} “{}” ({} {})",
            Text::Shortlist.get(lang),
            safe(&l.name),
            l.items.len(),
            Text::items(l.items.len(), lang)
        ),
        (ExportWhat::Shortlist, None) => Text::ExportNoShortlist.get(lang).to_string(),
        (ExportWhat::Results, _) => format!(
            "{} ({})",
            Text::ExportResults.get(lang),
            crate::core::i18n::number(state.results.hits.len(), lang)
        ),
        (ExportWhat::Comparison, _) => format!(
            "{} ({} {})",
            Text::ExportComparison.get(lang),
            state.ui.compare.records.len(),
            Text::interventions(state.ui.compare.records.len(), lang)
        ),
    };
    let row = |field: ExportField, label: Text, value: String, choice: bool| {
        let focused = d.field == field;
        let value = if choice {
            format!("◀ {value} ▶")
        } else {
            value
        };
        let spans = vec![
            Span::raw(if focused { CURSOR } else { " " }),
            Span::raw(" "),
            Span::styled(format!("{:<label_w$}", label.get(lang)), theme.label),
            Span::styled(value, if focused { theme.cursor } else { theme.base }),
        ];
        Line::from(fit(spans, width, false))
    };
    let mut lines = vec![
        row(ExportField::What, Text::ExportWhat, what, true),
        row(
            ExportField::Format,
            Text::ExportFormat,
            d.format.id().to_string(),
            true,
        ),
        row(
            ExportField::Path,
            Text::ExportFile,
            safe(&d.path).into_owned(),
            false,
        ),
        Line::raw(""),
    ];
    if d.busy {
        lines.push(Line::styled(
            format!("… {}", Text::ExportBusy.get(lang)),
            theme.label,
        ));
    }
    match &d.outcome {
        Some(Ok(path)) => {
            lines.push(Line::from(Span::styled(
                format!("✓ {}:", Text::ExportWritten.get(lang)),
                theme.selected,
            )));
            for part in wrap(&safe(path), width.saturating_sub(2)) {
                lines.push(Line::raw(format!("  {part}")));
            }
            if let Some(note) = &d.skipped {
                for (n, part) in wrap(&safe(note), width.saturating_sub(2))
                    .into_iter()
                    .enumerate()
                {
                    let prefix = if n == 0 { MISSING } else { " " };
                    lines.push(Line::styled(format!("{prefix} {part}"), theme.warning));
                }
            }
        }
        Some(Err(e)) => {
            for (n, part) in wrap(&safe(e), width.saturating_sub(2))
                .into_iter()
                .enumerate()
            {
                let prefix = if n == 0 {
                    format!("{MISSING} ")
                } else {
                    "  ".into()
                };
                lines.push(Line::styled(format!("{prefix}{part}"), theme.warning));
            }
            if d.confirm_overwrite {
                lines.push(Line::styled(
                    format!("  {}", Text::ExportOverwrite.get(lang)),
                    theme.warning,
                ));
            }
        }
        None => {}
    }
    if d.field == ExportField::Path {
        let before: String = d.path.chars().take(d.cursor).collect();
        place_cursor(
            frame,
            inner,
            inner.x as usize + 2 + label_w,
            inner.y + 2,
            safe(&before).width(),
        );
    }
    render_lines(frame, inner, lines);
}

pub fn draw_input(state: &State, input: &InputState, frame: &mut Frame, theme: &Theme) {
    let lang = state.ui.lang;
    let heading = match &input.purpose {
        InputPurpose::NewList => Text::NewListName.get(lang).to_string(),
        InputPurpose::Rename(old) => format!("{} “{}”", Text::RenameListTo.get(lang), safe(old)),
        InputPurpose::Note { id, .. } => {
            let name = state
                .index
                .position_of(id)
                .map_or_else(|| id.clone(), |r| state.index.name(r).to_string());
            format!("{} {}", Text::NoteFor.get(lang), safe(&name))
        }
        InputPurpose::SaveView => Text::ViewName.get(lang).to_string(),
    };
    if matches!(input.purpose, InputPurpose::Note { .. }) {
        return draw_note_editor(input, &heading, frame, theme, lang);
    }
    let area = dialog_area(frame.area(), 80, 1);
    let inner = frame_box(frame, area, &heading, theme);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    // Scroll the field so the cursor stays visible.
    let chars: Vec<char> = input.text.chars().collect();
    let before: String = chars[..input.cursor.min(chars.len())].iter().collect();
    let room = width.saturating_sub(3);
    let skip = safe(&before).width().saturating_sub(room);
    let shown: String = {
        let mut cut = 0;
        let mut out = String::new();
        for c in input.text.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if cut < skip {
                cut += w;
                continue;
            }
            out.push(c);
        }
        out
    };
    let line = Line::from(fit(
        vec![Span::raw("› "), Span::raw(safe(&shown).into_owned())],
        width,
        false,
    ));
    place_cursor(
        frame,
        inner,
        inner.x as usize + 2,
        inner.y,
        safe(&before).width() - skip,
    );
    render_lines(frame, inner, vec![line]);
}

/// Rows of the note editor.
const NOTE_ROWS: u16 = 6;

/// A note's text cut into screen rows of `width` columns (its own line breaks kept, long lines
/// broken), and the row and column of the cursor (a char index) in them.
pub(crate) fn note_rows(text: &str, cursor: usize, width: usize) -> (Vec<String>, (usize, usize)) {
    let width = width.max(1);
    let mut rows = vec![String::new()];
    let mut used = 0;
    let mut at = (0, 0);
    for (i, c) in text.chars().enumerate() {
        if i == cursor {
            at = (rows.len() - 1, used);
        }
        if c == '\n' {
            rows.push(String::new());
            used = 0;
            continue;
        }
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            rows.push(String::new());
            used = 0;
        }
        if let Some(row) = rows.last_mut() {
            row.push(c);
        }
        used += w;
    }
    if cursor >= text.chars().count() {
        // At the end, a full row puts the cursor at the start of the next one.
        if used >= width {
            rows.push(String::new());
            used = 0;
        }
        at = (rows.len() - 1, used);
    }
    (rows, at)
}

/// The note editor: several rows, the note's own lines kept; Enter saves, Alt-Enter or Ctrl-J
/// starts a new line (said on the last row).
fn draw_note_editor(
    input: &InputState,
    heading: &str,
    frame: &mut Frame,
    theme: &Theme,
    lang: crate::core::model::Lang,
) {
    let area = dialog_area(frame.area(), 80, NOTE_ROWS + 1);
    let inner = frame_box(frame, area, heading, theme);
    if inner.width < 4 || inner.height < 2 {
        return;
    }
    let text_rows = (inner.height - 1) as usize;
    let width = inner.width as usize - 2;
    let clean: String = input
        .text
        .chars()
        .map(|c| if c == '\n' || !c.is_control() { c } else { ' ' })
        .collect();
    let (rows, (row, col)) = note_rows(&clean, input.cursor, width);
    let first = (row + 1).saturating_sub(text_rows);
    let mut lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(text_rows)
        .map(|(i, r)| {
            let lead = if i == 0 { "› " } else { "  " };
            Line::from(fit(
                vec![Span::raw(lead), Span::raw(r.clone())],
                inner.width as usize,
                false,
            ))
        })
        .collect();
    while lines.len() < text_rows {
        lines.push(Line::raw(""));
    }
    let hint = format!(
        "Enter {}  Alt-Enter/Ctrl-J {}  Esc {}",
        Text::ShortSave.get(lang),
        Text::ShortNewLine.get(lang),
        Text::ShortCancel.get(lang)
    );
    lines.push(Line::from(fit(
        vec![Span::styled(hint, theme.dim)],
        inner.width as usize,
        false,
    )));
    place_cursor(
        frame,
        inner,
        inner.x as usize + 2,
        inner.y + (row - first) as u16,
        col,
    );
    render_lines(frame, inner, lines);
}

pub fn draw_confirm(state: &State, question: &Confirm, frame: &mut Frame, theme: &Theme) {
    let lang = state.ui.lang;
    let Confirm::DeleteList(name) = question;
    let area = dialog_area(frame.area(), 60, 4);
    let inner = frame_box(frame, area, Text::ActDeleteList.get(lang), theme);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    let items = state.ui.shelf.lists.get(name).map_or(0, |l| l.items.len());
    let lines = vec![
        Line::from(fit(
            vec![Span::styled(
                format!("{} ({items} {})", safe(name), Text::items(items, lang)),
                theme.label,
            )],
            width,
            false,
        )),
        Line::from(fit(
            vec![Span::styled(
                Text::DeleteListQuestion.get(lang),
                theme.warning,
            )],
            width,
            false,
        )),
        // Named buttons with their keys: what confirms is said, not guessed (`j` does nothing).
        Line::from(fit(
            vec![
                Span::styled(
                    format!("[ {} (y/Enter) ]", Text::ButtonDelete.get(lang)),
                    theme.warning,
                ),
                Span::raw("  "),
                Span::styled(
                    format!("[ {} (n/Esc) ]", Text::ButtonCancel.get(lang)),
                    theme.label,
                ),
            ],
            width,
            false,
        )),
    ];
    render_lines(frame, inner, lines);
}

pub fn draw_views(state: &State, dialog: &ViewsDialog, frame: &mut Frame, theme: &Theme) {
    let lang = state.ui.lang;
    let screen = frame.area();
    let views = &state.ui.shelf.lists.views;
    let command = safe(&current_command_line(state)).into_owned();
    // As tall as the content (the command line wrapped, two headings, the views), within the screen.
    let guess_w = screen.width.saturating_sub(6).clamp(1, 88) as usize;
    let content = wrap(&command, guess_w.saturating_sub(2)).len() + 3 + views.len().max(1);
    let rows = (content as u16).min(screen.height.saturating_sub(4));
    let area = dialog_area(screen, 90, rows);
    let inner = frame_box(frame, area, Text::ViewsTitle.get(lang), theme);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    let mut lines = vec![Line::styled(Text::CommandLine.get(lang), theme.heading)];
    for part in wrap(&command, width.saturating_sub(2)) {
        lines.push(Line::raw(format!("  {part}")));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(Text::SavedViews.get(lang), theme.heading));
    if views.is_empty() {
        lines.push(Line::styled(Text::NoSavedViews.get(lang), theme.dim));
    }
    let visible = (inner.height as usize).saturating_sub(lines.len());
    let first = if visible == 0 {
        0
    } else {
        dialog.cursor.saturating_sub(visible - 1)
    };
    for (row, view) in views.iter().enumerate().skip(first).take(visible) {
        let is_cursor = row == dialog.cursor;
        let query = view.to_query();
        let filters: usize = query.filters.values().map(|v| v.len()).sum();
        let detail = format!(
            "  “{}” · {}: {filters}",
            safe(&view.text),
            Text::FiltersActive.get(lang)
        );
        let spans = vec![
            Span::raw(format!("{} ", if is_cursor { CURSOR } else { " " })),
            Span::raw(safe(&view.name).into_owned()),
            Span::styled(detail, if is_cursor { theme.cursor } else { theme.dim }),
        ];
        let style = if is_cursor { theme.cursor } else { theme.base };
        lines.push(Line::from(fit(spans, width, true)).style(style));
    }
    render_lines(frame, inner, lines);
}
