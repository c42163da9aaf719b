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
