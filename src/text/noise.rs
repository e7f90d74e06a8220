//! Web and print noise: which characters are punctuation or invisible, and the pinyin glosses
//! (協(xié)作) that web copies put after a character. Folding drops what this module recognises;
//! `clean` removes the same things from readable text, so the two never disagree.

/// True for characters with no visible width that web copies scatter through text: zero-width
/// spaces and joiners, the word joiner, the BOM used as ZWNBSP, the soft hyphen.
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

/// The half-width form of a full-width ASCII character (Ａ→A, １→1, （→(, ，→,); other
/// characters unchanged. The ideographic space U+3000 becomes an ASCII space.
#[inline]
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// True for punctuation, Chinese or Western, full- or half-width (after [`half_width`] or not):
/// the marks a copy changes freely without changing what it says. Symbols are not punctuation,
/// and `%` and `‰` are kept out on purpose: they change what a number means.
#[inline]
pub fn is_punctuation(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        // ASCII symbols ($ + < = > ^ ` | ~) are not punctuation, and % is meaning.
        return c.is_ascii_punctuation()
            && !matches!(c, '%' | '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~');
    }
    match cp {
        0xA1 | 0xA7 | 0xAB | 0xB6 | 0xB7 | 0xBB | 0xBF => true,
        0x2010..=0x2027 | 0x2031..=0x205E => true, // dashes, quotes, …, ‧ (‰ U+2030 stays)
        0x3001..=0x3004 | 0x3008..=0x3020 | 0x3030 | 0x303D | 0x30FB => true, // 、。〈〉《》「」【】〔〕…
        0xFE10..=0xFE19 | 0xFE30..=0xFE4F | 0xFE50..=0xFE69 | 0xFE6B => true, // vertical and small forms
        0xFF01..=0xFF5E => is_punctuation(half_width(c)),
        0xFF5F..=0xFF65 => true,
        _ => false,
    }
}

/// Tone-marked pinyin vowels (and the rare tone-marked m, n), upper and lower case.
#[inline]
fn is_tone_marked(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á' | 'ǎ' | 'à' | 'ē' | 'é' | 'ě' | 'è' | 'ī' | 'í' | 'ǐ' | 'ì' | 'ō' | 'ó' | 'ǒ' | 'ò'
            | 'ū' | 'ú' | 'ǔ' | 'ù' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'Ā' | 'Á' | 'Ǎ' | 'À' | 'Ē' | 'É' | 'Ě'
            | 'È' | 'Ī' | 'Í' | 'Ǐ' | 'Ì' | 'Ō' | 'Ó' | 'Ǒ' | 'Ò' | 'Ū' | 'Ú' | 'Ǔ' | 'Ù' | 'Ǖ' | 'Ǘ'
            | 'Ǚ' | 'Ǜ' | 'ḿ' | 'ń' | 'ň' | 'ǹ'
            // combining grave, acute, macron, caron: tones typed as a vowel plus a mark
            | '\u{0300}' | '\u{0301}' | '\u{0304}' | '\u{030C}'
    )
}

/// Longest gloss accepted, in characters between the brackets (four or five syllables).
pub const MAX_GLOSS: usize = 40;

/// If `chars[at]` opens a pinyin gloss — `(` or `（`, pinyin letters with at least one tone
/// mark (spaces and apostrophes allowed between syllables), then `)` or `）` — its length in
/// characters, brackets included. `(GDP)`, `(2024)` and `（一）` are not glosses: without a
/// tone mark nothing is. The caller checks that a Chinese character comes before it.
pub fn pinyin_gloss_len(chars: &[char], at: usize) -> Option<usize> {
    if !matches!(chars.get(at), Some('(' | '（')) {
        return None;
    }
    let mut toned = false;
    let mut letters = 0;
    for (k, &c) in chars.iter().enumerate().skip(at + 1).take(MAX_GLOSS + 1) {
        match c {
            ')' | '）' => return (toned && letters > 0).then_some(k + 1 - at),
            'a'..='z' | 'A'..='Z' | 'ü' | 'Ü' | 'ê' | 'Ê' => letters += 1,
            ' ' | '\'' | '’' | '-' | '·' => {}
            c if is_tone_marked(c) => {
                toned = true;
                letters += 1;
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gloss(s: &str) -> Option<usize> {
        let chars: Vec<char> = s.chars().collect();
        pinyin_gloss_len(&chars, 0)
    }

    #[test]
    fn glosses_need_a_tone_mark() {
        assert_eq!(gloss("(xié)作"), Some(5));
        assert_eq!(gloss("（xié zuò）"), Some(9));
        assert_eq!(gloss("(xie\u{0301})"), Some(6));
        assert_eq!(gloss("(GDP)"), None);
        assert_eq!(gloss("(2024)"), None);
        assert_eq!(gloss("（一）"), None);
        assert_eq!(gloss("(xié"), None);
    }

    #[test]
    fn punctuation_classes() {
        for c in "，。、；：？！“”‘’（）《》【】…—·,.;:?!()\"'-「」『』〔〕".chars()
        {
            assert!(is_punctuation(c), "{c}");
        }
        for c in "协A1%‰〇々＄".chars() {
            assert!(!is_punctuation(c), "{c}");
        }
        assert_eq!(half_width('Ａ'), 'A');
        assert_eq!(half_width('，'), ',');
        assert_eq!(half_width('　'), ' ');
        assert!(is_invisible('\u{200B}'));
    }
}
