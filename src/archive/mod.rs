//! The archive: a plain folder of earlier speeches (.txt .md .docx, optional front matter).
//!
//! Any folder of such files is an archive, no import step needed. [`scan`] walks it recursively
//! (folders and files whose name starts with `.` are skipped, as are Word's `~$` lock files) and
//! lists every speech as an [`Entry`] without decoding anything but Markdown front matter;
//! [`load`] decodes one entry as a [`Document`]. `add` and `import` (in [`store`]) copy speeches
//! in as UTF-8 Markdown with front matter.
//!
//! Stable API for matching: `scan(root)` → `Archive { root, entries, problems }`; each `Entry`
//! has `id`, `rel_path`, `path` (absolute), `format`, `size`, `modified`, `front_matter`,
//! `title`, `date`; `load(&entry)` → `Document` (offsets into `Document::text`, as everywhere).

pub mod listing;
pub mod store;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::{Error, Location, Result};
use crate::text::read::{self, Document, Format, FrontMatter};

/// The default archive folder when neither `--archive` nor the config names one.
pub const DEFAULT_DIR: &str = "archive";

/// One speech in the archive.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Stable identifier as listed: the path relative to the archive with `/` separators and
    /// the extension left off (kept when two files differ only by extension).
    pub id: String,
    /// Path relative to the archive root.
    pub rel_path: PathBuf,
    /// Absolute path.
    pub path: PathBuf,
    pub format: Format,
    /// Size in bytes.
    pub size: u64,
    pub modified: Option<SystemTime>,
    /// Front matter of a `.md` file (None for other formats, or when it could not be read —
    /// then [`Archive::problems`] says why).
    pub front_matter: Option<FrontMatter>,
    /// From the front matter, else the file name (a leading date removed).
    pub title: String,
    /// YYYY-MM-DD, from the front matter, else a date at the start of the file name.
    pub date: Option<String>,
}

/// A scanned archive.
#[derive(Debug, Clone)]
pub struct Archive {
    /// The archive folder, absolute.
    pub root: PathBuf,
    /// Speeches sorted by date (undated last), then path.
    pub entries: Vec<Entry>,
    /// Files listed but with unreadable front matter; `load` reports the same error.
    pub problems: Vec<Error>,
}

impl Archive {
    /// The entry with this id (or relative path, with or without extension).
    pub fn find(&self, id: &str) -> Option<&Entry> {
        let wanted = id.replace('\\', "/");
        let wanted = wanted.trim_start_matches("./");
        self.entries
            .iter()
            .find(|e| e.id == wanted)
            .or_else(|| self.entries.iter().find(|e| slash_path(&e.rel_path) == wanted))
    }
}

/// Decode one archive entry.
pub fn load(entry: &Entry) -> Result<Document> {
    read::read_path(&entry.path)
}

/// True for the file types an archive holds (.txt .md .markdown .docx).
pub fn is_speech_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    read::EXTENSIONS.contains(&ext.as_str())
}

/// True for formats users put beside their speeches that we cannot read but should name
/// (.doc, .wps): `import` reports them as failed with what to do.
pub fn is_old_office_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    matches!(ext.as_str(), "doc" | "wps")
}

/// Scan an archive folder.
pub fn scan(root: &Path) -> Result<Archive> {
    if !root.is_dir() {
        return Err(Error::input(Location::file(root), "讲话库文件夹不存在")
            .with_hint("请用 --archive 指定讲话库文件夹，或在 jianggao.yaml 中设置 archive"));
    }
    let root = std::path::absolute(root).map_err(|e| Error::io(root, "读取讲话库", &e))?;
    let files = walk(&root, &|p| is_speech_file(p))?;
    let mut entries = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for path in files {
        let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, "读取", &e))?;
        let rel_path = path.strip_prefix(&root).unwrap_or(&path).to_path_buf();
        let format = read::format_of(&path);
        let front_matter = if format == Format::Md {
            match read_front_matter(&path) {
                Ok(fm) => fm,
                Err(e) => {
                    problems.push(e);
                    None
                }
            }
        } else {
            None
        };
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let (name_date, name_title) = split_dated_name(stem);
        let title = front_matter
            .as_ref()
            .and_then(|f| f.title.clone())
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| name_title.to_string());
        let date = front_matter.as_ref().and_then(|f| f.date.clone()).or(name_date);
        entries.push(Entry {
            id: String::new(),
            rel_path,
            path,
            format,
            size: meta.len(),
            modified: meta.modified().ok(),
            front_matter,
            title,
            date,
        });
    }
    assign_ids(&mut entries);
    entries.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.rel_path).cmp(&(b.date.is_none(), &b.date, &b.rel_path))
    });
    Ok(Archive { root, entries, problems })
}

