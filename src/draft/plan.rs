//! Choosing what goes into the draft: resolve ids and picks, choose one variant per point, and
//! meet length targets by variant choice and by dropping `optional` points.
//!
//! Determinism: every choice derives from xxh3 of (seed, point id) — the default variant is
//! `hash % variants`, and picks rank candidates by their own hash — so the same outline and seed
//! give the same draft, and adding a point to the outline never changes another point's default
//! variant. Length targets start from those defaults and change as few choices as a greedy search
//! needs to come close to the target.

use std::collections::{BTreeSet, HashSet};

use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value};

use super::{Draft, Paragraph, Section, Source, Warning, as_sentence, date_cn};
use crate::count::zishu;
use crate::error::{Error, Location, Result};
use crate::outline::{Item, ItemKind, Outline};
use crate::phrasebook::{Phrasebook, Point, Query};
use crate::yaml::NodePath;

/// How far from a length target a draft may land before the writer is warned (15 %).
pub const TOLERANCE: f64 = 0.15;

/// Where a unit of text sits in the speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Opening,
    Section(usize),
    Closing,
}

/// One paragraph-to-be with its candidate texts.
#[derive(Debug, Clone)]
struct Unit {
    region: Region,
    /// Rendered title (lead sentence), shown in sections only.
    title: Option<String>,
    /// Rendered variants; inline text has one.
    variants: Vec<String>,
    /// 字数 of each variant including its numbered lead where one is shown.
    lens: Vec<usize>,
    optional: bool,
    /// `None` = dropped to meet a length target.
    choice: Option<usize>,
    /// Variants length fitting may switch to (all, unless `draft --archive` found some stale).
    allowed: Vec<bool>,
    source_id: Option<String>,
}

impl Unit {
    fn len(&self) -> usize {
        self.choice.map_or(0, |v| self.lens[v])
    }
}

/// The variant a point gets when no length target asks otherwise: xxh3(seed, id) mod n.
pub fn default_variant(seed: u64, id: &str, variants: usize) -> usize {
    let mut key = Vec::with_capacity(id.len() + 8);
    key.extend_from_slice(b"variant\0");
    key.extend_from_slice(id.as_bytes());
    (xxhash_rust::xxh3::xxh3_64_with_seed(&key, seed) % variants.max(1) as u64) as usize
}

/// Scores candidate texts by how much of each an archive already holds (0 = none of it); the
/// planner prefers the lowest-scoring variant of each point. See `draft --archive`.
pub type Staleness<'a> = &'a mut dyn FnMut(&[String]) -> Result<Vec<f64>>;

/// Plan the draft of `outline` from `pb` with `seed`, speaking at `rate` 字/分钟.
pub fn plan(outline: &Outline, pb: &Phrasebook, seed: u64, rate: u32) -> Result<Draft> {
    plan_with(outline, pb, seed, rate, None)
}

