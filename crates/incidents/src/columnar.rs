//! A Parquet table written row by row in row groups: the rows of one group
//! are buffered column by column and written when the group is full, so a
//! table of any length never sits in memory whole.
//!
//! Columns are flat scalars (text, 64-bit integers, doubles, booleans,
//! calendar days) or lists of text or integers in Parquet's standard
//! three-level `LIST` layout, which DuckDB, Spark, pyarrow and BigQuery (with
//! list inference) read as arrays.

use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::parser::parse_message_type;
use std::io::Write;
use std::sync::Arc;

/// Rows per row group: big enough that readers skip whole groups by their
/// statistics and compression sees long runs, small enough that a group of
/// the widest table (events, ~25 columns) stays a few tens of MB in memory.
pub const ROW_GROUP_ROWS: usize = 50_000;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Text,
    /// A 64-bit integer.
    Int,
    /// A double.
    Float,
    /// A boolean.
    Flag,
    /// A calendar day (Parquet `DATE`: days since 1970-01-01).
    Day,
    /// A list of texts, elements nullable.
    TextList,
    /// A list of 64-bit integers.
    IntList,
}

/// A column of a table: its name, what it holds, and whether it may be null
/// (lists are never null: an empty list stands for none).
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

impl Field {
    /// A column that is never null.
    pub const fn required(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            kind,
            required: true,
        }
    }

    /// A column that may be null.
    pub const fn optional(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            kind,
            required: false,
        }
    }

    /// The field's line in a Parquet message type.
    fn schema(&self) -> String {
        let rep = if self.required {
            "required"
        } else {
            "optional"
        };
        let n = self.name;
        let list = |t: &str, note: &str| {
            format!(
                "required group {n} (LIST) {{ repeated group list {{ optional {t} element{note}; }} }}"
            )
        };
        match self.kind {
            Kind::Text => format!("{rep} binary {n} (STRING);"),
            Kind::Int => format!("{rep} int64 {n};"),
            Kind::Float => format!("{rep} double {n};"),
            Kind::Flag => format!("{rep} boolean {n};"),
            Kind::Day => format!("{rep} int32 {n} (DATE);"),
            Kind::TextList => list("binary", " (STRING)"),
            Kind::IntList => list("int64", ""),
        }
    }
}

/// One cell of a row, in the column's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
    Flag(Option<bool>),
    /// Days since 1970-01-01.
    Day(Option<i32>),
    TextList(Vec<Option<String>>),
    IntList(Vec<i64>),
}

/// Buffered values of one column with their definition and repetition
/// levels.
#[derive(Default)]
struct Buffer {
    text: Vec<ByteArray>,
    int: Vec<i64>,
    float: Vec<f64>,
    flag: Vec<bool>,
    day: Vec<i32>,
    def: Vec<i16>,
    rep: Vec<i16>,
}

impl Buffer {
    /// Adds a scalar: definition level 0 for null, 1 and the value when
    /// present.
    fn scalar<T>(&mut self, v: Option<T>, push: impl FnOnce(&mut Self, T)) {
        self.def.push(i16::from(v.is_some()));
        if let Some(v) = v {
            push(self, v);
        }
    }

    /// Adds a list: definition 0 for an empty list, 1 for a null element,
    /// 2 for a value; repetition 0 starts a row, 1 continues its list.
    fn list<T>(&mut self, items: Vec<Option<T>>, mut push: impl FnMut(&mut Self, T)) {
        if items.is_empty() {
            self.def.push(0);
            self.rep.push(0);
        }
        for (i, item) in items.into_iter().enumerate() {
            self.rep.push(i16::from(i > 0));
            self.def.push(if item.is_some() { 2 } else { 1 });
            if let Some(v) = item {
                push(self, v);
            }
        }
    }

    fn push(&mut self, cell: Cell) {
        let bytes = |b: &mut Self, s: String| b.text.push(ByteArray::from(s.into_bytes()));
        match cell {
            Cell::Text(v) => self.scalar(v, bytes),
            Cell::Int(v) => self.scalar(v, |b, x| b.int.push(x)),
            Cell::Float(v) => self.scalar(v, |b, x| b.float.push(x)),
            Cell::Flag(v) => self.scalar(v, |b, x| b.flag.push(x)),
            Cell::Day(v) => self.scalar(v, |b, x| b.day.push(x)),
            Cell::TextList(v) => self.list(v, bytes),
            Cell::IntList(v) => self.list(v.into_iter().map(Some).collect(), |b, x| b.int.push(x)),
        }
    }
}

