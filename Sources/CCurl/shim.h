#ifndef LOADFORGE_CCURL_SHIM_H
#define LOADFORGE_CCURL_SHIM_H
// libcurl (Debian libcurl4-openssl-dev) for https:// origins, driven through its multi_socket API.
#include <curl/curl.h>
#endif
