// swift-tools-version: 6.2
// LoadForge: a load-testing engine for Linux. See ../shared/DESIGN.md §2 for the target map.
// Data flows one way: Config → Spec → Plan → Engine → Metrics → Report/CLI.
import PackageDescription

let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
  name: "LoadForge",
  products: [
    .executable(name: "loadforge", targets: ["loadforge"]),
    .executable(name: "toml-test-decoder", targets: ["toml-test-decoder"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    // The live dashboard's WebSocket (server; the client library only in its tests).
    .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    // Already in the graph through Hummingbird; named for the demo target's Logger, Channel,
    // HTTPField and ServiceGroup.
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
  ],
  targets: [
    // Linux headers Glibc does not export (epoll, eventfd, timerfd, memfd).
    .systemLibrary(name: "CLinux", path: "Sources/CLinux"),
    // libyaml (Debian libyaml-dev) for YAML configs, through its event API.
    .systemLibrary(name: "CYaml", path: "Sources/CYaml", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
    // libcurl (Debian libcurl4-openssl-dev) for https:// origins, through its multi_socket API.
    .systemLibrary(
      name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    // zlib (Debian zlib1g-dev) for HdrHistogram's V2 compressed encoding in latency.hlog.
    .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // Non-variadic wrappers for curl_easy_setopt / curl_multi_setopt / curl_easy_getinfo.
    .target(name: "CCurlShim", dependencies: ["CCurl"]),
    .target(name: "LoadForgeConfig", dependencies: ["CYaml"], swiftSettings: strict),
    .target(name: "LoadForgeSpec", dependencies: ["LoadForgeConfig"], swiftSettings: strict),
    .target(name: "LoadForgePlan", dependencies: ["LoadForgeConfig", "LoadForgeSpec"], swiftSettings: strict),
    .target(name: "LoadForgeHTTP", swiftSettings: strict),
    .target(
      name: "LoadForgeMetrics",
      dependencies: [.product(name: "Histogram", package: "hdrhistogram-swift")],
      swiftSettings: strict),
    .target(
      name: "LoadForgeEngine",
      dependencies: ["CLinux", "CCurl", "CCurlShim", "LoadForgePlan", "LoadForgeHTTP", "LoadForgeMetrics"],
      swiftSettings: strict),
    .target(
      name: "LoadForgeReport",
      dependencies: [
        "CZlib", "LoadForgeMetrics", "LoadForgePlan", .product(name: "Histogram", package: "hdrhistogram-swift"),
      ],
      // Plotly.js, inlined into every HTML report, with its MIT notice (Resources/PLOTLY-LICENSE).
      resources: [.copy("Resources/plotly.min.js"), .copy("Resources/PLOTLY-LICENSE")],
      swiftSettings: strict),
    // The built-in demo HTTP server (`loadforge demo-target`, `run --demo`): a test target, never measured.
    .target(
      name: "LoadForgeDemo",
      dependencies: [
        .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      swiftSettings: strict),
    // The live web dashboard (`run --dashboard`) and the replay server (`loadforge dashboard RUN_DIR`):
    // Hummingbird + WebSocket, fed by the snapshot stream; Resources/dashboard holds the built page
    // (scripts/build-dashboard.sh from web/dashboard), React's UMD files and their notices.
    .target(
      name: "LoadForgeDashboard",
      dependencies: [
        "LoadForgeMetrics", "LoadForgePlan", "LoadForgeReport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
        .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
        // NIOPosix: the server's own one-thread event loop group; HTTPTypes: its header names.
        .product(name: "NIOPosix", package: "swift-nio"), .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      resources: [.copy("Resources/dashboard")],
      swiftSettings: strict),
    .executableTarget(
      name: "loadforge",
      dependencies: [
        "LoadForgeConfig", "LoadForgeSpec", "LoadForgePlan", "LoadForgeEngine", "LoadForgeMetrics",
        "LoadForgeReport", "LoadForgeDemo", "LoadForgeDashboard",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),
    .executableTarget(name: "toml-test-decoder", dependencies: ["LoadForgeConfig"], swiftSettings: strict),

    // Helpers shared by the test targets (deterministic RNG, …); never linked into the CLI.
    .target(name: "LoadForgeTestSupport", path: "Tests/LoadForgeTestSupport", swiftSettings: strict),
    .testTarget(
      name: "LoadForgeConfigTests", dependencies: ["LoadForgeConfig", "LoadForgeTestSupport"], swiftSettings: strict),
    .testTarget(name: "LoadForgeSpecTests", dependencies: ["LoadForgeSpec", "LoadForgeConfig"], swiftSettings: strict),
    .testTarget(
      name: "LoadForgePlanTests",
      dependencies: ["LoadForgePlan", "LoadForgeSpec", "LoadForgeConfig", "LoadForgeTestSupport"], swiftSettings: strict
    ),
    .testTarget(
      name: "LoadForgeHTTPTests", dependencies: ["LoadForgeHTTP", "LoadForgeTestSupport"], swiftSettings: strict),
    .testTarget(
      name: "LoadForgeMetricsTests", dependencies: ["LoadForgeMetrics", "LoadForgeTestSupport"], swiftSettings: strict),
    .testTarget(
      name: "LoadForgeEngineTests",
      dependencies: ["LoadForgeEngine", "LoadForgePlan", "LoadForgeMetrics", "CLinux", "LoadForgeTestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "LoadForgeReportTests",
      dependencies: [
        "LoadForgeReport", "LoadForgeMetrics", .product(name: "Histogram", package: "hdrhistogram-swift"),
      ],
      swiftSettings: strict),
    .testTarget(
      name: "LoadForgeDemoTests", dependencies: ["LoadForgeDemo", "LoadForgeTestSupport"], swiftSettings: strict),
    .testTarget(
      name: "LoadForgeDashboardTests",
      dependencies: [
        "LoadForgeDashboard", "LoadForgeMetrics", "LoadForgePlan", "LoadForgeReport", "LoadForgeTestSupport",
        .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strict),
    // browser/ holds the Playwright script HTMLReportBrowserTests runs (not Swift).
    .testTarget(
      name: "IntegrationTests", dependencies: ["loadforge", "LoadForgeTestSupport"], exclude: ["browser"],
      swiftSettings: strict),
  ]
)
