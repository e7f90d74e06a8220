//! Phrasebook maintenance speed: `lint` (all rules, near-duplicates across every variant pair
//! sharing k-grams), `fmt` of every shipped file, `stats` against a synthetic archive, and
//! `harvest` of a long numbered speech. Run with `cargo bench --bench phrasebook`.

use std::time::{Duration, Instant};

use jianggao::phrasebook::{LayerSource, Phrasebook, fmt, harvest, layer_files, lint, stats};

/// Median wall time of `runs` calls.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let sources = [LayerSource::Embedded];
    let book = Phrasebook::load(&[]).expect("shipped phrasebook loads");
    let variants: usize = book.entries().iter().map(|e| e.point.variants.len()).sum();
    let t = time(5, || lint::lint(&sources, &lint::Options::default()).unwrap());
    println!(
        "lint: shipped phrasebook ({} points, {variants} variants): {:.1} ms",
        book.len(),
        t.as_secs_f64() * 1e3
    );

    let files = layer_files(&LayerSource::Embedded).unwrap();
    let bytes: usize = files.iter().map(|(_, _, t)| t.len()).sum();
    let t = time(9, || {
        for (path, _, text) in &files {
            fmt::format(text, path).unwrap();
        }
    });
    println!(
        "fmt: {} files, {} KiB: {:.2} ms ({:.1} MiB/s)",
        files.len(),
        bytes / 1024,
        t.as_secs_f64() * 1e3,
        bytes as f64 / t.as_secs_f64() / 1048576.0
    );

    // A synthetic archive: 200 speeches of ~3,000 characters, each made of 12 variants (example
    // values filled in) and filler sentences, dated over four years.
    let all: Vec<String> = book
        .entries()
        .iter()
        .flat_map(|e| e.point.variants.iter().map(move |v| jianggao::phrasebook::browse::render(v, e)))
        .collect();
    let filler = "会议还研究了其他事项，与会同志结合各自分工作了发言，大家一致表示要把会议精神带回去、传下去、落下去。";
    let speeches: Vec<stats::Speech> = (0..200)
        .map(|i| {
            let mut text = String::new();
            for k in 0..12 {
                text.push_str(&all[(i * 7 + k * 13) % all.len()]);
                text.push_str(filler);
            }
            let date = format!("{}-{:02}-{:02}", 2022 + i / 50, 1 + (i % 12), 1 + (i % 28));
            stats::Speech::new(format!("s{i}"), Some(date), &text)
        })
        .collect();
    let chars: usize = 200 * 3000;
    let t = time(3, || stats::stats(&book, &speeches));
    println!(
        "stats: {variants} variants × 200 speeches (~{} k chars): {:.0} ms",
        chars / 1000,
        t.as_secs_f64() * 1e3
    );

    let mut speech = String::from("同志们：\n");
    for s in 1..=6u32 {
        speech.push_str(&format!("{}、第{s}部分的标题\n", jianggao::text::numbering::han_numeral(s)));
        for p in 1..=5u32 {
            speech.push_str(&format!("（{}）分论点。", jianggao::text::numbering::han_numeral(p)));
            speech.push_str(&all[(s * 5 + p) as usize % all.len()]);
            speech.push('\n');
        }
    }
    let t = time(9, || harvest::harvest(&speech));
    println!("harvest: {} chars, 30 items: {:.2} ms", speech.chars().count(), t.as_secs_f64() * 1e3);
}
