/* wcslib (Debian: wcslib-dev; pkg-config: wcslib, which adds -I/usr/include/wcslib): header
   parsing (wcspih), fixes of old conventions (wcsfix), sub-images (wcssub) and the pixel <->
   world transforms (wcsp2s, wcss2p) of the celestial axes. */
#include <wcs.h>
#include <wcshdr.h>
#include <wcsfix.h>
