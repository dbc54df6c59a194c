// FFmpeg's headers for veobatch-media, and the few macros Swift cannot import (they expand to
// expressions or casts, not plain literals), as functions.
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>

/// AVERROR(EAGAIN): the decoder or encoder wants more input before it has output.
static inline int veobatch_error_again(void) { return AVERROR(EAGAIN); }

/// AVERROR_EOF: the end of the stream (or of a flushed decoder or encoder).
static inline int veobatch_error_eof(void) { return AVERROR_EOF; }

/// AV_NOPTS_VALUE: "no timestamp" (or no duration).
static inline int64_t veobatch_no_timestamp(void) { return AV_NOPTS_VALUE; }