/// [`plan`], preferring for each point the variant `stale` scores lowest (ties keep the seed's
/// choice), so next year's draft does not repeat last year's wording. Length targets still apply
/// after that preference.
pub fn plan_with(
    outline: &Outline,
    pb: &Phrasebook,
    seed: u64,
    rate: u32,
    stale: Option<Staleness<'_>>,
) -> Result<Draft> {
    outline.check_against(pb)?;
    let vars = Value::from(Serde(&outline.vars));
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // A text's {{ … }} may loop; each render stops after this many steps.
    env.set_fuel(Some(crate::limits::TEXT_FUEL));
    let expand_at = |text: &str, loc: Location| -> Result<String> {
        if !text.contains('{') {
            return Ok(text.trim().to_string());
        }
        env.render_str(text, &vars).map(|s| s.trim().to_string()).map_err(|e| {
            Error::input(
                loc,
                format!(
                    "这一项的文字无法展开：{}",
                    if e.kind() == minijinja::ErrorKind::OutOfFuel {
                        "运行的步数超过上限（循环过多或不会结束）"
                    } else {
                        e.detail().unwrap_or("模板表达式有误")
                    }
                ),
            )
            .with_hint("请检查 {{ 变量 }} 的写法和 vars 中的取值")
        })
    };
    let expand = |text: &str, item: &Item| expand_at(text, outline.item_location(item));
    let node = |n: NodePath| outline.location(&n);
    let root = NodePath::root();
    let mut warnings = Vec::new();
    let lead_style = outline.numbering.get(1).copied().unwrap_or(crate::text::numbering::Style::HanParen);
    let lead_marker = zishu(&lead_style.format(1));

    // Explicit ids are reserved first, so a pick never takes a point the outline lists later.
    let mut used: HashSet<String> = outline
        .items()
        .filter_map(|i| match &i.kind {
            ItemKind::Point(id) => Some(id.clone()),
            _ => None,
        })
        .collect();

    let mut units: Vec<Unit> = Vec::new();
    let regions = std::iter::once((Region::Opening, &outline.opening))
        .chain(outline.sections.iter().enumerate().map(|(i, s)| (Region::Section(i), &s.points)))
        .chain(std::iter::once((Region::Closing, &outline.closing)));
    for (region, items) in regions {
        let shows_title = matches!(region, Region::Section(_));
        for item in items {
            let points: Vec<&Point> = match &item.kind {
                ItemKind::Point(id) => {
                    let e = pb.get(id).expect("checked by check_against");
                    if !e.point.kinds.contains(&outline.kind) {
                        warnings.push(Warning::new(
                            Some(&outline.item_location(item)),
                            format!("要点 {id} 不是为{}写的，请留意措辞是否合适", outline.kind.label()),
                        ));
                    }
                    vec![&e.point]
                }
                ItemKind::Pick(p) => {
                    let query = Query {
                        slot: p.slot,
                        tags: p.tags.clone(),
                        kind: Some(p.kind.unwrap_or(outline.kind)),
                    };
                    // A pick chooses only among points whose variables the outline gives, so no
                    // seed can land on a point the outline cannot fill.
                    let lacking: Vec<&Point> = pb
                        .matching(&query)
                        .filter(|e| !used.contains(&e.point.id))
                        .map(|e| &e.point)
                        .filter(|pt| outline.check_point_vars(pt, item).is_err())
                        .collect();
                    let mut skip = used.clone();
                    skip.extend(lacking.iter().map(|pt| pt.id.clone()));
                    let chosen = pb.pick(&query, p.count, seed, &skip);
                    if chosen.is_empty() {
                        // Say which variable would open up a candidate, where that is the obstacle.
                        if let Some(pt) = lacking.first() {
                            outline.check_point_vars(pt, item)?;
                        }
                        return Err(unsatisfied_pick(outline, pb, item, &query));
                    }
                    if chosen.len() < p.count {
                        warnings.push(Warning::new(
                            Some(&outline.item_location(item)),
                            format!("pick 要 {} 个要点，只找到 {} 个可用的", p.count, chosen.len()),
                        ));
                    }
                    for e in &chosen {
                        outline.check_point_vars(&e.point, item)?;
                        used.insert(e.point.id.clone());
                    }
                    chosen.into_iter().map(|e| &e.point).collect()
                }
                ItemKind::Text { text, title } => {
                    let title = match title {
                        Some(t) if shows_title => Some(as_sentence(&expand(t, item)?)),
                        _ => None,
                    };
                    let body = expand(text, item)?;
                    let lead = title.as_deref().map_or(0, |t| zishu(t) + lead_marker);
                    units.push(Unit {
                        region,
                        title,
                        lens: vec![lead + zishu(&body)],
                        variants: vec![body],
                        optional: false,
                        choice: Some(0),
                        allowed: vec![true],
                        source_id: None,
                    });
                    continue;
                }
            };
            for point in points {
                let title = if shows_title { Some(as_sentence(&expand(&point.title, item)?)) } else { None };
                let variants =
                    point.variants.iter().map(|v| expand(v, item)).collect::<Result<Vec<String>>>()?;
                let lead = title.as_deref().map_or(0, |t| zishu(t) + lead_marker);
                units.push(Unit {
                    region,
                    title,
                    lens: variants.iter().map(|v| lead + zishu(v)).collect(),
                    choice: Some(default_variant(seed, &point.id, variants.len())),
                    allowed: vec![true; variants.len()],
                    variants,
                    optional: point.optional,
                    source_id: Some(point.id.clone()),
                });
            }
        }
    }

    if let Some(stale) = stale {
        prefer_fresh(&mut units, stale)?;
    }

    // Header and headings are fixed text: they count towards the whole-speech target.
    let headings: Vec<String> = outline
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| expand_at(&s.heading, node(root.key("sections").index(i).key("heading"))))
        .collect::<Result<_>>()?;
    let heading_len = |i: usize| zishu(&headings[i]) + zishu(&outline.numbering[0].format(i as u32 + 1));

    // Per-section targets first, then the whole speech over what the sections left free.
    let mut section_targets = vec![None; outline.sections.len()];
    for (i, s) in outline.sections.iter().enumerate() {
        if let Some(len) = s.length {
            let target = len.chars(rate);
            section_targets[i] = Some(target);
            let idx: Vec<usize> =
                (0..units.len()).filter(|&u| units[u].region == Region::Section(i)).collect();
            fit_preferring(&mut units, &idx, heading_len(i), target);
        }
    }

    let title = expand_at(&outline.title, node(root.key("title")))?;
    let occasion = match &outline.occasion {
        Some(o) => Some(expand_at(o, node(root.key("occasion")))?),
        None => None,
    };
    let mut draft = Draft {
        kind: outline.kind,
        title,
        occasion,
        speaker: outline.speaker.clone(),
        date: outline.date.clone(),
        date_cn: outline.date.as_deref().and_then(date_cn),
        salutation: outline.salutation.clone(),
        opening: Vec::new(),
        sections: Vec::new(),
        closing: Vec::new(),
        numbering: outline.numbering.iter().map(|s| s.name().to_string()).collect(),
        rate,
        target: outline.length.map(|l| l.chars(rate)),
        warnings,
    };

    if let Some(target) = draft.target {
        let free: Vec<usize> = (0..units.len())
            .filter(|&u| match units[u].region {
                Region::Section(i) => section_targets[i].is_none(),
                _ => true,
            })
            .collect();
        let fixed_sections: usize = (0..outline.sections.len())
            .map(|i| {
                heading_len(i)
                    + if section_targets[i].is_some() {
                        units.iter().filter(|u| u.region == Region::Section(i)).map(Unit::len).sum()
                    } else {
                        0
                    }
            })
            .sum();
        fit_preferring(&mut units, &free, draft.header_zishu() + fixed_sections, target);
    }

    // Assemble paragraphs; number the titled ones per section after drops.
    let dropped: Vec<String> =
        units.iter().filter(|u| u.choice.is_none()).filter_map(|u| u.source_id.clone()).collect();
    for (i, heading) in headings.into_iter().enumerate() {
        draft.sections.push(Section {
            number: i as u32 + 1,
            heading,
            paragraphs: Vec::new(),
            leads: 0,
            zishu: 0,
            target: section_targets[i],
        });
    }
    for u in units {
        let Some(v) = u.choice else { continue };
        let source = match u.source_id {
            Some(id) => Source::Point { id, variant: v },
            None => Source::Inline,
        };
        let body = u.variants[v].clone();
        match u.region {
            Region::Opening => draft.opening.push(Paragraph { title: None, number: None, body, source }),
            Region::Closing => draft.closing.push(Paragraph { title: None, number: None, body, source }),
            Region::Section(i) => {
                let s = &mut draft.sections[i];
                let number = u
                    .title
                    .as_ref()
                    .map(|_| s.paragraphs.iter().filter(|p| p.title.is_some()).count() as u32 + 1);
                s.paragraphs.push(Paragraph { title: u.title, number, body, source });
            }
        }
    }
    let lead_style = draft.style(2);
    let head_style = draft.style(1);
    for s in &mut draft.sections {
        let total = s.paragraphs.iter().filter(|p| p.title.is_some()).count() as u32;
        s.leads = total;
        s.zishu = zishu(&head_style.format(s.number))
            + zishu(&s.heading)
            + s.paragraphs
                .iter()
                .map(|p| {
                    let lead = match (&p.title, p.number) {
                        (Some(t), Some(n)) => zishu(&marker(lead_style, n, total)) + zishu(t),
                        _ => 0,
                    };
                    lead + zishu(&p.body)
                })
                .sum::<usize>();
    }

    // Warnings: empty sections, dropped points, targets missed by more than the tolerance.
    for (i, s) in draft.sections.iter().enumerate() {
        let loc = outline.location(&NodePath::root().key("sections").index(i));
        if s.paragraphs.is_empty() {
            draft
                .warnings
                .push(Warning::new(Some(&loc), format!("第 {} 节“{}”下没有要点", i + 1, s.heading)));
        }
        if let Some(t) = s.target
            && off_target(s.zishu, t)
        {
            draft.warnings.push(Warning::new(
                Some(&loc),
                format!("第 {} 节“{}”{} 字，与目标 {t} 字相差超过 15%", i + 1, s.heading, s.zishu),
            ));
        }
    }
    if !dropped.is_empty() {
        draft
            .warnings
            .push(Warning::new(None, format!("为符合篇幅，略去了可选要点：{}", dropped.join("、"))));
    }
    if let Some(t) = draft.target
        && off_target(draft.zishu(), t)
    {
        let loc = outline.location(&NodePath::root().key("length"));
        draft.warnings.push(Warning::new(
            Some(&loc),
            format!("全文 {} 字，与目标 {t} 字相差超过 15%，请增减要点", draft.zishu()),
        ));
    }
    Ok(draft)
}

