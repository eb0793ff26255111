//! `rasad gazetteer import` reads GeoNames dumps users download: any bytes
//! must be imported or skipped as malformed, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((rows, stats)) = rasad_gazetteer::import_geonames(std::io::Cursor::new(data), None) {
        assert!(rows.len() <= stats.lines);
    }
});
