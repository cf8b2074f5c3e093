//! Bytes of a saved page to text: a byte order mark first (UTF-8, UTF-16 little or big
//! endian), then valid UTF-8 as it is, then the charset the page declares in its first
//! kilobyte (`<meta charset>`, `<meta http-equiv="Content-Type" content="...; charset=...">`).
//! Windows-1252 (and the Latin-1 and ASCII labels that HTML reads as it) is decoded here;
//! any other declared charset is read as Windows-1252 with a warning saying so, since a
//! decoder for every legacy charset would outweigh the rest of the engine in the browser (the
//! page can decode with the browser's own `TextDecoder` first and pass a string).

/// Text decoded from a page's bytes, with a warning when the bytes were not all read as
/// they were meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedHtml {
    /// The page as text.
    pub text: String,
    /// The encoding the bytes were read as: `UTF-8`, `UTF-16LE`, `UTF-16BE` or
    /// `windows-1252`.
    pub encoding: &'static str,
    /// Why the text may not be what the page meant (undecodable bytes replaced, a charset
    /// this reader cannot decode), in words a person can act on.
    pub warning: Option<String>,
}

/// How many bytes from the start of the page the charset declaration is looked for in (the
/// HTML standard's prescan reads the first 1024).
pub const CHARSET_PRESCAN_BYTES: usize = 1024;

/// Reads a page's bytes as text (see the module's documentation for the order of the rules).
pub fn read_html_bytes(bytes: &[u8]) -> DecodedHtml {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8_lossy(rest, "the page");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes, "UTF-16BE");
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return DecodedHtml {
            text: text.to_string(),
            encoding: "UTF-8",
            warning: None,
        };
    }
    let declared = declared_charset(bytes);
    match declared.as_deref().map(charset_family) {
        Some(Charset::Utf8) => utf8_lossy(bytes, "the page"),
        Some(Charset::Windows1252) => DecodedHtml {
            text: windows_1252(bytes),
            encoding: "windows-1252",
            warning: None,
        },
        Some(Charset::Other) => DecodedHtml {
            text: windows_1252(bytes),
            encoding: "windows-1252",
            warning: Some(format!(
                "the page declares the charset {:?}, which this analyzer cannot decode: it was read as windows-1252, so letters outside English may be wrong; convert the file to UTF-8 (or decode it in the browser with TextDecoder) and analyse it again",
                declared.unwrap_or_default()
            )),
        },
        None if mostly_utf8(bytes) => utf8_lossy(bytes, "the page"),
        None => DecodedHtml {
            text: windows_1252(bytes),
            encoding: "windows-1252",
            warning: Some(
                "the page is not valid UTF-8 and declares no charset: it was read as windows-1252, as browsers do; if letters look wrong, convert the file to UTF-8 and analyse it again"
                    .to_string(),
            ),
        },
    }
}

/// A page given as text: without the byte order mark a file read as text may begin with.
pub fn strip_byte_order_mark(html: &str) -> &str {
    html.strip_prefix('\u{FEFF}').unwrap_or(html)
}

/// The families of charset labels this reader tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Charset {
    Utf8,
    Windows1252,
    Other,
}

/// The family of a charset label (trimmed, lowercase), after the WHATWG Encoding standard's
/// label table. A page that declares UTF-16 in its markup is ASCII-compatible, so it is
/// UTF-8, as the HTML standard says.
fn charset_family(label: &str) -> Charset {
    match label {
        "utf-8" | "utf8" | "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8"
        | "x-unicode20utf8" | "utf-16" | "utf-16le" | "utf-16be" | "unicode" | "ucs-2"
        | "csunicode" | "iso-10646-ucs-2" | "unicodefeff" | "unicodefffe" => Charset::Utf8,
        "windows-1252" | "cp1252" | "x-cp1252" | "iso-8859-1" | "iso8859-1" | "iso88591"
        | "iso_8859-1" | "iso_8859-1:1987" | "latin1" | "l1" | "ascii" | "us-ascii"
        | "ansi_x3.4-1968" | "cp819" | "ibm819" | "iso-ir-100" | "csisolatin1" => {
            Charset::Windows1252
        }
        _ => Charset::Other,
    }
}

/// The charset label declared in the page's first [`CHARSET_PRESCAN_BYTES`] bytes, trimmed
/// and lowercase: `<meta charset=...>` or a `charset=` inside a `<meta>` tag's attributes (the
/// `content` of `http-equiv="Content-Type"`). A simplified form of the HTML standard's
/// prescan: enough for the declarations pages write.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head: Vec<u8> = bytes[..bytes.len().min(CHARSET_PRESCAN_BYTES)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut from = 0;
    while let Some(found) = find(&head[from..], b"<meta") {
        let start = from + found;
        let end = find(&head[start..], b">").map_or(head.len(), |end| start + end);
        let tag = &head[start..end];
        if let Some(at) = find(tag, b"charset") {
            let rest = &tag[at + b"charset".len()..];
            let rest = trim_start(rest, |b| b.is_ascii_whitespace());
            if let Some(value) = rest.strip_prefix(b"=") {
                let value = trim_start(value, |b| {
                    b.is_ascii_whitespace() || b == b'"' || b == b'\''
                });
                let length = value
                    .iter()
                    .position(|b| {
                        !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                    })
                    .unwrap_or(value.len());
                if length > 0 {
                    return Some(String::from_utf8_lossy(&value[..length]).into_owned());
                }
            }
        }
        from = end;
    }
    None
}

