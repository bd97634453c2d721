#!/usr/bin/env bash
# make-clips.sh: rebuilds every generated file in testdata/ from nothing.
#
#   speech-vi.ogg + speech-vi.levels   Vietnamese speech, Opus in Ogg, one packet per page
#   roomtone.ogg  + roomtone.levels    quiet room tone, same format
#   camera-720p.ivf                    VP8 in IVF, 1280x720, 30 fps, 6 s
#   video-720p.h264                    H.264 Annex-B, constrained baseline 42e01f, 1280x720, 25 fps, 10 s
#   registry-gialai.csv                sample bridge-point registry of Gia Lai province
#   speech-vi-16k.wav                  speech-vi.ogg as 16 kHz PCM (a SIP terminal's microphone)
#
# Needs: espeak-ng, ffmpeg (with libopus, libvpx and libx264), python3 (stdlib only).
# Run from anywhere: ./testdata/make-clips.sh   (writes next to this script)
# Every output is deterministic for a given ffmpeg/espeak-ng build (fixed seeds, bitexact muxing).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for tool in espeak-ng ffmpeg python3; do
	command -v "$tool" >/dev/null || { echo "make-clips: $tool not found" >&2; exit 1; }
done

FF=(ffmpeg -hide_banner -loglevel error -nostdin -y)
# Opus exactly as the soft endpoint sends it: 48 kHz mono, 20 ms frames, one packet per Ogg page
# (Pion's oggreader returns one page at a time, so a page must hold exactly one packet).
OPUS=(-c:a libopus -b:a 32k -frame_duration 20 -application voip -page_duration 20000
	-map_metadata -1 -fflags +bitexact -flags:a +bitexact)

# ---------------------------------------------------------------- helper (python3 stdlib)
cat >"$WORK/clipkit.py" <<'PY'
"""clipkit: PCM synthesis, Ogg/Opus and IVF checks, RFC 6464 levels, the sample registry."""
import csv, math, random, re, struct, sys, wave

RATE = 48000
FRAME = 960  # 20 ms at 48 kHz
FULL = 32768.0


