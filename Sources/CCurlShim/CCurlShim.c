#include "CCurlShim.h"

CURLcode lf_curl_easy_setopt_long(CURL *easy, CURLoption option, long value) {
  return curl_easy_setopt(easy, option, value);
}

CURLcode lf_curl_easy_setopt_off(CURL *easy, CURLoption option, curl_off_t value) {
  return curl_easy_setopt(easy, option, value);
}

CURLcode lf_curl_easy_setopt_pointer(CURL *easy, CURLoption option, void *value) {
  return curl_easy_setopt(easy, option, value);
}

CURLcode lf_curl_easy_setopt_string(CURL *easy, CURLoption option, const char *value) {
  return curl_easy_setopt(easy, option, value);
}

CURLcode lf_curl_easy_setopt_write_callback(CURL *easy, CURLoption option, lf_curl_write_callback value) {
  return curl_easy_setopt(easy, option, value);
}

CURLMcode lf_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
  return curl_multi_setopt(multi, option, value);
}

CURLMcode lf_curl_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *value) {
  return curl_multi_setopt(multi, option, value);
}

CURLMcode lf_curl_multi_setopt_socket_callback(CURLM *multi, CURLMoption option, lf_curl_socket_callback value) {
  return curl_multi_setopt(multi, option, value);
}

CURLMcode lf_curl_multi_setopt_timer_callback(CURLM *multi, CURLMoption option, lf_curl_timer_callback value) {
  return curl_multi_setopt(multi, option, value);
}

CURLcode lf_curl_easy_getinfo_long(CURL *easy, CURLINFO info, long *value) {
  return curl_easy_getinfo(easy, info, value);
}

CURLcode lf_curl_easy_getinfo_off(CURL *easy, CURLINFO info, curl_off_t *value) {
  return curl_easy_getinfo(easy, info, value);
}

CURLcode lf_curl_easy_getinfo_pointer(CURL *easy, CURLINFO info, void **value) {
  return curl_easy_getinfo(easy, info, value);
}