/// The numbering marker for item `n` of `total` in `style` (首先/其次/最后 need the total).
pub fn marker(style: crate::text::numbering::Style, n: u32, total: u32) -> String {
    match style {
        crate::text::numbering::Style::Sequence => {
            format!("{}，", crate::text::numbering::sequence_word(n, total))
        }
        s => s.format(n),
    }
}

fn off_target(actual: usize, target: usize) -> bool {
    target > 0 && (actual as f64 - target as f64).abs() > TOLERANCE * target as f64
}

/// Choose variants of `idx` (and drop optional ones when still too long) so that `fixed` plus
/// their lengths comes as close to `target` as single changes can bring it. Ties keep the earlier
/// unit and the lower variant, so the result is deterministic.
/// [`fit`] among the allowed (fresh) variants; when that cannot come within [`TOLERANCE`] of the
/// target, the length target wins and stale variants come back into play.
fn fit_preferring(units: &mut [Unit], idx: &[usize], fixed: usize, target: usize) {
    fit(units, idx, fixed, target, 0);
    let tolerated = (TOLERANCE * target as f64) as usize;
    let total = fixed + idx.iter().map(|&u| units[u].len()).sum::<usize>();
    if total.abs_diff(target) > tolerated && idx.iter().any(|&u| units[u].allowed.contains(&false)) {
        for &u in idx {
            units[u].allowed.fill(true);
        }
        // Only as far as the tolerance: every further step would bring back more stale text.
        fit(units, idx, fixed, target, tolerated);
    }
}

