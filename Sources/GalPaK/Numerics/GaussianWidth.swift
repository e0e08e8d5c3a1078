/// FWHM / σ of a Gaussian as the reference writes it: 2.35482, not the exact
/// 2√(2 ln 2) = 2.3548200450…; the difference, 2e-8 relative, is kept for parity.
/// `σ = fwhm / fwhmPerSigma`, `fwhm = σ · fwhmPerSigma`.
let fwhmPerSigma = 2.35482
