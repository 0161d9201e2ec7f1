//! CEL expressions: conditions (`visible_when`, `required_when`, `fee_exempt_when`) and points
//! formulas. An expression is compiled once when the definition is loaded; evaluation binds
//! five variables: `candidate`, `program`, `answers`, `results` and `exams` (each scored exam's
//! `score` and whether it is `scored` yet).

use cel::extractors::Arguments;
use cel::{Context, ExecutionError, Program, Value};
use std::sync::Arc;

pub const VARIABLES: [&str; 5] = ["candidate", "program", "answers", "results", "exams"];

/// The five variables converted for CEL once, so that evaluating every condition of a
/// definition for one candidate does not convert them again for each.
pub struct Bound {
    context: Context<'static, 'static>,
}

impl Bound {
    pub fn new(vars: &Vars) -> Result<Bound, String> {
        let mut context = Context::default();
        for (name, value) in [
            ("candidate", &vars.candidate),
            ("program", &vars.program),
            ("answers", &vars.answers),
            ("results", &vars.results),
            ("exams", &vars.exams),
        ] {
            let value = cel::to_value(value).map_err(|e| e.to_string())?;
            context.add_variable_from_value(name, value);
        }
        if !vars.application.is_null() {
            let value = cel::to_value(&vars.application).map_err(|e| e.to_string())?;
            context.add_variable_from_value(RULE_VARIABLE, value);
        }
        context
            .add_function("max", |args: Arguments| extreme(args, "max", f64::max))
            .map_err(|e| e.to_string())?;
        context
            .add_function("min", |args: Arguments| extreme(args, "min", f64::min))
            .map_err(|e| e.to_string())?;
        Ok(Bound { context })
    }
}

/// A compiled expression and its source text.
#[derive(Clone)]
pub struct Expr {
    source: String,
    program: Arc<Program>,
}

impl std::fmt::Debug for Expr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Expr({:?})", self.source)
    }
}

/// A syntax error, with the 1-based column in the expression where it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub column: usize,
    pub message: String,
}

/// The values an expression sees, as JSON (maps of field keys to answers).
#[derive(Debug, Clone, Default)]
pub struct Vars {
    pub candidate: serde_json::Value,
    pub program: serde_json::Value,
    pub answers: serde_json::Value,
    pub results: serde_json::Value,
    /// Exam key → `{ score, scored }` for the programme's exams with a scale.
    pub exams: serde_json::Value,
    /// For automation rules only: the application's status, dates and progress
    /// (`application_vars`); null elsewhere, where the name is then unknown.
    pub application: serde_json::Value,
}

/// The names an automation rule's condition may read besides [`VARIABLES`].
pub const RULE_VARIABLE: &str = "application";

