//! Fold throughput over ../shared/corpus on one core, in MB/s of input (UTF-8 bytes).
//! The bar is ≥ 100 MB/s. Run with `cargo bench --bench fold`. Skips when the corpus is absent.

#[path = "../tests/common/mod.rs"]
#[allow(dead_code)]
mod common;

use std::time::{Duration, Instant};

/// CPU time of this thread: on a shared machine wall time measures the neighbours too.
#[cfg(unix)]
fn thread_cpu() -> Option<Duration> {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec we own.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(unix))]
fn thread_cpu() -> Option<Duration> {
    None
}

fn main() {
    let Some(files) = common::corpus_txt_files() else {
        println!("fold: skipped (../shared/corpus not found; set JIANGGAO_CORPUS to run)");
        return;
    };
    let texts: Vec<String> =
        files.iter().map(|p| jianggao::text::read::read_path(p).expect("read corpus file").text).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();

    let mut best = Duration::MAX;
    let mut total = Duration::ZERO;
    let mut best_cpu = Duration::MAX;
    let mut total_cpu = Duration::ZERO;
    let mut rounds = 0u32;
    let mut folded = 0usize;
    while rounds < 5 || (total < Duration::from_secs(3) && rounds < 50) {
        let cpu0 = thread_cpu();
        let start = Instant::now();
        folded = 0;
        for t in &texts {
            folded += std::hint::black_box(jianggao::text::fold::fold(std::hint::black_box(t))).len();
        }
        let took = start.elapsed();
        if let (Some(a), Some(b)) = (cpu0, thread_cpu()) {
            best_cpu = best_cpu.min(b - a);
            total_cpu += b - a;
        }
        best = best.min(took);
        total += took;
        rounds += 1;
    }
    let mb = bytes as f64 / 1e6;
    let rate = |d: Duration| mb / d.as_secs_f64();
    println!(
        "fold: {} files, {:.1} MB, {} chars → {} folded, {} rounds on one thread",
        texts.len(),
        mb,
        chars,
        folded,
        rounds
    );
    println!("  wall time: best {:.0} MB/s, mean {:.0} MB/s", rate(best), rate(total / rounds));
    if total_cpu > Duration::ZERO {
        println!(
            "  CPU time:  best {:.0} MB/s, mean {:.0} MB/s  (per core; the bar is 100 MB/s)",
            rate(best_cpu),
            rate(total_cpu / rounds)
        );
    }
}
