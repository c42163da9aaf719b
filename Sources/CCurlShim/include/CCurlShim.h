#ifndef LOADFORGE_CCURLSHIM_H
#define LOADFORGE_CCURLSHIM_H
// Non-variadic wrappers around libcurl's variadic setopt/getinfo calls, which Swift does not
// import: one wrapper per argument type (curl reads the variadic argument as exactly that type,
// so passing it through a fixed prototype is what the C macros do too).
//
// `static inline`, so Swift's Clang importer compiles them into the Swift objects: a C
// translation unit of this target would carry clang's DWARF 5 debug info, which valgrind 3.19
// cannot read (Benchmarks/callgrind-per-request.sh gave up on the whole binary).
#include <curl/curl.h>

#pragma clang assume_nonnull begin

/// The value curl passes as the socket for "no socket, a timeout" (CURL_SOCKET_TIMEOUT).
static const curl_socket_t lf_curl_socket_timeout = CURL_SOCKET_TIMEOUT;
/// Size of the buffer CURLOPT_ERRORBUFFER writes into (CURL_ERROR_SIZE).
static const int lf_curl_error_size = CURL_ERROR_SIZE;

typedef size_t (*lf_curl_write_callback)(char *buffer, size_t size, size_t nitems, void *_Nullable userdata);
typedef int (*lf_curl_socket_callback)(
    CURL *easy, curl_socket_t socket, int what, void *_Nullable userp, void *_Nullable socketp);
typedef int (*lf_curl_timer_callback)(CURLM *multi, long timeout_ms, void *_Nullable userp);

static inline CURLcode lf_curl_easy_setopt_long(CURL *easy, CURLoption option, long value) {
  return curl_easy_setopt(easy, option, value);
}
static inline CURLcode lf_curl_easy_setopt_off(CURL *easy, CURLoption option, curl_off_t value) {
  return curl_easy_setopt(easy, option, value);
}
static inline CURLcode lf_curl_easy_setopt_pointer(CURL *easy, CURLoption option, void *_Nullable value) {
  return curl_easy_setopt(easy, option, value);
}
static inline CURLcode lf_curl_easy_setopt_string(CURL *easy, CURLoption option, const char *_Nullable value) {
  return curl_easy_setopt(easy, option, value);
}
static inline CURLcode lf_curl_easy_setopt_write_callback(CURL *easy, CURLoption option, lf_curl_write_callback value) {
  return curl_easy_setopt(easy, option, value);
}

static inline CURLMcode lf_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
  return curl_multi_setopt(multi, option, value);
}
static inline CURLMcode lf_curl_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *_Nullable value) {
  return curl_multi_setopt(multi, option, value);
}
static inline CURLMcode lf_curl_multi_setopt_socket_callback(CURLM *multi, CURLMoption option, lf_curl_socket_callback value) {
  return curl_multi_setopt(multi, option, value);
}
static inline CURLMcode lf_curl_multi_setopt_timer_callback(CURLM *multi, CURLMoption option, lf_curl_timer_callback value) {
  return curl_multi_setopt(multi, option, value);
}

static inline CURLcode lf_curl_easy_getinfo_long(CURL *easy, CURLINFO info, long *value) {
  return curl_easy_getinfo(easy, info, value);
}
static inline CURLcode lf_curl_easy_getinfo_off(CURL *easy, CURLINFO info, curl_off_t *value) {
  return curl_easy_getinfo(easy, info, value);
}
static inline CURLcode lf_curl_easy_getinfo_pointer(CURL *easy, CURLINFO info, void *_Nullable *_Nonnull value) {
  return curl_easy_getinfo(easy, info, value);
}

#pragma clang assume_nonnull end

#endif
