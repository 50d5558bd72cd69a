/// A label as users wrote it: `1` rather than `1.0` for whole numbers.
public func formatLabel(_ label: Double) -> String {
    if label == label.rounded(), abs(label) < 1e15 { return String(Int64(label)) }
    return "\(label)"
}
