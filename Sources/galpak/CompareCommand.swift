import ArgumentParser
import GalPaK

/// `galpak compare PREFIX PREFIX...`: ranks fits of one cube with different models by their
/// information criteria.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare fits of one cube with different models by BIC, AIC, DIC and, for nested sampling, the evidence.",
        discussion: """
            Reads PREFIX_galaxy_parameters.json of each fit (written by galpak fit) and tabulates \
            chi2 at the estimate, BIC = chi2 + k ln N (N every voxel of the cube), AIC = chi2 + 2k \
            and DIC = chi2 + 2 pD (not for --method chi_sorted), each with its difference from the \
            smallest. The model with the smallest BIC is preferred; its BIC difference to each \
            other model (about 2 ln B, B the Bayes factor) is graded on the scale of Kass & \
            Raftery (1995): below 2 not worth more than a bare mention, 2-6 positive, 6-10 \
            strong, above 10 very strong evidence. When every fit was made with --sampling nested, \
            the evidences give the Bayes factors themselves, ln B = ln Z_best - ln Z, graded on \
            the Jeffreys scale (Trotta 2008): below 1 inconclusive, 1-2.5 weak, 2.5-5 moderate, \
            above 5 strong. \
            Fits are compared only when their chi2 are sums over the same terms: the same cube, \
            variance (and --variance-scale), voxels (--mask, --channels), --chi-stat and noise \
            model. A noise correlation measured from each fit's residuals (--noise-correlation \
            auto on correlated noise) differs a little between fits and makes their chi2 \
            incomparable: fit both with --noise-correlation none, or with the same \
            --noise-correlation <voxels>. --crop does not matter: chi2 always covers the whole cube.
            """ + "\n\n" + Galpak.exitStatusHelp)

    @Argument(help: ArgumentHelp("The fits' output prefixes (as given to galpak fit -o), at least two.",
                                 valueName: "PREFIX"))
    var prefixes: [String]

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let comparison = try ModelComparison(prefixes: prefixes)
        Terminal.output(json ? ComparisonReport.json(comparison) : ComparisonReport.text(comparison), terminator: "")
    }
}
