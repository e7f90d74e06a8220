//! Traditional and Simplified script: the per-character table the folded view uses, and
//! phrase-level conversion for display.
//!
//! Both come from OpenCC's data as shipped (compiled in) by `ferrous-opencc`. The per-character
//! table is OpenCC's full `TSCharacters` table, first candidate of each entry; `build.rs`
//! extracts it at build time by running the `t2s` converter over every ideograph with a line break
//! between each (a phrase never spans a line break, so every lookup is a single-character one),
//! and it is compiled in as static arrays, so no process pays for it at start-up. Matching uses
//! only this table: it is fast and context free, so a folded position maps to exactly one
//! original character. Phrase-level conversion ([`to_simplified`]) knows that 乾隆 keeps 乾 and
//! 乾燥 becomes 干燥; it is for text a person reads, and its converter is loaded only when asked
//! for.

use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

/// Ideographs in the BMP covered by the bitset: CJK Extension A up to the end of the URO.
/// (build.rs has the same four bounds.)
const BMP_FIRST: u32 = 0x3400;
const BMP_LAST: u32 = 0x9FFF;
/// Supplementary ideographs (Extensions B–F) that OpenCC's table has entries for.
const SUPP_FIRST: u32 = 0x20000;
const SUPP_LAST: u32 = 0x2FFFF;

// BMP_CONVERTS, BMP_RANK, BMP_SIMPLIFIED, SUPPLEMENTARY, SIMPLIFIED_SET (see build.rs).
include!(concat!(env!("OUT_DIR"), "/script_table.rs"));
// The generated bitset covers exactly our BMP range (build.rs repeats the bounds).
const _: () = assert!(BMP_CONVERTS.len() == ((BMP_LAST - BMP_FIRST + 1) as usize).div_ceil(64));
const _: () = assert!(BMP_RANK.len() == BMP_CONVERTS.len());

/// The per-character table, compiled in: a bit per BMP character saying whether it converts at
/// all (3.4 KB, so the common case — a character that is already Simplified — is answered from
/// the first-level cache), the Simplified forms of the set bits found by rank, and a sorted list
/// for the ideographs above the BMP.
pub struct CharTable {
    /// Bit `c - BMP_FIRST` set when `c` has a Simplified form other than itself.
    converts: &'static [u64],
    /// `rank[w]` = set bits in `converts[..w]`.
    rank: &'static [u16],
    /// The Simplified forms of the set bits of `converts`, in order.
    simplified: &'static [char],
    /// (traditional, simplified) pairs above the BMP, sorted by the first.
    supplementary: &'static [(char, char)],
}

static TABLE: CharTable = CharTable {
    converts: &BMP_CONVERTS,
    rank: &BMP_RANK,
    simplified: &BMP_SIMPLIFIED,
    supplementary: &SUPPLEMENTARY,
};

static PHRASE: OnceLock<Option<OpenCC>> = OnceLock::new();

/// The per-character table. Hot loops fetch it once and call [`CharTable::simplify`].
pub fn char_table() -> &'static CharTable {
    &TABLE
}

impl CharTable {
    /// The Simplified form of `c` by the table (itself when it has none).
    #[inline]
    pub fn simplify(&self, c: char) -> char {
        let cp = c as u32;
        if cp < BMP_FIRST {
            return c;
        }
        if cp <= BMP_LAST {
            let k = (cp - BMP_FIRST) as usize;
            let word = self.converts[k >> 6];
            let bit = 1u64 << (k & 63);
            if word & bit == 0 {
                return c;
            }
            let i = self.rank[k >> 6] as usize + (word & (bit - 1)).count_ones() as usize;
            return self.simplified[i];
        }
        if (SUPP_FIRST..=SUPP_LAST).contains(&cp) {
            return match self.supplementary.binary_search_by_key(&c, |&(k, _)| k) {
                Ok(i) => self.supplementary[i].1,
                Err(_) => c,
            };
        }
        c
    }
}

/// The Simplified form of one character by OpenCC's character table (itself when it has none).
/// Context free: 乾 → 干 always. Use [`to_simplified`] for text a person reads.
#[inline]
pub fn simplify_char(c: char) -> char {
    if (c as u32) < BMP_FIRST {
        return c;
    }
    TABLE.simplify(c)
}

/// True for a character OpenCC's table converts to a different Simplified character (萬, 與,
/// 協). Characters whose first Simplified candidate is themselves (乾 has 干 first, so it counts;
/// 瞭 has itself first, so it does not) follow the table.
pub fn is_traditional(c: char) -> bool {
    simplify_char(c) != c
}

/// Every character of `text` through [`simplify_char`].
pub fn simplify_chars(text: &str) -> String {
    text.chars().map(simplify_char).collect()
}

/// Phrase-level conversion to Simplified for display (OpenCC `t2s`: 乾隆 stays, 乾燥 → 干燥).
/// The converter is loaded on first call.
pub fn to_simplified(text: &str) -> String {
    let converter = PHRASE.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok());
    match converter {
        Some(c) => c.convert(text),
        None => simplify_chars(text),
    }
}

/// Phrase-level conversion to Traditional (OpenCC `s2t`), loaded on first call; lint uses it to
/// confirm that a character is Simplified-only in its context (合 in 合作 is both scripts' 合).
pub fn to_traditional(text: &str) -> String {
    static S2T: OnceLock<Option<OpenCC>> = OnceLock::new();
    match S2T.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).ok()) {
        Some(c) => c.convert(text),
        None => text.to_string(),
    }
}

