import QKSupport
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
