import Kernels
import LinearAlgebra
import QKSupport
import Testing
import _TestSupport

@Suite struct FidelityKernelTests {
    static let cases: [(name: String, map: @Sendable () throws -> FeatureMap)] = [
        ("adhoc2_zz_linear_r2", { try FeatureMap.zz(features: 2, reps: 2, entanglement: .linear) }),
        ("breast_cancer6_zz_full_r2", { try FeatureMap.zz(features: 6, reps: 2, entanglement: .full) }),
        ("breast_cancer6_pauli_z_yy_linear_r1", { try FeatureMap(.pauli(["Z", "YY"]), qubits: 6, reps: 1, entanglement: .linear) }),
    ]

    @Test(arguments: 0..<3)
    func reproducesQiskitGramMatrices(index: Int) throws {
        let (name, makeMap) = Self.cases[index]
        let kernel = try FidelityKernel(featureMap: makeMap())
        let train = try ReferenceData.features(name, "train.csv"), test = try ReferenceData.features(name, "test.csv")
        let k = try kernel.gram(train)
        let kt = try kernel.cross(test, train)
        let refTrain = try ReferenceData.matrix(name, "K_train.npy"), refTest = try ReferenceData.matrix(name, "K_test.npy")
        #expect(maxAbsDifference(k.scalars, refTrain.scalars) < 1e-12, "\(name) train")
        #expect(maxAbsDifference(kt.scalars, refTest.scalars) < 1e-12, "\(name) test")
    }

    @Test func gramIsSymmetricUnitDiagonalAndPSD() throws {
        let x = try ReferenceData.features("breast_cancer6_zz_full_r2", "train.csv")
        let k = try FidelityKernel(featureMap: .zz(features: 6)).gram(x)
        #expect(k == k.transposed)
        #expect(k.diagonalEntries.allSatisfy { isClose($0, 1, absolute: 1e-13) })
        let (values, _) = try k.symmetricEigen()
        #expect(values.first! > -1e-12)
    }

    @Test func tilingDoesNotChangeTheResult() throws {
        let x = try ReferenceData.features("breast_cancer6_zz_full_r2", "train.csv")
        let test = try ReferenceData.features("breast_cancer6_zz_full_r2", "test.csv")
        let whole = try FidelityKernel(featureMap: .zz(features: 6))
        // 2^16 bytes holds 32 states of 6 qubits: tiles of 32 rows, many tile pairs.
        let tiled = try FidelityKernel(featureMap: .zz(features: 6), memoryBudget: 1 << 16)
        #expect(maxAbsDifference(try whole.gram(x).scalars, try tiled.gram(x).scalars) < 1e-14)
        #expect(maxAbsDifference(try whole.cross(test, x).scalars, try tiled.cross(test, x).scalars) < 1e-14)
    }

    /// Past about 180 rows the products go through ZGEMM a tile of rows at a time (scratch reused,
    /// mirror filled from the upper triangle): every entry must still be the overlap of its two
    /// states, computed here by a plain loop, and the training matrix exactly symmetric.
    /// With two threads the bands (8 of the Gram matrix, 4 of the cross matrix) are dealt out,
    /// single-threaded BLAS on each: the same entries.
    @Test(arguments: [1, 2]) func rowTiledProductsMatchDirectOverlaps(threads: Int) throws {
        var rng = SeededGenerator(seed: 11)
        let x = Matrix(rows: 500, columns: 3, scalars: (0..<1500).map { _ in Double.random(in: 0..<(2 * .pi), using: &rng) })
        let t = Matrix(rows: 230, columns: 3, scalars: (0..<690).map { _ in Double.random(in: 0..<(2 * .pi), using: &rng) })
        let kernel = try FidelityKernel(
            featureMap: .zz(features: 3, reps: 2, entanglement: .full), parallelism: Parallelism(threads: threads))
        let k = try kernel.gram(x), kt = try kernel.cross(t, x)
        let fx = try kernel.features(x), ft = try kernel.features(t)
        func overlap(_ a: StateBatch, _ i: Int, _ b: StateBatch, _ j: Int) -> Double {
            var re = 0.0, im = 0.0
            for e in 0..<a.dimension {
                let ar = a.amplitudes[2 * (i * a.dimension + e)], ai = a.amplitudes[2 * (i * a.dimension + e) + 1]
                let br = b.amplitudes[2 * (j * b.dimension + e)], bi = b.amplitudes[2 * (j * b.dimension + e) + 1]
                re += ar * br + ai * bi
                im += ar * bi - ai * br
            }
            return re * re + im * im
        }
        var worst = 0.0, worstCross = 0.0
        for i in 0..<x.rows { for j in 0..<x.rows { worst = maxOrNaN(worst, abs(k[i, j] - overlap(fx, i, fx, j))) } }
        for i in 0..<t.rows { for j in 0..<x.rows { worstCross = maxOrNaN(worstCross, abs(kt[i, j] - overlap(ft, i, fx, j))) } }
        #expect(worst < 1e-14 && worstCross < 1e-14, "gram \(worst), cross \(worstCross)")
        #expect(k == k.transposed)
    }

