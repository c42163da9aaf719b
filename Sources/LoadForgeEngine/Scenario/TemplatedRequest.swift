import LoadForgeHTTP
import LoadForgePlan

/// A request with `${vu.NAME}` parts (`RequestPlan.template`), encoded per send with a VU's
/// variable values through `RequestEncoder`, so it gets exactly the framing a plain request
/// gets (`Host`, `User-Agent`, `Content-Length`, CR/LF stripping).
struct TemplatedRequest {
  let method: String
  /// The `Host` header value.
  let host: String
  let headerNames: [String]
  let template: RequestTemplate

  init(_ request: RequestPlan, template: RequestTemplate, host: String) {
    method = request.method
    self.host = host
    headerNames = request.headers.map(\.name)
    self.template = template
  }

  /// The request's bytes with `values`; `scratch` is a reused buffer for the rendered parts.
  func encode(values: VariableValues, scratch: inout [UInt8]) -> [UInt8] {
    let target = Self.text(template.target, values, &scratch)
    var headers: [(name: String, value: String)] = []
    headers.reserveCapacity(headerNames.count)
    for (k, name) in headerNames.enumerated() {
      let parts = k < template.headerValues.count ? template.headerValues[k] : []
      headers.append((name, Self.text(parts, values, &scratch)))
    }
    scratch.removeAll(keepingCapacity: true)
    TemplateRenderer.render(template.body, values: values.values, into: &scratch)
    return RequestEncoder.encode(method: method, target: target, host: host, headers: headers, body: scratch)
  }

  /// The request for curl (https:// origins) with `values`: the same rendered target, header
  /// values and body as `encode`, as a `CurlRequest` against `origin` (curl writes the framing).
  func curlRequest(values: VariableValues, origin: Origin, scratch: inout [UInt8]) -> CurlRequest {
    let target = Self.text(template.target, values, &scratch)
    var headers: [(name: String, value: String)] = []
    headers.reserveCapacity(headerNames.count)
    for (k, name) in headerNames.enumerated() {
      let parts = k < template.headerValues.count ? template.headerValues[k] : []
      headers.append((name, Self.text(parts, values, &scratch)))
    }
    scratch.removeAll(keepingCapacity: true)
    TemplateRenderer.render(template.body, values: values.values, into: &scratch)
    return CurlRequest(origin: origin, method: method, target: target, headers: headers, body: scratch)
  }

  private static func text(_ parts: [TemplatePart], _ values: VariableValues, _ scratch: inout [UInt8]) -> String {
    scratch.removeAll(keepingCapacity: true)
    TemplateRenderer.render(parts, values: values.values, into: &scratch)
    return String(decoding: scratch, as: UTF8.self)
  }
}
