//! SLO objectives as typed values whose every part knows its span; `parse::objective` reads
//! them from text.

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

/// A parsed SLO objective.
#[derive(Clone, Debug, PartialEq)]
pub struct Objective {
    pub percentile: Option<Part<f64>>,
    pub comparator: Part<Comparator>,
    /// The comparator was not written (`100%` means at least 100%).
    pub implicit_comparator: bool,
    pub value: Part<f64>,
    pub unit: Part<Unit>,
}

impl Objective {
    /// What the objective means, in base units (seconds, percent, per second), so that
    /// `300ms` and `0.3s` compare equal.
    pub fn meaning(&self) -> Meaning {
        let (value, kind) = match self.unit.value {
            Unit::Time(t) => (self.value.value * t.seconds(), UnitKind::Time),
            Unit::Percent => (self.value.value, UnitKind::Percent),
            Unit::Rate { per } => (self.value.value / per.seconds(), UnitKind::Rate),
        };
        Meaning {
            percentile: self.percentile.map_or(f64::NAN, |p| p.value),
            comparator: self.comparator.value,
            value,
            kind,
        }
    }

    /// Whether two objectives say the same thing, whatever their spelling.
    pub fn same_as(&self, other: &Objective) -> bool {
        self.meaning().same_as(&other.meaning())
    }
}

/// What an objective means, whatever its spelling: the percentile, the comparator, and the
/// value in base units with the kind of unit.
#[derive(Clone, Copy, Debug)]
pub struct Meaning {
    /// NaN when the objective has no percentile ([`Meaning::percentile`] says `None`).
    pub percentile: f64,
    pub comparator: Comparator,
    pub value: f64,
    pub kind: UnitKind,
}

impl Meaning {
    pub fn percentile(&self) -> Option<f64> {
        (!self.percentile.is_nan()).then_some(self.percentile)
    }

    /// Whether two meanings are the same, up to rounding.
    pub fn same_as(&self, other: &Meaning) -> bool {
        self.percentile() == other.percentile()
            && self.comparator == other.comparator
            && self.kind == other.kind
            && (self.value - other.value).abs() <= 1e-9 * self.value.abs().max(other.value.abs())
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
