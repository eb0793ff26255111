//! JSON lines: one document per line with `id` and `text` or `html`, and
//! optionally `url`, `outlet`, `published`, `title`.

use crate::{html, DocError, Format, RawDoc};
use serde_json::Value;
use std::io::BufRead;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Iterates over the documents of a JSON-lines stream; every bad line is one
/// failure and the following lines are still read.
pub struct JsonLines<R> {
    reader: R,
    origin: String,
    max_bytes: u64,
    line_no: usize,
    done: bool,
    /// Bytes consumed so far are added here, when set.
    read: Option<Arc<AtomicU64>>,
}

impl<R: BufRead> JsonLines<R> {
    /// Reads from `reader`; `origin` names the stream in errors and in
    /// [`RawDoc::origin`] (`origin:LINE`).
    pub fn new(reader: R, origin: impl Into<String>, max_bytes: u64) -> Self {
        JsonLines {
            reader,
            origin: origin.into(),
            max_bytes,
            line_no: 0,
            done: false,
            read: None,
        }
    }

    /// Adds the bytes of every line consumed (with its newline) to `read`.
    pub fn counting(mut self, read: Option<Arc<AtomicU64>>) -> Self {
        self.read = read;
        self
    }

    /// Reads the next line into `buf`, keeping at most `max_bytes + 1` bytes of
    /// it (the rest is skipped). Returns false at the end of the stream.
    fn next_line(&mut self, buf: &mut Vec<u8>) -> Result<bool, std::io::Error> {
        buf.clear();
        let limit = usize::try_from(self.max_bytes)
            .unwrap_or(usize::MAX)
            .saturating_add(1);
        let mut any = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok(any);
            }
            any = true;
            let (part, found) = match chunk.iter().position(|&b| b == b'\n') {
                Some(p) => (&chunk[..p], Some(p)),
                None => (chunk, None),
            };
            let room = limit.saturating_sub(buf.len());
            buf.extend_from_slice(&part[..part.len().min(room)]);
            let used = found.map_or(chunk.len(), |p| p + 1);
            self.reader.consume(used);
            if let Some(r) = &self.read {
                r.fetch_add(used as u64, Ordering::Relaxed);
            }
            if found.is_some() {
                return Ok(true);
            }
        }
    }

    fn fail(&self, id: String, reason: impl Into<String>) -> DocError {
        DocError {
            id,
            origin: format!("{}:{}", self.origin, self.line_no),
            reason: reason.into(),
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<RawDoc, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        loop {
            if self.done {
                return None;
            }
            self.line_no += 1;
            match self.next_line(&mut buf) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    let id = format!("{}:{}", self.origin, self.line_no);
                    return Some(Err(self.fail(id, format!("cannot read: {e}"))));
                }
                Ok(true) => {}
            }
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(self.parse(&buf));
        }
    }
}

impl<R> JsonLines<R> {
    fn parse(&self, buf: &[u8]) -> Result<RawDoc, DocError> {
        let fallback_id = format!("{}:{}", self.origin, self.line_no);
        let fail = |id: String, reason: String| DocError {
            id,
            origin: format!("{}:{}", self.origin, self.line_no),
            reason,
        };
        let obj = self.object(buf).map_err(|r| fail(fallback_id.clone(), r))?;
        let id = doc_id(&obj).map_err(|r| fail(fallback_id.clone(), r))?;
        if let Some(why) = crate::bad_id(&id) {
            return Err(fail(fallback_id, why.into()));
        }
        let field = |k: &str| match obj.get(k) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            _ => None,
        };
        let origin = format!("{}:{}", self.origin, self.line_no);
        let mut doc = RawDoc {
            id: id.clone(),
            text: String::new(),
            format: Format::JsonLine,
            url: field("url"),
            outlet: field("outlet"),
            published: field("published"),
            title: field("title"),
            origin,
        };
        if let Some(text) = field("text") {
            doc.text = crate::decode::check_text(text).map_err(|r| fail(id.clone(), r))?;
        } else if let Some(h) = field("html") {
            let page = html::extract(&h);
            if page.text.trim().is_empty() {
                return Err(fail(id, "the HTML has no visible text".into()));
            }
            doc.text = page.text;
            doc.title = doc.title.or(page.title);
            doc.outlet = doc.outlet.or(page.outlet);
            doc.published = doc.published.or(page.published);
        } else {
            return Err(fail(id, "has neither `text` nor `html`".into()));
        }
        Ok(doc)
    }

    /// The line as a JSON object, or why it is none.
    fn object(&self, buf: &[u8]) -> Result<serde_json::Map<String, Value>, String> {
        if buf.len() as u64 > self.max_bytes {
            return Err(format!(
                "line is over the limit of {} bytes",
                self.max_bytes
            ));
        }
        let line = std::str::from_utf8(buf).map_err(|_| "line is not valid UTF-8".to_string())?;
        let line = line.trim_start_matches('\u{feff}');
        let value: Value =
            serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
        match value {
            Value::Object(obj) => Ok(obj),
            _ => Err("not a JSON object".into()),
        }
    }
}

