extension Array where Element == UInt8 {
    /// Appends the decimal digits of `value` (with `-` when negative), as `String(value)` spells it,
    /// without making the `String`: the record writers write a number for every offset, and a
    /// `String` per number cost more than the rest of the field.
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(0x2D) }
        var magnitude = value.magnitude
        // 20 digits hold any UInt64; filled from the end, in stack memory typed as bytes, and appended
        // as a typed buffer (a raw slice went element by element through the generic path).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { d in
            var k = d.count
            repeat {
                k -= 1
                d[k] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(contentsOf: UnsafeBufferPointer(rebasing: d[k...]))
        }
    }
}
