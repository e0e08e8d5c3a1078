import CFFTW3
import Testing
@testable import GalPaK

/// ``CosineTransform`` (the DCT-II through a real-to-complex FFT) against FFTW's own REDFT10,
/// of each channel's plane and of the whole cube, for even, odd and unit lengths.
@Suite struct CosineTransformTests {
    /// FFTW's REDFT10 of `values` (x fastest), over x and y of each channel or over all axes.
    private func redft10(_ values: [Double], _ nx: Int, _ ny: Int, _ nz: Int, planar: Bool) -> [Double] {
        var input = values, output = [Double](repeating: 0, count: values.count)
        input.withUnsafeMutableBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                // FFTW's planner serves one thread at a time, and the tests run side by side.
                let plan: OpaquePointer = fftwPlanner.withLock {
                    if planar {
                        var sizes = [Int32(ny), Int32(nx)], kinds = [FFTW_REDFT10, FFTW_REDFT10]
                        return fftw_plan_many_r2r(2, &sizes, Int32(nz), i.baseAddress, nil, 1, Int32(nx * ny),
                                                  o.baseAddress, nil, 1, Int32(nx * ny), &kinds, FFTW_ESTIMATE)!
                    }
                    return fftw_plan_r2r_3d(Int32(nz), Int32(ny), Int32(nx), i.baseAddress, o.baseAddress,
                                            FFTW_REDFT10, FFTW_REDFT10, FFTW_REDFT10, FFTW_ESTIMATE)!
                }
                fftw_execute(plan)
                fftwPlanner.withLock { fftw_destroy_plan(plan) }
            }
        }
        return output
    }

    @Test(arguments: [(8, 6, 4), (7, 5, 3), (6, 9, 5), (1, 4, 3), (5, 1, 2), (4, 3, 1), (1, 1, 1), (120, 112, 3)])
    func matchesFFTWsCosineTransform(nx: Int, ny: Int, nz: Int) {
        var generator = SeededGenerator(seed: UInt64(nx * 100 + ny * 10 + nz))
        let values = (0..<(nx * ny * nz)).map { _ in generator.nextGaussian() }
        for planar in [true, false] {
            let transform = CosineTransform(nx: nx, ny: ny, nz: nz, planar: planar)
            for n in values.indices { transform.input[n] = values[n] }
            let output = Array(UnsafeBufferPointer(start: transform.execute(), count: values.count))
            let expected = redft10(values, nx, ny, nz, planar: planar)
            let scale = expected.map(abs).max()!
            let worst = zip(output, expected).map { abs($0 - $1) }.max()!
            #expect(worst <= 1e-13 * scale, "\(nx)×\(ny)×\(nz) planar \(planar): worst difference \(worst) of \(scale)")
        }
    }
}
