//! The phrasebook (素材库): points with ids, titles and variants, layered folders, lookup and pick.
pub mod fmt;
pub mod harvest;
pub mod yaml_tree;
