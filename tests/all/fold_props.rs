//! Property tests: the folded view's map is monotone and exact for arbitrary mixes of the noise
//! kinds users' files carry (script, width, punctuation, whitespace and line breaks, pinyin
//! glosses, doubled punctuation, placeholders, and look-alikes that must stay text).

use jianggao::text::fold::{PLACEHOLDER, fold, fold_char};
use jianggao::text::placeholder;
use jianggao::text::span::Span;
use proptest::prelude::*;

/// Fragments of our own writing, one kind of noise each.
const FRAGMENTS: &[&str] = &[
    // plain Simplified text
    "加强",
    "协作",
    "共谋发展",
    "同志们",
    "座谈会",
    "推动高质量发展",
    "二〇二五年",
    // Traditional
    "區域協作",
    "與會同志",
    "萬眾一心",
    "發展為要",
    // full-width and ASCII
    "ＧＤＰ",
    "２０２５",
    "GDP",
    "5G",
    "12.5%",
    "５％",
    // punctuation, single and doubled
    "，",
    "。",
    "、",
    "；",
    "：",
    "！",
    "？",
    "“",
    "”",
    "《",
    "》",
    "（",
    "）",
    "……",
    "——",
    ",",
    ".",
    "，，、",
    "。。",
    "！！",
    // whitespace and line breaks, invisible characters
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r\n\r\n",
    "　　",
    "\t",
    "\u{200B}",
    "\u{00AD}",
    // pinyin glosses after a character
    "協(xié)",
    "协（xié）",
    "作 (zuò)",
    "謀(móu)",
    "（xié zuò）",
    // placeholders
    "☆☆",
    "★",
    "××",
    "XX",
    "xx",
    "某某",
    "**",
    "在X市",
    "○○",
    // look-alikes that are text
    "(GDP)",
    "二○○八",
    "Xbox",
    "某些",
    "a*b",
    "（一）",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|v| v.concat())
}

/// Characters whose meaning as a placeholder depends on their neighbours.
fn context_sensitive(c: char) -> bool {
    c == PLACEHOLDER || "xX×ｘＸ○〇某*☆★".contains(c)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn map_is_monotone_and_in_bounds(text in text_strategy()) {
        let f = fold(&text);
        let n = text.chars().count() as u32;
        prop_assert_eq!(f.chars.len(), f.starts.len());
        prop_assert_eq!(f.chars.len(), f.ends.len());
        for i in 0..f.len() {
            prop_assert!(f.starts[i] < f.ends[i]);
            prop_assert!(f.ends[i] <= n);
            if i + 1 < f.len() {
                prop_assert!(f.ends[i] <= f.starts[i + 1]);
            }
        }
    }

    #[test]
    fn every_position_points_at_what_it_came_from(text in text_strategy()) {
        let f = fold(&text);
        let chars: Vec<char> = text.chars().collect();
        let runs: Vec<Span<char>> = placeholder::find(&text).into_iter().map(|p| p.span).collect();
        for i in 0..f.len() {
            let (s, e) = (f.starts[i] as usize, f.ends[i] as usize);
            if f.chars[i] == PLACEHOLDER {
                prop_assert!(runs.contains(&Span::new(s, e)), "placeholder token at {s}..{e} is not a run");
            } else {
                prop_assert_eq!(e - s, 1);
                prop_assert_eq!(fold_char(chars[s]), Some(f.chars[i]));
            }
        }
        // Every placeholder run became exactly one token.
        let tokens = f.chars.iter().filter(|&&c| c == PLACEHOLDER).count();
        prop_assert_eq!(tokens, runs.len());
    }

    #[test]
    fn refolding_an_original_slice_gives_the_range_back(
        text in text_strategy(),
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        let f = fold(&text);
        prop_assume!(!f.is_empty());
        let (mut from, mut to) = (a.index(f.len()), b.index(f.len()) + 1);
        if from >= to {
            std::mem::swap(&mut from, &mut to);
            from -= 1;
            to += 1;
            to = to.min(f.len());
        }
        prop_assume!(from < to);
        // Placeholder recognition looks at neighbours; a slice that starts or ends on one
        // cuts that context off, by design (a lone X is a name only next to Chinese text).
        prop_assume!(!context_sensitive(f.chars[from]) && !context_sensitive(f.chars[to - 1]));
        let span = f.original_span(from, to);
        let again = fold(span.slice(&text));
        prop_assert_eq!(&again.chars[..], &f.chars[from..to]);
        let shifted: Vec<u32> = again.starts.iter().map(|s| s + span.start as u32).collect();
        prop_assert_eq!(&shifted[..], &f.starts[from..to]);
    }

    #[test]
    fn noise_never_changes_the_folded_text(text in text_strategy()) {
        // Adding line breaks, indentation and doubled punctuation between fragments changes
        // nothing folded.
        let noisy: String = text.chars().flat_map(|c| {
            if c == '。' { vec!['。', '，', '\r', '\n', '　', '　'] } else { vec![c] }
        }).collect();
        prop_assert_eq!(fold(&text).chars, fold(&noisy).chars);
    }
}

#[test]
fn fixtures_of_each_noise_kind() {
    let p = PLACEHOLDER;
    let cases: &[(&str, String)] = &[
        ("加強區域協作", "加强区域协作".into()),
        ("ＧＤＰ增長５％", "gdp增长5%".into()),
        ("“协作”，，、共赢！！", "协作共赢".into()),
        ("推动\r\n高质量\n　　发展", "推动高质量发展".into()),
        ("協(xié)作共(gòng)贏", "协作共赢".into()),
        ("增长（GDP）", "增长gdp".into()),
        ("欢迎☆☆同志", format!("欢迎{p}同志")),
        ("××县某某局**科", format!("{p}县{p}局{p}科")),
        ("X市X区", format!("{p}市{p}区")),
        ("二○○八年Xbox", "二○○八年xbox".into()),
        ("零\u{200B}宽\u{00AD}字符", "零宽字符".into()),
    ];
    for (input, want) in cases {
        assert_eq!(&fold(input).as_string(), want, "{input}");
    }
}
