import Foundation
import GalPaK

/// Wall-clock timing for the benchmark: medians of repeated runs, robust to a noisy machine.
enum Stopwatch {
    /// Seconds since an arbitrary origin (monotonic).
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Median time of `body` in milliseconds over `runs` runs, after `warmup` untimed runs.
    static func medianMilliseconds(runs: Int, warmup: Int = 5, _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        var samples = [Double](repeating: 0, count: runs)
        for n in 0..<runs {
            let start = now()
            body()
            samples[n] = (now() - start) * 1e3
        }
        return SampleStatistics.median(samples)
    }
}