/// The document id of a JSON line: a non-blank string, or a whole number
/// (a float or a number past 64 bits was read as a rounded float:
/// 12345678901234567890123 → 1.2345678901234568e22).
fn doc_id(obj: &serde_json::Map<String, Value>) -> Result<String, String> {
    match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        Some(Value::Number(n)) if n.is_u64() || n.is_i64() => Ok(n.to_string()),
        Some(Value::Number(_)) => {
            Err("numeric `id` is not a whole 64-bit number (quote it as a string)".into())
        }
        _ => Err("missing `id`".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str, max: u64) -> Vec<Result<RawDoc, DocError>> {
        JsonLines::new(input.as_bytes(), "t.jsonl", max).collect()
    }

    #[test]
    fn good_and_bad_lines() {
        let input = concat!(
            r#"{"id":"a","text":"قصف على حلب","url":"https://x.y/1","outlet":"عنب بلدي","published":"2019-01-02","title":"قصف"}"#,
            "\n\n",
            "not json\n",
            r#"{"text":"بلا معرف"}"#,
            "\n",
            r#"{"id":"c"}"#,
            "\n",
            r#"{"id":7,"html":"<p>اشتباكات في درعا</p>"}"#,
            "\n",
            r#"["id"]"#,
            "\n",
            r#"{"id":"e","text":"   "}"#,
        );
        let got = read(input, 1 << 20);
        assert_eq!(got.len(), 7);
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.id, "a");
        assert_eq!(a.format, Format::JsonLine);
        assert_eq!(a.origin, "t.jsonl:1");
        assert_eq!(a.outlet.as_deref(), Some("عنب بلدي"));
        assert_eq!(a.published.as_deref(), Some("2019-01-02"));
        let e = got[1].as_ref().unwrap_err();
        assert!(e.reason.contains("JSON"), "{e:?}");
        assert_eq!(e.origin, "t.jsonl:3");
        assert!(got[2].as_ref().unwrap_err().reason.contains("id"));
        let c = got[3].as_ref().unwrap_err();
        assert_eq!(c.id, "c");
        assert!(c.reason.contains("text"));
        let h = got[4].as_ref().unwrap();
        assert_eq!(h.id, "7");
        assert!(h.text.contains("اشتباكات في درعا"));
        assert!(got[5].is_err());
        assert!(got[6].as_ref().unwrap_err().reason.contains("text"));
    }

    #[test]
    fn long_lines_fail_alone() {
        let long = format!(r#"{{"id":"big","text":"{}"}}"#, "ا".repeat(500));
        let input = format!("{long}\n{{\"id\":\"ok\",\"text\":\"نص\"}}\n");
        let got = read(&input, 100);
        assert_eq!(got.len(), 2);
        assert!(got[0].as_ref().unwrap_err().reason.contains("limit"));
        assert_eq!(got[1].as_ref().unwrap().id, "ok");
    }

    #[test]
    fn invalid_utf8_line() {
        let mut input = b"{\"id\":\"x\",\"text\":\"\xff\xfe\"}\n".to_vec();
        input.extend_from_slice(b"{\"id\":\"y\",\"text\":\"ok\"}");
        let got: Vec<_> = JsonLines::new(&input[..], "s", 1000).collect();
        assert!(got[0].as_ref().unwrap_err().reason.contains("UTF-8"));
        assert_eq!(got[1].as_ref().unwrap().id, "y");
    }
}
