//! Free text from requests, checked one way: trimmed, within its field's length, and free of what
//! would let it pass for something else where it is shown. Control, invisible and bidirectional
//! formatting characters are refused in every field; a name also may not mix Latin letters with
//! Greek or Cyrillic ones (a Cyrillic "О" in "Organization Administrator" would pass for the
//! default role).

use crate::api::{ApiError, ErrorId};

/// One free-text field: what messages call it, how long it may be, and whether it is a name.
pub struct Field {
    pub label: &'static str,
    pub max: usize,
    pub name: bool,
}

impl Field {
    /// A name: never empty, and in one alphabet.
    pub(super) const fn name(label: &'static str, max: usize) -> Field {
        Field {
            label,
            max,
            name: true,
        }
    }

    /// Text that may be empty and may quote any alphabet.
    pub(super) const fn text(label: &'static str, max: usize) -> Field {
        Field {
            label,
            max,
            name: false,
        }
    }

    /// The text trimmed, or a 400 that says what to change. A name must not be empty.
    pub fn checked(&self, raw: &str) -> Result<String, ApiError> {
        let text = raw.trim();
        let refuse = |message: String| Err(ApiError::new(ErrorId::InvalidField, message));
        if self.name && text.is_empty() {
            return refuse(format!(
                "{} is empty: give a name of 1 to {} characters",
                self.label, self.max
            ));
        }
        let length = text.chars().count();
        if length > self.max {
            return refuse(format!(
                "{} has {length} characters: shorten it to {} or fewer",
                self.label, self.max
            ));
        }
        if let Some(hidden) = text.chars().find(|c| hides(*c)) {
            return refuse(format!(
                "{} holds U+{:04X}, a character that doesn't show or that changes how the text \
                 around it shows: remove it",
                self.label, hidden as u32
            ));
        }
        if self.name && mixes_look_alike_scripts(text) {
            return refuse(format!(
                "{} mixes Latin letters with Greek or Cyrillic ones, which look alike: write it \
                 in one alphabet",
                self.label
            ));
        }
        Ok(text.to_owned())
    }
}

/// Control characters, and the formatting characters that are invisible or reorder text.
fn hides(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
            | '\u{17B5}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}')
}

fn mixes_look_alike_scripts(text: &str) -> bool {
    let latin = text
        .chars()
        .any(|c| c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c));
    let look_alike = text
        .chars()
        .any(|c| ('\u{0370}'..='\u{03FF}').contains(&c) || ('\u{0400}'..='\u{052F}').contains(&c));
    latin && look_alike
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::{ROLE_NAME, TOKEN_DESCRIPTION};

    fn refusal(field: &Field, text: &str) -> String {
        field.checked(text).unwrap_err().to_string()
    }

    #[test]
    fn a_name_is_trimmed_and_bounded() {
        assert_eq!(
            ROLE_NAME.checked("  Orders Editor ").unwrap(),
            "Orders Editor"
        );
        assert!(refusal(&ROLE_NAME, "   ").contains("is empty"));
        let long = "x".repeat(101);
        assert_eq!(
            refusal(&ROLE_NAME, &long),
            "field 'name' has 101 characters: shorten it to 100 or fewer"
        );
        assert_eq!(TOKEN_DESCRIPTION.checked("").unwrap(), "");
    }

    #[test]
    fn invisible_and_reordering_characters_are_refused_everywhere() {
        for text in [
            "Admin\u{200B}",
            "a\u{202E}txt.exe",
            "line\nbreak",
            "\u{FEFF}x",
            "a\u{2066}b",
        ] {
            assert!(refusal(&TOKEN_DESCRIPTION, text).contains("U+"), "{text:?}");
        }
        assert_eq!(
            TOKEN_DESCRIPTION.checked("café, naïve: ok").unwrap(),
            "café, naïve: ok"
        );
    }

    #[test]
    fn a_name_in_two_look_alike_alphabets_is_refused() {
        // The first letter is Cyrillic.
        let fake = "\u{041E}rganization Administrator";
        assert!(refusal(&ROLE_NAME, fake).contains("one alphabet"));
        assert!(ROLE_NAME.checked("Организация").is_ok());
        assert!(ROLE_NAME.checked("Ωmega team").is_err());
        // Descriptions may quote any alphabet.
        assert!(TOKEN_DESCRIPTION.checked(fake).is_ok());
    }
}
