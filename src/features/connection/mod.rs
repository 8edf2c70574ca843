pub mod api_connection;
