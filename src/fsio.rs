//! Writes that never lose what the user owns: a temporary file beside the target, then a rename.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Write `bytes` to `path` atomically: readers see the old file or the new one, never half.
/// The parent folder is created when missing; an existing file keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// [`write_atomic`] for a file written piece by piece (and possibly seeked in), so a large file
/// need not be built in memory first.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<()> {
    let tmp = write_temp_beside(path, write)?;
    tmp.persist(path).map_err(|e| Error::io(path, "保存", &e.error))?;
    Ok(())
}

/// Write `bytes` to `path` atomically, failing (without touching anything) if `path` exists.
/// Used where two processes may pick the same new name at once.
pub fn write_new_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = write_temp_beside(path, |f| f.write_all(bytes))?;
    tmp.persist_noclobber(path).map_err(|e| Error::io(path, "保存", &e.error))?;
    Ok(())
}

/// Write a command's output to `path` (`-o`), never destroying what the user owns: an output that
/// is one of `inputs` (the same file after resolving links) is refused; a link is written through
/// to its target (the link stays); a FIFO or device is written directly, never replaced by a
/// regular file; anything else is written atomically.
pub fn write_output(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<()> {
    refuse_input_as_output(path, inputs)?;
    // metadata follows links: a link to a pipe (/dev/stdout) is opened as given, not resolved.
    let meta = std::fs::metadata(path);
    let target = match &meta {
        Ok(m) if !m.is_file() => path.to_path_buf(),
        _ => resolve_links(path),
    };
    match meta {
        Ok(m) if m.is_dir() => {
            Err(Error::usage(format!("输出路径 {} 是一个文件夹", crate::error::display_path(path)))
                .with_hint("请用 -o 给出文件名"))
        }
        Ok(m) if !m.is_file() => {
            // A pipe, a terminal or /dev/stdout: write into it as it is.
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(|e| Error::io(path, "打开", &e))?;
            f.write_all(bytes).and_then(|()| f.flush()).map_err(|e| Error::io(path, "写入", &e))
        }
        _ => write_atomic(&target, bytes),
    }
}

/// Refuse (exit 2) when `output` names the same file as one of `inputs`.
pub fn refuse_input_as_output(output: &Path, inputs: &[&Path]) -> Result<()> {
    if inputs.iter().any(|i| same_file(output, i)) {
        return Err(Error::usage(format!("输出文件 {} 就是输入文件", crate::error::display_path(output)))
            .with_hint("请用 -o 指定另一个文件名，以免覆盖原稿"));
    }
    Ok(())
}

/// Whether `a` and `b` are one file: same identity on Unix (hard links too), else the same path
/// once links and `..` are resolved.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The file a chain of links ends at (a dangling link's target, so writing creates it); `path`
/// itself when it is no link.
fn resolve_links(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&p) {
            Ok(t) => p = p.parent().map_or(t.clone(), |d| d.join(&t)),
            Err(_) => break,
        }
    }
    p
}

/// Run `update` while holding an exclusive lock on a hidden file beside `path`
/// (`.NAME.jianggao-lock`), so writers of one user file take turns; `update` must read the file
/// itself, under the lock, so no other writer's change is lost.
pub fn with_file_lock<T>(path: &Path, update: impl FnOnce() -> Result<T>) -> Result<T> {
    let target = resolve_links(path);
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let lock_path = dir.join(format!(".{name}.jianggao-lock"));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "创建文件夹", &e))?;
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Error::io(&lock_path, "打开锁文件", &e))?;
    lock.lock().map_err(|e| Error::io(&lock_path, "加锁", &e))?;
    let out = update();
    let _ = lock.unlock();
    out
}

/// A synced temporary file in `path`'s folder holding what `write` wrote, ready to be renamed onto
/// `path`.
fn write_temp_beside(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "创建文件夹", &e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".jianggao-").suffix(".tmp");
    // tempfile creates private (0600) files; the user's document should get the permissions it
    // had, or those of an ordinary new file.
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    #[cfg(unix)]
    let existing = existing.or_else(|| {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o666))
    });
    if let Some(perms) = existing {
        builder.permissions(perms);
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Error::io(dir, "创建临时文件", &e))?;
    write(tmp.as_file_mut()).map_err(|e| Error::io(path, "写入", &e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, "写入", &e))?;
    Ok(tmp)
}

