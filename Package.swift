// swift-tools-version: 6.0
//
// QKSim: a statevector simulator with SIMD C kernels, quantum and classical kernels,
// LIBSVM-exact support vector machines, and Bayesian-quadrature integral RL.
//
// Targets form layers; each depends only on those below it:
//
//   qksim (executable)                         thin @main
//   QKSimCLI                                   one file per subcommand
//   Learning     IntegralRL                    SVM, VQC, data, metrics | policy iteration, quadrature
//   Kernels                                    feature maps, fidelity/projected/classical kernels
//   Optimization                               Adam, SPSA, BFGS and Nelder-Mead (GSL multimin)
//   Simulation                                 state vector, gate application, sampling
//   CircuitIR                                  circuits, gates, OpenQASM 2/3 parser
//   LinearAlgebra  QKSupport                   BLAS/LAPACK wrappers | npy, RNG, parallel-for, progress
//   CQKKernels  COpenBLAS  CFFTW  CGSL         C: SIMD kernels | OpenBLAS, FFTW (opened on first use), GSL
import PackageDescription

let package = Package(
    name: "QKSim",
    products: [
        .library(
            name: "QKSim",
            targets: [
                "CircuitIR", "Simulation", "Kernels", "Optimization", "Learning", "IntegralRL", "LinearAlgebra", "QKSupport",
            ]),
        .executable(name: "qksim", targets: ["qksim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        // C layer.
        .target(name: "CQKKernels"),
        // OpenBLAS and FFTW are opened on first use (dlopen), not linked: most commands never call
        // them, and linking them cost every process start about 1.8 ms (qk_openblas.h, qk_fftw.h).
        // Both need their Debian packages installed (libopenblas-dev, libfftw3-dev).
        .target(name: "COpenBLAS"),
        .target(name: "CFFTW"),
        // No pkgConfig for GSL: its .pc file adds -lgslcblas, whose cblas_* symbols would shadow OpenBLAS's.
        .systemLibrary(name: "CGSL", providers: [.apt(["libgsl-dev"])]),

        // Swift foundations.
        .target(name: "QKSupport"),
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS", "QKSupport"]),

        // Circuits and their simulation.
        .target(
            name: "CircuitIR",
            dependencies: ["QKSupport", .product(name: "Numerics", package: "swift-numerics")]),
        .target(name: "Simulation", dependencies: ["CircuitIR", "CQKKernels", "CFFTW", "QKSupport"]),

        // Machine learning on top of the simulator.
        .target(name: "Kernels", dependencies: ["Simulation", "Optimization", "LinearAlgebra", "CQKKernels", "COpenBLAS", "CGSL", "QKSupport"]),
        .target(name: "Optimization", dependencies: ["QKSupport", "CGSL"]),
        .target(
            name: "Learning",
            dependencies: ["Kernels", "Optimization", "Simulation", "LinearAlgebra", "CGSL", "QKSupport"]),

        // Integral reinforcement learning (independent of the quantum layers).
        .target(name: "IntegralRL", dependencies: ["LinearAlgebra", "CGSL", "QKSupport"]),

        // Command line.
        .target(
            name: "QKSimCLI",
            dependencies: [
                "CircuitIR", "Simulation", "Kernels", "Learning", "Optimization", "IntegralRL", "LinearAlgebra", "QKSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "qksim", dependencies: ["QKSimCLI"]),
        .executableTarget(
            name: "qksim-bench",
            dependencies: ["CircuitIR", "Simulation", "Kernels", "Learning", "Optimization", "LinearAlgebra", "COpenBLAS", "QKSupport"],
            path: "Benchmarks/QKSimBench"),

        // Tests: one target per layer, plus a shared helper target that is not API.
        .target(name: "_TestSupport", dependencies: ["QKSupport"], path: "Tests/_TestSupport"),
        .testTarget(name: "CQKKernelsTests", dependencies: ["CQKKernels", "_TestSupport"]),
        .testTarget(name: "QKSupportTests", dependencies: ["QKSupport", "_TestSupport"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "_TestSupport"]),
        .testTarget(
            name: "CircuitIRTests",
            dependencies: [
                "CircuitIR", "QKSupport", "_TestSupport", .product(name: "Numerics", package: "swift-numerics"),
            ],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SimulationTests",
            dependencies: ["Simulation", "CircuitIR", "CQKKernels", "CFFTW", "_TestSupport"],
            resources: [.copy("Fixtures")],
            // The QFT tests compare with FFTW called directly, an independent path to the transform.
            linkerSettings: [.linkedLibrary("fftw3")]),
        .testTarget(
            name: "KernelsTests", dependencies: ["Kernels", "LinearAlgebra", "_TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "OptimizationTests", dependencies: ["Optimization", "_TestSupport"]),
        .testTarget(
            name: "LearningTests",
            dependencies: ["Learning", "Optimization", "Simulation", "Kernels", "LinearAlgebra", "QKSupport", "_TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "IntegralRLTests", dependencies: ["IntegralRL", "_TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "QKSimCLITests",
            dependencies: ["QKSimCLI", "_TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ]
)
