#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A hint for large buffers that are about to be filled for the first time (a data table being
/// read, a Gram matrix being computed): map their pages in one call.
///
/// Every 4 KiB page of fresh memory costs a page fault when first written, and on a virtual
/// machine a fault costs far more than filling the page: writing 4.8 MB of fresh memory took
/// 3.0 ms on the 2-core development VM, and 1.7 ms with its pages mapped in one call first
/// (`MADV_POPULATE_WRITE`). Transparent huge pages (`MADV_HUGEPAGE`) made it 0.4 ms in isolation,
/// but right after another program had churned memory (the peer harness runs Qiskit Aer between
/// QKSim's runs) they cost more than they saved, the kernel compacting memory to find them: the
/// median of fourteen 10^4-circuit sweeps with CSV parameters was 5 ms slower with them. The
/// states of big circuits, filled once and then swept over many times, still ask for them.
///
/// The call maps the pages on one thread. Where several threads fill a buffer while another one
/// maps memory (OpenBLAS being opened in the background), the mappings hold the call up, and the
/// faults spread over the filling threads cost less: a Gram matrix's states are not prepared.
public enum FreshMemory {
    /// Buffers smaller than this are left alone: their few faults cost about what the call does.
    public static let threshold = 1 << 18

    /// Maps the pages of `bytes` bytes at `base` now, zero-filled. Only for memory that has not
    /// been written yet and will be (mapped pages keep what they hold, so nothing changes either
    /// way). A hint: where the system lacks the call (not Linux, a kernel before 5.14) the pages
    /// fault in one at a time as before.
    public static func prepare(_ base: UnsafeMutableRawPointer?, bytes: Int) {
        #if os(Linux)
        guard bytes >= threshold, let base else { return }
        let start = Int(bitPattern: base), end = start + bytes
        let pageStart = (start + pageSize - 1) / pageSize * pageSize, pageEnd = end / pageSize * pageSize
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
