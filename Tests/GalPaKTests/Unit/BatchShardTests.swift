import Testing
@testable import GalPaK

/// Slices of a batch for clusters: by `--shard K/N` or by a Slurm array task.
@Suite struct BatchShardTests {
    @Test func slicesCoverEveryCubeOnceWithSizesDifferingByAtMostOne() throws {
        for total in [0, 1, 7, 10, 101] {
            for count in [1, 3, 4, 16] {
                let ranges = try (0..<count).map { try BatchShard(index: $0, count: count).range(total: total) }
                #expect(ranges.flatMap { Array($0) } == Array(0..<total), "total \(total), count \(count)")
                let sizes = ranges.map(\.count)
                #expect(sizes.max()! - sizes.min()! <= 1)
            }
        }
        #expect(try BatchShard(parsing: "1/4").range(total: 10) == 2..<5)
    }

    @Test func badShardsAreRefused() {
        for text in ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3"] {
            #expect(throws: GalpakError.self, "\(text)") { try BatchShard(parsing: text) }
        }
    }

    @Test func aSlurmArrayTaskChoosesItsSlice() throws {
        #expect(try BatchShard.fromSlurm(environment: [:]) == nil)
        let zeroBased = try BatchShard.fromSlurm(environment: ["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "100"])
        #expect(zeroBased == (try BatchShard(index: 7, count: 100)))
        let oneBased = try BatchShard.fromSlurm(environment: [
            "SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "10", "SLURM_ARRAY_TASK_MIN": "1"])
        #expect(oneBased == (try BatchShard(index: 0, count: 10)))
        let stepped = try BatchShard.fromSlurm(environment: [
            "SLURM_ARRAY_TASK_ID": "14", "SLURM_ARRAY_TASK_COUNT": "5", "SLURM_ARRAY_TASK_MIN": "10",
            "SLURM_ARRAY_TASK_STEP": "2"])
        #expect(stepped == (try BatchShard(index: 2, count: 5)))
    }

    @Test func irregularSlurmArraysAskForAnExplicitShard() {
        // --array=1,5,7: three tasks whose IDs are not a regular range.
        let env = ["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1"]
        #expect(throws: GalpakError.self) { try BatchShard.fromSlurm(environment: env) }
        #expect(throws: GalpakError.self) { try BatchShard.fromSlurm(environment: ["SLURM_ARRAY_TASK_ID": "2"]) }
    }
}
