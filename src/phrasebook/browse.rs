//! `phrasebook list`, `show` and `search` as data: points listed, one point with its texts
//! rendered with its example values, and points found by the words of a query (jieba), best first.

use minijinja::{Environment, UndefinedBehavior};

use super::{Entry, Kind, Phrasebook, Query, Slot};

/// A point as `phrasebook list` and `search` show it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Listed {
    pub id: String,
    pub title: String,
    pub slot: Slot,
    pub kinds: Vec<Kind>,
    pub tags: Vec<String>,
    pub optional: bool,
    pub variants: usize,
    /// Where it is defined, `file:line:column`.
    pub source: String,
}

/// The points a list or search found; `query` is the search's, when it was one.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Listing {
    pub query: Option<String>,
    pub points: Vec<Listed>,
}

impl Listing {
    pub fn new<'a>(entries: impl IntoIterator<Item = &'a Entry>, query: Option<&str>) -> Listing {
        let points = entries
            .into_iter()
            .map(|e| Listed {
                id: e.point.id.clone(),
                title: e.point.title.clone(),
                slot: e.point.slot,
                kinds: e.point.kinds.clone(),
                tags: e.point.tags.clone(),
                optional: e.point.optional,
                variants: e.point.variants.len(),
                source: e.origin.location().to_string(),
            })
            .collect();
        Listing { query: query.map(str::to_string), points }
    }
}

/// A point as `phrasebook show` shows it: title and every variant rendered with the point's
/// example `vars`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Shown {
    pub id: String,
    pub slot: Slot,
    pub kinds: Vec<Kind>,
    pub optional: bool,
    pub source: String,
    /// Lower layers' definitions this one overrides.
    pub overrides: Vec<String>,
    pub tags: Vec<String>,
    /// Example values, `name = value`.
    pub vars: Vec<(String, String)>,
    pub title: String,
    pub variants: Vec<String>,
}

/// A point with its texts rendered (see [`render`]).
pub fn show(entry: &Entry) -> Shown {
    let p = &entry.point;
    Shown {
        id: p.id.clone(),
        slot: p.slot,
        kinds: p.kinds.clone(),
        optional: p.optional,
        source: entry.origin.location().to_string(),
        overrides: entry.overrides.iter().map(|o| o.location().to_string()).collect(),
        tags: p.tags.clone(),
        vars: p.vars.iter().map(|(k, v)| (k.clone(), v.to_string())).collect(),
        title: render(&p.title, entry),
        variants: p.variants.iter().map(|v| render(v, entry)).collect(),
    }
}

/// `text` rendered with the point's example values; a text that cannot be rendered (a variable
/// without example value) is shown as written, with the reason.
pub fn render(text: &str, entry: &Entry) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(crate::limits::TEXT_FUEL));
    let ctx: std::collections::BTreeMap<&str, minijinja::Value> = entry
        .point
        .vars
        .iter()
        .map(|(k, v)| {
            let value = match v {
                super::VarValue::Int(n) => minijinja::Value::from(*n),
                super::VarValue::Float(x) => minijinja::Value::from(*x),
                super::VarValue::Bool(b) => minijinja::Value::from(*b),
                super::VarValue::Str(s) => minijinja::Value::from(s.as_str()),
            };
            (k.as_str(), value)
        })
        .collect();
    match env.render_str(text, ctx) {
        Ok(s) => s,
        Err(e) => format!("{text}（无法代入示例值：{}）", e.detail().unwrap_or("缺少变量")),
    }
}

/// A search result.
#[derive(Debug)]
pub struct Hit<'a> {
    pub entry: &'a Entry,
    pub score: f64,
}

/// Points matching `query`'s words, best first. The query is cut into words with jieba (loaded
/// here only); each word found in a point scores by rarity across the phrasebook (idf), three
/// times as much in the title as in a variant.
pub fn search<'a>(book: &'a Phrasebook, query: &str, filter: &Query) -> Vec<Hit<'a>> {
    let words = query_words(query);
    if words.is_empty() {
        return Vec::new();
    }
    let entries: Vec<&Entry> = book.entries().iter().filter(|e| filter.matches(&e.point)).collect();
    let n = entries.len().max(1) as f64;
    let texts: Vec<(String, String)> =
        entries.iter().map(|e| (e.point.title.clone(), e.point.variants.join("\n"))).collect();
    let idf: Vec<f64> = words
        .iter()
        .map(|w| {
            let df = texts.iter().filter(|(t, v)| t.contains(w.as_str()) || v.contains(w.as_str())).count();
            (1.0 + n / (1.0 + df as f64)).ln()
        })
        .collect();
    let mut hits: Vec<Hit> = entries
        .iter()
        .zip(&texts)
        .filter_map(|(e, (title, body))| {
            let mut score = 0.0;
            let mut matched = 0;
            for (w, idf) in words.iter().zip(&idf) {
                let in_title = title.matches(w.as_str()).count() as f64;
                let in_body = body.matches(w.as_str()).count() as f64;
                if in_title + in_body > 0.0 {
                    matched += 1;
                    score += idf * (3.0 * in_title.min(2.0) + in_body.min(4.0));
                }
            }
            // Points holding more of the query's words come first.
            (matched > 0).then_some(Hit { entry: e, score: matched as f64 * 10.0 + score })
        })
        .collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.point.id.cmp(&b.entry.point.id)));
    hits
}

/// The query's words: jieba's search cut, without punctuation, whitespace and one-character
/// function words; a query of one character is kept as it is.
pub fn query_words(query: &str) -> Vec<String> {
    let query = query.trim();
    if query.chars().count() <= 1 {
        return if query.is_empty() { Vec::new() } else { vec![query.to_string()] };
    }
    let jieba = jieba_rs::Jieba::new();
    let mut words: Vec<String> = Vec::new();
    for tok in jieba.cut_for_search(query, true) {
        let w = tok.word.trim();
        let keep = !w.is_empty()
            && w.chars().any(|c| c.is_alphanumeric())
            && !(w.chars().count() == 1 && "的了和与及是在要把对为也就都而".contains(w));
        if keep && !words.iter().any(|x| x == w) {
            words.push(w.to_string());
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Phrasebook {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pb/base");
        Phrasebook::from_layers(vec![super::super::Layer::from_dir(&dir).unwrap()])
    }

    #[test]
    fn search_ranks_title_matches_first() {
        let book = book();
        let hits = search(&book, "东西部协作的意义", &Query::default());
        assert!(!hits.is_empty());
        assert_eq!(hits[0].entry.point.id, "significance.eastwest.strategy");
        assert!(search(&book, "航天飞机", &Query::default()).is_empty());
    }

    #[test]
    fn show_renders_example_values() {
        let book = book();
        let shown = show(book.get("welcome.greeting.on-behalf").unwrap());
        assert_eq!(shown.title, "代表青川市向各位同志表示热烈欢迎");
        assert_eq!(shown.variants[0], "首先，我代表青川市，向远道而来的江宁市各位同志表示热烈欢迎！");
        assert!(shown.variants.iter().all(|v| !v.contains("{{")), "{shown:?}");
    }
}
