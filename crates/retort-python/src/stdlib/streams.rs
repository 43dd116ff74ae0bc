//! `sys.stdout` and `sys.stderr`: the script's two text streams. What is
//! written to `sys.stdout` (or printed) goes to the interpreter's output
//! sink, what is written to `sys.stderr` to its error sink; `print(...,
//! file=f)` with any other object calls `f.write(text)`.

use crate::error::{PyErr, PyResult};
use crate::interp::Interpreter;
use crate::native::{CallArgs, NativeFunction, NativeObject};
use crate::value::Value;

/// One of the two standard streams.
#[derive(Debug)]
struct StandardStream {
    error: bool,
}

impl StandardStream {
    fn name(&self) -> &'static str {
        if self.error { "<stderr>" } else { "<stdout>" }
    }
}

/// `sys.stdout`.
pub fn stdout() -> Value {
    Value::native(StandardStream { error: false })
}

/// `sys.stderr`.
pub fn stderr() -> Value {
    Value::native(StandardStream { error: true })
}

/// Writes `text` to `stream`: a standard stream's sink, or any object's
/// `write` method.
pub fn write_to(interp: &mut Interpreter, stream: &Value, text: &str) -> PyResult<()> {
    if let Some(standard) = stream.downcast_native::<StandardStream>() {
        write_standard(interp, standard.error, text);
        return Ok(());
    }
    let write = interp.get_attr(stream, "write")?;
    interp.call(&write, CallArgs::new(vec![Value::str(text)]))?;
    Ok(())
}

fn write_standard(interp: &mut Interpreter, error: bool, text: &str) {
    if error {
        interp.write_error_output(text);
    } else {
        interp.write_output(text);
    }
}

impl NativeObject for StandardStream {
    fn type_name(&self) -> &str {
        "TextIOWrapper"
    }

    fn repr(&self, _interp: &mut Interpreter, _this: &Value) -> PyResult<String> {
        Ok(format!(
            "<_io.TextIOWrapper name='{}' mode='w' encoding='utf-8'>",
            self.name()
        ))
    }

    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let error = self.error;
        Ok(match name {
            "write" => Some(NativeFunction::function(
                "write",
                move |interp, mut args| {
                    args.check("write", 1, 1)?;
                    let Some(Value::Str(text)) = args.take(0, "s") else {
                        return Err(PyErr::type_error("write() argument must be str"));
                    };
                    write_standard(interp, error, &text);
                    Ok(Value::Int(text.chars().count() as i64))
                },
            )),
            "flush" => Some(NativeFunction::function("flush", |_, _| Ok(Value::None))),
            "name" => Some(Value::str(self.name())),
            "encoding" => Some(Value::str("utf-8")),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use crate::interp::Interpreter;
    use crate::limits::Limits;

    #[test]
    fn print_to_stderr_reaches_the_error_sink_and_other_files_their_write() {
        let mut interp = Interpreter::new(Limits::default());
        let out = Rc::new(RefCell::new(String::new()));
        let err = Rc::new(RefCell::new(String::new()));
        let (o, e) = (out.clone(), err.clone());
        interp.set_output(move |t| o.borrow_mut().push_str(t));
        interp.set_error_output(move |t| e.borrow_mut().push_str(t));
        interp
            .run(
                "import sys\n\
                 print('a', file=sys.stderr)\n\
                 print('b', file=sys.stdout)\n\
                 sys.stderr.write('c\\n')\n\
                 class Buf:\n    def __init__(self): self.parts = []\n    def write(self, t): self.parts.append(t)\n\
                 buf = Buf()\n\
                 print('d', 1, sep='-', file=buf)\n\
                 print(buf.parts, repr(sys.stderr))\n",
            )
            .expect("the script runs");
        assert_eq!(err.borrow().as_str(), "a\nc\n");
        assert_eq!(
            out.borrow().as_str(),
            "b\n['d-1\\n'] <_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>\n"
        );
    }
}
