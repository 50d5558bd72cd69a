/// Circuit-file timings come with the OpenQASM front end.
enum CircuitBenchmark {
    static func run(quick: Bool) throws {}
}
