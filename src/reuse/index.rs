//! The on-disk fingerprint index of an archive, in `ARCHIVE/.jianggao/`.
//!
//! Layout: `manifest.json` (a header line `jianggao-index <version> <xxh3 of the rest>` and the
//! JSON list of indexed files with size, mtime, content hash and folded-content hash) plus one or
//! more segment files of winnowed fingerprints. A segment is a hash table on disk: a header, a
//! bucket directory (entry index and checksum per bucket) and the entries `(hash low 32 bits, doc,
//! key position)`. Opening checks the header and directory checksums only, so it stays cheap on a
//! large archive; each bucket is checked when it is read (small segments are checked whole).
//!
//! Updates are incremental, in steps (plan, read, write): files whose size and mtime are
//! unchanged are kept without reading; changed ones are re-read (on every core) and compared by
//! content hash; new and changed files go to a new segment, removed ones are dropped from the
//! manifest (their entries are ignored until the next compaction). A warm open reads the manifest
//! once and stats the files under a shared lock, without writing, so a read-only archive with a
//! valid index works. Two processes never write at once: updates hold an exclusive lock on
//! `.jianggao/lock`, readers a shared one; files are replaced by atomic rename. Where
//! `.jianggao` cannot be written the index goes to the per-user cache folder, else to memory.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::error::{Error, Location, Result};
use crate::reuse::fingerprint::{K, KeyView, Scratch, WINDOW, index_fingerprints_into, key_view_text};
use crate::text::fold::{fold_document, fold_document_into};
use crate::text::read::{Document, FrontMatter};

/// Bumped whenever the manifest, the segment layout, folding or hashing change.
pub const VERSION: u32 = 2;
/// The folder inside the archive that holds the index.
pub const DIR_NAME: &str = ".jianggao";
const MANIFEST: &str = "manifest.json";
const LOCK: &str = "lock";
const SEG_MAGIC: &[u8; 8] = b"JGSEG\x00\x00\x01";
const HEADER_LEN: usize = 64;
const ENTRY_LEN: usize = 8;
/// An entry packs 20 check bits of the hash (the bucket holds others), the document (22 bits) and
/// the key position (22 bits) into one little-endian u64.
const DOC_BITS: u32 = 22;
const POS_BITS: u32 = 22;
const CHECK_MASK: u64 = (1 << 20) - 1;
/// Entries per bucket aimed at: one read of about a kilobyte per looked-up hash, and a directory
/// small enough (8 bytes per bucket) to read and check on every open.
const BUCKET_TARGET: usize = 128;

fn pack(hash: u64, doc: u32, pos: u32) -> u64 {
    ((hash & CHECK_MASK) << (DOC_BITS + POS_BITS)) | ((doc as u64) << POS_BITS) | pos as u64
}
/// Segments whose entries take at most this many bytes are checked whole when opened.
const VERIFY_WHOLE_BELOW: u64 = 32 << 20;
/// More segments than this, or more dead documents than live ones, and the index is rebuilt whole.
const MAX_SEGMENTS: usize = 8;

/// One archive file as the index knows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocEntry {
    pub id: u32,
    /// Path inside the archive, `/`-separated.
    pub path: String,
    pub size: u64,
    pub mtime_ns: u64,
    /// xxh3 of the file's bytes.
    pub content_hash: u64,
    /// xxh3 of the folded key text: equal for copies that differ only in format or encoding.
    pub folded_hash: u64,
    /// Key characters (folded, punctuation left out).
    pub key_len: u32,
    pub title: String,
    pub date: Option<String>,
    pub audience: Option<String>,
    pub occasion: Option<String>,
    /// The segment holding this document's fingerprints.
    pub segment: u32,
}

/// A file that could not be read; kept so it is listed once per run, not re-read every time.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Unreadable {
    pub path: String,
    pub size: u64,
    pub mtime_ns: u64,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct SegmentEntry {
    id: u32,
    file: String,
    entries: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Manifest {
    version: u32,
    k: u32,
    window: u32,
    next_doc: u32,
    next_segment: u32,
    docs: Vec<DocEntry>,
    unreadable: Vec<Unreadable>,
    segments: Vec<SegmentEntry>,
}

impl Manifest {
    fn empty() -> Self {
        Manifest {
            version: VERSION,
            k: K as u32,
            window: WINDOW as u32,
            next_doc: 0,
            next_segment: 0,
            docs: Vec::new(),
            unreadable: Vec::new(),
            segments: Vec::new(),
        }
    }
}

/// What an update did, for the command to tell the user (the library never prints).
#[derive(Debug, Clone, Default)]
pub struct UpdateNotes {
    /// Lines for stderr: a rebuilt index and why.
    pub notes: Vec<String>,
    /// Files added or re-indexed in this run.
    pub indexed: usize,
    /// Bytes read and indexed in this run.
    pub bytes: u64,
}

/// Progress of an index update: called with (bytes done, bytes total).
pub type Progress<'a> = &'a dyn Fn(u64, u64);

/// A fingerprint hit: key position `pos` of document `doc` holds a k-gram with this hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub hash: u64,
    pub doc: u32,
    pub pos: u32,
}

/// An open, up-to-date index, read under a shared lock.
pub struct Index {
    pub archive: PathBuf,
    /// Sorted by id (the manifest keeps them so), looked up by binary search.
    docs: Vec<DocEntry>,
    unreadable: Vec<Unreadable>,
    segments: Vec<SegmentReader>,
    /// The shared lock, when the index folder could be locked (not for a read-only one).
    _lock: Option<File>,
}

/// Files the archive holds: `.txt`, `.md`, `.docx` found recursively, dot-folders skipped (the
/// shared archive walk).
pub fn scan_archive(dir: &Path) -> Result<Vec<PathBuf>> {
    crate::archive::walk(dir, &|p| crate::archive::is_speech_file(p))
}

