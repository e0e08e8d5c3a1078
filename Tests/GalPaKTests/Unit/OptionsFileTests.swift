import Foundation
import Testing
@testable import GalPaK

/// The `option = value` layout of `--options` files and `PREFIX_options.txt`.
@Suite struct OptionsFileTests {
    @Test func readsNamesValuesCommentsAndLineNumbers() throws {
        let text = """
            # a comment
              SEEING = 0.8   # arcsec
            lsf_fwhm=2.5

            --fix = inclination=60,pa=125
            mask = "masks/a #1.fits"  # quoted: it holds a #
            no-plots = true
            """
        let entries = try OptionsFile.parse(text, source: "o.txt")
        #expect(entries.map(\.setting) == [
            OptionSetting(name: "seeing", value: "0.8"), OptionSetting(name: "lsf-fwhm", value: "2.5"),
            OptionSetting(name: "fix", value: "inclination=60,pa=125"),
            OptionSetting(name: "mask", value: "masks/a #1.fits"), OptionSetting(name: "no-plots", value: "true"),
        ])
        #expect(entries.map(\.line) == [2, 3, 5, 6, 7])
    }

    @Test func writtenValuesReadBackAsThemselves() throws {
        let values = ["0.8", "a b.fits", " leading", "trailing ", "", "has # hash", "quote \" in", "back\\slash",
                      "two\nlines", "tab\there", "x=1,y=-2", "é ünïcode"]
        let settings = values.enumerated().map { OptionSetting(name: "option-\($0.offset)", value: $0.element) }
        let text = OptionsFile.text(settings, comments: ["first", "second\nthird"])
        #expect(text.hasPrefix("# first\n# second\n# third\noption-0 = 0.8\noption-1 = a b.fits\n"))
        #expect(try OptionsFile.parse(text, source: "o.txt").map(\.setting) == settings)
    }

    @Test func badLinesAreRefusedNamingFileAndLine() {
        let cases: [(String, String)] = [
            ("seeing 0.8", "o.txt: line 2: 'seeing 0.8' is not 'option = value' (a flag is 'name = true')"),
            ("see ing = 1", "o.txt: line 2: 'see ing' is not an option name (the long name of a galpak fit option, without --)"),
            ("= 1", "o.txt: line 2: '' is not an option name (the long name of a galpak fit option, without --)"),
            ("seeing =   # nothing", "o.txt: line 2: no value after '=' (a flag is 'name = true')"),
            ("mask = \"open", "o.txt: line 2: the quoted value has no closing '\"'"),
            ("mask = \"a\" b", "o.txt: line 2: text after the closing quote: 'b'"),
            ("mask = \"a\\qb\"", "o.txt: line 2: '\\q' is not an escape in a quoted value (\\\", \\\\, \\n and \\t are)"),
            ("se\u{1B}ing = 1", "o.txt: line 2: 'se\\eing' is not an option name (the long name of a galpak fit option, without --)"),
        ]
        for (line, expected) in cases {
            let message = TestFITS.errorMessage { _ = try OptionsFile.parse("# header\n" + line, source: "o.txt") }
            #expect(message == expected)
        }
    }

    @Test func aFileThatCannotBeReadIsNamed() throws {
        let dir = try TestFITS.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(TestFITS.errorMessage { _ = try OptionsFile.read(path: dir + "/none.txt") } == "\(dir)/none.txt: no such file")
        let binary = dir + "/binary.txt"
        try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: URL(fileURLWithPath: binary))
        #expect(TestFITS.errorMessage { _ = try OptionsFile.read(path: binary) }?.hasPrefix("\(binary): is not UTF-8 text") == true)
    }

    @Test func flagWordsAndNames() {
        #expect(OptionSetting.flagValue(" Yes ") == true && OptionSetting.flagValue("off") == false)
        #expect(OptionSetting.flagValue("maybe") == nil)
        #expect(OptionSetting.canonicalName("--No_Plots") == "no-plots")
    }
}
