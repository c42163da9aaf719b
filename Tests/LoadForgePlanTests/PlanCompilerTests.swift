import Foundation
import LoadForgeConfig
import LoadForgeSpec
import Testing

@testable import LoadForgePlan

func compile(_ toml: String, env: [String: String] = [:], overrides: LoadOverrides = .init()) throws -> Plan {
  let root = try TOMLParser.parse(Array(toml.utf8), file: "t.toml")
  let spec = try SpecDecoder.decode(root)
  return try PlanCompiler.compile(spec, environment: env, overrides: overrides)
}

func compileErrors(_ toml: String, env: [String: String] = [:]) throws -> [Diagnostic] {
  let root = try TOMLParser.parse(Array(toml.utf8), file: "t.toml")
  let spec = try SpecDecoder.decode(root)
  do {
    _ = try PlanCompiler.compile(spec, environment: env)
    return []
  } catch {
    return error.diagnostics
  }
}

let shop = """
  name = "shop-${STAGE:-dev}"
  base_url = "${BASE_URL:-http://127.0.0.1:8080}/api/"
  [defaults]
  headers = { Accept = "application/json", "X-Env" = "${STAGE:-dev}" }
  think_time = "100ms"
  [load]
  pattern = "ramp"
  from = 2
  to = 10
  duration = "20s"
  [[scenarios]]
  name = "browse"
  weight = 3
    [[scenarios.tasks]]
    name = "list"
    weight = 5
    path = "/products"
    [[scenarios.tasks]]
    name = "item"
    weight = 1
    path = "/products/1"
    headers = { accept = "text/plain", Authorization = "Bearer ${TOKEN}" }
    think_time = { min = "1s", max = "2s" }
  [[scenarios]]
  name = "buy"
  weight = 1
  think_time = "250ms"
    [[scenarios.tasks]]
    name = "list"
    method = "POST"
    path = "/cart"
    body = "{\\"id\\": 1}"
  """

@Suite struct PlanCompilerTests {
  @Test func compilesWeightsHeadersAndInheritance() throws {
    let plan = try compile(shop, env: ["TOKEN": "abc", "STAGE": "ci"])
    #expect(plan.name == "shop-ci")
    #expect(plan.baseURL == "http://127.0.0.1:8080/api/")
    #expect(plan.origin == Origin(scheme: "http", host: "127.0.0.1", port: 8080))
    #expect(plan.scenarioTable.cumulative == [3, 4])
    #expect(plan.scenarios[0].taskTable.cumulative == [5, 6])
    // Same task name in two scenarios shares one metric group.
    #expect(plan.endpoints == [EndpointPlan(name: "list", method: "GET"), EndpointPlan(name: "item", method: "GET")])
    #expect(plan.scenarios[1].tasks[0].endpoint == 0)
    let item = plan.scenarios[0].tasks[1]
    #expect(item.request.target == "/api/products/1")
    // Task header overrides the default case-insensitively, keeping the default's position.
    #expect(
      item.request.headers == [
        HeaderField(name: "accept", value: "text/plain"), HeaderField(name: "X-Env", value: "ci"),
        HeaderField(name: "Authorization", value: "Bearer abc"),
      ])
    #expect(item.thinkTime == .uniform(minMicros: 1_000_000, maxMicros: 2_000_000))
    #expect(plan.scenarios[0].tasks[0].thinkTime == .constant(micros: 100_000))
    #expect(plan.scenarios[1].tasks[0].thinkTime == .constant(micros: 250_000))
    #expect(plan.scenarios[1].tasks[0].request.body == Array("{\"id\": 1}".utf8))
    #expect(plan.scenarios[1].tasks[0].request.method == "POST")
    #expect(plan.scenarios[0].tasks[0].request.timeoutMicros == 10_000_000)
    #expect(plan.load.pattern == .ramp(RampPattern(from: 2, to: 10, durationSeconds: 20)))
  }

  @Test func missingVariableIsAnErrorNamingItAndItsLocation() throws {
    let errors = try compileErrors(shop, env: [:])
    #expect(errors.count == 1)
    #expect(errors[0].message == "environment variable TOKEN is not set")
    #expect(errors[0].location?.line == 22)
    #expect(
      errors[0].help
        == "export TOKEN=… before running, pass --env TOKEN=… or --env-file FILE, or give a default: ${TOKEN:-value}")
  }

  @Test func environmentBeatsDefaultsInNestedTables() throws {
    let plan = try compile(shop, env: ["TOKEN": "t", "BASE_URL": "http://[::1]:9000"])
    #expect(plan.origin == Origin(scheme: "http", host: "::1", port: 9000))
    #expect(plan.origin.hostHeader == "[::1]:9000")
    #expect(plan.scenarios[0].tasks[1].request.headers.last == HeaderField(name: "Authorization", value: "Bearer t"))
  }

  @Test func commandLineOverridesBeatTheFile() throws {
    let plan = try compile(shop, env: ["TOKEN": "t"], overrides: LoadOverrides(users: 40, durationMicros: 5_000_000))
    #expect(plan.load.pattern == .ramp(RampPattern(from: 2, to: 40, durationSeconds: 5)))
  }

  @Test func acceptsHTTPSAndRejectsBadBaseURLs() throws {
    let base = """
      [load]
      users = 1
      duration = "1s"
      [[scenarios]]
        [[scenarios.tasks]]
        path = "/"
      """
    // https:// runs through libcurl: it compiles like http://, with the scheme's default port.
    let root = try TOMLParser.parse(Array(("base_url = \"https://example.test\"\n" + base).utf8), file: "t.toml")
    let plan = try PlanCompiler.compile(try SpecDecoder.decode(root), environment: [:])
    #expect(plan.origin == Origin(scheme: "https", host: "example.test", port: 443))
    #expect(
      try compileErrors("base_url = \"ftp://x\"\n" + base).map(\.message) == [
        "base_url must start with http:// or https://, got \"ftp://x\""
      ])
    #expect(
      try compileErrors("base_url = \"http://h:99999\"\n" + base).map(\.message) == [
        "invalid port \"99999\" in base_url"
      ])
  }
}