/// Errors of a table: Parquet's own, or a row that does not fit the schema.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("parquet: {0}")]
    Parquet(#[from] ParquetError),
    #[error("column {column}: a {got:?} cell in a {want:?} column")]
    Mismatch {
        column: &'static str,
        want: Kind,
        got: Cell,
    },
    #[error("a row of {got} cells in a table of {want} columns")]
    Width { want: usize, got: usize },
}

/// Whether a cell belongs in a column (a null only in an optional one).
fn fits(field: &Field, cell: &Cell) -> bool {
    let null = matches!(
        cell,
        Cell::Text(None) | Cell::Int(None) | Cell::Float(None) | Cell::Flag(None) | Cell::Day(None)
    );
    let kind = match cell {
        Cell::Text(_) => Kind::Text,
        Cell::Int(_) => Kind::Int,
        Cell::Float(_) => Kind::Float,
        Cell::Flag(_) => Kind::Flag,
        Cell::Day(_) => Kind::Day,
        Cell::TextList(_) => Kind::TextList,
        Cell::IntList(_) => Kind::IntList,
    };
    kind == field.kind && !(null && field.required)
}

/// A Parquet file being written, one row group per [`ROW_GROUP_ROWS`] rows.
pub struct Table<W: Write + Send> {
    fields: &'static [Field],
    buffers: Vec<Buffer>,
    rows: usize,
    written: usize,
    writer: SerializedFileWriter<W>,
}

