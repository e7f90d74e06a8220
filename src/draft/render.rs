//! Rendering a [`Draft`] through minijinja templates: the embedded `templates/` (welcome.j2,
//! symposium.j2, _macros.j2), each overridable by file name from a user folder. A user template
//! may `{% import "_macros.j2" as m %}` and get the embedded macros unless it overrides them too.
//!
//! Templates see `speech` (the draft) and `format` (`text` or `md`), the filters
//! `numbering(n, style[, total])` and `sentence`, and the function `marker(level, n[, total])`
//! that numbers by the draft's own hierarchy.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::value::Serde;
use minijinja::{Environment, ErrorKind, UndefinedBehavior, Value, context};

use super::plan::marker;
use super::{Draft, as_sentence};
use crate::error::{Error, Location, Result};
use crate::text::numbering::Style;
use crate::text::span::LineIndex;

/// Output format of `draft`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: one paragraph a line, indented with two full-width spaces (for pasting into WPS).
    Text,
    /// Markdown: `#` title, `##` section headings, bold leads.
    Md,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Md => "md",
        }
    }
}

/// The template environment: embedded templates, overridden by file name from `dir`.
pub struct Renderer {
    env: Environment<'static>,
    source: Arc<TemplateSource>,
}

/// Where templates are looked up: the user folder first, then the embedded ones.
struct TemplateSource {
    dir: Option<PathBuf>,
}

impl TemplateSource {
    /// The template's text and the path it is shown as in messages.
    fn get(&self, name: &str) -> std::io::Result<Option<(String, PathBuf)>> {
        if let Some(dir) = &self.dir {
            let p = dir.join(name);
            if p.is_file() {
                let mut text = std::fs::read_to_string(&p)?;
                if text.starts_with('\u{feff}') {
                    text.remove(0);
                }
                return Ok(Some((text, p)));
            }
        }
        Ok(crate::embedded::TEMPLATES.get_file(name).and_then(|f| f.contents_utf8()).map(|t| {
            (t.to_string(), PathBuf::from(crate::embedded::display_name("templates", Path::new(name))))
        }))
    }
}

impl Renderer {
    /// Templates from `dir` (if any) over the embedded ones.
    pub fn new(dir: Option<&Path>) -> Result<Renderer> {
        if let Some(d) = dir
            && !d.is_dir()
        {
            let what = if d.exists() { "不是文件夹" } else { "不存在" };
            return Err(Error::input(Location::file(d), format!("模板文件夹{what}"))
                .with_hint("请检查 --templates 或 jianggao.yaml 中 templates 的路径"));
        }
        let source = Arc::new(TemplateSource { dir: dir.map(Path::to_path_buf) });
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // A user template with a loop that never ends stops with a message instead of hanging.
        env.set_fuel(Some(crate::limits::TEMPLATE_FUEL));
        // Block tags on their own line leave no blank line behind, so templates stay readable.
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("default delimiters are valid");
        env.set_syntax(syntax);
        let loader_source = Arc::clone(&source);
        env.set_loader(move |name| {
            loader_source.get(name).map(|o| o.map(|(t, _)| t)).map_err(|e| {
                minijinja::Error::new(ErrorKind::InvalidOperation, "无法读取模板文件").with_source(e)
            })
        });
        env.add_filter("numbering", numbering_filter);
        env.add_filter("sentence", |s: String| as_sentence(&s));
        Ok(Renderer { env, source })
    }

    /// Check that `name` and whatever it imports parse, without rendering.
    pub fn check(&self, name: &str) -> Result<()> {
        self.env.get_template(name).map(|_| ()).map_err(|e| self.error(&e, name))
    }

    /// Render `draft` with the template for its kind.
    pub fn render(&self, draft: &Draft, format: Format) -> Result<String> {
        let name = draft.kind.template_name();
        let tmpl = self.env.get_template(name).map_err(|e| self.error(&e, name))?;
        let styles: Vec<Style> = (1..=draft.numbering.len().max(1)).map(|l| draft.style(l)).collect();
        let marker_fn = move |level: usize, n: u32, total: Option<u32>| -> String {
            let style =
                styles.get(level.saturating_sub(1)).or(styles.last()).copied().unwrap_or(Style::HanComma);
            marker(style, n, total.unwrap_or(0))
        };
        let ctx = context! {
            speech => Value::from(Serde(draft)),
            format => format.name(),
            marker => Value::from_function(marker_fn),
        };
        let out = tmpl.render(ctx).map_err(|e| self.error(&e, name))?;
        Ok(tidy(&out))
    }

