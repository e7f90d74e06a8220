//! The bounds on everything jianggao reads, in one place: how big a speech, a `.docx` and its
//! inflated parts, a list label, a YAML file and its nesting, a template and its run may be, and
//! the bounded reads that enforce them (stopping past the cap, never after reading it all).
//!
//! Each cap sits far above anything real (the longest speech we know of is about 170 KB) and far
//! below what would make a run slow or exhaust memory; a file over one is refused in one line
//! that says which cap and why, and in an archive it is skipped and listed like an undecodable one.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Location, Result};

/// A `.txt` / `.md` speech or draft, as bytes on disk: about 170,000 汉字 in GB18030 or UTF-16,
/// three times the longest government work report. A speech is never megabytes.
pub const MAX_SPEECH_BYTES: u64 = 512 << 10;
/// A `.docx` file as stored (pictures included; only the text parts are inflated).
pub const MAX_DOCX_BYTES: u64 = 64 << 20;
/// One inflated part of a `.docx` (`document.xml`, `numbering.xml`, `styles.xml`). Word's XML runs
/// ten to twenty bytes a character, so a speech at [`MAX_SPEECH_BYTES`] fits.
pub const MAX_DOCX_PART_BYTES: u64 = 16 << 20;
/// The text read out of a `.docx`, in UTF-8 bytes: the same bound as a plain-text speech.
pub const MAX_DOCX_TEXT_BYTES: usize = MAX_SPEECH_BYTES as usize;
/// Paragraphs nested in paragraphs (text boxes hold paragraphs inside a run): Word goes two or
/// three deep.
pub const MAX_DOCX_NESTING: usize = 32;
/// A rendered list label (`一、`, `（十二）`, `aaa.`): Word's own labels stay short; a level that
/// would give more (a counter started at 2147483647 in letters or Roman numerals) is shown in
/// decimal digits, and a longer `lvlText` is cut.
pub const MAX_LABEL_CHARS: usize = 24;
/// A YAML file the user writes (outline, phrasebook file, `_formulas.yaml`, config, front matter).
pub const MAX_YAML_BYTES: u64 = 4 << 20;
/// Mappings and lists inside one another; a phrasebook goes four deep. serde_yaml's parser takes
/// time quadratic in the depth before giving up at its own limit, so depth is measured first.
pub const MAX_YAML_DEPTH: usize = 32;
/// A template file.
pub const MAX_TEMPLATE_BYTES: u64 = 1 << 20;
/// Steps a template may take (minijinja's fuel): the shipped templates take a few thousand for a
/// long draft; a loop that never ends stops here.
pub const TEMPLATE_FUEL: u64 = 2_000_000;
/// Steps one phrasebook or outline text may take when its `{{ … }}` are filled in.
pub const TEXT_FUEL: u64 = 50_000;
/// The output of one template run, in bytes: a hundred times a long draft.
pub const MAX_RENDERED_BYTES: usize = 8 << 20;

/// What a bounded read is reading: decides the cap and how the refusal is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A draft or archive speech in plain text or Markdown.
    Speech,
    /// A `.docx` file.
    Docx,
    /// A YAML file.
    Yaml,
    /// A template.
    Template,
}

impl Kind {
    /// The cap in bytes.
    pub fn cap(self) -> u64 {
        match self {
            Kind::Speech => MAX_SPEECH_BYTES,
            Kind::Docx => MAX_DOCX_BYTES,
            Kind::Yaml => MAX_YAML_BYTES,
            Kind::Template => MAX_TEMPLATE_BYTES,
        }
    }

    /// The kind a speech file is read as, by its extension.
    pub fn of_speech(path: &Path) -> Kind {
        let docx = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("docx"));
        if docx { Kind::Docx } else { Kind::Speech }
    }
}

/// `n` bytes as a writer would say it: `512 KB`, `4 MB`.
pub fn size_label(n: u64) -> String {
    if n >= 1 << 20 {
        let mb = n as f64 / f64::from(1u32 << 20);
        if mb >= 10.0 || mb.fract() < 0.05 { format!("{mb:.0} MB") } else { format!("{mb:.1} MB") }
    } else {
        format!("{} KB", n.div_ceil(1 << 10))
    }
}

