//! Traditional and Simplified script: the per-character table the folded view uses, and
//! phrase-level conversion for display.
//!
//! Both come from OpenCC's data as shipped (compiled in) by `ferrous-opencc`. The per-character
//! table is OpenCC's full `TSCharacters` table, first candidate of each entry; it is extracted
//! once, lazily, by running the `t2s` converter over every ideograph with a line break between
//! each (a phrase never spans a line break, so every lookup is a single-character one), and kept
//! as a flat array. Matching uses only this table: it is fast and context free, so a folded
//! position maps to exactly one original character. Phrase-level conversion
//! ([`to_simplified`]) knows that 乾隆 keeps 乾 and 乾燥 becomes 干燥; it is for text a person
//! reads, and its converter is loaded only when asked for.

use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

/// Ideographs in the BMP covered by the flat table: CJK Extension A up to the end of the URO.
const BMP_FIRST: u32 = 0x3400;
const BMP_LAST: u32 = 0x9FFF;
/// Supplementary ideographs (Extensions B–F) that OpenCC's table has entries for.
const SUPP_FIRST: u32 = 0x20000;
const SUPP_LAST: u32 = 0x2FFFF;

/// The extracted table: a dense array for the BMP block and a sorted list for the rest, with a
/// bit per BMP character saying whether it converts at all (3.4 KB, so the common case — a
/// character that is already Simplified — is answered from the first-level cache).
pub struct CharTable {
    /// `bmp[c - BMP_FIRST]` = the simplified form of `c` (itself when it has none).
    bmp: Vec<char>,
    /// Bit `c - BMP_FIRST` set when `bmp` maps `c` to another character.
    converts: Vec<u64>,
    /// (traditional, simplified) pairs above the BMP, sorted by the first.
    supplementary: Vec<(char, char)>,
}

type Table = CharTable;

static TABLE: OnceLock<Table> = OnceLock::new();
static PHRASE: OnceLock<Option<OpenCC>> = OnceLock::new();

/// The per-character table, built on first use. Hot loops fetch it once and call
/// [`CharTable::simplify`].
pub fn char_table() -> &'static CharTable {
    TABLE.get_or_init(build_table)
}

fn table() -> &'static Table {
    char_table()
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
            if self.converts[k >> 6] & (1 << (k & 63)) == 0 {
                return c;
            }
            return self.bmp[k];
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

fn build_table() -> Table {
    let table = extract_table();
    let mut converts = vec![0u64; table.bmp.len().div_ceil(64)];
    for (k, &s) in table.bmp.iter().enumerate() {
        if char::from_u32(BMP_FIRST + k as u32) != Some(s) {
            converts[k >> 6] |= 1 << (k & 63);
        }
    }
    Table { converts, ..table }
}

fn extract_table() -> Table {
    let mut bmp: Vec<char> = (BMP_FIRST..=BMP_LAST).map(|c| char::from_u32(c).unwrap_or('\0')).collect();
    let mut supplementary = Vec::new();
    // The converter ships its dictionaries compiled in, so this cannot fail short of a broken
    // build; if it did, the table stays the identity and folding still works (without T→S).
    let Ok(converter) = OpenCC::from_config(BuiltinConfig::T2s) else {
        return Table { bmp, converts: Vec::new(), supplementary };
    };
    let ranges = [(BMP_FIRST, BMP_LAST), (SUPP_FIRST, SUPP_LAST)];
    for (first, last) in ranges {
        let keys: Vec<char> = (first..=last).filter_map(char::from_u32).collect();
        let mut joined = String::with_capacity(keys.len() * 5);
        for &k in &keys {
            joined.push(k);
            joined.push('\n');
        }
        let converted = converter.convert(&joined);
        for (k, line) in keys.iter().zip(converted.split('\n')) {
            let mut it = line.chars();
            // Only one-character results make a per-character entry; anything else stays.
            let (Some(s), None) = (it.next(), it.next()) else { continue };
            if s == *k {
                continue;
            }
            if (BMP_FIRST..=BMP_LAST).contains(&(*k as u32)) {
                bmp[(*k as u32 - BMP_FIRST) as usize] = s;
            } else {
                supplementary.push((*k, s));
            }
        }
    }
    supplementary.sort_unstable();
    Table { bmp, converts: Vec::new(), supplementary }
}

/// Make sure the per-character table is built (it is built on first use otherwise). Benchmarks
/// call this so the one-off extraction is not timed.
pub fn warm_up() {
    let _ = table();
}

/// The Simplified form of one character by OpenCC's character table (itself when it has none).
/// Context free: 乾 → 干 always. Use [`to_simplified`] for text a person reads.
#[inline]
pub fn simplify_char(c: char) -> char {
    if (c as u32) < BMP_FIRST {
        return c;
    }
    table().simplify(c)
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
fn simplified_set() -> &'static Vec<char> {
    static SET: OnceLock<Vec<char>> = OnceLock::new();
    SET.get_or_init(|| {
        let t = table();
        let mut v: Vec<char> = t
            .bmp
            .iter()
            .enumerate()
            .filter(|&(i, &s)| char::from_u32(BMP_FIRST + i as u32) != Some(s))
            .map(|(_, &s)| s)
            .chain(t.supplementary.iter().map(|&(_, s)| s))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    })
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
            table().supplementary.iter().map(|&(k, _)| k).filter(|c| (*c as u32) >= SUPP_FIRST).collect();
        assert!(!trad.is_empty());
        for c in trad.iter().take(20) {
            assert!(is_traditional(*c));
        }
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
