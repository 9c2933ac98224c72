//! `rapport log`: a conversation written down in one command, every flag checked before the
//! journal is touched; and `rapport conversation show` / `delete`.

use std::io::{Read, Write};
use std::path::Path;

use super::args::{ConversationCommand, LogArgs};
use super::output::json;
use super::{Failure, Journal, Outcome};
use crate::domain::{
    ConversationInput, ConversationNeed, Invalid, MAX_NOTES_BYTES, NeedState, Owner,
    parse_follow_up, parse_when,
};
use crate::store::{Alongside, AskedQuestion, NewFeedback};

pub(crate) fn run(journal: &Journal, args: LogArgs, out: &mut dyn Write) -> Outcome {
    // Everything the command line says is checked before the journal is touched.
    let needs = args
        .needs
        .iter()
        .map(|text| parse_need(text, NeedState::Met))
        .chain(
            args.concerns
                .iter()
                .map(|text| parse_need(text, NeedState::Concern)),
        )
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(twice) = needs.iter().enumerate().find(|(i, n)| {
        needs[..*i]
            .iter()
            .any(|m| m.need == n.need && m.state != n.state)
    }) {
        return Err(Failure::Usage(format!(
            "{} is given as met and as a concern: a need is either met (--need) or a concern (--concern)",
            twice.1.need.key()
        )));
    }
    let notes = match (&args.notes, &args.notes_file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => read_notes(path)?,
        (None, None) => String::new(),
    };
    let asked = if args.asked.is_empty() {
        Vec::new()
    } else {
        // The leader's bank, installed with the settings before the command ran.
        let bank = crate::domain::bank();
        args.asked
            .iter()
            .map(|reference| match bank.find(reference) {
                Some(q) => Ok(AskedQuestion {
                    topic: q.topic,
                    text: q.text.clone(),
                }),
                None => Err(Failure::Usage(format!(
                    "\"{}\" is not a question of your bank: give its text or TOPIC:N as `rapport questions` lists them",
                    super::output::line(reference.trim())
                ))),
            })
            .collect::<Result<Vec<_>, _>>()?
    };
    // A blank line would note nothing while the summary said it was noted.
    if let Some(text) = &args.handed_over {
        crate::domain::require(text, crate::domain::TextField::Delegation)?;
    }
    if let Some(text) = &args.feedback_to_me {
        crate::domain::require(text, crate::domain::TextField::Feedback)?;
    }
    let mut store = journal.open()?;
    let happened_at = parse_when(&args.when, store.local_now())?;
    let person = store.resolve_person(&args.name, false)?;
    // The forms' grammar: `them: …` for theirs, a last word `@fri` for the due date.
    let today = store.today();
    let follow_ups = args
        .follow_ups
        .iter()
        .map(|text| (Owner::Me, text))
        .chain(args.their_follow_ups.iter().map(|text| (Owner::Them, text)))
        .map(|(owner, text)| parse_follow_up(text, today, owner))
        .collect::<Result<Vec<_>, _>>()?;
    let input = ConversationInput {
        person_id: person.id,
        happened_at,
        kind: args.kind,
        mood: args.mood,
        stance: args.stance,
        summary: args.summary,
        notes,
        needs,
        tags: args.tags,
        follow_ups,
        acknowledgement: args.ack,
        idea: args.idea,
    };
    let said = args.feedback_to_me.map(|text| NewFeedback {
        text,
        heard_on: None,
        tags: crate::domain::FeedbackTags::of(args.feedback_about, None),
    });
    let along = Alongside {
        asked: &asked,
        said: said.as_ref(),
        meets: &[],
        handed_over: args.handed_over.as_deref(),
    };
    let saved = store.save_conversation_along(&input, along)?;
    let conversation = store.conversation(saved.conversation_id)?;
    if args.json.json {
        return json(out, &conversation);
    }
    let labels = |state: NeedState| -> Vec<&str> {
        conversation
            .needs_in(state)
            .map(|n| n.need.label())
            .collect()
    };
    let (needs, concerns) = (labels(NeedState::Met), labels(NeedState::Concern));
    write!(
        out,
        "Logged {} {} with {} on {}",
        if conversation.kind == crate::domain::ConversationKind::Informal {
            "an"
        } else {
            "a"
        },
        conversation.kind,
        person.name,
        conversation.happened_at.format("%a %d %b %Y %H:%M")
    )?;
    if !needs.is_empty() {
        write!(out, " · needs: {}", needs.join(", "))?;
    }
    if !concerns.is_empty() {
        write!(out, " · concern: {}", concerns.join(", "))?;
    }
    if saved.follow_ups > 0 {
        let s = if saved.follow_ups == 1 { "" } else { "s" };
        write!(out, " · {} follow-up{s}", saved.follow_ups)?;
    }
    if !asked.is_empty() {
        let s = if asked.len() == 1 { "" } else { "s" };
        write!(out, " · {} question{s} asked", asked.len())?;
    }
    if said.is_some() {
        write!(out, " · feedback to you noted")?;
    }
    if args.handed_over.is_some() {
        write!(out, " · handed over noted")?;
    }
    writeln!(out, ".")?;
    Ok(())
}

