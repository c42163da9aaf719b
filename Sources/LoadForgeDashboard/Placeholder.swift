// Replaced by the dashboard server.
enum DashboardPlaceholder {}
