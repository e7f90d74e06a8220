//! Speed of the reuse checker (`cargo bench --bench reuse_speed`), on archives built from
//! ../shared/corpus by copying it over and over with one Han character in about every eight
//! replaced (so the copies are not duplicates): about 100 MB, and with `REUSE_BENCH_SIZES=100,1000`
//! also about 1 GB (ten times as many copies, built the same way). For each archive, whole
//! processes of the binary, timed by wall clock and by user+sys CPU (GNU time):
//!
//! - cold indexing (the index deleted, then `check` of a tiny draft): MB/s per CPU-second, and wall;
//! - `check --format json` of a 5,000-character draft with the index warm: ms and peak RSS;
//! - adding one speech to the archive, then `check`: only that speech is indexed.
//!
//! Best and median of several runs (the machine may be shared: the best shows what the code does,
//! the median what to expect). Plus `diff --format json` of two 10,000-character drafts.
//! `REUSE_BENCH_DIR` keeps the archives between runs (they are rebuilt only when missing).
//! Skips when the corpus is absent.

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

/// The archive of about `mb` megabytes under `root`, built unless a finished one is there.
fn build_archive(root: &Path, files: &[(String, String)], mb: u64) -> (PathBuf, u64, usize) {
    let archive = root.join(format!("archive-{mb}mb"));
    let done = root.join(format!("archive-{mb}mb.done"));
    if let Ok(s) = std::fs::read_to_string(&done)
        && let Some((bytes, n)) = s.trim().split_once(' ')
        && let (Ok(bytes), Ok(n)) = (bytes.parse(), n.parse())
    {
        return (archive, bytes, n);
    }
    let _ = std::fs::remove_dir_all(&archive);
    let mut rng = eval::Rng::new(8);
    let (mut total, mut copy, mut n) = (0u64, 0, 0);
    while total < mb * 1_000_000 {
        for (rel, text) in files {
            let t = mutate(&mut rng, text);
            let p = archive.join(format!("copy{copy:03}")).join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            total += t.len() as u64;
            n += 1;
            std::fs::write(p, t).unwrap();
        }
        copy += 1;
    }
    std::fs::write(&done, format!("{total} {n}")).unwrap();
    (archive, total, n)
}

/// One run of the binary: wall seconds, user+sys CPU seconds and peak RSS (KB) from GNU time.
struct Run {
    wall: f64,
    cpu: Option<f64>,
    rss_kb: Option<u64>,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let bin = env!("CARGO_BIN_EXE_jianggao");
    let gnu_time = Path::new("/usr/bin/time").exists();
    let mut c = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "RSS_KB=%M\nCPU=%U %S", bin]);
        c
    } else {
        Command::new(bin)
    };
    c.current_dir(dir).args(args);
    let t = Instant::now();
    let out = c.output().unwrap();
    let wall = t.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{stderr}");
    let rss_kb = stderr.lines().find_map(|l| l.strip_prefix("RSS_KB=").and_then(|v| v.trim().parse().ok()));
    let cpu = stderr.lines().find_map(|l| {
        let (u, s) = l.strip_prefix("CPU=")?.split_once(' ')?;
        Some(u.trim().parse::<f64>().ok()? + s.trim().parse::<f64>().ok()?)
    });
    Run { wall, cpu, rss_kb }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn best(v: &[f64]) -> f64 {
    v.iter().cloned().fold(f64::MAX, f64::min)
}

fn max(v: &[f64]) -> f64 {
    v.iter().cloned().fold(0.0, f64::max)
}

