//! SLO objectives as typed values whose every part knows its span; `parse::objective` reads
//! them from text.

use smallvec::SmallVec;

use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
}

impl Comparator {
    pub fn is_upper_bound(self) -> bool {
        matches!(self, Comparator::Lt | Comparator::Le)
    }

    pub fn is_lower_bound(self) -> bool {
        matches!(self, Comparator::Gt | Comparator::Ge)
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Lt => "<",
            Comparator::Le => "≤",
            Comparator::Gt => ">",
            Comparator::Ge => "≥",
            Comparator::Eq => "=",
        }
    }

    /// The same bound the other way round (`≥` for `≤`).
    pub fn flipped(self) -> Comparator {
        match self {
            Comparator::Lt => Comparator::Gt,
            Comparator::Le => Comparator::Ge,
            Comparator::Gt => Comparator::Lt,
            Comparator::Ge => Comparator::Le,
            Comparator::Eq => Comparator::Eq,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Nanoseconds,
    Microseconds,
    Milliseconds,
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
}

impl TimeUnit {
    pub fn seconds(self) -> f64 {
        match self {
            TimeUnit::Nanoseconds => 1e-9,
            TimeUnit::Microseconds => 1e-6,
            TimeUnit::Milliseconds => 1e-3,
            TimeUnit::Seconds => 1.0,
            TimeUnit::Minutes => 60.0,
            TimeUnit::Hours => 3600.0,
            TimeUnit::Days => 86_400.0,
            TimeUnit::Weeks => 604_800.0,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            TimeUnit::Nanoseconds => "ns",
            TimeUnit::Microseconds => "µs",
            TimeUnit::Milliseconds => "ms",
            TimeUnit::Seconds => "s",
            TimeUnit::Minutes => "min",
            TimeUnit::Hours => "h",
            TimeUnit::Days => "d",
            TimeUnit::Weeks => "w",
        }
    }
}

/// What the number of an objective measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A duration: a latency or a freshness.
    Time(TimeUnit),
    Percent,
    /// A count per unit of time: `ops/hour`, `req/s`, `rps`.
    Rate {
        per: TimeUnit,
    },
}

/// A value with the file span it was read from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Part<T> {
    pub value: T,
    pub span: Span,
}

/// What an objective bounds, decided from its unit and its words (and its SLO's name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectiveKind {
    /// A duration per event: `P95 ≤ 300ms`, `99% within 10s`.
    Latency,
    /// A share of good events: `≥ 99.9%`, `99.9% uptime`, `99% success`.
    Availability,
    /// A share of bad events, an upper bound: `< 0.1%`, `0.1% error rate`, `< 1% 5xx`.
    ErrorRate,
    /// A count per unit of time: `≥ 1000 ops/hour`.
    Throughput,
}

/// The unit of a window's length: clock units, and the calendar's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowUnit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Quarters,
    Years,
}

impl WindowUnit {
    /// The length in seconds, a month as 30 days (for comparing windows only).
    pub fn seconds(self) -> f64 {
        match self {
            WindowUnit::Minutes => 60.0,
            WindowUnit::Hours => 3600.0,
            WindowUnit::Days => 86_400.0,
            WindowUnit::Weeks => 604_800.0,
            WindowUnit::Months => 2_592_000.0,
            WindowUnit::Quarters => 7_776_000.0,
            WindowUnit::Years => 31_536_000.0,
        }
    }

    /// OpenSLO's duration shorthand postfix.
    pub fn shorthand(self) -> char {
        match self {
            WindowUnit::Minutes => 'm',
            WindowUnit::Hours => 'h',
            WindowUnit::Days => 'd',
            WindowUnit::Weeks => 'w',
            WindowUnit::Months => 'M',
            WindowUnit::Quarters => 'Q',
            WindowUnit::Years => 'Y',
        }
    }
}

