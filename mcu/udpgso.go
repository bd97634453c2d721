package mcu

import (
	"net/netip"

	"golang.org/x/net/ipv4"
)

// UDP generic segmentation offload (GSO) on the shared port. A camera's frame is several RTP
// packets, and a batch holds each of them for every receiver; the packets of one frame for one
// receiver are mostly of one size (payloaders cut frames into equal parts), so they can leave
// as one datagram that the kernel cuts into segments: one trip down the network stack instead
// of one per packet. Order per receiver is kept; packets of other sizes, and packets for a
// receiver that has no open run, go as before.
const (
	gsoMaxSegments = 64    // UDP_MAX_SEGMENTS of older kernels
	gsoMaxBytes    = 65000 // a GSO datagram stays under 64 KiB
	gsoOOBCap      = 32    // room for one UDP_SEGMENT control message
)

// gsoRun is one outgoing datagram of the batch: the packets queued for one address, all of
// size bytes but the last, which may be shorter and ends the run.
type gsoRun struct {
	first int // index of its first packet in the batch
	count int
	bytes int
	size  int
	ended bool
}

// gsoState is the scratch of a flush with GSO, preallocated per socket (guarded by batchConn.mu).
type gsoState struct {
	on   bool
	open map[netip.AddrPort]int // address → its latest run
	runs []gsoRun
	of   [batchCap]int    // packet → its run
	fill [batchCap]int    // run → packets placed so far
	iov  [batchCap][]byte // the runs' packets, run after run
	out  [batchCap]ipv4.Message
	oob  [batchCap][gsoOOBCap]byte
}

// plan groups the n queued packets into runs; it returns how many runs there are.
func (g *gsoState) plan(n int, dst *[batchCap]netip.AddrPort, msgs *[batchCap]ipv4.Message) int {
	clear(g.open)
	g.runs = g.runs[:0]
	for i := 0; i < n; i++ {
		size := len(msgs[i].Buffers[0])
		if r, ok := g.open[dst[i]]; ok {
			run := &g.runs[r]
			if !run.ended && size <= run.size && run.count < gsoMaxSegments && run.bytes+size <= gsoMaxBytes {
				run.count++
				run.bytes += size
				run.ended = size < run.size
				g.of[i] = r
				continue
			}
		}
		g.open[dst[i]] = len(g.runs)
		g.of[i] = len(g.runs)
		g.runs = append(g.runs, gsoRun{first: i, count: 1, bytes: size, size: size})
	}
	// Lay the runs' packets out one run after the other and make one message per run.
	off := 0
	for r := range g.runs {
		g.fill[r] = off
		off += g.runs[r].count
	}
	for i := 0; i < n; i++ {
		r := g.of[i]
		g.iov[g.fill[r]] = msgs[i].Buffers[0]
		g.fill[r]++
	}
	for r := range g.runs {
		run := &g.runs[r]
		start := g.fill[r] - run.count
		m := &g.out[r]
		m.Buffers = g.iov[start:g.fill[r]]
		m.Addr = msgs[run.first].Addr
		m.OOB = nil
		if run.count > 1 {
			m.OOB = gsoControl(&g.oob[r], uint16(run.size))
		}
	}
	return len(g.runs)
}
