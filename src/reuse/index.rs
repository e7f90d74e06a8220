//! The on-disk fingerprint index of an archive, in `ARCHIVE/.jianggao/`.
//!
//! Layout: `manifest.json` (a header line `jianggao-index <version> <xxh3 of the rest>` and the
//! JSON list of indexed files with size, mtime, content hash and folded-content hash) plus one or
//! more segment files of winnowed fingerprints. A segment is a hash table on disk: a header, a
//! bucket directory (entry index and checksum per bucket) and the entries `(hash low 32 bits, doc,
//! key position)`. Opening checks the header and directory checksums only, so it stays cheap on a
//! large archive; each bucket is checked when it is read (small segments are checked whole).
//!
//! Updates are incremental: files whose size and mtime are unchanged are kept without reading;
//! changed ones are re-read and compared by content hash; new and changed files go to a new
//! segment, removed ones are dropped from the manifest (their entries are ignored until the next
//! compaction). Two processes never write at once: updates hold an exclusive lock on
//! `.jianggao/lock`, readers a shared one; files are replaced by atomic rename.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
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
    _lock: File,
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

/// Lock `.jianggao/lock` (exclusive or shared), creating the folder when missing.
fn lock_file(dir: &Path, exclusive: bool) -> Result<File> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "创建索引文件夹", &e))?;
    let path = dir.join(LOCK);
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, "打开索引锁", &e))?;
    let r = if exclusive { f.lock() } else { f.lock_shared() };
    r.map_err(|e| Error::io(&path, "锁定索引", &e))?;
    Ok(f)
}

/// Check that `archive` is a usable archive folder.
pub fn check_archive(archive: &Path) -> Result<()> {
    if !archive.is_dir() {
        return Err(Error::input(Location::file(archive), "讲话库文件夹不存在")
            .with_hint("请用 --archive 指定历年讲话所在的文件夹，或在 jianggao.yaml 中设置 archive"));
    }
    Ok(())
}

/// Bring the index of `archive` up to date (building it when missing, stale or corrupt), then
/// open it for reading. `force` rebuilds from scratch.
pub fn open(archive: &Path, force: bool, progress: Option<Progress<'_>>) -> Result<(Index, UpdateNotes)> {
    check_archive(archive)?;
    let dir = archive.join(DIR_NAME);
    let notes = {
        let _guard = lock_file(&dir, true)?;
        update_locked(archive, &dir, force, progress)?
    };
    let lock = lock_file(&dir, false)?;
    let m = match load_manifest(&dir) {
        Ok(m) => m,
        Err(_) => {
            return Err(Error::input(Location::file(dir.join(MANIFEST)), "索引在读取时被改动")
                .with_hint("请重新运行"));
        }
    };
    let mut m = m;
    // Written sorted by id; `Index::doc` relies on it.
    m.docs.sort_by_key(|d| d.id);
    let mut segments = Vec::new();
    for s in &m.segments {
        match SegmentReader::open(&dir.join(&s.file)) {
            Ok(r) => segments.push(r),
            Err(_) => {
                // Corrupt (or replaced by another process between our update and now): rebuild.
                drop(lock);
                let (idx, mut n) = open(archive, true, progress)?;
                n.notes
                    .insert(0, format!("提示：索引已损坏，正在重建（{}）", crate::error::display_path(&dir)));
                return Ok((idx, n));
            }
        }
    }
    Ok((
        Index {
            archive: archive.to_path_buf(),
            docs: m.docs,
            unreadable: m.unreadable,
            segments,
            _lock: lock,
        },
        notes,
    ))
}

