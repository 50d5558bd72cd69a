@testable import QKSupport
import Testing

/// `FreshMemory.prepare` is only a hint: whatever the size and alignment of the buffer, what is
/// written afterwards reads back, and what was there before is still there (a call that discarded
/// pages, `MADV_DONTNEED` or `MADV_FREE`, would zero them).
@Suite struct FreshMemoryTests {
    @Test("Fresh buffers of every size and offset: filled after the hint, read back", arguments: [
        0, 1, 4096, FreshMemory.threshold - 8, FreshMemory.threshold, 3 << 20, (5 << 20) + 24,
    ])
    func filledAfterwards(_ count: Int) {
        for offset in [0, 1, 3] {
            let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count / 8 + offset)
            defer { buffer.deallocate() }
            let part = UnsafeMutableBufferPointer(rebasing: buffer[offset...])
            FreshMemory.prepare(part)
            for i in part.indices { part[i] = UInt64(i) &* 0x9E37_79B9_7F4A_7C15 }
            #expect(part.indices.allSatisfy { part[$0] == UInt64($0) &* 0x9E37_79B9_7F4A_7C15 })
        }
    }

    @Test("A buffer already written keeps its contents")
    func writtenBefore() {
        let count = (6 << 20) / 8 + 5
        let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
        defer { buffer.deallocate() }
        for i in buffer.indices { buffer[i] = UInt64(i) | 1 }
        FreshMemory.prepare(buffer)
        FreshMemory.prepare(UnsafeMutableRawPointer(buffer.baseAddress! + 3), bytes: 8 * (count - 7))
        #expect(buffer.indices.allSatisfy { buffer[$0] == UInt64($0) | 1 })
    }
}
