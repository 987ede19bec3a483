//! Black-box HTTP tests: each starts the real server on port 0 and speaks HTTP to it.

mod articles;
mod claims;
mod contract;
mod entities;
mod helpers;
mod hostile;
mod openapi;
mod paging;
mod reload;
mod spans;
mod store_load;
