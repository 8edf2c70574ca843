//! One rule for an email address, wherever one is given (an organization's notification address,
//! every invited address): the RFC grammar as the `email_address` crate reads it, narrowed to what
//! a person types into a form and mail can reach.

use email_address::{EmailAddress, Error, Options};

use super::EMAIL_MAX;

/// Why `address` can't be one, or `None` when it is one: one '@' with something before it, a
/// domain name of at least two labels (`example.com`), no spaces or control characters, at most
/// [`EMAIL_MAX`] octets (64 before the '@'). A space is refused even inside quotes, where the RFC
/// allows it, since it would split a list of invitations; so is a domain given as an IP address
/// in brackets, which nobody types.
pub fn email_problem(address: &str) -> Option<&'static str> {
    if address.len() > EMAIL_MAX {
        return Some("it is longer than 254 characters");
    }
    if address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("it contains spaces or control characters");
    }
    if address.matches('@').count() > 1 {
        return Some("it has more than one '@'");
    }
    let typed = Options::default()
        .with_required_tld()
        .without_domain_literal()
        .without_display_text();
    EmailAddress::parse_with_options(address, typed)
        .err()
        .map(reason)
}

fn reason(error: Error) -> &'static str {
    match error {
        Error::MissingSeparator => "it has no '@'",
        Error::LocalPartEmpty => "nothing comes before the '@'",
        Error::LocalPartTooLong => "the part before the '@' is longer than 64 characters",
        Error::DomainEmpty
        | Error::DomainTooFew
        | Error::SubDomainEmpty
        | Error::DomainInvalidSeparator => {
            "the domain after the '@' needs dot-separated parts, like example.com"
        }
        Error::DomainTooLong | Error::SubDomainTooLong => {
            "the domain after the '@' has a part longer than 63 characters"
        }
        Error::UnsupportedDomainLiteral | Error::InvalidIPAddress => {
            "the domain after the '@' is an address in brackets: give a domain name"
        }
        _ => "it holds a character an address can't hold, such as a comma or a bracket",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_addresses_are_accepted() {
        for ok in [
            "a@b.co",
            "first.last+tag@mail.example.com",
            "o'brien@example.ie",
            "user_01@sub-domain.example.org",
            "dana.admin@acme.example",
        ] {
            assert_eq!(email_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn each_refusal_says_what_is_wrong() {
        let long_local = format!("{}@example.com", "x".repeat(65));
        let long = format!("a@{}.com", "x".repeat(251));
        for (bad, why) in [
            ("", "it has no '@'"),
            ("a", "it has no '@'"),
            ("@b.co", "nothing comes before the '@'"),
            ("a@@b.co", "it has more than one '@'"),
            ("a@b@c.co", "it has more than one '@'"),
            ("a b@c.co", "it contains spaces or control characters"),
            ("a@b .co", "it contains spaces or control characters"),
            ("a@b.co\n", "it contains spaces or control characters"),
            (
                long_local.as_str(),
                "the part before the '@' is longer than 64 characters",
            ),
            (long.as_str(), "it is longer than 254 characters"),
        ] {
            assert_eq!(email_problem(bad), Some(why), "{bad:?}");
        }
        for no_domain in ["a@", "a@b", "a@.co", "a@b.", "a@b..co"] {
            assert!(
                email_problem(no_domain).is_some_and(|why| why.contains("dot-separated")),
                "{no_domain}"
            );
        }
    }

    #[test]
    fn forms_nobody_types_are_refused() {
        for bad in [
            "\"a b\"@c.co",
            "a,b@c.co",
            "a@[127.0.0.1]",
            "<a@b.co>",
            "a@-b.co",
        ] {
            assert!(email_problem(bad).is_some(), "{bad}");
        }
    }
}
