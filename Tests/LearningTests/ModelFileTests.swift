import Foundation
import Kernels
@testable import Learning
import LinearAlgebra
import QKSupport
import Testing

/// Saving a trained SVM as JSON and predicting from the file.
struct ModelFileTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("qksim-\(getpid())-\(name)").path
    }

    @Test("Round trip: preprocessing + RBF (gamma = scale) + probabilities, multiclass; identical predictions")
    func roundTrip() throws {
        let train = try fixtureCSV("generated/wine_train_raw")
        let test = try fixtureCSV("generated/wine_test_raw")
        let standard = try StandardScaler().fit(train.x)
        let minMax = try MinMaxScaler(range: 0...Double.pi).fit(try standard.transform(train.x))
        let steps: [PreprocessingStep] = [.standardize(standard), .minMax(minMax)]
        let x = try steps.transform(train.x)
        let spec = KernelSpec.classical(.rbf(gamma: .scale)).resolved(for: x)
        let svc = SVC(kernel: try spec.makeSVCKernel(fittedTo: x), C: 2, classWeights: [1: 1.5], probability: true, seed: 7)
        let model = try svc.fit(x, train.y)
        let file = try SVMModelFile(model: model, kernel: spec, svc: svc, preprocessing: steps, featureNames: ["a"])
        let path = Self.temporaryPath("model.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try file.write(to: path)

        let loaded = try SVMModelFile.read(path)
        let prediction = try loaded.predict(test.x)
        let xTest = try steps.transform(test.x)
        #expect(prediction.labels == (try model.predict(xTest)))
        #expect(prediction.decision == (try model.decisionFunction(xTest)))  // bit for bit
        #expect(prediction.probabilities == (try model.predictProbability(xTest)))
        #expect(loaded.kernel == spec && loaded.preprocessing == steps && loaded.hyperparameters.classWeights == [[1, 1.5]])
        #expect(try loaded.encoded() == (try file.encoded()))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"format\" : \"qksim-svm\"") && text.contains("\"kernel\":\"rbf\""))

        // The direct writer and JSONEncoder describe the same JSON value, field for field.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let direct = try #require(try JSONSerialization.jsonObject(with: file.encoded()) as? NSDictionary)
        let reference = try #require(try JSONSerialization.jsonObject(with: encoder.encode(file)) as? NSDictionary)
        #expect(direct == reference)
        #expect(direct.allKeys.count == 17, "every field, featureNames and both Platt arrays included")
    }

    @Test("A non-finite number cannot be written as JSON: an error, as from JSONEncoder")
    func nonFiniteIsAnError() throws {
        #expect(throws: EncodingError.self) { try SVMModelFile.json([1, .nan]) }
        #expect(throws: EncodingError.self) { try SVMModelFile.json([.infinity]) }
        #expect(String(decoding: try SVMModelFile.json([0.1, -2, 1e-5]), as: UTF8.self) == "[0.1,-2.0,1e-05]")
    }

    @Test("Round trip of a precomputed-kernel model")
    func precomputed() throws {
        let train = try fixtureCSV("adhoc2_zz_linear_r2/train")
        let svc = SVC(kernel: .precomputed, tolerance: 1e-8)
        let model = try svc.fit(try fixtureMatrix("adhoc2_zz_linear_r2/K_train"), train.y)
        let data = try SVMModelFile(model: model, kernel: .precomputed, svc: svc).encoded()
        let loaded = try SVMModelFile.decode(data, path: "m.json")
        let kTest = try fixtureMatrix("adhoc2_zz_linear_r2/K_test")
        #expect(try loaded.predict(kTest).labels == (try model.predict(kTest)))
        #expect(loaded.supportIndices == model.supportIndices)
    }

    @Test("Unresolved specs, foreign, newer or inconsistent files are input errors naming the file")
    func errors() throws {
        let x = Matrix([[0, 0], [1, 1], [0, 1], [1, 0]])
        let svc = SVC(kernel: .kernel(RBFKernel(gamma: 1)))
        let model = try svc.fit(x, [0, 0, 1, 1])
        #expect(throws: InputError.self) { try SVMModelFile(model: model, kernel: .classical(.rbf(gamma: .scale)), svc: svc) }
        #expect(throws: InputError.self) { try SVMModelFile(model: model, kernel: .precomputed, svc: svc) }
        let good = try SVMModelFile(model: model, kernel: .classical(.rbf(gamma: .value(1))), svc: svc)
        var object = try #require(JSONSerialization.jsonObject(with: try good.encoded()) as? [String: Any])

        func message(_ edit: (inout [String: Any]) -> Void) throws -> String {
            var copy = object
            edit(&copy)
            do {
                _ = try SVMModelFile.decode(try JSONSerialization.data(withJSONObject: copy), path: "m.json")
                return ""
            } catch let error as InputError {
                #expect(error.file == "m.json")
                return error.message
            }
        }
        #expect(try message { $0["version"] = 2 }.contains("version 2 is not supported"))
        #expect(try message { $0["format"] = "other" }.contains("not a QKSim SVM model"))
        #expect(try message { $0["rho"] = nil }.contains("missing field 'rho'"))
        #expect(try message { $0["rho"] = [0.1, 0.2] }.contains("rho must have 1"))
        #expect(try message { $0["kernel"] = ["kernel": "cubic"] }.contains("unknown kernel 'cubic'"))
        #expect(try message { $0["supportCounts"] = [1, 1] }.contains("supportCounts"))
        object["classes"] = [1, 0]
        #expect(try message { _ in }.contains("sorted"))
        #expect(throws: InputError.self) { try SVMModelFile.decode(Data("[1, 2]".utf8), path: "m.json") }
    }
}
