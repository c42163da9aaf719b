// zlib (Debian zlib1g-dev): deflate/inflate for HdrHistogram's V2 compressed encoding (.hlog).
#include <zlib.h>