/// The path of `file` inside `archive`, `/`-separated.
pub fn relative(archive: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(archive).unwrap_or(file);
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

fn mtime_ns(md: &std::fs::Metadata) -> u64 {
    md.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// Read one archive file the way the index and the report both see it.
pub fn read_document(path: &Path, bytes: &[u8]) -> Result<Document> {
    crate::text::read::decode(path, bytes)
}

/// Title and date of a speech: front matter first, else the file name (a leading date such as
/// `2025-03-18-` or `20250318` is taken as the date).
pub fn describe(path: &Path, fm: Option<&FrontMatter>) -> (String, Option<String>) {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (name_date, name_title) = crate::archive::split_dated_name(&stem);
    let title = fm
        .and_then(|f| f.title.clone())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| name_title.to_string());
    let date = fm.and_then(|f| f.date.clone()).or(name_date);
    (title, date)
}

/// The folded view and key view of a decoded document's body (front matter left out); offsets
/// stay into the text as decoded.
pub fn document_key(doc: &Document) -> (crate::text::fold::Folded, KeyView) {
    let folded = fold_document(doc);
    let chars: Vec<char> = doc.text.chars().collect();
    let key = key_view_text(&folded, &chars);
    (folded, key)
}

fn manifest_bytes(m: &Manifest) -> Vec<u8> {
    let body = serde_json::to_vec(m).unwrap_or_default();
    let mut out = format!("jianggao-index {} {:016x}\n", VERSION, xxh3_64(&body)).into_bytes();
    out.extend_from_slice(&body);
    out
}

/// Why a manifest could not be used.
enum Bad {
    Missing,
    Stale(String),
}

fn load_manifest(dir: &Path) -> std::result::Result<Manifest, Bad> {
    let bytes = match std::fs::read(dir.join(MANIFEST)) {
        Ok(b) => b,
        Err(_) => return Err(Bad::Missing),
    };
    let nl = bytes.iter().position(|&b| b == b'\n').ok_or(Bad::Stale("索引文件已损坏".into()))?;
    let header = std::str::from_utf8(&bytes[..nl]).map_err(|_| Bad::Stale("索引文件已损坏".into()))?;
    let parts: Vec<&str> = header.split(' ').collect();
    if parts.len() != 3 || parts[0] != "jianggao-index" {
        return Err(Bad::Stale("索引文件已损坏".into()));
    }
    if parts[1] != VERSION.to_string() {
        return Err(Bad::Stale(format!("索引版本 {} 已过时", parts[1])));
    }
    let body = &bytes[nl + 1..];
    if format!("{:016x}", xxh3_64(body)) != parts[2] {
        return Err(Bad::Stale("索引校验和不符（文件已损坏）".into()));
    }
    let m: Manifest = serde_json::from_slice(body).map_err(|_| Bad::Stale("索引文件已损坏".into()))?;
    if m.version != VERSION || m.k != K as u32 || m.window != WINDOW as u32 {
        return Err(Bad::Stale("索引参数已过时".into()));
    }
    Ok(m)
}

/// Called when an update has waited about a second for another process's lock (the binary
/// says so on stderr; the library never prints). Set once per process.
type LockWaitNotice = Box<dyn Fn(&Path) + Send + Sync>;
static LOCK_WAIT: std::sync::OnceLock<LockWaitNotice> = std::sync::OnceLock::new();

/// Tell the user, through `f`, when an index update waits for another process's lock.
pub fn on_lock_wait(f: impl Fn(&Path) + Send + Sync + 'static) {
    let _ = LOCK_WAIT.set(Box::new(f));
}

/// Lock `.jianggao/lock` exclusively for an update, creating the folder when missing; after
/// about a second of waiting for another process the lock-wait hook is told once.
fn lock_exclusive(dir: &Path) -> Result<File> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "创建索引文件夹", &e))?;
    let path = dir.join(LOCK);
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, "打开索引锁", &e))?;
    let start = std::time::Instant::now();
    let mut told = false;
    loop {
        match f.try_lock() {
            Ok(()) => return Ok(f),
            Err(std::fs::TryLockError::WouldBlock) => {
                if !told && start.elapsed() >= std::time::Duration::from_secs(1) {
                    told = true;
                    if let Some(hook) = LOCK_WAIT.get() {
                        hook(dir);
                    }
                }
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, "锁定索引", &e)),
        }
    }
}

/// A shared lock for reading, when the lock file can be opened at all: a read-only archive
/// (no lock file, or one we may not write) is read without one. Files are only ever replaced
/// by rename and the manifest is checksummed, so an unlocked reader sees old or new, never half.
fn lock_shared(dir: &Path) -> Option<File> {
    let path = dir.join(LOCK);
    let f =
        std::fs::OpenOptions::new().read(true).write(true).open(&path).or_else(|_| File::open(&path)).ok()?;
    f.lock_shared().ok()?;
    Some(f)
}

/// Check that `archive` is a usable archive folder.
pub fn check_archive(archive: &Path) -> Result<()> {
    if !archive.is_dir() {
        return Err(Error::input(Location::file(archive), "讲话库文件夹不存在")
            .with_hint("请用 --archive 指定历年讲话所在的文件夹，或在 jianggao.yaml 中设置 archive"));
    }
    Ok(())
}

/// The per-user cache folder for `archive`'s index, used when `ARCHIVE/.jianggao` cannot be
/// written (a read-only archive, `.jianggao` being a file): one folder per archive path.
fn cache_dir(archive: &Path) -> Option<PathBuf> {
    let base = if cfg!(windows) {
        std::env::var_os("LOCALAPPDATA").map(PathBuf::from)
    } else {
        std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
    }?;
    let abs = std::fs::canonicalize(archive).unwrap_or_else(|_| archive.to_path_buf());
    let key = xxh3_64(abs.to_string_lossy().as_bytes());
    Some(base.join("jianggao").join("index").join(format!("{key:016x}")))
}

