import CConvolutionKernels

/// The instruction set the inner loops in C (`CConvolutionKernels`: the separable convolution
/// passes and the Gaussian χ² sum) run on. Both paths are compiled into every binary; ``best``
/// is chosen once, at run time, from what the CPU reports (`__builtin_cpu_supports`), so one
/// binary uses AVX2 + FMA where it exists and runs on any x86-64 (or other) CPU.
///
/// The two paths sum in a different order and AVX2 + FMA rounds a·b + c once instead of twice:
/// their results differ by rounding only (≤ ~1e-7 relative for the Float passes, ~1e-15 for the
/// Double χ²; checked by the tests).
public enum CPUPath: String, Sendable, CaseIterable {
    /// x86-64's SSE2 (or the target's default instructions elsewhere), eight-float vectors as two
    /// registers.
    case baseline
    /// 256-bit AVX2 vectors with fused multiply-adds (x86-64 CPUs since 2013–2015).
    case avx2FMA = "avx2+fma"

    /// The fastest path this CPU runs.
    public static let best: CPUPath = ck_best_path() == CK_PATH_AVX2_FMA ? .avx2FMA : .baseline

    /// The paths this CPU runs: the baseline, and AVX2 + FMA when it has them.
    public static var available: [CPUPath] { best == .baseline ? [.baseline] : allCases }

    /// The C enumeration value.
    var c: ck_path { self == .baseline ? CK_PATH_BASELINE : CK_PATH_AVX2_FMA }
}
