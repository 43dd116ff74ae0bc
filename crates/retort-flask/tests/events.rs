//! Event listeners through the Python surface: re-entrant session use
//! from a listener, and the report's record of every listener call.

use retort_flask::{RunOptions, run_script, run_script_with_report};

const SCRIPT: &str = "\
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))


db.create_all()


@event.listens_for(User, 'after_insert')
def reenter(mapper, connection, target):
    try:
        db.session.commit()
    except Exception as e:
        print(type(e).__name__)
    print(repr(mapper).startswith('<Mapper at 0x'), str(mapper))


@event.listens_for(db.session, 'after_commit')
def done(session):
    print('committed', type(session).__name__)


db.session.add(User(name='ann'))
db.session.commit()
";

#[test]
fn a_listener_may_use_the_session_during_a_flush() {
    let record = run_script(SCRIPT, &RunOptions::default());
    assert_eq!(record.error, None, "{:?}", record.error);
    assert!(
        record
            .stdout
            .contains("True Mapper[User(user)]\ncommitted Session\n"),
        "{}",
        record.stdout
    );
}

/// A listener call as the test compares it: event, target, listener,
/// `def` line, causing line.
type Call<'a> = (&'a str, &'a str, &'a str, Option<u32>, Option<u32>);

#[test]
fn the_report_lists_every_listener_call() {
    let (_, report) = run_script_with_report(SCRIPT, &RunOptions::default());
    let calls: Vec<Call> = report
        .listener_calls
        .iter()
        .map(|c| {
            (
                c.event.as_str(),
                c.target.as_str(),
                c.listener.as_str(),
                c.listener_span.map(|s| s.line),
                c.span.map(|s| s.line),
            )
        })
        .collect();
    assert_eq!(
        calls.first(),
        Some(&("after_insert", "User", "reenter", Some(9), Some(24)))
    );
    assert!(
        calls
            .iter()
            .any(|c| c.0 == "after_commit" && c.1 == "db.session" && c.2 == "done")
    );
}
