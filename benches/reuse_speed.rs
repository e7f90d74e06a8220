//! Speed of the reuse checker (`cargo bench --bench reuse_speed`), on an archive of about 100 MB
//! built from ../shared/corpus by copying it with one Han character in about every eight replaced
//! (so the copies are not duplicates). Prints: indexing MB/s (one core), `check --format json`
//! of a 5,000-character draft with the index warm (whole process, median of runs, peak RSS), and
//! `diff --format json` of two 10,000-character drafts. Skips when the corpus is absent.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[path = "../tests/common/mod.rs"]
#[allow(dead_code)]
mod common;
#[path = "../tests/support/eval.rs"]
#[allow(dead_code)]
mod eval;

fn corpus_files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&p).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

fn mutate(rng: &mut eval::Rng, text: &str) -> String {
    const POOL: &[char] =
        &['新', '发', '展', '建', '设', '改', '革', '创', '业', '民', '生', '安', '全', '绿', '色'];
    text.chars()
        .map(|c| {
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) && rng.below(8) == 0 {
                POOL[rng.below(POOL.len())]
            } else {
                c
            }
        })
        .collect()
}

/// CPU time of this thread: on a shared machine wall time measures the neighbours too.
#[cfg(unix)]
fn thread_cpu() -> Option<std::time::Duration> {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec we own.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| std::time::Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(unix))]
fn thread_cpu() -> Option<std::time::Duration> {
    None
}

fn time_process(cmd: &mut Command) -> (f64, Option<u64>) {
    // Peak resident set via GNU time when it is there.
    let t = Instant::now();
    let out = cmd.output().unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    let rss = String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| l.strip_prefix("RSS_KB=").and_then(|v| v.trim().parse().ok()));
    (secs, rss)
}

