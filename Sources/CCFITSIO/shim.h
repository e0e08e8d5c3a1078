#include <fitsio.h>

/* From cfitsio's fitsio2.h (not a public header, but the symbol is exported): inflates a gzip
   stream held in memory. With mem_realloc = NULL it decompresses into the given buffer only and
   fails when that is too small or the stream is incomplete, instead of growing the buffer. */
int uncompress2mem_from_mem(char *inmemptr, size_t inmemsize, char **buffptr, size_t *buffsize,
                            void *(*mem_realloc)(void *p, size_t newsize), size_t *filesize,
                            int *status);
