//! The `fairbid` binary: parse the command line, run the command, turn the
//! outcome into an exit code (0 done, 1 done with errors found, 2 could not run).

use std::process::ExitCode;

use clap::Parser;

use fairbid::cli::{Cli, Command};
use fairbid::cmd;
use fairbid::output::is_broken_pipe;
use fairbid::read::isolate;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // This binary reads every input workbook in a process of its own.
    isolate::read_with_this_binary();
    let outcome = match &cli.command {
        Command::Evaluate(args) => cmd::evaluate::run(args),
        Command::Template(args) => cmd::template::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Draft(args) => cmd::draft::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Share(args) => cmd::share::run(args),
        Command::Blind(args) => cmd::blind::run(args),
        Command::ReadWorkbook(args) => {
            return isolate::serve(&isolate::Limits {
                max_file_mib: args.max_file_mib,
                max_part_mib: args.max_part_mib,
                max_read_mib: args.max_read_mib,
                max_read_seconds: args.max_read_seconds,
            });
        }
    };
    match outcome {
        Ok(status) => status.exit_code(),
        // The reader of our output went away (`| head`): it has what it wanted.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("fairbid: {err:#}");
            ExitCode::from(2)
        }
    }
}
