//! Where the calendar windows of the OpenSLO export start (`export.openslo` in
//! `.ownlint.yaml`), and the checks of its two values.
//!
//! An objective measured `monthly` or `per quarter` is a calendar window, which OpenSLO
//! pins to a start and a time zone (`calendar: {startTime, timeZone}`). The documents never
//! state either: a team states its month boundaries here, once, and otherwise the export
//! assumes a start and says so.

/// The start of the calendar windows, as OpenSLO writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarStart {
    /// A local date and 24-hour time without a zone: `2024-01-01 00:00:00`.
    pub start_time: String,
    /// An IANA time zone in `Area/Location` form: `Europe/Berlin`.
    pub time_zone: String,
}

/// What is wrong with a value: the label under it, and what to write instead.
#[derive(Debug, PartialEq, Eq)]
pub struct Problem {
    pub label: &'static str,
    pub help: String,
}

/// The check of one setting's value.
pub type Check = fn(&str) -> Result<(), Problem>;

fn problem(label: &'static str, help: impl Into<String>) -> Problem {
    Problem {
        label,
        help: help.into(),
    }
}

/// Check a start time: `YYYY-MM-DD HH:MM:SS`, a date that exists and a time of day, which
/// is the form OpenSLO's schema takes (`slo-spec.schema.json`, `calendar.startTime`).
pub fn check_start_time(text: &str) -> Result<(), Problem> {
    const SHAPE: &[u8; 19] = b"dddd-dd-dd dd:dd:dd";
    let bytes = text.as_bytes();
    let shaped = bytes.len() == SHAPE.len()
        && bytes.iter().zip(SHAPE).all(|(b, s)| match s {
            b'd' => b.is_ascii_digit(),
            _ => b == s,
        });
    if !shaped {
        return Err(problem(
            "not `YYYY-MM-DD HH:MM:SS`",
            "write a date and a 24-hour time without a zone, as OpenSLO does: \
             `2024-01-01 00:00:00`; the zone is `time-zone`",
        ));
    }
    let number = |at: usize, len: usize| {
        (bytes[at..at + len].iter()).fold(0, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let (year, month, day) = (number(0, 4), number(5, 2), number(8, 2));
    let (hour, minute, second) = (number(11, 2), number(14, 2), number(17, 2));
    if !(1..=12).contains(&month) {
        return Err(problem("no such month", "months are 01 to 12"));
    }
    let days = days_in_month(year, month);
    if !(1..=days).contains(&day) {
        return Err(problem(
            "no such day",
            format!("{year}-{month:02} has {days} days"),
        ));
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(problem(
            "no such time of day",
            "the time is from 00:00:00 to 23:59:59",
        ));
    }
    Ok(())
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The areas of the IANA time zone database (its `theory.html`, "Timezone identifiers"),
/// `Etc`, and the legacy areas whose names its `backward` file still keeps (`US/Eastern`).
/// Areas are stable; the locations in them are not, so only their shape is checked.
pub const AREAS: &[&str] = &[
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
    "Etc",
    "Brazil",
    "Canada",
    "Chile",
    "Mexico",
    "US",
];

/// The longest part of a zone name the IANA database allows (`theory.html`).
const LONGEST_PART: usize = 14;

/// Check a time zone: an IANA name in `Area/Location` form, the form OpenSLO's schema takes
/// (`calendar.timeZone`), with a known area and each later part shaped as the database
/// shapes them (an upper-case letter, then letters, digits, `_`, `-` or `+`). Whether the
/// location exists is left to the tools that read the export: ownlint carries no zone
/// database.
pub fn check_time_zone(text: &str) -> Result<(), Problem> {
    const EXAMPLES: &str = "`Europe/Berlin`, `America/New_York`, `Etc/UTC`";
    let Some((area, location)) = text.split_once('/') else {
        let help = match text.to_ascii_uppercase().as_str() {
            "UTC" | "GMT" | "Z" | "ZULU" | "UNIVERSAL" => {
                "OpenSLO names a zone as Area/Location: write `Etc/UTC`".to_owned()
            }
            _ => format!("OpenSLO names an IANA zone as Area/Location: {EXAMPLES}"),
        };
        return Err(problem("not an Area/Location zone", help));
    };
    if !AREAS.contains(&area) {
        let help = crate::util::suggest::closest_match(area, AREAS.iter().map(|a| (*a, ())))
            .map(|(a, _)| format!("did you mean `{a}`?"))
            .unwrap_or_else(|| format!("areas: {}", AREAS.join(", ")));
        return Err(problem("unknown area", help));
    }
    let well_shaped = |part: &str| {
        let mut chars = part.chars();
        part.len() <= LONGEST_PART
            && chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
    };
    if !location.split('/').all(well_shaped) {
        return Err(problem(
            "not an IANA location",
            format!(
                "a location is words joined by `_` or `-`, each part starting with a capital \
                 letter: {EXAMPLES}"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_times_are_real_dates_and_times_of_day() {
        for good in [
            "2024-01-01 00:00:00",
            "2024-02-29 23:59:59",
            "2000-02-29 12:00:00",
            "2025-12-31 06:30:00",
        ] {
            assert_eq!(check_start_time(good), Ok(()), "{good}");
        }
        for (bad, label) in [
            ("2024-01-01", "not `YYYY-MM-DD HH:MM:SS`"),
            ("2024-01-01T00:00:00", "not `YYYY-MM-DD HH:MM:SS`"),
            ("2024-01-01 00:00:00Z", "not `YYYY-MM-DD HH:MM:SS`"),
            ("2024-1-01 00:00:00", "not `YYYY-MM-DD HH:MM:SS`"),
            ("２024-01-01 00:00:00", "not `YYYY-MM-DD HH:MM:SS`"),
            ("2024-13-01 00:00:00", "no such month"),
            ("2024-00-01 00:00:00", "no such month"),
            ("2023-02-29 00:00:00", "no such day"),
            ("1900-02-29 00:00:00", "no such day"),
            ("2024-04-31 00:00:00", "no such day"),
            ("2024-01-00 00:00:00", "no such day"),
            ("2024-01-01 24:00:00", "no such time of day"),
            ("2024-01-01 00:60:00", "no such time of day"),
            ("2024-01-01 00:00:60", "no such time of day"),
        ] {
            assert_eq!(
                check_start_time(bad).map_err(|p| p.label),
                Err(label),
                "{bad}"
            );
        }
    }

    #[test]
    fn time_zones_are_area_slash_location() {
        for good in [
            "Etc/UTC",
            "Europe/Berlin",
            "America/New_York",
            "America/Port-au-Prince",
            "America/Argentina/Buenos_Aires",
            "Etc/GMT+5",
            "Etc/GMT-14",
            "US/Eastern",
        ] {
            assert_eq!(check_time_zone(good), Ok(()), "{good}");
        }
        for (bad, label) in [
            ("UTC", "not an Area/Location zone"),
            ("+02:00", "not an Area/Location zone"),
            ("CEST", "not an Area/Location zone"),
            ("Eurpoe/Berlin", "unknown area"),
            ("europe/berlin", "unknown area"),
            ("Europe/berlin", "not an IANA location"),
            ("Europe/", "not an IANA location"),
            ("Europe/Berlin/", "not an IANA location"),
            ("Europe/Berlin Time", "not an IANA location"),
            ("America/Fernando_de_Noronha", "not an IANA location"),
        ] {
            assert_eq!(
                check_time_zone(bad).map_err(|p| p.label),
                Err(label),
                "{bad}"
            );
        }
        let utc = check_time_zone("utc").unwrap_err();
        assert_eq!(
            utc.help,
            "OpenSLO names a zone as Area/Location: write `Etc/UTC`"
        );
        let typo = check_time_zone("Eurpoe/Berlin").unwrap_err();
        assert_eq!(typo.help, "did you mean `Europe`?");
    }

    /// What passes the check passes OpenSLO's pattern for `timeZone`.
    #[test]
    fn an_accepted_zone_matches_openslo_s_pattern() {
        let pattern = regex::Regex::new(r"[A-Z][a-zA-Z_]+/[A-Z][a-zA-Z_]+").unwrap();
        for area in AREAS {
            for location in ["Berlin", "GMT+5", "Port-au-Prince", "Ab"] {
                let zone = format!("{area}/{location}");
                assert_eq!(check_time_zone(&zone), Ok(()), "{zone}");
                assert!(pattern.is_match(&zone), "{zone}");
            }
        }
    }
}
