//! Methods of the binding's native objects: a name looked up on an object
//! becomes a function that dispatches back to that object by name.

use retort_python::{CallArgs, Interpreter, NativeFunction, PyResult, Value};

/// The function `receiver.name` evaluates to: calling it runs
/// `dispatch(receiver, interp, name, args)`.
pub(crate) fn bound_method<T: 'static>(
    receiver: T,
    name: &str,
    dispatch: fn(&T, &mut Interpreter, &str, CallArgs) -> PyResult<Value>,
) -> Value {
    let owned = name.to_string();
    NativeFunction::function(name, move |interp, args| {
        dispatch(&receiver, interp, &owned, args)
    })
}
