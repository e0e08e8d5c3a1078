import CFFTW3
import Foundation

/// The cosine transform of a cube of `nz × ny × nx` values (x fastest), in FFTW's REDFT10
/// convention (the unnormalised DCT-II along each transformed axis a of length N_a):
///
///     Y(k) = Π_a 2 Σ_{n_a} x(n) cos(π k_a (2 n_a + 1) / (2 N_a)),
///
/// over x and y of each channel (`planar`) or over all three axes, computed through one
/// real-to-complex FFT of the same size (Makhoul 1980, IEEE Trans. ASSP 28, 27, in d
/// dimensions): the values are reordered along each axis, `v(m) = x(2m)` and
/// `v(N − 1 − m) = x(2m + 1)`, so that `cos(π k (2n + 1) / 2N) = Re W^k e^(−2πi k m / N)` with
/// `W = e^(−iπ/2N)`; then, with V the DFT of v and the first axis's sign kept,
///
///     Y(k) = 2 Re Σ_{s ∈ {±1}^(d−1)} Π_a W_a^(s_a k_a) V(s·k),
///
/// two terms per output in the plane, four in the cube, each read from the half spectrum
/// (V(−k) = V(k)*). FFTW's own REDFT10 runs a scalar r2hc codelet per line; its real-to-complex
/// FFTs use the vector units: on the CO cube's 120 × 112 × 35 box the FFT takes 0.87 ms against
/// REDFT10's 3.6 ms, and with the reordering and combining passes the whole `--optimize` fit of
/// that cube went from 6.1 to 5.3 s of CPU (4.3 → 3.8 s). Equal to FFTW's REDFT10 to ~1e-15 of
/// the largest output (tested).
/// Buffers and the plan are made in `init`; nothing is allocated per call; the outputs overwrite
/// the reordered input, which the FFT no longer needs; not thread-safe.
final class CosineTransform {
    let nx: Int, ny: Int, nz: Int
    /// Whether each channel's plane is transformed (else the whole cube).
    let planar: Bool
    /// The input, to be filled before ``execute()`` (`nz·ny·nx` values, x fastest).
    let input: UnsafeMutablePointer<Double>
    /// The input reordered along the transformed axes (the FFT's input), then the outputs.
    private let reordered: UnsafeMutablePointer<Double>
    /// The half spectrum, `nz·ny·(nx/2 + 1)` complex values as (re, im) pairs.
    private let spectrum: UnsafeMutablePointer<Double>
    private let plan: OpaquePointer
    /// `cos` and `sin` of `π j / (2 nx)` for j = 0 … nx/2: `W_x^j = cos − i·sin`.
    private let cosX: [Double], sinX: [Double]
    /// `cos` and `sin` of `π k / (2N)` along y and z.
    private let phaseY: [(cos: Double, sin: Double)], phaseZ: [(cos: Double, sin: Double)]
    /// Source row (y) and channel (z) of each reordered row and channel.
    private let sourceY: [Int], sourceZ: [Int]

    /// The plan is FFTW_ESTIMATE's: on the CO box FFTW_MEASURE's runs no faster (0.87 against
    /// 0.85 ms) and costs ~0.13 s to make.
    init(nx: Int, ny: Int, nz: Int, planar: Bool) {
        precondition(nx > 0 && ny > 0 && nz > 0, "an empty cosine transform")
        (self.nx, self.ny, self.nz, self.planar) = (nx, ny, nz, planar)
        let count = nx * ny * nz, half = nx / 2 + 1
        input = fftw_alloc_real(count)!
        reordered = fftw_alloc_real(count)!
        spectrum = fftw_alloc_real(2 * half * ny * nz)!
        func phases(_ n: Int) -> [(cos: Double, sin: Double)] {
            (0..<n).map { k in let t = Double.pi * Double(k) / Double(2 * n); return (Foundation.cos(t), Foundation.sin(t)) }
        }
        func sources(_ n: Int) -> [Int] {
            var s = [Int](repeating: 0, count: n)
            for m in 0..<((n + 1) / 2) { s[m] = 2 * m }
            for m in 0..<(n / 2) { s[n - 1 - m] = 2 * m + 1 }
            return s
        }
        let x = phases(nx).prefix(half)
        (cosX, sinX) = (x.map(\.cos), x.map(\.sin))
        (phaseY, phaseZ) = (phases(ny), phases(nz))
        (sourceY, sourceZ) = (sources(ny), planar ? Array(0..<nz) : sources(nz))
        plan = fftwPlanner.withLock { [reordered, spectrum] in
            let out = UnsafeMutableRawPointer(spectrum).assumingMemoryBound(to: fftw_complex.self)
            let made: OpaquePointer?
            if planar {
                var sizes = [Int32(ny), Int32(nx)]
                made = fftw_plan_many_dft_r2c(2, &sizes, Int32(nz), reordered, nil, 1, Int32(nx * ny),
                                              out, nil, 1, Int32(half * ny), FFTW_ESTIMATE)
            } else {
                made = fftw_plan_dft_r2c_3d(Int32(nz), Int32(ny), Int32(nx), reordered, out, FFTW_ESTIMATE)
            }
            guard let made else { fatalError("FFTW could not plan a \(nx)×\(ny)×\(nz) real-to-complex transform") }
            return made
        }
    }

