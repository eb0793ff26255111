//! The ingest pipeline: the calling thread reads documents, `jobs` workers
//! extract and prepare them (all cores), and one writer thread commits them
//! in input order, a batch per transaction, while the workers go on.
//!
//! ```text
//! reader ──(work queue, bounded)──▶ workers ──(one slot per document)──┐
//!    └──────(order queue: each document's slot, in input order)──▶ writer
//! ```
//!
//! The reader puts each document's result slot on the order queue and the
//! document on the work queue; the writer takes slots in order and waits on
//! each, so storage order (and which of two copies is kept) is input order
//! whatever the speed of each worker. Memory is bounded by
//! [`super::ingest::IN_FLIGHT_BYTES`] of documents read and not yet taken by
//! the writer, plus one batch ([`Batch`]).

use rasad_ingest::{DocError, RawDoc};
use rasad_store::Prepared;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Condvar, Mutex};

/// What a worker makes of one document: the prepared article, or a
/// failure (origin, one-line reason).
pub type Done = Result<Prepared, (String, String)>;

/// Documents waiting for a worker, at most (per worker): enough that no
/// worker waits for the reader.
pub const QUEUE_PER_JOB: usize = 16;

/// A budget of bytes in flight: taken by the reader before it hands a
/// document on, given back when the writer has taken its result.
pub struct Budget {
    used: Mutex<usize>,
    freed: Condvar,
    max: usize,
}

impl Budget {
    /// A budget of `max` bytes.
    pub fn new(max: usize) -> Self {
        Budget {
            used: Mutex::new(0),
            freed: Condvar::new(),
            max,
        }
    }

    /// Waits until `n` more bytes fit (or nothing is in flight: one
    /// document always goes), then takes them.
    pub fn take(&self, n: usize) {
        let mut used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        while *used > 0 && *used + n > self.max {
            used = self.freed.wait(used).unwrap_or_else(|p| p.into_inner());
        }
        *used += n;
    }

    /// Gives `n` bytes back.
    pub fn give(&self, n: usize) {
        let mut used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        *used = used.saturating_sub(n);
        self.freed.notify_all();
    }