impl Expr {
    pub fn compile(source: &str) -> Result<Expr, SyntaxError> {
        Program::compile(source)
            .map(|program| Expr {
                source: source.to_owned(),
                program: Arc::new(program),
            })
            .map_err(|errors| {
                let first = errors.errors.first();
                SyntaxError {
                    column: first.map_or(1, |e| e.pos.1.max(0) as usize + 1),
                    message: first.map_or_else(|| errors.to_string(), |e| e.msg.clone()),
                }
            })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// Top-level names the expression reads.
    pub fn variables(&self) -> Vec<String> {
        self.program
            .references()
            .variables()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    pub fn eval(&self, vars: &Vars) -> Result<Value, String> {
        self.eval_in(&Bound::new(vars)?)
    }

    /// Evaluates against variables bound once for many expressions.
    pub fn eval_in(&self, bound: &Bound) -> Result<Value, String> {
        self.program
            .execute(&bound.context)
            .map_err(|e| describe(&e))
    }

    pub fn eval_bool(&self, vars: &Vars) -> Result<bool, String> {
        self.eval_bool_in(&Bound::new(vars)?)
    }

    pub fn eval_number(&self, vars: &Vars) -> Result<f64, String> {
        self.eval_number_in(&Bound::new(vars)?)
    }

    pub fn eval_bool_in(&self, bound: &Bound) -> Result<bool, String> {
        match self.eval_in(bound)? {
            Value::Bool(b) => Ok(b),
            other => Err(format!(
                "a condition must be true or false, but this gives {}",
                kind(&other)
            )),
        }
    }

    pub fn eval_number_in(&self, bound: &Bound) -> Result<f64, String> {
        match self.eval_in(bound)? {
            Value::Float(f) => Ok(f),
            Value::Int(i) => Ok(i as f64),
            Value::UInt(u) => Ok(u as f64),
            other => Err(format!(
                "a formula must give a number, but this gives {}",
                kind(&other)
            )),
        }
    }
}

fn extreme(
    Arguments(args): Arguments,
    name: &str,
    pick: fn(f64, f64) -> f64,
) -> Result<Value, ExecutionError> {
    let mut best: Option<f64> = None;
    for arg in args.iter() {
        let x = match arg {
            Value::Float(f) => *f,
            Value::Int(i) => *i as f64,
            Value::UInt(u) => *u as f64,
            other => {
                return Err(ExecutionError::function_error(
                    name,
                    format!("{name}() takes numbers, not {}", kind(other)),
                ))
            }
        };
        best = Some(best.map_or(x, |b| pick(b, x)));
    }
    best.map(Value::Float).ok_or_else(|| {
        ExecutionError::function_error(name, format!("{name}() needs at least one number"))
    })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Bool(_) => "true/false",
        Value::Int(_) | Value::UInt(_) => "a whole number",
        Value::Float(_) => "a decimal number",
        Value::String(_) => "text",
        Value::List(_) => "a list",
        Value::Map(_) => "a map",
        Value::Null => "nothing (null)",
        _ => "another kind of value",
    }
}

/// Engine errors reworded for the people who write the configuration.
fn describe(error: &ExecutionError) -> String {
    match error {
        ExecutionError::NoSuchKey(key) => format!("there is no field `{key}`"),
        ExecutionError::UndeclaredReference(name) => format!("unknown name `{name}`"),
        ExecutionError::UnsupportedBinaryOperator(op, left, right) => {
            let symbol = match *op {
                "add" => "+",
                "sub" => "-",
                "mul" => "*",
                "div" => "/",
                "rem" => "%",
                other => other,
            };
            format!(
                "`{symbol}` cannot combine {} and {} (write whole numbers with a decimal point, e.g. 1.0, when mixing them with percentages)",
                kind(left),
                kind(right)
            )
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vars() -> Vars {
        Vars {
            candidate: json!({"citizenship": "UA", "eu": false, "karta_polaka": true}),
            program: json!({"level": "master"}),
            answers: json!({}),
            results: json!({"math": {"basic": 80.0, "extended": 60.0}}),
            exams: json!({"drawing": {"score": 41.5, "scored": true}}),
            application: serde_json::Value::Null,
        }
    }

    #[test]
    fn a_condition_reads_the_candidate() {
        let e = Expr::compile("candidate.citizenship != 'PL' && !candidate.eu")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(e.eval_bool(&vars()), Ok(true));
        assert_eq!(e.variables(), vec!["candidate".to_owned()]);
    }

    #[test]
    fn a_formula_takes_the_better_of_two_levels() {
        let e = Expr::compile("max(results.math.extended, results.math.basic * 0.6)")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(e.eval_number(&vars()), Ok(60.0));
        let e = Expr::compile("max(results.math.extended, 0)").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(e.eval_number(&vars()), Ok(60.0));
    }

    #[test]
    fn a_formula_adds_an_exam_score() {
        let e = Expr::compile("results.math.extended + exams.drawing.score")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(e.eval_number(&vars()), Ok(101.5));
        let e = Expr::compile("exams.drawing.scored").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(e.eval_bool(&vars()), Ok(true));
    }

    #[test]
    fn errors_are_worded_for_configuration_authors() {
        let e = Expr::compile("candidate.shoe_size > 40").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            e.eval_bool(&vars()),
            Err("there is no field `shoe_size`".to_owned())
        );
        let e = Expr::compile("candidate.citizenship").unwrap_or_else(|e| panic!("{e:?}"));
        assert!(e.eval_bool(&vars()).unwrap_err().contains("true or false"));
        let syntax = Expr::compile("candidate.eu &&").unwrap_err();
        assert!(syntax.column > 1, "{syntax:?}");
    }
}
