import LoadForgeConfig
import LoadForgeSpec

/// Parses TOML text and decodes it; returns the spec or the diagnostics.
func decode(_ toml: String) -> Result<LoadTestSpec, DiagnosticList> {
  do {
    let root = try TOMLParser.parse(Array(toml.utf8), file: "test.toml")
    return .success(try SpecDecoder.decode(root))
  } catch let error as DiagnosticList {
    return .failure(error)
  } catch {
    return .failure(DiagnosticList([error as! Diagnostic]))
  }
}

let minimalTasks = """
  [[scenarios]]
  name = "s"
    [[scenarios.tasks]]
    name = "home"
    path = "/"
  """

/// Every diagnostic of `toml` as `line:column message [help]`, in the order reported; empty when it decodes.
func problems(_ toml: String) -> [String] {
  guard case .failure(let list) = decode(toml) else { return [] }
  return list.diagnostics.map { d in
    let at = d.location.map { "\($0.line):\($0.column) " } ?? ""
    return at + d.message + (d.help.map { " [\($0)]" } ?? "")
  }
}

/// A config with one task whose body lines are `taskLines` (indented under `[[scenarios.tasks]]`, from line 6).
func oneTask(_ taskLines: String, base: String = "http://127.0.0.1:1") -> String {
  """
  base_url = "\(base)"
  [load]
  users = 1
  duration = "1s"
  [[scenarios]]
  [[scenarios.tasks]]
  \(taskLines)
  """
}
