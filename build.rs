//! A build with the `split` feature for the web keeps the linker's relocations in the module:
//! wasm-split (the page build's last step) reads them to move each lazily loaded view's code out.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let web = std::env::var("CARGO_CFG_TARGET_FAMILY").is_ok_and(|family| family == "wasm");
    if split && web {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
