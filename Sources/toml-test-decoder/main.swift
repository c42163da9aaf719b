// Placeholder; replaced by the TOML work.
print("{}")
