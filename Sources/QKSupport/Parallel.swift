import Dispatch
import FoundationEssentials
import Synchronization

/// How work is split over cores: a thread count and the size below which splitting does not pay.
///
/// Threads are a policy passed down, as in qsim's `parfor`: kernels never decide for themselves.
public struct Parallelism: Sendable, Hashable {
    /// Number of threads to use, at least 1.
    public var threads: Int
    /// Work items (amplitude pairs, rows, ...) below which a loop runs on the calling thread. The
    /// default, 2^16, is where a second thread started to pay on a 2-core AMD EPYC with AVX2
    /// (`qksim-bench threads`: 0.7x at 2^15 pairs, 1.5x at 2^17).
    public var minimumItems: Int

    /// Creates a policy. `threads == nil` means one thread per available core.
    public init(threads: Int? = nil, minimumItems: Int = 1 << 16) {
        self.threads = max(1, threads ?? Parallelism.availableCores)
        self.minimumItems = minimumItems
    }

    /// Run everything on the calling thread.
    public static let serial = Parallelism(threads: 1)

    /// Number of cores this process may use.
    public static var availableCores: Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Calls `body` on disjoint sub-ranges that cover `0..<count`, concurrently when the work,
    /// `count * itemWeight`, is at least `minimumItems` and more than one thread is allowed. An
    /// item of weight w is w one-qubit-gate items of work (a dense k-qubit block's item touches
    /// 2^k amplitudes: weight 2^(k-1)). Range bounds are multiples of `alignment` (except the
    /// final upper bound), so SIMD kernels can process items in pairs.
    public func forEachChunk(count: Int, alignment: Int = 64, itemWeight: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = threads > 1 && count.multipliedReportingOverflow(by: itemWeight).partialValue >= minimumItems ? threads : 1
        if chunks == 1 {
            body(0..<count)
            return
        }
        let step = ((count + chunks - 1) / chunks + alignment - 1) / alignment * alignment
        let pieces = (count + step - 1) / step
        // The chunks are disjoint by construction; callers pass closures over raw buffers, which
        // the compiler cannot prove safe to share.
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: pieces) { i in
                work(i * step..<min(count, (i + 1) * step))
            }
        }
    }

    /// Like `forEachChunk`, but sums a per-chunk result, in chunk order so the result does not
    /// depend on scheduling.
    public func sumChunks<T: AdditiveArithmetic & Sendable>(count: Int, alignment: Int = 64, _ body: (Range<Int>) -> T) -> T {
        guard count > 0 else { return .zero }
        let chunks = threads > 1 && count >= minimumItems ? threads : 1
        if chunks == 1 { return body(0..<count) }
        let step = ((count + chunks - 1) / chunks + alignment - 1) / alignment * alignment
        let pieces = (count + step - 1) / step
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: pieces)
        buffer.initialize(repeating: .zero)
        defer { buffer.deallocate() }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            nonisolated(unsafe) let partial = buffer
            DispatchQueue.concurrentPerform(iterations: pieces) { i in
                partial[i] = work(i * step..<min(count, (i + 1) * step))
            }
        }
        return buffer.reduce(.zero, +)
    }
}

extension Parallelism {
    /// Like `forEachChunk`, for work that can fail: the first error (in chunk order) is rethrown
    /// after all chunks finish.
    public func forEachChunkThrowing(count: Int, alignment: Int = 1, _ body: (Range<Int>) throws -> Void) throws {
        guard count > 0 else { return }
        let chunks = threads > 1 && count >= minimumItems ? min(threads, count) : 1
        let step = ((count + chunks - 1) / chunks + alignment - 1) / alignment * alignment
        let pieces = (count + step - 1) / step
        try Self.concurrentThrowing(iterations: pieces) { i in try body(i * step..<min(count, (i + 1) * step)) }
    }

    /// `body(i)` for `i` in `0..<iterations` on concurrent threads; the first error (in iteration
    /// order) is rethrown after all return, and `failed` runs as soon as one throws.
    static func concurrentThrowing(iterations: Int, failed: @Sendable () -> Void = {}, _ body: (Int) throws -> Void) throws {
        var errors = [Error?](repeating: nil, count: iterations)
        errors.withUnsafeMutableBufferPointer { slots in
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let work = body
                nonisolated(unsafe) let out = slots
                DispatchQueue.concurrentPerform(iterations: iterations) { i in
                    do {
                        try work(i)
                    } catch {
                        out[i] = error
                        failed()
                    }
                }
            }
        }
        if let first = errors.compactMap({ $0 }).first { throw first }
    }
}

extension Parallelism {
    /// Shares `0..<count` out in ranges of `grain` items, handed out in order to whichever worker
    /// asks next: `body` runs once on each of up to `threads` workers (on the calling thread alone
    /// when `count < minimumItems`), with a function that returns the next range, or nil when none
    /// is left. A worker that owns costly state (a batch, a scratch buffer) sets it up once and takes
    /// ranges until none is left, and a core slowed by other work simply takes fewer: with halves
    /// fixed in advance, one such core held a two-thread sweep up by a third of its time. After a
    /// worker throws, no more ranges are handed out; the first error (in worker order) is rethrown
    /// once all workers have returned.
    public func forEachWorker(count: Int, grain: Int, _ body: (_ next: () -> Range<Int>?) throws -> Void) throws {
        guard count > 0 else { return }
        let grain = max(1, grain)
        let ranges = (count + grain - 1) / grain
        let workers = threads > 1 && count >= minimumItems ? min(threads, ranges) : 1
        let counter = RangeCounter()
        let next: @Sendable () -> Range<Int>? = {
            let r = counter.take()
            return r < ranges ? r * grain..<min(count, (r + 1) * grain) : nil
        }
        if workers == 1 {
            try body(next)
            return
        }
        // After a failure the others finish the range they hold, and take no more.
        try Self.concurrentThrowing(iterations: workers, failed: { counter.stop() }) { _ in try body(next) }
    }
}

extension Parallelism {
    /// `[body(0), ..., body(count - 1)]`, computed on up to `threads` workers that take the next
    /// index as they come free, whatever `minimumItems` says: for a few costly, independent pieces
    /// of work (a fusion plan per block size).
    public func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let out = slots
            // Each index is taken by one worker only, so the writes are to distinct slots.
            try? Parallelism(threads: threads, minimumItems: 1).forEachWorker(count: count, grain: 1) { next in
                while let r = next() { for i in r { out[i] = body(i) } }
            }
        }
        return results.map { $0! }
    }
}

/// The shared position of `forEachWorker`'s workers.
private final class RangeCounter: Sendable {
    private let position = Atomic<Int>(0)

    /// The next range's index.
    func take() -> Int { position.wrappingAdd(1, ordering: .relaxed).oldValue }

    /// Makes every later `take` return an index past any range.
    func stop() { position.store(Int.max / 2, ordering: .relaxed) }
}
