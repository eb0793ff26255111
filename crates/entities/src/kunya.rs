//! Kunyas (`أبو مصطفى القطري`): the head is declined (أبو nominative, أبي
//! genitive, أبا accusative); names are output in the nominative and compared on
//! a key where the three forms are one.

use crate::lexicon::key;

/// True when the key word is a kunya head.
pub fn is_head(word_key: &str) -> bool {
    matches!(word_key, "ابو" | "ابي" | "ابا" | "ام")
}

/// The name with a genitive or accusative kunya head put in the nominative:
/// `أبي الحسن الحمصي` → `أبو الحسن الحمصي`. Other names are returned unchanged.
pub fn nominative(name: &str) -> String {
    let mut words = name.split(' ');
    let Some(first) = words.next() else {
        return String::new();
    };
    let rest: Vec<&str> = words.collect();
    let head = match key(first).as_str() {
        "ابي" | "ابا" if !rest.is_empty() => "أبو",
        _ => first,
    };
    if rest.is_empty() {
        head.to_string()
    } else {
        format!("{head} {}", rest.join(" "))
    }
}

/// Comparison key of a person's name: folded, kunya heads unified, spaces
/// removed (`عبد الله` = `عبدالله`).
pub fn person_key(name: &str) -> String {
    key(name)
        .split(' ')
        .map(|w| {
            if w == "ابي" || w == "ابا" {
                "ابو"
            } else {
                w
            }
        })
        .collect::<String>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nominative_table() {
        let table = [
            ("أبي الحسن الحمصي", "أبو الحسن الحمصي"),
            ("أبا بكر البغدادي", "أبو بكر البغدادي"),
            ("ابي محمد", "أبو محمد"),
            ("أبو مصطفى القطري", "أبو مصطفى القطري"),
            ("أم محمد", "أم محمد"),
            ("أبي", "أبي"),
            ("أحمد حسن", "أحمد حسن"),
            ("", ""),
        ];
        for (name, want) in table {
            assert_eq!(nominative(name), want, "{name}");
        }
    }

    #[test]
    fn key_table() {
        assert_eq!(
            person_key("أبي الحسن الحمصي"),
            person_key("أبو الحسن الحمصي")
        );
        assert_eq!(person_key("عبد الله"), person_key("عبدالله"));
        assert_ne!(person_key("أبو بكر"), person_key("أم بكر"));
        assert!(is_head("ابي") && !is_head("ابن"));
    }
}
