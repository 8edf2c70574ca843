//! `portal price`: the itemized estimate of a workload file.

use std::path::PathBuf;
use std::process::ExitCode;

use portal_core::pricing::{estimate, PriceBook, Workload};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The workload, as JSON (README "Workload files"; examples/ has some).
    workload: PathBuf,
    /// A rate card to price with instead of the default price book.
    #[arg(long, value_name = "FILE")]
    price_book: Option<PathBuf>,
    /// Print the bill as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> ExitCode {
    match price(&args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn price(args: &Args) -> Result<String, String> {
    let book = match &args.price_book {
        Some(path) => {
            PriceBook::from_json(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => PriceBook::default_book(),
    };
    let workload = Workload::from_json(&read(&args.workload)?)
        .map_err(|e| format!("{}: {e}", args.workload.display()))?;
    let bill =
        estimate(&workload, &book).map_err(|e| format!("{}: {e}", args.workload.display()))?;
    Ok(if args.json {
        serde_json::to_string_pretty(&bill).expect("JSON of a bill") + "\n"
    } else {
        bill.to_text()
    })
}

fn read(path: &PathBuf) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
