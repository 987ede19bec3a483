use clap::Parser;

fn main() -> std::process::ExitCode {
    newsfacts::cli::run(newsfacts::cli::Cli::parse())
}
