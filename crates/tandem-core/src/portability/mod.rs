//! Data portability: files made by other programs brought in (`import`, checked
//! by the same rules as the forms), and what leaves Tandem in open formats
//! (`export`: « Tout exporter », a client's own data) with a client's erasure
//! (GDPR arts. 15, 17 and 20).

pub mod export;
pub mod import;
