//! Throughput of cleaning and of HTML extraction, on generated pages (the
//! seeds are added when `../shared` is present).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasad_ingest::{clean, html, Format, RawDoc};

const PARA: &str = "قالت مصادر محلية إن قوات النظام قصفت بالمدفعية الثقيلة أحياء في مدينة درعا البلد صباح اليوم، ما أدى إلى مقتل ثلاثة مدنيين وإصابة آخرين بجروح متفاوتة.";

fn page() -> String {
    let mut s = String::from("عاجل\n\nمقتل ثلاثة مدنيين بقصف على درعا\n\n| الوطن - وكالات\n\n");
    for _ in 0..20 {
        s.push_str(PARA);
        s.push_str("\n\n");
    }
    s.push_str("مقالات ذات صلة\n\nغارات على إدلب\n\nاترك رد\n\n%d مدونون معجبون بهذه:");
    s
}

fn docs() -> Vec<RawDoc> {
    let mut texts = vec![page()];
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
    if let Ok(dir) = std::fs::read_dir(seeds) {
        for e in dir.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                texts.push(t);
            }
        }
    }
    texts
        .into_iter()
        .map(|text| RawDoc {
            id: "b".into(),
            text,
            format: Format::Text,
            url: None,
            outlet: None,
            published: None,
            title: None,
            origin: "bench".into(),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = docs();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut g = c.benchmark_group("ingest");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("clean", |b| {
        b.iter(|| {
            let kept: usize = docs.iter().map(|d| clean(d).body_spans.len()).sum();
            assert!(kept >= docs.len());
            kept
        })
    });
    let html_page = format!(
        "<html><head><title>مقتل ثلاثة مدنيين</title></head><body><nav>الرئيسية</nav><article>{}</article></body></html>",
        format!("<p>{PARA}</p>").repeat(20)
    );
    g.throughput(Throughput::Bytes(html_page.len() as u64));
    g.bench_function("html", |b| {
        b.iter(|| {
            let d = html::extract(&html_page);
            assert!(d.text.contains("درعا البلد"));
            d.text.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
