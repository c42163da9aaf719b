// Reads TOML on stdin and writes the toml-test tagged JSON on stdout
// (https://github.com/toml-lang/toml-test: {"key": {"type": "integer", "value": "42"}}).
// Invalid input: the rendered diagnostic on stderr and exit status 1.
import Foundation
import LoadForgeConfig

let input = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
do {
  let root = try TOMLParser.parse(input, file: "<stdin>")
  var out = ""
  TaggedJSON.write(root, to: &out)
  out += "\n"
  FileHandle.standardOutput.write(Data(out.utf8))
} catch {
  let text = error.rendered(source: SourceText(file: "<stdin>", bytes: input)) + "\n"
  FileHandle.standardError.write(Data(text.utf8))
  exit(1)
}
