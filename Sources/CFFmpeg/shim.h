// FFmpeg's headers for veobatch-media (FFmpeg 5.1 on Debian 12; the worker is built against the
// system's copy), and the macros Swift cannot import (they expand to casts, not plain literals)
// as functions.
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>

/// AV_NOPTS_VALUE: "no timestamp" (or no duration).
static inline int64_t veobatch_no_timestamp(void) { return AV_NOPTS_VALUE; }
