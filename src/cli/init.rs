//! `jianggao init [DIR]`: example outlines, an empty personal phrasebook and a `jianggao.yaml`.
//!
//! Never overwrites: a file that already exists is reported and left alone.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Outcome;
use jianggao::error::{Error, Result, display_path};
use jianggao::fsio::write_new_atomic;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 目标文件夹（默认当前文件夹）
    pub dir: Option<PathBuf>,
}

/// The personal phrasebook folder `init` creates and `jianggao.yaml` names.
pub const PERSONAL_PHRASEBOOK: &str = "我的素材";

/// What `init` writes, relative to the target folder.
pub fn files() -> Vec<(PathBuf, &'static str)> {
    vec![
        (PathBuf::from("欢迎讲话提纲.yaml"), include_str!("../../examples/welcome.yaml")),
        (PathBuf::from("座谈会讲话提纲.yaml"), include_str!("../../examples/symposium.yaml")),
        (Path::new(PERSONAL_PHRASEBOOK).join("示例.yaml"), PERSONAL_EXAMPLE),
        (PathBuf::from(jianggao::config::FILE_NAME), CONFIG),
    ]
}

const PERSONAL_EXAMPLE: &str = "\
# 个人素材库：本文件夹中的每个 .yaml 文件是一组要点，叠加在内置素材库之上。
# 编号与内置要点相同的，覆盖内置要点；新编号则新增。以 _ 开头的文件名是保留的。
# 去掉下面各行开头的 # 即可启用这个示例要点。
#
# - id: mine.hopes.health
#   title: 要保重身体
#   slot: hopes                 # opening welcome significance situation hopes requirements support closing
#   kinds: [welcome]            # welcome（欢迎讲话）、symposium（座谈会讲话）
#   tags: [关怀]
#   optional: true              # 篇幅超出时可以略去
#   vars:
#     place_short: 青川
#   variants:
#     - 希望大家注意劳逸结合，尽快适应{{ place_short }}的气候和饮食。
#     - 工作要紧，身体更要紧。{{ place_short }}早晚温差大，请大家注意冷暖、按时作息，有困难随时向组织反映。
";

const CONFIG: &str = "\
# jianggao 的配置：在本文件夹及其子文件夹中运行 jianggao 时自动读取；命令行参数优先。
# 相对路径以本文件所在文件夹为准。

# 素材库：叠加在内置素材库之上的文件夹，按顺序后者覆盖前者（按编号）。
phrasebook:
  - 我的素材

# 模板文件夹：其中的 welcome.j2、symposium.j2、_macros.j2 按文件名覆盖内置模板。
# templates: 我的模板

# 历年讲话库（查重用）。
# archive: 历年讲话

# 语速（字/分钟），用于估算讲话时长。
# rate: 180
";

pub fn run(args: Args) -> Result<Outcome> {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    if dir.exists() && !dir.is_dir() {
        return Err(Error::usage(format!("{} 不是文件夹", display_path(&dir))).with_hint("请指定一个文件夹"));
    }
    let mut out = anstream::stdout().lock();
    let mut say = |line: String| {
        // Progress lines only: a closed stdout must not undo files already written.
        let _ = writeln!(out, "{line}");
    };
    for (rel, text) in files() {
        let path = dir.join(&rel);
        if path.exists() {
            say(format!("已存在，跳过：{}", display_path(&path)));
            continue;
        }
        write_new_atomic(&path, text.as_bytes())?;
        say(format!("已创建：{}", display_path(&path)));
    }
    let cd = if dir == Path::new(".") { String::new() } else { format!("cd {} 后", display_path(&dir)) };
    say(format!("下一步：{cd}运行 jianggao draft 欢迎讲话提纲.yaml"));
    Ok(Outcome::Ok)
}