/// How many Traditional and how many Simplified-only characters a text holds; both non-zero is
/// the mixed-script case lint reports. A character counts as Simplified when it is the image of
/// some Traditional one and differs from it (that is, it is not shared by both scripts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    pub traditional: usize,
    pub simplified: usize,
}

/// Count Traditional (per [`is_traditional`]) and Simplified-only characters in `text`.
pub fn script_counts(text: &str) -> ScriptCounts {
    let mut out = ScriptCounts::default();
    for c in text.chars() {
        if is_traditional(c) {
            out.traditional += 1;
        } else if is_simplified_only(c) {
            out.simplified += 1;
        }
    }
    out
}

/// True for a character that is the Simplified form of some other (Traditional) character and
/// is not itself Traditional: 万, 与, 协 — but not 干 (a Traditional 干 exists too, so it is
/// shared), not 的.
pub fn is_simplified_only(c: char) -> bool {
    simplified_set().binary_search(&c).is_ok() && !is_traditional(c) && !shared_set().contains(&c)
}

/// Characters that are some Traditional character's Simplified form, sorted.
fn simplified_set() -> &'static [char] {
    &SIMPLIFIED_SET
}

/// Simplified forms that are also ordinary characters in Traditional text (干 后 台 里 只 系 …
/// are the images of 乾/幹 後 臺 裡 隻 係 but were always characters of their own). A text
/// using them is not thereby Simplified. Kept short on purpose: these are the frequent ones.
fn shared_set() -> &'static [char] {
    &[
        '干', '后', '台', '里', '只', '系', '余', '准', '发', '面', '松', '出', '云', '谷', '丑', '了', '才',
        '冲', '范', '斗', '制', '致', '历', '表', '征', '钟', '周', '姜', '朴', '卷', '舍', '杰', '布', '板',
        '借', '咸', '困', '向', '郁', '折', '志', '筑', '须', '蒙', '仆', '党', '吁', '划', '伙', '伤', '并',
        '几', '尽', '烟', '叶', '家', '沈', '据', '胡', '症', '御', '游', '于', '升', '凶', '采', '占', '汇',
        '岳',
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_table_is_opencc_first_candidate() {
        assert_eq!(simplify_chars("協作與萬國發展"), "协作与万国发展");
        assert_eq!(simplify_char('乾'), '干');
        assert_eq!(simplify_char('瞭'), '瞭');
        assert_eq!(simplify_char('的'), '的');
        assert_eq!(simplify_char('A'), 'A');
        assert!(is_traditional('萬'));
        assert!(!is_traditional('万'));
        assert!(!is_traditional('。'));
    }

    #[test]
    fn supplementary_entries_are_found() {
        // OpenCC's table has entries above the BMP (Extension B and later); they must be found.
        let trad: Vec<char> =
            TABLE.supplementary.iter().map(|&(k, _)| k).filter(|c| (*c as u32) >= SUPP_FIRST).collect();
        assert!(!trad.is_empty());
        for c in trad.iter().take(20) {
            assert!(is_traditional(*c));
        }
    }

    /// The compiled-in table is exactly what the run-time converter gives each ideograph on its
    /// own (a one-character result other than the input; anything else leaves it unchanged),
    /// and the Simplified set is exactly the table's images.
    #[test]
    fn compiled_table_agrees_with_the_converter_on_every_ideograph() {
        let converter = OpenCC::from_config(BuiltinConfig::T2s).expect("built-in t2s loads");
        let mut images = Vec::new();
        let mut entries = 0;
        let mut buf = String::new();
        for c in (BMP_FIRST..=BMP_LAST).chain(SUPP_FIRST..=SUPP_LAST).filter_map(char::from_u32) {
            buf.clear();
            buf.push(c);
            let converted = converter.convert(&buf);
            let mut it = converted.chars();
            let expected = match (it.next(), it.next()) {
                (Some(s), None) => s,
                _ => c,
            };
            assert_eq!(simplify_char(c), expected, "U+{:04X} {c}", c as u32);
            assert_eq!(is_traditional(c), expected != c, "U+{:04X} {c}", c as u32);
            if expected != c {
                entries += 1;
                images.push(expected);
            }
        }
        images.sort_unstable();
        images.dedup();
        assert_eq!(simplified_set(), images.as_slice());
        // Every entry is found, none is stored twice.
        assert_eq!(TABLE.simplified.len() + TABLE.supplementary.len(), entries);
        assert!(entries > 2500, "OpenCC's character table has thousands of entries, got {entries}");
    }

    #[test]
    fn phrase_level_conversion_knows_context() {
        assert_eq!(to_simplified("乾隆年間，天氣乾燥"), "乾隆年间，天气干燥");
        assert_eq!(to_simplified("頭髮"), "头发");
    }

    #[test]
    fn counts_scripts_for_the_mixed_script_rule() {
        let c = script_counts("我們要加強协作");
        assert_eq!(c, ScriptCounts { traditional: 2, simplified: 1 });
        assert_eq!(script_counts("天气干燥，台上").simplified, 1); // 气 only; 干 and 台 are shared
        assert_eq!(script_counts("天氣").traditional, 1);
    }
}
