#if os(Linux)
import Glibc
#endif

/// Runs `body` with the processor's vector unit treating subnormal numbers (|x| < 1.2e-38 in
/// Float, 2.2e-308 in Double) as zero, on inputs and on results, then restores the previous
/// mode. x86 processors handle subnormal numbers in microcode, up to a hundred times more
/// slowly than normal ones; a convolution in Float meets them in the far tails of the kernel
/// times the faint edges of a disk, where they are far below the precision of the result
/// (Float keeps 6e-8 of the peak). The mode belongs to the calling thread only.
///
/// On x86-64 Linux this sets the MXCSR bits FTZ (flush to zero) and DAZ (denormals are zero);
/// elsewhere `body` runs unchanged (ARM cores handle subnormal numbers at full speed).
@inline(__always)
func withSubnormalsFlushedToZero<Result>(_ body: () -> Result) -> Result {
    #if arch(x86_64) && os(Linux)
    var saved = fenv_t()
    fegetenv(&saved)
    var flushing = saved
    flushing.__mxcsr |= 0x8040   // FTZ (bit 15) | DAZ (bit 6)
    fesetenv(&flushing)
    defer { fesetenv(&saved) }
    #endif
    return body()
}
