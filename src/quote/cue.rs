//! Cues: reporting verbs (`said`, `stressed`) and phrases (`according to`,
//! `went on to say`, `pointed out`) found at a token, from the lexicon.

use super::token::Tok;
use crate::lexicon::quote::{self as lex, class, VerbForm};

/// A cue found in the token stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CueMatch {
    /// First token of the cue.
    pub first: usize,
    /// One past its last token.
    pub end: usize,
    /// `according to`, `in his words`: the speaker follows the cue.
    pub according: bool,
    /// The verb form (`Past` for phrases).
    pub form: VerbForm,
    /// The verb's base form (`say`), or the phrase's first word.
    pub lemma: &'static str,
}

impl CueMatch {
    /// Whether the verb takes its addressee before the content (`told reporters ...`).
    pub(crate) fn takes_addressee(&self) -> bool {
        matches!(
            self.lemma,
            "tell" | "assure" | "inform" | "remind" | "warn" | "promise"
        )
    }
}

/// The cue starting at token `i`, if any, not reaching `hi`.
#[inline]
pub(crate) fn cue_at(text: &str, toks: &[Tok], i: usize, hi: usize) -> Option<CueMatch> {
    let t = toks.get(i)?;
    if !t.is_word() || !t.is(class::VERB | class::PHRASE) {
        return None;
    }
    cue_at_word(text, toks, i, hi, t)
}

/// [`cue_at`] for the word `t` at `i`, a verb or a phrase's first word
/// (whose lexicon entry the token holds).
fn cue_at_word(text: &str, toks: &[Tok], i: usize, hi: usize, t: &Tok) -> Option<CueMatch> {
    let w = t.span().of(text);
    let entry = lex::entry(t.entry);
    if let Some(conts) = t.is(class::PHRASE).then_some(entry.phrases).flatten() {
        for rest in conts {
            let n = rest.len();
            if i + 1 + n > hi {
                continue;
            }
            let fits = rest.iter().enumerate().all(|(k, r)| {
                let tk = &toks[i + 1 + k];
                tk.is_word() && tk.span().of(text).eq_ignore_ascii_case(r)
            });
            if fits {
                let according = w.eq_ignore_ascii_case("according") || w.eq_ignore_ascii_case("in");
                // The token's entry is the word's (a phrase word is ASCII).
                let verb = entry
                    .info
                    .verb
                    .or_else(|| rest.iter().find_map(|r| lex::verb(r)));
                return Some(CueMatch {
                    first: i,
                    end: i + 1 + n,
                    according,
                    form: entry.info.verb.map_or(VerbForm::Past, |v| {
                        if v.form == VerbForm::Gerund {
                            VerbForm::Gerund
                        } else {
                            VerbForm::Past
                        }
                    }),
                    lemma: verb.map_or("according", |v| v.lemma),
                });
            }
        }
    }
    let v = entry.info.verb?;
    Some(CueMatch {
        first: i,
        end: i + 1,
        according: false,
        form: v.form,
        lemma: v.lemma,
    })
}
