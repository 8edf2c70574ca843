//! The inventory's names that are identifiers rather than free text: a database's name, and the
//! CQL names of its keyspaces and tables.

use super::{CQL_IDENTIFIER_MAX, DATABASE_NAME_MAX};

/// 1 to [`DATABASE_NAME_MAX`] ASCII letters, digits, '-' or '_', such as `orders-db`.
pub fn is_database_name(name: &str) -> bool {
    (1..=DATABASE_NAME_MAX).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A CQL identifier: a letter, then letters, digits or underscores, [`CQL_IDENTIFIER_MAX`] in all
/// at most, such as `orders_2025`.
pub fn is_cql_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    starts_with_letter && rest_ok && name.len() <= CQL_IDENTIFIER_MAX
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_are_short_and_plain() {
        assert!(is_database_name("orders-db_2"));
        assert!(is_database_name(&"x".repeat(DATABASE_NAME_MAX)));
        for bad in ["", "orders db", "orders.db", "bestellungen-ü"] {
            assert!(!is_database_name(bad), "{bad}");
        }
        assert!(!is_database_name(&"x".repeat(DATABASE_NAME_MAX + 1)));
    }

    #[test]
    fn cql_identifiers_start_with_a_letter() {
        assert!(is_cql_identifier("orders_2025"));
        assert!(is_cql_identifier(&"k".repeat(CQL_IDENTIFIER_MAX)));
        for bad in ["", "2025_orders", "_orders", "orders-2025", "órders"] {
            assert!(!is_cql_identifier(bad), "{bad}");
        }
        assert!(!is_cql_identifier(&"k".repeat(CQL_IDENTIFIER_MAX + 1)));
    }
}
