//! 字数 and speaking time: every non-whitespace scalar counts 1 (汉字, punctuation, digits, letters).

/// The default speaking rate in 字/分钟.
pub const DEFAULT_RATE: u32 = 180;

/// 字数 of `text`: every scalar that is not whitespace (full-width space U+3000 is whitespace).
pub fn zishu(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Speaking time in minutes of `chars` characters at `rate` 字/分钟.
pub fn minutes(chars: usize, rate: u32) -> f64 {
    chars as f64 / f64::from(rate.max(1))
}

/// Characters needed for `minutes` at `rate`.
pub fn chars_for_minutes(minutes: f64, rate: u32) -> usize {
    (minutes * f64::from(rate)).round().max(0.0) as usize
}

/// “约 7.5 分钟” style rendering, rounded to half a minute as writers quote it.
pub fn minutes_label(chars: usize, rate: u32) -> String {
    let m = (minutes(chars, rate) * 2.0).round() / 2.0;
    if m.fract() == 0.0 { format!("约 {m:.0} 分钟") } else { format!("约 {m:.1} 分钟") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_non_whitespace_scalar() {
        assert_eq!(zishu("同志们：\r\n　　大家好！GDP增长5%。"), 16);
        assert_eq!(zishu(""), 0);
        assert_eq!(zishu(" \t\n　"), 0);
    }

    #[test]
    fn speaking_time() {
        assert_eq!(minutes(1800, 180), 10.0);
        assert_eq!(chars_for_minutes(8.0, 180), 1440);
        assert_eq!(minutes_label(1350, 180), "约 7.5 分钟");
        assert_eq!(minutes_label(1440, 180), "约 8 分钟");
    }
}