    /// A minijinja error as ours: the template file (user or embedded), line and column.
    fn error(&self, err: &minijinja::Error, fallback: &str) -> Error {
        let name = err.name().unwrap_or(fallback);
        let (path, text) = match self.source.get(name) {
            Ok(Some((t, p))) => (p, Some(t)),
            _ => (PathBuf::from(crate::embedded::display_name("templates", Path::new(name))), None),
        };
        let loc = match (err.line(), err.range(), text) {
            (_, Some(r), Some(t)) if r.start <= t.len() && t.is_char_boundary(r.start) => {
                let idx = LineIndex::new(&t);
                let (l, c) = idx.line_col(idx.char_of_byte(r.start));
                Location::at(&path, l, c)
            }
            (Some(l), _, _) => Location::at(&path, l, 1),
            _ => Location::file(&path),
        };
        let what = match err.kind() {
            ErrorKind::SyntaxError => "模板语法错误",
            ErrorKind::UndefinedError => "模板用到了未定义的值",
            ErrorKind::TemplateNotFound => "找不到模板",
            ErrorKind::UnknownFilter => "模板用到了不存在的过滤器",
            ErrorKind::UnknownFunction => "模板用到了不存在的函数",
            ErrorKind::OutOfFuel => "模板运行的步数超过上限（循环过多或不会结束）",
            _ => "模板出错",
        };
        let detail = err.detail().map(|d| format!("：{}", translate_detail(d))).unwrap_or_default();
        Error::input(loc, format!("{what}{detail}")).with_hint(
            "请检查 {% %} 与 {{ }} 是否成对、名字是否写对；内置宏可用 {% import \"_macros.j2\" as m %} 引入",
        )
    }
}

/// minijinja's most common messages in Chinese; anything else is passed through.
fn translate_detail(d: &str) -> String {
    if d.starts_with("unexpected end of input") {
        return "模板到结尾还缺少结束标签（如 {% endif %}、{% endfor %}、{% endmacro %}）".into();
    }
    if let Some(name) = d.strip_suffix(" is undefined") {
        return format!("{} 未定义", name.trim_matches('`'));
    }
    if let Some(rest) = d.strip_prefix("unknown statement ") {
        return format!("不认识的语句 {rest}");
    }
    if d.contains("recursion limit exceeded") {
        return "宏或模板嵌套调用过深（可能在调用自身）".into();
    }
    if let Some(rest) = d.strip_prefix("template not found: ") {
        return format!("找不到模板 {rest}");
    }
    format!("（详细信息：{d}）")
}

/// `{{ n | numbering("（一）") }}`, `{{ n | numbering("首先", total) }}`.
fn numbering_filter(
    n: u32,
    style: String,
    total: Option<u32>,
) -> std::result::Result<String, minijinja::Error> {
    let s = Style::parse(&style).ok_or_else(|| {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("不认识的序号样式 {style}（可用：一、 （一） 1. （1） 一是 第一， 首先）"),
        )
    })?;
    Ok(marker(s, n, total.unwrap_or(0)))
}

/// Trailing spaces off every line, runs of blank lines collapsed, exactly one final newline.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line.trim_end_matches([' ', '\t']);
        if line.is_empty() {
            blank += 1;
            if blank > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_template_errors_in_chinese() {
        assert_eq!(translate_detail("`speech.titel` is undefined"), "speech.titel 未定义");
        assert!(translate_detail("unexpected end of input, expected end of block").contains("{% endif %}"));
        assert_eq!(translate_detail("something else"), "（详细信息：something else）");
    }

    #[test]
    fn tidy_collapses_blank_runs() {
        assert_eq!(tidy("\n标题  \n\n\n同志们：\n\n"), "标题\n\n同志们：\n");
    }

    #[test]
    fn numbering_filter_styles() {
        assert_eq!(numbering_filter(2, "一是".into(), None).unwrap(), "二是");
        assert_eq!(numbering_filter(11, "（一）".into(), None).unwrap(), "（十一）");
        assert_eq!(numbering_filter(3, "首先".into(), Some(3)).unwrap(), "最后，");
        assert_eq!(numbering_filter(1, "第一，".into(), None).unwrap(), "第一，");
        assert!(numbering_filter(1, "甲".into(), None).is_err());
    }
}