/// Every regular file under `dir` that `keep` accepts, in a stable order: the shared walk
/// ([`crate::fsio::walk`]) — dot-names and `~$` lock files skipped, each real folder walked once
/// however many links lead to it, pipes and devices never listed.
pub fn walk(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<Vec<PathBuf>> {
    crate::fsio::walk(dir, keep)
}

/// The front matter of a Markdown file, without decoding more than needed for it.
fn read_front_matter(path: &Path) -> Result<Option<FrontMatter>> {
    let bytes = crate::limits::read(path, crate::limits::Kind::Speech)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if !bytes.starts_with(b"---") {
        return Ok(None);
    }
    let (text, _) = read::decode_text(path, bytes)?;
    Ok(read::split_front_matter(path, &text)?.0)
}

/// A date at the start of a file name (`2024-05-01-欢迎讲话`, `20240501欢迎讲话`,
/// `2024年5月1日 欢迎讲话`) as YYYY-MM-DD, and the rest of the name as a title.
pub fn split_dated_name(stem: &str) -> (Option<String>, &str) {
    let chars: Vec<char> = stem.chars().collect();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let s: String = chars.get(from..from + n)?.iter().collect();
        s.chars().all(|c| c.is_ascii_digit()).then(|| s.parse().ok()).flatten()
    };
    let valid =
        |y: u32, m: u32, d: u32| (1900..=2100).contains(&y) && crate::date::Date::new(y, m, d).is_some();
    let mut found: Option<(String, usize)> = None;
    if let (Some(y), Some(m), Some(d)) = (digits(0, 4), digits(5, 2), digits(8, 2))
        && matches!(chars.get(4), Some('-' | '.' | '_'))
        && chars.get(7) == chars.get(4)
        && valid(y, m, d)
    {
        found = Some((format!("{y:04}-{m:02}-{d:02}"), 10));
    } else if let (Some(y), Some(m), Some(d)) = (digits(0, 4), digits(4, 2), digits(6, 2))
        && valid(y, m, d)
        && !chars.get(8).is_some_and(|c| c.is_ascii_digit())
    {
        found = Some((format!("{y:04}-{m:02}-{d:02}"), 8));
    } else if let Some(y) = digits(0, 4)
        && chars.get(4) == Some(&'年')
    {
        let mut k = 5;
        let num = |k: &mut usize| {
            let start = *k;
            while chars.get(*k).is_some_and(|c| c.is_ascii_digit()) && *k - start < 2 {
                *k += 1;
            }
            chars[start..*k].iter().collect::<String>().parse::<u32>().ok()
        };
        if let Some(m) = num(&mut k)
            && chars.get(k) == Some(&'月')
        {
            k += 1;
            if let Some(d) = num(&mut k)
                && chars.get(k) == Some(&'日')
                && valid(y, m, d)
            {
                found = Some((format!("{y:04}-{m:02}-{d:02}"), k + 1));
            }
        }
    }
    match found {
        Some((date, len)) => {
            let byte = stem.char_indices().nth(len).map(|(b, _)| b).unwrap_or(stem.len());
            let rest = stem[byte..].trim_start_matches(['-', '_', ' ', '.', '　']);
            (Some(date), if rest.is_empty() { stem } else { rest })
        }
        None => (None, stem),
    }
}

fn slash_path(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Ids are relative paths without extension; where two files would share one, they keep it.
fn assign_ids(entries: &mut [Entry]) {
    let bare: Vec<String> = entries.iter().map(|e| slash_path(&e.rel_path.with_extension(""))).collect();
    for (i, e) in entries.iter_mut().enumerate() {
        let clash = bare.iter().filter(|b| **b == bare[i]).count() > 1;
        e.id = if clash { slash_path(&e.rel_path) } else { bare[i].clone() };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_file_names() {
        assert_eq!(split_dated_name("2024-05-01-欢迎讲话"), (Some("2024-05-01".into()), "欢迎讲话"));
        assert_eq!(split_dated_name("20240501欢迎讲话"), (Some("2024-05-01".into()), "欢迎讲话"));
        assert_eq!(split_dated_name("2024年5月1日 座谈会讲话"), (Some("2024-05-01".into()), "座谈会讲话"));
        assert_eq!(split_dated_name("欢迎讲话"), (None, "欢迎讲话"));
        assert_eq!(split_dated_name("2024年工作报告"), (None, "2024年工作报告"));
        assert_eq!(split_dated_name("2024-13-01-讲话").0, None);
        assert_eq!(split_dated_name("2026-02-30-讲话"), (None, "2026-02-30-讲话"));
    }

    #[test]
    fn scans_recursively_skipping_dot_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("2024")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join("2024").join("2024-03-02-调研座谈.txt"), "同志们：今天座谈。").unwrap();
        std::fs::write(
            root.join("迎新.md"),
            "---\ntitle: 在新春团拜会上的讲话\ndate: 2025-01-20\nspeaker: 张同志\n---\n各位同事：\n",
        )
        .unwrap();
        std::fs::write(root.join("迎新.txt"), "同名的文本").unwrap();
        std::fs::write(root.join(".git").join("x.txt"), "不该被读").unwrap();
        std::fs::write(root.join("~$迎新.docx"), "lock").unwrap();
        std::fs::write(root.join("说明.pdf"), "x").unwrap();
        let a = scan(root).unwrap();
        let ids: Vec<&str> = a.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["2024/2024-03-02-调研座谈", "迎新.md", "迎新.txt"]);
        let e = &a.entries[0];
        assert_eq!((e.title.as_str(), e.date.as_deref()), ("调研座谈", Some("2024-03-02")));
        let e = a.find("迎新.md").unwrap();
        assert_eq!((e.title.as_str(), e.date.as_deref()), ("在新春团拜会上的讲话", Some("2025-01-20")));
        assert_eq!(e.front_matter.as_ref().unwrap().speaker.as_deref(), Some("张同志"));
        assert!(e.path.is_absolute());
        assert_eq!(load(e).unwrap().body_text(), "各位同事：\n");
        assert!(a.find("2024\\2024-03-02-调研座谈.txt").is_some());
    }

    #[test]
    fn missing_archive_is_a_clear_error() {
        let e = scan(Path::new("没有这个库")).unwrap_err().to_string();
        assert!(e.contains("讲话库文件夹不存在") && e.contains("--archive"), "{e}");
    }
}