/// `rapport conversation show ID` and `rapport conversation delete ID`.
pub(super) fn conversation(
    journal: &Journal,
    action: ConversationCommand,
    out: &mut dyn Write,
) -> Outcome {
    match action {
        ConversationCommand::Show { id, json: as_json } => {
            let id = super::output::row_number(&id, "a conversation")?;
            let store = journal.open()?;
            let conversation = store.conversation(id)?;
            let linked = store.linked_to(id)?;
            if as_json.json {
                #[derive(serde::Serialize)]
                struct Shown<'a> {
                    #[serde(flatten)]
                    conversation: &'a crate::domain::Conversation,
                    linked: &'a crate::store::Linked,
                }
                return json(
                    out,
                    &Shown {
                        conversation: &conversation,
                        linked: &linked,
                    },
                );
            }
            for (_, text) in
                crate::views::conversation::sheet(&conversation, &linked, store.today())
            {
                writeln!(out, "{text}")?;
            }
            Ok(())
        }
        ConversationCommand::Delete { id, yes, json } => super::delete::run(
            journal,
            crate::store::Record::Conversation,
            &id,
            yes,
            json.json,
            out,
        ),
    }
}

/// "autonomy" or "autonomy:chose her own rollout plan", met or a concern.
fn parse_need(text: &str, state: NeedState) -> Result<ConversationNeed, Invalid> {
    let (need, how) = text.split_once(':').unwrap_or((text, ""));
    Ok(ConversationNeed {
        need: need.parse()?,
        state,
        how: how.trim().to_string(),
    })
}

/// Reads notes from a file or from standard input (`-`), refusing binary data and anything
/// over the notes limit without reading it all.
fn read_notes(path: &Path) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let limit = MAX_NOTES_BYTES as u64 + 1;
    let read = if path == Path::new("-") {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    read.map_err(|e| {
        Failure::Runtime(format!(
            "cannot read the notes file {}: {}",
            path.display(),
            e
        ))
    })?;
    if bytes.len() > MAX_NOTES_BYTES {
        return Err(Invalid::NotesTooLarge(bytes.len()).into());
    }
    String::from_utf8(bytes).map_err(|_| Invalid::NotesNotText.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Need;

    #[test]
    fn needs_take_an_optional_how() {
        assert_eq!(
            parse_need("autonomy:picked the plan", NeedState::Met).unwrap(),
            ConversationNeed {
                need: Need::Autonomy,
                state: NeedState::Met,
                how: "picked the plan".into()
            }
        );
        let concern = parse_need("security:worried about pay", NeedState::Concern).unwrap();
        assert_eq!(
            (concern.need, concern.state),
            (Need::Security, NeedState::Concern)
        );
        assert_eq!(
            parse_need("mastery", NeedState::Met).unwrap().need,
            Need::Competence
        );
        assert!(parse_need("power:x", NeedState::Met).is_err());
    }
}