fn trim_start(bytes: &[u8], strip: impl Fn(u8) -> bool) -> &[u8] {
    let skip = bytes.iter().take_while(|&&b| strip(b)).count();
    &bytes[skip..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Whether bytes that are not valid UTF-8 are still mostly UTF-8: more well-formed
/// multi-byte sequences than bytes that fit none (a UTF-8 page with a few stray bytes, not a
/// Windows-1252 page, whose accented letters are single bytes that rarely form a sequence).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut sequences, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                sequences += valid.bytes().filter(|b| *b >= 0xC0).count();
                break;
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                sequences += valid.iter().filter(|b| **b >= 0xC0).count();
                let skip = error.error_len().unwrap_or(after.len()).max(1);
                invalid += skip;
                rest = &after[skip.min(after.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    sequences > invalid
}

fn utf8_lossy(bytes: &[u8], what: &str) -> DecodedHtml {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let warning = match std::str::from_utf8(bytes) {
        Ok(_) => None,
        Err(_) => {
            let replaced = text.matches('\u{FFFD}').count();
            Some(format!(
                "{what} is not valid UTF-8; {replaced} undecodable byte sequence(s) were replaced by \u{FFFD}"
            ))
        }
    };
    DecodedHtml {
        text,
        encoding: "UTF-8",
        warning,
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, encoding: &'static str) -> DecodedHtml {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut replaced = 0;
    let mut text: String = char::decode_utf16(units)
        .map(|decoded| {
            decoded.unwrap_or_else(|_| {
                replaced += 1;
                '\u{FFFD}'
            })
        })
        .collect();
    if bytes.len() % 2 == 1 {
        replaced += 1;
        text.push('\u{FFFD}');
    }
    let warning = (replaced > 0).then(|| {
        format!("the page is not valid {encoding}; {replaced} undecodable code unit(s) were replaced by \u{FFFD}")
    });
    DecodedHtml {
        text,
        encoding,
        warning,
    }
}

/// Windows-1252's characters for the bytes 0x80 to 0x9F (the WHATWG index); the five bytes
/// it leaves undefined map to the C1 control of the same number, as browsers do.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

fn windows_1252(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for &byte in bytes {
        text.push(match byte {
            0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(byte - 0x80)],
            _ => char::from(byte),
        });
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_read_as_it_is() {
        let decoded = read_html_bytes("<p>Café</p>".as_bytes());
        assert_eq!(decoded.text, "<p>Café</p>");
        assert_eq!((decoded.encoding, decoded.warning), ("UTF-8", None));
    }

    #[test]
    fn byte_order_marks_choose_the_encoding() {
        let decoded = read_html_bytes(b"\xEF\xBB\xBF<p>x</p>");
        assert_eq!(decoded.text, "<p>x</p>");
        let little: Vec<u8> = "<p>é</p>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let decoded = read_html_bytes(&[&[0xFF, 0xFE][..], &little].concat());
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("<p>é</p>", "UTF-16LE")
        );
        let big: Vec<u8> = "<p>é</p>"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let decoded = read_html_bytes(&[&[0xFE, 0xFF][..], &big, &[0x41]].concat());
        assert_eq!(decoded.text, "<p>é</p>\u{FFFD}");
        assert!(decoded.warning.unwrap().contains("UTF-16BE"));
    }

    #[test]
    fn a_declared_latin_charset_is_decoded() {
        let page =
            b"<html><head><meta charset=\"ISO-8859-1\"></head><body>caf\xe9 \x93quoted\x94</body>";
        let decoded = read_html_bytes(page);
        assert!(decoded.text.contains("café “quoted”"), "{}", decoded.text);
        assert_eq!((decoded.encoding, decoded.warning), ("windows-1252", None));
        let http_equiv =
            b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>\xe9";
        assert_eq!(read_html_bytes(http_equiv).encoding, "windows-1252");
    }

    #[test]
    fn an_unknown_charset_is_read_as_windows_1252_with_a_warning() {
        let decoded = read_html_bytes(b"<meta charset=shift_jis><p>\x82\xa0</p>");
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.warning.unwrap().contains("\"shift_jis\""));
    }

    #[test]
    fn undeclared_bytes_are_utf8_when_mostly_utf8() {
        let decoded = read_html_bytes(
            "<p>Café crème \u{2014} "
                .as_bytes()
                .iter()
                .chain(b"\xff</p>")
                .copied()
                .collect::<Vec<u8>>()
                .as_slice(),
        );
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.text.ends_with("\u{FFFD}</p>"));
        assert!(decoded.warning.unwrap().contains("1 undecodable"));
        let latin = read_html_bytes(b"<p>caf\xe9 cr\xe8me</p>");
        assert_eq!(latin.text, "<p>café crème</p>");
        assert!(latin.warning.unwrap().contains("declares no charset"));
    }

    #[test]
    fn a_string_loses_its_byte_order_mark() {
        assert_eq!(strip_byte_order_mark("\u{FEFF}<p>x</p>"), "<p>x</p>");
        assert_eq!(strip_byte_order_mark("<p>x</p>"), "<p>x</p>");
    }
}
