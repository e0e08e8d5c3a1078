import Testing
@testable import GalPaK

@Suite struct FFTConvolverTests {
    /// Parity kernel: MUSE LSF and a Gaussian PSF on the base spectral axis, 0.2"/px.
    private func kernel(nx: Int, ny: Int, nz: Int, psf: PointSpreadFunction = .gaussian(fwhm: 0.8)) throws -> Kernel3D {
        let instrument = Instrument.muse.withSeeing(0.8)
        return try Kernel3D(instrument: Instrument(name: "test", psf: psf, lsf: instrument.lsf, defaults: instrument.defaults),
                        nx: nx, ny: ny, nz: nz, spectral: parityAxis, pixscale: 0.2)
    }

    /// `out[p] = Σ_q cube[q]·K[p − q + c]` by direct summation.
    private func direct(_ cube: [Double], _ k: Kernel3D) -> [Double] {
        let (nx, ny, nz) = (k.nx, k.ny, k.nz)
        let c = k.centre
        var out = [Double](repeating: 0, count: cube.count)
        for qz in 0..<nz { for qy in 0..<ny { for qx in 0..<nx {
            let v = cube[(qz * ny + qy) * nx + qx]
            if v == 0 { continue }
            for pz in 0..<nz { for py in 0..<ny { for px in 0..<nx {
                let (kz, ky, kx) = (pz - qz + c.k, py - qy + c.j, px - qx + c.i)
                guard (0..<nz).contains(kz), (0..<ny).contains(ky), (0..<nx).contains(kx) else { continue }
                out[(pz * ny + py) * nx + px] += v * k.values[(kz * ny + ky) * nx + kx]
            } } }
        } } }
        return out
    }

    private func delta(at p: (Int, Int, Int), nx: Int, ny: Int, nz: Int) -> [Double] {
        var cube = [Double](repeating: 0, count: nx * ny * nz)
        cube[(p.2 * ny + p.1) * nx + p.0] = 1
        return cube
    }

    @Test(arguments: [
        ("01_default", PointSpreadFunction.gaussian(fwhm: 0.8)),
        ("18_psf_elliptical", .gaussian(fwhm: 0.8, ba: 0.7, pa: 30)),
    ], [0, 1e-12])
    func reproducesTheReferenceLinearConvolution(case: (name: String, psf: PointSpreadFunction), cutoff: Double) throws {
        let (name, psf) = `case`
        let clean = try FixtureCube("\(name)_clean.fits")
        let expected = try FixtureCube("\(name)_convolved_linear.fits")
        let k = try kernel(nx: clean.nx, ny: clean.ny, nz: clean.nz, psf: psf)
        let convolver = FFTConvolver(kernel: k, relativeCutoff: cutoff, planning: .estimate)
        let error = relativeL2(convolver.convolved(clean.values), expected.values)
        #expect(error < 1e-6)
    }

    @Test(arguments: [(9, 8, 7), (8, 6, 5), (6, 7, 8)])
    func equalsDirectSummation(nx: Int, ny: Int, nz: Int) throws {
        // Broad kernel on a small grid, so that it reaches every edge.
        let k = try kernel(nx: nx, ny: ny, nz: nz, psf: .gaussian(fwhm: 1.0, ba: 0.6, pa: 20))
        var generator = SplitMix(seed: UInt64(nx * 100 + ny * 10 + nz))
        let cube = (0..<nx * ny * nz).map { _ in generator.unit() }
        let fft = FFTConvolver(kernel: k, relativeCutoff: 0, planning: .estimate).convolved(cube)
        let reference = direct(cube, k)
        let peak = reference.map(abs).max()!
        #expect(zip(fft, reference).allSatisfy { abs($0 - $1) < 1e-14 * peak })
    }

    @Test(arguments: [(28, 26, 32), (27, 25, 33)], [0, 1e-12])
    func interiorDeltaIsTheKernelCentredOnIt(size: (Int, Int, Int), cutoff: Double) throws {
        let (nx, ny, nz) = size
        let k = try kernel(nx: nx, ny: ny, nz: nz)
        let convolver = FFTConvolver(kernel: k, relativeCutoff: cutoff, planning: .estimate)
        let p = (13, 12, 15)
        let out = convolver.convolved(delta(at: p, nx: nx, ny: ny, nz: nz))
        let peak = out.indices.max { out[$0] < out[$1] }!
        #expect(peak == (p.2 * ny + p.1) * nx + p.0)
        // Exact up to round-off, and the documented truncation bound (max|D| = 1 here).
        let bound = convolver.support.truncatedMass + 1e-15
        #expect(zip(out, direct(delta(at: p, nx: nx, ny: ny, nz: nz), k)).allSatisfy { abs($0 - $1) < bound })
        // A delta on the kernel's own centre keeps the whole kernel, hence all its flux.
        let centred = convolver.convolved(delta(at: (nx / 2, ny / 2, nz / 2), nx: nx, ny: ny, nz: nz))
        #expect(abs(centred.reduce(0, +) - 1) < 1e-12)
        #expect(abs(out.reduce(0, +) - 1) < 1e-6)
    }

