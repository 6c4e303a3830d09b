//! The values of Python's `datetime` module (the behaviour lives in the interpreter).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// `datetime.date`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyDate(pub NaiveDate);

/// `datetime.datetime`, naive or aware (a fixed UTC offset in seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PyDateTime {
    pub naive: NaiveDateTime,
    pub offset: Option<i32>,
}

/// `datetime.time`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyTime(pub NaiveTime);

/// `datetime.timedelta`, normalised as Python does: `0 <= seconds < 86400`,
/// `0 <= microseconds < 1_000_000`, days carry the sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyTimeDelta {
    pub days: i64,
    pub seconds: i64,
    pub microseconds: i64,
}

impl PyTimeDelta {
    /// Builds a normalised delta from a total number of microseconds.
    pub fn from_micros(total: i128) -> PyTimeDelta {
        let day = 86_400_000_000i128;
        let days = total.div_euclid(day);
        let rest = total.rem_euclid(day);
        PyTimeDelta {
            days: days as i64,
            seconds: (rest / 1_000_000) as i64,
            microseconds: (rest % 1_000_000) as i64,
        }
    }

    pub fn total_micros(&self) -> i128 {
        (self.days as i128 * 86_400 + self.seconds as i128) * 1_000_000 + self.microseconds as i128
    }

    pub fn to_chrono(&self) -> chrono::Duration {
        chrono::Duration::microseconds(
            self.total_micros()
                .clamp(i64::MIN as i128, i64::MAX as i128) as i64,
        )
    }
}

impl PyDateTime {
    pub fn naive(naive: NaiveDateTime) -> PyDateTime {
        PyDateTime {
            naive,
            offset: None,
        }
    }

    /// The instant in UTC (for comparing aware datetimes).
    pub fn utc(&self) -> NaiveDateTime {
        match self.offset {
            Some(off) => self.naive - chrono::Duration::seconds(off as i64),
            None => self.naive,
        }
    }
}
