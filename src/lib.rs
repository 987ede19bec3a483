//! newsfacts: extracts facts from news articles into a JSON fact store and serves it over a read-only
//! JSON REST API.
//!
//! `extract` turns article text into a store (pure functions, no HTTP); `store` holds the model, loading, indexes and queries; `memory` tunes the allocator while a store loads; `routes` translates HTTP into store calls;
//! `error` renders every failure as RFC 9457 problem+json; `middleware` applies the HTTP contract;
//! `openapi` builds the document from the route table; `connection` answers slow and over-large first
//! request heads; `startup` wires the server; `cli` is the binary.

pub mod cli;
pub mod connection;
pub mod error;
pub mod extract;
pub mod memory;
pub mod middleware;
pub mod openapi;
pub mod routes;
pub mod startup;
pub mod store;
pub mod telemetry;
