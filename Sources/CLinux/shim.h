#ifndef LOADFORGE_CLINUX_SHIM_H
#define LOADFORGE_CLINUX_SHIM_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <netinet/tcp.h>
#endif
