//! Corrections of one report's casualty claim: its figures of killed or
//! injured, the source it is attributed to, the victims' group, and its kind
//! (a figure of killed that is really of injured, or the reverse).
//!
//! A claim correction changes the report itself before the incident is
//! summarized, so the incident's tallies, claims and disagreements are
//! computed from the corrected claim like from any other. Written
//! `claim.ARTICLE#EVENT.FIELD=VALUE` (`claim.enab-1#0.killed=12`,
//! `claim.enab-1.source=الدفاع المدني` when the article has one event in the
//! incident).

use crate::report::{Count, Report};
use serde::{Deserialize, Serialize};

/// The part of a claim a reviewer sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimField {
    /// People killed (`N` or `LOW-HIGH`).
    Killed,
    /// People injured (`N` or `LOW-HIGH`).
    Injured,
    /// Who the figure is attributed to.
    Source,
    /// The victims' group (an actor code: `CIVILIANS`, `SYR_GOV` …).
    Group,
    /// `killed` or `injured`: the figure is moved to that kind.
    Kind,
}

impl ClaimField {
    /// Every part with its name after `claim.REPORT.`.
    pub const ALL: [(&'static str, ClaimField); 5] = [
        ("killed", ClaimField::Killed),
        ("injured", ClaimField::Injured),
        ("source", ClaimField::Source),
        ("group", ClaimField::Group),
        ("kind", ClaimField::Kind),
    ];

    /// The part named `name`.
    pub fn parse(name: &str) -> Option<ClaimField> {
        ClaimField::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
    }

    /// The part's name.
    pub fn name(self) -> &'static str {
        ClaimField::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map(|(n, _)| *n)
            .expect("every part is listed")
    }
}

/// `N` or `LOW-HIGH` (whole or decimal numbers, not negative, low ≤ high);
/// the best figure of a range is its low end unless given apart.
pub fn parse_figures(value: &str) -> Option<Count> {
    let num = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|n| *n >= 0.0 && n.is_finite())
    };
    let (low, high) = match value.split_once('-') {
        Some((a, b)) => (num(a)?, num(b)?),
        None => (num(value)?, num(value)?),
    };
    (low <= high).then_some(Count {
        low: Some(low),
        best: Some(low),
        high: Some(high),
    })
}

/// Checks a value for `field`; the error says what is expected.
pub fn check(field: ClaimField, value: &str) -> Result<(), String> {
    let ok = match field {
        ClaimField::Killed | ClaimField::Injured => parse_figures(value).is_some(),
        ClaimField::Kind => matches!(value, "killed" | "injured"),
        ClaimField::Source | ClaimField::Group => !value.trim().is_empty(),
    };
    if ok {
        return Ok(());
    }
    Err(match field {
        ClaimField::Killed | ClaimField::Injured => {
            format!("{}={value}: figures are N or LOW-HIGH", field.name())
        }
        ClaimField::Kind => format!("kind={value}: a claim is of killed or injured"),
        _ => format!("{}: empty value", field.name()),
    })
}

fn figures(c: &Option<Count>) -> Option<String> {
    let c = c.as_ref()?;
    match (c.low, c.high) {
        (Some(l), Some(h)) if l != h => Some(format!("{l}-{h}")),
        _ => c.best.or(c.low).or(c.high).map(|v| v.to_string()),
    }
}

/// The value of `field` in a report's claim.
pub fn value(r: &Report, field: ClaimField) -> Option<String> {
    match field {
        ClaimField::Killed => figures(&r.killed),
        ClaimField::Injured => figures(&r.injured),
        ClaimField::Source => r.attributed_to.first().cloned().or(r.outlet.clone()),
        ClaimField::Group => {
            let groups: Vec<&str> = r.killed_by_group.keys().map(String::as_str).collect();
            (!groups.is_empty()).then(|| groups.join(";"))
        }
        ClaimField::Kind => match (&r.killed, &r.injured) {
            (Some(_), _) => Some("killed".into()),
            (None, Some(_)) => Some("injured".into()),
            _ => None,
        },
    }
}

/// Sets `field` of a report's claim to `value` (checked before it was written).
pub fn set(r: &mut Report, field: ClaimField, value: &str) {
    match field {
        ClaimField::Killed => {
            r.killed = parse_figures(value);
            if r.killed_by_group.len() == 1 {
                if let (Some(g), Some(k)) = (r.killed_by_group.values_mut().next(), r.killed) {
                    *g = k;
                }
            }
        }
        ClaimField::Injured => r.injured = parse_figures(value),
        ClaimField::Source => r.attributed_to = vec![value.trim().to_string()],
        ClaimField::Group => {
            r.killed_by_group.clear();
            if let Some(k) = r.killed {
                r.killed_by_group.insert(value.trim().to_string(), k);
            }
        }
        ClaimField::Kind if value == "injured" && r.killed.is_some() => {
            r.injured = r.killed.take();
            r.killed_by_group.clear();
        }
        ClaimField::Kind if value == "killed" && r.injured.is_some() => {
            r.killed = r.injured.take();
        }
        ClaimField::Kind => {}
    }
}

/// Splits `claim.REPORT.FIELD` into the report (`ARTICLE` or
/// `ARTICLE#EVENT`) and the part; `None` when `name` is no claim change.
pub fn split_name(name: &str) -> Option<Result<(&str, ClaimField), String>> {
    let rest = name.strip_prefix("claim.")?;
    let Some((report, part)) = rest.rsplit_once('.') else {
        return Some(Err(format!("{name}: expected claim.REPORT.FIELD")));
    };
    let names: Vec<&str> = ClaimField::ALL.iter().map(|(n, _)| *n).collect();
    Some(
        ClaimField::parse(part)
            .map(|f| (report, f))
            .ok_or_else(|| format!("{part}: a claim's field is {}", names.join(", "))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_changes_are_read_and_checked() {
        assert_eq!(
            split_name("claim.enab-1#0.killed"),
            Some(Ok(("enab-1#0", ClaimField::Killed)))
        );
        assert_eq!(
            split_name("claim.a.b.source"),
            Some(Ok(("a.b", ClaimField::Source)))
        );
        assert!(split_name("claim.enab-1#0.toll").unwrap().is_err());
        assert!(split_name("claim.killed").unwrap().is_err());
        assert_eq!(split_name("fatalities"), None);
        let range = parse_figures("12-15").unwrap();
        assert_eq!(
            (range.low, range.best, range.high),
            (Some(12.0), Some(12.0), Some(15.0))
        );
        assert!(parse_figures("15-12").is_none() && parse_figures("-3").is_none());
        assert!(check(ClaimField::Kind, "injured").is_ok());
        assert!(check(ClaimField::Kind, "dead").is_err());
        assert!(check(ClaimField::Killed, "many").is_err());
        assert!(check(ClaimField::Source, " ").is_err());
    }
}
