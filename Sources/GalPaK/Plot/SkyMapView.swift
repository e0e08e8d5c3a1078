/// What every sky-map panel of a fit (maps, images, channel maps) shares besides its values:
/// the field and its pixel scale, the fitted centre the offsets are measured from, the part of
/// the field shown (``MapWindow``), the beam drawn in a corner (``BeamEllipse``, nil for a PSF
/// image or none) and the north and east arrows (``Compass``, nil without a celestial WCS).
struct SkyMapView {
    var nx: Int, ny: Int
    /// Arcsec per pixel.
    var pixscale: Double
    /// Centre of the offsets, 0-based pixels.
    var centre: (x: Double, y: Double)
    var window: MapWindow
    var beam: BeamEllipse?
    var compass: Compass?

    /// The view of a fit's maps: offsets from the fitted centre, zoomed on the fitted galaxy
    /// (``MapWindow/around(x:y:radius:psfFWHM:nx:ny:)`` with the fitted radius and the PSF's FWHM).
    init(_ inputs: FigureInputs) {
        let p = inputs.estimate.value
        (nx, ny, pixscale, centre) = (inputs.nx, inputs.ny, inputs.pixscale, (p.x, p.y))
        window = MapWindow.around(x: p.x, y: p.y, radius: p.radius, psfFWHM: inputs.beam.map { $0.fwhm / inputs.pixscale },
                                  nx: inputs.nx, ny: inputs.ny)
        beam = inputs.beam
        compass = inputs.skyFrame.map(Compass.init)
    }

    init(nx: Int, ny: Int, pixscale: Double, centre: (x: Double, y: Double), window: MapWindow? = nil,
         beam: BeamEllipse? = nil, compass: Compass? = nil) {
        (self.nx, self.ny, self.pixscale, self.centre) = (nx, ny, pixscale, centre)
        self.window = window ?? .field(nx: nx, ny: ny)
        (self.beam, self.compass) = (beam, compass)
    }
}
