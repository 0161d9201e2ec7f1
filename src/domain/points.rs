//! Points as fixed-point hundredths, so a ranking compares them exactly: two candidates with
//! 87.35 points tie, whatever the float arithmetic of their formulas left behind.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(i64);

impl Points {
    pub const fn from_hundredths(hundredths: i64) -> Points {
        Points(hundredths)
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }

    /// A formula's result rounded to hundredths (half away from zero); None for a value that
    /// is not a finite number or is too large to hold.
    pub fn from_f64(value: f64) -> Option<Points> {
        let hundredths = (value * 100.0).round();
        (hundredths.is_finite() && hundredths.abs() < i64::MAX as f64)
            .then_some(Points(hundredths as i64))
    }

    /// The shortest decimal that says it exactly: `48`, `48.5`, `48.25`, `-3.1`.
    pub fn decimal(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let whole = self.0.unsigned_abs() / 100;
        let fraction = self.0.unsigned_abs() % 100;
        match fraction {
            0 => format!("{sign}{whole}"),
            f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
            f => format!("{sign}{whole}.{f:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_that_differ_only_in_float_noise_are_equal_points() {
        let a = Points::from_f64(0.1 + 0.2).unwrap();
        let b = Points::from_f64(0.3).unwrap();
        assert_eq!(a, b);
        assert_eq!(Points::from_f64(87.345), Points::from_f64(87.35));
        assert!(Points::from_f64(87.36).unwrap() > Points::from_f64(87.35).unwrap());
        assert_eq!(Points::from_f64(f64::NAN), None);
        assert_eq!(Points::from_f64(f64::INFINITY), None);
    }

    #[test]
    fn points_are_written_as_the_shortest_exact_decimal() {
        assert_eq!(Points::from_hundredths(4800).decimal(), "48");
        assert_eq!(Points::from_hundredths(4850).decimal(), "48.5");
        assert_eq!(Points::from_hundredths(4825).decimal(), "48.25");
        assert_eq!(Points::from_hundredths(4805).decimal(), "48.05");
        assert_eq!(Points::from_hundredths(-310).decimal(), "-3.1");
        assert_eq!(Points::from_hundredths(5).decimal(), "0.05");
    }
}
