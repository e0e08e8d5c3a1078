import CCFITSIO
import Foundation

/// The voxels of a cube a fit may use (`--mask`, `--channels`); every other voxel becomes
/// missing (NaN data, as a NaN of the file), so that χ², the first guess, the noise
/// measurement, the flux estimate and the data's moment maps all leave out the same voxels.
///
/// - Mask: a FITS image, the first HDU holding one (primary or extension); nonzero = use, zero
///   and NaN (or BLANK) = leave out. Its shape is the cube's spatial shape `nx × ny` (every
///   channel of a pixel alike) or the cube's full shape `nx × ny × nz`; axes of length 1 beyond
///   the second are ignored wherever they stand (`nx × ny × nz × 1`, `nx × ny × 1 × nz`),
///   like the cube's own (see ``CubeImage/cubeLayout(_:)``).
/// - Channels: an inclusive 0-based range of channels; the others are left out.
///
/// Both together keep the voxels both keep. The variance the reader estimates for a cube
/// without one (``VarianceEstimate``, the reference's rule on a strip at the cube's edge) is
/// measured before the selection, on the whole cube.
public struct VoxelSelection: Sendable, Equatable {
    /// The mask file (`--mask`), or nil for none.
    public var maskPath: String?
    /// The channels used (`--channels`, 0-based, inclusive), or nil for all.
    public var channels: ClosedRange<Int>?

    public init(maskPath: String? = nil, channels: ClosedRange<Int>? = nil) {
        self.maskPath = maskPath
        self.channels = channels
    }

    /// True when every voxel is used (neither a mask nor a channel range).
    public var selectsAll: Bool { maskPath == nil && channels == nil }

    /// The options that make this selection, as given: `--mask m.fits and --channels 3:30`
    /// ("all voxels" when there is none).
    public var description: String {
        let parts = [maskPath.map { "--mask \($0)" }, channels.map { "--channels \(Self.text($0))" }].compactMap { $0 }
        return parts.isEmpty ? "all voxels" : parts.joined(separator: " and ")
    }

    /// Cards recording the selection on the output FITS files (none when every voxel is used):
    /// `FITMASK`, the mask file's name (without its directory, at most 60 characters, `?` for any but printable ASCII), and
    /// `FITCHAN1`/`FITCHAN2`, the first and last channel fitted, 1-based as FITS counts.
    public var headerCards: [HeaderCard] {
        var cards: [HeaderCard] = []
        if let maskPath {
            let name = String(URL(fileURLWithPath: maskPath).lastPathComponent.unicodeScalars.prefix(60)
                .map { (0x20..<0x7F).contains($0.value) ? Character($0) : "?" })
            cards.append(HeaderCard(name: "FITMASK", string: name, comment: "voxels fitted: nonzero in this mask"))
        }
        if let channels {
            cards.append(HeaderCard(name: "FITCHAN1", value: "\(channels.lowerBound + 1)", comment: "first channel fitted (1-based)"))
            cards.append(HeaderCard(name: "FITCHAN2", value: "\(channels.upperBound + 1)", comment: "last channel fitted (1-based)"))
        }
        return cards
    }

    /// The range `A:B` (0-based, inclusive, `0 <= A <= B`; blanks around the numbers allowed),
    /// or nil when `text` is not one.
    public static func channels(parsing text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let first = parts[0], let last = parts[1], first >= 0, first <= last else { return nil }
        return first...last
    }

    /// `A:B`, the range as `--channels` takes it.
    public static func text(_ channels: ClosedRange<Int>) -> String { "\(channels.lowerBound):\(channels.upperBound)" }

    /// Leaves out of `cube` (data set to NaN) every voxel this selection does not keep; on an
    /// error `cube` is unchanged.
    /// - Returns: the number of voxels left out that had data (finite before).
    /// - Throws: as ``applying(to:nx:ny:nz:cubePath:)``.
    @discardableResult
    public func apply(to cube: inout Cube) throws -> Int {
        let (data, removed) = try applying(to: cube.data, nx: cube.nx, ny: cube.ny, nz: cube.nz, cubePath: cube.path)
        cube.data = data
        return removed
    }

