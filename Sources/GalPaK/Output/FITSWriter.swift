import CCFITSIO
import Foundation

/// Writes cubes and maps in the reference's output layout: an empty primary HDU, then one
/// float64 image HDU named `DATA`, then optionally a `STAT` image HDU holding the variance
/// (or, with ``write(images:shape:cards:to:)``, any named images of one shape).
/// Files are written atomically (see ``AtomicFile``), and their size on disk is checked.
public enum FITSWriter {
    /// Keywords cfitsio writes itself from the image's shape and type; never copied from cards.
    static let structural: Set<String> = [
        "SIMPLE", "BITPIX", "NAXIS", "EXTEND", "XTENSION", "PCOUNT", "GCOUNT", "EXTNAME",
        "BSCALE", "BZERO", "BLANK", "END", "CHECKSUM", "DATASUM", "WCSAXES",
    ]

    /// Writes `values` (NAXIS1 fastest) as an image of `shape` (NAXIS1 first) to `path`.
    ///
    /// `cards` (e.g. a cube's ``Cube/wcsCards``) then `extraCards` are written on the DATA HDU;
    /// a later card replaces an earlier one of the same name. Cards that refer to axes beyond
    /// `shape.count` are dropped (see ``WCSCards/limited(_:toAxes:)``), as are structural
    /// keywords (BITPIX, NAXISn, EXTNAME, …). The STAT HDU, when `variance` is given, carries the
    /// same cards except BUNIT. An existing file at `path` is replaced only once the new one is
    /// complete.
    ///
    /// - Precondition: `values` (and `variance`) hold `shape`'s product of elements.
    public static func write(_ values: [Double], shape: [Int], cards: [HeaderCard] = [],
                             extraCards: [HeaderCard] = [], variance: [Double]? = nil,
                             to path: String) throws {
        let header = cards + extraCards
        var images = [Image(name: "DATA", values: values, cards: header)]
        if let variance {
            images.append(Image(name: "STAT", values: variance, cards: header.filter { $0.name.uppercased() != "BUNIT" }))
        }
        try write(images: images, shape: shape, to: path)
    }

    /// One image HDU of a file: its `EXTNAME`, values (NAXIS1 fastest) and header cards.
    public struct Image {
        public var name: String
        public var values: [Double]
        public var cards: [HeaderCard]

        public init(name: String, values: [Double], cards: [HeaderCard]) {
            self.name = name
            self.values = values
            self.cards = cards
        }
    }

    /// Writes `images`, each an image HDU of `shape` named by its `EXTNAME`, after an empty
    /// primary HDU, to `path`; each image's cards are filtered as ``write(_:shape:cards:extraCards:variance:to:)``
    /// filters them (a later card replaces an earlier one of the same name).
    /// - Precondition: every image holds `shape`'s product of elements.
    public static func write(images: [Image], shape: [Int], to path: String) throws {
        let count = shape.reduce(1, *)
        precondition(!shape.isEmpty && images.allSatisfy { $0.values.count == count }, "image values do not match the shape")
        try AtomicFile.write(to: path) { temp in
            let file = try FITSFile(creating: temp)
            try file.appendImage(shape: [])
            for image in images {
                let header = WCSCards.limited(image.cards, toAxes: shape.count)
                    .filter { !structural.contains($0.name.uppercased()) && !isAxisLength($0.name) }
                try appendHDU(to: file, name: image.name, shape: shape, values: image.values, cards: header)
            }
            let expected = (try file.byteRange().dataEnd + 2879) / 2880 * 2880
            try file.close()
            try checkSize(of: temp, expected: expected, naming: path)
        }
    }

    /// Checks that the file on disk has the `expected` bytes (every HDU, padded to 2880-byte
    /// blocks): the last line of defence against a write the library did not report.
    private static func checkSize(of temp: String, expected: Int64, naming path: String) throws {
        var info = stat()
        guard stat(temp, &info) == 0 else { throw AtomicFile.cannotWrite(path, errno) }
        guard Int64(info.st_size) == expected else {
            throw GalpakError.badInput(path, "cannot be written: \(info.st_size) of its \(expected) bytes reached the disk (is it full?)")
        }
    }

    /// Writes `cube` (data, its WCS cards plus `extraCards`, and its variance when
    /// `includeVariance`) to `path`.
    public static func write(_ cube: Cube, extraCards: [HeaderCard] = [], includeVariance: Bool = false,
                             to path: String) throws {
        try write(cube.data, shape: [cube.nx, cube.ny, cube.nz], cards: cube.wcsCards,
                  extraCards: extraCards, variance: includeVariance ? cube.variance : nil, to: path)
    }

    private static func appendHDU(to file: FITSFile, name: String, shape: [Int], values: [Double],
                                  cards: [HeaderCard]) throws {
        try file.appendImage(shape: shape, bitpix: DOUBLE_IMG)
        try file.write("EXTNAME", string: name)
        for card in cards {
            let keyword = card.name.uppercased()
            if keyword == "COMMENT" || keyword == "HISTORY" || keyword.isEmpty {
                try file.writeCommentary(keyword, card.comment)
            } else if !card.value.isEmpty {
                try file.write(card: card)
            }
        }
        try file.writeImage(values)
    }

    /// NAXISn cards (written by cfitsio from the shape).
    private static func isAxisLength(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.hasPrefix("NAXIS") && Int(upper.dropFirst(5)) != nil
    }
}