fn update_locked(
    archive: &Path,
    dir: &Path,
    force: bool,
    progress: Option<Progress<'_>>,
) -> Result<UpdateNotes> {
    let mut notes = UpdateNotes::default();
    // A fresh index is written even when the archive turns out empty.
    let mut fresh = force;
    let mut m = if force {
        Manifest::empty()
    } else {
        match load_manifest(dir) {
            Ok(m) => m,
            Err(Bad::Missing) => {
                fresh = true;
                Manifest::empty()
            }
            Err(Bad::Stale(why)) => {
                notes.notes.push(format!(
                    "提示：{}，正在重建索引（{}）",
                    why,
                    crate::error::display_path(dir)
                ));
                Manifest::empty()
            }
        }
    };
    // Segments are checked when opened for reading (see `open`), not twice.

    let files = scan_archive(archive)?;
    let mut old: HashMap<String, DocEntry> = m.docs.drain(..).map(|d| (d.path.clone(), d)).collect();
    let old_unreadable: HashMap<String, Unreadable> =
        m.unreadable.drain(..).map(|u| (u.path.clone(), u)).collect();
    let mut keep: Vec<DocEntry> = Vec::new();
    let mut todo: Vec<(PathBuf, String, std::fs::Metadata, Option<u64>)> = Vec::new();
    let mut changed = fresh;
    for f in &files {
        let rel = relative(archive, f);
        let md = match std::fs::metadata(f) {
            Ok(md) => md,
            Err(_) => continue,
        };
        let mt = mtime_ns(&md);
        if let Some(d) = old.remove(&rel) {
            if d.size == md.len() && d.mtime_ns == mt {
                keep.push(d);
            } else {
                todo.push((f.clone(), rel, md, Some(d.content_hash)));
                // The old entry is replaced (or refreshed below when the content is the same).
                old.insert(format!("\0{}", d.path), d);
            }
        } else if let Some(u) = old_unreadable.get(&rel)
            && u.size == md.len()
            && u.mtime_ns == mt
        {
            m.unreadable.push(u.clone());
        } else {
            todo.push((f.clone(), rel, md, None));
        }
    }
    // Whatever is left in `old` under its plain path was removed from the archive.
    if old.keys().any(|k| !k.starts_with('\0')) {
        changed = true;
    }
    if old_unreadable.len() != m.unreadable.len() {
        changed = true;
    }

    let total: u64 = todo.iter().map(|t| t.2.len()).sum();
    let mut done_bytes = 0u64;
    let mut new_docs: Vec<DocEntry> = Vec::new();
    // The new segment's entries, packed as they are made (ids are given in this order below).
    let mut entries = Entries::default();
    let mut folded: Vec<char> = Vec::new();
    let mut scratch = Scratch::default();
    let mut fps: Vec<(u64, u32)> = Vec::new();
    for (path, rel, md, old_hash) in todo {
        done_bytes += md.len();
        if let Some(p) = progress {
            p(done_bytes, total);
        }
        // Bounded: a file over a speech's cap is skipped without being read whole.
        let bytes = match crate::limits::read(&path, crate::limits::Kind::of_speech(&path)) {
            Ok(b) => b,
            Err(e) => {
                m.unreadable.push(Unreadable {
                    path: rel,
                    size: md.len(),
                    mtime_ns: mtime_ns(&md),
                    reason: e.message,
                });
                changed = true;
                continue;
            }
        };
        let content_hash = xxh3_64(&bytes);
        if old_hash == Some(content_hash)
            && let Some(mut d) = old.remove(&format!("\0{rel}"))
        {
            // Touched but not changed: keep the entry, remember the new mtime.
            d.size = md.len();
            d.mtime_ns = mtime_ns(&md);
            keep.push(d);
            changed = true;
            continue;
        }
        changed = true;
        let doc = match read_document(&path, &bytes) {
            Ok(d) => d,
            Err(e) => {
                let reason = e.message.clone();
                m.unreadable.push(Unreadable { path: rel, size: md.len(), mtime_ns: mtime_ns(&md), reason });
                continue;
            }
        };
        // Folded into a buffer reused across files (the map back to the original is not needed),
        // then fingerprints, key length and content hash.
        folded.clear();
        fold_document_into(&doc, |c, _, _| folded.push(c));
        let (key_len, folded_hash) = index_fingerprints_into(&folded, &mut scratch, &mut fps);
        entries.add(m.next_doc + new_docs.len() as u32, &fps);
        let (title, date) = describe(&path, doc.front_matter.as_ref());
        let fm = doc.front_matter.as_ref();
        notes.indexed += 1;
        notes.bytes += md.len();
        new_docs.push(DocEntry {
            id: 0,
            path: rel,
            size: md.len(),
            mtime_ns: mtime_ns(&md),
            content_hash,
            folded_hash,
            key_len: key_len as u32,
            title,
            date,
            audience: fm.and_then(|f| f.audience.clone()),
            occasion: fm.and_then(|f| f.occasion.clone()),
            segment: 0,
        });
    }
    if !changed {
        return Ok(notes);
    }

    // Decide: a new segment for the new documents, or a whole rebuild.
    let live: HashSet<u32> = keep.iter().map(|d| d.segment).collect();
    let dead_docs = m.segments.iter().map(|s| s.entries).sum::<u64>() > 0
        && keep.len() < (m.next_doc as usize).saturating_sub(keep.len());
    if m.segments.len() + 1 > MAX_SEGMENTS || dead_docs {
        // Re-read the kept documents too: rebuild whole.
        notes.notes.push("提示：索引碎片较多，正在整理重建".to_string());
        return update_locked(archive, dir, true, progress).map(|mut n| {
            n.notes.splice(0..0, notes.notes);
            n
        });
    }
    m.segments.retain(|s| live.contains(&s.id));
    if !new_docs.is_empty() {
        let seg_id = m.next_segment;
        m.next_segment += 1;
        for d in &mut new_docs {
            // The ids `entries` was packed with.
            d.id = m.next_doc;
            m.next_doc += 1;
            d.segment = seg_id;
        }
        let file = format!("seg-{seg_id}-{:08x}.bin", std::process::id() ^ (seg_id.wrapping_mul(2654435761)));
        let n = write_segment(&dir.join(&file), std::mem::take(&mut entries))?;
        m.segments.push(SegmentEntry { id: seg_id, file, entries: n as u64 });
        keep.extend(new_docs);
    }
    keep.sort_by_key(|d| d.id);
    m.docs = keep;
    m.unreadable.sort_by(|a, b| a.path.cmp(&b.path));
    crate::fsio::write_atomic(&dir.join(MANIFEST), &manifest_bytes(&m))?;
    // Remove segment files no longer listed (ours or a crashed writer's).
    let listed: HashSet<&str> = m.segments.iter().map(|s| s.file.as_str()).collect();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("seg-") && !listed.contains(name.as_str()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(notes)
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

/// Write a segment file for `entries` to `path` (atomically); returns the number of entries.
///
/// Entries reach their buckets in two stable passes — into 256 parts as they are made, then
/// each part into its buckets in a buffer of a few hundred kilobytes that is checksummed and
/// written out — not one: scattering millions of entries straight over 100k buckets of a
/// 100 MB buffer missed the cache on nearly every write and faulted in the whole buffer.
fn write_segment(path: &Path, entries: Entries) -> Result<usize> {
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
    crate::fsio::write_atomic_with(path, |file| {
        file.set_len(off)?;
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
        file.write_all(&dir)
    })?;
    Ok(n)
}

struct SegmentReader {
    file: File,
    bits: u32,
    /// Entry index where each bucket starts (one more than the buckets).
    starts: Vec<u32>,
    sums: Vec<u32>,
    /// The whole entry region, when the segment was small enough to check whole.
    data: Option<Vec<u8>>,
}

fn bucket_of(hash: u64, bits: u32) -> usize {
    if bits == 0 { 0 } else { (hash >> (64 - bits)) as usize }
}

impl SegmentReader {
    fn open(path: &Path) -> std::result::Result<SegmentReader, Corrupt> {
        let mut file = File::open(path).map_err(|_| Corrupt)?;
        let mut header = [0u8; HEADER_LEN];
        file.read_exact(&mut header).map_err(|_| Corrupt)?;
        let u32_at = |i: usize| u32::from_le_bytes(header[i..i + 4].try_into().unwrap_or_default());
        let u64_at = |i: usize| u64::from_le_bytes(header[i..i + 8].try_into().unwrap_or_default());
        if &header[..8] != SEG_MAGIC
            || u64_at(HEADER_LEN - 8) != xxh3_64(&header[..HEADER_LEN - 8])
            || u32_at(8) != VERSION
        {
            return Err(Corrupt);
        }
        let bits = u32_at(12);
        if bits > 24 {
            return Err(Corrupt);
        }
        let n = u64_at(16);
        let nb = 1usize << bits;
        let mut dir = vec![0u8; (nb + 1) * 4 + nb * 4];
        file.read_exact(&mut dir).map_err(|_| Corrupt)?;
        if xxh3_64(&dir) != u64_at(24) {
            return Err(Corrupt);
        }
        let len = file.metadata().map_err(|_| Corrupt)?.len();
        if len != (HEADER_LEN + dir.len()) as u64 + n * ENTRY_LEN as u64 {
            return Err(Corrupt);
        }
        let starts: Vec<u32> = dir[..(nb + 1) * 4]
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let sums: Vec<u32> = dir[(nb + 1) * 4..]
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if starts.windows(2).any(|w| w[0] > w[1]) || starts[nb] as u64 != n {
            return Err(Corrupt);
        }
        let data = if n * (ENTRY_LEN as u64) <= VERIFY_WHOLE_BELOW {
            let mut d = vec![0u8; n as usize * ENTRY_LEN];
            file.read_exact(&mut d).map_err(|_| Corrupt)?;
            if xxh3_64(&d) != u64_at(32) {
                return Err(Corrupt);
            }
            Some(d)
        } else {
            None
        };
        Ok(SegmentReader { file, bits, starts, sums, data })
    }

    fn lookup(&mut self, hashes: &[u64], out: &mut Vec<Hit>) -> std::result::Result<(), Corrupt> {
        let mut by_bucket: Vec<(usize, u64)> = hashes.iter().map(|&h| (bucket_of(h, self.bits), h)).collect();
        by_bucket.sort_unstable();
        let base = HEADER_LEN as u64 + (self.starts.len() as u64 + self.sums.len() as u64) * 4;
        let mut buf = Vec::new();
        let mut i = 0;
        while i < by_bucket.len() {
            let b = by_bucket[i].0;
            let (s, e) = (self.starts[b] as usize, self.starts[b + 1] as usize);
            let bytes: &[u8] = match &self.data {
                Some(d) => &d[s * ENTRY_LEN..e * ENTRY_LEN],
                None => {
                    buf.resize((e - s) * ENTRY_LEN, 0);
                    self.file.seek(SeekFrom::Start(base + (s * ENTRY_LEN) as u64)).map_err(|_| Corrupt)?;
                    self.file.read_exact(&mut buf).map_err(|_| Corrupt)?;
                    if xxh3_64(&buf) as u32 != self.sums[b] {
                        return Err(Corrupt);
                    }
                    &buf
                }
            };
            while i < by_bucket.len() && by_bucket[i].0 == b {
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
