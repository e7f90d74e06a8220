//! The phrasebook (素材库): numbered points with titles and variants, layered folders, lookup and pick.
//!
//! A phrasebook is a stack of [`Layer`]s: the embedded one (the shipped `phrasebook/`) at the
//! bottom, then each folder the config or `--phrasebook` names. Later layers add points and
//! override earlier ones by id; [`Phrasebook`] is the merged view and remembers, for each point,
//! the file and line it came from and which earlier definitions it overrode.
//!
//! The YAML format is fixed in SCHEMA.md: each file is a list of [`Point`]s; files whose name
//! starts with `_` are reserved, and `_formulas.yaml` is the list of standard formulations
//! ([`Formula`]).

pub mod add;
pub mod browse;
pub mod fmt;
pub mod harvest;
pub mod lint;
mod load;
mod model;
pub mod stats;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use load::{FORMULAS_FILE, check_points, is_reserved_name, layer_files, parse_formulas, parse_points};
pub use model::{Kind, Point, Slot, VarValue, template_vars};

pub use crate::formulas::Formula;

use crate::error::Result;
use crate::text::placeholder::substitute_templates;

/// Where a point (or formula) was defined: layer index (0 = the first layer loaded, normally the
/// embedded one), the file as shown in messages, and the 1-based line and column of its list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub layer: usize,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Origin {
    /// The origin as a [`crate::error::Location`] for messages.
    pub fn location(&self) -> crate::error::Location {
        crate::error::Location::at(&self.file, self.line, self.column)
    }
}

/// One point as defined in one file, with where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    /// 1-based line of the list item (the `-`'s content).
    pub line: usize,
    /// 1-based column, in scalars.
    pub column: usize,
}

/// One YAML file of a layer: its path as shown in messages, its text, and its points in order.
#[derive(Debug, Clone)]
pub struct PointFile {
    /// The path as shown in messages (`<内置>/phrasebook/welcome.yaml` for the embedded layer).
    pub path: PathBuf,
    /// The file's text as read (BOM dropped), for tools that report spans or rewrite it.
    pub text: String,
    pub points: Vec<Located<Point>>,
}

/// The `_formulas.yaml` of a layer.
#[derive(Debug, Clone)]
pub struct FormulaFile {
    pub path: PathBuf,
    pub text: String,
    pub formulas: Vec<Located<Formula>>,
}

/// Where a layer comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayerSource {
    /// The phrasebook compiled into the binary.
    Embedded,
    /// A folder on disk.
    Dir(PathBuf),
}

/// One phrasebook folder, loaded and checked: point files in path order, and its formulas.
#[derive(Debug, Clone)]
pub struct Layer {
    pub source: LayerSource,
    pub files: Vec<PointFile>,
    pub formulas: Option<FormulaFile>,
}

impl Layer {
    /// The embedded phrasebook (`crate::embedded::PHRASEBOOK`); empty when the shipped folder is.
    pub fn embedded() -> Result<Layer> {
        load::embedded_layer()
    }

    /// A phrasebook folder: every `*.yaml`/`*.yml` below it (sub-folders included, hidden files
    /// skipped, files starting with `_` reserved) in path order.
    pub fn from_dir(dir: &Path) -> Result<Layer> {
        load::dir_layer(dir)
    }

    /// How the layer is named in messages.
    pub fn display_name(&self) -> String {
        match &self.source {
            LayerSource::Embedded => "<内置>/phrasebook".to_string(),
            LayerSource::Dir(d) => crate::error::display_path(d),
        }
    }

    /// Every point of the layer in file order.
    pub fn points(&self) -> impl Iterator<Item = (&PointFile, &Located<Point>)> {
        self.files.iter().flat_map(|f| f.points.iter().map(move |p| (f, p)))
    }
}

/// A point in the merged phrasebook, with where it came from and what it replaced.
#[derive(Debug, Clone)]
pub struct Entry {
    pub point: Point,
    pub origin: Origin,
    /// Earlier definitions of the same id (lower layers), oldest first.
    pub overrides: Vec<Origin>,
}

/// A filter over points: every given criterion must hold. `tags` match when the point has at
/// least one of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub slot: Option<Slot>,
    pub tags: Vec<String>,
    pub kind: Option<Kind>,
}

impl Query {
    pub fn matches(&self, p: &Point) -> bool {
        self.slot.is_none_or(|s| p.slot == s)
            && self.kind.is_none_or(|k| p.kinds.contains(&k))
            && (self.tags.is_empty() || self.tags.iter().any(|t| p.tags.contains(t)))
    }
}

/// The merged view of a stack of layers.
#[derive(Debug, Clone, Default)]
pub struct Phrasebook {
    layers: Vec<Layer>,
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
}

impl Phrasebook {
    /// The embedded phrasebook with `dirs` layered on top, in order.
    pub fn load(dirs: &[PathBuf]) -> Result<Phrasebook> {
        let mut layers = vec![Layer::embedded()?];
        for d in dirs {
            layers.push(Layer::from_dir(d)?);
        }
        Ok(Phrasebook::from_layers(layers))
    }

