//! A deterministic `random` module (SplitMix64, seeded with 42 unless the
//! script calls `random.seed`): `random`, `randint`, `randrange`,
//! `uniform`, `choice`, `choices`, `shuffle`, `sample`, `seed`.

use std::cell::Cell;
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::NativeFunction;
use crate::value::Value;

/// A SplitMix64 generator.
#[derive(Debug)]
pub struct Generator {
    state: Cell<u64>,
}

impl Generator {
    /// A generator with a fixed seed.
    pub fn new(seed: u64) -> Generator {
        Generator {
            state: Cell::new(seed),
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&self) -> u64 {
        let state = self.state.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
        self.state.set(state);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A float in `[0, 1)`.
    pub fn next_float(&self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An integer in `[0, bound)`.
    pub fn below(&self, bound: u64) -> u64 {
        if bound == 0 {
            0
        } else {
            self.next_u64() % bound
        }
    }
}

fn int_arg(value: Option<&Value>) -> PyResult<i64> {
    value
        .and_then(Value::as_int)
        .ok_or_else(|| PyErr::type_error("an integer is required"))
}

/// Builds the `random` module.
pub fn module(_interp: &mut Interpreter) -> PyResult<Value> {
    let generator = Rc::new(Generator::new(42));
    let g = generator.clone();
    let seed = NativeFunction::function("seed", move |interp, args| {
        let value = args.positional.first().cloned().unwrap_or(Value::None);
        let seed = match &value {
            Value::Int(i) => *i as u64,
            Value::None => 42,
            other => {
                crate::dict::hash_value(other).unwrap_or(0) ^ interp.steps_used().wrapping_mul(0)
            }
        };
        g.state.set(seed);
        Ok(Value::None)
    });
    let g = generator.clone();
    let random = NativeFunction::function("random", move |_, _| Ok(Value::Float(g.next_float())));
    let g = generator.clone();
    let randint = NativeFunction::function("randint", move |_, args| {
        args.check("randint", 2, 2)?;
        let (low, high) = (
            int_arg(args.positional.first())?,
            int_arg(args.positional.get(1))?,
        );
        if high < low {
            return Err(PyErr::value_error(format!(
                "empty range in randrange({low}, {})",
                high + 1
            )));
        }
        Ok(Value::Int(low + g.below((high - low) as u64 + 1) as i64))
    });
    let g = generator.clone();
    let randrange = NativeFunction::function("randrange", move |_, args| {
        args.check("randrange", 1, 3)?;
        let (start, stop, step) = match args.positional.len() {
            1 => (0, int_arg(args.positional.first())?, 1),
            2 => (
                int_arg(args.positional.first())?,
                int_arg(args.positional.get(1))?,
                1,
            ),
            _ => (
                int_arg(args.positional.first())?,
                int_arg(args.positional.get(1))?,
                int_arg(args.positional.get(2))?,
            ),
        };
        let range = crate::value::RangeValue {
            start,
            stop,
            step: if step == 0 { 1 } else { step },
        };
        if range.is_empty() {
            return Err(PyErr::value_error(format!(
                "empty range in randrange({start}, {stop})"
            )));
        }
        Ok(Value::Int(
            range
                .get(g.below(range.len() as u64) as usize)
                .unwrap_or(start),
        ))
    });
    let g = generator.clone();
    let uniform = NativeFunction::function("uniform", move |_, args| {
        args.check("uniform", 2, 2)?;
        let as_float = |v: Option<&Value>| match v {
            Some(Value::Float(x)) => *x,
            Some(other) => other.as_int().unwrap_or(0) as f64,
            None => 0.0,
        };
        let (a, b) = (
            as_float(args.positional.first()),
            as_float(args.positional.get(1)),
        );
        Ok(Value::Float(a + (b - a) * g.next_float()))
    });
    let g = generator.clone();
    let choice = NativeFunction::function("choice", move |interp, args| {
        args.check("choice", 1, 1)?;
        let items = interp.collect(&args.positional[0])?;
        if items.is_empty() {
            return Err(PyErr::index_error("Cannot choose from an empty sequence"));
        }
        Ok(items
            .get(g.below(items.len() as u64) as usize)
            .cloned()
            .unwrap_or(Value::None))
    });
    let g = generator.clone();
    let choices = NativeFunction::function("choices", move |interp, mut args| {
        let k = args
            .take_keyword("k")
            .and_then(|v| v.as_int())
            .unwrap_or(1)
            .max(0) as usize;
        args.check("choices", 1, 1)?;
        let items = interp.collect(&args.positional[0])?;
        if items.is_empty() {
            return Err(PyErr::index_error("Cannot choose from an empty sequence"));
        }
        Ok(Value::list(
            (0..k)
                .filter_map(|_| items.get(g.below(items.len() as u64) as usize).cloned())
                .collect(),
        ))
    });
    let g = generator.clone();
    let shuffle = NativeFunction::function("shuffle", move |_, args| {
        args.check("shuffle", 1, 1)?;
        let Value::List(list) = &args.positional[0] else {
            return Err(PyErr::type_error("shuffle() argument must be a list"));
        };
        let mut items = list.borrow_mut();
        for i in (1..items.len()).rev() {
            let j = g.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
        Ok(Value::None)
    });
    let g = generator;
    let sample = NativeFunction::function("sample", move |interp, args| {
        args.check("sample", 2, 2)?;
        let mut items = interp.collect(&args.positional[0])?;
        let k = int_arg(args.positional.get(1))?;
        if k < 0 || k as usize > items.len() {
            return Err(PyErr::value_error(
                "Sample larger than population or is negative",
            ));
        }
        let mut chosen = Vec::new();
        for _ in 0..k {
            let index = g.below(items.len() as u64) as usize;
            chosen.push(items.remove(index));
        }
        Ok(Value::list(chosen))
    });
    Ok(Interpreter::new_module(
        "random",
        vec![
            ("seed", seed),
            ("random", random),
            ("randint", randint),
            ("randrange", randrange),
            ("uniform", uniform),
            ("choice", choice),
            ("choices", choices),
            ("shuffle", shuffle),
            ("sample", sample),
        ],
    ))
}