/// Bring the index of `archive` up to date (building it when missing, stale or corrupt), then
/// open it for reading. `force` rebuilds from scratch.
///
/// A warm open reads the manifest once and stats the archive's files under a shared lock; the
/// segments are memory-mapped, so only the buckets a lookup touches are read. When
/// `ARCHIVE/.jianggao` cannot be written, the index goes to the per-user cache folder, and when
/// that fails too (a full disk), it is built in memory for this run; either way with one note.
pub fn open(archive: &Path, force: bool, progress: Option<Progress<'_>>) -> Result<(Index, UpdateNotes)> {
    check_archive(archive)?;
    let home = archive.join(DIR_NAME);
    let mut dirs = vec![home.clone()];
    dirs.extend(cache_dir(archive));
    let mut failed: Option<(PathBuf, Error)> = None;
    for dir in &dirs {
        if !force && let Some(opened) = open_unchanged(archive, dir)? {
            return Ok((opened, warned(UpdateNotes::default(), &home, failed.as_ref(), dir)));
        }
        match update_in(archive, dir, force, progress) {
            Ok((idx, notes)) => return Ok((idx, warned(notes, &home, failed.as_ref(), dir))),
            // Not writable, a file in the way, a full disk: try the next place.
            Err(e) => {
                failed.get_or_insert((dir.clone(), e));
            }
        }
    }
    // Nowhere to write: an index in memory, for this run only.
    let m = plan(archive, Manifest::empty(), true, UpdateNotes::default())?;
    let (m, mut segments, mut notes) = build(archive, m, progress)?;
    let Some((dir, e)) = failed else { unreachable!("dirs is never empty") };
    notes.notes.insert(
        0,
        format!(
            "提示：无法写入索引（{}：{}），本次索引只保存在内存中",
            crate::error::display_path(&dir),
            e.message
        ),
    );
    let mut readers = Vec::new();
    for s in &m.segments {
        let bytes = segments.remove(&s.file).unwrap_or_default();
        readers.push(SegmentReader::from_bytes(bytes).map_err(|_| {
            Error::input(Location::file(&dir), "内存中的索引无法读取").with_hint("请重新运行")
        })?);
    }
    Ok((
        Index {
            archive: archive.to_path_buf(),
            docs: m.docs,
            unreadable: m.unreadable,
            segments: readers,
            _lock: None,
        },
        notes,
    ))
}

/// The one warning about an index kept elsewhere than `ARCHIVE/.jianggao`.
fn warned(
    mut notes: UpdateNotes,
    home: &Path,
    failed: Option<&(PathBuf, Error)>,
    used: &Path,
) -> UpdateNotes {
    if used != home {
        let why = failed.map(|(_, e)| e.message.clone()).unwrap_or_else(|| "不可写".into());
        notes.notes.insert(
            0,
            format!(
                "提示：无法写入 {}（{}），索引改存在 {}",
                crate::error::display_path(home),
                why,
                crate::error::display_path(used)
            ),
        );
    }
    notes
}

/// The index in `dir` opened as it is, when its manifest is valid and no archive file changed
/// since; `None` when it needs an update.
fn open_unchanged(archive: &Path, dir: &Path) -> Result<Option<Index>> {
    if !dir.is_dir() {
        return Ok(None);
    }
    let lock = lock_shared(dir);
    let Ok(m) = load_manifest(dir) else { return Ok(None) };
    let p = plan(archive, m, false, UpdateNotes::default())?;
    if p.changed || !p.todo.is_empty() {
        return Ok(None);
    }
    let mut m = p.m;
    m.docs = p.keep;
    Ok(open_segments(archive, dir, m, lock))
}

/// Map the manifest's segments; `None` when one is missing or corrupt (the caller updates).
fn open_segments(archive: &Path, dir: &Path, mut m: Manifest, lock: Option<File>) -> Option<Index> {
    // `Index::doc` looks ids up by binary search.
    m.docs.sort_by_key(|d| d.id);
    let mut segments = Vec::new();
    for s in &m.segments {
        segments.push(SegmentReader::open(&dir.join(&s.file)).ok()?);
    }
    Some(Index {
        archive: archive.to_path_buf(),
        docs: m.docs,
        unreadable: m.unreadable,
        segments,
        _lock: lock,
    })
}

/// Update the index in `dir` under the exclusive lock, then open it under a shared one.
fn update_in(
    archive: &Path,
    dir: &Path,
    force: bool,
    progress: Option<Progress<'_>>,
) -> Result<(Index, UpdateNotes)> {
    let notes = {
        let _guard = lock_exclusive(dir)?;
        update_locked(archive, dir, force, progress)?
    };
    let lock = lock_shared(dir);
    let m = load_manifest(dir).map_err(|_| {
        Error::input(Location::file(dir.join(MANIFEST)), "索引在读取时被改动").with_hint("请重新运行")
    })?;
    match open_segments(archive, dir, m, lock) {
        Some(idx) => Ok((idx, notes)),
        None if !force => {
            // Corrupt (or replaced by another process between our update and now): rebuild.
            let (idx, mut n) = update_in(archive, dir, true, progress)?;
            n.notes.insert(0, format!("提示：索引已损坏，正在重建（{}）", crate::error::display_path(dir)));
            Ok((idx, n))
        }
        None => Err(Error::input(Location::file(dir), "索引反复损坏").with_hint("请删除该文件夹后重新运行")),
    }
}

/// A file to (re-)read: path, path inside the archive, metadata, and the content hash it had.
struct Todo {
    path: PathBuf,
    rel: String,
    md: std::fs::Metadata,
    old_hash: Option<u64>,
}

/// What comparing the archive with the manifest found (step 1 of an update).
struct Plan {
    /// The manifest without its documents (they are in `keep` or `replaced`).
    m: Manifest,
    keep: Vec<DocEntry>,
    todo: Vec<Todo>,
    /// Entries of changed files, by path: kept when the content turns out the same.
    replaced: HashMap<String, DocEntry>,
    /// Something must be written even if nothing is re-read (removals, a fresh index).
    changed: bool,
    notes: UpdateNotes,
}

/// Step 1: scan the archive and sort its files into kept (size and mtime unchanged), to read,
/// and removed.
fn plan(archive: &Path, mut m: Manifest, fresh: bool, notes: UpdateNotes) -> Result<Plan> {
    let files = scan_archive(archive)?;
    let mut old: HashMap<String, DocEntry> = m.docs.drain(..).map(|d| (d.path.clone(), d)).collect();
    let old_unreadable: HashMap<String, Unreadable> =
        m.unreadable.drain(..).map(|u| (u.path.clone(), u)).collect();
    let mut keep: Vec<DocEntry> = Vec::new();
    let mut todo: Vec<Todo> = Vec::new();
    let mut replaced: HashMap<String, DocEntry> = HashMap::new();
    for f in files {
        let rel = relative(archive, &f);
        let md = match std::fs::metadata(&f) {
            Ok(md) => md,
            Err(_) => continue,
        };
        let mt = mtime_ns(&md);
        if let Some(d) = old.remove(&rel) {
            if d.size == md.len() && d.mtime_ns == mt {
                keep.push(d);
            } else {
                todo.push(Todo { path: f, rel: rel.clone(), md, old_hash: Some(d.content_hash) });
                replaced.insert(rel, d);
            }
        } else if let Some(u) = old_unreadable.get(&rel)
            && u.size == md.len()
            && u.mtime_ns == mt
        {
            m.unreadable.push(u.clone());
        } else {
            todo.push(Todo { path: f, rel, md, old_hash: None });
        }
    }
    // Whatever is left in `old` was removed from the archive.
    let changed = fresh || !old.is_empty() || old_unreadable.len() != m.unreadable.len();
    Ok(Plan { m, keep, todo, replaced, changed, notes })
}

