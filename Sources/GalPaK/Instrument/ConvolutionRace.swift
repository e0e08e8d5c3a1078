import Foundation

/// The winner of ``makeConvolution(kernel:planning:race:)``'s timing race for one kernel, kept
/// so that the further convolvers of that kernel (one forward model per chain or search worker)
/// are built without timing again: each race costs 8–12 convolutions and an FFTW plan (~0.07 s
/// per forward model on the CARMA CO cube's crop). Safe to share between threads.
public final class ConvolutionRace: @unchecked Sendable {
    /// What won.
    enum Winner {
        /// The separable passes (``SeparableConvolver``).
        case passes
        /// FFTW (``FFTConvolver``).
        case fft
    }

    private let lock = NSLock()
    private var decided: Winner?

    public init() {}

    /// The winner, raced by `race` the first time only.
    func winner(_ race: () -> Winner) -> Winner {
        lock.lock()
        defer { lock.unlock() }
        if let decided { return decided }
        let winner = race()
        decided = winner
        return winner
    }
}