    deinit {
        fftwPlanner.withLock { fftw_destroy_plan(plan) }
        fftw_free(input)
        fftw_free(reordered)
        fftw_free(spectrum)
    }

    /// Transforms ``input``; returns the outputs (`nz·ny·nx` values, x fastest), valid until
    /// the next call.
    func execute() -> UnsafePointer<Double> {
        reorder()
        fftw_execute(plan)
        if planar { combinePlanes(into: reordered) } else { combineCube(into: reordered) }
        return UnsafePointer(reordered)
    }

    /// ``input`` reordered along every transformed axis into ``reordered``.
    private func reorder() {
        let evens = (nx + 1) / 2, odds = nx / 2
        for z in 0..<nz {
            for y in 0..<ny {
                let from = input + (sourceZ[z] * ny + sourceY[y]) * nx, to = reordered + (z * ny + y) * nx
                for m in 0..<evens { to[m] = from[2 * m] }
                for m in 0..<odds { to[nx - 1 - m] = from[2 * m + 1] }
            }
        }
    }

    /// The planar outputs: in each channel's plane, for the half spectrum's rows ky and −ky and
    /// column j, `A = V(ky, j)`, `B = V(−ky, j)*`, `S, D = W_x^j A ± W_x^(−j) B`; then
    /// `Y(ky, j) = 2 Re(W_y^ky S)` and `Y(ky, nx − j) = −2 Im(W_y^ky D)`.
    private func combinePlanes(into output: UnsafeMutablePointer<Double>) {
        let half = nx / 2 + 1
        cosX.withUnsafeBufferPointer { cosX in
            sinX.withUnsafeBufferPointer { sinX in
                for z in 0..<nz {
                    for ky in 0..<ny {
                        let rowA = spectrum + 2 * ((z * ny + ky) * half)
                        let rowB = spectrum + 2 * ((z * ny + (ky == 0 ? 0 : ny - ky)) * half)
                        let (cy, sy) = phaseY[ky]
                        let out = output + (z * ny + ky) * nx
                        // The pair (j, nx − j) for 0 < j < nx/2; then j = 0 and, for even nx, j = nx/2 alone.
                        func pair(_ j: Int) -> (Double, Double) {
                            let (cx, sx) = (cosX[j], sinX[j])
                            let (ar, ai) = (rowA[2 * j], rowA[2 * j + 1])
                            let (br, bi) = (rowB[2 * j], -rowB[2 * j + 1])
                            // P = W^j A, Q = W^−j B with W^±j = cx ∓ i·sx.
                            let pr = cx * ar + sx * ai, pi = cx * ai - sx * ar
                            let qr = cx * br - sx * bi, qi = cx * bi + sx * br
                            return (2 * (cy * (pr + qr) + sy * (pi + qi)), -2 * (cy * (pi - qi) - sy * (pr - qr)))
                        }
                        // Four pairs at a time: the half spectrum's (re, im) split into lanes, the
                        // high outputs stored reversed.
                        typealias Lanes = SIMD4<Double>
                        let end = (nx + 1) / 2
                        let (cyv, syv) = (Lanes(repeating: cy), Lanes(repeating: sy))
                        var j = 1
                        while j + 4 <= end {
                            let a = UnsafeRawPointer(rowA + 2 * j).loadUnaligned(as: SIMD8<Double>.self)
                            let b = UnsafeRawPointer(rowB + 2 * j).loadUnaligned(as: SIMD8<Double>.self)
                            let (ar, ai, br, bi) = (a.evenHalf, a.oddHalf, b.evenHalf, -b.oddHalf)
                            let cx = UnsafeRawPointer(cosX.baseAddress! + j).loadUnaligned(as: Lanes.self)
                            let sx = UnsafeRawPointer(sinX.baseAddress! + j).loadUnaligned(as: Lanes.self)
                            let pr = cx * ar + sx * ai, pi = cx * ai - sx * ar
                            let qr = cx * br - sx * bi, qi = cx * bi + sx * br
                            let low = 2 * (cyv * (pr + qr) + syv * (pi + qi))
                            let high = -2 * (cyv * (pi - qi) - syv * (pr - qr))
                            UnsafeMutableRawPointer(out + j).storeBytes(of: low, as: Lanes.self)
                            UnsafeMutableRawPointer(out + nx - j - 3).storeBytes(of: Lanes(high[3], high[2], high[1], high[0]), as: Lanes.self)
                            j += 4
                        }
                        for j in j..<end {
                            let (low, high) = pair(j)
                            out[j] = low
                            out[nx - j] = high
                        }
                        out[0] = pair(0).0
                        if nx % 2 == 0 && nx > 0 { out[nx / 2] = pair(nx / 2).0 }
                    }
                }
            }
        }
    }