/// Greedy length fitting: switch variants, then drop optional units, while that brings the
/// total closer to `target`, stopping once within `slack` of it.
fn fit(units: &mut [Unit], idx: &[usize], fixed: usize, target: usize, slack: usize) {
    let dist = |total: usize| total.abs_diff(target);
    let total = |units: &[Unit]| fixed + idx.iter().map(|&u| units[u].len()).sum::<usize>();
    loop {
        // Phase 1: variant changes among the units still in.
        for _ in 0..idx.len() * 8 + 8 {
            let cur = total(units);
            if dist(cur) <= slack {
                return;
            }
            let mut best: Option<(usize, usize, usize)> = None; // (distance, unit, variant)
            for &u in idx {
                let Some(c) = units[u].choice else { continue };
                for v in 0..units[u].variants.len() {
                    if v == c || !units[u].allowed[v] {
                        continue;
                    }
                    let d = dist(cur - units[u].lens[c] + units[u].lens[v]);
                    if d < dist(cur) && best.is_none_or(|b| d < b.0) {
                        best = Some((d, u, v));
                    }
                }
            }
            match best {
                Some((_, u, v)) => units[u].choice = Some(v),
                None => break,
            }
        }
        // Phase 2: still too long — drop the optional unit whose removal helps most.
        let cur = total(units);
        if cur <= target || dist(cur) <= slack {
            return;
        }
        let mut best: Option<(usize, usize)> = None;
        for &u in idx.iter().rev() {
            if units[u].optional && units[u].choice.is_some() {
                let d = dist(cur - units[u].len());
                if d < dist(cur) && best.is_none_or(|b| d < b.0) {
                    best = Some((d, u));
                }
            }
        }
        match best {
            Some((_, u)) => units[u].choice = None,
            None => return,
        }
    }
}

