//! Arabic numbers in digits and words, with qualifiers and units.
//!
//! The entry point for extraction is [`tag_quantities`]: every number about
//! people, money or shares in a document's body, with character spans into the
//! original text. Other crates can use the parsers directly:
//!
//! - [`parse_number`]: a whole string in digits, words or both
//!   (`"116.000"`, `"٣٫٥ مليون"`, `"اثنين وأربعين ألف"`);
//! - [`parse_cardinal_words`] / [`parse_amount_words`]: number words at the start
//!   of a search key, with the bytes consumed;
//! - [`parse_ordinal_words`]: ordinals (`الثالث والعشرين` → 23), for dates;
//! - [`digits::scan`]: a digit literal (number, range, numeric date or time).
//!
//! ```
//! use rasad_numbers::parse_number;
//! assert_eq!(parse_number("اثنين وأربعين ألف"), Some(42000.0));
//! assert_eq!(parse_number("116.000"), Some(116000.0));
//! assert_eq!(parse_number("٢٫٥ مليون"), Some(2500000.0));
//! assert_eq!(parse_number("3 آلاف"), Some(3000.0));
//! ```
//!
//! # Quantity values
//!
//! - a plain number: `low = best = high`;
//! - `نحو`, `حوالي`, `قرابة`, `زهاء`, `ما يقارب`, `تقريبا`: the same, with
//!   `approximate = true`;
//! - `أكثر من`, `لا يقل عن`, `ما يزيد عن`, `على الأقل` (after): `low = best`,
//!   `high` null;
//! - `أقل من`, `ما دون`: `high = best`, `low` null;
//! - a range (`بين 10 و15`, `10-15`): `low` 10, `high` 15, `best` null;
//! - vague amounts: `بضعة` 3–9, `عشرات` 20–99, `مئات` 200–999, `آلاف`
//!   2000–9999, `عشرات الآلاف` 20000–99999; `best` null, `approximate` true;
//! - dual nouns (`عنصرين`, `مفخختين`, also as the predicate: `القتيلان
//!   مدنيان`): 2, with the noun's unit.
//!
//! Not quantities: `واحد`/`واحدة` except right after a person noun (`مدني
//! واحد`, not `عائلة واحدة`, `مرة واحدة`); a scale word alone (`بليون`, also a
//! village) without a counted noun, currency or qualifier; number words behind
//! `ك` (`كمية`, `كميات`) or listed as other words (`لست`); a number word after a
//! singular place noun (`قرية بليون`).
//!
//! The span covers the qualifiers (`نحو مائة`, `9 على الأقل`) and a percent sign
//! or phrase, not the counted noun. Units: `people` for person nouns
//! (`عنصر`, `قتلى`, `نسمة`, `آخرون`), `other` for things and households
//! (`عائلة`, `محاور`, `سيارة`), currencies (`دولار` usd, `ليرة` syp, `دينار` iqd,
//! `يورو` eur, others `currency`), `percent`; null when nothing says.
//!
//! All knowledge (number words, nouns, qualifiers) is data under
//! `data/numbers/`.

pub mod context;
pub mod digits;
pub mod lexicon;
pub mod qualifiers;
pub mod tagger;
pub mod units;
pub mod words;

use rasad_record::{Quantity, Span};
use rasad_text::Analysis;

pub use digits::parse_digits;
pub use words::{parse_amount_words, parse_cardinal_words, parse_ordinal_words, Value};

/// Finds every quantity in the body, skipping spans already taken (dates).
pub fn tag_quantities(a: &Analysis, skip: &[Span]) -> Vec<Quantity> {
    tagger::tag(a, skip)
}

/// Parses a whole string as one number: digits with separators, words, or
/// digits followed by a scale word. `None` when anything is left over or the
/// string is a date, time, range or vague amount.
pub fn parse_number(text: &str) -> Option<f64> {
    let k = rasad_text::key(text);
    let k = k.trim();
    if k.starts_with(|c: char| c.is_ascii_digit()) {
        let sc = digits::scan(k)?;
        let digits::Literal::Number { value, alt, .. } = sc.literal else {
            return None;
        };
        let rest = k[sc.len..].trim();
        if rest.is_empty() {
            return Some(value);
        }
        let w = lexicon::LEXICON.words.get(rest)?;
        return (w.kind == lexicon::Kind::Scale && !w.dual).then(|| alt.unwrap_or(value) * w.value);
    }
    let (v, used) = parse_cardinal_words(k)?;
    k[used..].trim().is_empty().then_some(v)
}