fn main() {
    let Some(corpus) = common::corpus() else {
        println!("reuse_speed: ../shared/corpus not found, skipped");
        return;
    };
    let files = corpus_files(&corpus);
    let tmp_dir = tempfile::tempdir().unwrap();
    let root =
        std::env::var("REUSE_BENCH_DIR").map(PathBuf::from).unwrap_or_else(|_| tmp_dir.path().to_path_buf());
    std::fs::create_dir_all(&root).unwrap();
    let sizes: Vec<u64> = std::env::var("REUSE_BENCH_SIZES")
        .unwrap_or_else(|_| "100".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("cores: {cores}");

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
    std::fs::write(root.join("draft.txt"), &draft).unwrap();
    std::fs::write(root.join("tiny.txt"), "同志们，今天的会议很重要。\n").unwrap();

    for &mb in &sizes {
        let (archive, bytes, n) = build_archive(&root, &files, mb);
        let name = archive.file_name().unwrap().to_string_lossy().into_owned();
        println!("\n## archive {name}: {n} files, {:.1} MB", bytes as f64 / 1e6);
        let index_dir = archive.join(".jianggao");

        // Cold indexing, whole process (reading, folding, fingerprinting, writing).
        let cold_runs = if mb >= 1000 { 2 } else { 3 };
        let (mut walls, mut per_cpu) = (Vec::new(), Vec::new());
        for _ in 0..cold_runs {
            let _ = std::fs::remove_dir_all(&index_dir);
            let r = run(&root, &["check", "tiny.txt", "--archive", &name, "--format", "json"]);
            walls.push(r.wall);
            if let Some(c) = r.cpu {
                per_cpu.push(bytes as f64 / 1e6 / c);
            }
        }
        println!(
            "cold index ({cold_runs} runs): wall best {:.2} s ({:.0} MB/s), median {:.2} s; {}",
            best(&walls),
            bytes as f64 / 1e6 / best(&walls),
            median(walls.clone()),
            if per_cpu.is_empty() {
                "CPU n/a".to_string()
            } else {
                format!(
                    "per CPU-second best {:.0} MB/s, median {:.0} MB/s",
                    max(&per_cpu),
                    median(per_cpu.clone())
                )
            }
        );
        let idx_bytes: u64 =
            std::fs::read_dir(&index_dir).unwrap().flatten().map(|e| e.metadata().unwrap().len()).sum();
        println!("index size: {:.1} MB", idx_bytes as f64 / 1e6);

        // Warm check.
        let args = ["check", "draft.txt", "--archive", name.as_str(), "--format", "json"];
        run(&root, &args);
        let (mut times, mut cpus, mut rss) = (Vec::new(), Vec::new(), 0u64);
        for _ in 0..9 {
            let r = run(&root, &args);
            times.push(r.wall * 1e3);
            cpus.extend(r.cpu.map(|c| c * 1e3));
            rss = rss.max(r.rss_kb.unwrap_or(0));
        }
        println!(
            "warm check --format json, 5,000-char draft (9 runs): best {:.1} ms, median {:.1} ms, max {:.1} ms; CPU median {}; peak RSS {}",
            best(&times),
            median(times.clone()),
            max(&times),
            if cpus.is_empty() { "n/a".into() } else { format!("{:.0} ms", median(cpus)) },
            if rss == 0 { "n/a".into() } else { format!("{:.0} MB", rss as f64 / 1024.0) }
        );

        // Adding one speech: a new file each run, the index brought up to date in process (so
        // what it re-read is known), then a whole `check`; the files are removed again at the end.
        let (mut updates, mut checks, mut reread) = (Vec::new(), Vec::new(), Vec::new());
        let added = archive.join("added");
        for i in 0..3u64 {
            let p = added.join(format!("2026-01-0{}-新增讲话.txt", i + 1));
            std::fs::create_dir_all(&added).unwrap();
            std::fs::write(&p, mutate(&mut eval::Rng::new(100 + i), &files[i as usize].1)).unwrap();
            let t = Instant::now();
            let (idx, notes) = jianggao::reuse::index::open(&archive, false, None).unwrap();
            updates.push(t.elapsed().as_secs_f64() * 1e3);
            drop(idx);
            reread.push(format!(
                "{} file(s) {:.0} KB{}",
                notes.indexed,
                notes.bytes as f64 / 1e3,
                if notes.notes.is_empty() { String::new() } else { format!(" ({})", notes.notes.join("; ")) }
            ));
            checks.push(run(&root, &args).wall * 1e3);
        }
        let _ = std::fs::remove_dir_all(&added);
        run(&root, &args);
        println!(
            "add one speech (3 runs): index update best {:.0} ms, median {:.0} ms; re-read: {}; then warm check median {:.0} ms",
            best(&updates),
            median(updates.clone()),
            reread.join(", "),
            median(checks)
        );
    }

    // diff of two 10,000-character drafts.
    let old = pick("gwr-prov-2025/zhejiang-2025.txt", 1000, 10_000);
    let new = mutate(&mut eval::Rng::new(5), &pick("gwr-prov-2025/zhejiang-2025.txt", 1500, 10_000));
    std::fs::write(root.join("old.txt"), old).unwrap();
    std::fs::write(root.join("new.txt"), new).unwrap();
    let mut times = Vec::new();
    for _ in 0..9 {
        times.push(run(&root, &["diff", "old.txt", "new.txt", "--format", "json"]).wall * 1e3);
    }
    println!(
        "\ndiff --format json, two 10,000-char drafts: best {:.1} ms, median {:.1} ms",
        best(&times),
        median(times.clone())
    );
}
