/* version.h - the release this source tree builds. */
#ifndef BDL_VERSION_H
#define BDL_VERSION_H

#define BDL_VERSION "0.1.0"

#endif
