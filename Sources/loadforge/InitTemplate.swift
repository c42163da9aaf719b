/// Starter configs written by `loadforge init`: commented (TOML, YAML), valid, and aimed at the
/// example nginx so they run as they are.
enum InitTemplate: String, CaseIterable {
  case basic
  case ramp
  case step
  case spike
  case diurnal
  case composite
  /// Log in once per VU, capture the token, call an API with it and check every response.
  case apiAuth = "api-auth"

  /// The pattern lines of `[load]` in TOML, and the same in YAML and JSON.
  private var load: (toml: String, yaml: String, json: String) {
    switch self {
    case .basic, .apiAuth:
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
    case .step:
      (
        """
        pattern = "step"        # a staircase: the first step runs at from, each step adds step_size
        from = 5                # virtual users (VUs) of the first step (default 0)
        step_size = 5           # VUs added at every step
        step_duration = "30s"   # length of each step
        steps = 4               # 5, 10, 15, 20 VUs: 2m in all (or to = 20 instead of steps)
        """,
        """
          pattern: step         # a staircase: the first step runs at from, each step adds step_size
          from: 5               # virtual users (VUs) of the first step (default 0)
          step_size: 5          # VUs added at every step
          step_duration: 30s    # length of each step
          steps: 4              # 5, 10, 15, 20 VUs: 2m in all (or to: 20 instead of steps)
        """,
        "\"pattern\": \"step\", \"from\": 5, \"step_size\": 5, \"step_duration\": \"30s\", \"steps\": 4"
      )
    case .spike:
      (
        """
        pattern = "spike"       # base VUs, a burst to peak, then sustain VUs
        base = 10               # virtual users (VUs) before the burst
        peak = 50               # VUs at the top of the burst
        sustain = 15            # VUs after the burst (default base)
        before = "30s"          # time at base before the burst (default "0s")
        ramp_up = "5s"          # time to reach peak (default "0s": sudden)
        hold = "30s"            # time at peak
        ramp_down = "10s"       # time to settle to sustain (default "0s")
        duration = "2m"         # total; after the burst it runs at sustain
        """,
        """
          pattern: spike        # base VUs, a burst to peak, then sustain VUs
          base: 10              # virtual users (VUs) before the burst
          peak: 50              # VUs at the top of the burst
          sustain: 15           # VUs after the burst (default base)
          before: 30s           # time at base before the burst (default 0s)
          ramp_up: 5s           # time to reach peak (default 0s: sudden)
          hold: 30s             # time at peak
          ramp_down: 10s        # time to settle to sustain (default 0s)
          duration: 2m          # total; after the burst it runs at sustain
        """,
        """
        "pattern": "spike", "base": 10, "peak": 50, "sustain": 15, "before": "30s", "ramp_up": "5s", \
        "hold": "30s", "ramp_down": "10s", "duration": "2m"
        """
      )
    case .diurnal:
      (
        """
        pattern = "diurnal"     # a smooth wave between min and max VUs, like a day of traffic
        min = 5                 # virtual users (VUs) at the bottom of the wave (the start)
        max = 40                # VUs at the top, half a period in
        period = "2m"           # length of one full wave
        duration = "4m"         # total: two waves
        """,
        """
          pattern: diurnal      # a smooth wave between min and max VUs, like a day of traffic
          min: 5                # virtual users (VUs) at the bottom of the wave (the start)
          max: 40               # VUs at the top, half a period in
          period: 2m            # length of one full wave
          duration: 4m          # total: two waves
        """,
        "\"pattern\": \"diurnal\", \"min\": 5, \"max\": 40, \"period\": \"2m\", \"duration\": \"4m\""
      )
    case .composite:
      (
        """
        pattern = "composite"   # stages of any pattern, one after another (2m in all)
        stages = [
          { pattern = "ramp", from = 0, to = 20, duration = "30s" },      # warm up
          { pattern = "constant", users = 20, duration = "1m" },          # steady state
          { pattern = "spike", base = 20, peak = 60, hold = "10s", duration = "30s" },  # a burst
        ]
        """,
        """
          pattern: composite    # stages of any pattern, one after another (2m in all)
          stages:
            - pattern: ramp     # warm up
              from: 0
              to: 20
              duration: 30s
            - pattern: constant # steady state
              users: 20
              duration: 1m
            - pattern: spike    # a burst
              base: 20
              peak: 60
              hold: 10s
              duration: 30s
        """,
        """
        "pattern": "composite", "stages": [
            { "pattern": "ramp", "from": 0, "to": 20, "duration": "30s" },
            { "pattern": "constant", "users": 20, "duration": "1m" },
            { "pattern": "spike", "base": 20, "peak": 60, "hold": "10s", "duration": "30s" }
          ]
        """
      )
    }
  }

  /// The starter file for `name` in `format`.
  func text(name: String, format: InitFormat) -> String {
    if self == .apiAuth { return Self.apiAuthText(name: name, format: format) }
    return switch format {
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
