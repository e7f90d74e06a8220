//! What `archive list` and `archive show` display, as plain data: one row a speech with its 字数,
//! and one speech with its metadata and body. The renderers are in `report/`.

use serde::Serialize;

use super::{Archive, Entry, load};
use crate::error::{Error, display_path};
use crate::text::read::Document;

/// One speech as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Listed {
    pub id: String,
    pub date: Option<String>,
    pub title: String,
    /// 字数 of the body; `None` when the file cannot be read.
    pub chars: Option<usize>,
    /// The file inside the archive.
    pub file: String,
}

/// The archive's speeches, and the files that could not be read for their 字数.
#[derive(Debug, Clone, Serialize)]
pub struct Listing {
    pub speeches: Vec<Listed>,
    #[serde(skip)]
    pub unreadable: Vec<Error>,
}

/// Every speech of a scanned archive with its 字数 (each file decoded once).
pub fn list(archive: &Archive) -> Listing {
    let mut unreadable = Vec::new();
    let speeches = archive
        .entries
        .iter()
        .map(|entry| {
            let chars = match load(entry) {
                Ok(doc) => Some(crate::count::zishu(doc.body_text())),
                Err(e) => {
                    unreadable.push(e);
                    None
                }
            };
            Listed {
                id: entry.id.clone(),
                date: entry.date.clone(),
                title: entry.title.clone(),
                chars,
                file: display_path(&entry.rel_path),
            }
        })
        .collect();
    Listing { speeches, unreadable }
}

/// One speech as shown: metadata, 字数 and body (line ends as `\n`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shown {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub occasion: Option<String>,
    pub audience: Option<String>,
    pub tags: Vec<String>,
    pub file: String,
    pub chars: usize,
    pub body: String,
}

impl Shown {
    pub fn new(entry: &Entry, doc: &Document) -> Shown {
        let fm = entry.front_matter.as_ref();
        Shown {
            id: entry.id.clone(),
            title: entry.title.clone(),
            date: entry.date.clone(),
            speaker: fm.and_then(|f| f.speaker.clone()),
            occasion: fm.and_then(|f| f.occasion.clone()),
            audience: fm.and_then(|f| f.audience.clone()),
            tags: fm.map(|f| f.tags.clone()).unwrap_or_default(),
            file: display_path(&entry.rel_path),
            chars: crate::count::zishu(doc.body_text()),
            body: doc.body_text().replace("\r\n", "\n"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_counts_each_speech_and_keeps_unreadable_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("2025-03-18-座谈会讲话.txt"), "同志们：\n今天开会。\n").unwrap();
        std::fs::write(dir.path().join("坏文件.docx"), "不是压缩包").unwrap();
        let listing = list(&super::super::scan(dir.path()).unwrap());
        let rows: Vec<(&str, Option<usize>)> =
            listing.speeches.iter().map(|s| (s.id.as_str(), s.chars)).collect();
        assert_eq!(rows, [("2025-03-18-座谈会讲话", Some(9)), ("坏文件", None)]);
        assert_eq!(listing.speeches[0].date.as_deref(), Some("2025-03-18"));
        assert_eq!(listing.unreadable.len(), 1);
    }
}
