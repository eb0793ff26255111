//! A time budget per document: the work on one document runs on its own
//! thread, and the caller waits for it at most the budget. A document over
//! its budget fails alone with a one-line reason and the batch goes on (a
//! page that once took minutes stalled every document queued behind it).
//!
//! Rust cannot stop a thread: the overdue work is left to finish on its own
//! thread and its result is dropped; it ends with the process at the latest.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::Duration;

/// How the work on one document ended.
#[derive(Debug, PartialEq)]
pub enum Finished<T> {
    /// Within the budget, with its value.
    Done(T),
    /// It panicked, with the panic's message on one line.
    Panicked(String),
    /// It was still running when the budget ran out.
    Overdue(Duration),
}

impl<T> Finished<T> {
    /// The value, or the one-line reason the document failed.
    pub fn into_result(self) -> Result<T, String> {
        match self {
            Finished::Done(v) => Ok(v),
            Finished::Panicked(why) => Err(format!("extraction failed: {why}")),
            Finished::Overdue(limit) => Err(format!(
                "extraction took longer than {} s (the per-document budget): skipped",
                limit.as_secs_f64()
            )),
        }
    }
}

/// Runs `work` within `limit`; `None` runs it on the calling thread with no
/// limit. A panic in `work` is caught either way.
pub fn within<T: Send + 'static>(
    limit: Option<Duration>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Finished<T> {
    let Some(limit) = limit else {
        return caught(work);
    };
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("rasad-doc".into())
        .spawn(move || {
            // The receiver is gone when the budget ran out: nothing to tell.
            let _ = tx.send(caught(work));
        });
    if let Err(e) = spawned {
        return Finished::Panicked(format!("no thread for the document: {e}"));
    }
    match rx.recv_timeout(limit) {
        Ok(finished) => finished,
        Err(mpsc::RecvTimeoutError::Timeout) => Finished::Overdue(limit),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Finished::Panicked("the document's thread ended without an answer".into())
        }
    }
}

/// Runs `work`, catching a panic as its message on one line.
fn caught<T>(work: impl FnOnce() -> T) -> Finished<T> {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(v) => Finished::Done(v),
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".into());
            Finished::Panicked(why.split_whitespace().collect::<Vec<_>>().join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn work_over_its_budget_fails_alone_and_in_time() {
        let t = Instant::now();
        let slow = within(Some(Duration::from_millis(200)), || {
            std::thread::sleep(Duration::from_secs(5));
            1
        });
        assert_eq!(slow, Finished::Overdue(Duration::from_millis(200)));
        assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
        let reason = slow.into_result().unwrap_err();
        assert!(reason.contains("longer than 0.2 s") && !reason.contains('\n'));
        // The next document is not held up by the overdue one.
        assert_eq!(
            within(Some(Duration::from_secs(5)), || 2),
            Finished::Done(2)
        );
        assert_eq!(within(None, || 3), Finished::Done(3));
    }

    #[test]
    fn a_panic_is_a_one_line_failure() {
        for limit in [None, Some(Duration::from_secs(5))] {
            let got = within(limit, || -> u8 { panic!("bad\nspan") });
            assert_eq!(got, Finished::Panicked("bad span".into()), "{limit:?}");
        }
    }
}
