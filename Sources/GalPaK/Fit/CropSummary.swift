import Foundation

/// The crop a fit used (``FitRegion``) and how closely its χ² stood for the whole cube's over
/// the posterior, for the outputs (JSON `crop`, `run_parameters.txt`).
///
/// The error of the crop is `Δ(p) = χ²_crop(p) − χ²_whole(p)`, the χ² the chains saw minus the
/// whole cube's χ² with the same likelihood (white or correlated), evaluated at the estimate and
/// at ``draws`` draws spread over the chains' second halves. A constant Δ changes no posterior;
/// its spread over the draws is what can move one: a parameter whose posterior is shifted by
/// s σ changes Δ by about 2s across its 1σ range, so a spread of ``maxSpread`` means shifts of
/// ≲ 0.1 σ. ``fluxOutside`` is the fraction of the convolved model's flux at the estimate
/// beyond the box.
public struct CropSummary: Sendable {
    /// `--crop` as given.
    public var choice: CropChoice
    /// The box the model was evaluated on (the whole cube for `none`).
    public var box: CropBox
    /// Fraction of the cube's voxels in the box.
    public var fraction: Double
    /// χ² of the voxels outside the box for a zero model (last sampling stage).
    public var outsideChi2: Double
    /// Mean of Δ over the estimate and the draws (NaN for the whole cube).
    public var chi2Offset = Double.nan
    /// Standard deviation of Δ over the estimate and the draws (NaN for the whole cube).
    public var chi2Spread = Double.nan
    /// Fraction of the convolved model's flux at the estimate outside the box (NaN for the whole cube).
    public var fluxOutside = Double.nan

    /// Posterior draws Δ is evaluated at, besides the estimate.
    public static let draws = 8
    /// A larger spread of Δ is warned about.
    public static let maxSpread = 0.2

    /// The summary of `region`; for a box smaller than the cube, the flux outside from
    /// `convolved`, the whole cube's convolved model at the estimate, and Δ measured against
    /// `whole` (the whole cube's χ² with the same likelihood, built only then) at `estimate`
    /// and draws of `chains`. Without chains to draw from (`--optimize`: the estimate alone
    /// would measure no spread), Δ is not measured (NaN).
    public init(choice: CropChoice, region: FitRegion, whole: () -> ForwardModel, estimate: GalaxyParameters,
                chains: [Chain], convolved: [Double], nx: Int, ny: Int) {
        self.choice = choice
        box = region.box
        fraction = region.fraction
        outsideChi2 = region.outsideChi2
        guard region.fraction < 1 else { return }
        if chains.contains(where: { $0.count >= 2 }) {
            let cropped = region.forwardModel(), whole = whole()
            var points = [estimate]
            let perChain = (Self.draws + chains.count - 1) / Swift.max(chains.count, 1)
            for chain in chains where chain.count >= 2 {
                let half = chain.count / 2
                for d in 0..<perChain { points.append(chain.parameters(at: half + d * (chain.count - half) / perChain)) }
            }
            let deltas = points.map { cropped.chi2($0) - whole.chi2($0) }.filter(\.isFinite)
            chi2Offset = deltas.reduce(0, +) / Double(deltas.count)
            chi2Spread = (deltas.reduce(0) { $0 + ($1 - chi2Offset) * ($1 - chi2Offset) } / Double(deltas.count)).squareRoot()
        }
        var total = 0.0, inside = 0.0
        for k in 0..<(convolved.count / (nx * ny)) {
            for j in 0..<ny {
                for i in 0..<nx {
                    let m = convolved[(k * ny + j) * nx + i]
                    total += m
                    if box.contains(i, j, k) { inside += m }
                }
            }
        }
        fluxOutside = total > 0 ? (total - inside) / total : .nan
    }

    /// A warning when Δ varies enough over the posterior to move it, nil otherwise.
    public var warning: String? {
        guard chi2Spread > Self.maxSpread else { return nil }
        // Only the spread can move the posterior: the mean offset (large with the correlated-noise
        // χ², whose transform covers the box, not the cube) is a constant.
        return String(format: "the crop %@ makes χ² − χ²(whole cube) vary by ±%.2f over the posterior (more than ±%.1f; %.1e of "
            + "the model's flux lies outside it): the posterior may shift; give a wider box with --crop x0:x1,y0:y1,z0:z1 or --crop none",
            box.description, chi2Spread, Self.maxSpread, fluxOutside)
    }

    /// One line for the log and `run_parameters.txt`.
    public var line: String {
        var text = "\(choice.name): voxels \(box) (\(box.nx)×\(box.ny)×\(box.nz), "
            + String(format: "%.1f%% of the cube), χ² outside %.6g", 100 * fraction, outsideChi2)
        if chi2Spread.isFinite {
            text += String(format: "; χ² crop − whole %.3g ± %.2g over the posterior", chi2Offset, chi2Spread)
        }
        if fluxOutside.isFinite { text += String(format: ", model flux outside %.2e", fluxOutside) }
        return text
    }
}