/// The refusal of a file of `size` bytes (or more) that is over `kind`'s cap.
pub fn too_large(path: &Path, kind: Kind, size: u64) -> Error {
    let (what, hint) = match kind {
        Kind::Speech => (
            format!(
                "文件有 {}，超过讲话稿的上限 {}：一篇讲话稿通常不过几万字、一两百 KB，从不到几 MB",
                size_label(size),
                size_label(kind.cap())
            ),
            "请确认选对了文件；多篇合订的文件请按篇拆开",
        ),
        Kind::Docx => (
            format!("Word 文件有 {}，超过上限 {}", size_label(size), size_label(kind.cap())),
            "请确认选对了文件；图片很多的文档可复制文字另存为 .txt 或 .docx",
        ),
        Kind::Yaml => (
            format!("YAML 文件有 {}，超过上限 {}", size_label(size), size_label(kind.cap())),
            "提纲、配置和素材库文件都用不到这么大；素材库请拆成几个文件",
        ),
        Kind::Template => (
            format!("模板文件有 {}，超过上限 {}", size_label(size), size_label(kind.cap())),
            "请确认选对了模板文件夹",
        ),
    };
    Error::input(Location::file(path), what).with_hint(hint)
}

/// Read a whole file of `kind`, refusing (in one line naming the file) anything that is not a
/// regular file — a folder, a pipe, a device is never opened, so nothing blocks — and anything
/// over the cap, stopping one byte past it.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, "读取", &e))?;
    if !meta.is_file() {
        return Err(not_a_file(path, &meta));
    }
    let cap = kind.cap();
    if meta.len() > cap {
        return Err(too_large(path, kind, meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, "读取", &e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may have grown since its size was read.
    file.take(cap + 1).read_to_end(&mut bytes).map_err(|e| Error::io(path, "读取", &e))?;
    if bytes.len() as u64 > cap {
        return Err(too_large(path, kind, bytes.len() as u64));
    }
    Ok(bytes)
}

/// Refusal of a path that names something other than a regular file.
pub fn not_a_file(path: &Path, meta: &std::fs::Metadata) -> Error {
    let what = if meta.is_dir() {
        "这是一个文件夹，不是文件"
    } else {
        "这不是普通文件（是管道、设备或套接字）"
    };
    Error::input(Location::file(path), what).with_hint("请给出一个 .txt、.md、.docx 或 .yaml 文件的路径")
}

/// Refuse `bytes` already in memory that are over `kind`'s cap (the archive index reads files
/// itself).
pub fn check_size(path: &Path, kind: Kind, len: usize) -> Result<()> {
    if len as u64 > kind.cap() { Err(too_large(path, kind, len as u64)) } else { Ok(()) }
}

/// Read at most `cap` bytes from `reader` (an inflating zip part): `None` when there is more.
pub fn read_at_most(reader: impl Read, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(cap + 1).read_to_end(&mut bytes)?;
    Ok(if bytes.len() as u64 > cap { None } else { Some(bytes) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_writers_say_them() {
        assert_eq!(size_label(MAX_SPEECH_BYTES), "512 KB");
        assert_eq!(size_label(MAX_YAML_BYTES), "4 MB");
        assert_eq!(size_label(3 << 19), "1.5 MB");
        assert_eq!(size_label(10), "1 KB");
    }

    #[test]
    fn a_file_over_the_cap_is_refused_without_reading_it_all() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("合订本.txt");
        let line = "同志们：今天我们召开全市工作推进会。\n";
        let text = line.repeat((MAX_SPEECH_BYTES as usize / line.len()) + 1);
        std::fs::write(&p, &text).unwrap();
        let e = read(&p, Kind::Speech).unwrap_err().to_string();
        assert!(
            e.starts_with("错误：") && e.contains("合订本.txt") && e.contains("超过讲话稿的上限 512 KB"),
            "{e}"
        );
        assert!(e.contains("从不到几 MB"), "{e}");
        std::fs::write(&p, line).unwrap();
        assert_eq!(read(&p, Kind::Speech).unwrap(), line.as_bytes());
        let e = read(dir.path(), Kind::Speech).unwrap_err().to_string();
        assert!(e.contains("这是一个文件夹"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_refused_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("管道.txt");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(status.success());
        // Opening a FIFO with no writer would block forever; the read must return at once.
        let e = read(&fifo, Kind::Speech).unwrap_err().to_string();
        assert!(e.contains("不是普通文件"), "{e}");
    }

    #[test]
    fn zip_parts_stop_past_the_cap() {
        let data = vec![b'x'; 1000];
        assert_eq!(read_at_most(&data[..], 1000).unwrap().map(|v| v.len()), Some(1000));
        assert_eq!(read_at_most(&data[..], 999).unwrap(), None);
    }
}
