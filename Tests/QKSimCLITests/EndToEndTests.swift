import Foundation
import QKSupport
import Testing

/// The commands as a user runs them, through the built binary.
@Suite struct EndToEndTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func simulateWritesNumpyFilesAndSeededCounts() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        let bell = Self.repository + "/circuits/bell.qasm"
        let a = try QKSimProcess.run(["simulate", bell, "--shots", "500", "--seed", "4"])
        #expect(a.status == 0, "\(a.stderr)")
        let counts = try JSONDecoder().decode([String: Int].self, from: Data(a.stdout.utf8))
        #expect(Set(counts.keys) == ["00", "11"] && counts.values.reduce(0, +) == 500)
        #expect(try QKSimProcess.run(["simulate", bell, "--shots", "500", "--seed", "4"]).stdout == a.stdout)
        let r = try QKSimProcess.run(["simulate", Self.repository + "/circuits/qft4.qasm", "--statevector", dir + "/sv.npy", "--probabilities", dir + "/p.npy", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let sv = try NPY.read(dir + "/sv.npy"), p = try NPY.read(dir + "/p.npy")
        #expect(sv.dtype == .complex128 && sv.shape == [16] && p.shape == [16])
        #expect(abs(p.scalars.reduce(0, +) - 1) < 1e-12)
        #expect(r.stdout.contains("\"qubits\": 4"))
        let e = try QKSimProcess.run(["simulate", bell, "--expect", "ZZ", "--expect", "XX"])
        #expect(e.stdout.contains("<ZZ> = 1.0") || e.stdout.contains("<ZZ> = 0.99999999999"))
    }

    @Test func badCircuitsAndHugeRegistersGiveLocatedErrors() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        try "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[2];\n".write(toFile: dir + "/bad.qasm", atomically: true, encoding: .utf8)
        let bad = try QKSimProcess.run(["simulate", dir + "/bad.qasm"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("bad.qasm:4:"), "\(bad.stderr)")
        try "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[40];\nh q[0];\n".write(toFile: dir + "/big.qasm", atomically: true, encoding: .utf8)
        let big = try QKSimProcess.run(["simulate", dir + "/big.qasm"])
        #expect(big.status != 0)
        #expect(big.stderr.contains("16 x 2^40"), "\(big.stderr)")
        #expect(!big.stderr.contains("crashed"))
    }

    @Test func datasetTrainPredictRoundTrip() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        let gen = try QKSimProcess.run(["dataset", "adhoc", "--qubits", "2", "--train", "15", "--test", "10", "--seed", "2", "--out", dir])
        #expect(gen.status == 0, "\(gen.stderr)")
        var accuracies: [String: Double] = [:]
        for (kernel, extra) in [("zz", ["--entanglement", "linear"]), ("rbf", ["--gamma", "scale"])] {
            let train = try QKSimProcess.run(["train", "--data", dir + "/train.csv", "--kernel", kernel, "--out", dir + "/\(kernel).json"] + extra)
            #expect(train.status == 0, "\(train.stderr)")
            let predict = try QKSimProcess.run(["predict", "--model", dir + "/\(kernel).json", "--data", dir + "/test.csv", "--json", "--out", dir + "/p.csv"])
            #expect(predict.status == 0, "\(predict.stderr)")
            let summary = try JSONSerialization.jsonObject(with: Data(predict.stdout.utf8)) as! [String: Any]
            accuracies[kernel] = summary["accuracy"] as? Double
            let csv = try String(contentsOfFile: dir + "/p.csv", encoding: .utf8)
            #expect(csv.hasPrefix("label,prediction,decision"))
        }
        // The ad hoc labels are a function of the ZZ map's states: its kernel generalises, RBF does not.
        #expect(accuracies["zz"]! >= 0.9 && accuracies["zz"]! > accuracies["rbf"]! + 0.2, "\(accuracies)")
        let vqc = try QKSimProcess.run([
            "train", "--classifier", "vqc", "--data", dir + "/train.csv", "--feature-map", "zz", "--ansatz", "havlicek", "--layers", "2",
            "--optimizer", "bfgs", "--maxiter", "60", "--out", dir + "/vqc.json", "--history", dir + "/loss.csv",
        ])
        #expect(vqc.status == 0, "\(vqc.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/loss.svg"))
        let vqcPredict = try QKSimProcess.run(["predict", "--model", dir + "/vqc.json", "--data", dir + "/test.csv", "--json"])
        #expect(vqcPredict.status == 0, "\(vqcPredict.stderr)")
        #expect(vqcPredict.stdout.contains("\"accuracy\""))
        // The variational form from a circuit file (theta0.. trained), kept whole in the model.
        let fromFile = try QKSimProcess.run([
            "train", "--classifier", "vqc", "--data", dir + "/train.csv", "--ansatz", Self.repository + "/circuits/vqc_ansatz.qasm",
            "--optimizer", "bfgs", "--maxiter", "30", "--out", dir + "/vqcf.json",
        ])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(try String(contentsOfFile: dir + "/vqcf.json", encoding: .utf8).contains("theta0"))
        let filePredict = try QKSimProcess.run(["predict", "--model", dir + "/vqcf.json", "--data", dir + "/test.csv", "--json"])
        #expect(filePredict.status == 0, "\(filePredict.stderr)")
    }

    @Test func dataErrorsNameTheFileAndLine() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        try "x0,x1,label\n0.1,0.2,0\n0.3,0\n".write(toFile: dir + "/ragged.csv", atomically: true, encoding: .utf8)
        let r = try QKSimProcess.run(["train", "--data", dir + "/ragged.csv", "--kernel", "rbf", "--out", dir + "/m.json"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("ragged.csv:3"), "\(r.stderr)")
        try "x0,label\nnan,0\n1,1\n".write(toFile: dir + "/nan.csv", atomically: true, encoding: .utf8)
        let n = try QKSimProcess.run(["train", "--data", dir + "/nan.csv", "--kernel", "rbf", "--out", dir + "/m.json"])
        #expect(n.status != 0 && n.stderr.contains("nan.csv:2"), "\(n.stderr)")
    }
}

@Suite struct CompareAndDemoTests {
    @Test func compareWritesATableJSONAndAReport() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        _ = try QKSimProcess.run(["dataset", "adhoc", "--qubits", "2", "--train", "15", "--test", "0", "--seed", "3", "--out", dir])
        let r = try QKSimProcess.run([
            "compare", "--data", dir + "/train.csv", "--kernels", "zz,rbf,linear,vqc", "--cv", "3", "--maxiter", "30", "--json",
            "--report", dir + "/report",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(rows.map { $0["kernel"] as! String } == ["zz", "rbf", "linear", "vqc"])
        #expect(rows.allSatisfy { ($0["fold_accuracies"] as! [Double]).count == 3 })
        for file in ["report.md", "accuracy.svg", "gram-zz.svg", "gram-rbf.svg", "boundary-zz.svg"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/report/" + file), "\(file)")
        }
        let unknown = try QKSimProcess.run(["compare", "--data", dir + "/train.csv", "--kernels", "zz,cubic"])
        #expect(unknown.status != 0 && unknown.stderr.contains("cubic"))
    }

    @Test func demoRunsWithoutFiles() throws {
        let dir = try QKSimProcess.temporaryDirectory()
        let r = try QKSimProcess.run(["demo", "--report", dir + "/demo"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("zz"))
        #expect(r.stdout.contains("5-fold cross-validation"))
        #expect(FileManager.default.fileExists(atPath: dir + "/demo/report.md"))
    }
}
