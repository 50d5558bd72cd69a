#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Hints for large buffers that are about to be filled for the first time (a data table being
/// read, a Gram matrix being computed).
///
/// Every 4 KiB page of fresh memory costs a page fault when first written, and on a virtual
/// machine a fault costs far more than filling the page: writing 4.8 MB of fresh memory took
/// 3.0 ms on the 2-core development VM, 1.7 ms with its pages mapped in one call
/// (`MADV_POPULATE_WRITE`), and 0.4 ms when its 2 MiB-aligned interior was also backed by
/// transparent huge pages (`MADV_HUGEPAGE`; one fault per 2 MiB). Reading a 10^4 x 60 parameter
/// table is a few milliseconds of work in all, so the faults were a third of it.
public enum FreshMemory {
    /// Buffers smaller than this are left alone: their few faults cost about what the calls do.
    public static let threshold = 1 << 18

    /// Asks the kernel to back the 2 MiB-aligned part of `bytes` bytes at `base` with huge pages
    /// and to map all of its pages now. Only for memory that has not been written yet and will be
    /// (the pages are mapped zero-filled, so the contents are unchanged either way). A hint: where
    /// the system lacks either call (not Linux, a kernel before 5.14, THP disabled) the pages fault
    /// in one at a time as before.
    public static func prepare(_ base: UnsafeMutableRawPointer?, bytes: Int) {
        #if os(Linux)
        guard bytes >= threshold, let base else { return }
        let start = Int(bitPattern: base), end = start + bytes
        let huge = 2 << 20
        let hugeStart = (start + huge - 1) / huge * huge, hugeEnd = end / huge * huge
        if hugeEnd > hugeStart { _ = madvise(UnsafeMutableRawPointer(bitPattern: hugeStart), hugeEnd - hugeStart, MADV_HUGEPAGE) }
        let page = pageSize
        let pageStart = (start + page - 1) / page * page, pageEnd = end / page * page
        if pageEnd > pageStart {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: pageStart), pageEnd - pageStart, MADV_POPULATE_WRITE)
        }
        #endif
    }

    private static let pageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))

    /// ``prepare(_:bytes:)`` on a typed buffer.
    public static func prepare<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        prepare(UnsafeMutableRawPointer(buffer.baseAddress), bytes: buffer.count * MemoryLayout<T>.stride)
    }
}
