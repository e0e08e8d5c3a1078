/// Which points of a line of sight a ``DiskModel`` skips as negligible, below
/// ``DiskModel/negligibleRatio`` (1e-8) of what.
public enum NegligibleLight: Sendable, Equatable {
    /// Points below 1e-8 of their own line's brightest point: every spaxel's maps are the
    /// reference's to ~1e-8, however faint the spaxel (the renders written out and compared).
    case belowTheLine
    /// Also points below 1e-8 of the disk's brightest point: the lines of faint spaxels are
    /// shorter, and a spaxel whose whole line is that faint gets no flux, so the maps of faint
    /// spaxels differ; the cube differs by at most 2e-7 of its peak in a voxel (the skipped
    /// points add up along a line and spread over its channels; 3e-8 in relative L2 on most of
    /// the 24 parity models, 1.2e-7 on de Vaucouleurs' cusp), below the Float convolution's own
    /// ~1e-7. For a fit's evaluations.
    case belowTheDisk
}
