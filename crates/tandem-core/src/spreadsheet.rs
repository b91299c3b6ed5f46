//! CSV for a spreadsheet, the one way: in French `;`-separated with a byte-order
//! mark (decimal commas come from `locale`), as French Excel and LibreOffice read
//! it; in English, commas and no mark.

use crate::catalog::Language;
use crate::error::{Error, Result};

pub struct Sheet {
    lang: Language,
    w: ::csv::Writer<Vec<u8>>,
}

impl Sheet {
    pub fn new(lang: Language) -> Sheet {
        let w = ::csv::WriterBuilder::new()
            .delimiter(if lang == Language::Fr { b';' } else { b',' })
            .from_writer(Vec::new());
        Sheet { lang, w }
    }

    pub fn row<I, S>(&mut self, cells: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        self.w
            .write_record(cells)
            .map_err(|e| Error::Unavailable(format!("csv: {e}")))
    }

    pub fn finish(self) -> Result<String> {
        let bytes = self
            .w
            .into_inner()
            .map_err(|e| Error::Unavailable(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|e| Error::Unavailable(e.to_string()))?;
        Ok(if self.lang == Language::Fr {
            format!("\u{feff}{text}")
        } else {
            text
        })
    }
}
