//! `GET /api/export`: the incidents a filter keeps (the same filters as
//! `GET /api/incidents`, plus the page's `type`) as a file to download: CSV
//! with ACLED's columns then rasad's (with a byte-order mark, for Excel),
//! an Excel workbook, or GeoJSON — the layout of `rasad export`.

use crate::incidents::Filters;
use crate::routes::{date_range, nonempty, query};
use crate::{ApiError, AppState};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use rasad_incidents::export::{self, Format, Links};
use rasad_incidents::Incident;
use serde::Deserialize;

/// Parameters of `GET /api/export`.
#[derive(Debug, Deserialize)]
pub struct ExportParams {
    from: Option<String>,
    to: Option<String>,
    place: Option<String>,
    actor: Option<String>,
    /// Event type code (`battles`, …), as the incidents page filters it.
    #[serde(rename = "type")]
    kind: Option<String>,
    /// `csv` (default), `xlsx` or `geojson`.
    format: Option<String>,
}

/// Response header giving how many incidents had no full date and so no row.
pub const LEFT_OUT_HEADER: &str = "x-rasad-left-out";

/// The format, its media type and the file name of a `format` parameter.
fn format_of(name: Option<&str>) -> Result<(Format, &'static str, &'static str), ApiError> {
    match name.map(str::trim).unwrap_or("csv") {
        "" | "csv" => Ok((
            Format::Csv,
            "text/csv; charset=utf-8",
            "rasad-incidents.csv",
        )),
        "xlsx" => Ok((
            Format::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "rasad-incidents.xlsx",
        )),
        "geojson" => Ok((
            Format::GeoJson,
            "application/geo+json",
            "rasad-incidents.geojson",
        )),
        _ => Err(ApiError::BadRequest("format: csv, xlsx or geojson".into())),
    }
}

/// `GET /api/export`.
pub async fn export(
    State(st): State<AppState>,
    q: Result<Query<ExportParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = query(q)?;
    let (from, to) = date_range(p.from.as_deref(), p.to.as_deref())?;
    let (format, media, file) = format_of(p.format.as_deref())?;
    let f = Filters {
        from,
        to,
        place: nonempty(p.place),
        actor: nonempty(p.actor),
    };
    let kind = nonempty(p.kind);
    let built = st.current().await?;
    let incidents: Vec<Incident> = built
        .filter(&f)
        .filter(|i| kind.as_deref().is_none_or(|k| i.kind == k))
        .cloned()
        .collect();
    let urls = st.lookup(|s| s.urls().map_err(ApiError::from)).await?;
    let (body, written) = tokio::task::spawn_blocking(move || {
        let mut body = Vec::new();
        if format == Format::Csv {
            body.extend_from_slice(export::BOM.as_bytes());
        }
        let n = export::write(&incidents, format, &Links::new(urls), &mut body);
        n.map(|n| (body, n))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    let disposition = format!("attachment; filename=\"{file}\"");
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(ApiError::internal)?,
            ),
            (
                header::HeaderName::from_static(LEFT_OUT_HEADER),
                HeaderValue::from(written.left_out),
            ),
        ],
        body,
    )
        .into_response())
}
