import QKSupport

/// Seeded, stratified ways of dividing labelled points: a train/test split and k-fold
/// cross-validation that keep each class's share in every part.
///
/// Splits are index lists (ascending) into the data; with the same seed they are the same on every
/// machine (the shuffles draw from ``SeededGenerator``).
public enum StratifiedSplit {
    /// Splits points by class into training and test indices, `testFraction` of each class (rounded
    /// to nearest) going to the test set, but at least one point of every class with two or more
    /// points on each side.
    public static func trainTest(labels: [Double], testFraction: Double, seed: UInt64) throws
        -> (train: [Int], test: [Int])
    {
        guard testFraction > 0 && testFraction < 1 else {
            throw InputError("the test fraction must be between 0 and 1 (exclusive); got \(testFraction)")
        }
        var generator = SeededGenerator(seed: seed)
        var train: [Int] = []
        var test: [Int] = []
        for members in shuffledClasses(labels, &generator) {
            var testCount = Int((Double(members.count) * testFraction).rounded())
            if members.count >= 2 { testCount = min(max(testCount, 1), members.count - 1) }
            test += members.prefix(testCount)
            train += members.dropFirst(testCount)
        }
        return (train.sorted(), test.sorted())
    }

    /// `folds` (train, test) index pairs for stratified k-fold cross-validation: each class's points
    /// are shuffled and dealt to the folds in turn, continuing from fold to fold across classes, so
    /// fold sizes differ by at most one and every class is spread as evenly as it can be.
    public static func kFold(labels: [Double], folds: Int, seed: UInt64) throws -> [(train: [Int], test: [Int])] {
        guard folds >= 2 else { throw InputError("cross-validation needs at least 2 folds; got \(folds)") }
        guard folds <= labels.count else {
            throw InputError("cannot make \(folds) folds from \(labels.count) points; use at most \(labels.count)")
        }
        var generator = SeededGenerator(seed: seed)
        var fold = [Int](repeating: 0, count: labels.count)
        var next = 0
        for members in shuffledClasses(labels, &generator) {
            for i in members {
                fold[i] = next
                next = (next + 1) % folds
            }
        }
        return (0..<folds).map { f in
            (labels.indices.filter { fold[$0] != f }, labels.indices.filter { fold[$0] == f })
        }
    }

    /// The indices of each class (classes ascending), each list shuffled by Fisher-Yates.
    private static func shuffledClasses(_ labels: [Double], _ generator: inout SeededGenerator) -> [[Int]] {
        let classes = Array(Set(labels)).sorted()
        return classes.map { c in
            var members = labels.indices.filter { labels[$0] == c }
            if members.count > 1 {
                for i in stride(from: members.count - 1, to: 0, by: -1) {
                    members.swapAt(i, Int.random(in: 0...i, using: &generator))
                }
            }
            return members
        }
    }
}
