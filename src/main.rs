//! The app's entry point. It runs in a browser only (built by Trunk for wasm32); a
//! native build says so instead of panicking on its first web call.

#[cfg(target_arch = "wasm32")]
fn main() {
    clientele::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!(
        "clientele-app is the browser app: build it with `make run` or `make dist` \
         (Trunk, wasm32). The command line is `cargo run -p clientele-cli --bin clientele`."
    );
    std::process::ExitCode::from(2)
}