    @Test func shotEstimatesConvergeToTheExactKernel() throws {
        let x = try ReferenceData.features("adhoc2_zz_linear_r2", "train.csv")
        let map = try FeatureMap.zz(features: 2, reps: 2, entanglement: .linear)
        let exact = try FidelityKernel(featureMap: map).gram(x)
        var errors: [Double] = []
        for shots in [100, 10_000, 1_000_000] {
            let k = try FidelityKernel(featureMap: map, shots: shots, seed: 3).gram(x)
            #expect(k == k.transposed)
            #expect(k.diagonalEntries.allSatisfy { $0 == 1 })
            #expect(k.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
            let meanError = zip(k.scalars, exact.scalars).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(k.scalars.count)
            errors.append(meanError)
        }
        // Binomial noise shrinks like 1/sqrt(M): a factor 10 per factor 100 in shots.
        #expect(errors[1] < errors[0] / 5 && errors[2] < errors[1] / 5, "\(errors)")
        // Seeded: the same seed gives the same matrix, another seed another.
        let a = try FidelityKernel(featureMap: map, shots: 50, seed: 9).gram(x)
        #expect(a == (try FidelityKernel(featureMap: map, shots: 50, seed: 9).gram(x)))
        #expect(a != (try FidelityKernel(featureMap: map, shots: 50, seed: 10).gram(x)))
    }

    @Test func duplicateModesAndPSDRepair() throws {
        var rows = try ReferenceData.features("adhoc2_zz_linear_r2", "train.csv")
        // Make rows 0 and 1 identical.
        for c in 0..<rows.columns { rows[1, c] = rows[0, c] }
        let map = try FeatureMap.zz(features: 2, reps: 2, entanglement: .linear)
        let none = try FidelityKernel(featureMap: map, shots: 20, seed: 1, duplicates: .none).gram(rows)
        #expect(none[0, 1] == 1 && none[1, 0] == 1)
        let repaired = try FidelityKernel(featureMap: map, shots: 20, seed: 1, repairPSD: true).gram(rows)
        let (values, _) = try repaired.symmetricEigen()
        #expect(values.first! > -1e-10)
        let raw = try FidelityKernel(featureMap: map, shots: 20, seed: 1).gram(rows)
        let (rawValues, _) = try raw.symmetricEigen()
        #expect(rawValues.first! < -1e-6, "20-shot noise should make the raw matrix indefinite")
    }

    @Test func rejectsBadShapesAndParameters() throws {
        let map = try FeatureMap.zz(features: 3)
        #expect(throws: KernelError.self) { try FidelityKernel(featureMap: map).gram(Matrix(rows: 2, columns: 2)) }
        #expect(throws: KernelError.self) { try FidelityKernel(featureMap: map, shots: 0) }
        #expect(throws: KernelError.self) { try FeatureMap(.pauli(["ZQ"]), qubits: 2) }
        #expect(throws: KernelError.self) { try FeatureMap(.iqp, qubits: 2, reps: 0) }
        #expect(throws: KernelError.self) { try Entanglement(parsing: "0-1,x") }
    }
}

@Suite struct FidelityKernelProtocolTests {
    /// The SVM asks for single columns; with shots, every access path must give the same entries.
    @Test func tilesColumnsAndWholeMatricesAgree() throws {
        let x = try ReferenceData.features("adhoc2_zz_linear_r2", "train.csv")
        let test = try ReferenceData.features("adhoc2_zz_linear_r2", "test.csv")
        for shots in [nil, 200] as [Int?] {
            let kernel = try FidelityKernel(featureMap: .zz(features: 2, reps: 2, entanglement: .linear), shots: shots, seed: 5, memoryBudget: 1 << 16)
            let whole = try kernel.gram(x)
            let f = try kernel.features(x)
            for j in [0, 7, 39] {
                let column = try kernel.block(f, rows: 0..<f.count, f, columns: j..<j + 1)
                // BLAS's GEMM and HERK round differently (1e-16); shot estimates are identical draws.
                #expect(maxAbsDifference(column.scalars, whole.column(j)) < 1e-14, "column \(j), shots \(String(describing: shots))")
            }
            let sym = try kernel.symmetricBlock(f, rows: 10..<25)
            #expect(isClose(sym[0, 3], whole[10, 13], absolute: 1e-14))
            let cross = try kernel.cross(test, x)
            let ft = try kernel.features(test)
            #expect(maxAbsDifference(try kernel.block(ft, rows: 0..<ft.count, f, columns: 0..<f.count).scalars, cross.scalars) < 1e-14)
        }
    }
}
