//! The page's terminal shows a traceback's frames: the recordings (and so
//! the native replay) condense them to `  ...`, but a learner needs the
//! file and line that failed. The condensed block of the last exception
//! gets the frames of the full traceback's last block.

const HEADER: &str = "Traceback (most recent call last):\n";
const CONDENSED: &str = "Traceback (most recent call last):\n  ...\n";

/// `output` with its last condensed traceback given the frames (and their
/// source lines) of `full`'s last one; as it is without either.
pub fn with_frames(output: &str, full: Option<&str>) -> String {
    let (Some(full), Some(at)) = (full, output.rfind(CONDENSED)) else {
        return output.to_owned();
    };
    let Some(last) = full.rfind(HEADER).map(|i| &full[i + HEADER.len()..]) else {
        return output.to_owned();
    };
    let frames: String = last
        .split_inclusive('\n')
        .take_while(|line| line.starts_with("  "))
        .collect();
    if frames.is_empty() {
        return output.to_owned();
    }
    format!(
        "{}{HEADER}{frames}{}",
        &output[..at],
        &output[at + CONDENSED.len()..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_condensed_block_gets_the_last_tracebacks_frames() {
        let output = "hello\nTraceback (most recent call last):\n  ...\nsqlalchemy.exc.IntegrityError: (sqlite3.IntegrityError) UNIQUE constraint failed\n";
        let full = "Traceback (most recent call last):\n  File \"/app/seed.py\", line 2, in <module>\n    x()\nKeyError: 'a'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"/app/seed.py\", line 5, in <module>\n    db.session.commit()\nIntegrityError: (sqlite3.IntegrityError) UNIQUE constraint failed\n";
        assert_eq!(
            with_frames(output, Some(full)),
            "hello\nTraceback (most recent call last):\n  File \"/app/seed.py\", line 5, in <module>\n    db.session.commit()\nsqlalchemy.exc.IntegrityError: (sqlite3.IntegrityError) UNIQUE constraint failed\n"
        );
        assert_eq!(with_frames(output, None), output);
        assert_eq!(with_frames("no traceback\n", Some(full)), "no traceback\n");
        // A syntax error's traceback has no frames block to take.
        let syntax =
            "  File \"/app/app.py\", line 3\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n";
        assert_eq!(with_frames(output, Some(syntax)), output);
    }
}