    @Test(arguments: [(28, 26, 32), (27, 25, 33)])
    func edgeDeltaDoesNotWrapAround(nx: Int, ny: Int, nz: Int) throws {
        // A wide PSF (FWHM 10 px) that a circular convolution would carry across the cube.
        let k = try kernel(nx: nx, ny: ny, nz: nz, psf: .gaussian(fwhm: 2.0))
        let convolver = FFTConvolver(kernel: k, planning: .estimate)
        for p in [(nx - 1, ny / 2, nz / 2), (0, 0, 0), (nx - 1, ny - 1, nz - 1)] {
            let input = delta(at: p, nx: nx, ny: ny, nz: nz)
            let out = convolver.convolved(input)
            // Opposite x edge: exactly zero for a linear convolution (up to FFT round-off).
            let farColumn = p.0 == 0 ? nx - 1 : 0
            var far = 0.0
            for z in 0..<nz { for y in 0..<ny { far = max(far, abs(out[(z * ny + y) * nx + farColumn])) } }
            #expect(far < 1e-15)
            #expect(zip(out, direct(input, k)).allSatisfy { abs($0 - $1) < 1e-15 })
            // Flux pushed beyond the edge is lost, not kept: at most the half-plus-centre-column
            // (~0.55) of the kernel stays in the cube.
            #expect(out.reduce(0, +) < 0.56)
        }
    }

    @Test func reuseGivesIdenticalResultsAndWorksInPlace() throws {
        let clean = try FixtureCube("01_default_clean.fits")
        let convolver = FFTConvolver(kernel: try kernel(nx: clean.nx, ny: clean.ny, nz: clean.nz))
        let first = convolver.convolved(clean.values)
        _ = convolver.convolved(clean.values.map { $0 * 3 + 1 })
        var again = clean.values
        again.withUnsafeMutableBufferPointer { convolver.convolve(UnsafeBufferPointer($0), into: $0) }
        #expect(again == first)
        var output = [Double](repeating: .nan, count: clean.values.count)
        clean.values.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { convolver.convolve(input, into: $0) }
        }
        #expect(output == first)
    }

    @Test func convolversMadeAndUsedOnParallelThreadsAgree() async throws {
        // One convolver per task, as parallel chains will do; planning goes through the lock.
        let clean = try FixtureCube("01_default_clean.fits")
        let k = try kernel(nx: clean.nx, ny: clean.ny, nz: clean.nz)
        let input = clean.values
        let results = await withTaskGroup(of: [Double].self) { group in
            for _ in 0..<4 {
                group.addTask { FFTConvolver(kernel: k).convolved(input) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 4)
        let peak = results[0].max()!
        #expect(results.allSatisfy { zip($0, results[0]).allSatisfy { abs($0 - $1) <= 1e-14 * peak } })
        #expect(relativeL2(results[0], try FixtureCube("01_default_convolved_linear.fits").values) < 1e-6)
    }

    @Test func paddingCoversTheKernelSupport() throws {
        // 28×26×32 (parity base) and 36×30×30 (the benchmark cube, PSF 0.7").
        let base = FFTConvolver(kernel: try kernel(nx: 28, ny: 26, nz: 32), planning: .estimate)
        #expect(base.paddedSize == (40, 40, 40))
        #expect(base.support.truncatedMass < 1e-11)
        let bench = FFTConvolver(kernel: try kernel(nx: 30, ny: 30, nz: 36, psf: .gaussian(fwhm: 0.7)), planning: .estimate)
        #expect(bench.paddedSize == (42, 42, 42))
        let full = FFTConvolver(kernel: try kernel(nx: 28, ny: 26, nz: 32), relativeCutoff: 0, planning: .estimate)
        #expect(full.paddedSize == (42, 40, 48))
        #expect(full.support.truncatedMass == 0)
    }
}

/// A small deterministic generator for test inputs.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func unit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