@Suite struct PlanCodingTests {
  @Test func textBodyIsReadableAndRoundTrips() throws {
    let plan = try compile(shop, env: ["TOKEN": "t"])
    let json = try JSONEncoder().encode(plan)
    let text = String(decoding: json, as: UTF8.self)
    #expect(text.contains(#""body":"{\"id\": 1}""#))
    #expect(try JSONDecoder().decode(Plan.self, from: json) == plan)
  }

  @Test(arguments: [[UInt8](), [0xFF], [0xFF, 0xFE], [0xFF, 0xFE, 0x00], [0xC3, 0x28, 0x41, 0x42, 0x43]])
  func binaryBodyRoundTripsAsBase64(bytes: [UInt8]) throws {
    let request = RequestPlan(method: "POST", target: "/", headers: [], body: bytes, timeoutMicros: 1)
    let json = try JSONEncoder().encode(request)
    #expect(try JSONDecoder().decode(RequestPlan.self, from: json) == request)
  }

  @Test func base64MatchesRFC4648Vectors() {
    let vectors = [
      "": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy",
    ]
    for (plain, encoded) in vectors {
      #expect(Base64.encode(Array(plain.utf8)) == encoded)
      #expect(Base64.decode(encoded) == Array(plain.utf8))
    }
    #expect(Base64.decode("Zm9") == nil)
    #expect(Base64.decode("Zm*v") == nil)
  }
}

@Suite struct PlanCompilerValidationTests {
  static func config(baseURL: String = "http://127.0.0.1:1", path: String = "/", header: String = "x") -> String {
    """
    base_url = "\(baseURL)"
    [load]
    users = 1
    duration = "1s"
    [[scenarios]]
      [[scenarios.tasks]]
      path = "\(path)"
      headers = { "X-Test" = "\(header)" }
    """
  }

  @Test func namesAreInterpolatedAndDefaulted() throws {
    let toml = """
      base_url = "http://127.0.0.1:1"
      [load]
      users = 1
      duration = "1s"
      [[scenarios]]
      name = "${SC:-browse}"
        [[scenarios.tasks]]
        name = "list ${KIND}"
        path = "/a"
        [[scenarios.tasks]]
        method = "POST"
        path = "/${P:-b}"
      [[scenarios]]
        [[scenarios.tasks]]
        path = "/c"
      """
    let plan = try compile(toml, env: ["KIND": "books"])
    #expect(plan.scenarios.map(\.name) == ["browse", "scenario 2"])
    #expect(plan.endpoints.map(\.name) == ["list books", "POST /b", "GET /c"])
    #expect(try compileErrors(toml).map(\.message) == ["environment variable KIND is not set"])
  }

  @Test func unsetVariableInTheTestNameIsAnError() throws {
    let toml = "name = \"run ${WHO}\"\n" + Self.config()
    #expect(try compileErrors(toml).map(\.message) == ["environment variable WHO is not set"])
    #expect(try compile(toml, env: ["WHO": "ci"]).name == "run ci")
  }

  @Test func emptyVariableTakesTheDefaultLikeTheShell() throws {
    let plan = try compile(Self.config(baseURL: "${BASE:-http://127.0.0.1:9}"), env: ["BASE": ""])
    #expect(plan.origin.port == 9)
  }

  @Test func unsetVariableInPathIsOneError() throws {
    #expect(try compileErrors(Self.config(path: "/${P1}")).map(\.message) == ["environment variable P1 is not set"])
  }

