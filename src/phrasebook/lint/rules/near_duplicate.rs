//! Rule `near-duplicate` (warning): two variants of the points in effect sharing a long folded
//! passage, found with the reuse aligner as `check` finds copies. `{{ … }}` stands for anything
//! (the placeholder token the aligner bridges); a standard formulation repeated verbatim is not a
//! duplicate.

use std::collections::HashMap;

use crate::lint::{Finding, Hit, Severity};
use crate::phrasebook::lint::{Book, Def, Rule};
use crate::reuse::align::{Passage, align_keys};
use crate::reuse::fingerprint::{key_view, kgrams};
use crate::text::fold::{self, Folded};
use crate::text::placeholder::{TEMPLATE_STAND_IN, template_spans};
use crate::text::span::Span;
use crate::yaml::Kind as NodeKind;

pub const ID: &str = "near-duplicate";

/// Least share of a shared passage covered by exact common runs (reuse's similarity) for two
/// variants to be near-duplicates.
pub const MIN_SIMILARITY: f64 = 0.75;

/// Variants sharing at least this many k-grams are aligned (a shared run of `min_shared` shares many).
const MIN_SHARED_GRAMS: usize = 3;
/// A k-gram in this many variants or more is common wording, not a lead to a duplicate.
const COMMON_GRAM: usize = 50;

pub struct NearDuplicate;

impl Rule for NearDuplicate {
    fn ids(&self) -> &'static [(&'static str, Severity)] {
        &[(ID, Severity::Warning)]
    }

    fn check(&self, book: &Book<'_>) -> Vec<Finding> {
        let prepared: Vec<Prepared> =
            book.effective().flat_map(|d| (0..d.point.variants.len()).map(move |v| prepare(d, v))).collect();
        let formulas: Vec<String> = book.formulas.iter().map(|f| fold::fold(f).as_string()).collect();
        let min = book.options.min_shared;
        let mut out = Vec::new();
        for (a, b) in candidate_pairs(&prepared) {
            let (pa, pb) = (&prepared[a], &prepared[b]);
            out.extend(
                shared_passages(pa, pb, min, &formulas)
                    .filter_map(|(span, text)| place(book, pa, pb, span, &text)),
            );
        }
        out
    }
}

/// A variant prepared for matching: template expressions as the placeholder token, folded.
struct Prepared<'a> {
    def: &'a Def,
    variant: usize,
    folded: Folded,
    /// For each scalar of the prepared text, its scalar offset in the variant.
    orig: Vec<usize>,
}

fn prepare(def: &Def, variant: usize) -> Prepared<'_> {
    let text = &def.point.variants[variant];
    let code = template_spans(text);
    let mut prepared = String::new();
    let mut orig = Vec::new();
    let mut skip_to = 0;
    for (k, c) in text.chars().enumerate() {
        if k < skip_to {
            continue;
        }
        if let Some(s) = code.iter().find(|s| s.start == k) {
            // A placeholder run (☆) folds to the placeholder token, which the aligner bridges.
            prepared.push(TEMPLATE_STAND_IN);
            orig.push(k);
            skip_to = s.end;
            continue;
        }
        prepared.push(c);
        orig.push(k);
    }
    orig.push(text.chars().count());
    Prepared { def, variant, folded: fold::fold(&prepared), orig }
}

