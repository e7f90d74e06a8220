//! Copying speeches into the archive: `add` (some files) and `import` (a whole folder). Each
//! speech becomes a UTF-8 Markdown file with YAML front matter, named `date-title.md` and made
//! unique; the originals are only read. Writes are atomic and never overwrite: two `add`s at
//! once each get their own name.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::archive::{self, is_old_office_file, is_speech_file};
use crate::error::{Error, Location, Result};
use crate::text::fold;
use crate::text::read::{self, Document, FrontMatter};

/// Metadata given on the command line; each field overrides what the file says.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: Option<String>,
    /// YYYY-MM-DD
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub occasion: Option<String>,
}

/// Check a date is YYYY-MM-DD and a real day.
pub fn check_date(date: &str) -> std::result::Result<(), String> {
    crate::date::check(date).map(|_| ())
}

/// The front matter an archived copy of `doc` gets: the file's own (for `.md`), overridden by
/// `meta`; title defaults to the file name and date to one at the start of the file name.
pub fn front_matter_for(doc: &Document, meta: &Meta) -> FrontMatter {
    let mut fm = doc.front_matter.clone().unwrap_or_default();
    let stem = doc.path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let (name_date, name_title) = archive::split_dated_name(stem);
    fm.title =
        meta.title.clone().or(fm.title.filter(|t| !t.trim().is_empty())).or(Some(name_title.to_string()));
    fm.date = meta.date.clone().or(fm.date).or(name_date);
    fm.speaker = meta.speaker.clone().or(fm.speaker);
    fm.occasion = meta.occasion.clone().or(fm.occasion);
    fm
}

/// The archive copy: front matter, then the body with line ends made `\n`.
pub fn archive_markdown(doc: &Document, fm: &FrontMatter) -> String {
    let yaml = serde_yaml::to_string(fm).unwrap_or_default();
    let body = doc.body_text().replace("\r\n", "\n").replace('\r', "\n");
    let body = body.trim_matches('\n');
    format!("---\n{yaml}---\n{body}\n")
}

/// `date-title` (or `title` when undated), made safe as a file name on Windows and elsewhere.
pub fn file_stem_for(fm: &FrontMatter) -> String {
    let title = fm.title.as_deref().unwrap_or("讲话");
    let mut clean: String = title
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_whitespace() {
                '-'
            } else {
                c
            }
        })
        .collect();
    clean = clean.trim_matches(['-', '.', ' ']).to_string();
    if clean.chars().count() > 60 {
        clean = clean.chars().take(60).collect();
    }
    if clean.is_empty() {
        clean = "讲话".to_string();
    }
    match &fm.date {
        Some(d) if check_date(d).is_ok() => format!("{d}-{clean}"),
        _ => clean,
    }
}

/// Write `bytes` as `stem.md` in `dir`, or `stem-2.md`, `stem-3.md`, … — the first name free,
/// claimed atomically (a name another process takes at the same moment is skipped).
pub fn write_unique(dir: &Path, stem: &str, bytes: &[u8]) -> Result<PathBuf> {
    for n in 1..10_000 {
        let name = if n == 1 { format!("{stem}.md") } else { format!("{stem}-{n}.md") };
        let path = dir.join(name);
        if path.exists() {
            continue;
        }
        match crate::fsio::write_new_atomic(&path, bytes) {
            Ok(()) => return Ok(path),
            Err(_) if path.exists() => continue,
            Err(e) => return Err(e),
        }
    }
    Err(Error::input(Location::file(dir), format!("无法为 {stem} 找到空闲的文件名"))
        .with_hint("请整理讲话库中的同名文件"))
}

/// Copy one file into the archive at `root`; returns the new file's path.
pub fn add(root: &Path, source: &Path, meta: &Meta) -> Result<PathBuf> {
    let doc = read::read_path(source)?;
    add_document(root, &doc, meta)
}

fn add_document(root: &Path, doc: &Document, meta: &Meta) -> Result<PathBuf> {
    let fm = front_matter_for(doc, meta);
    let md = archive_markdown(doc, &fm);
    write_unique(root, &file_stem_for(&fm), md.as_bytes())
}

/// A file `import` skipped because the archive already holds the same speech.
#[derive(Debug, Clone)]
pub struct Duplicate {
    pub source: PathBuf,
    /// The archive file (relative to the archive) holding the same text.
    pub existing: PathBuf,
}

/// What `import` did, file by file.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// (source, new archive file)
    pub imported: Vec<(PathBuf, PathBuf)>,
    pub duplicates: Vec<Duplicate>,
    /// (source, why) — one bad file never stops the rest.
    pub failed: Vec<(PathBuf, Error)>,
}

