/// Placeholder: replaced by the JSON reader.
public enum JSONParser {}