/// What reading one file gave (step 2).
enum Outcome {
    /// Indexed; its fingerprints are in the worker's entries under the worker's next number.
    Doc(DocEntry),
    /// Touched but the same bytes: the old entry stays with a new mtime.
    Same(String, u64, u64),
    Unreadable(Unreadable),
}

/// Step 2: read, decode, fold and fingerprint the files to read, on every core. Each worker
/// takes a contiguous run of files of about equal bytes and numbers its documents from 0; the
/// runs are joined in order, so ids follow the file order whatever the number of cores.
fn read_all(todo: &[Todo], progress: Option<Progress<'_>>) -> (Vec<Outcome>, Vec<(usize, Entries)>) {
    let total: u64 = todo.iter().map(|t| t.md.len()).sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.min(todo.len().div_ceil(8)).max(1);
    let mut runs: Vec<&[Todo]> = Vec::new();
    let mut start = 0;
    let mut acc = 0u64;
    for (i, t) in todo.iter().enumerate() {
        acc += t.md.len();
        if acc * workers as u64 >= total * (runs.len() as u64 + 1) && runs.len() + 1 < workers {
            runs.push(&todo[start..=i]);
            start = i + 1;
        }
    }
    runs.push(&todo[start..]);
    let done = std::sync::atomic::AtomicU64::new(0);
    let work = |run: &[Todo]| -> (Vec<Outcome>, Entries, usize) {
        let mut out = Vec::with_capacity(run.len());
        let mut entries = Entries::default();
        let mut folded: Vec<char> = Vec::new();
        let mut scratch = Scratch::default();
        let mut fps: Vec<(u64, u32)> = Vec::new();
        let mut n = 0usize;
        for t in run {
            done.fetch_add(t.md.len(), std::sync::atomic::Ordering::Relaxed);
            let (size, mt) = (t.md.len(), mtime_ns(&t.md));
            let unreadable = |reason: String| {
                Outcome::Unreadable(Unreadable { path: t.rel.clone(), size, mtime_ns: mt, reason })
            };
            // Bounded: a file over a speech's cap is skipped without being read whole.
            let bytes = match crate::limits::read(&t.path, crate::limits::Kind::of_speech(&t.path)) {
                Ok(b) => b,
                Err(e) => {
                    out.push(unreadable(e.message));
                    continue;
                }
            };
            let content_hash = xxh3_64(&bytes);
            if t.old_hash == Some(content_hash) {
                out.push(Outcome::Same(t.rel.clone(), size, mt));
                continue;
            }
            let doc = match read_document(&t.path, &bytes) {
                Ok(d) => d,
                Err(e) => {
                    out.push(unreadable(e.message.clone()));
                    continue;
                }
            };
            // Folded into a buffer reused across files (the map back to the original is not
            // needed), then fingerprints, key length and content hash.
            folded.clear();
            fold_document_into(&doc, |c, _, _| folded.push(c));
            let (key_len, folded_hash) = index_fingerprints_into(&folded, &mut scratch, &mut fps);
            entries.add(n as u32, &fps);
            n += 1;
            let (title, date) = describe(&t.path, doc.front_matter.as_ref());
            let fm = doc.front_matter.as_ref();
            out.push(Outcome::Doc(DocEntry {
                id: 0,
                path: t.rel.clone(),
                size,
                mtime_ns: mt,
                content_hash,
                folded_hash,
                key_len: key_len as u32,
                title,
                date,
                audience: fm.and_then(|f| f.audience.clone()),
                occasion: fm.and_then(|f| f.occasion.clone()),
                segment: 0,
            }));
        }
        (out, entries, n)
    };
    let results: Vec<(Vec<Outcome>, Entries, usize)> = if runs.len() == 1 {
        vec![work(runs[0])]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = runs.iter().map(|r| s.spawn(|| work(r))).collect();
            // The caller's progress callback is not shared with the workers: this thread reports.
            while handles.iter().any(|h| !h.is_finished()) {
                if let Some(p) = progress {
                    p(done.load(std::sync::atomic::Ordering::Relaxed), total);
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        })
    };
    if let Some(p) = progress {
        p(total, total);
    }
    let mut outcomes = Vec::with_capacity(todo.len());
    let mut parts = Vec::new();
    for (o, e, n) in results {
        outcomes.extend(o);
        parts.push((n, e));
    }
    (outcomes, parts)
}

/// Step 2 applied: the plan's files read, the new documents numbered from `m.next_doc` and
/// their entries joined into one set. Returns the plan with `keep`, `m.unreadable` updated.
fn index_files(mut p: Plan, progress: Option<Progress<'_>>) -> (Plan, Vec<DocEntry>, Entries) {
    let todo = std::mem::take(&mut p.todo);
    let (outcomes, parts) = read_all(&todo, progress);
    let mut new_docs = Vec::new();
    for o in outcomes {
        match o {
            Outcome::Doc(d) => {
                p.notes.indexed += 1;
                p.notes.bytes += d.size;
                new_docs.push(d);
            }
            Outcome::Same(rel, size, mt) => {
                if let Some(mut d) = p.replaced.remove(&rel) {
                    d.size = size;
                    d.mtime_ns = mt;
                    p.keep.push(d);
                }
            }
            Outcome::Unreadable(u) => p.m.unreadable.push(u),
        }
        p.changed = true;
    }
    let mut entries = Entries::default();
    let mut base = p.m.next_doc;
    for (n, e) in parts {
        entries.append(e, base);
        base += n as u32;
    }
    (p, new_docs, entries)
}

