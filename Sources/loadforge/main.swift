// Placeholder; replaced by the CLI work.
print("loadforge")
