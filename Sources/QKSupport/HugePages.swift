#if canImport(Glibc)
import Glibc
#endif

/// Transparent huge pages for large buffers that are about to be filled.
///
/// The first write to each 4 KiB page of a fresh allocation costs a page fault; a 100 MB kernel
/// matrix is 25,000 of them (about 30,000 faults, 10% of `qksim train`'s CPU time on a 5000-point
/// RBF problem). Linux backs a region marked `MADV_HUGEPAGE` with 2 MiB pages where it can (the
/// system's default, `madvise` mode, does so only for marked regions): 50 faults instead.
public enum HugePages {
    /// Marks the 2 MiB-aligned interior of `[pointer, pointer + byteCount)` for huge pages. Call it
    /// before the first write; a no-op for small buffers and on systems without the advice.
    public static func advise(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        let page = 2 << 20
        guard byteCount >= 2 * page else { return }
        let start = (Int(bitPattern: pointer) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: pointer) + byteCount) & ~(page - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }
}
