//! Calendar dates as jianggao reads them (`YYYY-MM-DD`) and prints them (`2026年3月18日`): the one
//! parser, which knows month lengths and leap years, for outlines, front matter, file names and
//! `archive add --date` alike. Std has no calendar and a date crate would be a dependency for
//! twenty lines.

use std::fmt;

/// A real day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The date, if it exists (years 1–9999).
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day))
        .then_some(Date { year, month, day })
    }

    /// `2026-03-18`, strictly: four-digit year, two-digit month and day, a real day.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| {
            s.get(r).filter(|p| p.bytes().all(|c| c.is_ascii_digit())).and_then(|p| p.parse().ok())
        };
        Date::new(num(0..4)?, num(5..7)?, num(8..10)?)
    }

    /// `2026年3月18日`
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    /// `2026-03-18`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Parse `s` or say, in Chinese, what is wrong with it: the form, or the day that does not exist.
pub fn check(s: &str) -> Result<Date, String> {
    if let Some(d) = Date::parse(s) {
        return Ok(d);
    }
    let form = s.len() == 10
        && s.bytes().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == b'-' } else { c.is_ascii_digit() });
    if form {
        let (y, m): (u32, u32) = (s[0..4].parse().unwrap_or(0), s[5..7].parse().unwrap_or(0));
        if (1..=12).contains(&m) && y > 0 {
            return Err(format!("日期 {s} 不存在（{y} 年 {m} 月只有 {} 天）", days_in_month(y, m)));
        }
        return Err(format!("日期 {s} 不存在（月份应为 01 到 12）"));
    }
    Err(format!("日期 {s} 格式不对，应为 YYYY-MM-DD，如 2025-03-18"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_days_pass() {
        assert_eq!(Date::parse("2026-03-08").map(|d| d.chinese()).as_deref(), Some("2026年3月8日"));
        assert_eq!(Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-3-8",
            "２０２６-03-08",
            "2026-03-08x",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2000-02-29").is_some());
    }

    #[test]
    fn the_message_says_what_is_wrong() {
        assert_eq!(check("2026-02-30").unwrap_err(), "日期 2026-02-30 不存在（2026 年 2 月只有 28 天）");
        assert_eq!(check("2026-13-01").unwrap_err(), "日期 2026-13-01 不存在（月份应为 01 到 12）");
        assert!(check("2026-3-18").unwrap_err().contains("格式不对"));
        assert_eq!(check("2028-02-29").unwrap(), Date { year: 2028, month: 2, day: 29 });
    }
}