    /// The cube's outputs: as ``combinePlanes(into:)`` with, for each (kz, ky), the rows
    /// (kz, ky) and (−kz, −ky) giving S₊, D₊ and the rows (kz, −ky) and (−kz, ky) giving S₋, D₋;
    /// `T = W_y^ky (S₊ or D₊) + W_y^(−ky) (S₋ or D₋)`, `Y(k) = 2 Re(W_z^kz T_S)` and
    /// `Y(kz, ky, nx − j) = −2 Im(W_z^kz T_D)`.
    private func combineCube(into output: UnsafeMutablePointer<Double>) {
        let half = nx / 2 + 1
        // The half spectrum's row (kz mod nz, ky mod ny).
        func row(_ kz: Int, _ ky: Int) -> UnsafeMutablePointer<Double> {
            spectrum + 2 * (((kz % nz) * ny + ky % ny) * half)
        }
        cosX.withUnsafeBufferPointer { cosX in
            sinX.withUnsafeBufferPointer { sinX in
                for kz in 0..<nz {
                    for ky in 0..<ny {
                        let r1 = row(kz, ky), r2 = row(nz - kz, ny - ky), r3 = row(kz, ny - ky), r4 = row(nz - kz, ky)
                        let (cy, sy) = phaseY[ky], (cz, sz) = phaseZ[kz]
                        let out = output + (kz * ny + ky) * nx
                        for j in 0..<half {
                            let (cx, sx) = (cosX[j], sinX[j])
                            // Sign +: A = V(kz, ky, j), B = V(−kz, −ky, j)*; sign −: A = V(kz, −ky, j), B = V(−kz, ky, j)*.
                            let (a1r, a1i, b1r, b1i) = (r1[2 * j], r1[2 * j + 1], r2[2 * j], -r2[2 * j + 1])
                            let (a2r, a2i, b2r, b2i) = (r3[2 * j], r3[2 * j + 1], r4[2 * j], -r4[2 * j + 1])
                            let p1r = cx * a1r + sx * a1i, p1i = cx * a1i - sx * a1r
                            let q1r = cx * b1r - sx * b1i, q1i = cx * b1i + sx * b1r
                            let p2r = cx * a2r + sx * a2i, p2i = cx * a2i - sx * a2r
                            let q2r = cx * b2r - sx * b2i, q2i = cx * b2i + sx * b2r
                            // T = W_y^ky X₊ + W_y^−ky X₋ with W_y^±ky = cy ∓ i·sy, for X = S and D.
                            let (s1r, s1i, s2r, s2i) = (p1r + q1r, p1i + q1i, p2r + q2r, p2i + q2i)
                            let tsr = cy * (s1r + s2r) + sy * (s1i - s2i), tsi = cy * (s1i + s2i) - sy * (s1r - s2r)
                            out[j] = 2 * (cz * tsr + sz * tsi)
                            if j > 0 && 2 * j != nx {
                                let (d1r, d1i, d2r, d2i) = (p1r - q1r, p1i - q1i, p2r - q2r, p2i - q2i)
                                let tdr = cy * (d1r + d2r) + sy * (d1i - d2i), tdi = cy * (d1i + d2i) - sy * (d1r - d2r)
                                out[nx - j] = -2 * (cz * tdi - sz * tdr)
                            }
                        }
                    }
                }
            }
        }
    }
}
