use clap::Parser;

/// mimalloc: a store holds millions of small strings; it allocates them faster than glibc and returns
/// freed pages (the parsed records dropped after indexing) to the system.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    newsfacts::cli::run(newsfacts::cli::Cli::parse())
}
