"""Media files for the benchmarks: real images and clips made once with ffmpeg, big PNGs made of
a real PNG followed by padding, and junk that only looks like media by its name."""

import gzip
import os
import struct
import subprocess
import zlib


def png_bytes(width, height, text=b""):
    """A small, valid PNG (grey gradient) with an optional tEXt chunk that makes it unique."""

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes((x * 255 // max(1, width - 1)) for x in range(width)) for _ in range(height))
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    if text:
        data += chunk(b"tEXt", b"Comment\x00" + text)
    return data + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def write_padded_png(path, size, unique):
    """A file of exactly `size` bytes that libmagic and rh-sim type as PNG by its first bytes: a
    real 64x36 PNG with a unique comment, then zero padding after IEND (distinct content, so the
    upload cache cannot fold two files into one)."""
    head = png_bytes(64, 36, text=f"veobatch bench {unique}".encode())
    with open(path, "wb") as handle:
        handle.write(head)
        remaining = size - len(head)
        block = b"\x00" * (1 << 20)
        while remaining > 0:
            step = min(remaining, len(block))
            handle.write(block[:step])
            remaining -= step


def ffmpeg(*args):
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def make_samples(folder):
    """Real media made once with ffmpeg; the scan tree copies these. Returns {kind: [paths]}."""
    os.makedirs(folder, exist_ok=True)
    samples = {"png": [], "jpeg": [], "webp": [], "mp4": [], "mov": []}
    for width, height, source in [(640, 360, "testsrc2"), (1280, 720, "smptebars"), (1920, 1080, "testsrc2"), (720, 1280, "testsrc")]:
        base = os.path.join(folder, f"{source}-{width}x{height}")
        ffmpeg("-f", "lavfi", "-i", f"{source}=size={width}x{height}", "-frames:v", "1", base + ".png")
        ffmpeg("-f", "lavfi", "-i", f"{source}=size={width}x{height}", "-frames:v", "1", "-q:v", "3", base + ".jpg")
        samples["png"].append(base + ".png")
        samples["jpeg"].append(base + ".jpg")
    try:
        path = os.path.join(folder, "frame-1024x576.webp")
        ffmpeg("-f", "lavfi", "-i", "testsrc2=size=1024x576", "-frames:v", "1", path)
        samples["webp"].append(path)
    except subprocess.CalledProcessError:
        pass  # ffmpeg without libwebp: the tree simply has no WebP
    for seconds, width, height in [(2, 320, 180), (4, 640, 360), (2, 1280, 720)]:
        path = os.path.join(folder, f"clip-{width}x{height}-{seconds}s.mp4")
        ffmpeg("-f", "lavfi", "-i", f"testsrc2=size={width}x{height}:rate=24", "-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-crf", "38", "-pix_fmt", "yuv420p", path)
        samples["mp4"].append(path)
    path = os.path.join(folder, "clip-640x360.mov")
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=24", "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "38", "-pix_fmt", "yuv420p", path)
    samples["mov"].append(path)
    return samples


def junk_bytes(index):
    """Files a shot folder collects by accident: notes, logs, JSON, HTML, archives, random bytes."""
    kind = index % 6
    if kind == 0:
        return ("Shot notes: the lighting in this take is too warm; redo with the blue gel.\n" * (20 + index % 200)).encode()
    if kind == 1:
        return "".join(f"2026-05-01T10:{index % 60:02d}:{i % 60:02d} render frame {i} ok\n" for i in range(50 + index % 400)).encode()
    if kind == 2:
        return ('{"shot": %d, "frames": [%s]}\n' % (index, ",".join(str(i) for i in range(100 + index % 500)))).encode()
    if kind == 3:
        return ("<!doctype html><html><body>" + "<p>review link</p>" * (10 + index % 100) + "</body></html>").encode()
    if kind == 4:
        return gzip.compress(os.urandom(2048) * 4, mtime=0)
    return os.urandom(4096 + (index * 7919) % 60000)