/// Import every speech file under `dir` into the archive at `root`. A file whose folded text
/// (script, width, punctuation, layout, noise ignored) equals a speech already in the archive —
/// or one imported earlier in the same run — is skipped as a duplicate. `progress(done, total,
/// file)` is called before each file.
pub fn import(
    root: &Path,
    dir: &Path,
    progress: &mut dyn FnMut(usize, usize, &Path),
) -> Result<ImportReport> {
    if !dir.is_dir() {
        return Err(Error::input(Location::file(dir), "要导入的文件夹不存在").with_hint("请检查路径是否写对"));
    }
    let root_abs = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let files = archive::walk(dir, &|p| is_speech_file(p) || is_old_office_file(p))?;
    // Never re-import the archive into itself when it sits inside the folder.
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|p| !std::path::absolute(p).is_ok_and(|a| a.starts_with(&root_abs)))
        .collect();
    let mut known: HashMap<u64, PathBuf> = HashMap::new();
    if root.is_dir() {
        for entry in archive::scan(root)?.entries {
            if let Ok(doc) = archive::load(&entry) {
                known.entry(fold::fold_document(&doc).content_hash()).or_insert(entry.rel_path.clone());
            }
        }
    }
    let mut report = ImportReport::default();
    let total = files.len();
    for (done, source) in files.into_iter().enumerate() {
        progress(done, total, &source);
        let doc = match read::read_path(&source) {
            Ok(doc) => doc,
            Err(e) => {
                report.failed.push((source, e));
                continue;
            }
        };
        let hash = fold::fold_document(&doc).content_hash();
        if let Some(existing) = known.get(&hash) {
            report.duplicates.push(Duplicate { source, existing: existing.clone() });
            continue;
        }
        match add_document(root, &doc, &Meta::default()) {
            Ok(dest) => {
                let rel = dest.strip_prefix(root).unwrap_or(&dest).to_path_buf();
                known.insert(hash, rel);
                report.imported.push((source, dest));
            }
            Err(e) => report.failed.push((source, e)),
        }
    }
    progress(total, total, Path::new(""));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_date_title_and_safe() {
        let fm = FrontMatter {
            title: Some("在“协作/交流”会上的讲话".into()),
            date: Some("2025-03-18".into()),
            ..Default::default()
        };
        assert_eq!(file_stem_for(&fm), "2025-03-18-在“协作-交流”会上的讲话");
        let fm = FrontMatter { title: Some("  ".into()), ..Default::default() };
        assert_eq!(file_stem_for(&fm), "讲话");
        assert!(check_date("2025-3-18").is_err());
        assert!(check_date("2025-13-01").is_err());
        assert!(check_date("2025-03-18").is_ok());
        assert!(check_date("2026-02-30").unwrap_err().contains("不存在"));
    }

    #[test]
    fn add_writes_markdown_with_front_matter_and_unique_names() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("2024-06-01-调研座谈.txt");
        std::fs::write(&src, "同志们：\r\n今天我们座谈。\r\n").unwrap();
        let root = dir.path().join("库");
        let meta = Meta { speaker: Some("李同志".into()), ..Default::default() };
        let a = add(&root, &src, &meta).unwrap();
        let b = add(&root, &src, &meta).unwrap();
        assert_eq!(a.file_name().unwrap(), "2024-06-01-调研座谈.md");
        assert_eq!(b.file_name().unwrap(), "2024-06-01-调研座谈-2.md");
        let md = std::fs::read_to_string(&a).unwrap();
        assert_eq!(
            md,
            "---\ntitle: 调研座谈\ndate: 2024-06-01\nspeaker: 李同志\n---\n同志们：\n今天我们座谈。\n"
        );
        // The original is untouched.
        assert_eq!(std::fs::read_to_string(&src).unwrap(), "同志们：\r\n今天我们座谈。\r\n");
        let doc = read::read_path(&a).unwrap();
        assert_eq!(doc.front_matter.unwrap().speaker.as_deref(), Some("李同志"));
    }

    #[test]
    fn adds_from_many_threads_get_distinct_files() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("讲话.txt");
        std::fs::write(&src, "同志们：今天我们座谈。").unwrap();
        let root = dir.path().join("库");
        let meta = Meta { title: Some("同题".into()), ..Default::default() };
        let paths: Vec<PathBuf> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..12).map(|_| s.spawn(|| add(&root, &src, &meta).unwrap())).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut names: Vec<String> =
            paths.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 12);
        assert_eq!(std::fs::read_dir(&root).unwrap().count(), 12);
    }
}
