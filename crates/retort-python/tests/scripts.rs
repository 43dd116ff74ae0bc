//! Whole scripts whose output must match CPython 3.11 byte for byte (the
//! expected files were produced by running the same scripts with CPython).

mod common;

fn check(script: &str, expected: &str) {
    assert_eq!(common::output_of(script), expected);
}

#[test]
fn tutorial_script_matches_cpython() {
    check(
        include_str!("scripts/tutorial.py"),
        include_str!("scripts/tutorial.out"),
    );
}

#[test]
fn classes_script_matches_cpython() {
    check(
        include_str!("scripts/classes.py"),
        include_str!("scripts/classes.out"),
    );
}

#[test]
fn enum_script_matches_cpython() {
    check(
        include_str!("scripts/enums.py"),
        include_str!("scripts/enums.out"),
    );
}

#[test]
fn datetime_script_matches_cpython() {
    check(
        include_str!("scripts/datetimes.py"),
        include_str!("scripts/datetimes.out"),
    );
}

#[test]
fn decimal_script_matches_cpython() {
    check(
        include_str!("scripts/decimals.py"),
        include_str!("scripts/decimals.out"),
    );
}

#[test]
fn value_edge_cases_match_cpython() {
    check(
        include_str!("scripts/edge_values.py"),
        include_str!("scripts/edge_values.out"),
    );
}

#[test]
fn class_protocols_match_cpython() {
    check(
        include_str!("scripts/edge_classes.py"),
        include_str!("scripts/edge_classes.out"),
    );
}

#[test]
fn python_level_descriptors_match_cpython() {
    check(
        include_str!("scripts/descriptors.py"),
        include_str!("scripts/descriptors.out"),
    );
}

#[test]
fn integer_set_order_matches_cpython() {
    check(
        include_str!("scripts/sets.py"),
        include_str!("scripts/sets.out"),
    );
}

#[test]
fn functools_decorators_match_cpython() {
    check(
        include_str!("scripts/functools.py"),
        include_str!("scripts/functools.out"),
    );
}

#[test]
fn collections_match_cpython() {
    check(
        include_str!("scripts/collections.py"),
        include_str!("scripts/collections.out"),
    );
}

#[test]
fn future_annotations_and_set_name_match_cpython() {
    check(
        include_str!("scripts/annotations.py"),
        include_str!("scripts/annotations.out"),
    );
}
