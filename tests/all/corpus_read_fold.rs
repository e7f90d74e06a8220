//! Acceptance over ../shared/corpus (real public speeches, never copied into the project):
//! every file reads, folds, and maps back exactly. Skips cleanly when the corpus is absent.

use crate::common;

use jianggao::text::fold::{PLACEHOLDER, fold_char, fold_document};
use jianggao::text::read::read_path;

#[test]
fn every_corpus_file_reads_and_folds_with_an_exact_map() {
    let Some(files) = common::corpus_txt_files() else {
        crate::skip_without_corpus(module_path!());
        return;
    };
    assert!(!files.is_empty());
    let mut folded_chars = 0usize;
    for path in &files {
        let doc = read_path(path).unwrap_or_else(|e| panic!("{e}"));
        let f = fold_document(&doc);
        let chars: Vec<char> = doc.text.chars().collect();
        for i in 0..f.len() {
            let (s, e) = (f.starts[i] as usize, f.ends[i] as usize);
            assert!(s < e && e <= chars.len(), "{}: position {i}", path.display());
            if i + 1 < f.len() {
                assert!(e <= f.starts[i + 1] as usize, "{}: not monotone at {i}", path.display());
            }
            if f.chars[i] != PLACEHOLDER {
                assert_eq!(e - s, 1);
                assert_eq!(fold_char(chars[s]), Some(f.chars[i]), "{}: position {i}", path.display());
            }
        }
        // Nothing that folds to a character is lost: what the map skips folds to nothing,
        // except the letters of pinyin glosses.
        let mut covered = vec![false; chars.len()];
        for i in 0..f.len() {
            covered[f.starts[i] as usize..f.ends[i] as usize].fill(true);
        }
        for (k, &c) in chars.iter().enumerate() {
            if !covered[k] && fold_char(c).is_some() {
                assert!(
                    c.is_alphabetic() && !jianggao::text::placeholder::is_han(c),
                    "{}: lost {c:?} at {k}",
                    path.display()
                );
            }
        }
        folded_chars += f.len();
    }
    assert!(folded_chars > 1_000_000, "corpus folded to only {folded_chars} characters");
}

#[test]
fn every_corpus_file_is_detected_again_as_gb18030_and_utf16() {
    let Some(files) = common::corpus_txt_files() else {
        crate::skip_without_corpus(module_path!());
        return;
    };
    for path in &files {
        let text = read_path(path).unwrap().text;
        let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable);
        let doc = jianggao::text::read::decode(path, &gb).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.encoding, "GB18030", "{}", path.display());
        assert!(doc.text == text, "{}: GB18030 text differs", path.display());
        let mut utf16 = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_be_bytes());
        }
        assert!(jianggao::text::read::decode(path, &utf16).unwrap().text == text);
    }
}

#[test]
fn cleaning_corpus_files_only_removes_noise() {
    use jianggao::text::clean::{CleanOptions, clean};
    use jianggao::text::fold::fold;
    let Some(files) = common::corpus_txt_files() else {
        crate::skip_without_corpus(module_path!());
        return;
    };
    for path in &files {
        let text = read_path(path).unwrap().text;
        let before = fold(&text).chars;
        let after = fold(&clean(&text, CleanOptions::default()).text).chars;
        // What clean keeps is the original's text in order (dropped lines aside)…
        let mut it = before.iter();
        for c in &after {
            assert!(
                it.any(|b| b == c),
                "{}: cleaned text is not a subsequence of the original",
                path.display()
            );
        }
        // …and it drops little: watermarks and page numbers are short lines.
        assert!(
            after.len() * 100 >= before.len() * 95,
            "{}: clean dropped {} of {}",
            path.display(),
            before.len() - after.len(),
            before.len()
        );
    }
}
