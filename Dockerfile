# newsfacts: read-only JSON REST API over a fact store.
#   docker build -t newsfacts .
#   docker run --rm -p 8080:8080 newsfacts
# Configuration is by environment (see `newsfacts serve --help`): NEWSFACTS_ADDR, NEWSFACTS_DATA,
# NEWSFACTS_LOG_FORMAT, NEWSFACTS_WORKERS. The default store is embedded in the binary; /app/data holds a
# copy of data/ so NEWSFACTS_DATA=/app/data/facts.json (or a mounted file) can override it.

# ---- builder -------------------------------------------------------------------------------------------
FROM rust:1-bookworm AS builder
WORKDIR /src

# 1) Dependencies only, cached until Cargo.toml/Cargo.lock change. Stub lib/bin sources stand in for the
#    crate; [lib]/[[bin]]/[[test]]/[[bench]]/[[example]] sections are dropped from this throwaway copy of
#    the manifest (their files are not here yet) so cargo autodiscovers the stubs. Then the stub's own
#    artifacts are removed, so the real build below cannot mistake them for up to date.
COPY Cargo.toml Cargo.lock ./
RUN awk '/^[[:space:]]*\[/ { skip = /^[[:space:]]*\[\[?(lib|bin|test|bench|example)\]\]?[[:space:]]*$/ } !skip' \
        Cargo.toml > Cargo.stub.toml \
 && mv Cargo.stub.toml Cargo.toml \
 && mkdir -p src \
 && echo 'fn main() {}' > src/main.rs \
 && : > src/lib.rs \
 && cargo build --release --locked \
 && cargo clean --release --package newsfacts \
 && rm -rf src Cargo.toml

# 2) The crate. The whole (.dockerignore-filtered) context: src/ and data/ (include_bytes!) plus any
#    tests/ or benches/ that Cargo.toml names.
COPY . .
RUN cargo build --release --locked \
 && install -D -m 0755 target/release/newsfacts /out/newsfacts

# ---- runtime -------------------------------------------------------------------------------------------
FROM debian:bookworm-slim AS runtime

# curl is for the HEALTHCHECK; the service itself needs only glibc and libgcc_s.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 newsfacts \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin newsfacts

WORKDIR /app
COPY --from=builder /out/newsfacts /usr/local/bin/newsfacts
COPY data/ /app/data/

ENV NEWSFACTS_ADDR=0.0.0.0:8080 \
    NEWSFACTS_LOG_FORMAT=json

USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/healthz"]

ENTRYPOINT ["newsfacts"]
CMD ["serve"]
