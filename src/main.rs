fn main() {
    clientele::start();
}