impl<W: Write + Send> Table<W> {
    /// A table named `name` with these columns, written to `out`
    /// (Snappy-compressed pages).
    pub fn new(name: &str, fields: &'static [Field], out: W) -> Result<Self, TableError> {
        let lines: Vec<String> = fields.iter().map(Field::schema).collect();
        let schema = parse_message_type(&format!("message {name} {{ {} }}", lines.join(" ")))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("rasad {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(props))?;
        Ok(Table {
            fields,
            buffers: fields.iter().map(|_| Buffer::default()).collect(),
            rows: 0,
            written: 0,
            writer,
        })
    }

    /// Adds a row, its cells in the columns' order; a full row group is
    /// written out.
    pub fn push(&mut self, row: Vec<Cell>) -> Result<(), TableError> {
        if row.len() != self.fields.len() {
            return Err(TableError::Width {
                want: self.fields.len(),
                got: row.len(),
            });
        }
        if let Some((f, c)) = self.fields.iter().zip(&row).find(|(f, c)| !fits(f, c)) {
            return Err(TableError::Mismatch {
                column: f.name,
                want: f.kind,
                got: c.clone(),
            });
        }
        for (buf, cell) in self.buffers.iter_mut().zip(row) {
            buf.push(cell);
        }
        self.rows += 1;
        if self.rows >= ROW_GROUP_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the buffered rows as one row group.
    fn flush(&mut self) -> Result<(), TableError> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        for (field, buf) in self.fields.iter().zip(&mut self.buffers) {
            let mut col = group
                .next_column()?
                .ok_or_else(|| ParquetError::General(format!("no column for {}", field.name)))?;
            write_column(&mut col, field, std::mem::take(buf))?;
            col.close()?;
        }
        group.close()?;
        self.written += self.rows;
        self.rows = 0;
        Ok(())
    }

    /// Writes the last row group and the footer; returns the number of rows.
    pub fn finish(mut self) -> Result<usize, TableError> {
        self.flush()?;
        self.writer.close()?;
        Ok(self.written)
    }
}

/// Writes one column chunk from its buffer.
fn write_column(
    col: &mut SerializedColumnWriter<'_>,
    field: &Field,
    buf: Buffer,
) -> Result<(), ParquetError> {
    let list = matches!(field.kind, Kind::TextList | Kind::IntList);
    // A required scalar has no levels; an optional one only definitions.
    let def = (list || !field.required).then_some(buf.def.as_slice());
    let rep = list.then_some(buf.rep.as_slice());
    match field.kind {
        Kind::Text | Kind::TextList => col
            .typed::<ByteArrayType>()
            .write_batch(&buf.text, def, rep)?,
        Kind::Int | Kind::IntList => col.typed::<Int64Type>().write_batch(&buf.int, def, rep)?,
        Kind::Float => col
            .typed::<DoubleType>()
            .write_batch(&buf.float, def, rep)?,
        Kind::Flag => col.typed::<BoolType>().write_batch(&buf.flag, def, rep)?,
        Kind::Day => col.typed::<Int32Type>().write_batch(&buf.day, def, rep)?,
    };
    Ok(())
}

/// Days since 1970-01-01 of a TIMEX value that names a full day
/// (`2019-03-05`, `2019-03-05T11:40`); `None` for a month, a year or a
/// yearless date.
pub fn epoch_day(value: &str) -> Option<i32> {
    let day = value.get(..10)?;
    let d: jiff::civil::Date = day.parse().ok()?;
    let epoch = jiff::civil::date(1970, 1, 1);
    let span = epoch.until((jiff::Unit::Day, d)).ok()?;
    Some(span.get_days())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days() {
        assert_eq!(epoch_day("1970-01-02"), Some(1));
        assert_eq!(epoch_day("2019-03-05T11:40"), Some(17960));
        assert_eq!(epoch_day("1969-12-31"), Some(-1));
        assert_eq!(epoch_day("2019-03"), None);
        assert_eq!(epoch_day("XXXX-10-13"), None);
    }

    const FIELDS: &[Field] = &[
        Field::required("a", Kind::Text),
        Field::optional("b", Kind::Int),
    ];

    #[test]
    fn rows_that_do_not_fit_are_refused() {
        let mut t = Table::new("t", FIELDS, Vec::new()).unwrap();
        let null_required = t.push(vec![Cell::Text(None), Cell::Int(None)]);
        assert!(matches!(
            null_required,
            Err(TableError::Mismatch { column: "a", .. })
        ));
        let wrong_kind = t.push(vec![Cell::Text(Some("x".into())), Cell::Float(Some(1.0))]);
        assert!(matches!(
            wrong_kind,
            Err(TableError::Mismatch { column: "b", .. })
        ));
        let short = t.push(vec![Cell::Text(Some("x".into()))]);
        assert!(matches!(short, Err(TableError::Width { want: 2, got: 1 })));
        t.push(vec![Cell::Text(Some("x".into())), Cell::Int(None)])
            .unwrap();
        assert_eq!(t.finish().unwrap(), 1);
    }

    const LISTS: &[Field] = &[
        Field::required("n", Kind::Int),
        Field::optional("day", Kind::Day),
        Field::required("names", Kind::TextList),
        Field::required("nums", Kind::IntList),
    ];

    /// Row `i` of the list test: every third row has empty lists, every
    /// fifth a null name inside its list and no day.
    fn list_row(i: usize) -> Vec<Cell> {
        let names = match i % 3 {
            0 => vec![],
            _ if i.is_multiple_of(5) => vec![Some(format!("a{i}")), None],
            _ => vec![Some(format!("a{i}")), Some(format!("b{i}"))],
        };
        let nums = if i.is_multiple_of(3) {
            vec![]
        } else {
            vec![i as i64; i % 4 + 1]
        };
        let day = (!i.is_multiple_of(5)).then_some(i as i32);
        vec![
            Cell::Int(Some(i as i64)),
            Cell::Day(day),
            Cell::TextList(names),
            Cell::IntList(nums),
        ]
    }

    /// The row as the reader shows it: (n, day, names, nums).
    fn read_row(row: &parquet::record::Row) -> (i64, Option<i32>, Vec<Option<String>>, Vec<i64>) {
        use parquet::record::{Field as F, ListAccessor, RowAccessor};
        let day = match row.get_column_iter().nth(1).unwrap().1 {
            F::Date(d) => Some(*d),
            _ => None,
        };
        let names = row.get_list(2).unwrap().elements().iter();
        let names = names.map(|f| match f {
            F::Str(s) => Some(s.clone()),
            _ => None,
        });
        let nums = row.get_list(3).unwrap();
        let nums = (0..nums.len()).map(|k| nums.get_long(k).unwrap()).collect();
        (row.get_long(0).unwrap(), day, names.collect(), nums)
    }

    #[test]
    fn lists_nulls_and_row_groups_read_back() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let n = ROW_GROUP_ROWS + 7;
        let file = tempfile::NamedTempFile::new().unwrap();
        let mut t = Table::new("t", LISTS, file.reopen().unwrap()).unwrap();
        for i in 0..n {
            t.push(list_row(i)).unwrap();
        }
        assert_eq!(t.finish().unwrap(), n);
        let reader = SerializedFileReader::new(file.reopen().unwrap()).unwrap();
        assert_eq!(reader.metadata().num_row_groups(), 2);
        assert_eq!(reader.metadata().file_metadata().num_rows(), n as i64);
        let mut count = 0;
        for (i, row) in reader.into_iter().enumerate() {
            let got = read_row(&row.unwrap());
            let want = list_row(i);
            let Cell::TextList(names) = &want[2] else {
                unreachable!()
            };
            let Cell::IntList(nums) = &want[3] else {
                unreachable!()
            };
            let day = (!i.is_multiple_of(5)).then_some(i as i32);
            assert_eq!(got, (i as i64, day, names.clone(), nums.clone()), "row {i}");
            count += 1;
        }
        assert_eq!(count, n);
    }
}