/// Load the manifest in `dir` (or start afresh), noting why a stale one is rebuilt.
fn load_or_empty(dir: &Path, force: bool) -> (Manifest, bool, UpdateNotes) {
    let mut notes = UpdateNotes::default();
    if force {
        return (Manifest::empty(), true, notes);
    }
    match load_manifest(dir) {
        Ok(m) => (m, false, notes),
        Err(Bad::Missing) => (Manifest::empty(), true, notes),
        Err(Bad::Stale(why)) => {
            notes.notes.push(format!("提示：{}，正在重建索引（{}）", why, crate::error::display_path(dir)));
            (Manifest::empty(), false, notes)
        }
    }
}

/// Under the exclusive lock: load, plan, read, then write what changed (steps 0–3).
fn update_locked(
    archive: &Path,
    dir: &Path,
    force: bool,
    progress: Option<Progress<'_>>,
) -> Result<UpdateNotes> {
    remove_stale_temps(dir);
    let (m, fresh, notes) = load_or_empty(dir, force);
    let p = plan(archive, m, fresh, notes)?;
    if !p.changed && p.todo.is_empty() {
        return Ok(p.notes);
    }
    // Segments are checked when opened for reading (see `open_segments`), not twice.
    // More segments than allowed, or more dead documents than live ones: rebuild whole (the
    // kept documents are re-read too).
    let dead_docs = p.m.segments.iter().map(|s| s.entries).sum::<u64>() > 0
        && p.keep.len() < (p.m.next_doc as usize).saturating_sub(p.keep.len());
    if !force && (p.m.segments.len() + 1 > MAX_SEGMENTS || dead_docs) {
        let mut n = update_locked(archive, dir, true, progress)?;
        n.notes.splice(0..0, p.notes.notes);
        n.notes.push("提示：索引碎片较多，已整理重建".to_string());
        return Ok(n);
    }
    let (p, new_docs, entries) = index_files(p, progress);
    let (m, notes) = write_update(dir, p, new_docs, entries)?;
    drop(m);
    Ok(notes)
}

