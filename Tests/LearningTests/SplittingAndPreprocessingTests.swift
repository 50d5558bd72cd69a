import Foundation
import Learning
import LinearAlgebra
import QKSupport
import Testing

/// Stratified splits, and the preprocessing transforms against scikit-learn.
struct SplittingAndPreprocessingTests {
    static let labels: [Double] = Array(repeating: 0, count: 50) + Array(repeating: 1, count: 30) + Array(repeating: 7, count: 20)

    @Test("Train/test split: disjoint, complete, stratified, fixed by the seed")
    func trainTest() throws {
        let (train, test) = try StratifiedSplit.trainTest(labels: Self.labels, testFraction: 0.3, seed: 9)
        #expect(Set(train).isDisjoint(with: test) && Set(train + test) == Set(Self.labels.indices))
        for (c, n) in [(0.0, 15), (1.0, 9), (7.0, 6)] { #expect(test.filter { Self.labels[$0] == c }.count == n) }
        let again = try StratifiedSplit.trainTest(labels: Self.labels, testFraction: 0.3, seed: 9)
        #expect(again.train == train && again.test == test)
        #expect(try StratifiedSplit.trainTest(labels: Self.labels, testFraction: 0.3, seed: 10).test != test)
        // A class of two keeps one point on each side.
        let small = try StratifiedSplit.trainTest(labels: [0, 0, 0, 0, 0, 0, 1, 1], testFraction: 0.1, seed: 1)
        #expect(small.test.contains(6) != small.test.contains(7))
        #expect(throws: InputError.self) { try StratifiedSplit.trainTest(labels: Self.labels, testFraction: 1, seed: 1) }
    }

    @Test("k-fold: every point tested once, fold sizes within one, classes spread evenly")
    func kFold() throws {
        let folds = try StratifiedSplit.kFold(labels: Self.labels, folds: 5, seed: 4)
        #expect(folds.count == 5)
        #expect(folds.flatMap(\.test).sorted() == Array(Self.labels.indices))
        for fold in folds {
            #expect(fold.test.count == 20 && Set(fold.train).isDisjoint(with: fold.test) && fold.train.count == 80)
            for (c, n) in [(0.0, 10), (1.0, 6), (7.0, 4)] { #expect(fold.test.filter { Self.labels[$0] == c }.count == n) }
        }
        let uneven = try StratifiedSplit.kFold(labels: Array(Self.labels.prefix(53)), folds: 4, seed: 4)
        #expect(Set(uneven.map(\.test.count)).isSubset(of: [13, 14]))
        #expect(throws: InputError.self) { try StratifiedSplit.kFold(labels: [0, 1], folds: 3, seed: 0) }
    }

    @Test("Standardisation, min-max to [0, pi] and PCA equal scikit-learn's")
    func preprocessing() throws {
        let train = try fixtureCSV("generated/wine_train_raw").x
        let test = try fixtureCSV("generated/wine_test_raw").x
        let reference = try fixtureJSON("generated/preprocessing")
        func close(_ a: Matrix, _ b: Matrix, _ tolerance: Double) -> Bool {
            a.rows == b.rows && a.columns == b.columns
                && zip(a.scalars, b.scalars).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
        }
        let standard = try StandardScaler().fit(train)
        #expect(zip(standard.mean, try doubles(reference["standard_mean"])).allSatisfy { abs($0 - $1) <= 1e-13 * abs($1) })
        #expect(zip(standard.scale, try doubles(reference["standard_scale"])).allSatisfy { abs($0 - $1) <= 1e-13 * abs($1) })
        #expect(close(try standard.transform(test), try matrix(reference["standard_test"]), 1e-12))

        let minMax = try MinMaxScaler(range: 0...Double.pi).fit(train)
        #expect(close(try minMax.transform(test), try matrix(reference["minmax_test"]), 1e-13))
        let scaledTrain = try minMax.transform(train)
        #expect(abs((scaledTrain.column(3).min() ?? -1) - 0) < 1e-15 && abs((scaledTrain.column(3).max() ?? 0) - .pi) < 1e-14)

        let standardTrain = try standard.transform(train)
        let pca = try PCA(components: 3).fit(standardTrain)
        #expect(close(pca.components, try matrix(reference["pca_components"]), 1e-12))
        #expect(zip(pca.explainedVariance, try doubles(reference["pca_explained_variance"])).allSatisfy { abs($0 - $1) < 1e-12 * $1 })
        #expect(close(try pca.transform(try standard.transform(test)), try matrix(reference["pca_test"]), 1e-12))

        #expect(throws: InputError.self) { try standard.transform(Matrix([[1, 2]])) }
        #expect(throws: InputError.self) { try PCA(components: 14).fit(train) }
    }

    @Test("Constant features keep scale 1")
    func constantFeature() throws {
        let x = Matrix([[1, 5], [2, 5], [3, 5]])
        #expect(try StandardScaler().fit(x).scale[1] == 1)
        #expect(try MinMaxScaler(range: 0...Double.pi).fit(x).transform(x).column(1) == [0, 0, 0])
    }
}
