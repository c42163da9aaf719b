/// Starter configs written by `loadforge init`: commented (TOML, YAML), valid, and aimed at the
/// example nginx so they run as they are.
enum InitTemplate: String, CaseIterable {
  case basic
  case ramp

  /// The pattern lines of `[load]` in TOML, and the same in YAML and JSON.
  private var load: (toml: String, yaml: String, json: String) {
    switch self {
    case .basic:
      (
        "pattern = \"constant\"  # the same number of virtual users (VUs) all along\nusers = 10\nduration = \"30s\"",
        "  pattern: constant  # the same number of virtual users (VUs) all along\n  users: 10\n  duration: 30s",
        "\"pattern\": \"constant\", \"users\": 10, \"duration\": \"30s\""
      )
    case .ramp:
      (
        "pattern = \"ramp\"  # from → to virtual users (VUs), linearly, over duration\nfrom = 1\nto = 50\nduration = \"1m\"",
        "  pattern: ramp  # from → to virtual users (VUs), linearly, over duration\n  from: 1\n  to: 50\n  duration: 1m",
        "\"pattern\": \"ramp\", \"from\": 1, \"to\": 50, \"duration\": \"1m\""
      )
    }
  }

  /// The starter file for `name` in `format`.
  func text(name: String, format: InitFormat) -> String {
    switch format {
    case .toml:
      """
      # LoadForge test "\(name)". Run it: loadforge run \(name).toml
      # Start the example server first: scripts/example-nginx.sh start (http://127.0.0.1:8080)
      name = "\(name)"
      base_url = "${BASE_URL:-http://127.0.0.1:8080}"  # ${VAR} and ${VAR:-default} come from the environment

      [defaults]
      headers = { Accept = "application/json" }
      timeout = "10s"                              # response timeout per request
      think_time = { min = "500ms", max = "2s" }   # pause between a VU's requests (or a constant "1s")

      [load]
      \(load.toml)

      [[scenarios]]                                # each VU runs one scenario, chosen by weight
      name = "browse"
      weight = 3

        [[scenarios.tasks]]                        # each iteration picks a task by weight
        name = "home"                              # metrics are grouped by this name
        weight = 1
        path = "/"

        [[scenarios.tasks]]
        name = "list products"
        weight = 3
        method = "GET"
        path = "/api/products.json"

      [[scenarios]]
      name = "monitor"
      weight = 1

        [[scenarios.tasks]]
        name = "health"
        path = "/health"

      """
    case .yaml:
      """
      # LoadForge test "\(name)". Run it: loadforge run \(name).yaml
      # Start the example server first: scripts/example-nginx.sh start (http://127.0.0.1:8080)
      name: \(name)
      base_url: "${BASE_URL:-http://127.0.0.1:8080}"  # ${VAR} and ${VAR:-default} come from the environment

      defaults:
        headers:
          Accept: application/json
        timeout: 10s                          # response timeout per request
        think_time: { min: 500ms, max: 2s }   # pause between a VU's requests (or a constant 1s)

      load:
      \(load.yaml)

      scenarios:                              # each VU runs one scenario, chosen by weight
        - name: browse
          weight: 3
          tasks:                              # each iteration picks a task by weight
            - name: home                      # metrics are grouped by this name
              weight: 1
              path: /
            - name: list products
              weight: 3
              method: GET
              path: /api/products.json
        - name: monitor
          weight: 1
          tasks:
            - name: health
              path: /health

      """
    case .json:
      """
      {
        "name": "\(name)",
        "base_url": "${BASE_URL:-http://127.0.0.1:8080}",
        "defaults": {
          "headers": { "Accept": "application/json" },
          "timeout": "10s",
          "think_time": { "min": "500ms", "max": "2s" }
        },
        "load": { \(load.json) },
        "scenarios": [
          {
            "name": "browse",
            "weight": 3,
            "tasks": [
              { "name": "home", "weight": 1, "path": "/" },
              { "name": "list products", "weight": 3, "method": "GET", "path": "/api/products.json" }
            ]
          },
          { "name": "monitor", "weight": 1, "tasks": [{ "name": "health", "path": "/health" }] }
        ]
      }

      """
    }
  }
}

enum InitFormat: String, CaseIterable {
  case toml, yaml, json
}