/// Step 3: write the new segment (if any) and the manifest, then remove segment files no longer
/// listed.
fn write_update(
    dir: &Path,
    mut p: Plan,
    mut new_docs: Vec<DocEntry>,
    entries: Entries,
) -> Result<(Manifest, UpdateNotes)> {
    let live: HashSet<u32> = p.keep.iter().map(|d| d.segment).collect();
    p.m.segments.retain(|s| live.contains(&s.id));
    if !new_docs.is_empty() {
        let seg_id = p.m.next_segment;
        p.m.next_segment += 1;
        for d in &mut new_docs {
            // The ids `entries` was packed with.
            d.id = p.m.next_doc;
            p.m.next_doc += 1;
            d.segment = seg_id;
        }
        let file = format!("seg-{seg_id}-{:08x}.bin", std::process::id() ^ (seg_id.wrapping_mul(2654435761)));
        let path = dir.join(&file);
        let mut n = 0;
        crate::fsio::write_atomic_with(&path, |f| {
            n = write_segment(f, entries)?;
            Ok(())
        })?;
        p.m.segments.push(SegmentEntry { id: seg_id, file, entries: n as u64 });
        p.keep.extend(new_docs);
    }
    p.keep.sort_by_key(|d| d.id);
    p.m.docs = p.keep;
    p.m.unreadable.sort_by(|a, b| a.path.cmp(&b.path));
    crate::fsio::write_atomic(&dir.join(MANIFEST), &manifest_bytes(&p.m))?;
    let listed: HashSet<&str> = p.m.segments.iter().map(|s| s.file.as_str()).collect();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("seg-") && !listed.contains(name.as_str()) {
                // On Windows a segment another reader has mapped cannot go yet: the next update
                // removes it.
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok((p.m, p.notes))
}

/// Temporary files a killed run left in the index folder (the exclusive lock is held, so no
/// other process is writing one).
fn remove_stale_temps(dir: &Path) {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(".jianggao-") && name.ends_with(".tmp") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// An index held in memory only: build every segment as bytes (step 2 and 3 without files).
fn build(
    archive: &Path,
    p: Plan,
    progress: Option<Progress<'_>>,
) -> Result<(Manifest, HashMap<String, Vec<u8>>, UpdateNotes)> {
    let _ = archive;
    let (mut p, mut new_docs, entries) = index_files(p, progress);
    let mut segs = HashMap::new();
    for (i, d) in new_docs.iter_mut().enumerate() {
        d.id = i as u32;
        d.segment = 0;
    }
    let mut cur = std::io::Cursor::new(Vec::new());
    let n = write_segment(&mut cur, entries).map_err(|e| Error::io(archive, "建立索引", &e))?;
    segs.insert("mem".to_string(), cur.into_inner());
    p.m.segments = vec![SegmentEntry { id: 0, file: "mem".into(), entries: n as u64 }];
    p.m.next_doc = new_docs.len() as u32;
    p.m.docs = new_docs;
    Ok((p.m, segs, p.notes))
}

impl Index {
    /// Live documents, in id order.
    pub fn docs(&self) -> &[DocEntry] {
        &self.docs
    }

    pub fn doc(&self, id: u32) -> Option<&DocEntry> {
        self.docs.binary_search_by_key(&id, |d| d.id).ok().map(|i| &self.docs[i])
    }

    /// Files that could not be read (listed once per run by the caller).
    pub fn unreadable(&self) -> &[Unreadable] {
        &self.unreadable
    }

    /// The absolute path of a document.
    pub fn path_of(&self, d: &DocEntry) -> PathBuf {
        let mut p = self.archive.clone();
        for part in d.path.split('/') {
            p.push(part);
        }
        p
    }

    /// Every live hit for the given k-gram hashes. `Err` means a bucket failed its checksum: the
    /// caller rebuilds the index and asks again.
    pub fn lookup(&mut self, hashes: &[u64]) -> std::result::Result<Vec<Hit>, Corrupt> {
        let mut out = Vec::new();
        for s in &mut self.segments {
            s.lookup(hashes, &mut out)?;
        }
        let docs = &self.docs;
        out.retain(|h| docs.binary_search_by_key(&h.doc, |d| d.id).is_ok());
        Ok(out)
    }
}

/// A segment failed its checksum while being read.
#[derive(Debug, Clone, Copy)]
pub struct Corrupt;

/// The entries of a segment being built, packed as each document is fingerprinted (no
/// per-document list is kept) and already split into 256 parts by the top 8 bits of their hash:
/// the first of the two passes that put entries into their buckets (see [`write_segment`]).
struct Entries {
    parts: Vec<Part>,
    len: usize,
}

/// One part: each entry as stored, and hash bits 40–55, which with the part's 8 give the bucket
/// for up to 2^24 buckets.
#[derive(Default)]
struct Part {
    packed: Vec<u64>,
    low: Vec<u16>,
}

const PART_BITS: u32 = 8;

impl Default for Entries {
    fn default() -> Self {
        Entries { parts: (0..1 << PART_BITS).map(|_| Part::default()).collect(), len: 0 }
    }
}

impl Entries {
    /// Add one document's fingerprints. Positions and ids beyond 22 bits are left out.
    fn add(&mut self, doc: u32, fingerprints: &[(u64, u32)]) {
        if doc >= 1 << DOC_BITS {
            return;
        }
        for &(hash, pos) in fingerprints.iter().filter(|f| f.1 < 1 << POS_BITS) {
            let part = &mut self.parts[(hash >> (64 - PART_BITS)) as usize];
            part.packed.push(pack(hash, doc, pos));
            part.low.push((hash >> 40) as u16);
            self.len += 1;
        }
    }
}

impl Entries {
    /// Join `other` (a worker's entries, its documents numbered from 0) after these, its
    /// document numbers moved up by `base`; documents beyond 22 bits are left out.
    fn append(&mut self, other: Entries, base: u32) {
        for (mine, theirs) in self.parts.iter_mut().zip(other.parts) {
            for (e, low) in theirs.packed.into_iter().zip(theirs.low) {
                let doc = ((e >> POS_BITS) & ((1 << DOC_BITS) - 1)) + base as u64;
                if doc >= 1 << DOC_BITS {
                    continue;
                }
                let e = (e & !(((1 << DOC_BITS) - 1) << POS_BITS)) | (doc << POS_BITS);
                mine.packed.push(e);
                mine.low.push(low);
                self.len += 1;
            }
        }
    }
}

/// Write a segment for `entries` to `file` (a temporary file renamed into place, or memory);
/// returns the number of entries.
///
/// Entries reach their buckets in two stable passes — into 256 parts as they are made, then
/// each part into its buckets in a buffer of a few hundred kilobytes that is checksummed and
/// written out — not one: scattering millions of entries straight over 100k buckets of a
/// 100 MB buffer missed the cache on nearly every write and faulted in the whole buffer.
fn write_segment<W: std::io::Write + Seek>(file: &mut W, entries: Entries) -> std::io::Result<usize> {
    use std::io::Write;
    let n = entries.len;
    let mut bits = 4u32;
    while bits < 24 && (1usize << bits) * BUCKET_TARGET < n {
        bits += 1;
    }
    let nb = 1usize << bits;
    // The bucket of an entry of part `p` whose hash bits 40–55 are `low`.
    let bucket = |p: usize, low: u16| ((((p as u32) << 16) | low as u32) >> (24 - bits)) as usize;
    let mut starts = vec![0u32; nb + 1];
    for (p, part) in entries.parts.iter().enumerate() {
        for &low in &part.low {
            starts[bucket(p, low) + 1] += 1;
        }
    }
    for i in 0..nb {
        starts[i + 1] += starts[i];
    }
    // With fewer buckets than parts, several parts share a bucket: they are written together.
    let group = 1usize << PART_BITS.saturating_sub(bits);
    let dir_len = (nb + 1) * 4 + nb * 4;
    let off = (HEADER_LEN + dir_len) as u64;
    let mut sums = vec![0u32; nb];
    let mut whole = xxhash_rust::xxh3::Xxh3::new();
    {
        file.seek(SeekFrom::Start(off))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, &mut *file);
        let mut buf: Vec<u8> = Vec::new();
        let mut at: Vec<u32> = Vec::new();
        for (g, parts) in entries.parts.chunks(group).enumerate() {
            let first = parts.len() * g;
            let (b0, b1) = (bucket(first, 0), bucket(first + parts.len() - 1, u16::MAX) + 1);
            let base = starts[b0] as usize;
            buf.clear();
            buf.resize((starts[b1] as usize - base) * ENTRY_LEN, 0);
            at.clear();
            at.extend(starts[b0..b1].iter().map(|&s| s - base as u32));
            for (k, part) in parts.iter().enumerate() {
                for (&e, &low) in part.packed.iter().zip(&part.low) {
                    let b = bucket(first + k, low) - b0;
                    let i = at[b] as usize * ENTRY_LEN;
                    at[b] += 1;
                    buf[i..i + ENTRY_LEN].copy_from_slice(&e.to_le_bytes());
                }
            }
            for b in b0..b1 {
                let r = (starts[b] as usize - base) * ENTRY_LEN..(starts[b + 1] as usize - base) * ENTRY_LEN;
                sums[b] = xxh3_64(&buf[r]) as u32;
            }
            whole.update(&buf);
            out.write_all(&buf)?;
        }
        out.flush()?;
        drop(out);
        let mut dir = Vec::with_capacity(dir_len);
        for s in &starts {
            dir.extend_from_slice(&s.to_le_bytes());
        }
        for s in &sums {
            dir.extend_from_slice(&s.to_le_bytes());
        }
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(SEG_MAGIC);
        header.extend_from_slice(&VERSION.to_le_bytes());
        header.extend_from_slice(&bits.to_le_bytes());
        header.extend_from_slice(&(n as u64).to_le_bytes());
        header.extend_from_slice(&xxh3_64(&dir).to_le_bytes());
        header.extend_from_slice(&whole.digest().to_le_bytes());
        header.resize(HEADER_LEN - 8, 0);
        let hsum = xxh3_64(&header);
        header.extend_from_slice(&hsum.to_le_bytes());
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&header)?;
        file.write_all(&dir)?;
    }
    Ok(n)
}

/// Where a segment's entries are read from: memory (a small segment, read and checked whole
/// when opened, or an index that could not be written) or its file, one bucket at a time.
/// Not memory-mapped: lookups touch a few thousand scattered buckets, and the kernel maps (and
/// counts as resident) the pages around each one, most of a large segment.
enum Source {
    Mem(Vec<u8>),
    File(File),
}