/// Move each point to its least stale variant and keep length fitting away from the staler ones;
/// one call scores every variant of every point, so the archive index is opened once.
fn prefer_fresh(units: &mut [Unit], stale: Staleness<'_>) -> Result<()> {
    // Variants within this much of the freshest count as equally fresh (scores are shares, 0–2).
    const SLACK: f64 = 0.05;
    let points: Vec<usize> = (0..units.len()).filter(|&u| units[u].source_id.is_some()).collect();
    let texts: Vec<String> = points.iter().flat_map(|&u| units[u].variants.iter().cloned()).collect();
    let scores = stale(&texts)?;
    let mut at = 0;
    for u in points {
        let n = units[u].variants.len();
        let own = &scores[at.min(scores.len())..(at + n).min(scores.len())];
        at += n;
        let Some(best) = own.iter().copied().reduce(f64::min) else { continue };
        units[u].allowed = (0..n).map(|v| own.get(v).is_none_or(|&s| s <= best + SLACK)).collect();
        let current = units[u].choice.unwrap_or(0);
        if !units[u].allowed[current] {
            units[u].choice = units[u].allowed.iter().position(|&a| a);
        }
    }
    Ok(())
}

fn unsatisfied_pick(outline: &Outline, pb: &Phrasebook, item: &Item, query: &Query) -> Error {
    let mut cond = Vec::new();
    if let Some(s) = query.slot {
        cond.push(format!("slot: {s}"));
    }
    if !query.tags.is_empty() {
        cond.push(format!("tags: [{}]", query.tags.join(", ")));
    }
    if let Some(k) = query.kind {
        cond.push(format!("kind: {k}"));
    }
    let any = pb.matching(query).next().is_some();
    let message = if any {
        format!("符合 pick 条件（{}）的要点都已在提纲中用过", cond.join("，"))
    } else {
        format!("素材库中没有符合 pick 条件（{}）的要点", cond.join("，"))
    };
    let loose = Query { tags: Vec::new(), ..query.clone() };
    let tags: BTreeSet<&str> =
        pb.matching(&loose).flat_map(|e| e.point.tags.iter().map(String::as_str)).collect();
    let hint = if !query.tags.is_empty() && !tags.is_empty() {
        format!(
            "这类要点可用的标签有：{}；或放宽条件、减少 count",
            tags.into_iter().collect::<Vec<_>>().join("、")
        )
    } else if pb.is_empty() {
        "素材库是空的：请用 --phrasebook 指定素材库文件夹，或在 jianggao.yaml 中设置 phrasebook".to_string()
    } else {
        "请放宽条件（去掉 tags 或换一个 slot），或在素材库中补充这类要点".to_string()
    };
    Error::input(outline.item_location(item), message).with_hint(hint)
}