def read_raw(path):
    with open(path, "rb") as f:
        b = f.read()
    return list(struct.unpack("<%dh" % (len(b) // 2), b))


def write_raw(path, samples):
    with open(path, "wb") as f:
        f.write(struct.pack("<%dh" % len(samples), *(max(-32768, min(32767, int(round(s)))) for s in samples)))


def rms(x):
    return math.sqrt(sum(v * v for v in x) / len(x)) if x else 0.0


def room_noise(n, dbfs, seed):
    """Brown-ish pink noise (Paul Kellet's pink filter, then a gentle leaky integrator), scaled to dbfs RMS."""
    rnd = random.Random(seed)
    b0 = b1 = b2 = b3 = b4 = b5 = b6 = 0.0
    lp = 0.0
    out = []
    for _ in range(n):
        w = rnd.uniform(-1.0, 1.0)
        b0 = 0.99886 * b0 + w * 0.0555179
        b1 = 0.99332 * b1 + w * 0.0750759
        b2 = 0.96900 * b2 + w * 0.1538520
        b3 = 0.86650 * b3 + w * 0.3104856
        b4 = 0.55000 * b4 + w * 0.5329522
        b5 = -0.7616 * b5 - w * 0.0168980
        pink = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362
        b6 = w * 0.115926
        lp = 0.9 * lp + 0.1 * pink  # darker, like a ventilated meeting room
        out.append(lp)
    mean = sum(out) / n
    out = [v - mean for v in out]
    gain = FULL * 10 ** (dbfs / 20.0) / rms(out)
    return [v * gain for v in out]


def cmd_roomtone(out, seconds, dbfs, seed):
    n = int(float(seconds) * RATE) // FRAME * FRAME
    write_raw(out, room_noise(n, float(dbfs), int(seed)))


def trim(x, floor=64):
    """Drops the silence espeak-ng leaves before and after an utterance (keeps 10 ms each side)."""
    loud = [i for i, v in enumerate(x) if abs(v) > floor]
    if not loud:
        return []
    return x[max(0, loud[0] - 480):loud[-1] + 480]


def cmd_speech(out, speech_dbfs, floor_dbfs, seed, *parts):
    """parts: lead_ms, then (raw_path, gap_ms) pairs; speech is normalised to speech_dbfs RMS
    over its voiced frames and laid over room tone at floor_dbfs."""
    lead = int(parts[0])
    pcm = [0.0] * (lead * RATE // 1000)
    for path, gap in zip(parts[1::2], parts[2::2]):
        pcm += [float(v) for v in trim(read_raw(path))]
        pcm += [0.0] * (int(gap) * RATE // 1000)
    pcm += [0.0] * (-len(pcm) % FRAME)
    frames = [pcm[i:i + FRAME] for i in range(0, len(pcm), FRAME)]
    loud = [f for f in frames if rms(f) > 300]
    active = math.sqrt(sum(rms(f) ** 2 for f in loud) / len(loud))
    gain = FULL * 10 ** (float(speech_dbfs) / 20.0) / active
    peak = max(abs(v) for v in pcm) * gain
    if peak > 0.89 * FULL:  # keep 1 dB of headroom
        gain *= 0.89 * FULL / peak
    noise = room_noise(len(pcm), float(floor_dbfs), int(seed))
    write_raw(out, [v * gain + n for v, n in zip(pcm, noise)])


def ogg_packets(path):
    """Returns (opus_head, packets); fails unless every audio page holds exactly one whole packet."""
    with open(path, "rb") as f:
        data = f.read()
    pos, pages = 0, []
    while pos < len(data):
        if data[pos:pos + 4] != b"OggS":
            sys.exit("%s: no Ogg capture pattern at byte %d" % (path, pos))
        htype = data[pos + 5]
        nseg = data[pos + 26]
        lacing = data[pos + 27:pos + 27 + nseg]
        body = pos + 27 + nseg
        size = sum(lacing)
        pages.append((htype, bytes(lacing), data[body:body + size]))
        pos = body + size
    head, tags = pages[0][2], pages[1][2]
    if not head.startswith(b"OpusHead") or not tags.startswith(b"OpusTags"):
        sys.exit("%s: first pages are not OpusHead/OpusTags" % path)
    if head[9] != 1 or struct.unpack("<I", head[12:16])[0] != RATE:
        sys.exit("%s: not mono 48 kHz" % path)
    packets = []
    for i, (htype, lacing, body) in enumerate(pages[2:], start=2):
        ends = sum(1 for v in lacing if v < 255)
        if htype & 1 or ends != 1 or lacing[-1] == 255:
            sys.exit("%s: page %d holds %d packet ends (continued=%d); want exactly one packet"
                     % (path, i, ends, htype & 1))
        if opus_samples(body) != FRAME:
            sys.exit("%s: page %d packet is %d samples, want %d" % (path, i, opus_samples(body), FRAME))
        packets.append(body)
    return head, packets


def opus_samples(pkt):
    """Samples at 48 kHz in one Opus packet (RFC 6716 section 3.1)."""
    toc = pkt[0]
    cfg = toc >> 3
    if cfg < 12:
        per = [480, 960, 1920, 2880][cfg & 3]
    elif cfg < 16:
        per = [480, 960][cfg & 1]
    else:
        per = [120, 240, 480, 960][cfg & 3]
    code = toc & 3
    n = 1 if code == 0 else 2 if code in (1, 2) else pkt[1] & 0x3F
    return per * n


def level(frame):
    """RFC 6464 level (-dBov, 0..127) of 16-bit PCM, as libwebrtc's RmsLevel computes it."""
    ms = sum(v * v for v in frame) / len(frame)
    if ms <= FULL * FULL * 10 ** (-12.7):
        return 127
    return max(0, min(127, int(round(-10 * math.log10(ms / (FULL * FULL))))))


def packet_levels(pcm, count, preskip):
    """Packet i decodes to source samples [i*960-preskip, (i+1)*960-preskip)."""
    out = []
    for i in range(count):
        a, b = i * FRAME - preskip, (i + 1) * FRAME - preskip
        frame = [0] * max(0, -a) + pcm[max(0, a):max(0, b)]
        frame += [0] * (FRAME - len(frame))
        out.append(level(frame))
    return out


def cmd_levels(ogg, source_raw, decoded_raw, out):
    head, packets = ogg_packets(ogg)
    preskip = struct.unpack("<H", head[10:12])[0]
    src = read_raw(source_raw)
    levels = packet_levels(src, len(packets), preskip)
    dec = packet_levels(read_raw(decoded_raw), len(packets), preskip)
    diff = sorted(abs(a - b) for a, b in zip(levels, dec) if a < 127 and b < 127)
    median = diff[len(diff) // 2] if diff else 0
    if median > 6:
        sys.exit("%s: levels of decoded audio differ from source by a median of %d" % (ogg, median))
    with open(out, "w") as f:
        f.write("".join("%d\n" % v for v in levels))
    with open(out) as f:
        lines = f.read().splitlines()
    if len(lines) != len(packets):
        sys.exit("%s: %d level lines for %d packets" % (out, len(lines), len(packets)))
    print("%s: %d pages of 1 packet (%d pre-skip), %.2f s; levels min %d median %d max %d; "
          "decoded-vs-source median diff %d" % (ogg, len(packets), preskip, len(packets) * 0.02,
          min(levels), sorted(levels)[len(levels) // 2], max(levels), median))


def cmd_ivfcheck(path, width, height, frames, gop):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"DKIF" or data[8:12] != b"VP80":
        sys.exit("%s: not VP8 IVF" % path)
    w, h, den, num = struct.unpack("<HHII", data[12:24])
    if (w, h) != (int(width), int(height)):
        sys.exit("%s: %dx%d, want %sx%s" % (path, w, h, width, height))
    pos, n, keys = struct.unpack("<H", data[6:8])[0], 0, []
    while pos < len(data):
        size = struct.unpack("<I", data[pos:pos + 4])[0]
        frame = data[pos + 12:pos + 12 + size]
        if frame[0] & 1 == 0:  # VP8 frame tag: bit 0 clear = key frame
            keys.append(n)
            if frame[3:6] != b"\x9d\x01\x2a":
                sys.exit("%s: key frame %d lacks the VP8 start code" % (path, n))
            fw, fh = struct.unpack("<HH", frame[6:10])
            if (fw & 0x3FFF, fh & 0x3FFF) != (w, h):
                sys.exit("%s: key frame %d is %dx%d" % (path, n, fw & 0x3FFF, fh & 0x3FFF))
        if not frame[0] & 0x10:
            sys.exit("%s: frame %d is not shown (alt-ref); the soft endpoint sends every frame" % (path, n))
        pos += 12 + size
        n += 1
    want = list(range(0, n, int(gop)))
    if n != int(frames) or keys != want:
        sys.exit("%s: %d frames, key frames at %s; want %s frames, key frames at %s"
                 % (path, n, keys, frames, want))
    print("%s: VP8 %dx%d, %d/%d fps, %d frames, key frames every %s (%d), %.0f kbit/s"
          % (path, w, h, den, num, n, gop, len(keys), len(data) * 8 / (n / (den / num)) / 1000))


def annexb_nals(data):
    """Splits an Annex-B byte stream into (offset, NAL unit) pairs; trailing zero bytes dropped."""
    starts, i = [], 0
    while True:
        i = data.find(b"\x00\x00\x01", i)
        if i < 0:
            break
        starts.append(i + 3)
        i += 3
    out = []
    for k, s in enumerate(starts):
        end = starts[k + 1] - 3 if k + 1 < len(starts) else len(data)
        out.append((s, data[s:end].rstrip(b"\x00")))
    return out


def cmd_h264constrain(path):
    """Sets constraint_set2_flag in every SPS: x264's constrained baseline says 42c0xx, WebRTC
    offers 42e0xx (a constrained-baseline stream conforms to Extended too, so the flag is true)."""
    with open(path, "rb") as f:
        data = bytearray(f.read())
    for off, nal in annexb_nals(bytes(data)):
        if nal[0] & 0x1F == 7:
            data[off + 2] |= 0x20
    with open(path, "wb") as f:
        f.write(data)


def cmd_h264check(path, width, height, fps, frames, gop):
    """SPS says profile-level-id 42e01f; SPS+PPS right before an IDR every gop frames, no other IDR."""
    with open(path, "rb") as f:
        data = f.read()
    n, idrs, last = 0, [], []
    for _, nal in annexb_nals(data):
        t = nal[0] & 0x1F
        if t == 7 and nal[1:4].hex() != "42e01f":
            sys.exit("%s: SPS profile-level-id %s, want 42e01f" % (path, nal[1:4].hex()))
        if t in (1, 5):
            if t == 5:
                if 7 not in last or 8 not in last:
                    sys.exit("%s: IDR at frame %d not preceded by SPS and PPS" % (path, n))
                idrs.append(n)
            n += 1
            last = []
        else:
            last.append(t)
    want = list(range(0, n, int(gop)))
    if n != int(frames) or idrs != want:
        sys.exit("%s: %d frames, IDR at %s; want %s frames, IDR at %s" % (path, n, idrs, frames, want))
    print("%s: H.264 42e01f %sx%s, %s fps, %d frames, IDR with SPS/PPS every %s (%d), %.0f kbit/s"
          % (path, width, height, fps, n, gop, len(idrs), len(data) * 8 / (n / float(fps)) / 1000))


# ---- registry -----------------------------------------------------------------------------
# Real names: only units of the new Gia Lai (Nghị quyết 1664/NQ-UBTVQH15, in force 1 July 2025)
# that we are sure of. Everything else is a clearly marked sample.
REAL_WARDS = [
    ("PLEIKU", "Pleiku"), ("HOIPHU", "Hội Phú"), ("THONGNHAT", "Thống Nhất"),
    ("DIENHONG", "Diên Hồng"), ("ANPHU", "An Phú"), ("ANKHE", "An Khê"), ("AYUNPA", "Ayun Pa"),
    ("QUYNHON", "Quy Nhơn"), ("QUYNHONDONG", "Quy Nhơn Đông"), ("QUYNHONTAY", "Quy Nhơn Tây"),
    ("QUYNHONNAM", "Quy Nhơn Nam"), ("QUYNHONBAC", "Quy Nhơn Bắc"), ("BINHDINH", "Bình Định"),
    ("ANNHON", "An Nhơn"), ("ANNHONDONG", "An Nhơn Đông"), ("ANNHONNAM", "An Nhơn Nam"),
    ("ANNHONBAC", "An Nhơn Bắc"),
]
REAL_COMMUNES = [
    ("IAGRAI", "Ia Grai"), ("IAO", "Ia O"), ("NHONCHAU", "Nhơn Châu"), ("IAPUCH", "Ia Púch"),
    ("IAMO", "Ia Mơ"), ("IAPNON", "Ia Pnôn"), ("IANAN", "Ia Nan"), ("IADOM", "Ia Dom"),
    ("IACHIA", "Ia Chia"), ("KRONG", "Krong"), ("BIENHO", "Biển Hồ"), ("GAO", "Gào"),
    ("ANNHONTAY", "An Nhơn Tây"), ("PHUMYTAY", "Phù Mỹ Tây"),
]
AGENCIES = [
    ("SO-KHCN", "Sở Khoa học và Công nghệ", "Phòng họp trực tuyến Trung tâm Chuyển đổi số"),
    ("SO-NV", "Sở Nội vụ", None), ("SO-TC", "Sở Tài chính", None), ("SO-TP", "Sở Tư pháp", None),
    ("SO-XD", "Sở Xây dựng", None), ("SO-CT", "Sở Công Thương", None),
    ("SO-NNMT", "Sở Nông nghiệp và Môi trường", None), ("SO-GDDT", "Sở Giáo dục và Đào tạo", None),
    ("SO-YT", "Sở Y tế", None), ("SO-VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", None),
    ("SO-NGV", "Sở Ngoại vụ", None), ("SO-DTTG", "Sở Dân tộc và Tôn giáo", None),
    ("THANH-TRA", "Thanh tra tỉnh", None), ("CONG-AN", "Công an tỉnh", None),
    ("BCH-QS", "Bộ Chỉ huy Quân sự tỉnh", None), ("VP-TU", "Văn phòng Tỉnh ủy", None),
    ("VP-DBQH-HDND", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", None),
    ("BQL-KKT", "Ban Quản lý Khu kinh tế tỉnh", None),
    ("BAO-PTTH", "Báo và Phát thanh, Truyền hình Gia Lai", None),
    ("MTTQ-TINH", "Ủy ban MTTQ Việt Nam tỉnh", None),
]
HEADER = ["id", "name", "unit_id", "unit_name", "unit_kind", "role", "room", "address", "device_ip"]
WARDS, COMMUNES = 25, 110


def registry_rows():
    rows = [["UBND-TINH", "UBND tỉnh Gia Lai (điểm cầu chính)", "UBND-TINH",
             "Văn phòng UBND tỉnh Gia Lai", "province", "main",
             "Phòng họp trực tuyến Văn phòng UBND tỉnh", "Phường Quy Nhơn, tỉnh Gia Lai", "10.60.0.10"]]
    for i, (uid, name, room) in enumerate(AGENCIES):
        unit = name if name.endswith("Gia Lai") else name.replace(" tỉnh", "") + " tỉnh Gia Lai"
        rows.append([uid, name, uid, unit, "agency", "sub",
                     room or "Phòng họp trực tuyến " + name, "Phường Quy Nhơn, tỉnh Gia Lai",
                     "10.60.1.%d" % (11 + i)])

    def local(kind, prefix, real, sample_id, sample_name, subnet):
        word = "Phường" if kind == "ward" else "Xã"
        units = [(prefix + code, "%s %s" % (word, name), "%s %s" % (word.lower(), name)) for code, name in real]
        total = WARDS if kind == "ward" else COMMUNES
        for k in range(1, total - len(real) + 1):
            units.append((sample_id % k, sample_name % k + " (dữ liệu mẫu)", sample_name.replace(word, word.lower()) % k))
        for j, (uid, unit_name, short) in enumerate(units):
            name = "UBND " + short + (" (dữ liệu mẫu)" if unit_name.endswith("(dữ liệu mẫu)") else "")
            rows.append([uid, name, uid, unit_name, kind, "sub", "Phòng họp trực tuyến UBND " + short,
                         "Trụ sở UBND %s, tỉnh Gia Lai" % short,
                         "10.60.%d.%d" % (subnet + j // 200, 11 + j % 200)])

    local("ward", "PHUONG-", REAL_WARDS, "PHUONG-MAU-%02d", "Phường Mẫu %02d", 2)
    local("commune", "XA-", REAL_COMMUNES, "XA-MAU-%03d", "Xã Mẫu %03d", 3)
    return rows


def cmd_registry(out):
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(registry_rows())


def cmd_validate(path):
    idre = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,39}$")
    ipre = re.compile(r"^10\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if rows[0] != HEADER:
        sys.exit("%s: header %r" % (path, rows[0]))
    seen, ips, kinds, units = set(), set(), {}, {}
    for n, r in enumerate(rows[1:], start=2):
        if len(r) != len(HEADER):
            sys.exit("%s:%d: %d fields" % (path, n, len(r)))
        d = dict(zip(HEADER, r))
        for k in ("id", "unit_id"):
            if not idre.match(d[k]):
                sys.exit("%s:%d: bad %s %r" % (path, n, k, d[k]))
        if d["id"] in seen:
            sys.exit("%s:%d: duplicate id %s" % (path, n, d["id"]))
        seen.add(d["id"])
        if d["device_ip"]:
            m = ipre.match(d["device_ip"])
            if not m or not all(0 <= int(x) <= 255 for x in m.groups()) or d["device_ip"] in ips:
                sys.exit("%s:%d: bad or duplicate device_ip %r" % (path, n, d["device_ip"]))
            ips.add(d["device_ip"])
        if d["role"] not in ("main", "sub") or d["unit_kind"] not in ("province", "agency", "commune", "ward"):
            sys.exit("%s:%d: bad role/unit_kind" % (path, n))
        if units.setdefault(d["unit_id"], (d["unit_name"], d["unit_kind"])) != (d["unit_name"], d["unit_kind"]):
            sys.exit("%s:%d: unit %s named or kinded inconsistently" % (path, n, d["unit_id"]))
        if d["unit_kind"] in ("commune", "ward") and d["unit_id"] != d["id"]:
            sys.exit("%s:%d: a commune/ward is its own unit" % (path, n))
        if not all(d[k].strip() for k in ("name", "unit_name", "room", "address")):
            sys.exit("%s:%d: empty field" % (path, n))
        kinds[(d["unit_kind"], d["role"])] = kinds.get((d["unit_kind"], d["role"]), 0) + 1
    mains = [r[0] for r in rows[1:] if r[5] == "main"]
    if mains != ["UBND-TINH"] or kinds.get(("province", "main")) != 1:
        sys.exit("%s: main rows %r" % (path, mains))
    if kinds.get(("commune", "sub")) != COMMUNES or kinds.get(("ward", "sub")) != WARDS:
        sys.exit("%s: %r, want %d communes and %d wards" % (path, kinds, COMMUNES, WARDS))
    print("%s: %d bridge points: %s" % (path, len(rows) - 1,
          ", ".join("%s/%s %d" % (k[0], k[1], v) for k, v in sorted(kinds.items()))))


if __name__ == "__main__":
    cmd = sys.argv[1]
    globals()["cmd_" + cmd](*sys.argv[2:])
PY
kit() { python3 "$WORK/clipkit.py" "$@"; }

# ---------------------------------------------------------------- speech-vi
# A technician at a commune bridge point, reporting before a meeting; pauses between sentences.
SENTENCES=(
	"Xin chào điểm cầu chính."
	"Đây là điểm cầu xã Ia Grai, chúng tôi đã sẵn sàng."
	"Đường truyền ổn định, hình ảnh và âm thanh đều rõ."
	"Đề nghị điểm cầu chính cho phép chúng tôi phát biểu."
	"Xin cảm ơn."
)
GAPS_MS=(650 800 700 600 450) # pause after each sentence
parts=(300)                   # lead-in before the first sentence
for i in "${!SENTENCES[@]}"; do
	espeak-ng -v vi -s 170 -p 45 -a 120 -w "$WORK/s$i.wav" "${SENTENCES[$i]}"
	"${FF[@]}" -i "$WORK/s$i.wav" -af "aresample=48000:resampler=swr" -ac 1 -f s16le "$WORK/s$i.raw"
	parts+=("$WORK/s$i.raw" "${GAPS_MS[$i]}")
done
kit speech "$WORK/speech.raw" -24 -58 6464 "${parts[@]}"

# ---------------------------------------------------------------- roomtone
kit roomtone "$WORK/roomtone.raw" 4 -55 1107

# ---------------------------------------------------------------- encode + levels
for clip in speech roomtone; do
	out="$HERE/$clip.ogg"
	[[ $clip == speech ]] && out="$HERE/speech-vi.ogg"
	"${FF[@]}" -f s16le -ar 48000 -ac 1 -i "$WORK/$clip.raw" "${OPUS[@]}" "$out"
	"${FF[@]}" -i "$out" -ar 48000 -ac 1 -f s16le "$WORK/$clip.decoded.raw"
	kit levels "$out" "$WORK/$clip.raw" "$WORK/$clip.decoded.raw" "${out%.ogg}.levels"
done

# ---------------------------------------------------------------- camera-720p.ivf
# testsrc2 (colour bars, gradients, a running clock) with an orange box sweeping across it.
"${FF[@]}" \
	-f lavfi -i "testsrc2=size=1280x720:rate=30:duration=6" \
	-f lavfi -i "color=c=0xE07020:size=200x140:rate=30:duration=6" \
	-filter_complex "[0][1]overlay=x='mod(t*360,W-w)':y='(H-h)/2+180*sin(t*2.1)':shortest=1,format=yuv420p" \
	-c:v libvpx -b:v 1200k -minrate 1200k -maxrate 1200k -bufsize 600k \
	-g 30 -keyint_min 30 -deadline realtime -cpu-used -8 -lag-in-frames 0 -auto-alt-ref 0 \
	-threads 1 -map_metadata -1 -fflags +bitexact -flags:v +bitexact \
	-f ivf "$HERE/camera-720p.ivf"
kit ivfcheck "$HERE/camera-720p.ivf" 1280 720 180 30

# ---------------------------------------------------------------- video-720p.h264
# The same picture as camera-720p.ivf, in H.264 as a SIP room system or a browser sends it:
# constrained baseline (no B-frames), level 3.1, an IDR with SPS and PPS every 2 s (no scene-cut
# IDRs), one slice a frame. libx264 writes 42c01f; h264constrain sets constraint_set2 (42e01f).
"${FF[@]}" \
	-f lavfi -i "testsrc2=size=1280x720:rate=25:duration=10" \
	-f lavfi -i "color=c=0xE07020:size=200x140:rate=25:duration=10" \
	-filter_complex "[0][1]overlay=x='mod(t*360,W-w)':y='(H-h)/2+180*sin(t*2.1)':shortest=1,format=yuv420p" \
	-c:v libx264 -profile:v baseline -level:v 3.1 -preset veryfast -tune zerolatency \
	-b:v 250k -maxrate 250k -bufsize 250k -g 50 -keyint_min 50 -sc_threshold 0 -bf 0 \
	-x264-params "repeat-headers=1:scenecut=0:sliced-threads=0:nal-hrd=none" -threads 1 \
	-map_metadata -1 -fflags +bitexact -flags:v +bitexact -f h264 "$HERE/video-720p.h264"
kit h264constrain "$HERE/video-720p.h264"
kit h264check "$HERE/video-720p.h264" 1280 720 25 250 50

# ---------------------------------------------------------------- SIP terminal's microphone
# baresip's aufile source reads WAV: 16 kHz mono 16-bit, the rate of G.722 (sip/ tests).
"${FF[@]}" -i "$HERE/speech-vi.ogg" -ar 16000 -ac 1 -c:a pcm_s16le -map_metadata -1 \
	-fflags +bitexact -flags:a +bitexact "$HERE/speech-vi-16k.wav"

# ---------------------------------------------------------------- registry
kit registry "$HERE/registry-gialai.csv"
kit validate "$HERE/registry-gialai.csv"

total=$(cat "$HERE"/*.ogg "$HERE"/*.ivf "$HERE"/*.h264 | wc -c)
echo "media total: $total bytes"
if ((total > 3 * 1024 * 1024)); then
	echo "make-clips: media exceed 3 MB" >&2
	exit 1
fi