struct SegmentReader {
    source: Source,
    bits: u32,
    /// The bucket directory: entry starts (one more than the buckets), then checksums.
    dir: Vec<u8>,
    /// Whether every bucket was checked when opened: lookups skip their sums.
    checked: bool,
}

fn bucket_of(hash: u64, bits: u32) -> usize {
    if bits == 0 { 0 } else { (hash >> (64 - bits)) as usize }
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or_default())
}

/// Checked header fields: bucket bits and entry count.
fn parse_header(h: &[u8]) -> std::result::Result<(u32, u64), Corrupt> {
    if h.len() < HEADER_LEN
        || &h[..8] != SEG_MAGIC
        || u64_at(h, HEADER_LEN - 8) != xxh3_64(&h[..HEADER_LEN - 8])
        || u32_at(h, 8) != VERSION
        || u32_at(h, 12) > 24
    {
        return Err(Corrupt);
    }
    Ok((u32_at(h, 12), u64_at(h, 16)))
}

impl SegmentReader {
    fn open(path: &Path) -> std::result::Result<SegmentReader, Corrupt> {
        use std::io::Read;
        let mut file = File::open(path).map_err(|_| Corrupt)?;
        let mut header = [0u8; HEADER_LEN];
        file.read_exact(&mut header).map_err(|_| Corrupt)?;
        let (bits, n) = parse_header(&header)?;
        let nb = 1usize << bits;
        let mut dir = vec![0u8; (nb + 1) * 4 + nb * 4];
        file.read_exact(&mut dir).map_err(|_| Corrupt)?;
        let len = file.metadata().map_err(|_| Corrupt)?.len();
        if len != (HEADER_LEN + dir.len()) as u64 + n * ENTRY_LEN as u64 {
            return Err(Corrupt);
        }
        let source = if n * (ENTRY_LEN as u64) <= VERIFY_WHOLE_BELOW {
            let mut d = vec![0u8; n as usize * ENTRY_LEN];
            file.read_exact(&mut d).map_err(|_| Corrupt)?;
            Source::Mem(d)
        } else {
            Source::File(file)
        };
        Self::new(&header, dir, source)
    }

    /// A segment written to memory (header, directory, entries).
    fn from_bytes(mut b: Vec<u8>) -> std::result::Result<SegmentReader, Corrupt> {
        let (bits, _) = parse_header(&b)?;
        let nb = 1usize << bits;
        let at = HEADER_LEN + (nb + 1) * 4 + nb * 4;
        if b.len() < at {
            return Err(Corrupt);
        }
        let entries = b.split_off(at);
        let dir = b.split_off(HEADER_LEN);
        Self::new(&b, dir, Source::Mem(entries))
    }

    fn new(header: &[u8], dir: Vec<u8>, source: Source) -> std::result::Result<SegmentReader, Corrupt> {
        let (bits, n) = parse_header(header)?;
        let nb = 1usize << bits;
        if dir.len() != (nb + 1) * 4 + nb * 4 || xxh3_64(&dir) != u64_at(header, 24) {
            return Err(Corrupt);
        }
        if (0..nb).any(|i| u32_at(&dir, i * 4) > u32_at(&dir, (i + 1) * 4))
            || u32_at(&dir, nb * 4) as u64 != n
        {
            return Err(Corrupt);
        }
        let checked = match &source {
            Source::Mem(d) => {
                if d.len() as u64 != n * ENTRY_LEN as u64 || xxh3_64(d) != u64_at(header, 32) {
                    return Err(Corrupt);
                }
                true
            }
            Source::File(_) => false,
        };
        Ok(SegmentReader { source, bits, dir, checked })
    }

