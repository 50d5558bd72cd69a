import Foundation
import QKSimCLI
import Testing

/// The message ArgumentParser would print for parsing `arguments`, or `nil` when they parse.
private func parseError(_ arguments: [String]) -> String? {
    do {
        _ = try QKSimCommand.parseAsRoot(arguments)
        return nil
    } catch {
        return QKSimCommand.message(for: error)
    }
}

@Test func intrlRejectsUnknownRulesAndListsTheKnownOnes() throws {
    let message = try #require(parseError(["intrl", "--quadrature", "trapezoid,gauss"]))
    #expect(message.contains("unknown name 'gauss'"))
    #expect(message.contains("bq-matern72") && message.contains("analytical"))
}

@Test func intrlValidatesTaskPointsAndBayesianOptions() throws {
    #expect(try #require(parseError(["intrl", "--task", "cartpole"])).contains("known: linear3, nonlinear2"))
    #expect(try #require(parseError(["intrl", "--points", "15...5"])).contains("the range is empty"))
    #expect(try #require(parseError(["intrl", "--points", "5,a"])).contains("'a' is not an integer"))
    #expect(try #require(parseError(["intrl", "--jitter=-1"])).contains("--jitter must be a number >= 0"))
    #expect(try #require(parseError(["intrl", "--lengthscale", "0"])).contains("--lengthscale must be a positive"))
    #expect(try #require(parseError(["intrl", "--precision", "quad"])).contains("expected double or double-double"))
    #expect(try #require(parseError(["intrl", "--quadrature", "simpson", "--points", "2...5"])).contains("at least 3"))
    #expect(parseError(["intrl", "--task", "nonlinear2", "--quadrature", "simpson,analytical", "--points", "5...15:5"]) == nil)
}

@Test func intrlPrintsJSONWithThePublishedKeysAndWritesAFigure() throws {
    let figure = FileManager.default.temporaryDirectory.appendingPathComponent("intrl-test-\(getpid()).svg").path
    defer { try? FileManager.default.removeItem(atPath: figure) }
    let parsed = try QKSimCommand.parseAsRoot([
        "intrl", "--task", "nonlinear2", "--quadrature", "trapezoid,analytical", "--points", "5,9", "--json", "--plot", figure,
    ])
    let command = try #require(parsed as? IntRLCommand)
    let output = try command.execute()
    let records = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
    #expect(records.count == 4)
    #expect(records.map { $0["quadrature"] as? String } == ["trapezoid", "trapezoid", "analytical", "analytical"])
    #expect(records.map { $0["points"] as? Int } == [5, 9, 5, 9])
    for record in records {
        #expect(Set(record.keys) == ["task", "quadrature", "points", "iterations", "w_error", "trace_error", "u_error"])
        #expect(record["task"] as? String == "nonlinear2")
    }
    // The trapezoid's error falls by about (4/8)^2 from N = 5 to N = 9.
    let errors = records.prefix(2).compactMap { $0["w_error"] as? Double }
    #expect(errors.count == 2 && errors[0] / errors[1] > 3.5 && errors[0] / errors[1] < 4.5)
    let svg = try String(contentsOfFile: figure, encoding: .utf8)
    #expect(svg.hasPrefix("<svg") && svg.contains("trapezoid") && svg.contains("O(N^-2)"))
}

@Test func intrlTableReportsSlopes() throws {
    let parsed = try QKSimCommand.parseAsRoot(["intrl", "--quadrature", "trapezoid", "--points", "5...9:2"])
    let output = try #require(parsed as? IntRLCommand).execute()
    #expect(output.contains("||K-K*||_F"))
    #expect(output.contains("slope of log ||w - w*|| against log(N - 1)"))
    #expect(output.contains("trapezoid  -2.00"))
}

@Test func quadratureCommandPrintsErrorsAndSlopes() throws {
    let parsed = try QKSimCommand.parseAsRoot([
        "quadrature", "--rule", "trapezoid,simpson", "--function", "exp", "--points", "9,17,33", "--interval", "0,2",
    ])
    let output = try #require(parsed as? QuadratureCommand).execute()
    #expect(output.contains("exp: integral of e^x over [0.0, 2.0]"))
    let slopeLine = try #require(output.split(separator: "\n").first { $0.hasPrefix("slope") })
    let slopes = slopeLine.split(separator: " ").dropFirst().compactMap { Double($0) }
    #expect(slopes.count == 2)
    #expect(abs(slopes[0] + 2) < 0.01 && abs(slopes[1] + 4) < 0.05, "\(slopes)")
}

@Test func quadratureCommandValidatesItsOptions() throws {
    #expect(try #require(parseError(["quadrature", "--function", "exp,tan"])).contains("unknown name 'tan'"))
    #expect(try #require(parseError(["quadrature", "--interval", "1,0"])).contains("a < b"))
    #expect(try #require(parseError(["quadrature", "--rule", "bq-matern92"])).contains("known: trapezoid"))
}
