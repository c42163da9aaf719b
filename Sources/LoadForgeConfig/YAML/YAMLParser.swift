/// Placeholder: replaced by the YAML reader.
public enum YAMLParser {}
