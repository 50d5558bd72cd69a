#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// What the SVG writers (`SVGPlot`, `SVGHeatmap`, `SVGBarChart`, `SVGDecisionBoundary`) share: number
/// formatting and escaping that keep their output byte-for-byte reproducible, nice tick steps, colours,
/// and a compact encoding of cell grids.
enum SVGCanvas {
    /// Formats a coordinate with two decimals and no locale, so output is reproducible.
    static func number(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) }
        return cFormat("%.2f", r)
    }

    /// Escapes text for SVG.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// The step of the form 1, 2 or 5 times a power of ten that is the smallest at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0 && raw.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(raw)))
        // The tolerance keeps 0.2 / 0.1 = 2.0000000000000004 a step of 2, not 5.
        let r = raw / magnitude * (1 - 1e-12)
        return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude
    }

    /// The multiples of a nice step that lie in `low...high`, about `count` intervals apart overall.
    static func niceTicks(_ low: Double, _ high: Double, count: Double = 6) -> (values: [Double], step: Double) {
        guard low.isFinite && high.isFinite && high > low else { return ([], 1) }
        let step = niceStep((high - low) / count)
        var values: [Double] = []
        var k = (low / step - 1e-9).rounded(.up)
        // The count bound guards against steps too small to change `k` (values near 1e16 and beyond).
        while k * step <= high + 1e-9 * step && values.count <= Int(4 * count) + 2 {
            let v = k * step
            values.append(abs(v) < 1e-12 * step ? 0 : v)
            k += 1
        }
        return (values, step)
    }

    /// A tick label with as many decimals as the step between ticks needs.
    static func tickLabel(_ v: Double, step: Double) -> String {
        let decimals = max(0, -Int(floor(log10(step))))
        if abs(v) >= 1e5 || (abs(v) > 0 && abs(v) < 1e-3) { return cFormat("%.1e", v) }
        return cFormat("%.\(decimals)f", v)
    }

    /// A data value with three significant digits (for colour-bar ends and cell annotations).
    static func valueLabel(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : v > 0 ? "inf" : "\u{2212}inf" }
        if v == 0 { return "0" }
        if abs(v) >= 1e5 || abs(v) < 1e-3 { return cFormat("%.2e", v) }
        let decimals = max(0, 2 - Int(floor(log10(abs(v)))))
        return cFormat("%.\(decimals)f", v)
    }

    /// The opening of a document: root element, white background and centred title.
    static func header(width: Double, height: Double, title: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(number(width))" height="\(number(height))" \
        viewBox="0 0 \(number(width)) \(number(height))" font-family="Helvetica, Arial, sans-serif" font-size="13">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(number(width / 2))" y="26" text-anchor="middle" font-size="16">\(escape(title))</text>

        """
    }

    /// About how wide `text` is at `fontSize` in a Helvetica-like font; used only for layout.
    static func textWidth(_ text: String, fontSize: Double = 13) -> Double {
        Double(text.count) * 0.56 * fontSize
    }

    /// The colour a non-finite value is drawn with.
    static let missingColor = "#b0b0b0"

    /// A colour with channels in 0...1.
    struct RGB: Hashable, Sendable {
        var r: Double
        var g: Double
        var b: Double

        /// Parses `#rrggbb`.
        init(hex: String) {
            let digits = Array(hex.utf8.dropFirst())
            func channel(_ i: Int) -> Double {
                guard digits.count == 6, let v = UInt8(String(decoding: digits[i..<(i + 2)], as: UTF8.self), radix: 16)
                else { return 0 }
                return Double(v) / 255
            }
            (r, g, b) = (channel(0), channel(2), channel(4))
        }

        init(r: Double, g: Double, b: Double) { (self.r, self.g, self.b) = (r, g, b) }

        /// `#rrggbb`.
        var hex: String {
            func channel(_ v: Double) -> String {
                let byte = Int((min(max(v, 0), 1) * 255).rounded())
                return (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
            return "#" + channel(r) + channel(g) + channel(b)
        }

        /// The colour `t` of the way from `self` to `other`, channel by channel.
        func mixed(with other: RGB, _ t: Double) -> RGB {
            RGB(r: r + (other.r - r) * t, g: g + (other.g - g) * t, b: b + (other.b - b) * t)
        }

        /// Relative luminance (sRGB channels taken as linear: only used to choose black or white text).
        var luminance: Double { 0.2126 * r + 0.7152 * g + 0.0722 * b }

        /// The colour at `fraction` (clamped to 0...1) along anchors spaced evenly over 0...1.
        static func interpolate(_ anchors: [RGB], at fraction: Double) -> RGB {
            guard anchors.count > 1 else { return anchors.first ?? RGB(r: 0, g: 0, b: 0) }
            let f = fraction.isNaN ? 0.5 : min(max(fraction, 0), 1)
            let position = f * Double(anchors.count - 1)
            let i = min(Int(position), anchors.count - 2)
            return anchors[i].mixed(with: anchors[i + 1], position - Double(i))
        }
    }

    /// A grid of cells as one `<path>` per colour, in unit-cell coordinates: cell (row, column) covers
    /// `column...column+1` by `row...row+1`, row 0 at the top. Runs of equal colour along a row merge into
    /// one rectangle, so a 200 x 200 grid stays a few hundred kilobytes; the caller places and scales the
    /// grid with a `transform`. `colorIndex[row][column]` indexes `colors`; `nil` leaves the cell empty.
    static func cellPaths(_ colorIndex: [[Int?]], colors: [String], cssClass: String) -> String {
        var runs = [String](repeating: "", count: colors.count)
        for (row, indices) in colorIndex.enumerated() {
            var column = 0
            while column < indices.count {
                guard let index = indices[column], colors.indices.contains(index) else {
                    column += 1
                    continue
                }
                var end = column + 1
                while end < indices.count && indices[end] == index { end += 1 }
                runs[index] += "M\(column) \(row)h\(end - column)v1h-\(end - column)z"
                column = end
            }
        }
        var out = ""
        for (index, d) in runs.enumerated() where !d.isEmpty {
            out += "<path class=\"\(cssClass)\" fill=\"\(colors[index])\" d=\"\(d)\"/>\n"
        }
        return out
    }
}
