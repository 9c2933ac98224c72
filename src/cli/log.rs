use std::io::{Read, Write};
use std::path::Path;

use super::args::LogArgs;
use super::output::json;
use super::{Failure, Outcome, open};
use crate::domain::{
    ConversationInput, Invalid, MAX_NOTES_BYTES, NeedMet, Owner, parse_follow_up, parse_when,
};

pub(crate) fn run(journal: &Path, args: LogArgs, out: &mut dyn Write) -> Outcome {
    // Everything the command line says is checked before the journal is touched.
    let needs = args
        .needs
        .iter()
        .map(|text| parse_need(text))
        .collect::<Result<Vec<_>, _>>()?;
    let notes = match (&args.notes, &args.notes_file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => read_notes(path)?,
        (None, None) => String::new(),
    };
    let mut store = open(journal)?;
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
    let saved = store.save_conversation(&input)?;
    let conversation = store.conversation(saved.conversation_id)?;
    if args.json.json {
        return json(out, &conversation);
    }
    let needs: Vec<&str> = conversation.needs.iter().map(|n| n.need.label()).collect();
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
    if saved.follow_ups > 0 {
        let s = if saved.follow_ups == 1 { "" } else { "s" };
        write!(out, " · {} follow-up{s}", saved.follow_ups)?;
    }
    writeln!(out, ".")?;
    Ok(())
}

/// "autonomy" or "autonomy:chose her own rollout plan".
fn parse_need(text: &str) -> Result<NeedMet, Invalid> {
    let (need, how) = text.split_once(':').unwrap_or((text, ""));
    Ok(NeedMet {
        need: need.parse()?,
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
            parse_need("autonomy:picked the plan").unwrap(),
            NeedMet {
                need: Need::Autonomy,
                how: "picked the plan".into()
            }
        );
        assert_eq!(parse_need("mastery").unwrap().need, Need::Competence);
        assert!(parse_need("power:x").is_err());
    }
}