    /// Bytes in flight now.
    #[cfg(test)]
    pub fn used(&self) -> usize {
        *self.used.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Prepared articles waiting for one transaction, bounded by count and by
/// bytes.
pub struct Batch {
    pub items: Vec<Prepared>,
    bytes: usize,
    max_docs: usize,
    max_bytes: usize,
}

impl Batch {
    /// An empty batch of at most `max_docs` articles and `max_bytes`.
    pub fn new(max_docs: usize, max_bytes: usize) -> Self {
        Batch {
            items: Vec::new(),
            bytes: 0,
            max_docs: max_docs.max(1),
            max_bytes,
        }
    }

    /// Adds an article; true when the batch is full and should be written.
    pub fn push(&mut self, p: Prepared) -> bool {
        self.bytes += p.size();
        self.items.push(p);
        self.items.len() >= self.max_docs || self.bytes >= self.max_bytes
    }

    /// Takes the articles out, leaving the batch empty.
    pub fn take(&mut self) -> Vec<Prepared> {
        self.bytes = 0;
        std::mem::take(&mut self.items)
    }
}

/// One document for a worker, with the slot its result goes to.
pub type Work = (RawDoc, SyncSender<Done>);

/// Runs workers over `work` until the reader closes it: each takes the next
/// document, runs `prepare` on it and puts the result in its slot.
pub fn worker(work: &Mutex<Receiver<Work>>, prepare: impl Fn(RawDoc) -> Done) {
    loop {
        let next = work.lock().unwrap_or_else(|p| p.into_inner()).recv();
        let Ok((doc, slot)) = next else { return };
        // The writer gone (a database error) is no reason to stop early:
        // the reader stops, and the queue drains.
        let _ = slot.send(prepare(doc));
    }
}

/// One result slot per document, in input order, with the bytes it holds
/// of the budget and how far the input had been read after it.
pub type Slot = (Receiver<Done>, usize, u64);

/// Hands documents on: each read failure goes straight to its slot, each
/// document to the workers; stops when the writer is gone. Returns the
/// number of documents read. `at` tells how far the input has been read.
pub fn read_into(
    docs: impl Iterator<Item = Result<RawDoc, DocError>>,
    work: &SyncSender<Work>,
    order: &SyncSender<Slot>,
    budget: &Budget,
    at: impl Fn() -> u64,
) -> usize {
    let mut n = 0;
    for item in docs {
        n += 1;
        let (tx, rx) = sync_channel(1);
        let size = match &item {
            Ok(raw) => raw.text.len(),
            Err(_) => 0,
        };
        budget.take(size);
        if order.send((rx, size, at())).is_err() {
            return n;
        }
        match item {
            Ok(raw) => {
                if work.send((raw, tx)).is_err() {
                    return n;
                }
            }
            Err(e) => {
                let _ = tx.send(Err((e.origin, e.reason)));
            }
        }
    }
    n
}

/// The result in a slot; a worker that stopped without answering (it
/// panicked) is this document's failure.
pub fn result_of(slot: &Receiver<Done>, origin: &str) -> Done {
    slot.recv()
        .unwrap_or_else(|_| Err((origin.to_string(), "extraction stopped".into())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasad_record::Document;

    fn prepared(id: &str, words: usize) -> Prepared {
        let mut d = Document::empty(id);
        d.body = vec!["قصف"; words].join(" ");
        rasad_store::prepare(&d.body.clone(), "t", &d).unwrap()
    }

    #[test]
    fn batches_end_at_the_document_count_or_the_byte_budget() {
        let mut b = Batch::new(3, 1_000_000);
        assert!(!b.push(prepared("a", 2)));
        assert!(!b.push(prepared("b", 2)));
        assert!(b.push(prepared("c", 2)), "the third document fills it");
        assert_eq!(b.take().len(), 3);
        let mut big = Batch::new(500, 2_000);
        assert!(!big.push(prepared("d", 10)));
        assert!(big.push(prepared("e", 400)), "the bytes fill it");
        assert!(big.take().len() == 2 && big.items.is_empty());
    }

    #[test]
    fn the_budget_lets_one_document_through_and_waits_for_room() {
        let b = std::sync::Arc::new(Budget::new(100));
        b.take(500);
        assert_eq!(b.used(), 500, "one document over the budget still goes");
        let b2 = b.clone();
        let waiter = std::thread::spawn(move || {
            b2.take(60);
            b2.used()
        });
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(
            !waiter.is_finished(),
            "no room until the first is given back"
        );
        b.give(500);
        assert_eq!(waiter.join().unwrap(), 60);
    }

    #[test]
    fn results_come_back_in_input_order_whatever_the_worker_speed() {
        let docs: Vec<Result<RawDoc, DocError>> = (0..40)
            .map(|i| {
                if i % 7 == 3 {
                    return Err(DocError {
                        id: format!("d{i}"),
                        origin: format!("o{i}"),
                        reason: "unreadable".into(),
                    });
                }
                Ok(RawDoc {
                    id: format!("d{i}"),
                    text: vec!["قصف"; 1 + i % 5].join(" "),
                    format: rasad_ingest::Format::Text,
                    url: None,
                    outlet: None,
                    published: None,
                    title: None,
                    origin: format!("o{i}"),
                })
            })
            .collect();
        let budget = Budget::new(50);
        let (work_tx, work_rx) = sync_channel::<Work>(4);
        let (order_tx, order_rx) = sync_channel::<Slot>(8);
        let work_rx = Mutex::new(work_rx);
        let seen = std::thread::scope(|s| {
            for _ in 0..3 {
                s.spawn(|| {
                    worker(&work_rx, |raw| {
                        // later documents finish first
                        let n: usize = raw.id[1..].parse().unwrap();
                        std::thread::sleep(std::time::Duration::from_micros((40 - n as u64) * 100));
                        let mut d = Document::empty(raw.id.clone());
                        d.body = raw.text.clone();
                        Ok(rasad_store::prepare(&raw.text, &raw.origin, &d).unwrap())
                    })
                });
            }
            let writer = s.spawn(|| {
                let mut seen = Vec::new();
                for (slot, size, _) in order_rx {
                    seen.push(match result_of(&slot, "?") {
                        Ok(p) => p.id().to_string(),
                        Err((origin, _)) => origin,
                    });
                    budget.give(size);
                }
                seen
            });
            assert_eq!(
                read_into(docs.into_iter(), &work_tx, &order_tx, &budget, || 0),
                40
            );
            drop(work_tx);
            drop(order_tx);
            writer.join().unwrap()
        });
        let want: Vec<String> = (0..40)
            .map(|i| {
                if i % 7 == 3 {
                    format!("o{i}")
                } else {
                    format!("d{i}")
                }
            })
            .collect();
        assert_eq!(seen, want);
        assert_eq!(budget.used(), 0);
    }
}
