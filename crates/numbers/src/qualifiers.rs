//! Qualifiers that bound or soften a number (`نحو`, `أكثر من`, `على الأقل`,
//! `بين … و …`), and how they set `low`, `best`, `high` and `approximate`.

use crate::context::Ctx;
use crate::lexicon::{Effect, LEXICON};

/// Low, best and high bounds and whether the number is approximate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub approximate: bool,
}

impl Bounds {
    /// An exact number.
    pub fn exact(v: f64) -> Self {
        Bounds {
            low: Some(v),
            best: Some(v),
            high: Some(v),
            approximate: false,
        }
    }

    /// A range with unknown best (`بين 10 و15`, `عشرات`).
    pub fn range(low: f64, high: f64, approximate: bool) -> Self {
        Bounds {
            low: Some(low),
            best: None,
            high: Some(high),
            approximate,
        }
    }

    /// Applies a qualifier. Ranges and vague amounts keep their bounds except
    /// that `approx` marks them approximate.
    pub fn apply(&mut self, e: Effect) {
        match e {
            Effect::Approx => self.approximate = true,
            Effect::AtLeast if self.best.is_some() => self.high = None,
            Effect::AtMost if self.best.is_some() => self.low = None,
            _ => {}
        }
    }
}

/// A qualifier phrase ending right before token `i`: its effect and first
/// token. The phrase's first word may carry a proclitic (بنحو).
pub fn before(ctx: &Ctx, i: usize) -> Option<(Effect, usize)> {
    ctx.phrase_before(&LEXICON.before, i, true)
}

/// A qualifier phrase starting at token `i` (`على الأقل`, `تقريبا`): its
/// effect and the token after it.
pub fn after(ctx: &Ctx, i: usize) -> Option<(Effect, usize)> {
    if i == 0 || i >= ctx.len() || !ctx.tight(i - 1) {
        return None;
    }
    ctx.phrase_at(&LEXICON.after, i, false, false)
}
