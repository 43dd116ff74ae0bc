//! Execution budgets: steps, recursion depth, native stack, and sizes.

/// Bounds on one interpreter's execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Statements and loop iterations allowed across the interpreter's life.
    pub max_steps: u64,
    /// Python call depth before `RecursionError`.
    pub max_recursion_depth: usize,
    /// Largest list, tuple, dict or set a single operation may build.
    pub max_collection_len: usize,
    /// Largest string (in bytes) a single operation may build.
    pub max_string_len: usize,
    /// Bytes that large string and list operations (repetition,
    /// concatenation, `join`) may allocate in total during a run.
    pub max_total_allocation: usize,
    /// Native stack bytes the evaluator may use before raising `RecursionError`.
    /// The wasm build runs on about 1 MiB; keep a wide margin below that.
    /// Measured on x86_64: a Python call costs about 1.8 KiB in release
    /// builds (8.5 KiB unoptimised) and a nested list level 0.5 KiB (1.5 KiB),
    /// so the default budget allows the default depth of 300 calls in
    /// release builds; unoptimised test builds stop earlier, still cleanly.
    pub native_stack_budget: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_steps: 1_000_000,
            max_recursion_depth: 300,
            max_collection_len: 1_000_000,
            max_string_len: 10_000_000,
            max_total_allocation: 512 * 1024 * 1024,
            native_stack_budget: 768 * 1024,
        }
    }
}

/// Formats an integer with thousands separators (`1,000,000`).
pub fn with_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(with_thousands(1_000_000), "1,000,000");
        assert_eq!(with_thousands(999), "999");
        assert_eq!(with_thousands(1000), "1,000");
    }
}
