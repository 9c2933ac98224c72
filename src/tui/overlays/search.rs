//! Search over everything written in the journal, as you type, over whichever screen it was
//! opened from.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::store::HitKind;
use crate::store::Record;
use crate::store::SearchHit;
use crate::tui::keymap::{Action, Footer, Keys, footer};
use crate::tui::request::{self, Request};
use crate::tui::search_worker::{Answer, SearchWorker};
use crate::tui::target::Target;
use crate::tui::theme::Theme;
use crate::tui::widgets::line_input::LineInput;
use crate::tui::widgets::list;
use crate::tui::widgets::{fit, pad, popup, safe, titled};

/// Results shown for one query: enough to scroll, few enough to stay instant.
pub const RESULTS: usize = 50;
/// The shortest word that also matches as a prefix while typing.
const MIN_PREFIX: usize = 3;

#[derive(Debug, Default)]
pub struct SearchPanel {
    pub input: LineInput,
    pub hits: Vec<SearchHit>,
    pub selected: usize,
    /// Why the last query could not run (a half-typed phrase, say); the last good results
    /// stay on screen meanwhile.
    pub problem: Option<String>,
    /// The request whose answer is awaited, while the worker searches.
    pub waiting_for: Option<u64>,
}

impl SearchPanel {
    /// Asks for the query as typed so far. The last word also matches as a prefix, so
    /// results appear before a word is finished.
    pub(crate) fn refresh(&mut self, worker: &mut SearchWorker) {
        let text = self.input.text().trim_start();
        if text.trim().is_empty() {
            self.hits.clear();
            self.problem = None;
            self.selected = 0;
            self.waiting_for = None;
            return;
        }
        self.waiting_for = Some(worker.ask(as_you_type(text), RESULTS));
    }

    /// Takes the worker's answer if it is the one awaited; true when the panel changed.
    pub(crate) fn receive(&mut self, answer: Answer) -> bool {
        if self.waiting_for != Some(answer.id) {
            return false;
        }
        self.waiting_for = None;
        match answer.result {
            Ok(hits) => {
                self.hits = hits;
                self.problem = None;
                self.selected = 0;
            }
            Err(problem) => self.problem = Some(problem),
        }
        true
    }

    pub(crate) fn selected_hit(&self) -> Option<&SearchHit> {
        self.hits.get(self.selected)
    }

    pub(crate) fn move_selection(&mut self, delta: isize) {
        list::step(&mut self.selected, delta, self.hits.len());
    }

    pub(crate) fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, keys: &Keys) {
        let width = area.width.saturating_sub(4).min(120);
        let height = area.height.saturating_sub(2);
        let block = titled(
            " Search ".into(),
            format!(" {} ", footer(keys, Footer::Search)),
            theme,
        );
        let inner = popup(frame, area, width, height, block);
        let [query, note, results] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(inner);
        let prompt = " / ";
        let field = usize::from(query.width.saturating_sub(4));
        let (shown, cursor) = self.input.visible(field);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(prompt, theme.accent()),
                Span::raw(shown),
            ])),
            query,
        );
        frame.set_cursor_position(Position::new(query.x + 3 + cursor, query.y));
        let (text, style) = match (&self.problem, self.input.text().trim().is_empty()) {
            (_, false) if self.waiting_for.is_some() => ("Searching…".to_string(), theme.dim()),
            (Some(problem), _) => (problem.clone(), theme.error()),
            (None, true) => (
                "Type to search conversations, needs, tags, aspirations, acknowledgements, ideas and reflections.".to_string(),
                theme.dim(),
            ),
            (None, false) if self.hits.is_empty() => ("Nothing found.".to_string(), theme.dim()),
            (None, false) => {
                let more = if self.hits.len() == RESULTS {
                    format!(" (the best {RESULTS})")
                } else {
                    String::new()
                };
                (format!("{} found{more}", self.hits.len()), theme.dim())
            }
        };
        frame.render_widget(
            Paragraph::new(fit(&format!(" {text}"), usize::from(note.width))).style(style),
            note,
        );
        let text_width = usize::from(results.width);
        let lines: Vec<Line> = list::window(self.hits.len(), self.selected, results.height)
            .map(|i| hit_line(&self.hits[i], i == self.selected, text_width, theme))
            .collect();
        frame.render_widget(Paragraph::new(lines), results);
    }
}