/// Pairs of variants (indices, first < second) sharing enough k-grams to be worth aligning.
fn candidate_pairs(prepared: &[Prepared]) -> Vec<(usize, usize)> {
    let mut by_gram: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, p) in prepared.iter().enumerate() {
        let kv = key_view(&p.folded);
        let mut grams: Vec<u64> = kgrams(&kv.chars).into_iter().map(|(h, _)| h).collect();
        grams.sort_unstable();
        grams.dedup();
        for g in grams {
            by_gram.entry(g).or_default().push(i);
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for list in by_gram.values().filter(|l| l.len() > 1 && l.len() < COMMON_GRAM) {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> =
        shared.into_iter().filter(|(_, n)| *n >= MIN_SHARED_GRAMS).map(|(p, _)| p).collect();
    pairs.sort_unstable();
    pairs
}

/// The passages `pb` shares with `pa` that make a duplicate: its span in `pb`'s variant and the
/// folded text.
fn shared_passages<'p>(
    pa: &'p Prepared,
    pb: &'p Prepared,
    min: usize,
    formulas: &'p [String],
) -> impl Iterator<Item = (Span<char>, String)> + 'p {
    let (ka, kb) = (key_view(&pa.folded), key_view(&pb.folded));
    let passages = align_keys(&ka, &kb, min);
    passages.into_iter().filter_map(move |kp| {
        // A long passage stitched from short common phrases is not a duplicate: most of it must
        // be shared exactly.
        if kp.covered_a < min || kp.similarity < MIN_SIMILARITY {
            return None;
        }
        let passage = Passage {
            a: ka.folded_range(kp.a.start, kp.a.end),
            b: kb.folded_range(kp.b.start, kp.b.end),
            similarity: kp.similarity,
        };
        let text: String = pb.folded.chars[passage.b.clone()].iter().collect();
        // A standard formulation is meant to be repeated verbatim.
        let formula = formulas.iter().any(|f| {
            f.contains(&text) || (text.contains(f.as_str()) && text.chars().count() <= f.chars().count() + 4)
        });
        if formula {
            return None;
        }
        let span = pb.folded.original_span(passage.b.start, passage.b.end);
        let last = pb.orig.len() - 1;
        Some((Span::new(pb.orig[span.start.min(last)], pb.orig[span.end.min(last)]), text))
    })
}

/// The finding on `pb`'s variant, naming `pa`.
fn place(book: &Book<'_>, pa: &Prepared, pb: &Prepared, span: Span<char>, text: &str) -> Option<Finding> {
    let (f, item) = book.node(pb.def)?;
    let node = match &item.get("variants")?.kind {
        NodeKind::Seq(items) => items.get(pb.variant)?,
        _ => return None,
    };
    let other = if pa.def.point.id == pb.def.point.id {
        "本要点的".to_string()
    } else {
        format!("要点 {} 的", pa.def.point.id)
    };
    let message = format!(
        "要点 {} 的第 {} 条表述与{other}第 {} 条表述有一段 {} 字相同：“{}”",
        pb.def.point.id,
        pb.variant + 1,
        pa.variant + 1,
        text.chars().count(),
        text.replace(fold::PLACEHOLDER, "{{…}}")
    );
    let fix = "改写其中一条，或合并为一个要点".to_string();
    Some(f.place(node, Hit { rule: ID, severity: Severity::Warning, span, message, fix }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrasebook::lint::testing::*;

    fn near(text: &str) -> Vec<Finding> {
        run_one(text).findings.into_iter().filter(|f| f.rule == ID).collect()
    }

    #[test]
    fn near_duplicate_variants_name_both_points() {
        let copy = CLEAN
            .replace("把群众的急难愁盼放在心上。", "学习是干部成长的阶梯，要向书本学、向群众学，在干中学。");
        let near = near(&copy);
        assert_eq!(near.len(), 1, "{near:#?}");
        assert!(near[0].message.contains("hopes.service 的第 1 条"), "{}", near[0].message);
        assert!(near[0].message.contains("与要点 hopes.study 的第 2 条"), "{}", near[0].message);
        assert_eq!(near[0].line, 22);
    }

    #[test]
    fn near_duplicate_variants_of_one_point() {
        let text = CLEAN.replace(
            "要多到田间地头走一走，摸清真实情况。",
            "调查研究是谋事之基、成事之道，没有调查就没有发言权。",
        );
        let near = near(&text);
        assert_eq!(near.len(), 1, "{near:#?}");
        assert!(near[0].message.contains("hopes.research 的第 2 条表述与本要点的第 1 条"), "{near:?}");
    }

    #[test]
    fn a_listed_formulation_repeated_is_not_a_duplicate() {
        let formulation = "坚持以人民为中心的发展思想";
        let text = CLEAN
            .replace("把群众的急难愁盼放在心上。", &format!("要{formulation}，办好民生实事。"))
            .replace("要多到田间地头走一走，摸清真实情况。", &format!("始终{formulation}。"));
        assert_eq!(near(&text).len(), 1, "unlisted, the shared formulation is a duplicate");
        let formulas = format!("- text: {formulation}\n");
        let (_d, src) = layer(&[("hopes.yaml", &text), ("_formulas.yaml", &formulas)]);
        let r = run(&[src]);
        assert!(r.findings.iter().all(|f| f.rule != ID), "{:#?}", r.findings);
    }
}
