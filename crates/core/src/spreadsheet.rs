//! Text cells of the CSV files the portal writes for people to open in spreadsheets (usage
//! reports, billing reports, a token's credentials). A spreadsheet runs a cell that starts with
//! `=`, `+`, `-` or `@` as a formula (and some first drop a leading tab or carriage return), so
//! a name someone typed could run there: such a cell gets a leading apostrophe, which
//! spreadsheets show as text and hide. [`restore`] takes it off when the portal reads its own
//! file back. [`CsvText`] writes every such file.

use std::borrow::Cow;

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV file written in memory, a row at a time: `\n` line ends, a field quoted when it holds a
/// comma, a quote or a line break (or every field, [`CsvText::quoting_all`]). Rows may differ in
/// length, so that writing can't fail.
pub struct CsvText(csv::Writer<Vec<u8>>);

/// Writing into memory fails only on a bug in the writer.
const IN_MEMORY: &str = "CSV written to memory";

impl CsvText {
    pub fn new() -> CsvText {
        CsvText::with(csv::QuoteStyle::Necessary)
    }

    /// Every field quoted, as the Astra Portal writes a token's credentials.
    pub fn quoting_all() -> CsvText {
        CsvText::with(csv::QuoteStyle::Always)
    }

    fn with(style: csv::QuoteStyle) -> CsvText {
        CsvText(
            csv::WriterBuilder::new()
                .quote_style(style)
                .flexible(true)
                .from_writer(Vec::new()),
        )
    }

    /// Adds a row of these fields.
    pub fn row<I>(&mut self, fields: I)
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        for field in fields {
            self.0.write_field(field.as_ref()).expect(IN_MEMORY);
        }
        // No more fields: the record's end.
        self.0.write_record(None::<&[u8]>).expect(IN_MEMORY);
    }

    /// The file's text.
    pub fn finish(self) -> String {
        let bytes = self.0.into_inner().expect(IN_MEMORY);
        String::from_utf8(bytes).expect("CSV of strings is UTF-8")
    }
}

impl Default for CsvText {
    fn default() -> CsvText {
        CsvText::new()
    }
}

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
    fn a_field_is_quoted_only_when_it_needs_it_unless_all_are() {
        let mut csv = CsvText::new();
        csv.row(["plain", "a,b", "say \"hi\"", "two\nlines", ""]);
        csv.row(["short"]);
        assert_eq!(
            csv.finish(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\nshort\n"
        );
        let mut csv = CsvText::quoting_all();
        csv.row(["Client Id", "-a+b"]);
        assert_eq!(csv.finish(), "\"Client Id\",\"-a+b\"\n");
    }

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
