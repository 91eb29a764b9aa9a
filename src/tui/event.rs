//! Translating terminal events into messages. Only key presses count (Windows also reports
//! releases and repeats would double every key); Ctrl-C quits wherever the focus is, because
//! in raw mode it arrives as a key instead of a signal. Crossterm's keys become the one key
//! type (`config::Key`, named `KeyCode` in `tui::msg`) here and nowhere else.

use ratatui::crossterm::event::{
    Event, KeyCode as CtKeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};

use super::msg::{Key, KeyCode, Mouse, MouseKind, Msg};

/// The message for a terminal event, or `None` for events the explorer ignores (mouse moves,
/// key releases, unknown keys) so they cause no redraw.
pub fn to_msg(event: &Event) -> Option<Msg> {
    match event {
        Event::Key(key) => key_msg(key),
        Event::Mouse(mouse) => mouse_msg(mouse),
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        Event::Paste(text) => Some(Msg::Paste(text.clone())),
        _ => None,
    }
}

fn key_msg(key: &KeyEvent) -> Option<Msg> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let code = match key.code {
        CtKeyCode::Char('c') | CtKeyCode::Char('C') if ctrl => return Some(Msg::Quit),
        // Ctrl-letter shortcuts are written lower-case in the key tables.
        CtKeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        CtKeyCode::Char(c) => KeyCode::Char(c),
        CtKeyCode::Enter => KeyCode::Enter,
        CtKeyCode::Esc => KeyCode::Esc,
        CtKeyCode::Backspace => KeyCode::Backspace,
        CtKeyCode::Delete => KeyCode::Delete,
        CtKeyCode::Tab if key.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        CtKeyCode::Tab => KeyCode::Tab,
        CtKeyCode::BackTab => KeyCode::BackTab,
        CtKeyCode::Up => KeyCode::Up,
        CtKeyCode::Down => KeyCode::Down,
        CtKeyCode::Left => KeyCode::Left,
        CtKeyCode::Right => KeyCode::Right,
        CtKeyCode::Home => KeyCode::Home,
        CtKeyCode::End => KeyCode::End,
        CtKeyCode::PageUp => KeyCode::PageUp,
        CtKeyCode::PageDown => KeyCode::PageDown,
        _ => return None,
    };
    Some(Msg::Key(Key { code, ctrl, alt }))
}

fn mouse_msg(mouse: &MouseEvent) -> Option<Msg> {
    let kind = match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
        MouseEventKind::ScrollUp => MouseKind::ScrollUp,
        MouseEventKind::ScrollDown => MouseKind::ScrollDown,
        _ => return None,
    };
    Some(Msg::Mouse(Mouse {
        kind,
        column: mouse.column,
        row: mouse.row,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn key(code: CtKeyCode, modifiers: KeyModifiers, kind: KeyEventKind) -> Event {
        Event::Key(KeyEvent {
            code,
            modifiers,
            kind,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn only_presses_count_and_ctrl_c_quits() {
        let press = key(
            CtKeyCode::Char('j'),
            KeyModifiers::NONE,
            KeyEventKind::Press,
        );
        assert_eq!(to_msg(&press), Some(Msg::Key(Key::char('j'))));
        for kind in [KeyEventKind::Release, KeyEventKind::Repeat] {
            assert_eq!(
                to_msg(&key(CtKeyCode::Char('j'), KeyModifiers::NONE, kind)),
                None
            );
        }
        let ctrl_c = key(
            CtKeyCode::Char('c'),
            KeyModifiers::CONTROL,
            KeyEventKind::Press,
        );
        assert_eq!(to_msg(&ctrl_c), Some(Msg::Quit));
        let ctrl_u = key(
            CtKeyCode::Char('u'),
            KeyModifiers::CONTROL,
            KeyEventKind::Press,
        );
        assert_eq!(to_msg(&ctrl_u), Some(Msg::Key(Key::ctrl('u'))));
        let shift_tab = key(CtKeyCode::BackTab, KeyModifiers::SHIFT, KeyEventKind::Press);
        assert_eq!(
            to_msg(&shift_tab),
            Some(Msg::Key(Key::plain(KeyCode::BackTab)))
        );
    }

    #[test]
    fn mouse_moves_are_ignored_clicks_and_wheel_are_not() {
        let ev = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 3,
                row: 4,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(to_msg(&ev(MouseEventKind::Moved)), None);
        assert_eq!(
            to_msg(&ev(MouseEventKind::Down(MouseButton::Left))),
            Some(Msg::Mouse(Mouse {
                kind: MouseKind::Click,
                column: 3,
                row: 4
            }))
        );
        assert!(matches!(
            to_msg(&ev(MouseEventKind::ScrollDown)),
            Some(Msg::Mouse(Mouse {
                kind: MouseKind::ScrollDown,
                ..
            }))
        ));
    }
}