thread_local! {
    /// user+sys CPU of each timed process, from GNU time (10 ms resolution).
    static CPU_MS: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let Some(corpus) = common::corpus() else {
        println!("reuse_speed: ../shared/corpus not found, skipped");
        return;
    };
    let bin = env!("CARGO_BIN_EXE_jianggao");
    let files = corpus_files(&corpus);
    let tmp_dir = tempfile::tempdir().unwrap();
    // REUSE_BENCH_DIR keeps the archive and drafts for profiling.
    let root =
        std::env::var("REUSE_BENCH_DIR").map(PathBuf::from).unwrap_or_else(|_| tmp_dir.path().to_path_buf());
    let tmp = &root;
    let archive = tmp.join("archive");
    let mut rng = eval::Rng::new(8);
    let mut total = 0u64;
    let mut copy = 0;
    while total < 100_000_000 {
        for (rel, text) in &files {
            let t = mutate(&mut rng, text);
            let p = archive.join(format!("copy{copy:02}")).join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            total += t.len() as u64;
            std::fs::write(p, t).unwrap();
        }
        copy += 1;
    }
    println!("archive: {} files, {:.1} MB", files.len() * copy, total as f64 / 1e6);

    // Indexing, in process, one thread: three full builds (on a shared machine one run can be
    // slowed by the neighbours; the best shows what the code does, the median what to expect).
    let mut runs: Vec<(f64, Option<f64>)> = Vec::new();
    let mut indexed = (0, 0u64);
    for _ in 0..3 {
        let t = Instant::now();
        let cpu0 = thread_cpu();
        let (idx, notes) = jianggao::reuse::index::open(&archive, true, None).unwrap();
        let secs = t.elapsed().as_secs_f64();
        let cpu = cpu0.and_then(|c0| thread_cpu().map(|c1| (c1 - c0).as_secs_f64()));
        drop(idx);
        runs.push((secs, cpu));
        indexed = (notes.indexed, notes.bytes);
    }
    let mb = indexed.1 as f64 / 1e6;
    let walls: Vec<f64> = runs.iter().map(|r| r.0).collect();
    let cpus: Vec<f64> = runs.iter().filter_map(|r| r.1).collect();
    println!(
        "index build (one thread, 3 runs): {} files, {:.1} MB; wall best {:.2} s = {:.0} MB/s, median {:.0} MB/s; CPU {}",
        indexed.0,
        mb,
        walls.iter().cloned().fold(f64::MAX, f64::min),
        mb / walls.iter().cloned().fold(f64::MAX, f64::min),
        mb / median(walls.clone()),
        if cpus.is_empty() {
            "n/a".to_string()
        } else {
            format!(
                "best {:.0} MB/s, median {:.0} MB/s per core",
                mb / cpus.iter().cloned().fold(f64::MAX, f64::min),
                mb / median(cpus.clone())
            )
        }
    );
    let idx_bytes: u64 = std::fs::read_dir(archive.join(".jianggao"))
        .unwrap()
        .flatten()
        .map(|e| e.metadata().unwrap().len())
        .sum();
    println!("index size: {:.1} MB", idx_bytes as f64 / 1e6);

    // A 5,000-character draft: two lightly edited excerpts from real reports plus our own text.
    let pick = |name: &str, from: usize, n: usize| -> String {
        let (_, t) = files.iter().find(|(r, _)| r.ends_with(name)).unwrap();
        t.chars().skip(from).take(n).collect()
    };
    let mut draft = pick("gwr-prov-2026/anhui-2026.txt", 2000, 1800);
    draft.push_str(&mutate(
        &mut eval::Rng::new(3),
        &pick("xi-speeches-2022-2025/xi-20221025-01.txt", 5000, 1600),
    ));
    while draft.chars().count() < 5000 {
        draft.push_str("各地要结合实际抓好贯彻落实，确保各项部署落到实处、见到实效。\n");
    }
    let draft: String = draft.chars().take(5000).collect();
    std::fs::write(tmp.join("draft.txt"), &draft).unwrap();

    let gnu_time = Path::new("/usr/bin/time").exists();
    let check = || {
        let mut c = if gnu_time {
            let mut c = Command::new("/usr/bin/time");
            c.args(["-f", "RSS_KB=%M\nCPU=%U %S", bin]);
            c
        } else {
            Command::new(bin)
        };
        c.current_dir(tmp).args(["check", "draft.txt", "--archive", "archive", "--format", "json"]);
        c
    };
    time_process(&mut check()); // warm
    CPU_MS.with(|c| c.borrow_mut().clear());
    let mut times = Vec::new();
    let mut rss = None;
    for _ in 0..9 {
        let (s, r) = time_process(&mut check());
        times.push(s);
        rss = rss.max(r);
    }
    println!(
        "check --format json, 5,000-char draft, 100 MB archive, warm index: median {:.1} ms (min {:.1}, max {:.1}), peak RSS {}",
        median(times.clone()) * 1e3,
        times.iter().cloned().fold(f64::MAX, f64::min) * 1e3,
        times.iter().cloned().fold(0.0, f64::max) * 1e3,
        rss.map(|k| format!("{:.0} MB", k as f64 / 1024.0)).unwrap_or_else(|| "n/a".into())
    );
    let cpu = CPU_MS.with(|c| c.borrow().clone());
    if !cpu.is_empty() {
        println!("  same runs, user+sys CPU per process: median {:.0} ms", median(cpu));
    }

    // diff of two 10,000-character drafts.
    let old = pick("gwr-prov-2025/zhejiang-2025.txt", 1000, 10_000);
    let new = mutate(&mut eval::Rng::new(5), &pick("gwr-prov-2025/zhejiang-2025.txt", 1500, 10_000));
    std::fs::write(tmp.join("old.txt"), old).unwrap();
    std::fs::write(tmp.join("new.txt"), new).unwrap();
    let mut times = Vec::new();
    for _ in 0..9 {
        let (s, _) = time_process(
            Command::new(bin).current_dir(tmp).args(["diff", "old.txt", "new.txt", "--format", "json"]),
        );
        times.push(s);
    }
    println!("diff --format json, two 10,000-char drafts: median {:.1} ms", median(times) * 1e3);
}
