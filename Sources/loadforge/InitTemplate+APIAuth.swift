extension InitTemplate {
  /// `--template api-auth`: setup (login, capture), tasks with the token and checks, teardown;
  /// aimed at the example nginx's `/api` endpoints.
  static func apiAuthText(name: String, format: InitFormat) -> String {
    switch format {
    case .toml:
      """
      # LoadForge test "\(name)": each virtual user (VU) logs in once, then calls the API with the
      # token it captured, checking every response; it logs out when it stops.
      # Run it: loadforge run \(name).toml  (start the example server first: scripts/example-nginx.sh start)
      name = "\(name)"
      base_url = "${BASE_URL:-http://127.0.0.1:8080}"  # ${VAR} and ${VAR:-default} come from the environment

      [defaults]
      headers = { Accept = "application/json" }
      timeout = "10s"                              # response timeout per request
      think_time = { min = "500ms", max = "2s" }   # pause between a VU's requests

      [load]
      pattern = "constant"
      users = 10
      duration = "30s"

      [[scenarios]]
      name = "api user"

        [[scenarios.setup]]                        # once per VU, before its first iteration
        name = "login"
        method = "POST"
        path = "/api/login"
        json = { username = "demo", password = "${API_PASSWORD:-demo}" }  # sent as a JSON body
        expect = { status = 200, json = { "$.ok" = true } }               # a failed check counts as check_failed
        capture = { token = { json = "$.token" } }                        # stored as ${vu.token} for this VU

        [[scenarios.tasks]]                        # each iteration picks a task by weight
        name = "list items"
        weight = 3
        path = "/api/items"
        headers = { Authorization = "Bearer ${vu.token}" }
        expect = { status = "2xx", body_contains = "items" }
        capture = { item = { regex = '"id":(\\d+)', group = 1 } }        # also { header = "ETag" }

        [[scenarios.tasks]]
        name = "item"
        weight = 1
        path = "/api/items/${vu.item}"             # VU variables are escaped for where they land
        headers = { Authorization = "Bearer ${vu.token}" }
        expect = { status = [200, 304], headers = { "content-type" = "application/json" } }

        [[scenarios.teardown]]                     # once per VU, after its last iteration
        name = "logout"
        method = "POST"
        path = "/api/logout"
        headers = { Authorization = "Bearer ${vu.token}" }

      """
    case .yaml:
      """
      # LoadForge test "\(name)": each virtual user (VU) logs in once, then calls the API with the
      # token it captured, checking every response; it logs out when it stops.
      # Run it: loadforge run \(name).yaml  (start the example server first: scripts/example-nginx.sh start)
      name: \(name)
      base_url: "${BASE_URL:-http://127.0.0.1:8080}"  # ${VAR} and ${VAR:-default} come from the environment

      defaults:
        headers:
          Accept: application/json
        timeout: 10s                          # response timeout per request
        think_time: { min: 500ms, max: 2s }   # pause between a VU's requests

      load:
        pattern: constant
        users: 10
        duration: 30s

      scenarios:
        - name: api user
          setup:                              # once per VU, before its first iteration
            - name: login
              method: POST
              path: /api/login
              json: { username: demo, password: "${API_PASSWORD:-demo}" }  # sent as a JSON body
              expect: { status: 200, json: { "$.ok": true } }              # a failed check counts as check_failed
              capture: { token: { json: "$.token" } }                      # stored as ${vu.token} for this VU
          tasks:                              # each iteration picks a task by weight
            - name: list items
              weight: 3
              path: /api/items
              headers: { Authorization: "Bearer ${vu.token}" }
              expect: { status: 2xx, body_contains: items }
              capture: { item: { regex: '"id":(\\d+)', group: 1 } }       # also { header: ETag }
            - name: item
              weight: 1
              path: "/api/items/${vu.item}"   # VU variables are escaped for where they land
              headers: { Authorization: "Bearer ${vu.token}" }
              expect: { status: [200, 304], headers: { content-type: application/json } }
          teardown:                           # once per VU, after its last iteration
            - name: logout
              method: POST
              path: /api/logout
              headers: { Authorization: "Bearer ${vu.token}" }

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
        "load": { "pattern": "constant", "users": 10, "duration": "30s" },
        "scenarios": [
          {
            "name": "api user",
            "setup": [
              {
                "name": "login", "method": "POST", "path": "/api/login",
                "json": { "username": "demo", "password": "${API_PASSWORD:-demo}" },
                "expect": { "status": 200, "json": { "$.ok": true } },
                "capture": { "token": { "json": "$.token" } }
              }
            ],
            "tasks": [
              {
                "name": "list items", "weight": 3, "path": "/api/items",
                "headers": { "Authorization": "Bearer ${vu.token}" },
                "expect": { "status": "2xx", "body_contains": "items" },
                "capture": { "item": { "regex": "\\\"id\\\":(\\\\d+)", "group": 1 } }
              },
              {
                "name": "item", "weight": 1, "path": "/api/items/${vu.item}",
                "headers": { "Authorization": "Bearer ${vu.token}" },
                "expect": { "status": [200, 304], "headers": { "content-type": "application/json" } }
              }
            ],
            "teardown": [
              {
                "name": "logout", "method": "POST", "path": "/api/logout",
                "headers": { "Authorization": "Bearer ${vu.token}" }
              }
            ]
          }
        ]
      }

      """
    }
  }
}