    fn lookup(&mut self, hashes: &[u64], out: &mut Vec<Hit>) -> std::result::Result<(), Corrupt> {
        use std::io::Read;
        let nb = 1usize << self.bits;
        let base = (HEADER_LEN + self.dir.len()) as u64;
        let mut by_bucket: Vec<(usize, u64)> = hashes.iter().map(|&h| (bucket_of(h, self.bits), h)).collect();
        by_bucket.sort_unstable();
        let mut buf = Vec::new();
        let mut i = 0;
        while i < by_bucket.len() {
            let bk = by_bucket[i].0;
            let s = u32_at(&self.dir, bk * 4) as usize;
            let e = u32_at(&self.dir, (bk + 1) * 4) as usize;
            let bytes: &[u8] = match &mut self.source {
                Source::Mem(d) => d.get(s * ENTRY_LEN..e * ENTRY_LEN).ok_or(Corrupt)?,
                Source::File(f) => {
                    buf.resize((e - s) * ENTRY_LEN, 0);
                    f.seek(SeekFrom::Start(base + (s * ENTRY_LEN) as u64)).map_err(|_| Corrupt)?;
                    f.read_exact(&mut buf).map_err(|_| Corrupt)?;
                    &buf
                }
            };
            if !self.checked && xxh3_64(bytes) as u32 != u32_at(&self.dir, (nb + 1 + bk) * 4) {
                return Err(Corrupt);
            }
            while i < by_bucket.len() && by_bucket[i].0 == bk {
                let h = by_bucket[i].1;
                let check = h & CHECK_MASK;
                for c in bytes.chunks_exact(ENTRY_LEN) {
                    let e = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
                    if e >> (DOC_BITS + POS_BITS) == check {
                        out.push(Hit {
                            hash: h,
                            doc: ((e >> POS_BITS) & ((1 << DOC_BITS) - 1)) as u32,
                            pos: (e & ((1 << POS_BITS) - 1)) as u32,
                        });
                    }
                }
                i += 1;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reuse::fingerprint::{key_view, kgrams};
    use crate::text::fold::fold;

    fn archive_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let p = dir.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    const A: &str = "同志们，今天我们召开东西部协作工作座谈会，主要任务是总结经验、分析形势、部署工作。";
    const B: &str = "挂职干部扎根基层，把先进理念和管理经验带到了一线，赢得了干部群众的广泛赞誉。";

    fn hits_for(idx: &mut Index, text: &str) -> Vec<Hit> {
        let key = key_view(&fold(text));
        let hashes: Vec<u64> = kgrams(&key.chars).into_iter().map(|g| g.0).collect();
        idx.lookup(&hashes).unwrap()
    }

    #[test]
    fn builds_finds_and_updates_incrementally() {
        let dir = archive_with(&[("2025-03-01-座谈会.txt", A), ("sub/b.md", B), (".hidden/x.txt", A)]);
        let (mut idx, notes) = open(dir.path(), false, None).unwrap();
        assert_eq!(notes.indexed, 2);
        assert_eq!(idx.docs().len(), 2);
        let d = idx.docs().iter().find(|d| d.path.starts_with("2025")).unwrap().clone();
        assert_eq!(d.date.as_deref(), Some("2025-03-01"));
        assert_eq!(d.title, "座谈会");
        assert!(hits_for(&mut idx, B).iter().all(|h| idx.doc(h.doc).unwrap().path == "sub/b.md"));
        assert!(!hits_for(&mut idx, B).is_empty());
        drop(idx);
        // Unchanged: nothing re-read.
        let (idx, notes) = open(dir.path(), false, None).unwrap();
        assert_eq!(notes.indexed, 0);
        drop(idx);
        // One added, one removed.
        std::fs::write(dir.path().join("c.txt"), "今年以来，全市上下聚焦高质量发展，稳住了经济基本盘。")
            .unwrap();
        std::fs::remove_file(dir.path().join("sub/b.md")).unwrap();
        let (mut idx, notes) = open(dir.path(), false, None).unwrap();
        assert_eq!(notes.indexed, 1);
        assert_eq!(idx.docs().len(), 2);
        assert!(hits_for(&mut idx, B).is_empty());
    }

    #[test]
    fn flipped_byte_anywhere_in_the_index_is_noticed_and_rebuilt() {
        let dir = archive_with(&[("a.txt", A), ("b.txt", B)]);
        drop(open(dir.path(), false, None).unwrap());
        let idx_dir = dir.path().join(DIR_NAME);
        let files: Vec<PathBuf> = std::fs::read_dir(&idx_dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.file_name().unwrap() != LOCK)
            .collect();
        assert_eq!(files.len(), 2, "{files:?}");
        for f in files {
            let original = std::fs::read(&f).unwrap();
            for at in [original.len() / 3, original.len() - 1, 70] {
                let mut bytes = original.clone();
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 0x10;
                std::fs::write(&f, &bytes).unwrap();
                let (mut idx, notes) = open(dir.path(), false, None).unwrap();
                assert!(notes.notes.iter().any(|n| n.contains("重建")), "{f:?} byte {at}: {:?}", notes.notes);
                assert_eq!(idx.docs().len(), 2);
                assert!(!hits_for(&mut idx, B).is_empty());
                drop(idx);
                // The rebuilt files replace the corrupt one; restore it for the next round.
                if f.exists() {
                    std::fs::write(&f, &original).unwrap();
                }
                drop(open(dir.path(), true, None).unwrap());
            }
        }
    }

    #[test]
    fn a_file_named_like_the_index_folder_sends_the_index_elsewhere_with_one_note() {
        let dir = archive_with(&[("a.txt", A), ("b.txt", B)]);
        std::fs::write(dir.path().join(DIR_NAME), "not a folder").unwrap();
        let cache = tempfile::tempdir().unwrap();
        // SAFETY: the only test in this binary that sets these variables.
        unsafe {
            std::env::set_var("XDG_CACHE_HOME", cache.path());
            std::env::set_var("LOCALAPPDATA", cache.path());
        }
        let (mut idx, notes) = open(dir.path(), false, None).unwrap();
        assert_eq!(notes.notes.iter().filter(|n| n.contains("无法写入")).count(), 1, "{:?}", notes.notes);
        assert!(!hits_for(&mut idx, B).is_empty());
        drop(idx);
        // The file is left as it was; the next run finds the index where it put it, unchanged.
        assert_eq!(std::fs::read_to_string(dir.path().join(DIR_NAME)).unwrap(), "not a folder");
        let (idx, notes) = open(dir.path(), false, None).unwrap();
        assert_eq!(notes.indexed, 0);
        assert_eq!(idx.docs().len(), 2);
    }

    #[test]
    fn a_temporary_file_left_by_a_killed_run_is_removed_by_the_next_update() {
        let dir = archive_with(&[("a.txt", A)]);
        drop(open(dir.path(), false, None).unwrap());
        let stale = dir.path().join(DIR_NAME).join(".jianggao-killed.tmp");
        std::fs::write(&stale, vec![0u8; 4096]).unwrap();
        std::fs::write(dir.path().join("b.txt"), B).unwrap();
        let (idx, notes) = open(dir.path(), false, None).unwrap();
        assert_eq!(notes.indexed, 1);
        assert_eq!(idx.docs().len(), 2);
        assert!(!stale.exists());
    }

    #[test]
    fn files_indexed_on_several_threads_get_ids_in_file_order() {
        let names: Vec<String> = (0..40).map(|i| format!("{i:02}.txt")).collect();
        let texts: Vec<String> = (0..40).map(|i| format!("{A}{i}号文件。{B}")).collect();
        let files: Vec<(&str, &str)> =
            names.iter().map(|n| n.as_str()).zip(texts.iter().map(|t| t.as_str())).collect();
        let dir = archive_with(&files);
        let (mut idx, notes) = open(dir.path(), false, None).unwrap();
        assert_eq!(notes.indexed, 40);
        let paths: Vec<&str> = idx.docs().iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, names.iter().map(|n| n.as_str()).collect::<Vec<_>>());
        // Every file holds the shared text: each is hit.
        let all: HashSet<u32> = hits_for(&mut idx, B).iter().map(|h| h.doc).collect();
        assert_eq!(all.len(), 40);
    }

    #[test]
    fn missing_archive_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = open(&dir.path().join("无此文件夹"), false, None).err().unwrap();
        assert!(err.to_string().contains("讲话库文件夹不存在"));
    }

    #[test]
    fn undecodable_files_are_remembered_and_skipped() {
        let dir = archive_with(&[("a.txt", A)]);
        std::fs::write(dir.path().join("bad.txt"), [0xff, 0xfe, 0x00, 0xd8, 0x00]).unwrap();
        let (idx, _) = open(dir.path(), false, None).unwrap();
        // Either the reader decodes it (it has a BOM) or lists it; it never stops the rest.
        assert!(idx.docs().iter().any(|d| d.path == "a.txt"));
        let listed = idx.unreadable().len() + idx.docs().len();
        assert_eq!(listed, 2);
    }
}
