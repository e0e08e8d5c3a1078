import Testing
@testable import GalPaK

/// The colour scale data and model share in `PREFIX_images.*` and in the flux row of `PREFIX_maps.*`.
@Suite struct ImagePanelTests {
    @Test func theSharedScaleReachesTheModelsPeak() {
        // Noisy data of 1000 spaxels, −1…1 but for ten at 5; a model peaking at 8.
        let data = (0..<1000).map { $0 < 10 ? 5 : Double($0 % 201 - 100) / 100 }
        let model = (0..<1000).map { $0 == 500 ? 8 : 0.5 }
        let range = ImagePanel.sharedRange(data: data, model: model)
        #expect(range.upperBound == 8, "the model saturates")
        #expect(range.lowerBound == ImagePanel.percentileRange(data).lowerBound)
        // A model below the data's 99.5th percentile leaves the data's robust range.
        #expect(ImagePanel.sharedRange(data: data, model: model.map { $0 / 10 }) == ImagePanel.percentileRange(data))
    }
}