/// Every regular file under `dir` (recursively) that `keep` accepts, in a stable order. Names
/// starting with `.` (hidden folders, our own lock and temporary files) and `~$` (Word's lock
/// files) are skipped. A link is followed, but each real folder is walked once, however many
/// links lead to it (a link to a parent folder would otherwise make the walk endless); links that
/// lead nowhere, pipes, devices and sockets are left out, so nothing listed blocks when opened.
pub fn walk(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    if let Ok(real) = std::fs::canonicalize(dir) {
        seen.insert(real);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let listing = std::fs::read_dir(&d).map_err(|e| Error::io(&d, "读取文件夹", &e))?;
        for item in listing {
            let item = item.map_err(|e| Error::io(&d, "读取文件夹", &e))?;
            let name = item.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name.starts_with("~$") {
                continue;
            }
            let path = item.path();
            let Ok(mut kind) = item.file_type() else { continue };
            if kind.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(m) => kind = m.file_type(),
                    Err(_) => continue,
                }
            }
            if kind.is_dir() {
                if std::fs::canonicalize(&path).is_ok_and(|real| seen.insert(real)) {
                    pending.push(path);
                }
            } else if kind.is_file() && keep(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Read a UTF-8 YAML file (bounded, see [`crate::limits`]), BOM dropped; anything but UTF-8 is an
/// input error naming the file.
pub fn read_utf8(path: &Path) -> Result<String> {
    decode_utf8(read_bytes(path)?, path)
}

/// Bytes of a file that must be UTF-8 (YAML the user writes), BOM dropped.
pub fn decode_utf8(bytes: Vec<u8>, path: &Path) -> Result<String> {
    let mut s = String::from_utf8(bytes).map_err(|_| {
        Error::input(crate::error::Location::file(path), "不是 UTF-8 编码的文本")
            .with_hint("请在编辑器中另存为 UTF-8 编码")
    })?;
    if s.starts_with('\u{feff}') {
        s.remove(0);
    }
    Ok(s)
}

/// Read a whole YAML file the user writes as bytes: a regular file within the YAML cap, with the
/// error naming the file.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    crate::limits::read(path, crate::limits::Kind::Yaml)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_refuses_to_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub").join("a.md");
        write_atomic(&p, "一".as_bytes()).unwrap();
        write_atomic(&p, "二".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "二");
        assert!(write_new_atomic(&p, b"x").is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "二");
        // No temporary files are left behind.
        let left: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_not_private_and_old_ones_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("讲话.md");
        write_atomic(&p, b"x").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "new file is private: {mode:o}");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"y").unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn the_walk_follows_each_real_folder_once_and_lists_no_pipes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("库");
        std::fs::create_dir_all(root.join("2024").join("三月")).unwrap();
        std::fs::write(root.join("2024").join("三月").join("讲话.txt"), "同志们：").unwrap();
        // Two links to a parent folder made the old walk endless; a link to a sibling is followed.
        std::os::unix::fs::symlink("..", root.join("2024").join("三月").join("上级")).unwrap();
        std::os::unix::fs::symlink("../..", root.join("2024").join("三月").join("上上级")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("2024").join("回到库")).unwrap();
        std::fs::create_dir_all(dir.path().join("别处")).unwrap();
        std::fs::write(dir.path().join("别处").join("外来.txt"), "各位：").unwrap();
        std::os::unix::fs::symlink(dir.path().join("别处"), root.join("链接")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("没有"), root.join("断链.txt")).unwrap();
        let status = std::process::Command::new("mkfifo").arg(root.join("管道.txt")).status().unwrap();
        assert!(status.success());
        let files = walk(&root, &|_| true).unwrap();
        let rel: Vec<String> = files
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        assert_eq!(rel, ["2024/三月/讲话.txt", "链接/外来.txt"]);
    }
}
