use crate::store::indexed_db::DATABASE;

/// How a portal starts: which data it serves, and whether it takes up a kept connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// The IndexedDB database of the portal's own data; the tabs on it share one state.
    pub database: &'static str,
    /// Whether the connection kept in IndexedDB opens here: an earlier visit's when the portal
    /// starts, another tab's when it connects. There is one such connection for the whole
    /// browser, so suites that mount many portals side by side, each over a database of its own,
    /// leave it to the suite that tests it.
    pub resume_connection: bool,
    /// Whether the page registers its service worker (`shell::new_build`), which only the built
    /// page has: the suites, served by the test runner, leave it out.
    pub offline: bool,
}

impl Default for Config {
    /// The page's own: its database, and the connection of the last visit.
    fn default() -> Config {
        Config {
            database: DATABASE,
            resume_connection: true,
            offline: true,
        }
    }
}