  @Test func unsetVariableInBaseURLIsOneError() throws {
    #expect(
      try compileErrors(Self.config(baseURL: "${NOPE}")).map(\.message) == ["environment variable NOPE is not set"])
  }

  @Test(arguments: [
    ("/he alth", "path contains a space"), ("/a#b", "path contains a fragment (#), which is never sent to the server"),
    ("/é", "path contains a non-ASCII character"), ("/a|b", "path contains \"|\", which must be percent-encoded"),
  ])
  func invalidPathsAreRejected(path: String, message: String) throws {
    #expect(try compileErrors(Self.config(path: path)).map(\.message) == [message])
  }

  @Test func validPathsPass() throws {
    #expect(try compileErrors(Self.config(path: "/a/b?c=1&d=%20e;f=g~h")).isEmpty)
  }

  @Test func lineBreakInjectedThroughTheEnvironmentIsRejected() throws {
    let errors = try compileErrors(Self.config(header: "${EVIL}"), env: ["EVIL": "a\r\nInjected: 1"])
    #expect(
      errors.map(\.message) == [
        "header \"X-Test\" contains a line break or control character after interpolation"
      ])
  }

  @Test(arguments: ["http://::1", "http://::1:8080", "http://exa mple.com", "http://h/a b"])
  func malformedHostsAreRejected(url: String) throws {
    #expect(try compileErrors(Self.config(baseURL: url)).count == 1)
  }
}

@Suite struct PlanCompilerThinkTimeTests {
  @Test func exponentialThinkTimeIsInherited() throws {
    let plan = try compile(
      """
      base_url = "http://127.0.0.1:1"
      [defaults]
      think_time = { mean = "300ms" }
      [load]
      users = 1
      duration = "1s"
      [[scenarios]]
        [[scenarios.tasks]]
        path = "/"
      """)
    #expect(plan.scenarios[0].tasks[0].thinkTime == .exponential(meanMicros: 300_000))
  }
}

/// One task under `base_url = "http://127.0.0.1:8080/api"`; `taskLines` start at line 7.
func oneTaskConfig(_ taskLines: String, defaults: String = "") -> String {
  """
  base_url = "http://127.0.0.1:8080/api"
  [load]
  users = 1
  duration = "1s"
  [[scenarios]]
  [[scenarios.tasks]]
  \(taskLines)
  \(defaults.isEmpty ? "" : "[defaults]\n" + defaults)
  """
}

@Suite struct PlanCompilerQueryTests {
  @Test func queryIsEncodedInterpolatedAndOrdered() throws {
    let plan = try compile(
      oneTaskConfig("path = \"/search\"\nquery = { q = \"${TERM}\", \"page size\" = \"10\", a = \"é&=\" }"),
      env: ["TERM": "red shoes"])
    let task = plan.scenarios[0].tasks[0]
    #expect(task.request.target == "/api/search?q=red%20shoes&page%20size=10&a=%C3%A9%26%3D")
    #expect(task.name == "GET /search")
  }

  @Test func queryExtendsAnExistingQuery() throws {
    let plan = try compile(oneTaskConfig("path = \"/search?sort=asc\"\nquery = { page = \"2\" }"))
    #expect(plan.scenarios[0].tasks[0].request.target == "/api/search?sort=asc&page=2")
  }

  @Test func unsetVariableInQueryIsReportedAtTheValue() throws {
    let errors = try compileErrors(oneTaskConfig("path = \"/\"\nquery = { q = \"${NOPE}\" }"))
    #expect(errors.map(\.message) == ["environment variable NOPE is not set"])
    #expect(errors.first?.location?.line == 8)
    #expect(errors.first?.location?.column == 16)
  }
}

@Suite struct PlanCompilerBodyTests {
  @Test func jsonBodyIsCompactOrderedAndInterpolated() throws {
    let plan = try compile(
      oneTaskConfig(
        """
        method = "POST"
        path = "/users"
        json = { name = "${NAME}", age = 41, ratio = 0.25, tags = ["a", true, { deep = [] }], admin = false }
        """), env: ["NAME": "Zoë \"Z\"\n"])
    let request = plan.scenarios[0].tasks[0].request
    #expect(
      String(decoding: request.body, as: UTF8.self)
        == #"{"name":"Zoë \"Z\"\n","age":41,"ratio":0.25,"tags":["a",true,{"deep":[]}],"admin":false}"#)
    #expect(request.headers == [HeaderField(name: "Content-Type", value: "application/json")])
  }

  @Test func jsonArrayBodyAndAGivenContentTypeWins() throws {
    let plan = try compile(
      oneTaskConfig(
        "path = \"/bulk\"\njson = [1, 2.0]", defaults: "headers = { \"content-type\" = \"application/vnd.x+json\" }"))
    let request = plan.scenarios[0].tasks[0].request
    #expect(String(decoding: request.body, as: UTF8.self) == "[1,2.0]")
    #expect(request.headers == [HeaderField(name: "content-type", value: "application/vnd.x+json")])
  }

