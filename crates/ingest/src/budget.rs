//! A time budget per document: the work on one document runs on a worker
//! thread (one per calling thread, reused), and the caller waits for it at
//! most the budget. A document over
//! its budget fails alone with a one-line reason and the batch goes on (a
//! page that once took minutes stalled every document queued behind it).
//!
//! Rust cannot stop a thread: the overdue work is left to finish on its
//! worker, which is abandoned (the next document gets a new one); its result
//! is dropped and it ends with the process at the latest.

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
    let job: Job = Box::new(move || {
        // The receiver is gone when the budget ran out: nothing to tell.
        let _ = tx.send(caught(work));
    });
    if let Err(why) = WORKER.with(|w| w.borrow_mut().run(job)) {
        return Finished::Panicked(why);
    }
    match rx.recv_timeout(limit) {
        Ok(finished) => finished,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            // the worker is busy with the overdue work: the next document
            // gets a new one, this one ends when its work does
            WORKER.with(|w| w.borrow_mut().abandon());
            Finished::Overdue(limit)
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Finished::Panicked("the document's thread ended without an answer".into())
        }
    }
}

/// One document's work, sent to the worker thread.
type Job = Box<dyn FnOnce() + Send + 'static>;

thread_local! {
    /// Each calling thread's worker: started on first use and reused for
    /// every document after (a thread per document cost some 60 µs and
    /// 7 MB over 3,000 short articles).
    static WORKER: std::cell::RefCell<Worker> = const { std::cell::RefCell::new(Worker { jobs: None }) };
}

/// A long-lived thread that runs the jobs sent to it, one at a time.
struct Worker {
    jobs: Option<mpsc::Sender<Job>>,
}

impl Worker {
    /// Sends `job` to the worker, starting one if there is none (or the
    /// last one is gone).
    fn run(&mut self, job: Job) -> Result<(), String> {
        let job = match &self.jobs {
            Some(tx) => match tx.send(job) {
                Ok(()) => return Ok(()),
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        let (tx, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("rasad-doc".into())
            .spawn(move || {
                for job in rx {
                    job();
                }
            })
            .map_err(|e| format!("no thread for the document: {e}"))?;
        tx.send(job)
            .map_err(|_| "the document's thread ended before its work".to_string())?;
        self.jobs = Some(tx);
        Ok(())
    }

    /// Forgets a worker stuck on overdue work; it ends after it.
    fn abandon(&mut self) {
        self.jobs = None;
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
        // The next document is not held up by the overdue one (it would
        // wait its 4.8 s more on the same worker).
        assert_eq!(
            within(Some(Duration::from_secs(1)), || 2),
            Finished::Done(2)
        );
        assert_eq!(within(None, || 3), Finished::Done(3));
    }

    #[test]
    fn documents_share_a_worker_until_one_is_overdue() {
        let limit = Some(Duration::from_secs(5));
        let id = || match within(limit, || std::thread::current().id()) {
            Finished::Done(id) => id,
            other => panic!("{other:?}"),
        };
        let first = id();
        assert_ne!(first, std::thread::current().id());
        assert_eq!(id(), first, "a second document got a new thread");
        let slow = within(Some(Duration::from_millis(50)), || {
            std::thread::sleep(Duration::from_secs(2))
        });
        assert_eq!(slow, Finished::Overdue(Duration::from_millis(50)));
        assert_ne!(id(), first, "a document waited behind the overdue one");
    }

    #[test]
    fn a_panic_is_a_one_line_failure() {
        for limit in [None, Some(Duration::from_secs(5))] {
            let got = within(limit, || -> u8 { panic!("bad\nspan") });
            assert_eq!(got, Finished::Panicked("bad span".into()), "{limit:?}");
        }
    }
}
