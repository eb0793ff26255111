//! Prints what the entity extractors find in the text given as argument.
use rasad_entities::Lexicon;
use rasad_text::Analysis;
fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let lx = Lexicon::bundled();
    let a = Analysis::new(text.as_str(), vec![]);
    for m in lx.actor_mentions(&a) {
        println!("actor {} {:?} {:?}", m.code, m.term, m.kind);
    }
    for s in lx.sources(&a, None) {
        println!("source {} {:?}", s.name, s.id);
    }
    for p in lx.persons(&a, &[], &[]) {
        println!("person {} {:?}", p.name, p.aliases);
    }
    let toks: Vec<&str> = a.tokens().iter().map(|t| t.text(a.key_str())).collect();
    println!("tokens {toks:?}");
}
