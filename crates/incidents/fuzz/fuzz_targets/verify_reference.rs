//! The reference CSV of `rasad verify` is user input: any bytes must give rows
//! or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rasad_incidents::verify::{read_reference, Columns};

fuzz_target!(|data: &[u8]| {
    for cols in [Columns::default(), Columns::acled()] {
        if let Ok(rows) = read_reference(data, &cols) {
            for r in rows {
                let _ = (r.date.len(), r.place.len(), r.fatalities);
            }
        }
    }
});
