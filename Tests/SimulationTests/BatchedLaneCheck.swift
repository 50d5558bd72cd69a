import CircuitIR
import Simulation
import Testing
import _TestSupport

/// Runs `circuit` batched on `lanes` lanes, lane `b` bound to `thetas[b]` (the lanes past
/// `thetas.count` left at zero), expects every bound lane to equal `Simulator`'s state of the bound
/// circuit to 1e-12, and returns the batch.
@discardableResult
func expectBatchedLanesMatchSimulator(
    _ circuit: ParameterizedCircuit, thetas: [[Double]], lanes: Int, isa: InstructionSet
) throws -> BatchedState {
    let compiled = try ParameterizedTemplate(circuit)
    var state = try BatchedState(qubitCount: circuit.qubitCount, lanes: lanes, maxPhaseQubits: compiled.template.maxPhaseQubits)
    var slots = [Double](repeating: 0, count: max(1, compiled.template.slotCount) * lanes)
    slots.withUnsafeMutableBufferPointer { s in
        for (b, theta) in thetas.prefix(lanes).enumerated() { compiled.bind(theta, lane: b, lanes: lanes, into: s.baseAddress!) }
    }
    slots.withUnsafeBufferPointer { BatchedSimulator.run(compiled.template, slots: $0, into: &state, instructionSet: isa) }
    for (b, theta) in thetas.prefix(lanes).enumerated() {
        let want = try Simulator().statevector(circuit.circuit(theta: theta))
        #expect(maxAbsDifference(state.state(lane: b), want.interleaved) <= 1e-12, "lane \(b) of \(lanes)")
    }
    return state
}
