//! Criterion benches of the hot path: article parsing, quotes, claims.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn article(c: &mut Criterion) {
    let text = include_str!("../examples/data/sample-001.txt");
    let mut g = c.benchmark_group("article");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("typical", |b| {
        b.iter(|| whosaid::parse(std::hint::black_box(text)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, article);
criterion_main!(benches);