/// The window an objective is measured over: `monthly` (a calendar month), `over 28 days`,
/// `rolling 30d`, `per rolling 30 min` (rolling).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub amount: f64,
    pub unit: WindowUnit,
    /// Rolling (`over 28 days`, `rolling 30d`) or calendar (`monthly`, `per month`).
    pub rolling: bool,
    pub span: Span,
}

impl Window {
    /// The length in seconds (a month as 30 days).
    pub fn seconds(&self) -> f64 {
        self.amount * self.unit.seconds()
    }
}

/// The objectives of one SLO, in the order written: nearly always one, kept inline so that
/// reading an SLO allocates nothing (`P95 ≤ 300ms and P99 ≤ 1s` is two).
pub type Objectives = SmallVec<[Objective; 1]>;

/// A parsed SLO objective.
#[derive(Clone, Debug, PartialEq)]
pub struct Objective {
    pub percentile: Option<Part<f64>>,
    pub comparator: Part<Comparator>,
    /// The comparator was not written (`100%` means at least 100%, `0.1% error rate` at most
    /// 0.1%, `300ms at p95` at most 300 ms).
    pub implicit_comparator: bool,
    pub value: Part<f64>,
    pub unit: Part<Unit>,
    pub kind: ObjectiveKind,
    pub window: Option<Window>,
    /// The whole objective, from its first word to its last qualifier.
    pub span: Span,
}

impl Objective {
    /// What the objective means, in base units (seconds, percent of good events, per
    /// second), so that `300ms` and `0.3s` compare equal, and `< 0.1%` of errors and
    /// `> 99.9%` of good events too.
    pub fn meaning(&self) -> Meaning {
        let mut comparator = self.comparator.value;
        let (value, kind) = match self.unit.value {
            Unit::Time(t) => (self.value.value * t.seconds(), UnitKind::Time),
            Unit::Percent if self.kind == ObjectiveKind::ErrorRate => {
                comparator = comparator.flipped();
                (100.0 - self.value.value, UnitKind::Percent)
            }
            Unit::Percent => (self.value.value, UnitKind::Percent),
            Unit::Rate { per } => (self.value.value / per.seconds(), UnitKind::Rate),
        };
        let window =
            self.window.map_or(
                f64::NAN,
                |w| {
                    if w.rolling { w.seconds() } else { -w.seconds() }
                },
            );
        Meaning {
            percentile: self.percentile.map_or(f64::NAN, |p| p.value),
            comparator,
            value,
            kind,
            window,
        }
    }

    /// Whether two objectives say the same thing, whatever their spelling.
    pub fn same_as(&self, other: &Objective) -> bool {
        self.meaning().same_as(&other.meaning())
    }
}

/// What an objective means, whatever its spelling: the percentile, the comparator, the
/// value in base units with the kind of unit (a share of bad events as the share of good
/// ones), and the window.
#[derive(Clone, Copy, Debug)]
pub struct Meaning {
    /// NaN when the objective has no percentile ([`Meaning::percentile`] says `None`).
    pub percentile: f64,
    pub comparator: Comparator,
    pub value: f64,
    pub kind: UnitKind,
    /// The window in seconds, positive when rolling, negative for a calendar window, NaN
    /// when none is written.
    pub window: f64,
}

impl Meaning {
    pub fn percentile(&self) -> Option<f64> {
        (!self.percentile.is_nan()).then_some(self.percentile)
    }

    /// Whether two meanings are the same, up to rounding. Windows count when both are
    /// written: `99.9% monthly` and `99.9% over 7 days` are different promises (the week is
    /// stricter), but a copy that leaves the window out states none to disagree with.
    pub fn same_as(&self, other: &Meaning) -> bool {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs());
        let windows_agree =
            self.window.is_nan() || other.window.is_nan() || close(self.window, other.window);
        self.percentile() == other.percentile()
            && self.comparator == other.comparator
            && self.kind == other.kind
            && close(self.value, other.value)
            && windows_agree
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    Time,
    Percent,
    Rate,
}

/// Where an objective stopped parsing and what was expected there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectiveError {
    pub span: Span,
    pub message: String,
}
