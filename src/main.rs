fn main() -> std::process::ExitCode {
    admitto::cli::main()
}
