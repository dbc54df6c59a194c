#!/usr/bin/env bash
# Regenerates the small real media in manifests/example/ with ffmpeg's built-in sources.
# The committed files are what the tests use; run this only to change them, then commit.
# Needs ffmpeg with libx264 (Debian: apt-get install ffmpeg).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out="$here/example"
mkdir -p "$out/shot050"

# Bit-exact flags keep ffmpeg's version string out of the files, so reruns change nothing needless.
ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }
exact=(-fflags +bitexact -flags:v +bitexact -map_metadata -1)
size=128x72

# shot010: start/end pair (PNG) — a harbour sky going from night blue to sunrise orange.
ff -f lavfi -i "gradients=s=$size:c0=0x0b1d3a:c1=0x274b7a:x0=0:y0=0:x1=0:y1=72:seed=10" \
   -frames:v 1 -pix_fmt rgb24 "${exact[@]}" "$out/shot010_start.png"
ff -f lavfi -i "gradients=s=$size:c0=0x3a6ea5:c1=0xffa54f:x0=0:y0=0:x1=0:y1=72:seed=11" \
   -frames:v 1 -pix_fmt rgb24 "${exact[@]}" "$out/shot010_end.png"

# shot020: a single frame (JPEG) — a fractal "nebula".
ff -f lavfi -i "mandelbrot=s=$size:start_scale=1.5:maxiter=200" \
   -frames:v 1 -q:v 5 "${exact[@]}" "$out/shot020.jpg"

# shot030: three reference images (PNG, JPEG, PNG) — a background and two coloured "characters".
ff -f lavfi -i "gradients=s=$size:c0=0x2e7d32:c1=0xa5d6a7:x0=0:y0=72:x1=0:y1=0:seed=30" \
   -frames:v 1 -pix_fmt rgb24 "${exact[@]}" "$out/shot030_ref1.png"
ff -f lavfi -i "color=c=0xf5f0e6:s=$size" \
   -vf "drawbox=x=52:y=12:w=24:h=48:color=0xc62828:t=fill,drawbox=x=58:y=4:w=12:h=12:color=0x5d4037:t=fill" \
   -frames:v 1 -q:v 5 "${exact[@]}" "$out/shot030_ref2.jpg"
ff -f lavfi -i "color=c=0xe3f2fd:s=$size" \
   -vf "drawbox=x=44:y=20:w=40:h=40:color=0x1565c0:t=fill,drawbox=x=56:y=8:w=16:h=14:color=0xffcc80:t=fill" \
   -frames:v 1 -pix_fmt rgb24 "${exact[@]}" "$out/shot030_ref3.png"

# shot040: a 1.5 s clip to extend (H.264 MP4, faststart).
ff -f lavfi -i "testsrc2=s=$size:r=12" -t 1.5 -c:v libx264 -preset veryslow -crf 32 -pix_fmt yuv420p \
   -movflags +faststart "${exact[@]}" "$out/shot040.mp4"

# shot050: a start/end pair in a folder of its own (JPEG), with the first/last spelling.
ff -f lavfi -i "mandelbrot=s=$size:start_scale=3:maxiter=120" \
   -frames:v 1 -q:v 5 "${exact[@]}" "$out/shot050/shot050_first.jpg"
ff -f lavfi -i "mandelbrot=s=$size:start_scale=0.3:maxiter=120" \
   -frames:v 1 -q:v 5 "${exact[@]}" "$out/shot050/shot050_last.jpg"

ls -l "$out" "$out/shot050"
