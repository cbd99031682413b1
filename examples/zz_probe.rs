use ownlint::model::Text;
use ownlint::source::Span;
fn main() {
    let items = ["Authentication Archive verification: P90 ≤ 2min", "Catalog Archive reconciliation completeness: ≥ 99.999%", "Catalog Archive lookup: P99 <= 5s", "Authentication Archive throughput: >= 50 ops/hour"];
    let mut n = 0usize;
    for i in 0..40000 {
        let s = items[i % 4];
        let t = Text::exact(s, Span::new(0, s.len()));
        let slo = ownlint::model::Slo::from_item(&t);
        n += slo.parsed.is_ok() as usize;
    }
    println!("{n}");
}
