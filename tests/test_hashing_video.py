"""vPDQ: videos hashed by `tipline hash`, stored in banks, exchanged in the ThreatExchange/HMA formats,
and matched by vPDQ's frame-percentage rule.

The test videos are made here: photos from the PDQ reference set, each shown for one second, written
as YUV4MPEG2 (uncompressed frames behind a one-line header, which FFmpeg reads). No media is fetched.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from conftest import SHARED, need
from tipline.cli import app
from tipline.hashing import Banks, InvalidHash, hash_bytes, hash_file, signal_type
from tipline.hashing.formats import read_lines, read_text
from tipline.hashing.video import (
    VpdqFrame,
    VpdqIndex,
    looks_like_video,
    match_frames,
    parse_signal,
    signal_text,
)

IMAGES = SHARED / "data" / "pdq" / "images"
PHOTOS = ["bridge-1-original.jpg", "q0291.jpg", "q0746.jpg", "pen-and-coaster.png", "q1050.jpg"]
OTHERS = ["c.png", "q2821.jpg", "wee.jpg", "exif-rotn-1.jpg"]
FPS = 2


def need_vpdq() -> None:
    try:
        import vpdq  # noqa: F401
    except ImportError:
        need(False, "the vpdq package is not installed (it builds against FFmpeg's development libraries)")
    need(all((IMAGES / n).exists() for n in PHOTOS + OTHERS), f"{IMAGES} is absent")


def pictures(names: list[str], size: tuple[int, int] = (320, 240)) -> list[Image.Image]:
    return [Image.open(IMAGES / n).convert("RGB").resize(size, Image.Resampling.BILINEAR) for n in names]


def write_y4m(path: Path, shown: list[Image.Image]) -> Path:
    """Each picture for one second at FPS frames a second, as 4:4:4 YUV4MPEG2."""
    width, height = shown[0].size
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F{FPS}:1 Ip A1:1 C444\n".encode())
        for picture in shown:
            planes = b"".join(p.tobytes() for p in picture.convert("YCbCr").split())
            for _ in range(FPS):
                out.write(b"FRAME\n" + planes)
    return path



def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def test_tipline_hash_prints_the_frames_of_a_video_as_the_vpdq_tools_do(tmp_path):
    need_vpdq()
    shown = pictures(PHOTOS)
    video = write_y4m(tmp_path / "clip.y4m", shown)
    result = CliRunner().invoke(app, ["hash", "--format", "json", str(video)])  # options first work too
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert list(row) == ["file", "pdq", "pdq_oriented", "quality", "md5", "sha256", "error", "vpdq"]
    assert row["pdq"] is None and row["error"] is None and len(row["sha256"]) == 64
    frames = [VpdqFrame.parse(f) for f in row["vpdq"]]
    assert [f.timestamp for f in frames] == [float(s) for s in range(len(PHOTOS))]  # one hash a second
    assert all(str(f) == text for f, text in zip(frames, row["vpdq"], strict=True))
    for frame, picture in zip(frames, shown, strict=True):
        # the frame's PDQ, computed by vPDQ's C++ from FFmpeg's decoding, against ours on the picture
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        ours = hash_bytes(buffer.getvalue())
        assert frame.quality >= 50 and distance(frame.hash, ours.pdq) <= 16, (frame, ours.pdq)
    # the row's frames are a valid ThreatExchange vpdq signal
    assert parse_signal(json.dumps(row["vpdq"])) == frames


def test_a_video_file_that_cannot_be_decoded_gets_a_clear_error(tmp_path):
    need_vpdq()
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00garbage" * 200)
    result = CliRunner().invoke(app, ["hash", str(broken), str(tmp_path / "absent.mp4"), "--format", "json"])
    assert result.exit_code == 1
    bad, absent = json.loads(result.stdout)
    assert "vpdq" not in bad
    assert bad["error"].startswith("not a video") and len(bad["md5"]) == 32 and bad["pdq"] is None
    assert absent["error"] == "no such file"


def test_video_and_picture_signatures():
    assert looks_like_video(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00")
    assert looks_like_video(b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81")  # WebM/Matroska
    assert looks_like_video(b"RIFF\x10\x00\x00\x00AVI LIST")
    assert not looks_like_video(b"\x00\x00\x00\x1cftypheic\x00\x00")  # an iPhone photo is no video
    assert not looks_like_video(b"RIFF\x10\x00\x00\x00WEBPVP8 ")
    assert not looks_like_video(b"\xff\xd8\xff\xe0\x00\x10JFIF")


# --- the signal ------------------------------------------------------------------------------

HEX = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"


def test_signals_are_validated_and_normalised():
    st = signal_type("vpdq")
    spaced = json.dumps([f"{HEX.upper()},100,0.0", f"{HEX},87,1"])  # json.dumps' ", ", upper case
    assert st.validate(spaced) == f'["{HEX},100,0.000","{HEX},87,1.000"]'
    for bad, reason in [("", "JSON array"), ("[]", "without any frame"), (HEX, "JSON array"),
                        ('["abc,100,0"]', "64 hexadecimal"), (f'["{HEX},101,0"]', "quality 101"),
                        (f'["{HEX},100,-1"]', "timestamp"), (f'["{HEX},100"]', "is not a vPDQ frame"),
                        (f'[["{HEX}"]]', "JSON array"), (f'["{HEX},100,nan"]', "timestamp")]:
        with pytest.raises(InvalidHash, match=reason):
            st.validate(bad)


def test_signal_lines_with_the_threatexchange_json_spacing_are_read():
    signal = json.dumps([f"{HEX},100,0.000", f"{HEX},90,1.000"])  # with a space after each comma
    result = read_lines([f"vpdq {signal}", "vpdq [not json", f"'collab' vpdq {signal} extra metadata"])
    assert [r.value for r in result.records] == [signal_text(parse_signal(signal))] * 2
    assert [n for n, _ in result.errors] == [2]


def frames_of(codes: np.ndarray, quality: int = 100) -> list[VpdqFrame]:
    return [VpdqFrame(c.tobytes().hex(), quality, float(i)) for i, c in enumerate(codes)]


def flipped(code: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    bits = np.unpackbits(code)
    bits[rng.choice(256, k, replace=False)] ^= 1
    return np.packbits(bits)


def test_the_percentages_follow_vpdq_rule_in_both_directions():
    rng = np.random.default_rng(5)
    video = rng.integers(0, 256, (10, 32), dtype=np.uint8)
    bank = frames_of(video)
    # a clip: the first half of the video, each frame re-encoded (a few bits off), plus a repeated frame
    clip = frames_of(np.stack([flipped(c, 12, rng) for c in video[:5]] + [video[0]]))
    assert match_frames(clip, bank) == (100.0, 50.0)
    index = VpdqIndex()
    index.add(7, "key", bank)
    [m] = index.match(clip)
    assert (m.id, m.key, m.query_match_percent, m.compared_match_percent) == (7, "key", 100.0, 50.0)
    assert index.match(clip, compared_percent=60.0) == []
    # three of five frames found: 60 %, under the default 80 %
    partly = frames_of(np.concatenate([video[:3], rng.integers(0, 256, (2, 32), dtype=np.uint8)]))
    assert index.match(partly) == [] and index.match(partly, query_percent=60.0)[0].query_match_percent == 60.0
    # frames of quality under 50 take no part, on either side
    assert index.match(frames_of(video[:5], quality=49)) == []
    assert match_frames(frames_of(video[:5], quality=49), bank) == (0.0, 0.0)
    assert index.remove([7]) == 1 and index.match(clip) == []


def test_the_index_gives_the_brute_force_percentages():
    rng = np.random.default_rng(11)
    index, videos = VpdqIndex(), {}
    for vid in range(20):
        videos[vid] = frames_of(rng.integers(0, 256, (int(rng.integers(3, 12)), 32), dtype=np.uint8),
                                quality=int(rng.choice([30, 100])) if vid % 5 == 0 else 100)
        index.add(vid, str(vid), videos[vid])
    for _ in range(20):
        source = videos[int(rng.integers(20))]
        take = rng.random(len(source)) < 0.7
        query = [VpdqFrame(flipped(np.frombuffer(bytes.fromhex(f.hash), np.uint8), int(rng.integers(0, 40)), rng)
                           .tobytes().hex(), 100, f.timestamp) for f, t in zip(source, take, strict=True) if t]
        if not query:
            continue
        found = {m.id: (m.query_match_percent, m.compared_match_percent)
                 for m in index.match(query, query_percent=0.0)}
        expected = {vid: tuple(round(float(p), 2) for p in match_frames(query, frames))
                    for vid, frames in videos.items()}
        assert found == {vid: p for vid, p in expected.items() if p[0] > 0}


# --- banks: in the store, in and out, matched -----------------------------------------------------

def test_a_video_goes_into_a_bank_comes_out_in_each_format_and_a_resized_copy_matches(run, tmp_path):
    need_vpdq()
    original = write_y4m(tmp_path / "victim.y4m", pictures(PHOTOS))
    resized = write_y4m(tmp_path / "reupload.y4m", pictures(PHOTOS, (480, 360)))
    other = write_y4m(tmp_path / "other.y4m", pictures(OTHERS))
    frames = hash_file(original).vpdq
    assert frames
    listing = tmp_path / "list.txt"
    listing.write_text(f"vpdq {json.dumps(list(frames))}\nvpdq [1]\n")  # ThreatExchange spacing; a bad line
    imported = run("bank", "import", listing, "--name", "videos")
    assert imported.exit_code == 1 and f"{listing}:2:" in imported.stderr and "1 new hashes" in imported.stderr
    again = run("bank", "import", listing, "--name", "videos")
    assert "0 new hashes" in again.stderr  # the same video twice is stored once
    for fmt in ("lines", "csv", "hma"):
        out = tmp_path / f"out.{fmt}"
        assert run("bank", "export", "videos", "--to", fmt, "--out", out).exit_code == 0
        [record] = read_text(out.read_text()).records
        assert (record.signal_type, parse_signal(record.value)) == ("vpdq", parse_signal(json.dumps(frames)))
        copied = run("bank", "import", out, "--name", f"copy-{fmt}", "--format", fmt)
        assert copied.exit_code == 0 and "1 new hashes" in copied.stderr, (fmt, copied.stderr)

    matched = run("hash", "match", resized, other)
    assert matched.exit_code == 0, matched.output
    copy, unrelated = (json.loads(line) for line in matched.stdout.splitlines())
    assert {m["bank"] for m in copy["matches"]} == {"videos", "copy-lines", "copy-csv", "copy-hma"}
    for m in copy["matches"]:
        assert m["signal_type"] == "vpdq" and m["query_match_percent"] >= 80 and m["compared_match_percent"] >= 80
        assert m["distance"] == round(100 - m["query_match_percent"])
    assert unrelated["matches"] == []
    assert run("bank", "match", resized, other).stdout == matched.stdout  # the old name, same answer


def test_in_memory_banks_take_whole_signals(tmp_path):
    need_vpdq()
    frames = hash_file(write_y4m(tmp_path / "v.y4m", pictures(PHOTOS))).vpdq
    banks = Banks()
    banks.bank("partner").add(3, "vpdq", json.dumps(list(frames)))
    [m] = banks.match("vpdq", json.dumps(list(frames[:3])))
    assert (m.bank, m.id, m.query_match_percent, m.compared_match_percent, m.distance) == ("partner", 3, 100.0,
                                                                                           60.0, 0)
    assert m.as_dict()["query_match_percent"] == 100.0
    banks.bank("partner").add(4, "md5", "a" * 32)
    [exact] = banks.match("md5", "a" * 32)
    assert "query_match_percent" not in exact.as_dict()  # the percentages are for videos only
    assert banks.bank("partner").remove([3]) == 1 and banks.match("vpdq", json.dumps(list(frames))) == []


def test_without_vpdq_a_video_gets_its_exact_hashes_and_says_what_is_missing(tmp_path, monkeypatch):
    import sys

    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypisom" + bytes(500))
    monkeypatch.setitem(sys.modules, "vpdq", None)  # `import vpdq` raises ImportError
    row = hash_file(video)
    assert row.vpdq is None and row.pdq is None and len(row.md5) == 32
    assert "vPDQ is not installed" in row.error and "tipline[video]" in row.error
