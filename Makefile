# Clientele: two commands do everything.
#   make run   builds and serves the app on http://127.0.0.1:8080 (installs what is missing)
#   make test  runs the gates (fmt, clippy) and every test tier: native, browser
#              (wasm), end to end (Playwright)
# Also: make dist (static site for hosting, in dist/), make bench (benchmarks).

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: run test lint test-native test-browser test-e2e dist bench setup-app setup-test clean

run: setup-app
	trunk serve --release

dist: setup-app
	trunk build --release

test: setup-test lint test-native test-browser dist test-e2e

# The gates: formatting, and clippy with warnings as errors on every target (the
# project's lint choices are [workspace.lints] in Cargo.toml).
lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p clientele --all-targets --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test -p clientele-core -p clientele-cli -p clientele-i18n

test-browser:
	cargo test --target wasm32-unknown-unknown -p clientele

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

bench: setup-test dist
	bash bench/run.sh

setup-app:
	@bash scripts/setup.sh app

setup-test:
	@bash scripts/setup.sh test

clean:
	cargo clean
	rm -rf dist node_modules
