package mcu

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// BenchmarkJoinBurst joins joinBurstN real Pion peers at once and waits until all are connected;
// ms/burst is the time from the first offer to the last connection. Run it with -cpuprofile or
// -mutexprofile to see what the MCU's join path spends (the peers run in the same process).
func BenchmarkJoinBurst(b *testing.B) {
	const joinBurstN = 40
	for b.Loop() {
		b.StopTimer()
		m, spec, creds := newBenchMCU(b, Config{Loopback: true}, "burst", "J", joinBurstN)
		c, err := m.Open(context.Background(), spec)
		if err != nil {
			b.Fatal(err)
		}
		srv := httptest.NewServer(m.Handler())
		clients := make([]*testClient, 0, joinBurstN)
		for id, secret := range creds {
			clients = append(clients, newQuietClient(b, srv.URL, id, secret))
		}
		b.StartTimer()
		start := time.Now()
		var wg sync.WaitGroup
		codes := make([]int, len(clients))
		for i, cl := range clients {
			wg.Go(func() { codes[i] = cl.join(context.Background()) })
		}
		wg.Wait()
		for i, code := range codes {
			if code != 201 {
				b.Fatalf("join %s: status %d", clients[i].id, code)
			}
		}
		eventually(b, time.Minute, func() bool { return c.Snapshot().Connected == joinBurstN }, "burst never connected")
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/burst")
		b.StopTimer()
		for _, cl := range clients {
			cl.close()
		}
		srv.Close()
		_ = m.Close()
		b.StartTimer()
	}
}