fn hit_line(hit: &SearchHit, selected: bool, width: usize, theme: Theme) -> Line<'static> {
    let who = hit
        .person_name
        .as_deref()
        .map_or_else(|| "you".to_string(), safe);
    let head = format!(
        " {} {} {} ",
        hit.date.format("%d %b %Y"),
        pad(&who, 14),
        pad(hit.kind.label(), 12)
    );
    let mut left = width.saturating_sub(head.chars().count());
    let mut spans = vec![Span::styled(head, theme.dim())];
    for (text, is_match) in hit.segments() {
        if left == 0 {
            break;
        }
        let piece = fit(&safe(text), left);
        left = left.saturating_sub(unicode_width::UnicodeWidthStr::width(piece.as_str()));
        let style = if is_match {
            theme.title().patch(theme.warning())
        } else {
            theme.plain()
        };
        spans.push(Span::styled(piece, style));
    }
    list::mark_cursor(Line::from(spans), selected, theme)
}

/// The typed text as a query where the last word also matches longer words: `migr`
/// finds "migration". Finished phrases, operators and explicit stars are left as written.
pub(crate) fn as_you_type(text: &str) -> String {
    let last = text.split_whitespace().last().unwrap_or("");
    let open_phrase = text.matches('"').count() % 2 == 1;
    let operator = matches!(last, "OR" | "AND" | "NOT");
    // One or two letters would match most of the index: prefixes start at three.
    let ends_in_word = text.chars().last().is_some_and(|c| c.is_alphanumeric())
        && last.trim_start_matches('"').chars().count() >= MIN_PREFIX;
    match (open_phrase, ends_in_word) {
        // A phrase still being typed is closed for now, its last word a prefix.
        (true, true) => format!("{text}\"*"),
        (true, false) => format!("{text}\""),
        (false, true) if !operator => format!("{text}*"),
        (false, _) => text.to_string(),
    }
}

/// What the keys do in the search panel.
impl SearchPanel {
    pub(crate) fn update(&mut self, action: Action) -> Vec<Request> {
        match action {
            Action::Down => self.move_selection(1),
            Action::Up => self.move_selection(-1),
            Action::Close => return vec![Request::CloseOverlay],
            Action::Activate if self.waiting_for.is_some() => {
                // The results shown belong to an earlier query: not what Enter means.
                return request::say("Still searching: Enter again in a moment.");
            }
            Action::Activate => {
                if let Some(target) = self.selected_hit().and_then(target_of_hit) {
                    return vec![Request::CloseOverlay, Request::Open(target)];
                }
            }
            _ => {}
        }
        vec![]
    }
}

/// Where a search result opens.
pub(crate) fn target_of_hit(hit: &crate::store::SearchHit) -> Option<Target> {
    let person = |record: Record| {
        hit.person_id.map(|person_id| Target::Person {
            person_id,
            item: Some((record, hit.item_id)),
        })
    };
    match hit.kind {
        HitKind::Conversation | HitKind::Need | HitKind::Tag => {
            Some(Target::Conversation(hit.item_id))
        }
        HitKind::Aspiration | HitKind::AspirationUpdate => person(Record::Aspiration),
        HitKind::Acknowledgement => person(Record::Acknowledgement),
        HitKind::Idea => person(Record::Idea),
        HitKind::FollowUp => person(Record::FollowUp),
        HitKind::TalkingPoint => person(Record::TalkingPoint),
        // Feedback is read beside the self-rating of the week it was heard in.
        HitKind::Reflection | HitKind::Feedback => {
            Some(Target::Week(crate::domain::iso_week_label(hit.date)))
        }
        // The person's detail lists these (none is a row to select there).
        HitKind::MeetsNeed | HitKind::Delegation | HitKind::Moment => {
            hit.person_id.map(|person_id| Target::Person {
                person_id,
                item: None,
            })
        }
        // The direction is shown on Week: the week it was stated in.
        HitKind::Direction => Some(Target::Week(crate::domain::iso_week_label(hit.date))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_word_becomes_a_prefix() {
        assert_eq!(as_you_type("migr"), "migr*");
        assert_eq!(as_you_type("on call "), "on call ", "a space ends the word");
        assert_eq!(as_you_type("\"on call\""), "\"on call\"");
        assert_eq!(as_you_type("\"on cal"), "\"on cal\"*");
        assert_eq!(as_you_type("\"on "), "\"on \"");
        assert_eq!(as_you_type("rollout OR"), "rollout OR");
        assert_eq!(as_you_type("migra*"), "migra*");
        assert_eq!(
            as_you_type("on"),
            "on",
            "two letters are a word, not a prefix"
        );
        assert_eq!(as_you_type("\"on"), "\"on\"");
    }
}