    /// `data`, the voxels of the cube at `cubePath` (`nx × ny × nz`, x fastest), with every
    /// voxel this selection does not keep set to NaN, and the number of those that had data.
    /// - Throws: ``GalpakError`` `.badInput` naming the mask file when it cannot be read, holds
    ///   no image or its shape is neither the cube's spatial nor its full shape; naming the cube
    ///   when the channel range is not inside the cube or has fewer than
    ///   ``CubeReader/minimumShape`` channels; naming the mask (else the cube) when no voxel
    ///   with data is left.
    public func applying(to data: [Double], nx: Int, ny: Int, nz: Int, cubePath: String) throws -> (data: [Double], removed: Int) {
        var keep = [Bool](repeating: true, count: data.count)
        if let channels {
            let minimum = CubeReader.minimumShape.nz
            guard channels.lowerBound >= 0, channels.upperBound < nz else {
                throw GalpakError.badInput(cubePath, "--channels \(Self.text(channels)) is outside the cube's channels 0:\(nz - 1) (0-based, inclusive)")
            }
            guard channels.count >= minimum else {
                throw GalpakError.badInput(cubePath, "--channels \(Self.text(channels)) keeps \(channels.count) channel\(channels.count == 1 ? "" : "s"); a line needs at least \(minimum)")
            }
            let plane = nx * ny
            for k in 0..<nz where !channels.contains(k) {
                for n in k * plane..<(k + 1) * plane { keep[n] = false }
            }
        }
        if let maskPath {
            let mask = try Self.readMask(maskPath, shape: (nx, ny, nz), cubePath: cubePath)
            for n in keep.indices where !mask[n % mask.count] { keep[n] = false }
        }
        var data = data
        var removed = 0
        for n in keep.indices where !keep[n] {
            if data[n].isFinite { removed += 1 }
            data[n] = .nan
        }
        guard data.contains(where: \.isFinite) else {
            throw GalpakError.badInput(maskPath ?? cubePath, "\(description) leave\(maskPath != nil && channels != nil ? "" : "s") no voxel with data in the cube \(cubePath)")
        }
        return (data, removed)
    }

    /// The mask at `path` as one Bool per voxel (a full mask) or per pixel (a spatial one, `nx·ny`).
    private static func readMask(_ path: String, shape: (nx: Int, ny: Int, nz: Int), cubePath: String) throws -> [Bool] {
        let file = try FITSFile(reading: path)
        var found: (hdu: Int, axes: [Int])?
        for hdu in 1...max(1, try file.hduCount()) {
            guard try file.moveTo(hdu: hdu) == IMAGE_HDU else { continue }
            let axes = try file.imageShape()
            if !axes.isEmpty, !axes.contains(0) {
                found = (hdu, axes)
                break
            }
        }
        guard let (hdu, axes) = found else {
            throw GalpakError.badInput(path, "holds no image; a mask is a 2-D or 3-D FITS image, nonzero where the fit uses the cube")
        }
        let kept = axes.count <= 2 ? axes : Array(axes.prefix(2)) + axes.dropFirst(2).filter { $0 > 1 }
        let (nx, ny, nz) = shape
        let spatial = [nx, ny], full = [nx, ny, nz]
        guard kept == spatial || kept == full else {
            throw GalpakError.badInput(path, "the mask (HDU \(hdu)) is \(axes.map(String.init).joined(separator: "×")) "
                + "but the cube \(cubePath) is \(nx)×\(ny)×\(nz) (x×y×channels); a mask must be "
                + "\(nx)×\(ny) (every channel) or \(nx)×\(ny)×\(nz)")
        }
        return try file.readImage().map { $0 != 0 && !$0.isNaN }
    }
}