  @Test func formBodyIsURLEncoded() throws {
    let plan = try compile(
      oneTaskConfig(
        "method = \"POST\"\npath = \"/login\"\nheaders = { Accept = \"*/*\" }\nform = { user = \"${U}\", \"pass word\" = \"a+b&c=d é\" }"
      ), env: ["U": "jo smith"])
    let request = plan.scenarios[0].tasks[0].request
    #expect(String(decoding: request.body, as: UTF8.self) == "user=jo+smith&pass+word=a%2Bb%26c%3Dd+%C3%A9")
    #expect(
      request.headers == [
        HeaderField(name: "Accept", value: "*/*"),
        HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded"),
      ])
  }

  @Test func unsetVariableInsideJSONIsReportedAtTheString() throws {
    let errors = try compileErrors(oneTaskConfig("path = \"/\"\njson = { a = { b = \"${NOPE}\" } }"))
    #expect(errors.map(\.message) == ["environment variable NOPE is not set"])
    #expect(errors.first.map { [$0.location?.line, $0.location?.column] } == [8, 21])
  }
}

@Suite struct PlanCompilerURLTests {
  @Test func sameOriginUrlBecomesTheTargetWithoutTheBasePrefix() throws {
    let plan = try compile(
      oneTaskConfig("url = \"${HOST:-HTTP://127.0.0.1:8080}/v2/items?x=1\"\nquery = { y = \"2 3\" }"))
    let task = plan.scenarios[0].tasks[0]
    #expect(task.request.target == "/v2/items?x=1&y=2%203")
    #expect(task.name == "GET /v2/items?x=1")
  }

  @Test(arguments: [
    ("http://127.0.0.1:8080", "/"), ("http://127.0.0.1:8080?q=1", "/?q=1"), ("http://127.0.0.1:8080/", "/"),
  ])
  func urlWithoutAPathTargetsTheRoot(url: String, target: String) throws {
    let plan = try compile(oneTaskConfig("url = \"\(url)\""))
    #expect(plan.scenarios[0].tasks[0].request.target == target)
  }

  @Test func defaultPortMatchesAnImplicitOne() throws {
    let plan = try compile(
      oneTaskConfig("url = \"http://localhost:80/x\"").replacingOccurrences(of: "127.0.0.1:8080/api", with: "LOCALHOST")
    )
    #expect(plan.scenarios[0].tasks[0].request.target == "/x")
  }

  @Test func otherOriginIsAnError() throws {
    let errors = try compileErrors(oneTaskConfig("url = \"http://127.0.0.1:9090/x\""))
    #expect(errors.map(\.message) == ["url must use the base_url's origin for now"])
    #expect(
      errors.first?.help
        == "base_url is http://127.0.0.1:8080, this url is http://127.0.0.1:9090; other origins need their own connection pools, which LoadForge does not have yet"
    )
    #expect(errors.first.map { [$0.location?.line, $0.location?.column] } == [7, 7])
    let https = try compileErrors(oneTaskConfig("url = \"https://127.0.0.1:8080/x\""))
    #expect(https.map(\.message) == ["url must use the base_url's origin for now"])
  }

  @Test func badUrlsAfterInterpolation() throws {
    #expect(
      try compileErrors(oneTaskConfig("url = \"${U}\""), env: ["U": "ftp://h/x"]).map(\.message) == [
        "url must be an absolute http:// URL, got \"ftp://h/x\""
      ])
    #expect(
      try compileErrors(oneTaskConfig("url = \"http://h:99999/x\"")).map(\.message) == ["invalid port \"99999\" in url"]
    )
    #expect(
      try compileErrors(oneTaskConfig("url = \"http://127.0.0.1:8080/a b#c\"")).map(\.message) == [
        "url contains a space"
      ])
  }
}

@Suite struct PlanCompilerOrderTests {
  /// Compile-time problems come out in source order, like the decoder's, whatever order they
  /// were found in (here base_url, checked first, is written last).
  @Test func problemsAreSortedByPosition() throws {
    let json = """
      {
        "load": { "users": 1, "duration": "1s" },
        "scenarios": [{ "tasks": [{ "path": "/${ITEM_ID}" }] }],
        "base_url": "http://127.0.0.1:99999"
      }
      """
    let root = try JSONParser.parse(Array(json.utf8), file: "t.json")
    let spec = try SpecDecoder.decode(root)
    do {
      _ = try PlanCompiler.compile(spec, environment: [:])
      Issue.record("expected diagnostics")
    } catch {
      #expect(
        error.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" } == [
          "3:41 environment variable ITEM_ID is not set", "4:15 invalid port \"99999\" in base_url",
        ])
    }
  }
}
