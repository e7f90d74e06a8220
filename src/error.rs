//! Typed errors that know where they happened; rendered at the edge as one Chinese line.
//!
//! Every error the user can cause carries the file, and where known the 1-based line and column
//! (counted in Unicode scalars), plus a short instruction saying what to do about it.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a file something went wrong. Line and column are 1-based, counted in scalars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location { path: path.into(), line: None, column: None }
    }

    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location { path: path.into(), line: Some(line), column: Some(column) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", display_path(&self.path))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// One error, one line: `错误：FILE:LINE:COL：WHAT；HINT`. Every error exits 2 with the same
/// prefix, whether a flag, an input file or the machine failed, so errors carry no kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub location: Option<Location>,
    /// What is wrong, in Chinese.
    pub message: String,
    /// What to do about it, in Chinese.
    pub hint: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error { location: None, message: message.into(), hint: None }
    }

    pub fn input(location: Location, message: impl Into<String>) -> Self {
        Error { location: Some(location), message: message.into(), hint: None }
    }

    /// An I/O failure on `path`, with the OS reason translated where it is a common one.
    pub fn io(path: &Path, action: &str, err: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let (reason, hint) = match err.kind() {
            K::NotFound => ("文件或文件夹不存在".to_string(), "请检查路径是否写对"),
            K::PermissionDenied | K::ReadOnlyFilesystem => {
                ("没有权限".to_string(), "请检查文件是否被其他程序（如 WPS）占用或只读")
            }
            K::AlreadyExists => ("已存在".to_string(), "请换一个文件名"),
            K::IsADirectory => ("这是一个文件夹，不是文件".to_string(), "请给出文件的路径"),
            K::NotADirectory => ("路径中有一段不是文件夹".to_string(), "请检查路径是否写对"),
            K::StorageFull | K::QuotaExceeded => ("磁盘空间不足".to_string(), "请清理磁盘空间后重试"),
            K::FileTooLarge => ("文件过大".to_string(), "请清理磁盘空间或换一个位置后重试"),
            K::InvalidFilename => ("文件名无效".to_string(), "请换一个文件名"),
            K::ResourceBusy | K::ExecutableFileBusy => {
                ("文件正被其他程序使用".to_string(), "请关闭占用它的程序后重试")
            }
            K::Interrupted | K::TimedOut | K::WouldBlock => ("操作被中断".to_string(), "请重试"),
            K::InvalidData | K::UnexpectedEof => ("文件内容不完整或已损坏".to_string(), "请检查文件是否完整"),
            _ => (format!("（详细信息：{err}）"), "请检查磁盘空间和文件权限后重试"),
        };
        Error {
            location: Some(Location::file(path)),
            message: format!("{action}失败：{reason}"),
            hint: Some(hint.to_string()),
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_location(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// 2 for every error: usage and input errors alike (1 is reserved for findings over a threshold).
    pub fn exit_code(&self) -> u8 {
        2
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "错误：")?;
        if let Some(loc) = &self.location {
            write!(f, "{loc}：")?;
        }
        // One line, always: a message that carries a newline would break scripts reading stderr.
        write!(f, "{}", one_line(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "；{}", one_line(hint))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

fn one_line(s: &str) -> String {
    s.split(['\n', '\r']).map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A path as the user would type it: forward slashes stay as given, no `\\?\` prefixes.
pub fn display_path(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix(r"\\?\").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_one_line_with_location_and_hint() {
        let err = Error::input(Location::at("outline.yaml", 3, 5), "未知的要点编号 welcome.x\n（第二行）")
            .with_hint("可用的编号有 welcome.host");
        let line = err.to_string();
        assert_eq!(
            line,
            "错误：outline.yaml:3:5：未知的要点编号 welcome.x （第二行）；可用的编号有 welcome.host"
        );
        assert!(!line.contains('\n'));
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn io_not_found_says_so_in_chinese() {
        let e = std::io::Error::new(std::io::ErrorKind::NotFound, "x");
        let err = Error::io(Path::new("a.txt"), "读取", &e);
        assert!(err.to_string().starts_with("错误：a.txt：读取失败：文件或文件夹不存在"));
    }
}
