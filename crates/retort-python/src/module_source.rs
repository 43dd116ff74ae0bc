//! Running Python source as an importable module with globals of its own:
//! a project's `app.py` that a helper script imports (`from app import db`),
//! or a migration's revision file. Python registers the module before its
//! body runs (so a circular import sees the partial module) and removes it
//! again when the body raises.

use std::rc::Rc;

use crate::error::ScriptError;
use crate::interp::Interpreter;
use crate::value::{Module, Value, new_namespace};

impl Interpreter {
    /// Runs `source` as the module `name` (its `__name__`), with `initial`
    /// globals such as `__file__`, and returns the module. Functions
    /// defined in it keep the module's globals, not the script's. The
    /// module stays importable under `name` unless its body raised.
    pub fn run_module(
        &mut self,
        name: &str,
        file_name: &str,
        source: &str,
        initial: Vec<(String, Value)>,
    ) -> Result<Value, Box<ScriptError>> {
        let namespace = new_namespace();
        {
            let mut globals = namespace.borrow_mut();
            globals.insert("__name__".into(), Value::str(name));
            for (key, value) in initial {
                globals.insert(key, value);
            }
        }
        let module = Value::Module(Rc::new(Module {
            name: name.to_string(),
            dict: namespace.clone(),
        }));
        let previous = self.modules.insert(name.to_string(), module.clone());
        let script_globals = std::mem::replace(&mut self.globals, namespace);
        let outcome = self.run_named(file_name, source);
        self.globals = script_globals;
        match outcome {
            Ok(()) => Ok(module),
            Err(error) => {
                match previous {
                    Some(previous) => {
                        self.modules.insert(name.to_string(), previous);
                    }
                    None => {
                        self.modules.shift_remove(name);
                    }
                }
                Err(error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use crate::{Interpreter, Limits, Value};

    #[test]
    fn a_module_has_its_own_globals_and_is_importable() {
        let mut interp = Interpreter::new(Limits::default());
        let printed = Rc::new(RefCell::new(String::new()));
        let sink = printed.clone();
        interp.set_output(move |text| sink.borrow_mut().push_str(text));
        interp
            .run_module(
                "app",
                "app.py",
                "x = 2\ndef double():\n    return x * 2\nif __name__ == '__main__':\n    print('main')\n",
                vec![("__file__".into(), Value::str("/app/app.py"))],
            )
            .unwrap();
        assert!(interp.global("x").is_none());
        interp
            .run("from app import double, x\nimport app\nprint(double(), x, app.__name__)\n")
            .unwrap();
        assert_eq!(printed.borrow().as_str(), "4 2 app\n");
    }

    #[test]
    fn a_failing_module_is_not_importable() {
        let mut interp = Interpreter::new(Limits::default());
        let error = interp
            .run_module(
                "broken",
                "broken.py",
                "y = 1\nraise ValueError('no')\n",
                vec![],
            )
            .unwrap_err();
        assert_eq!(error.summary(), "ValueError: no");
        assert_eq!(error.line, 2);
        let error = interp.run("import broken\n").unwrap_err();
        assert_eq!(error.class_name, "ModuleNotFoundError");
    }
}
