extension Cube {
    /// The voxels of `box` as a cube of their own, voxel (i, j, k) of the result being
    /// (i + x0, j + y0, k + z0) of this one. The spectral axis is shifted with it (`CRPIX3 − z0`,
    /// so every channel keeps its wavelength, frequency or velocity); the WCS cards are not
    /// copied (the sub-cube is a working grid, never written).
    ///
    /// Note that a wavelength or frequency axis's ``velocityStep`` is taken at the cube's middle
    /// channel, so the sub-cube's may differ from this cube's: a fit on a crop uses this cube's.
    /// - Precondition: `box` lies within the cube.
    public func cropped(to box: CropBox) -> Cube {
        precondition(box.fits(nx: nx, ny: ny, nz: nz), "crop box \(box) outside a \(nx)×\(ny)×\(nz) cube")
        func cut(_ values: [Double]) -> [Double] {
            var out = [Double]()
            out.reserveCapacity(box.count)
            for k in box.z {
                for j in box.y {
                    let row = index(box.x.lowerBound, j, k)
                    out.append(contentsOf: values[row..<(row + box.nx)])
                }
            }
            return out
        }
        var axis = spectral
        axis.crpix -= Double(box.z.lowerBound)
        return Cube(nx: box.nx, ny: box.ny, nz: box.nz, data: cut(data), variance: variance.map(cut),
                    varianceSource: varianceSource, spectral: axis, pixscale: pixscale, path: path)
    }
}
