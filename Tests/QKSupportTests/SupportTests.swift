import Glibc
import QKSupport
import Synchronization
import Testing

@Suite struct SeededGeneratorTests {
    @Test func sameSeedSameStream() {
        var a = SeededGenerator(seed: 12), b = SeededGenerator(seed: 12), c = SeededGenerator(seed: 13)
        let xa = (0..<100).map { _ in a.next() }
        #expect(xa == (0..<100).map { _ in b.next() })
        #expect(xa != (0..<100).map { _ in c.next() })
    }

    @Test func uniformAndNormalMoments() {
        var g = SeededGenerator(seed: 1)
        let n = 200_000
        let u = (0..<n).map { _ in g.uniform() }
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(u.reduce(0, +) / Double(n) - 0.5) < 0.005)
        let z = (0..<n).map { _ in g.normal() }
        let mean = z.reduce(0, +) / Double(n)
        let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        #expect(abs(mean) < 0.01 && abs(variance - 1) < 0.02)
    }
}

@Suite struct ParallelismTests {
    @Test(arguments: [1, 2, 3]) func mapKeepsTheOrderOnAnyThreads(threads: Int) {
        let squares = Parallelism(threads: threads).map(37) { $0 * $0 }
        #expect(squares == (0..<37).map { $0 * $0 })
        #expect(Parallelism(threads: threads).map(0) { $0 }.isEmpty)
    }

    /// The threshold counts work, not items: 2^10 items of weight 2^6 (a 7-qubit block's) are
    /// 2^16 one-qubit items, so they are split like 2^16 items of weight 1; fewer are not.
    @Test func weightedItemsReachTheThreshold() {
        let policy = Parallelism(threads: 2, minimumItems: 1 << 16)
        func ranges(_ count: Int, weight: Int) -> Int {
            let calls = Mutex(0)
            policy.forEachChunk(count: count, itemWeight: weight) { _ in calls.withLock { $0 += 1 } }
            return calls.withLock { $0 }
        }
        #expect(ranges(1 << 10, weight: 1 << 6) == 2)
        #expect(ranges(1 << 16, weight: 1) == 2)
        #expect(ranges(1 << 10, weight: 1 << 5) == 1)
        #expect(ranges(1 << 10, weight: 1) == 1)
    }

    @Test func chunksCoverTheRangeOnceAndSumsAreDeterministic() {
        for threads in [1, 2, 5] {
            let policy = Parallelism(threads: threads, minimumItems: 1)
            let total = policy.sumChunks(count: 10_001, alignment: 2) { r in r.reduce(0, +) }
            #expect(total == 10_000 * 10_001 / 2)
            let seen = policy.sumChunks(count: 777, alignment: 64) { r -> Int in
                #expect(r.lowerBound % 64 == 0)
                return r.count
            }
            #expect(seen == 777)
        }
    }
}

@Suite struct ParallelWorkerTests {
    /// Every index is handed out exactly once, in ranges of the grain, whatever the thread count.
    @Test(arguments: [1, 2, 3, 8], [1, 7, 64]) func rangesCoverTheCountOnce(threads: Int, grain: Int) throws {
        let count = 1000
        let seen = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        seen.initialize(repeating: 0)
        defer { seen.deallocate() }
        nonisolated(unsafe) let marks = seen
        try Parallelism(threads: threads, minimumItems: 1).forEachWorker(count: count, grain: grain) { next in
            while let range = next() {
                #expect(range.count == grain || range.upperBound == count)
                for i in range { marks[i] += 1 }  // a data race here would need two workers given one index
            }
        }
        #expect(seen.allSatisfy { $0 == 1 })
    }

    /// A worker's error reaches the caller, and no range is handed out after it.
    @Test(arguments: [1, 2]) func errorsAreRethrownAndStopTheRest(threads: Int) {
        struct Failure: Error {}
        let taken = UnsafeMutableBufferPointer<Int>.allocate(capacity: 1000)
        taken.initialize(repeating: 0)
        defer { taken.deallocate() }
        nonisolated(unsafe) let marks = taken
        #expect(throws: Failure.self) {
            try Parallelism(threads: threads, minimumItems: 1).forEachWorker(count: 1000, grain: 1) { next in
                while let range = next() {
                    marks[range.lowerBound] = 1
                    if range.lowerBound == 7 { throw Failure() }
                    usleep(200)  // a range's work: without the stop, the other worker would reach the last range
                }
            }
        }
        #expect(taken.reduce(0, +) < 1000, "the failure must stop the hand-out before the last range")
    }
}

@Suite struct BinomialTests {
    @Test(arguments: [(10, 0.3), (1000, 0.02), (100_000, 0.5), (50, 0.97)])
    func momentsMatchTheBinomial(n: Int, p: Double) {
        var g = SeededGenerator(seed: 17)
        let draws = 20_000
        let xs = (0..<draws).map { _ in Double(g.binomial(trials: n, probability: p)) }
        #expect(xs.allSatisfy { $0 >= 0 && $0 <= Double(n) })
        let mean = xs.reduce(0, +) / Double(draws)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws - 1)
        let mu = Double(n) * p, sigma2 = Double(n) * p * (1 - p)
        // Mean within 5 standard errors; variance within 10 percent.
        #expect(abs(mean - mu) < 5 * (sigma2 / Double(draws)).squareRoot(), "mean \(mean) vs \(mu)")
        #expect(abs(variance / sigma2 - 1) < 0.1, "variance \(variance) vs \(sigma2)")
    }

    @Test func smallCaseMatchesTheExactDistribution() {
        // B(3, 0.4): P = 0.216, 0.432, 0.288, 0.064. Chi-square with 3 degrees of freedom.
        var g = SeededGenerator(seed: 3)
        var counts = [0, 0, 0, 0]
        let draws = 40_000
        for _ in 0..<draws { counts[g.binomial(trials: 3, probability: 0.4)] += 1 }
        let expected = [0.216, 0.432, 0.288, 0.064].map { $0 * Double(draws) }
        let chi2 = zip(counts, expected).reduce(0) { $0 + (Double($1.0) - $1.1) * (Double($1.0) - $1.1) / $1.1 }
        #expect(chi2 < 16.27, "chi-square \(chi2) (P = 0.001 at 3 dof: 16.27)")
        #expect(g.binomial(trials: 5, probability: 0) == 0 && g.binomial(trials: 5, probability: 1) == 5)
    }
}
