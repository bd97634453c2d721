package mix

import (
	"math"
	"testing"
)

// amplitude is the amplitude of the freq Hz component of s (Goertzel over whole cycles).
func amplitude(s []int16, rate int, freq float64) float64 {
	w := 2 * math.Pi * freq / float64(rate)
	var re, im float64
	for i, v := range s {
		re += float64(v) * math.Cos(w*float64(i))
		im += float64(v) * math.Sin(w*float64(i))
	}
	return 2 * math.Hypot(re, im) / float64(len(s))
}

type talker struct {
	name string
	rate int
	freq float64 // the tone it says; 0 listens only
}

// TestMixMinusOwn: every receiver hears the others' tones at their level and
// not its own, across the three codec rates.
func TestMixMinusOwn(t *testing.T) {
	talkers := []talker{
		{"opus", 48000, 440},
		{"g722", 16000, 1000},
		{"pcmu", 8000, 700},
		{"listener", 16000, 0},
	}
	const amp, ticks = 6000, 30
	m := New()
	parties := make([]*Party, len(talkers))
	for i, tk := range talkers {
		p, err := m.Join(tk.rate)
		if err != nil {
			t.Fatal(err)
		}
		parties[i] = p
	}
	heard := make([][]int16, len(talkers))
	for tick := range ticks {
		for i, tk := range talkers {
			if tk.freq == 0 {
				continue
			}
			n := frameLen(tk.rate)
			if err := parties[i].Put(tone(tk.rate, tk.freq, amp, float64(-tick*n), n)); err != nil {
				t.Fatal(err)
			}
		}
		m.Mix()
		for i := range talkers {
			heard[i] = append(heard[i], parties[i].Mixed()...)
		}
	}
	for i, rx := range talkers {
		tail := heard[i][frameLen(rx.rate)*10:] // past the filters filling up
		for _, tx := range talkers {
			if tx.freq == 0 {
				continue
			}
			a := amplitude(tail, rx.rate, tx.freq)
			if tx.name == rx.name {
				if a > amp/1000 {
					t.Errorf("%s hears itself at amplitude %.0f", rx.name, a)
				}
			} else if math.Abs(a-amp)/amp > 0.05 {
				t.Errorf("%s hears %s at amplitude %.0f, want %d", rx.name, tx.name, a, amp)
			}
		}
	}
}

// TestMixSaturates: many loud sources in phase must limit, never wrap around.
func TestMixSaturates(t *testing.T) {
	tests := []struct {
		name    string
		sources int
		level   int16
	}{
		{"two at full scale", 2, 32767},
		{"ten at half scale", 10, -16384},
		{"forty at full negative", 40, -32768},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := New()
			var ps []*Party
			for range tc.sources + 1 {
				p, err := m.Join(Rate)
				if err != nil {
					t.Fatal(err)
				}
				ps = append(ps, p)
			}
			frame := make([]int16, frameLen(Rate))
			for i := range frame {
				frame[i] = tc.level
			}
			for tick := range 20 {
				for _, p := range ps[:tc.sources] {
					if err := p.Put(frame); err != nil {
						t.Fatal(err)
					}
				}
				m.Mix()
				for _, v := range ps[tc.sources].Mixed() {
					if (v < 0) != (tc.level < 0) || v == 0 {
						t.Fatalf("tick %d: sample %d from sources at %d", tick, v, tc.level)
					}
					if tick > 0 && (v > ceiling+1 || v < -ceiling-1) {
						t.Fatalf("tick %d: sample %d past the limiter's ceiling %d", tick, v, ceiling)
					}
				}
			}
		})
	}
}

// TestMixLeave: a party that left is no longer heard.
func TestMixLeave(t *testing.T) {
	m := New()
	a, _ := m.Join(Rate)
	b, _ := m.Join(Rate)
	c, _ := m.Join(Rate)
	for range 3 {
		a.Put(tone(Rate, 500, 8000, 0, 960))
		b.Put(tone(Rate, 900, 8000, 0, 960))
		m.Mix()
	}
	if amplitude(c.Mixed(), Rate, 900) < 7000 {
		t.Fatal("c does not hear b before b leaves")
	}
	m.Leave(b)
	b.Put(tone(Rate, 900, 8000, 0, 960))
	a.Put(tone(Rate, 500, 8000, 0, 960))
	m.Mix()
	if got := amplitude(c.Mixed(), Rate, 900); got > 10 {
		t.Fatalf("c still hears b after it left: amplitude %.0f", got)
	}
}

func TestPutRefusesWrongFrame(t *testing.T) {
	m := New()
	p, _ := m.Join(16000)
	if err := p.Put(make([]int16, 960)); err == nil {
		t.Fatal("a 48 kHz frame from a 16 kHz party was accepted")
	}
	if _, err := m.Join(44100); err == nil {
		t.Fatal("a 44.1 kHz party joined")
	}
}

// TestMixDoesNotAllocate: a steady tick — frames in, Mix, frames out — allocates nothing.
func TestMixDoesNotAllocate(t *testing.T) {
	m := New()
	rates := []int{48000, 16000, 8000, 16000, 16000}
	var ps []*Party
	for _, r := range rates {
		p, _ := m.Join(r)
		ps = append(ps, p)
	}
	frames := [][]int16{tone(48000, 300, 5000, 0, 960), tone(16000, 300, 5000, 0, 320), tone(8000, 300, 5000, 0, 160)}
	tick := func() {
		ps[0].Put(frames[0])
		ps[1].Put(frames[1])
		ps[2].Put(frames[2])
		m.Mix()
	}
	tick()
	if n := testing.AllocsPerRun(100, tick); n != 0 {
		t.Fatalf("%v allocations per tick", n)
	}
}

// A source-only party is heard by the others and gets no mix of its own.
func TestJoinSourceIsHeardAndGetsNoMix(t *testing.T) {
	m := New()
	src, err := m.JoinSource(Rate)
	if err != nil {
		t.Fatal(err)
	}
	listener, err := m.Join(16000)
	if err != nil {
		t.Fatal(err)
	}
	frame := make([]int16, frameLen(Rate))
	for i := range frame {
		frame[i] = 4000
	}
	for range 5 {
		if err := src.Put(frame); err != nil {
			t.Fatal(err)
		}
		m.Mix()
	}
	if src.Mixed() != nil {
		t.Fatal("a source-only party got a mix")
	}
	heard := listener.Mixed()
	if len(heard) != frameLen(16000) || heard[len(heard)-1] < 3000 {
		t.Fatalf("the listener heard %d samples ending in %d, want the source's level", len(heard), heard[len(heard)-1])
	}
}
