//! Text output exactly as CPython produces it: `repr`/`str`, float repr,
//! the format-spec mini-language, `%`-formatting and `str.format`.

pub mod float_repr;
pub mod percent;
pub mod repr;
pub mod spec;
pub mod str_format;