    /// Merge `layers` (bottom first). Within a layer ids are unique (the loader checks that).
    pub fn from_layers(layers: Vec<Layer>) -> Phrasebook {
        let mut entries: Vec<Entry> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for (li, layer) in layers.iter().enumerate() {
            for (file, lp) in layer.points() {
                let origin = Origin { layer: li, file: file.path.clone(), line: lp.line, column: lp.column };
                match by_id.get(&lp.value.id) {
                    Some(&i) => {
                        // An override keeps the overridden point's place, so listings stay stable.
                        let e = &mut entries[i];
                        let old = std::mem::replace(&mut e.origin, origin);
                        e.overrides.push(old);
                        e.point = lp.value.clone();
                    }
                    None => {
                        by_id.insert(lp.value.id.clone(), entries.len());
                        entries.push(Entry { point: lp.value.clone(), origin, overrides: Vec::new() });
                    }
                }
            }
        }
        Phrasebook { layers, entries, by_id }
    }

    /// The layers, bottom first.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Every effective point, in first-definition order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The effective point with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Up to `n` ids closest to `id` (for “did you mean”), best first. Ids sharing the dotted
    /// prefix rank higher; nothing below a similarity floor, or far behind the best, is offered.
    pub fn suggest(&self, id: &str, n: usize) -> Vec<&str> {
        let mut scored: Vec<(f64, &str)> = self
            .entries
            .iter()
            .map(|e| {
                let cand = e.point.id.as_str();
                let mut score = strsim::normalized_damerau_levenshtein(id, cand);
                // The last dotted part is often what was mistyped; reward a matching parent.
                if let (Some((a, _)), Some((b, _))) = (id.rsplit_once('.'), cand.rsplit_once('.'))
                    && a == b
                {
                    score += 0.15;
                }
                (score, cand)
            })
            .filter(|(s, _)| *s >= 0.45)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        // Offer only ids about as close as the best one: a clear typo gets one answer, not three.
        let floor = scored.first().map_or(0.0, |b| b.0 - 0.12);
        scored.into_iter().take_while(|(s, _)| *s >= floor).take(n).map(|(_, id)| id).collect()
    }

    /// Every point matching `query`, in phrasebook order.
    pub fn matching<'a>(&'a self, query: &'a Query) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| query.matches(&e.point))
    }

    /// Choose up to `count` points matching `query`, none of them in `exclude`. The choice ranks
    /// candidates by xxh3 of (`seed`, id), so it depends only on the seed and the candidate set,
    /// never on what else the outline holds; the result is in rank order.
    pub fn pick(&self, query: &Query, count: usize, seed: u64, exclude: &HashSet<String>) -> Vec<&Entry> {
        let mut cands: Vec<(u64, &Entry)> = self
            .entries
            .iter()
            .filter(|e| query.matches(&e.point) && !exclude.contains(&e.point.id))
            .map(|e| (pick_rank(seed, &e.point.id), e))
            .collect();
        cands.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.point.id.cmp(&b.1.point.id)));
        cands.into_iter().take(count).map(|(_, e)| e).collect()
    }

    /// All formulations from every layer's `_formulas.yaml`, bottom layer first, merged as
    /// [`crate::formulas::merge`] does (one entry a text, every outdated form kept).
    pub fn formulas(&self) -> Vec<Formula> {
        crate::formulas::merge(
            self.layers
                .iter()
                .filter_map(|l| l.formulas.as_ref())
                .flat_map(|f| f.formulas.iter().map(|lf| &lf.value)),
        )
    }
}

impl Phrasebook {
    /// The layers as far as they load: [`Phrasebook::load`], or when that fails, every file of
    /// every layer that can be listed, each parsed on its own, the ones that fail left out. A
    /// phrasebook with a broken file must not stop a check; `phrasebook lint` reports the rest.
    pub fn load_lenient(dirs: &[PathBuf]) -> Phrasebook {
        Phrasebook::load(dirs).unwrap_or_else(|_| load::lenient(dirs))
    }

    /// The formulations and point variants the reuse checker classifies against: variants with
    /// their template expressions stood in by a placeholder run, so they match any filled-in name.
    pub fn reuse_texts(&self) -> crate::reuse::classify::PhrasebookTexts {
        crate::reuse::classify::PhrasebookTexts {
            formulas: self.formulas().into_iter().map(|f| f.text).collect(),
            points: self
                .entries()
                .iter()
                .map(|e| {
                    let variants = e.point.variants.iter().map(|v| substitute_templates(v)).collect();
                    (e.point.id.clone(), variants)
                })
                .collect(),
        }
    }
}

fn pick_rank(seed: u64, id: &str) -> u64 {
    let mut key = Vec::with_capacity(id.len() + 5);
    key.extend_from_slice(b"pick\0");
    key.extend_from_slice(id.as_bytes());
    xxhash_rust::xxh3::xxh3_64_with_seed(&key, seed)
}

#[cfg(test)]
mod tests;
