// Intentionally empty: the wrappers are `static inline` in include/CCurlShim.h (see there why).
// SwiftPM needs one source file for a C target.
