import Foundation

/// Command-line arguments that are not UTF-8. Swift hands them to the commands with U+FFFD for every
/// invalid sequence, so `--out $'out\xff'` wrote into a folder `out\u{FFFD}` (another one than asked,
/// and the same for `out\xfe`), and an input folder so named was "no such file or folder". Such an
/// argument is refused as a usage error instead, before anything is read or written.
enum ArgumentEncoding {
    /// The message for the first argument of `arguments` (the process's, without the program name)
    /// whose bytes are not UTF-8, or nil.
    static func problem(_ arguments: [[UInt8]]) -> String? {
        for (index, bytes) in arguments.enumerated() where String(validating: bytes, as: UTF8.self) == nil {
            let shown = String(decoding: bytes, as: UTF8.self)
            return
                "argument \(index + 1) ('\(shown)', U+FFFD for each byte sequence that is not UTF-8) is not UTF-8 text; warta takes paths and values as UTF-8 and would use another name: rename the file or folder"
        }
        return nil
    }

    /// The process's arguments as bytes, without the program name.
    static func processArguments() -> [[UInt8]] {
        (1..<Int(CommandLine.argc)).compactMap { i in
            CommandLine.unsafeArgv[i].map { pointer in
                Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) }
            }
        }
    }
}
