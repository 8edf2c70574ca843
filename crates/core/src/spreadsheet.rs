//! Text cells of the CSV files the portal writes for people to open in spreadsheets (usage
//! reports, billing reports, a token's credentials). A spreadsheet runs a cell that starts with
//! `=`, `+`, `-` or `@` as a formula (and some first drop a leading tab or carriage return), so
//! a name someone typed could run there: such a cell gets a leading apostrophe, which
//! spreadsheets show as text and hide. [`restore`] takes it off when the portal reads its own
//! file back.

use std::borrow::Cow;

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The text as a cell a spreadsheet shows and never runs.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A cell as it was before [`neutralise`].
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(text) if text.starts_with(FORMULA_STARTS) => text,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_read_back_as_typed() {
        for text in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"] {
            let cell = neutralise(text);
            assert_eq!(cell, format!("'{text}"));
            assert_eq!(restore(&cell), text);
        }
        for text in ["Acme Production", "", "'quoted", "a=b", "1-2"] {
            assert_eq!(neutralise(text), text);
            assert_eq!(restore(text), text);
        }
    }
}
