//! Data portability: what leaves Tandem in open formats (« Tout exporter », a
//! client's own data) and a client's erasure (GDPR arts. 15, 17 and 20).

pub mod export;
